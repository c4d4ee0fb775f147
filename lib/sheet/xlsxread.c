#include "sheet/xlsxread.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "sheet/sheet.h"

/* Bytes inflated and handed to expat at a time. */
#define CHUNK (64 * 1024)
/* Expat keeps a whole tag (or comment) in memory before reporting it: more than this
 * many bytes fed with no event in between is refused rather than buffered. */
#define MAX_TOKEN (4 * 1024 * 1024)
/* Excel allows 31 characters in a sheet name and far fewer sheets than this. */
#define MAX_SHEETS 1000
#define MAX_SHEET_NAME 255
/* Styles beyond these counts are read as not dates (Excel has at most 64000). */
#define MAX_XFS 65536
/* Excel allows about 250 custom formats; this bounds the lookups of each xf. */
#define MAX_NUMFMTS 1024
/* Open elements: spreadsheets nest a handful; each costs expat memory. */
#define MAX_DEPTH 256
/* Column XFD is Excel's last; three letters are accepted, beyond is not a reference. */
#define MAX_REF_COL (26 + 26 * 26 + 26 * 26 * 26)
/* Excel's last row. */
#define MAX_ROW_NO 1048576
/* The largest serial Excel shows as a date: 31/12/9999. */
#define MAX_DATE_SERIAL 2958465
/* Significant digits Excel keeps and shows. */
#define DIGITS 15
/* A number whose plain decimal form would pass this many digits stays as written. */
#define MAX_PLAIN_DIGITS 330

enum { GOING, STOPPED, FAILED };

enum ctype { T_NUMBER, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE_ISO };

struct sheet {
	size_t name;   /* offset in names */
	size_t rid;    /* offset in rids */
	char *target;  /* zip entry name, from the relationships; owned */
};

struct xr {
	zip_t *za;
	struct strbuf *err;
	int state;
	size_t max_rows, max_cols, max_cell, max_uncompressed, max_ratio;
	size_t max_shared_strings, max_shared_bytes;
	size_t inflated;          /* all parts so far */
	unsigned char *chunk;     /* CHUNK bytes */

	/* The part being parsed. */
	XML_Parser p;
	const char *part;
	unsigned long long fed, last_event;
	size_t depth;
	void (*on_start)(struct xr *x, const char *name, const char **atts);
	void (*on_end)(struct xr *x, const char *name);

	/* Text being collected (a <v>, a <t>); its limit, and what passing it means. */
	struct strbuf text;
	bool collect;
	size_t text_max;
	int text_over;            /* 0: cell limit; 1: shared bytes limit */

	/* xl/workbook.xml and its relationships. */
	struct sheet *sheets;
	size_t nsheets;
	struct strbuf names, rids;
	bool date1904;
	bool in_sheets;
	char *sst_target, *styles_target;

	/* xl/styles.xml */
	unsigned *xf_fmt;         /* numFmtId of each cellXfs/xf */
	size_t nxf;
	struct { unsigned id; bool date; } *fmts;
	size_t nfmts;
	int in_cellxfs, in_numfmts;
	unsigned char *xf_date;   /* resolved: whether xf i is a date format */

	/* Shared strings: each NUL-terminated in sst, starting at sst_off[i]. */
	struct strbuf sst;
	size_t *sst_off;
	size_t nsst, sst_cap;
	int in_si, in_rph;

	/* The worksheet. */
	bool in_row, in_cell, in_is;
	size_t row_no, prev_row;
	size_t next_col, col;
	enum ctype type;
	size_t style;
	struct strbuf val;        /* a cell's value, formatted */
	struct strbuf cells;      /* this row's non-empty cells, each followed by a NUL */
	size_t *offs, *lens;      /* per column: offset in cells (SIZE_MAX: empty) */
	const char **ptrs;
	size_t cap, ncells;       /* ncells: the last non-empty column + 1 */
	xlsxr_row_fn fn;
	void *ctx;
	struct xlsxr_info *info;
};

static const char no_memory[] = "Não há memória para ler o arquivo agora; tente mais tarde.";
static const char invalid[] = "O arquivo não é uma planilha XLSX válida";

static void fail(struct xr *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct xr *x, const char *fmt, ...)
{
	va_list ap;

	x->state = FAILED;
	if (x->p)
		XML_StopParser(x->p, XML_FALSE);
	if (!x->err)
		return;
	sb_reset(x->err);
	va_start(ap, fmt);
	sb_vprintf(x->err, fmt, ap);
	va_end(ap);
}

/* "Not a valid XLSX" with the part and what is wrong with it. */
static void fail_part(struct xr *x, const char *what)
{
	if (x->p)
		fail(x, "%s: a parte %s %s (linha %lu).", invalid, x->part, what,
		     (unsigned long)XML_GetCurrentLineNumber(x->p));
	else
		fail(x, "%s: a parte %s %s.", invalid, x->part, what);
}

static size_t or_default(size_t v, size_t def)
{
	return v ? v : def;
}

/* ---- XML helpers ---- */

/* Names come as "namespace|local" (the parser is namespace-aware, so any prefix works). */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), want) == 0)
			return atts[i + 1];
	return NULL;
}

/* A decimal number of at most `max`, digits only. */
static bool parse_uint(const char *s, size_t max, size_t *out)
{
	size_t v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (max - (size_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return true;
}

static void event(struct xr *x)
{
	x->last_event = (unsigned long long)XML_GetCurrentByteIndex(x->p);
}

/* Every part's element handlers: the bookkeeping, then the part's own (name: local). */
static void g_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xr *x = ud;

	event(x);
	if (x->state != GOING)
		return;
	if (++x->depth > MAX_DEPTH) {
		fail_part(x, "tem elementos XML aninhados demais");
		return;
	}
	x->on_start(x, local(name), atts);
}

static void g_end(void *ud, const XML_Char *name)
{
	struct xr *x = ud;

	event(x);
	if (x->state != GOING)
		return;
	x->depth--;
	x->on_end(x, local(name));
}

static void on_default(void *ud, const XML_Char *s, int len)
{
	(void)s;
	(void)len;
	event(ud);
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	struct xr *x = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	/* No part of an XLSX has one; refusing it leaves no entity to expand. */
	if (x->state == GOING)
		fail_part(x, "tem uma declaração DOCTYPE, que planilhas XLSX não usam");
}

static void fail_shared_bytes(struct xr *x)
{
	struct strbuf a = STRBUF_INIT;

	sheet_put_size(&a, x->max_shared_bytes, false);
	fail(x, "Os textos da planilha somam mais de %s, o máximo aceito: divida-a em arquivos "
	     "menores.", sb_str(&a));
	sb_free(&a);
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct xr *x = ud;

	event(x);
	if (x->state != GOING || !x->collect || len <= 0)
		return;
	if ((size_t)len > x->text_max - x->text.len) {
		if (x->text_over == 1) {
			fail_shared_bytes(x);
		} else {
			char name[16];
			fail(x, "Linha %zu, coluna %s: o texto tem mais de %zu bytes, o máximo por "
			     "célula.", x->row_no, sheet_column_name(x->col, name), x->max_cell);
		}
		return;
	}
	if (sb_append(&x->text, s, (size_t)len) < 0)
		fail(x, "%s", no_memory);
}

/* ---- reading a part ---- */

static void fail_bomb(struct xr *x, const char *part)
{
	fail(x, "A parte %s do arquivo se descompacta em mais de %zu vezes o seu tamanho: "
	     "parece uma \"bomba de compactação\", e o arquivo não foi lido.", part, x->max_ratio);
}

static void fail_total(struct xr *x)
{
	struct strbuf a = STRBUF_INIT;

	sheet_put_size(&a, x->max_uncompressed, false);
	fail(x, "O conteúdo descompactado do arquivo passa de %s, o máximo aceito.", sb_str(&a));
	sb_free(&a);
}

/* Parses the zip entry `name` with the handlers given (ud: x). Missing: -1 with a
 * message when required, else 1. 0 when read (or stopped), -1 on failure. */
static int parse_part(struct xr *x, const char *name, bool required,
		      void (*start)(struct xr *, const char *, const char **),
		      void (*end)(struct xr *, const char *))
{
	zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	zip_stat_t st;
	zip_file_t *zf;
	size_t got = 0;
	int rc = 0;

	x->part = name;
	if (idx < 0) {
		if (!required)
			return 1;
		fail(x, "%s: falta a parte %s.", invalid, name);
		return -1;
	}
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) < 0) {
		fail(x, "%s: a parte %s não pôde ser lida.", invalid, name);
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		fail(x, "A planilha está protegida por senha: salve-a sem senha e envie-a de novo.");
		return -1;
	}
	/* The declared sizes refuse an obvious bomb before inflating anything; the bytes
	 * actually inflated are counted below all the same. */
	if (st.valid & ZIP_STAT_SIZE) {
		if (st.size > x->max_uncompressed) {
			fail_total(x);
			return -1;
		}
		if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > XLSXR_RATIO_FLOOR &&
		    st.size / (st.comp_size ? st.comp_size : 1) > x->max_ratio) {
			fail_bomb(x, name);
			return -1;
		}
	}
	if (!(st.valid & ZIP_STAT_COMP_SIZE))
		st.comp_size = 0;

	zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		fail(x, "%s: a parte %s está corrompida.", invalid, name);
		return -1;
	}
	x->p = XML_ParserCreateNS(NULL, '|');
	if (!x->p) {
		zip_fclose(zf);
		fail(x, "%s", no_memory);
		return -1;
	}
	XML_SetUserData(x->p, x);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	x->on_start = start;
	x->on_end = end;
	x->depth = 0;
	XML_SetElementHandler(x->p, g_start, g_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetDefaultHandlerExpand(x->p, on_default);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	x->fed = x->last_event = 0;

	while (x->state == GOING) {
		zip_int64_t n = zip_fread(zf, x->chunk, CHUNK);
		if (n < 0) {
			fail(x, "%s: a parte %s está corrompida (o arquivo pode estar incompleto).",
			     invalid, name);
			break;
		}
		got += (size_t)n;
		x->inflated += (size_t)n;
		if (x->inflated > x->max_uncompressed) {
			fail_total(x);
			break;
		}
		if (got > XLSXR_RATIO_FLOOR && got / (st.comp_size ? st.comp_size : 1) > x->max_ratio) {
			fail_bomb(x, name);
			break;
		}
		x->fed += (unsigned long long)n;
		if (XML_Parse(x->p, (const char *)x->chunk, (int)n, n == 0) != XML_STATUS_OK) {
			/* Expat's own words (English) help whoever looks into the file. */
			if (x->state == GOING)
				fail(x, "%s: a parte %s está malformada (linha %lu; erro do XML: %s).",
				     invalid, name, (unsigned long)XML_GetCurrentLineNumber(x->p),
				     XML_ErrorString(XML_GetErrorCode(x->p)));
			break;
		}
		if (n == 0)
			break;
		if (x->fed - x->last_event > MAX_TOKEN) {
			fail_part(x, "tem um elemento XML grande demais");
			break;
		}
	}
	if (x->state == FAILED)
		rc = -1;
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	x->collect = false;
	return rc;
}

/* ---- opening ---- */

static const char not_xlsx[] =
	"Este arquivo não é uma planilha XLSX. Se ele é um CSV (texto separado por ponto e "
	"vírgula ou vírgula), envie-o com a extensão .csv; se é outra planilha, abra-a no "
	"Excel ou no LibreOffice e use \"Salvar como\" no formato XLSX.";

/* The entry count the zip's end record declares, before libzip builds its directory;
 * SIZE_MAX when there is no end record (libzip then says what is wrong) or it defers to
 * a zip64 record (checked after opening). */
static size_t declared_entries(const unsigned char *d, size_t len)
{
	size_t lo = len > 22 + 65535 ? len - 22 - 65535 : 0;

	if (len < 22)
		return SIZE_MAX;
	for (size_t i = len - 22 + 1; i-- > lo;)
		if (d[i] == 'P' && d[i + 1] == 'K' && d[i + 2] == 5 && d[i + 3] == 6) {
			size_t n = (size_t)d[i + 10] | (size_t)d[i + 11] << 8;
			return n == 0xFFFF ? SIZE_MAX : n;
		}
	return SIZE_MAX;
}

static int open_zip(struct xr *x, const unsigned char *data, size_t len, size_t max_bytes,
		    size_t max_entries)
{
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	zip_error_t ze;
	zip_source_t *src;
	zip_int64_t n;
	size_t declared;

	if (len > max_bytes) {
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		sheet_put_size(&a, len, true);
		sheet_put_size(&b, max_bytes, false);
		fail(x, "O arquivo tem %s, acima do limite de %s.", sb_str(&a), sb_str(&b));
		sb_free(&a);
		sb_free(&b);
		return -1;
	}
	if (len >= sizeof ole && memcmp(data, ole, sizeof ole) == 0) {
		/* Encrypted OOXML is an OLE container too. */
		fail(x, "Este arquivo é uma planilha do Excel antigo (.xls) ou uma planilha "
		     "protegida por senha, não um XLSX. No Excel, use \"Salvar como\", escolha "
		     "\"Pasta de Trabalho do Excel (*.xlsx)\" e não defina senha.");
		return -1;
	}
	if (len < 4 || data[0] != 'P' || data[1] != 'K' ||
	    !((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6))) {
		fail(x, "%s", not_xlsx);
		return -1;
	}
	declared = declared_entries(data, len);
	if (declared != SIZE_MAX && declared > max_entries) {
		fail(x, "O arquivo compactado tem mais de %zu partes, o máximo aceito: não parece "
		     "ser uma planilha comum.", max_entries);
		return -1;
	}

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		fail(x, "%s", no_memory);
		return -1;
	}
	x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x->za) {
		int code = zip_error_code_zip(&ze);
		zip_source_free(src);
		zip_error_fini(&ze);
		if (code == ZIP_ER_MEMORY)
			fail(x, "%s", no_memory);
		else
			fail(x, "O arquivo XLSX está incompleto ou corrompido: salve a planilha de "
			     "novo e envie-a outra vez.");
		return -1;
	}
	zip_error_fini(&ze);

	n = zip_get_num_entries(x->za, 0);
	if (n < 0 || (zip_uint64_t)n > max_entries) {
		fail(x, "O arquivo compactado tem mais de %zu partes, o máximo aceito: não parece "
		     "ser uma planilha comum.", max_entries);
		return -1;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(x->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		/* Never extracted, but a name that climbs out of its folder is no producer's. */
		if (!name || name[0] == '/' || name[0] == '\\' || strstr(name, "..")) {
			fail(x, "%s: ele contém uma parte com nome inválido.", invalid);
			return -1;
		}
	}
	return 0;
}

/* ---- xl/workbook.xml and its relationships ---- */

static void wb_start(struct xr *x, const char *name, const char **atts)
{
	if (strcmp(name, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	} else if (strcmp(name, "sheets") == 0) {
		x->in_sheets = true;
	} else if (x->in_sheets && strcmp(name, "sheet") == 0) {
		const char *nm = attr(atts, "name"), *rid = attr(atts, "id");
		struct sheet *s;
		if (!nm || !rid || !*nm || strlen(nm) > MAX_SHEET_NAME) {
			fail_part(x, "tem uma planilha sem nome ou sem referência");
			return;
		}
		if (x->nsheets >= MAX_SHEETS) {
			fail_part(x, "tem planilhas demais");
			return;
		}
		s = realloc(x->sheets, (x->nsheets + 1) * sizeof *s);
		if (!s) {
			fail(x, "%s", no_memory);
			return;
		}
		x->sheets = s;
		s += x->nsheets;
		s->name = x->names.len;
		s->rid = x->rids.len;
		s->target = NULL;
		if (sb_append(&x->names, nm, strlen(nm) + 1) < 0 ||
		    sb_append(&x->rids, rid, strlen(rid) + 1) < 0) {
			fail(x, "%s", no_memory);
			return;
		}
		x->nsheets++;
	}
}

static void wb_end(struct xr *x, const char *name)
{
	if (strcmp(name, "sheets") == 0)
		x->in_sheets = false;
}

/* A relationship's target as a zip entry name: relative to xl/, or absolute from the
 * package root. NULL: malformed or out of memory (*oom says which). */
static char *resolve(const char *target, bool *oom)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	*oom = false;
	if (!*target || strstr(target, "..") || strstr(target, "://"))
		return NULL;
	if (target[0] == '/')
		target++;
	else if (sb_puts(&sb, "xl/") < 0)
		goto oom;
	if (strncmp(target, "./", 2) == 0)
		target += 2;
	if (sb_puts(&sb, target) < 0 || !(s = sb_detach(&sb)))
		goto oom;
	return s;
oom:
	sb_free(&sb);
	*oom = true;
	return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

static void rels_start(struct xr *x, const char *name, const char **atts)
{
	const char *id, *type, *target;
	char **slot = NULL;

	if (strcmp(name, "Relationship") != 0)
		return;
	id = attr(atts, "Id");
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	if (!id || !type || !target)
		return;
	if (ends_with(type, "/sharedStrings"))
		slot = &x->sst_target;
	else if (ends_with(type, "/styles"))
		slot = &x->styles_target;
	else
		for (size_t i = 0; i < x->nsheets && !slot; i++)
			if (strcmp(x->rids.buf + x->sheets[i].rid, id) == 0)
				slot = &x->sheets[i].target;
	if (slot && !*slot) {
		bool oom;
		*slot = resolve(target, &oom);
		if (!*slot)
			fail_part(x, oom ? "não coube na memória" : "aponta para um lugar inválido");
	}
}

static void no_end(struct xr *x, const char *name)
{
	(void)x;
	(void)name;
}

static int read_workbook(struct xr *x)
{
	if (zip_name_locate(x->za, "xl/workbook.xml", ZIP_FL_NOCASE) < 0 &&
	    zip_name_locate(x->za, "content.xml", 0) >= 0) {
		fail(x, "Este arquivo é uma planilha ODS (LibreOffice ou OpenOffice), não um XLSX. "
		     "Use \"Salvar como\" e escolha o formato XLSX (Excel 2007-365).");
		return -1;
	}
	if (parse_part(x, "xl/workbook.xml", true, wb_start, wb_end) < 0)
		return -1;
	if (x->nsheets == 0) {
		fail(x, "%s: ele não tem nenhuma planilha.", invalid);
		return -1;
	}
	return parse_part(x, "xl/_rels/workbook.xml.rels", true, rels_start, no_end) < 0 ? -1 : 0;
}

/* ---- xl/styles.xml ---- */

/* Whether a custom number format shows a date: a d, m or y outside quoted text,
 * [brackets] (colours, locales, elapsed [h]) and escaped or padding characters. */
static bool format_is_date(const char *f)
{
	for (; *f; f++) {
		switch (*f) {
		case '"':
			while (f[1] && f[1] != '"')
				f++;
			if (f[1])
				f++;
			break;
		case '[':
			while (f[1] && f[1] != ']')
				f++;
			if (f[1])
				f++;
			break;
		case '\\':
		case '_':
		case '*':
			if (f[1])
				f++;
			break;
		case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
			return true;
		}
	}
	return false;
}

static bool builtin_date(size_t id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static void st_start(struct xr *x, const char *name, const char **atts)
{
	size_t id;

	if (strcmp(name, "cellXfs") == 0) {
		x->in_cellxfs++;
	} else if (strcmp(name, "numFmts") == 0) {
		x->in_numfmts++;
	} else if (x->in_cellxfs && strcmp(name, "xf") == 0) {
		unsigned *p;
		if (x->nxf >= MAX_XFS)
			return;
		if (!parse_uint(attr(atts, "numFmtId"), UINT32_MAX, &id))
			id = 0;
		p = realloc(x->xf_fmt, (x->nxf + 1) * sizeof *p);
		if (!p) {
			fail(x, "%s", no_memory);
			return;
		}
		x->xf_fmt = p;
		x->xf_fmt[x->nxf++] = (unsigned)id;
	} else if (x->in_numfmts && strcmp(name, "numFmt") == 0) {
		const char *code = attr(atts, "formatCode");
		void *p;
		if (x->nfmts >= MAX_NUMFMTS || !code ||
		    !parse_uint(attr(atts, "numFmtId"), UINT32_MAX, &id))
			return;
		p = realloc(x->fmts, (x->nfmts + 1) * sizeof *x->fmts);
		if (!p) {
			fail(x, "%s", no_memory);
			return;
		}
		x->fmts = p;
		x->fmts[x->nfmts].id = (unsigned)id;
		x->fmts[x->nfmts].date = format_is_date(code);
		x->nfmts++;
	}
}

static void st_end(struct xr *x, const char *name)
{
	if (strcmp(name, "cellXfs") == 0 && x->in_cellxfs)
		x->in_cellxfs--;
	else if (strcmp(name, "numFmts") == 0 && x->in_numfmts)
		x->in_numfmts--;
}

static int read_styles(struct xr *x)
{
	const char *name = x->styles_target ? x->styles_target : "xl/styles.xml";

	/* Without styles nothing is a date: the numbers are still read. */
	if (parse_part(x, name, false, st_start, st_end) < 0)
		return -1;
	if (x->nxf && !(x->xf_date = calloc(x->nxf, 1))) {
		fail(x, "%s", no_memory);
		return -1;
	}
	for (size_t i = 0; i < x->nxf; i++) {
		bool date = builtin_date(x->xf_fmt[i]);
		/* A custom format (ids from 164) may also redefine a built-in id: the last
		 * definition wins, as in Excel. */
		for (size_t k = 0; k < x->nfmts; k++)
			if (x->fmts[k].id == x->xf_fmt[i])
				date = x->fmts[k].date;
		x->xf_date[i] = date;
	}
	return 0;
}

/* ---- Excel's _xHHHH_ escapes (control characters in strings) ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the escapes of s (n bytes) in place; returns the new length. A decoded
 * character never takes more bytes than its 7-byte escape. NUL and surrogates stay
 * escaped: they cannot be UTF-8 text. */
static size_t unescape(char *s, size_t n)
{
	size_t o = 0;

	if (!memchr(s, '_', n))
		return n;
	for (size_t i = 0; i < n;) {
		unsigned cp = 0;
		bool ok = i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
		for (size_t k = 2; ok && k < 6; k++) {
			int h = hexval(s[i + k]);
			ok = h >= 0;
			cp = cp << 4 | (unsigned)(h < 0 ? 0 : h);
		}
		if (!ok || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
			s[o++] = s[i++];
			continue;
		}
		if (cp < 0x80) {
			s[o++] = (char)cp;
		} else if (cp < 0x800) {
			s[o++] = (char)(0xC0 | cp >> 6);
			s[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			s[o++] = (char)(0xE0 | cp >> 12);
			s[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
			s[o++] = (char)(0x80 | (cp & 0x3F));
		}
		i += 7;
	}
	s[o] = '\0';
	return o;
}

/* ---- xl/sharedStrings.xml ---- */

static void sst_start(struct xr *x, const char *name, const char **atts)
{
	(void)atts;
	if (strcmp(name, "si") == 0) {
		if (x->nsst >= x->max_shared_strings) {
			fail(x, "A planilha tem mais de %zu textos diferentes, o máximo aceito: "
			     "divida-a em arquivos menores.", x->max_shared_strings);
			return;
		}
		x->in_si = 1;
		x->in_rph = 0;
		sb_reset(&x->text);
	} else if (x->in_si && strcmp(name, "rPh") == 0) {
		x->in_rph++;
	} else if (x->in_si && !x->in_rph && strcmp(name, "t") == 0) {
		/* Bytes left of the whole limit, the NULs counted. */
		x->collect = true;
		x->text_over = 1;
		x->text_max = x->max_shared_bytes - x->sst.len;
	}
}

static void sst_end(struct xr *x, const char *name)
{
	if (strcmp(name, "t") == 0) {
		x->collect = false;
	} else if (strcmp(name, "rPh") == 0) {
		if (x->in_rph)
			x->in_rph--;
	} else if (strcmp(name, "si") == 0 && x->in_si) {
		size_t n;
		x->in_si = 0;
		x->collect = false;
		/* Its NUL must fit too. */
		if (x->text.len >= x->max_shared_bytes - x->sst.len) {
			fail_shared_bytes(x);
			return;
		}
		if (x->nsst == x->sst_cap) {
			size_t cap = x->sst_cap ? x->sst_cap * 2 : 1024;
			size_t *p = cap <= SIZE_MAX / sizeof *p ? realloc(x->sst_off, cap * sizeof *p)
								 : NULL;
			if (!p) {
				fail(x, "%s", no_memory);
				return;
			}
			x->sst_off = p;
			x->sst_cap = cap;
		}
		n = x->text.len ? unescape(x->text.buf, x->text.len) : 0;
		x->sst_off[x->nsst] = x->sst.len;
		if (sb_append(&x->sst, x->text.buf ? x->text.buf : "", n) < 0 ||
		    sb_putc(&x->sst, '\0') < 0) {
			fail(x, "%s", no_memory);
			return;
		}
		x->nsst++;
		sb_reset(&x->text);
	}
}

static int read_shared_strings(struct xr *x)
{
	const char *name = x->sst_target ? x->sst_target : "xl/sharedStrings.xml";
	int rc = parse_part(x, name, false, sst_start, sst_end);

	/* The strings stay in x->sst; the collected text buffer is the sheet's from now. */
	x->info->shared_strings = x->nsst;
	sb_free(&x->text);
	return rc < 0 ? -1 : 0;
}

/* ---- cell values ---- */

/* A number in plain decimal. s is what the file has: [-+]digits[.digits][E[-+]digits].
 * Rounded to DIGITS significant digits, trailing zeros dropped: what Excel shows for a
 * General cell wide enough, never with an exponent. False: not such a number (or one
 * whose plain form would be absurdly long), to be kept as written. *serial gets the
 * integer part when it is between 1 and MAX_DATE_SERIAL, else 0. -1: out of memory. */
static int plain_number(const char *s, struct strbuf *out, size_t *serial)
{
	char dig[DIGITS + 1];
	size_t nd = 0, k;
	long exp10 = 0, e = 0;   /* value = 0.dig * 10^exp10 */
	bool neg = false, any = false, point = false, round_up = false, first_dropped = true;
	int esign = 1, e_oom = 0;

	*serial = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; (*s >= '0' && *s <= '9') || (*s == '.' && !point); s++) {
		if (*s == '.') {
			point = true;
			continue;
		}
		any = true;
		if (nd == 0 && *s == '0') {
			if (point)
				exp10--;
			continue;
		}
		if (nd < DIGITS) {
			dig[nd++] = *s;
		} else if (first_dropped) {
			/* Half up on the first dropped digit, as Excel displays. */
			round_up = *s >= '5';
			first_dropped = false;
		}
		if (!point)
			exp10++;
	}
	if (!any)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			esign = *s++ == '-' ? -1 : 1;
		if (*s < '0' || *s > '9')
			return 0;
		for (; *s >= '0' && *s <= '9'; s++)
			if (e < 100000)
				e = e * 10 + (*s - '0');
	}
	if (*s)
		return 0;
	exp10 += esign * e;
	if (round_up) {
		for (k = nd; k-- > 0;) {
			if (dig[k] != '9') {
				dig[k]++;
				break;
			}
			dig[k] = '0';
		}
		if (k == (size_t)-1) {
			/* 999.. became 1000..: one digit more in front. */
			memmove(dig + 1, dig, nd - 1);
			dig[0] = '1';
			exp10++;
		}
	}
	while (nd > 0 && dig[nd - 1] == '0')
		nd--;
	if (nd == 0)
		return sb_putc(out, '0') < 0 ? -1 : 1;  /* "-0" too */
	if (exp10 > MAX_PLAIN_DIGITS || exp10 < -MAX_PLAIN_DIGITS)
		return 0;

	if (!neg && exp10 >= 1 && exp10 <= 7) {
		size_t v = 0;
		for (long i = 0; i < exp10; i++)
			v = v * 10 + (size_t)(i < (long)nd ? dig[i] - '0' : 0);
		if (v >= 1 && v <= MAX_DATE_SERIAL)
			*serial = v;
	}
	if (neg)
		e_oom |= sb_putc(out, '-');
	if (exp10 <= 0) {
		e_oom |= sb_puts(out, "0.");
		for (long i = 0; i < -exp10; i++)
			e_oom |= sb_putc(out, '0');
		e_oom |= sb_append(out, dig, nd);
	} else if ((size_t)exp10 >= nd) {
		e_oom |= sb_append(out, dig, nd);
		for (long i = (long)nd; i < exp10; i++)
			e_oom |= sb_putc(out, '0');
	} else {
		e_oom |= sb_append(out, dig, (size_t)exp10);
		e_oom |= sb_putc(out, '.');
		e_oom |= sb_append(out, dig + exp10, nd - (size_t)exp10);
	}
	return e_oom ? -1 : 1;
}

/* Days since the epoch (1970-01-01) to a civil date (H. Hinnant's algorithm). */
static void civil(long z, long *y, unsigned *m, unsigned *d)
{
	long era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int put_date(struct strbuf *out, long days_since_1970)
{
	long y;
	unsigned m, d;

	civil(days_since_1970, &y, &m, &d);
	return sb_printf(out, "%02u/%02u/%04ld", d, m, y);
}

/* An ISO 8601 date (t="d" cells): its date part as dd/mm/aaaa, else as written. */
static int iso_date(const char *s, struct strbuf *out)
{
	bool ok = strlen(s) >= 10 && s[4] == '-' && s[7] == '-';

	for (int i = 0; ok && i < 10; i++)
		ok = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
	if (!ok || (s[10] && s[10] != 'T'))
		return sb_puts(out, s);
	return sb_append(out, s + 8, 2) | sb_putc(out, '/') | sb_append(out, s + 5, 2) |
	       sb_putc(out, '/') | sb_append(out, s, 4);
}

/* The cell's value from the text collected, into x->val. */
static int cell_value(struct xr *x)
{
	const char *t = sb_str(&x->text);
	size_t idx, serial;
	int e = 0, k;

	sb_reset(&x->val);
	if (!x->text.len)
		return 0;
	switch (x->type) {
	case T_SHARED:
		if (!parse_uint(t, SIZE_MAX, &idx) || idx >= x->nsst) {
			fail_part(x, "usa um texto compartilhado que não existe");
			return -1;
		}
		e = sb_puts(&x->val, x->sst.buf + x->sst_off[idx]);
		break;
	case T_INLINE:
	case T_STR:
		e = sb_append(&x->val, t, unescape(x->text.buf, x->text.len));
		break;
	case T_BOOL:
		e = sb_puts(&x->val, strcmp(t, "1") == 0 || strcmp(t, "true") == 0 ?
			    "VERDADEIRO" : "FALSO");
		break;
	case T_ERROR:
		e = sb_puts(&x->val, t);
		break;
	case T_DATE_ISO:
		e = iso_date(t, &x->val);
		break;
	case T_NUMBER:
		k = plain_number(t, &x->val, &serial);
		if (k == 0) {
			sb_reset(&x->val);
			e = sb_puts(&x->val, t);
		} else if (k < 0) {
			e = -1;
		} else if (serial && x->style < x->nxf && x->xf_date[x->style]) {
			sb_reset(&x->val);
			/* Excel (after Lotus) counts a 29/02/1900 that never was: serials
			 * before it are one day later than the 1899-12-30 base says. */
			if (x->date1904)
				e = put_date(&x->val, (long)serial - 24107);
			else if (serial == 60)
				e = sb_puts(&x->val, "29/02/1900");
			else
				e = put_date(&x->val, (long)serial - 25569 + (serial < 60));
		}
		break;
	}
	if (e) {
		fail(x, "%s", no_memory);
		return -1;
	}
	return 0;
}

/* ---- the worksheet ---- */

static int reserve(struct xr *x, size_t n)
{
	size_t cap = x->cap ? x->cap : 16, old = x->cap;
	void *p;

	if (n <= x->cap)
		return 0;
	while (cap < n)
		cap *= 2;
	/* Each array is kept as soon as it grows: cap only says all three are that big. */
	if (!(p = realloc(x->offs, cap * sizeof *x->offs)))
		return -1;
	x->offs = p;
	if (!(p = realloc(x->lens, cap * sizeof *x->lens)))
		return -1;
	x->lens = p;
	if (!(p = realloc(x->ptrs, cap * sizeof *x->ptrs)))
		return -1;
	x->ptrs = p;
	for (size_t i = old; i < cap; i++)
		x->offs[i] = SIZE_MAX;
	x->cap = cap;
	return 0;
}

/* "D7" (the row part ignored: the <row> says it) to 3; false: not a reference. */
static bool ref_col(const char *r, size_t *col)
{
	size_t c = 0, n = 0;

	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++, n++)
		c = c * 26 + (size_t)((*r | 0x20) - 'a' + 1);
	if (n == 0 || n > 3 || c > MAX_REF_COL)
		return false;
	for (; *r; r++)
		if (*r < '0' || *r > '9')
			return false;
	*col = c - 1;
	return true;
}

static void row_begin(struct xr *x, const char **atts)
{
	const char *r = attr(atts, "r");
	size_t no;

	if (r) {
		if (!parse_uint(r, MAX_ROW_NO, &no) || no == 0) {
			fail_part(x, "tem um número de linha inválido");
			return;
		}
		if (no <= x->prev_row) {
			fail_part(x, "tem linhas fora de ordem");
			return;
		}
	} else {
		no = x->prev_row + 1;
		if (no > MAX_ROW_NO) {
			fail_part(x, "tem linhas demais");
			return;
		}
	}
	x->row_no = x->prev_row = no;
	x->in_row = true;
	x->next_col = 0;
}

static void row_end(struct xr *x)
{
	x->in_row = false;
	if (x->ncells == 0)
		return;
	if (x->info->rows >= x->max_rows) {
		fail(x, "A planilha tem mais de %zu linhas preenchidas (o cabeçalho conta como "
		     "uma), o máximo aceito: divida-a em arquivos menores.", x->max_rows);
		return;
	}
	for (size_t i = 0; i < x->ncells; i++) {
		if (x->offs[i] == SIZE_MAX) {
			x->ptrs[i] = "";
			x->lens[i] = 0;
		} else {
			x->ptrs[i] = x->cells.buf + x->offs[i];
		}
	}
	x->info->rows++;
	x->info->last_row = x->row_no;
	if (x->ncells > x->info->cols)
		x->info->cols = x->ncells;
	if (x->fn && x->fn(x->ctx, x->row_no, x->ptrs, x->lens, x->ncells) != 0) {
		x->state = STOPPED;
		XML_StopParser(x->p, XML_FALSE);
	}
	for (size_t i = 0; i < x->ncells; i++)
		x->offs[i] = SIZE_MAX;
	x->ncells = 0;
	sb_reset(&x->cells);
}

static void cell_begin(struct xr *x, const char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");

	if (r) {
		if (!ref_col(r, &x->col)) {
			fail_part(x, "tem uma referência de célula inválida");
			return;
		}
	} else {
		x->col = x->next_col;
	}
	x->next_col = x->col + 1;
	x->type = T_NUMBER;
	if (t) {
		if (strcmp(t, "s") == 0)
			x->type = T_SHARED;
		else if (strcmp(t, "inlineStr") == 0)
			x->type = T_INLINE;
		else if (strcmp(t, "str") == 0)
			x->type = T_STR;
		else if (strcmp(t, "b") == 0)
			x->type = T_BOOL;
		else if (strcmp(t, "e") == 0)
			x->type = T_ERROR;
		else if (strcmp(t, "d") == 0)
			x->type = T_DATE_ISO;
	}
	if (!s || !parse_uint(s, SIZE_MAX, &x->style))
		x->style = 0;
	x->in_cell = true;
	x->in_is = false;
	x->in_rph = 0;
	sb_reset(&x->text);
}

static void cell_end(struct xr *x)
{
	char name[16];

	x->in_cell = false;
	x->collect = false;
	if (cell_value(x) < 0 || x->val.len == 0)
		return;
	if (x->col >= x->max_cols) {
		fail(x, "Linha %zu: há dados na coluna %s, além do limite de %zu colunas.",
		     x->row_no, sheet_column_name(x->col, name), x->max_cols);
		return;
	}
	if (x->val.len > x->max_cell) {
		fail(x, "Linha %zu, coluna %s: o texto tem mais de %zu bytes, o máximo por célula.",
		     x->row_no, sheet_column_name(x->col, name), x->max_cell);
		return;
	}
	if (reserve(x, x->col + 1) < 0) {
		fail(x, "%s", no_memory);
		return;
	}
	if (x->offs[x->col] != SIZE_MAX) {
		fail_part(x, "tem a mesma célula duas vezes");
		return;
	}
	x->offs[x->col] = x->cells.len;
	x->lens[x->col] = x->val.len;
	if (sb_append(&x->cells, x->val.buf, x->val.len + 1) < 0) {
		fail(x, "%s", no_memory);
		return;
	}
	if (x->col + 1 > x->ncells)
		x->ncells = x->col + 1;
}

static void ws_start(struct xr *x, const char *n, const char **atts)
{
	if (!x->in_row) {
		if (strcmp(n, "row") == 0)
			row_begin(x, atts);
	} else if (!x->in_cell) {
		if (strcmp(n, "c") == 0)
			cell_begin(x, atts);
	} else if (strcmp(n, "v") == 0) {
		/* A value of its own: what came before (a stray <is>) is not kept. */
		sb_reset(&x->text);
		x->collect = true;
	} else if (strcmp(n, "is") == 0) {
		x->in_is = true;
	} else if (x->in_is && strcmp(n, "rPh") == 0) {
		x->in_rph++;
	} else if (x->in_is && !x->in_rph && strcmp(n, "t") == 0) {
		x->collect = true;
	}
}

static void ws_end(struct xr *x, const char *n)
{
	if (x->in_cell) {
		if (strcmp(n, "c") == 0)
			cell_end(x);
		else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
			x->collect = false;
		else if (strcmp(n, "rPh") == 0 && x->in_rph)
			x->in_rph--;
		else if (strcmp(n, "is") == 0)
			x->in_is = false;
	} else if (x->in_row && strcmp(n, "row") == 0) {
		row_end(x);
	}
}

/* ---- the API ---- */

static void xr_free(struct xr *x)
{
	if (x->za)
		zip_discard(x->za);
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->sheets[i].target);
	free(x->sheets);
	sb_free(&x->names);
	sb_free(&x->rids);
	free(x->sst_target);
	free(x->styles_target);
	free(x->xf_fmt);
	free(x->fmts);
	free(x->xf_date);
	sb_free(&x->sst);
	free(x->sst_off);
	sb_free(&x->text);
	sb_free(&x->val);
	sb_free(&x->cells);
	free(x->offs);
	free(x->lens);
	free(x->ptrs);
	free(x->chunk);
}

/* Opens the zip and reads the workbook's sheet list. */
static int xr_open(struct xr *x, const unsigned char *data, size_t len,
		   const struct xlsxr_options *opt)
{
	x->max_rows = or_default(opt->max_rows, XLSXR_DEFAULT_MAX_ROWS);
	x->max_cols = or_default(opt->max_cols, XLSXR_DEFAULT_MAX_COLS);
	x->max_cell = or_default(opt->max_cell, XLSXR_DEFAULT_MAX_CELL);
	x->max_uncompressed = or_default(opt->max_uncompressed, XLSXR_DEFAULT_MAX_UNCOMPRESSED);
	x->max_ratio = or_default(opt->max_ratio, XLSXR_DEFAULT_MAX_RATIO);
	x->max_shared_strings = or_default(opt->max_shared_strings,
					   XLSXR_DEFAULT_MAX_SHARED_STRINGS);
	x->max_shared_bytes = or_default(opt->max_shared_bytes, XLSXR_DEFAULT_MAX_SHARED_BYTES);
	if (!data) {
		data = (const unsigned char *)"";
		len = 0;
	}
	if (open_zip(x, data, len, or_default(opt->max_bytes, XLSXR_DEFAULT_MAX_BYTES),
		     or_default(opt->max_entries, XLSXR_DEFAULT_MAX_ENTRIES)) < 0)
		return -1;
	if (!(x->chunk = malloc(CHUNK))) {
		fail(x, "%s", no_memory);
		return -1;
	}
	if (read_workbook(x) < 0)
		return -1;
	x->info->nsheets = x->nsheets;
	return 0;
}

int xlsxr_sheets(const unsigned char *data, size_t len, struct strbuf *names_out, size_t *n,
		 struct strbuf *err)
{
	static const struct xlsxr_options none;
	struct xlsxr_info info;
	struct xr x;
	int rc = -1;

	memset(&x, 0, sizeof x);
	memset(&info, 0, sizeof info);
	x.err = err;
	x.info = &info;
	if (n)
		*n = 0;
	if (names_out)
		sb_reset(names_out);
	if (xr_open(&x, data, len, &none) == 0) {
		rc = 0;
		if (names_out && sb_append(names_out, x.names.buf, x.names.len) < 0) {
			fail(&x, "%s", no_memory);
			rc = -1;
		} else if (n) {
			*n = x.nsheets;
		}
	}
	xr_free(&x);
	return rc;
}

int xlsxr_read(const unsigned char *data, size_t len, const struct xlsxr_options *opt,
	       xlsxr_row_fn fn, void *ctx, struct xlsxr_info *info, struct strbuf *err)
{
	static const struct xlsxr_options none;
	struct xlsxr_info scratch;
	struct xr x;
	const char *target;

	if (!opt)
		opt = &none;
	if (!info)
		info = &scratch;
	memset(info, 0, sizeof *info);
	info->sheet = opt->sheet;
	memset(&x, 0, sizeof x);
	x.err = err;
	x.info = info;
	x.fn = fn;
	x.ctx = ctx;

	if (xr_open(&x, data, len, opt) < 0)
		goto out;
	if (opt->sheet >= x.nsheets) {
		fail(&x, "A planilha escolhida (a %zuª) não existe: o arquivo tem %zu.",
		     opt->sheet + 1, x.nsheets);
		goto out;
	}
	target = x.sheets[opt->sheet].target;
	if (!target) {
		x.part = "xl/_rels/workbook.xml.rels";
		fail_part(&x, "não diz onde está a planilha escolhida");
		goto out;
	}
	if (read_styles(&x) < 0 || read_shared_strings(&x) < 0)
		goto out;
	x.text_over = 0;
	x.text_max = x.max_cell;
	parse_part(&x, target, true, ws_start, ws_end);
out:
	info->stopped = x.state == STOPPED;
	xr_free(&x);
	return x.state == FAILED ? -1 : 0;
}
