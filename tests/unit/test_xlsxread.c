/* Unit tests for lib/sheet/xlsxread.c: workbooks written by libxlsxwriter (strings with
 * accents, numbers, dates, booleans, formulas, empty cells, gaps, several sheets),
 * hand-made zips (inline strings, rich-text runs, exponents, custom date formats,
 * prefixed XML), hostile files (zip bombs, too many entries, ".." names, not a zip,
 * truncated, malformed XML, a DOCTYPE), each limit's message, a callback that stops, and
 * LibreOffice's conversion of a sample CSV read against csvread's reading of the CSV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "sheet/csvread.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "sheet/xlsxread.h"

/* ---- helpers: every row as "row:cell|cell\n" ---- */

struct got {
	struct strbuf s;
	size_t stop_after, calls, last;
};

static int collect(void *ctx, size_t row_no, const char *const *cells, const size_t *lens,
		   size_t ncells)
{
	struct got *g = ctx;
	bool any = false;

	/* What the header promises of every row. */
	assert_true(row_no > g->last);
	g->last = row_no;
	assert_true(ncells >= 1);
	assert_true(lens[ncells - 1] > 0);
	for (size_t i = 0; i < ncells; i++) {
		assert_int_equal(strlen(cells[i]), lens[i]);
		assert_true(utf8_valid(cells[i], lens[i]));
		any |= lens[i] > 0;
	}
	assert_true(any);

	assert_int_equal(sb_printf(&g->s, "%zu:", row_no), 0);
	for (size_t i = 0; i < ncells; i++) {
		if (i)
			assert_int_equal(sb_putc(&g->s, '|'), 0);
		assert_int_equal(sb_append(&g->s, cells[i], lens[i]), 0);
	}
	assert_int_equal(sb_putc(&g->s, '\n'), 0);
	g->calls++;
	return g->stop_after && g->calls >= g->stop_after;
}

struct result {
	int rc;
	struct xlsxr_info info;
	char *rows;
	char *err;
};

static struct result run(const struct strbuf *file, const struct xlsxr_options *opt,
			 size_t stop_after)
{
	struct got g = { STRBUF_INIT, stop_after, 0, 0 };
	struct strbuf err = STRBUF_INIT;
	struct result r;

	r.rc = xlsxr_read((const unsigned char *)file->buf, file->len, opt, collect, &g, &r.info,
			  &err);
	assert_int_equal(r.info.rows, g.calls);
	r.rows = sb_detach(&g.s);
	r.err = sb_detach(&err);
	assert_non_null(r.rows);
	assert_non_null(r.err);
	assert_true(r.rc == 0 ? r.err[0] == '\0' : r.rc == -1 && r.err[0] != '\0');
	assert_true(utf8_valid(r.err, strlen(r.err)));
	return r;
}

static void result_free(struct result *r)
{
	free(r->rows);
	free(r->err);
}

#define EXPECT_ROWS(file, opt, want) expect_rows(file, opt, want, __LINE__)
#define EXPECT_ERROR(file, opt, part) expect_error(file, opt, part, __LINE__)

static struct xlsxr_info expect_rows(const struct strbuf *file, const struct xlsxr_options *opt,
				     const char *want, int line)
{
	struct result r = run(file, opt, 0);
	struct xlsxr_info info = r.info;

	if (r.rc != 0)
		fail_msg("line %d: refused: %s", line, r.err);
	if (strcmp(r.rows, want) != 0)
		fail_msg("line %d: rows\n%s\nexpected\n%s", line, r.rows, want);
	assert_false(info.stopped);
	result_free(&r);
	return info;
}

/* The read fails with a message containing part; returns the rows read before it. */
static char *expect_error(const struct strbuf *file, const struct xlsxr_options *opt,
			  const char *part, int line)
{
	struct result r = run(file, opt, 0);

	if (r.rc != -1)
		fail_msg("line %d: accepted, rows\n%s", line, r.rows);
	if (!strstr(r.err, part))
		fail_msg("line %d: message \"%s\" lacks \"%s\"", line, r.err, part);
	free(r.err);
	return r.rows;
}

static void read_path(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		fail_msg("cannot open %s (run from the repository root)", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		assert_int_equal(sb_append(out, buf, n), 0);
	fclose(f);
}

/* ---- building files ---- */

/* A workbook from libxlsxwriter, built by fill() into a temporary file, read back. */
static void from_writer(void (*fill)(lxw_workbook *wb), struct strbuf *out)
{
	char path[] = "/tmp/test_xlsxread_XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook *wb;

	assert_true(fd >= 0);
	close(fd);
	wb = workbook_new(path);
	assert_non_null(wb);
	fill(wb);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	read_path(path, out);
	unlink(path);
}

struct part {
	const char *name;
	const char *text;
	size_t len;     /* 0: strlen(text) */
};

/* A zip of the parts, in memory. */
static void make_zip(const struct part *parts, size_t n, struct strbuf *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].text);
		zip_source_t *s = zip_source_buffer(za, parts[i].text, len, 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(sb_grow(out, st.size + 1), 0);
	assert_int_equal(zip_source_read(src, out->buf + out->len, st.size), (zip_int64_t)st.size);
	out->len += st.size;
	out->buf[out->len] = '\0';
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char workbook1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS "><sheets>"
	"<sheet name=\"Plan1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels1[] =
	"<?xml version=\"1.0\"?><Relationships "
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "styles\" Target=\"/xl/styles.xml\"/>"
	"</Relationships>";

/* A one-sheet workbook of these parts (sst, styles may be NULL). */
static void make_xlsx(const char *sheet_data, const char *sst, const char *styles,
		      struct strbuf *out)
{
	struct strbuf sheet = STRBUF_INIT;
	struct part parts[5] = {
		{ "xl/workbook.xml", workbook1, 0 },
		{ "xl/_rels/workbook.xml.rels", rels1, 0 },
	};
	size_t n = 2;

	assert_int_equal(sb_printf(&sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				   "<worksheet " NS "><sheetData>%s</sheetData></worksheet>",
				   sheet_data), 0);
	parts[n++] = (struct part){ "xl/worksheets/sheet1.xml", sheet.buf, 0 };
	if (sst)
		parts[n++] = (struct part){ "xl/sharedStrings.xml", sst, 0 };
	if (styles)
		parts[n++] = (struct part){ "xl/styles.xml", styles, 0 };
	make_zip(parts, n, out);
	sb_free(&sheet);
}

/* ---- libxlsxwriter workbooks ---- */

static void fill_basic(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Clientes");
	lxw_format *date = workbook_add_format(wb), *bold = workbook_add_format(wb);
	lxw_datetime dt = { 2024, 3, 5, 14, 30, 0 };
	lxw_datetime old = { 1900, 3, 1, 0, 0, 0 };

	format_set_num_format(date, "dd/mm/yyyy");
	format_set_bold(bold);
	worksheet_write_string(ws, 0, 0, "Nome", bold);
	worksheet_write_string(ws, 0, 1, "CPF", bold);
	worksheet_write_string(ws, 0, 2, "Valor", bold);
	worksheet_write_string(ws, 0, 3, "Nascimento", bold);
	worksheet_write_string(ws, 0, 4, "Ativo", bold);
	worksheet_write_string(ws, 1, 0, "José da Conceição Ávila", NULL);
	worksheet_write_number(ws, 1, 1, 12345678909.0, NULL);
	worksheet_write_number(ws, 1, 2, 1234.56, NULL);
	worksheet_write_datetime(ws, 1, 3, &dt, date);
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	/* Row 3 absent; row 4: B and D filled, C empty, formatted blanks after E. */
	worksheet_write_string(ws, 3, 1, "b", NULL);
	worksheet_write_string(ws, 3, 3, "d", NULL);
	worksheet_write_boolean(ws, 3, 4, 0, NULL);
	worksheet_write_blank(ws, 3, 5, bold);
	worksheet_write_blank(ws, 3, 9, bold);
	/* Row 5 has only formatted blanks: skipped. */
	worksheet_write_blank(ws, 4, 0, bold);
	worksheet_write_blank(ws, 4, 2, bold);
	/* Row 8: numbers Excel shows differently from how they are stored, a formula. */
	worksheet_write_number(ws, 7, 0, 0.1 + 0.2, NULL);
	worksheet_write_number(ws, 7, 1, -42, NULL);
	worksheet_write_number(ws, 7, 2, 60837783000194.0, NULL);
	worksheet_write_datetime(ws, 7, 3, &old, date);
	worksheet_write_formula_str(ws, 7, 4, "=\"São\"&\" Paulo\"", NULL, "São Paulo");
	worksheet_write_formula_num(ws, 7, 5, "=1+1", NULL, 2);
	/* A date-formatted number below 1 (a time) stays a number. */
	worksheet_write_number(ws, 8, 0, 0.5, date);
}

static void test_writer_basic(void **state)
{
	struct strbuf f = STRBUF_INIT;
	struct xlsxr_info info;

	(void)state;
	from_writer(fill_basic, &f);
	info = EXPECT_ROWS(&f, NULL,
		"1:Nome|CPF|Valor|Nascimento|Ativo\n"
		"2:José da Conceição Ávila|12345678909|1234.56|05/03/2024|VERDADEIRO\n"
		"4:|b||d|FALSO\n"
		"8:0.3|-42|60837783000194|01/03/1900|São Paulo|2\n"
		"9:0.5\n");
	assert_int_equal(info.nsheets, 1);
	assert_int_equal(info.rows, 5);
	assert_int_equal(info.cols, 6);
	assert_int_equal(info.last_row, 9);
	sb_free(&f);
}

static void fill_sheets(lxw_workbook *wb)
{
	lxw_worksheet *a = workbook_add_worksheet(wb, "Resumo");
	lxw_worksheet *b = workbook_add_worksheet(wb, "Março");
	lxw_worksheet *c = workbook_add_worksheet(wb, "Vazia");

	(void)c;
	worksheet_write_string(a, 0, 0, "primeira", NULL);
	worksheet_write_string(b, 0, 0, "Nome", NULL);
	worksheet_write_string(b, 0, 1, "Cidade", NULL);
	worksheet_write_string(b, 1, 0, "Ana", NULL);
	worksheet_write_string(b, 1, 1, "Brasília", NULL);
	worksheet_write_string(b, 2, 0, "primeira", NULL);  /* a string shared with sheet 1 */
}

static void test_writer_sheets(void **state)
{
	struct strbuf f = STRBUF_INIT, names = STRBUF_INIT, err = STRBUF_INIT;
	struct xlsxr_options opt = { .sheet = 1 };
	struct xlsxr_info info;
	size_t n = 0;

	(void)state;
	from_writer(fill_sheets, &f);
	assert_int_equal(xlsxr_sheets((const unsigned char *)f.buf, f.len, &names, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(names.len, sizeof "Resumo\0Março\0Vazia");
	assert_memory_equal(names.buf, "Resumo\0Março\0Vazia", names.len);

	info = EXPECT_ROWS(&f, &opt, "1:Nome|Cidade\n2:Ana|Brasília\n3:primeira\n");
	assert_int_equal(info.nsheets, 3);
	assert_int_equal(info.sheet, 1);
	opt.sheet = 2;
	EXPECT_ROWS(&f, &opt, "");
	opt.sheet = 3;
	free(EXPECT_ERROR(&f, &opt, "A planilha escolhida (a 4ª) não existe: o arquivo tem 3."));
	sb_free(&f);
	sb_free(&names);
	sb_free(&err);
}

/* ---- hand-made parts ---- */

static void test_inline_and_runs(void **state)
{
	struct strbuf f = STRBUF_INIT;
	const char *sst =
		"<sst " NS " count=\"3\" uniqueCount=\"3\">"
		"<si><t>Jo&#227;o &amp; Cia</t></si>"
		"<si><r><rPr><b/></rPr><t>Comér</t></r><r><t xml:space=\"preserve\">cio </t></r>"
		"<r><t>Ltda</t></r><rPh sb=\"0\" eb=\"1\"><t>カナ</t></rPh></si>"
		"<si><t>linha 1_x000D_\nlinha 2 _x005F_x0041_</t></si>"
		"</sst>";

	(void)state;
	make_xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
		  "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
		  "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Maria</t></is></c>"
		  "<c r=\"C2\" t=\"inlineStr\"><is><r><t>Pe</t></r><r><t>ça</t></r>"
		  "<rPh><t>x</t></rPh></is></c>"
		  "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
		  "<c r=\"E2\" t=\"str\"><f>A1</f><v>João</v></c>"
		  "<c r=\"F2\" t=\"d\"><v>2024-12-25T00:00:00</v></c></row>"
		  /* No r: rows and cells follow the previous ones. */
		  "<row><c><v>1</v></c><c/><c><v>3</v></c></row>"
		  "<row r=\"9\"><c r=\"B9\"><v>1.2345678909E10</v></c><c><v>1E-7</v></c>"
		  "<c><v>-2.5E+3</v></c><c><v>0.30000000000000004</v></c>"
		  "<c><v>123456789012345678</v></c><c><v>9.99999999999999999E2</v></c>"
		  "<c><v>abc</v></c><c><v>1E999999</v></c><c><v>-0</v></c></row>",
		  sst, NULL, &f);
	EXPECT_ROWS(&f, NULL,
		"1:João & Cia|Comércio Ltda|linha 1\r\nlinha 2 _x0041_\n"
		"2:Maria||Peça|#DIV/0!|João|25/12/2024\n"
		"3:1||3\n"
		"9:|12345678909|0.0000001|-2500|0.3|123456789012346000|1000|abc|1E999999|0\n");
	sb_free(&f);
}

static void test_dates(void **state)
{
	struct strbuf f = STRBUF_INIT;
	const char *styles =
		"<styleSheet " NS "><numFmts count=\"3\">"
		"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
		"<numFmt numFmtId=\"165\" formatCode=\"[$R$-416]\\ #,##0.00;[Red]&quot;dia&quot;0\"/>"
		"<numFmt numFmtId=\"166\" formatCode=\"[h]:mm:ss\"/>"
		"</numFmts>"
		"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
		"<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
		"<xf numFmtId=\"14\"/><xf numFmtId=\"49\"/><xf numFmtId=\"166\"/></cellXfs>"
		"</styleSheet>";

	(void)state;
	/* 45658 is 01/01/2025; 2958465 is 31/12/9999, 2958466 beyond. Style 0 is not a date
	 * though cellStyleXfs' first is; 165 has d, m, y only inside quotes and brackets. */
	make_xlsx("<row r=\"1\"><c s=\"0\"><v>45658</v></c><c s=\"1\"><v>45658.75</v></c>"
		  "<c s=\"2\"><v>45658</v></c><c s=\"3\"><v>1</v></c><c s=\"3\"><v>2958465</v></c>"
		  "<c s=\"3\"><v>2958466</v></c><c s=\"3\"><v>-5</v></c><c s=\"4\"><v>45658</v></c>"
		  "<c s=\"5\"><v>1.5</v></c><c s=\"99\"><v>45658</v></c></row>"
		  /* Around Excel's 29/02/1900 that never was. */
		  "<row><c s=\"3\"><v>59</v></c><c s=\"3\"><v>60</v></c><c s=\"3\"><v>61</v></c>"
		  "</row>",
		  NULL, styles, &f);
	EXPECT_ROWS(&f, NULL, "1:45658|01/01/2025|45658|01/01/1900|31/12/9999|2958466|-5|45658|"
			      "01/01/1900|45658\n2:28/02/1900|29/02/1900|01/03/1900\n");
	sb_free(&f);

	/* A 1904-based workbook (old Macs): serial 0 is 01/01/1904. */
	{
		static const char wb1904[] =
			"<workbook " NS "><workbookPr date1904=\"1\"/><sheets>"
			"<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
		const struct part parts[] = {
			{ "xl/workbook.xml", wb1904, 0 },
			{ "xl/_rels/workbook.xml.rels", rels1, 0 },
			{ "xl/styles.xml", styles, 0 },
			{ "xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row>"
			  "<c s=\"1\"><v>44196</v></c></row></sheetData></worksheet>", 0 },
		};
		make_zip(parts, 4, &f);
		EXPECT_ROWS(&f, NULL, "1:01/01/2025\n");
		sb_free(&f);
	}
}

/* Other producers write a prefix for the main namespace, and no shared strings part. */
static void test_prefixed(void **state)
{
	static const char wb[] =
		"<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:rr=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<x:sheets><x:sheet name=\"Dados\" sheetId=\"7\" rr:id=\"R9\"/></x:sheets>"
		"</x:workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"R9\" Type=\"" REL "worksheet\" Target=\"/xl/data/s.xml\"/>"
		"</Relationships>";
	static const char sheet[] =
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<x:sheetData><x:row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>ok</x:t></x:is>"
		"</x:c></x:row></x:sheetData></x:worksheet>";
	const struct part parts[] = {
		{ "[Content_Types].xml", "<Types/>", 0 },
		{ "xl/workbook.xml", wb, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0 },
		{ "xl/data/s.xml", sheet, 0 },
	};
	struct strbuf f = STRBUF_INIT;

	(void)state;
	make_zip(parts, 4, &f);
	EXPECT_ROWS(&f, NULL, "2:ok\n");
	sb_free(&f);
}

/* ---- not an XLSX, broken ones ---- */

static void test_not_xlsx(void **state)
{
	struct strbuf f = STRBUF_INIT, g = STRBUF_INIT;
	static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0 };

	(void)state;
	sb_puts(&f, "Nome;CPF\nAna;123\n");
	free(EXPECT_ERROR(&f, NULL, "envie-o com a extensão .csv"));
	sb_reset(&f);
	free(EXPECT_ERROR(&f, NULL, "não é uma planilha XLSX"));
	sb_append(&f, (const char *)ole, sizeof ole);
	free(EXPECT_ERROR(&f, NULL, "Excel antigo (.xls) ou uma planilha protegida por senha"));
	sb_reset(&f);
	sb_puts(&f, "PK\3\4 not really a zip at all");
	free(EXPECT_ERROR(&f, NULL, "incompleto ou corrompido"));

	/* Truncated: the central directory is at the end. */
	sb_reset(&f);
	read_path("tests/data/clientes-libreoffice.xlsx", &f);
	sb_append(&g, f.buf, f.len / 2);
	free(EXPECT_ERROR(&g, NULL, "incompleto ou corrompido"));
	/* Cut just before the end record's last bytes. */
	sb_reset(&g);
	sb_append(&g, f.buf, f.len - 10);
	free(EXPECT_ERROR(&g, NULL, "incompleto ou corrompido"));
	/* A part's compressed bytes damaged. */
	sb_reset(&g);
	sb_append(&g, f.buf, f.len);
	memset(g.buf + 3000, 0x55, 2000);
	free(EXPECT_ERROR(&g, NULL, "XLSX"));

	/* An ODS: a zip without xl/workbook.xml but with content.xml. */
	{
		const struct part parts[] = {
			{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 },
			{ "content.xml", "<x/>", 0 },
		};
		sb_reset(&f);
		make_zip(parts, 2, &f);
		free(EXPECT_ERROR(&f, NULL, "planilha ODS"));
	}
	sb_free(&f);
	sb_free(&g);
}

static void test_missing_parts(void **state)
{
	struct strbuf f = STRBUF_INIT;
	static const char wb_nosheet[] = "<workbook " NS "><sheets/></workbook>";
	static const char wb_other[] = "<workbook " NS "><sheets>"
		"<sheet name=\"A\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
	static const char rels_bad[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"../../etc/passwd\"/>"
		"</Relationships>";

	(void)state;
	{
		const struct part parts[] = { { "xl/_rels/workbook.xml.rels", rels1, 0 } };
		make_zip(parts, 1, &f);
		free(EXPECT_ERROR(&f, NULL, "não é uma planilha XLSX válida: falta a parte "
				  "xl/workbook.xml."));
	}
	{
		const struct part parts[] = { { "xl/workbook.xml", workbook1, 0 } };
		sb_reset(&f);
		make_zip(parts, 1, &f);
		free(EXPECT_ERROR(&f, NULL, "falta a parte xl/_rels/workbook.xml.rels"));
	}
	{
		const struct part parts[] = { { "xl/workbook.xml", workbook1, 0 },
					      { "xl/_rels/workbook.xml.rels", rels1, 0 } };
		sb_reset(&f);
		make_zip(parts, 2, &f);
		free(EXPECT_ERROR(&f, NULL, "falta a parte xl/worksheets/sheet1.xml"));
	}
	{
		const struct part parts[] = { { "xl/workbook.xml", wb_nosheet, 0 },
					      { "xl/_rels/workbook.xml.rels", rels1, 0 } };
		sb_reset(&f);
		make_zip(parts, 2, &f);
		free(EXPECT_ERROR(&f, NULL, "não tem nenhuma planilha"));
	}
	{
		const struct part parts[] = { { "xl/workbook.xml", wb_other, 0 },
					      { "xl/_rels/workbook.xml.rels", rels1, 0 } };
		sb_reset(&f);
		make_zip(parts, 2, &f);
		free(EXPECT_ERROR(&f, NULL, "não diz onde está a planilha escolhida"));
	}
	{
		const struct part parts[] = { { "xl/workbook.xml", workbook1, 0 },
					      { "xl/_rels/workbook.xml.rels", rels_bad, 0 } };
		sb_reset(&f);
		make_zip(parts, 2, &f);
		free(EXPECT_ERROR(&f, NULL, "aponta para um lugar inválido"));
	}
	/* A shared string that is not there. */
	sb_reset(&f);
	make_xlsx("<row><c t=\"s\"><v>0</v></c></row>", NULL, NULL, &f);
	free(EXPECT_ERROR(&f, NULL, "usa um texto compartilhado que não existe"));
	sb_free(&f);
}

static void test_malformed_xml(void **state)
{
	struct strbuf f = STRBUF_INIT;
	char *rows;

	(void)state;
	make_xlsx("<row r=\"1\"><c><v>1</v></c></row>\n<row r=\"2\"><c><v>2</v></row>", NULL, NULL,
		  &f);
	rows = EXPECT_ERROR(&f, NULL, "a parte xl/worksheets/sheet1.xml está malformada");
	assert_string_equal(rows, "1:1\n");
	free(rows);
	free(EXPECT_ERROR(&f, NULL, "(linha 2; erro do XML: "));

	/* A DOCTYPE (the door to entity expansion) is refused outright. */
	{
		const struct part parts[] = {
			{ "xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">"
			  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><workbook " NS "><sheets>"
			  "<sheet name=\"&b;\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0 },
		};
		sb_reset(&f);
		make_zip(parts, 1, &f);
		free(EXPECT_ERROR(&f, NULL, "DOCTYPE"));
	}
	/* Rows out of order, a bad reference, a cell twice. */
	sb_reset(&f);
	make_xlsx("<row r=\"3\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>", NULL,
		  NULL, &f);
	free(EXPECT_ERROR(&f, NULL, "linhas fora de ordem"));
	sb_reset(&f);
	make_xlsx("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", NULL, NULL, &f);
	free(EXPECT_ERROR(&f, NULL, "referência de célula inválida"));
	sb_reset(&f);
	make_xlsx("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>", NULL,
		  NULL, &f);
	free(EXPECT_ERROR(&f, NULL, "a mesma célula duas vezes"));
	/* Deep nesting. */
	{
		struct strbuf deep = STRBUF_INIT;
		for (int i = 0; i < 300; i++)
			sb_puts(&deep, "<a>");
		for (int i = 0; i < 300; i++)
			sb_puts(&deep, "</a>");
		sb_reset(&f);
		make_xlsx(deep.buf, NULL, NULL, &f);
		free(EXPECT_ERROR(&f, NULL, "aninhados demais"));
		sb_free(&deep);
	}
	sb_free(&f);
}

/* ---- hostile zips ---- */

/* A libzip source of `size` bytes generated as read: "<worksheet>" and spaces, well-formed
 * XML as far as it goes (zeros would stop expat at once, not the limits). */
struct zeros {
	zip_uint64_t size, pos;
};

static zip_int64_t zeros_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct zeros *z = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		z->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (len > z->size - z->pos)
			len = z->size - z->pos;
		memset(data, ' ', len);
		for (zip_uint64_t i = 0; i < len && z->pos + i < 11; i++)
			((char *)data)[i] = "<worksheet>"[z->pos + i];
		z->pos += len;
		return (zip_int64_t)len;
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = z->size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return 2 * sizeof(int);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

/* A valid one-sheet workbook whose sheet is `size` bytes, nearly all spaces (deflated),
 * in memory. */
static void make_bomb(zip_uint64_t size, struct strbuf *out)
{
	static struct zeros z;
	zip_error_t ze;
	zip_source_t *src, *s;
	zip_t *za;
	zip_stat_t st;

	z.size = size;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	s = zip_source_buffer(za, workbook1, strlen(workbook1), 0);
	assert_true(zip_file_add(za, "xl/workbook.xml", s, 0) >= 0);
	s = zip_source_buffer(za, rels1, strlen(rels1), 0);
	assert_true(zip_file_add(za, "xl/_rels/workbook.xml.rels", s, 0) >= 0);
	s = zip_source_function(za, zeros_cb, &z);
	assert_non_null(s);
	assert_true(zip_file_add(za, "xl/worksheets/sheet1.xml", s, 0) >= 0);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(sb_grow(out, st.size + 1), 0);
	assert_int_equal(zip_source_read(src, out->buf, st.size), (zip_int64_t)st.size);
	out->len = st.size;
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void put32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char)(v >> (8 * i));
}

/* Rewrites the uncompressed size the headers (local and central) declare for `name`. */
static void lie_about_size(struct strbuf *f, const char *name, uint32_t size)
{
	size_t nl = strlen(name), hits = 0;

	for (size_t i = 0; i + 46 + nl <= f->len; i++) {
		if (memcmp(f->buf + i, "PK\1\2", 4) == 0 && f->buf[i + 28] == (char)nl &&
		    memcmp(f->buf + i + 46, name, nl) == 0) {
			put32(f->buf + i + 24, size);
			hits++;
		} else if (memcmp(f->buf + i, "PK\3\4", 4) == 0 && f->buf[i + 26] == (char)nl &&
			   memcmp(f->buf + i + 30, name, nl) == 0) {
			put32(f->buf + i + 22, size);
			hits++;
		}
	}
	assert_int_equal(hits, 2);
}

static void test_bomb(void **state)
{
	struct strbuf f = STRBUF_INIT;
	struct xlsxr_options opt = { .max_uncompressed = 50u * 1024 * 1024 };
	double t;

	(void)state;
	/* 300 MB of spaces deflate to about 300 KB: refused from the declared sizes. */
	make_bomb(300u * 1024 * 1024, &f);
	assert_true(f.len < 1024 * 1024);
	t = now();
	free(EXPECT_ERROR(&f, NULL, "bomba de compactação"));
	assert_true(now() - t < 0.5);
	/* The declared size beyond the total. */
	free(EXPECT_ERROR(&f, &opt, "passa de 50 MB"));

	/* The headers lie (1000 bytes): the inflated bytes are counted while reading and
	 * the ratio stops it after about 200 times the compressed size. */
	lie_about_size(&f, "xl/worksheets/sheet1.xml", 1000);
	t = now();
	free(EXPECT_ERROR(&f, NULL, "bomba de compactação"));
	assert_true(now() - t < 5);
	sb_free(&f);

	/* A lying bomb under a roomy ratio: the total of inflated bytes stops it. */
	make_bomb(120u * 1024 * 1024, &f);
	lie_about_size(&f, "xl/worksheets/sheet1.xml", 1000);
	opt.max_ratio = 100000;
	opt.max_uncompressed = 20u * 1024 * 1024;
	free(EXPECT_ERROR(&f, &opt, "O conteúdo descompactado do arquivo passa de 20 MB"));
	sb_free(&f);
}

static void test_entries_and_names(void **state)
{
	struct strbuf f = STRBUF_INIT;
	struct part *parts = calloc(10001, sizeof *parts);
	char (*names)[16] = calloc(10001, sizeof *names);
	struct xlsxr_options opt = { .max_entries = 10 };

	(void)state;
	assert_non_null(parts);
	assert_non_null(names);
	parts[0] = (struct part){ "xl/workbook.xml", workbook1, 0 };
	parts[1] = (struct part){ "xl/_rels/workbook.xml.rels", rels1, 0 };
	parts[2] = (struct part){ "xl/worksheets/sheet1.xml", "<worksheet/>", 0 };
	for (size_t i = 3; i < 10001; i++) {
		snprintf(names[i], sizeof names[i], "x/%zu", i);
		parts[i] = (struct part){ names[i], "", 1 };
	}
	make_zip(parts, 10001, &f);
	free(EXPECT_ERROR(&f, NULL, "mais de 10000 partes"));
	sb_reset(&f);
	make_zip(parts, 11, &f);
	free(EXPECT_ERROR(&f, &opt, "mais de 10 partes"));
	opt.max_entries = 11;
	EXPECT_ROWS(&f, &opt, "");

	parts[3] = (struct part){ "xl/../../evil", "x", 0 };
	sb_reset(&f);
	make_zip(parts, 4, &f);
	free(EXPECT_ERROR(&f, NULL, "parte com nome inválido"));
	parts[3] = (struct part){ "/etc/x", "x", 0 };
	sb_reset(&f);
	make_zip(parts, 4, &f);
	free(EXPECT_ERROR(&f, NULL, "parte com nome inválido"));
	sb_free(&f);
	free(parts);
	free(names);
}

/* ---- limits ---- */

static void test_limits(void **state)
{
	struct strbuf f = STRBUF_INIT, big = STRBUF_INIT, sst = STRBUF_INIT;
	struct xlsxr_options opt = { 0 };
	char *rows;

	(void)state;
	/* Columns: GR is the 200th; an empty styled cell beyond is fine, data is not. */
	make_xlsx("<row r=\"1\"><c r=\"GR1\"><v>1</v></c><c r=\"XFD1\" s=\"0\"/></row>"
		  "<row r=\"2\"><c r=\"GS2\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
		  NULL, NULL, &f);
	rows = EXPECT_ERROR(&f, NULL, "Linha 2: há dados na coluna GS, além do limite de 200 "
			    "colunas.");
	assert_int_equal(strlen(rows), strlen("1:") + 199 + 2);
	free(rows);
	opt.max_cols = 201;
	{
		struct strbuf want = STRBUF_INIT;
		sb_puts(&want, "1:");
		for (int i = 0; i < 199; i++)
			sb_putc(&want, '|');
		sb_puts(&want, "1\n2:");
		for (int i = 0; i < 200; i++)
			sb_putc(&want, '|');
		sb_puts(&want, "x\n");
		EXPECT_ROWS(&f, &opt, want.buf);
		sb_free(&want);
	}
	sb_reset(&f);
	make_xlsx("<row><c r=\"ZZZZ1\"><v>1</v></c></row>", NULL, NULL, &f);
	free(EXPECT_ERROR(&f, NULL, "referência de célula inválida"));

	/* Cell bytes: inline text, and a shared string used in a cell. */
	for (int i = 0; i < 10001; i++)
		sb_putc(&big, 'a');
	sb_reset(&f);
	sb_printf(&sst, "<sst " NS "><si><t>%s</t></si><si><t>ok</t></si></sst>", big.buf);
	make_xlsx("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
		  "<row r=\"4\"><c r=\"C4\" t=\"s\"><v>0</v></c></row>", sst.buf, NULL, &f);
	rows = EXPECT_ERROR(&f, NULL, "Linha 4, coluna C: o texto tem mais de 10000 bytes, o "
			    "máximo por célula.");
	assert_string_equal(rows, "3:|ok\n");
	free(rows);
	memset(&opt, 0, sizeof opt);
	opt.max_cell = 10001;
	{
		struct strbuf want = STRBUF_INIT;
		sb_printf(&want, "3:|ok\n4:||%s\n", big.buf);
		EXPECT_ROWS(&f, &opt, want.buf);
		sb_free(&want);
	}
	sb_free(&f);
	sb_free(&big);
	sb_free(&sst);
}

static void test_limits2(void **state)
{
	struct strbuf f = STRBUF_INIT, rowsx = STRBUF_INIT;
	struct xlsxr_options opt = { 0 };
	char *rows;

	(void)state;
	for (int i = 1; i <= 5; i++)
		sb_printf(&rowsx, "<row r=\"%d\"><c t=\"inlineStr\"><is><t>r%d</t></is></c></row>",
			  i * 2, i);
	make_xlsx(rowsx.buf, NULL, NULL, &f);
	opt.max_rows = 3;
	rows = EXPECT_ERROR(&f, &opt, "A planilha tem mais de 3 linhas preenchidas");
	assert_string_equal(rows, "2:r1\n4:r2\n6:r3\n");
	free(rows);
	opt.max_rows = 5;
	EXPECT_ROWS(&f, &opt, "2:r1\n4:r2\n6:r3\n8:r4\n10:r5\n");

	/* The file's size. */
	memset(&opt, 0, sizeof opt);
	opt.max_bytes = f.len - 1;
	free(EXPECT_ERROR(&f, &opt, "acima do limite de"));

	/* Inflated bytes in all. */
	memset(&opt, 0, sizeof opt);
	opt.max_uncompressed = 300;
	free(EXPECT_ERROR(&f, &opt, "O conteúdo descompactado do arquivo passa de 300 bytes"));

	/* Shared strings: count and bytes. */
	sb_reset(&f);
	make_xlsx("<row><c t=\"s\"><v>2</v></c></row>",
		  "<sst " NS "><si><t>abc</t></si><si><t>d</t></si><si><r><t>e</t></r>"
		  "<r><t>fg</t></r></si></sst>", NULL, &f);
	EXPECT_ROWS(&f, NULL, "1:efg\n");
	memset(&opt, 0, sizeof opt);
	opt.max_shared_strings = 2;
	free(EXPECT_ERROR(&f, &opt, "mais de 2 textos diferentes"));
	memset(&opt, 0, sizeof opt);
	opt.max_shared_bytes = 9;  /* "abc\0d\0efg\0" is 10 */
	free(EXPECT_ERROR(&f, &opt, "Os textos da planilha somam mais de 9 bytes"));
	opt.max_shared_bytes = 10;
	EXPECT_ROWS(&f, &opt, "1:efg\n");
	sb_free(&f);
	sb_free(&rowsx);
}

static void test_stop(void **state)
{
	struct strbuf f = STRBUF_INIT;
	struct result r;

	(void)state;
	from_writer(fill_basic, &f);
	r = run(&f, NULL, 2);
	assert_int_equal(r.rc, 0);
	assert_true(r.info.stopped);
	assert_int_equal(r.info.rows, 2);
	assert_string_equal(r.rows, "1:Nome|CPF|Valor|Nascimento|Ativo\n"
			    "2:José da Conceição Ávila|12345678909|1234.56|05/03/2024|VERDADEIRO\n");
	result_free(&r);
	/* No callback: everything counted. */
	assert_int_equal(xlsxr_read((const unsigned char *)f.buf, f.len, NULL, NULL, NULL,
				    &r.info, NULL), 0);
	assert_int_equal(r.info.rows, 5);
	sb_free(&f);
}

/* ---- LibreOffice's conversion of a sample CSV ---- */

struct table {
	size_t n;
	size_t *row_no;
	char **line;   /* cells joined by '\t' */
};

static int to_table(void *ctx, size_t row_no, const char *const *cells, const size_t *lens,
		    size_t ncells)
{
	struct table *t = ctx;
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < ncells; i++) {
		if (i)
			sb_putc(&sb, '\t');
		sb_append(&sb, cells[i], lens[i]);
	}
	t->row_no = realloc(t->row_no, (t->n + 1) * sizeof *t->row_no);
	t->line = realloc(t->line, (t->n + 1) * sizeof *t->line);
	assert_non_null(t->row_no);
	assert_non_null(t->line);
	t->row_no[t->n] = row_no;
	t->line[t->n++] = sb_detach(&sb);
	return 0;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->line[i]);
	free(t->line);
	free(t->row_no);
}

/* Drops the leading zeros of each all-digit field of a tab-joined line: LibreOffice's
 * CSV import made "08687169876" the number 8687169876 (that loss is the spreadsheet's). */
static void strip_number_zeros(char *s)
{
	char *o = s, *f = s;

	for (;;) {
		char *end = f + strcspn(f, "\t");
		bool digits = end > f + 1 && strspn(f, "0123456789") == (size_t)(end - f);
		if (digits)
			while (*f == '0' && f + 1 < end)
				f++;
		memmove(o, f, (size_t)(end - f));
		o += end - f;
		if (!*end)
			break;
		*o++ = '\t';
		f = end + 1;
	}
	*o = '\0';
}

static void test_libreoffice(void **state)
{
	struct strbuf x = STRBUF_INIT, c = STRBUF_INIT, err = STRBUF_INIT, names = STRBUF_INIT;
	struct table tx = { 0 }, tc = { 0 };
	struct xlsxr_info info;
	size_t n;
	bool seen_accent = false;

	(void)state;
	read_path("tests/data/clientes-libreoffice.xlsx", &x);
	read_path("tests/data/clientes-excel-windows1252.csv", &c);
	assert_int_equal(xlsxr_sheets((const unsigned char *)x.buf, x.len, &names, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(names.buf, "clientes-excel-windows1252");
	if (xlsxr_read((const unsigned char *)x.buf, x.len, NULL, to_table, &tx, &info, &err))
		fail_msg("%s", err.buf);
	assert_int_equal(csvr_read((const unsigned char *)c.buf, c.len, NULL, to_table, &tc, NULL,
				   &err), 0);
	assert_int_equal(info.rows, 201);
	assert_int_equal(tx.n, tc.n);
	assert_string_equal(tx.line[0], "Tipo\tNome/Razão Social\tNome Fantasia\tCPF/CNPJ\tE-mail\t"
			    "Telefone\tCelular\tEndereço\tCidade\tUF\tCEP\tSituação\tObservações");
	for (size_t i = 0; i < tx.n; i++) {
		/* One row a line in this CSV: the same numbers. */
		assert_int_equal(tx.row_no[i], tc.row_no[i]);
		strip_number_zeros(tc.line[i]);
		if (strcmp(tx.line[i], tc.line[i]) != 0)
			fail_msg("row %zu:\nxlsx %s\ncsv  %s", tx.row_no[i], tx.line[i], tc.line[i]);
		seen_accent |= strstr(tx.line[i], "Comércio de Peças Pereira Ltda") != NULL;
	}
	assert_true(seen_accent);
	table_free(&tx);
	table_free(&tc);
	sb_free(&x);
	sb_free(&c);
	sb_free(&err);
	sb_free(&names);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_basic),
		cmocka_unit_test(test_writer_sheets),
		cmocka_unit_test(test_inline_and_runs),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_prefixed),
		cmocka_unit_test(test_not_xlsx),
		cmocka_unit_test(test_missing_parts),
		cmocka_unit_test(test_malformed_xml),
		cmocka_unit_test(test_bomb),
		cmocka_unit_test(test_entries_and_names),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_limits2),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_libreoffice),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
