#include "sheet/csvread.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "sheet/sheet.h"
#include "base/utf8.h"

/* How many non-blank lines the delimiter is guessed from. */
#define SNIFF_LINES 20

static const char candidates[4] = { ';', ',', '\t', '|' };

static const char utf8_bom[3] = { '\xEF', '\xBB', '\xBF' };
static const char replacement[3] = { '\xEF', '\xBF', '\xBD' };  /* U+FFFD */

/* Windows-1252 0x80..0x9F as the WHATWG Encoding Standard maps them: the five bytes the
 * code page leaves unassigned (glibc's iconv refuses them) become the C1 controls of the
 * same value, so no byte can fail. 0xA0..0xFF are Latin-1. */
static const unsigned short cp1252_80[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

const char *csvr_encoding_label(enum csvr_encoding e)
{
	switch (e) {
	case CSVR_UTF8: return "UTF-8";
	case CSVR_UTF8_BOM: return "UTF-8 com BOM";
	case CSVR_UTF16LE: return "UTF-16 LE";
	case CSVR_UTF16BE: return "UTF-16 BE";
	case CSVR_WINDOWS1252: return "Windows-1252 (Excel)";
	}
	return NULL;
}

const char *csvr_delimiter_label(char d)
{
	switch (d) {
	case ';': return "ponto e vírgula (;)";
	case ',': return "vírgula (,)";
	case '\t': return "tabulação";
	case '|': return "barra vertical (|)";
	}
	return NULL;
}

/* A delimiter libcsv can split on without confusing it with quoting, line ends or the
 * spaces it trims; ASCII only, so it never cuts a UTF-8 sequence. */
static bool delim_ok(char c)
{
	return c > 0 && c != '"' && c != ' ' && c != '\r' && c != '\n';
}

/* UTF-16 without a byte order mark (rare, but "Texto Unicode" exports exist): Latin text
 * has a zero in every other byte, always on the same side, where UTF-8 and Windows-1252
 * text has none. Looks at the first 1 KB. -1: not UTF-16. */
static int utf16_guess(const unsigned char *d, size_t len)
{
	size_t n = (len < 1024 ? len : 1024) & ~(size_t)1, zeven = 0, zodd = 0;

	for (size_t i = 0; i < n; i++)
		if (d[i] == 0) {
			if (i & 1)
				zodd++;
			else
				zeven++;
		}
	if (n && zodd * 2 >= n / 2 && zeven * 16 <= zodd)
		return CSVR_UTF16LE;
	if (n && zeven * 2 >= n / 2 && zodd * 16 <= zeven)
		return CSVR_UTF16BE;
	return -1;
}

enum csvr_encoding csvr_detect_encoding(const unsigned char *data, size_t len)
{
	int g;

	if (!data)
		return CSVR_UTF8;
	if (len >= 3 && memcmp(data, utf8_bom, 3) == 0)
		return CSVR_UTF8_BOM;
	if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
		return CSVR_UTF16LE;
	if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
		return CSVR_UTF16BE;
	if (utf8_valid((const char *)data, len))
		return CSVR_UTF8;
	g = utf16_guess(data, len);
	return g >= 0 ? (enum csvr_encoding)g : CSVR_WINDOWS1252;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

static char *from_cp1252(const unsigned char *in, size_t len, size_t *outlen)
{
	char *buf, *o;

	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	buf = malloc(len * 3 + 1);
	if (!buf)
		return NULL;
	o = buf;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = in[i];
		o = put_utf8(o, b >= 0x80 && b < 0xA0 ? cp1252_80[b - 0x80] : b);
	}
	*outlen = (size_t)(o - buf);
	return buf;
}

/* Bytes at p (n left, p[0] not starting a well-formed sequence) that one U+FFFD
 * replaces: the longest prefix that could still have begun a well-formed sequence, at
 * least one byte (Unicode's "maximal subpart", as the WHATWG decoder does). */
static size_t bad_utf8_len(const unsigned char *p, size_t n)
{
	unsigned char lo, hi;
	size_t need, k;

	if (!utf8_lead(p[0], &need, &lo, &hi))
		return 1;
	for (k = 1; k <= need && k < n; k++) {
		if (p[k] < lo || p[k] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return k;
}

/* UTF-8 with each ill-formed part replaced by U+FFFD; NUL bytes are copied (the caller
 * refuses them). */
static char *repair_utf8(const unsigned char *in, size_t len, size_t *outlen)
{
	char *buf, *o;

	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	buf = malloc(len * 3 + 1);
	if (!buf)
		return NULL;
	o = buf;
	for (size_t i = 0; i < len;) {
		size_t n = in[i] ? utf8_next((const char *)in + i, len - i) : 1;
		if (n) {
			memcpy(o, in + i, n);
			o += n;
			i += n;
		} else {
			memcpy(o, replacement, 3);
			o += 3;
			i += bad_utf8_len(in + i, len - i);
		}
	}
	*outlen = (size_t)(o - buf);
	return buf;
}

/* UTF-16 through iconv; an unpaired surrogate (EILSEQ) becomes U+FFFD, and so does what
 * is left at the end when it is not a whole character (EINVAL: an odd byte, a lone high
 * surrogate), so forcing UTF-16 on any bytes gives text. */
static char *from_utf16(const unsigned char *in, size_t len, bool le, size_t *outlen)
{
	iconv_t cd;
	char *buf, *ip = (char *)in, *op;
	size_t il = len, ol, cap;

	/* Two bytes give at most three (a pair of surrogates: four give four), a trailing
	 * odd byte a U+FFFD. */
	if (len / 2 > (SIZE_MAX - 4) / 3)
		return NULL;
	cap = len / 2 * 3 + 4;
	cd = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE");
	if (cd == (iconv_t)-1)
		return NULL;
	buf = malloc(cap);
	if (!buf) {
		iconv_close(cd);
		return NULL;
	}
	op = buf;
	ol = cap;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if ((errno != EILSEQ && errno != EINVAL) || ol < 3) {
			free(buf);
			iconv_close(cd);
			return NULL;
		}
		memcpy(op, replacement, 3);
		op += 3;
		ol -= 3;
		if (errno == EINVAL) {
			il = 0;
		} else {
			size_t skip = il < 2 ? il : 2;
			ip += skip;
			il -= skip;
		}
	}
	iconv_close(cd);
	*outlen = (size_t)(op - buf);
	return buf;
}

/* The text as UTF-8 without a byte order mark: *text points into data or into *owned
 * (malloc'd; the caller frees it). -1: out of memory. */
static int to_utf8(const unsigned char *data, size_t len, enum csvr_encoding enc,
		   const char **text, size_t *tlen, char **owned)
{
	*owned = NULL;
	switch (enc) {
	case CSVR_UTF8:
	case CSVR_UTF8_BOM:
		if (len >= 3 && memcmp(data, utf8_bom, 3) == 0) {
			data += 3;
			len -= 3;
		}
		/* Well-formed text is read where it is: no copy for the common case. */
		if (utf8_valid((const char *)data, len)) {
			*text = (const char *)data;
			*tlen = len;
			return 0;
		}
		*owned = repair_utf8(data, len, tlen);
		break;
	case CSVR_UTF16LE:
	case CSVR_UTF16BE: {
		bool le = enc == CSVR_UTF16LE;
		if (len >= 2 && data[0] == (le ? 0xFF : 0xFE) && data[1] == (le ? 0xFE : 0xFF)) {
			data += 2;
			len -= 2;
		}
		*owned = from_utf16(data, len, le, tlen);
		break;
	}
	case CSVR_WINDOWS1252:
		*owned = from_cp1252(data, len, tlen);
		break;
	}
	*text = *owned;
	return *owned ? 0 : -1;
}

/* Excel's "sep=X" first line: case-insensitive "sep=", one delimiter character, then a
 * line end or the end of the file. *skip: its bytes, line end included. */
static bool sep_line(const char *t, size_t n, char *delim, size_t *skip)
{
	size_t k = 5;

	if (n < 5 || (t[0] | 0x20) != 's' || (t[1] | 0x20) != 'e' || (t[2] | 0x20) != 'p' ||
	    t[3] != '=' || !delim_ok(t[4]))
		return false;
	if (k < n) {
		if (t[k] == '\n') {
			k++;
		} else if (t[k] == '\r') {
			k++;
			if (k < n && t[k] == '\n')
				k++;
		} else {
			return false;
		}
	}
	*delim = t[4];
	*skip = k;
	return true;
}

/* The candidate that appears the same non-zero number of times (outside quotes) on the
 * most of the first SNIFF_LINES non-blank lines; a quoted line break does not end a line.
 * Ties, and text where none appears, go to the first in `candidates`. */
static char detect_delimiter(const char *t, size_t n)
{
	size_t counts[SNIFF_LINES][4], cur[4] = { 0 }, nrec = 0, best = 0, best_score = 0;
	bool quoted = false, blank = true;

	for (size_t i = 0; i <= n && nrec < SNIFF_LINES; i++) {
		char c = i < n ? t[i] : '\n';
		if (!quoted && (c == '\n' || c == '\r')) {
			if (!blank)
				memcpy(counts[nrec++], cur, sizeof cur);
			memset(cur, 0, sizeof cur);
			blank = true;
			continue;
		}
		/* Doubled quotes toggle twice: no need to tell them from opening ones. */
		if (c == '"')
			quoted = !quoted;
		else if (!quoted)
			for (size_t k = 0; k < 4; k++)
				cur[k] += c == candidates[k];
		if (c != ' ' && c != '\t')
			blank = false;
	}
	/* An unclosed quote running to the end still counts as a line. */
	if (quoted && !blank && nrec < SNIFF_LINES)
		memcpy(counts[nrec++], cur, sizeof cur);

	for (size_t k = 0; k < 4; k++) {
		size_t score = 0;
		for (size_t r = 0; r < nrec; r++) {
			size_t same = 0;
			if (!counts[r][k])
				continue;
			for (size_t r2 = 0; r2 < nrec; r2++)
				same += counts[r2][k] == counts[r][k];
			if (same > score)
				score = same;
		}
		if (score > best_score) {
			best_score = score;
			best = k;
		}
	}
	return candidates[best];
}

enum { GOING, STOPPED, FAILED };

struct reader {
	csvr_row_fn fn;
	void *ctx;
	size_t max_rows, max_cols, max_cell;
	struct strbuf *err;

	struct strbuf cells;  /* this row's cells, each followed by a NUL */
	size_t *offs, *lens;  /* of each stored cell in `cells` */
	const char **ptrs;    /* built for the callback */
	size_t cap;           /* entries of offs, lens and ptrs */
	size_t ncells;        /* cells stored: up to the last non-empty one */
	size_t col;           /* the index of the next cell libcsv hands over */

	size_t row_line;      /* where the row being read began */
	bool in_row;          /* libcsv has begun a row not ended yet */
	size_t rows;
	int state;
};

static void fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	r->state = FAILED;
	if (!r->err)
		return;
	sb_reset(r->err);
	va_start(ap, fmt);
	sb_vprintf(r->err, fmt, ap);
	va_end(ap);
}

static const char no_memory[] = "Não há memória para ler o arquivo agora; tente mais tarde.";

static int reserve(struct reader *r, size_t n)
{
	size_t cap = r->cap ? r->cap : 16;
	void *p;

	if (n <= r->cap)
		return 0;
	while (cap < n)
		cap = cap > SIZE_MAX / 2 / sizeof(size_t) ? n : cap * 2;
	if (cap > SIZE_MAX / sizeof(size_t))
		return -1;
	/* Each array is kept as soon as it grows: cap only says all three are that big. */
	if (!(p = realloc(r->offs, cap * sizeof *r->offs)))
		return -1;
	r->offs = p;
	if (!(p = realloc(r->lens, cap * sizeof *r->lens)))
		return -1;
	r->lens = p;
	if (!(p = realloc(r->ptrs, cap * sizeof *r->ptrs)))
		return -1;
	r->ptrs = p;
	r->cap = cap;
	return 0;
}

static int store(struct reader *r, const void *s, size_t len)
{
	r->offs[r->ncells] = r->cells.len;
	r->lens[r->ncells] = len;
	if (sb_append(&r->cells, s, len) < 0 || sb_putc(&r->cells, '\0') < 0)
		return -1;
	r->ncells++;
	return 0;
}

/* libcsv grows a cell's buffer a block at a time through this hook, which has no
 * context argument: the cap of the parse in progress is the thread's. A cell is never
 * allowed past max_cell and a block, so a hostile cell of 50 MB takes 10 KB of memory
 * (and not 400,000 reallocations of a growing buffer). */
#define CELL_BLOCK (16 * 1024)
static _Thread_local size_t cell_cap;
static _Thread_local bool cell_refused;

static void *capped_realloc(void *p, size_t n)
{
	if (n > cell_cap) {
		cell_refused = true;
		return NULL;
	}
	return realloc(p, n);
}

/* libcsv's field callback. Without CSV_EMPTY_IS_NULL or CSV_APPEND_NULL: s is its buffer,
 * len bytes, not terminated; copied at once. An empty cell is stored only when a
 * non-empty one follows it, so trailing empty cells never take room nor count. */
static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	size_t col;
	char name[16];

	if (r->state != GOING)
		return;
	col = r->col++;
	if (len == 0)
		return;
	if (col >= r->max_cols) {
		fail(r, "Linha %zu: há dados na coluna %s, além do limite de %zu colunas.",
		     r->row_line, sheet_column_name(col, name), r->max_cols);
		return;
	}
	if (len > r->max_cell) {
		bool breaks = memchr(s, '\n', len) || memchr(s, '\r', len);
		fail(r, "Linha %zu, coluna %s: o texto tem mais de %zu bytes, o máximo por "
		     "célula.%s", r->row_line, sheet_column_name(col, name), r->max_cell,
		     breaks ? " Ele ocupa várias linhas: talvez haja aspas (\") abertas e "
			      "não fechadas." : "");
		return;
	}
	if (reserve(r, col + 1) < 0) {
		fail(r, "%s", no_memory);
		return;
	}
	while (r->ncells < col)
		if (store(r, "", 0) < 0) {
			fail(r, "%s", no_memory);
			return;
		}
	if (store(r, s, len) < 0)
		fail(r, "%s", no_memory);
}

/* libcsv's row callback (c: the CR or LF that ended it, -1 from csv_fini). */
static void on_row(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (r->state != GOING)
		return;
	if (r->ncells > 0) {
		if (r->rows >= r->max_rows) {
			fail(r, "A planilha tem mais de %zu linhas preenchidas (o cabeçalho conta "
			     "como uma), o máximo aceito: divida-a em arquivos menores.",
			     r->max_rows);
			return;
		}
		for (size_t i = 0; i < r->ncells; i++)
			r->ptrs[i] = r->cells.buf + r->offs[i];
		r->rows++;
		if (r->fn && r->fn(r->ctx, r->row_line, r->ptrs, r->lens, r->ncells) != 0)
			r->state = STOPPED;
	}
	sb_reset(&r->cells);
	r->ncells = 0;
	r->col = 0;
	r->in_row = false;
}

/* Whether libcsv begins a row in this line: anything but the spaces it skips before a
 * field and line ends (a tab is a field's end when it is the delimiter). */
static bool starts_row(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n' && s[i] != ' ' && (s[i] != '\t' || delim == '\t'))
			return true;
	return false;
}

static void fail_size(struct reader *r, size_t len, size_t max)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	sheet_put_size(&a, len, true);
	sheet_put_size(&b, max, false);
	fail(r, "O arquivo tem %s, acima do limite de %s.", sb_str(&a), sb_str(&b));
	sb_free(&a);
	sb_free(&b);
}

/* Spreadsheets sent instead of their CSV: say so rather than read their bytes as text. */
static const char *not_csv(const unsigned char *d, size_t len)
{
	static const unsigned char zip[4] = { 'P', 'K', 3, 4 };
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

	if (len >= sizeof zip && memcmp(d, zip, sizeof zip) == 0)
		return "Este arquivo é uma planilha .xlsx ou .ods (ou outro arquivo compactado), "
		       "não um CSV. Na planilha, use \"Salvar como\" e escolha o formato CSV.";
	if (len >= sizeof ole && memcmp(d, ole, sizeof ole) == 0)
		return "Este arquivo é uma planilha do Excel antigo (.xls), não um CSV. No Excel, "
		       "use \"Salvar como\" e escolha \"CSV (separado por vírgulas)\".";
	return NULL;
}

static size_t or_default(size_t v, size_t def)
{
	return v ? v : def;
}

int csvr_read(const unsigned char *data, size_t len, const struct csvr_options *opt,
	      csvr_row_fn fn, void *ctx, struct csvr_info *info, struct strbuf *err)
{
	static const struct csvr_options none;
	struct csvr_info scratch;
	struct reader r;
	struct csv_parser p;
	const char *text, *why;
	char *owned = NULL, delim = 0;
	size_t tlen = 0, skip, line = 1, pos = 0;

	if (!opt)
		opt = &none;
	if (!info)
		info = &scratch;
	memset(info, 0, sizeof *info);
	memset(&r, 0, sizeof r);
	r.fn = fn;
	r.ctx = ctx;
	r.err = err;
	r.max_rows = or_default(opt->max_rows, CSVR_DEFAULT_MAX_ROWS);
	r.max_cols = or_default(opt->max_cols, CSVR_DEFAULT_MAX_COLS);
	r.max_cell = or_default(opt->max_cell, CSVR_DEFAULT_MAX_CELL);
	if (!data) {
		data = (const unsigned char *)"";
		len = 0;
	}

	if (opt->encoding_set && !csvr_encoding_label(opt->encoding)) {
		fail(&r, "Codificação de caracteres desconhecida.");
		return -1;
	}
	if (opt->delimiter && !delim_ok(opt->delimiter)) {
		fail(&r, "Separador de colunas inválido.");
		return -1;
	}
	if (len > or_default(opt->max_bytes, CSVR_DEFAULT_MAX_BYTES)) {
		fail_size(&r, len, or_default(opt->max_bytes, CSVR_DEFAULT_MAX_BYTES));
		return -1;
	}
	if ((why = not_csv(data, len))) {
		fail(&r, "%s", why);
		return -1;
	}

	info->encoding = opt->encoding_set ? opt->encoding : csvr_detect_encoding(data, len);
	if (to_utf8(data, len, info->encoding, &text, &tlen, &owned) < 0) {
		fail(&r, "%s", no_memory);
		return -1;
	}
	/* Cells become C strings: a NUL would cut one short. Text never has one. */
	if (memchr(text, '\0', tlen)) {
		fail(&r, "O arquivo contém caracteres nulos e não parece ser um CSV. Confira a "
		     "codificação escolhida, ou salve a planilha de novo no formato CSV.");
		free(owned);
		return -1;
	}
	if (sep_line(text, tlen, &delim, &skip)) {
		info->had_sep_line = true;
		text += skip;
		tlen -= skip;
		line = 2;
	}
	if (opt->delimiter)
		delim = opt->delimiter;
	else if (!info->had_sep_line)
		delim = detect_delimiter(text, tlen);
	info->delimiter = delim;

	/* Default libcsv options: no CSV_STRICT (Excel files with a stray quote inside an
	 * unquoted cell, like Empresa "X" Ltda, are read as written); spaces and tabs around
	 * unquoted fields trimmed, quoted ones kept whole. */
	csv_init(&p, 0);
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_blk_size(&p, CELL_BLOCK);
	cell_cap = r.max_cell + CELL_BLOCK + 1;
	cell_refused = false;
	csv_set_realloc_func(&p, capped_realloc);
	/* Fed one line at a time (its line end included) so line numbers are known: a row
	 * begins in the line being fed, and libcsv only ends rows at line ends. */
	while (pos < tlen && r.state == GOING) {
		size_t end = pos;
		while (end < tlen && text[end] != '\n' && text[end] != '\r')
			end++;
		if (end < tlen)
			end += text[end] == '\r' && end + 1 < tlen && text[end + 1] == '\n' ? 2 : 1;
		if (!r.in_row && starts_row(text + pos, end - pos, delim)) {
			r.in_row = true;
			r.row_line = line;
		}
		if (csv_parse(&p, text + pos, end - pos, on_field, on_row, &r) != end - pos) {
			char name[16];
			if (cell_refused)
				fail(&r, "Linha %zu, coluna %s: o texto tem mais de %zu bytes, o máximo "
				     "por célula. Se ele ocupa várias linhas, talvez haja aspas (\") "
				     "abertas e não fechadas.", r.row_line, sheet_column_name(r.col, name),
				     r.max_cell);
			else
				fail(&r, "%s", no_memory);
		}
		pos = end;
		line++;
	}
	if (r.state == GOING) {
		/* csv_fini flushes a last row without a line end. Strict only here: it then
		 * refuses a quote left open at the end (that swallowed every line after it)
		 * instead of making it a cell. */
		csv_set_opts(&p, CSV_STRICT | CSV_STRICT_FINI);
		if (csv_fini(&p, on_field, on_row, &r) != 0)
			fail(&r, "Linha %zu: aspas (\") abertas e não fechadas até o fim do arquivo.",
			     r.row_line);
	}
	csv_free(&p);
	free(owned);
	sb_free(&r.cells);
	free(r.offs);
	free(r.lens);
	free(r.ptrs);
	info->rows = r.rows;
	info->stopped = r.state == STOPPED;
	return r.state == FAILED ? -1 : 0;
}
