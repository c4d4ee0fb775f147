/* Unit tests for lib/sheet/csvread.c: encodings (detected and forced), the sep= line, the
 * delimiter guess, quoting, line ends, blank rows and trailing empty cells, each limit's
 * message, a callback that stops, and the sample spreadsheets of ../shared/data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>

#include "sheet/csvread.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#define LIT(s) (const unsigned char *)(s), sizeof(s) - 1

/* ---- helpers: every row as "line:cell|cell\n" ---- */

struct got {
	struct strbuf s;
	size_t stop_after, calls;
};

static int collect(void *ctx, size_t line_no, const char *const *cells, const size_t *lens,
		   size_t ncells)
{
	struct got *g = ctx;
	bool any = false;

	/* What the header promises of every row. */
	assert_true(line_no >= 1);
	assert_true(ncells >= 1);
	assert_true(lens[ncells - 1] > 0);
	for (size_t i = 0; i < ncells; i++) {
		assert_int_equal(strlen(cells[i]), lens[i]);
		assert_true(utf8_valid(cells[i], lens[i]));
		any |= lens[i] > 0;
	}
	assert_true(any);

	assert_int_equal(sb_printf(&g->s, "%zu:", line_no), 0);
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
	struct csvr_info info;
	char *rows;
	char *err;
};

static struct result run(const unsigned char *data, size_t len, const struct csvr_options *opt,
			 size_t stop_after)
{
	struct got g = { STRBUF_INIT, stop_after, 0 };
	struct strbuf err = STRBUF_INIT;
	struct result r;

	r.rc = csvr_read(data, len, opt, collect, &g, &r.info, &err);
	assert_int_equal(r.info.rows, g.calls);
	r.rows = sb_detach(&g.s);
	r.err = sb_detach(&err);
	assert_non_null(r.rows);
	assert_non_null(r.err);
	assert_true(r.rc == 0 ? r.err[0] == '\0' : r.rc == -1 && r.err[0] != '\0');
	return r;
}

static void result_free(struct result *r)
{
	free(r->rows);
	free(r->err);
}

/* (data, len, opt, want), data often given as LIT("..."): variadic so LIT expands first. */
#define EXPECT_ROWS(...) expect_rows(__VA_ARGS__, __LINE__)
#define EXPECT_ERROR(...) expect_error(__VA_ARGS__, __LINE__)

static struct csvr_info expect_rows(const unsigned char *data, size_t len,
				    const struct csvr_options *opt, const char *want, int line)
{
	struct result r = run(data, len, opt, 0);
	struct csvr_info info = r.info;

	if (r.rc != 0)
		fail_msg("line %d: refused: %s", line, r.err);
	if (strcmp(r.rows, want) != 0)
		fail_msg("line %d: rows\n%s\nexpected\n%s", line, r.rows, want);
	assert_false(info.stopped);
	result_free(&r);
	return info;
}

/* The read fails with a message containing part; returns the rows read before it. */
static char *expect_error(const unsigned char *data, size_t len, const struct csvr_options *opt,
			  const char *part, int line)
{
	struct result r = run(data, len, opt, 0);

	if (r.rc != -1)
		fail_msg("line %d: accepted, rows\n%s", line, r.rows);
	if (!strstr(r.err, part))
		fail_msg("line %d: message \"%s\" lacks \"%s\"", line, r.err, part);
	free(r.err);
	return r.rows;
}

static struct csvr_options forced(enum csvr_encoding e)
{
	struct csvr_options o = { .encoding = e, .encoding_set = true };
	return o;
}

/* UTF-8 text as UTF-16 (le or not), with or without a byte order mark; *len its size. */
static unsigned char *utf16(const char *s, bool le, bool bom, size_t *len)
{
	iconv_t cd = iconv_open(le ? "UTF-16LE" : "UTF-16BE", "UTF-8");
	size_t il = strlen(s), cap = il * 4 + 2, ol = cap - 2;
	unsigned char *buf = malloc(cap);
	char *ip = (char *)s, *op;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(buf);
	buf[0] = le ? 0xFF : 0xFE;
	buf[1] = le ? 0xFE : 0xFF;
	op = (char *)buf + 2;
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - (char *)buf) - (bom ? 0 : 2);
	if (!bom)
		memmove(buf, buf + 2, *len);
	return buf;
}

/* ---- encodings ---- */

static void test_detect(void **state)
{
	size_t n;
	unsigned char *u;

	(void)state;
	assert_int_equal(csvr_detect_encoding(LIT("")), CSVR_UTF8);
	assert_int_equal(csvr_detect_encoding(NULL, 0), CSVR_UTF8);
	assert_int_equal(csvr_detect_encoding(LIT("a;b\r\n")), CSVR_UTF8);
	assert_int_equal(csvr_detect_encoding(LIT("Jo\xc3\xa3o;S\xc3\xa3o Paulo\n")), CSVR_UTF8);
	assert_int_equal(csvr_detect_encoding(LIT("\xef\xbb\xbf" "a;b\n")), CSVR_UTF8_BOM);
	assert_int_equal(csvr_detect_encoding(LIT("\xef\xbb\xbf")), CSVR_UTF8_BOM);
	assert_int_equal(csvr_detect_encoding(LIT("\xff\xfe" "a\0")), CSVR_UTF16LE);
	assert_int_equal(csvr_detect_encoding(LIT("\xfe\xff\0a")), CSVR_UTF16BE);
	assert_int_equal(csvr_detect_encoding(LIT("Jo\xe3o;S\xe3o Paulo\n")), CSVR_WINDOWS1252);
	assert_int_equal(csvr_detect_encoding(LIT("\x93" "aspas\x94\n")), CSVR_WINDOWS1252);
	/* A truncated UTF-8 sequence at the end is not UTF-8. */
	assert_int_equal(csvr_detect_encoding(LIT("S\xc3")), CSVR_WINDOWS1252);

	/* UTF-16 without a mark, by its zero bytes. */
	u = utf16("Nome;Cidade\r\nJo\xc3\xa3o;S\xc3\xa3o Paulo\r\n", true, false, &n);
	assert_int_equal(csvr_detect_encoding(u, n), CSVR_UTF16LE);
	free(u);
	u = utf16("Nome;Cidade\r\nJo\xc3\xa3o;S\xc3\xa3o Paulo\r\n", false, false, &n);
	assert_int_equal(csvr_detect_encoding(u, n), CSVR_UTF16BE);
	free(u);

	assert_string_equal(csvr_encoding_label(CSVR_UTF8), "UTF-8");
	assert_string_equal(csvr_encoding_label(CSVR_UTF8_BOM), "UTF-8 com BOM");
	assert_string_equal(csvr_encoding_label(CSVR_UTF16LE), "UTF-16 LE");
	assert_string_equal(csvr_encoding_label(CSVR_UTF16BE), "UTF-16 BE");
	assert_string_equal(csvr_encoding_label(CSVR_WINDOWS1252), "Windows-1252 (Excel)");
	assert_null(csvr_encoding_label((enum csvr_encoding)99));
	assert_string_equal(csvr_delimiter_label(';'), "ponto e vírgula (;)");
	assert_string_equal(csvr_delimiter_label('\t'), "tabulação");
	assert_null(csvr_delimiter_label('x'));
}

static const char want_joao[] = "1:Nome|Cidade\n2:Jo\xc3\xa3o|S\xc3\xa3o Paulo\n";

static void test_utf8(void **state)
{
	struct csvr_info info;
	struct csvr_options o;

	(void)state;
	info = EXPECT_ROWS(LIT("Nome;Cidade\nJo\xc3\xa3o;S\xc3\xa3o Paulo\n"), NULL, want_joao);
	assert_int_equal(info.encoding, CSVR_UTF8);
	/* The mark is not part of the first cell. */
	info = EXPECT_ROWS(LIT("\xef\xbb\xbfNome;Cidade\nJo\xc3\xa3o;S\xc3\xa3o Paulo\n"), NULL,
			   want_joao);
	assert_int_equal(info.encoding, CSVR_UTF8_BOM);
	/* Forced, with or without the mark, either label. */
	o = forced(CSVR_UTF8);
	EXPECT_ROWS(LIT("\xef\xbb\xbfNome;Cidade\nJo\xc3\xa3o;S\xc3\xa3o Paulo\n"), &o, want_joao);
	o = forced(CSVR_UTF8_BOM);
	EXPECT_ROWS(LIT("Nome;Cidade\nJo\xc3\xa3o;S\xc3\xa3o Paulo\n"), &o, want_joao);
	/* Four-byte characters pass. */
	EXPECT_ROWS(LIT("\xf0\x9f\x98\x80;x"), NULL, "1:\xf0\x9f\x98\x80|x\n");
}

static void test_utf8_forced_on_bad_bytes(void **state)
{
	struct csvr_options o = forced(CSVR_UTF8);
	struct csvr_info info;

	(void)state;
	/* A Windows-1252 file read as UTF-8 on purpose: U+FFFD for each bad part. */
	info = EXPECT_ROWS(LIT("Jo\xe3o;S\xe3o\n"), &o, "1:Jo\xef\xbf\xbdo|S\xef\xbf\xbdo\n");
	assert_int_equal(info.encoding, CSVR_UTF8);
	/* One U+FFFD per maximal subpart (WHATWG): a truncated sequence is one. */
	EXPECT_ROWS(LIT("a\xe2\x82;b"), &o, "1:a\xef\xbf\xbd|b\n");
	EXPECT_ROWS(LIT("a\xf0\x9f\x98"), &o, "1:a\xef\xbf\xbd\n");
	/* Bytes that can begin nothing, each its own. */
	EXPECT_ROWS(LIT("\xc0\xaf"), &o, "1:\xef\xbf\xbd\xef\xbf\xbd\n");
	EXPECT_ROWS(LIT("\xed\xa0\x80"), &o, "1:\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n");
	EXPECT_ROWS(LIT("\xff\xfe!"), &o, "1:\xef\xbf\xbd\xef\xbf\xbd!\n");
}

static void test_utf16(void **state)
{
	const char *text = "Nome;Cidade\r\nJo\xc3\xa3o;S\xc3\xa3o Paulo\r\n";
	const char *emoji = "\xf0\x9f\x98\x80;\xe2\x82\xac\n";   /* a surrogate pair, then € */

	(void)state;
	for (int le = 0; le <= 1; le++) {
		enum csvr_encoding e = le ? CSVR_UTF16LE : CSVR_UTF16BE;
		struct csvr_options o = forced(e);
		for (int bom = 0; bom <= 1; bom++) {
			size_t n;
			unsigned char *u = utf16(text, le, bom, &n);
			struct csvr_info info = EXPECT_ROWS(u, n, NULL, want_joao);
			assert_int_equal(info.encoding, e);
			assert_int_equal(info.delimiter, ';');
			EXPECT_ROWS(u, n, &o, want_joao);
			free(u);
			u = utf16(emoji, le, bom, &n);
			EXPECT_ROWS(u, n, &o, "1:\xf0\x9f\x98\x80|\xe2\x82\xac\n");
			free(u);
		}
	}
	/* Broken UTF-16 still gives text: a lone surrogate and an odd last byte. */
	struct csvr_options le = forced(CSVR_UTF16LE), be = forced(CSVR_UTF16BE);
	EXPECT_ROWS(LIT("a\0\x00\xd8" "b\0"), &le, "1:a\xef\xbf\xbd" "b\n");
	EXPECT_ROWS(LIT("a\0\x00\xdc" "b\0"), &le, "1:a\xef\xbf\xbd" "b\n");
	EXPECT_ROWS(LIT("\0a\0b\0"), &be, "1:ab\xef\xbf\xbd\n");
	EXPECT_ROWS(LIT("\0a\xd8\x00"), &be, "1:a\xef\xbf\xbd\n");
	/* U+0000 in UTF-16 is a NUL: refused like any other. */
	free(EXPECT_ERROR(LIT("a\0\0\0"), &le, "nulos"));
}

static void test_cp1252(void **state)
{
	struct csvr_info info;
	struct csvr_options o = forced(CSVR_WINDOWS1252);

	(void)state;
	/* ç and ã as Excel writes them in Brazil. */
	info = EXPECT_ROWS(LIT("Raz\xe3o Social;Endere\xe7o\r\nA\xe7\xe3o Ltda;Pra\xe7" "a\r\n"),
			   NULL,
			   "1:Raz\xc3\xa3o Social|Endere\xc3\xa7o\n2:A\xc3\xa7\xc3\xa3o Ltda|Pra\xc3\xa7" "a\n");
	assert_int_equal(info.encoding, CSVR_WINDOWS1252);
	assert_int_equal(info.delimiter, ';');
	/* The 0x80..0x9F that differ from Latin-1: € ’ “ ” – */
	EXPECT_ROWS(LIT("\x80;\x92;\x93x\x94;\x96"), NULL,
		    "1:\xe2\x82\xac|\xe2\x80\x99|\xe2\x80\x9cx\xe2\x80\x9d|\xe2\x80\x93\n");
	/* The five unassigned bytes: C1 controls (WHATWG), never a failure. */
	EXPECT_ROWS(LIT("\x81;\x8d;\x8f;\x90;\x9d"), NULL,
		    "1:\xc2\x81|\xc2\x8d|\xc2\x8f|\xc2\x90|\xc2\x9d\n");
	/* Forced on UTF-8: what the user asked for, byte by byte. */
	EXPECT_ROWS(LIT("Jo\xc3\xa3o"), &o, "1:Jo\xc3\x83\xc2\xa3o\n");
}

/* Every byte 0x80..0xFF agrees with glibc's WINDOWS-1252 where glibc knows it. */
static void test_cp1252_against_iconv(void **state)
{
	struct csvr_options o = forced(CSVR_WINDOWS1252);
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");

	(void)state;
	assert_true(cd != (iconv_t)-1);
	for (unsigned b = 0x80; b <= 0xFF; b++) {
		unsigned char in[2] = { 'x', (unsigned char)b };
		char want[16] = "1:x", *ip = (char *)in + 1, *op = want + 3;
		size_t il = 1, ol = sizeof want - 5;
		bool unassigned = b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D;

		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			assert_true(unassigned);
			*op++ = '\xc2';
			*op++ = (char)b;
		} else {
			assert_false(unassigned);
		}
		*op++ = '\n';
		*op = '\0';
		EXPECT_ROWS(in, 2, &o, want);
	}
	iconv_close(cd);
}

static void test_nul_and_not_csv(void **state)
{
	(void)state;
	free(EXPECT_ERROR(LIT("a;b\n\0;c\n"), NULL, "caracteres nulos"));
	free(EXPECT_ERROR(LIT("PK\x03\x04\x14\0\0\0"), NULL, ".xlsx"));
	free(EXPECT_ERROR(LIT("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"), NULL, ".xls)"));
}

/* ---- sep= and the delimiter ---- */

static void test_sep_line(void **state)
{
	struct csvr_info info;
	struct csvr_options o = { .delimiter = ';' };

	(void)state;
	info = EXPECT_ROWS(LIT("sep=;\r\na;b\r\nc;d\r\n"), NULL, "2:a|b\n3:c|d\n");
	assert_true(info.had_sep_line);
	assert_int_equal(info.delimiter, ';');
	/* It wins over what counting would find. */
	info = EXPECT_ROWS(LIT("SEP=,\na;b,c\nd;e,f\n"), NULL, "2:a;b|c\n3:d;e|f\n");
	assert_int_equal(info.delimiter, ',');
	info = EXPECT_ROWS(LIT("Sep=|\rx|y\r"), NULL, "2:x|y\n");
	assert_int_equal(info.delimiter, '|');
	info = EXPECT_ROWS(LIT("sep=\t\na\tb\n"), NULL, "2:a|b\n");
	assert_int_equal(info.delimiter, '\t');
	/* After a byte order mark; alone in the file. */
	info = EXPECT_ROWS(LIT("\xef\xbb\xbfsep=;\na;b"), NULL, "2:a|b\n");
	assert_true(info.had_sep_line);
	info = EXPECT_ROWS(LIT("sep=;"), NULL, "");
	assert_true(info.had_sep_line);
	assert_int_equal(info.rows, 0);
	/* A forced delimiter wins, and the line is still not a row. */
	info = EXPECT_ROWS(LIT("sep=,\na;b,c\n"), &o, "2:a|b,c\n");
	assert_true(info.had_sep_line);
	assert_int_equal(info.delimiter, ';');
	/* Not sep lines: two characters, a space, no '='. */
	info = EXPECT_ROWS(LIT("sep=;;\na;b\n"), NULL, "1:sep=\n2:a|b\n");
	assert_false(info.had_sep_line);
	EXPECT_ROWS(LIT("sep= \na;b\n"), NULL, "1:sep=\n2:a|b\n");
	EXPECT_ROWS(LIT("sep;\na;b\n"), NULL, "1:sep\n2:a|b\n");
}

static char detected(const unsigned char *data, size_t len)
{
	struct csvr_info info;

	assert_int_equal(csvr_read(data, len, NULL, NULL, NULL, &info, NULL), 0);
	return info.delimiter;
}

static void test_delimiter(void **state)
{
	(void)state;
	assert_int_equal(detected(LIT("a;b;c\n1;2;3\n")), ';');
	assert_int_equal(detected(LIT("a,b,c\n1,2,3\n")), ',');
	assert_int_equal(detected(LIT("a\tb\tc\n1\t2\t3\n")), '\t');
	assert_int_equal(detected(LIT("a|b|c\n1|2|3\n")), '|');
	/* Ties go to ';', then ',', tab, '|'. */
	assert_int_equal(detected(LIT("a;b,c\n")), ';');
	assert_int_equal(detected(LIT("a|b,c\n")), ',');
	assert_int_equal(detected(LIT("a|b\tc\n")), '\t');
	/* Nothing to count (one column): ';'. */
	assert_int_equal(detected(LIT("nome\nAna\n")), ';');
	assert_int_equal(detected(LIT("")), ';');
	/* Commas of addresses, unquoted in a ';' file, vary from line to line. */
	assert_int_equal(detected(LIT("nome;cidade\nAna, Bia;Rio\nCaio;S\xc3\xa3o Paulo, SP, Brasil\n"
				      "Davi;Belo Horizonte\n")), ';');
	/* And a ';' here and there in a ',' file. */
	assert_int_equal(detected(LIT("a,b,c\n1,2;x,3\n4,5,6\n")), ',');
	/* Inside quotes they do not count, even across a line break. */
	assert_int_equal(detected(LIT("\"Silva, Jo\xc3\xa3o\";10\n\"Souza,\nAna\";20\n")), ';');
	assert_int_equal(detected(LIT("\"a;b\",\"c;d;e\"\n\"f\",\"g\"\n")), ',');
	/* Blank lines are not counted against the delimiter. */
	assert_int_equal(detected(LIT("\n\n  \na,b\n\n1,2\n")), ',');
	/* Only the first 20 lines are read. */
	{
		struct strbuf sb = STRBUF_INIT;
		for (int i = 0; i < 20; i++)
			assert_int_equal(sb_puts(&sb, "a|b\n"), 0);
		for (int i = 0; i < 40; i++)
			assert_int_equal(sb_puts(&sb, "a;b;c\n"), 0);
		assert_int_equal(detected((const unsigned char *)sb.buf, sb.len), '|');
		sb_free(&sb);
	}
	/* Forced: used as given; refused when it cannot be one. */
	{
		struct csvr_options o = { .delimiter = ',' };
		EXPECT_ROWS(LIT("a;b,c\n"), &o, "1:a;b|c\n");
		o.delimiter = '"';
		free(EXPECT_ERROR(LIT("a\n"), &o, "Separador"));
		o.delimiter = '\n';
		free(EXPECT_ERROR(LIT("a\n"), &o, "Separador"));
		o.delimiter = (char)0xE7;
		free(EXPECT_ERROR(LIT("a\n"), &o, "Separador"));
	}
}

/* ---- quoting, line ends, blank rows, trailing cells ---- */

static void test_quoting(void **state)
{
	(void)state;
	/* Delimiter, doubled quotes and a line break inside quotes; the next row's line. */
	EXPECT_ROWS(LIT("\"Silva; Jo\xc3\xa3o\";\"Diz \"\"oi\"\"\";\"linha 1\r\nlinha 2\"\r\nx;y\r\n"),
		    NULL,
		    "1:Silva; Jo\xc3\xa3o|Diz \"oi\"|linha 1\r\nlinha 2\n3:x|y\n");
	EXPECT_ROWS(LIT("a;\"1\n2\n3\";b\nc\n"), NULL, "1:a|1\n2\n3|b\n4:c\n");
	/* A row whose first cell spans lines starts where it starts. */
	EXPECT_ROWS(LIT("x\n\"a\nb\";c\ny\n"), NULL, "1:x\n2:a\nb|c\n4:y\n");
	/* Spaces around unquoted cells go, inside quotes they stay. */
	EXPECT_ROWS(LIT("  a  ; \t b\t;\"  c  \" ;  \"d\"\n"), NULL, "1:a|b|  c  |d\n");
	/* A stray quote inside an unquoted cell is kept (Excel users type them). */
	EXPECT_ROWS(LIT("Empresa \"X\" Ltda;1\n"), NULL, "1:Empresa \"X\" Ltda|1\n");
	/* Tabs as the delimiter still split, and empty cells between them count. */
	EXPECT_ROWS(LIT("a\t b \t\tc\n"), NULL, "1:a|b||c\n");
	/* Empty quoted cells are empty. */
	EXPECT_ROWS(LIT("\"\";a;\"\"\n"), NULL, "1:|a\n");
	/* A quote left open swallows the rest of the file: refused, with its row's line. */
	free(EXPECT_ERROR(LIT("a;b\nc;\"d\ne;f\n"), NULL, "Linha 2: aspas"));
	free(EXPECT_ERROR(LIT("\""), NULL, "Linha 1: aspas"));
	/* Closed at the very end, without a line end: fine. */
	EXPECT_ROWS(LIT("a;\"b\""), NULL, "1:a|b\n");
	EXPECT_ROWS(LIT("a;\"b\"  "), NULL, "1:a|b\n");
}

static void test_line_ends(void **state)
{
	static const char want[] = "1:a|b\n2:c|d\n3:e\n";

	(void)state;
	EXPECT_ROWS(LIT("a;b\r\nc;d\r\ne\r\n"), NULL, want);
	EXPECT_ROWS(LIT("a;b\nc;d\ne\n"), NULL, want);
	EXPECT_ROWS(LIT("a;b\rc;d\re\r"), NULL, want);
	EXPECT_ROWS(LIT("a;b\r\nc;d\ne"), NULL, want);
	EXPECT_ROWS(LIT("a;b\rc;d\r\ne"), NULL, want);
	/* A CR LF inside quotes is one line. */
	EXPECT_ROWS(LIT("\"a\r\nb\";c\r\nd\r\n"), NULL, "1:a\r\nb|c\n3:d\n");
	EXPECT_ROWS(LIT("\"a\rb\";c\rd\r"), NULL, "1:a\rb|c\n3:d\n");
	/* A last line without its line end, ending in an empty cell. */
	EXPECT_ROWS(LIT("a;"), NULL, "1:a\n");
	EXPECT_ROWS(LIT(""), NULL, "");
	EXPECT_ROWS(NULL, 0, NULL, "");
}

static void test_blank_rows(void **state)
{
	struct csvr_info info;

	(void)state;
	info = EXPECT_ROWS(LIT("\r\na;b\r\n\r\n   \r\n;;;\r\n\t;\t;\r\n\"\";\"\"\r\nc;d\r\n\r\n"), NULL,
			   "2:a|b\n8:c|d\n");
	assert_int_equal(info.rows, 2);
	EXPECT_ROWS(LIT("\n\n\n"), NULL, "");
	EXPECT_ROWS(LIT(";;;\n;;;"), NULL, "");
}

static void test_trailing_empty(void **state)
{
	(void)state;
	EXPECT_ROWS(LIT("a;b;;;\n"), NULL, "1:a|b\n");
	EXPECT_ROWS(LIT("a;;b;;\n"), NULL, "1:a||b\n");
	EXPECT_ROWS(LIT(";;b\n"), NULL, "1:||b\n");
	EXPECT_ROWS(LIT("a;b;  ; \"\" ;\n"), NULL, "1:a|b\n");
	/* A quoted cell of spaces is not empty. */
	EXPECT_ROWS(LIT("a;\" \"\n"), NULL, "1:a| \n");
}

/* ---- limits and stopping ---- */

static void test_limit_bytes(void **state)
{
	struct csvr_options o = { .max_bytes = 10 };
	char *rows;

	(void)state;
	EXPECT_ROWS(LIT("0123456789"), &o, "1:0123456789\n");
	rows = EXPECT_ERROR(LIT("0123456789\n"), &o, "O arquivo tem 11 bytes, acima do limite de 10 bytes.");
	assert_string_equal(rows, "");
	free(rows);
	/* In KB and MB: the file's size rounded up, the limit's down, never the same. */
	o.max_bytes = 2048;
	{
		unsigned char *big = calloc(1, 3 * 1024 * 1024);
		assert_non_null(big);
		free(EXPECT_ERROR(big, 2049, &o, "O arquivo tem 3 KB, acima do limite de 2 KB."));
		o.max_bytes = 2 * 1024 * 1024;
		free(EXPECT_ERROR(big, 2 * 1024 * 1024 + 1, &o, "3 MB, acima do limite de 2 MB."));
		free(big);
	}
	/* The default: 50 MB. */
	{
		size_t n = CSVR_DEFAULT_MAX_BYTES + 1;
		unsigned char *big = malloc(n);
		assert_non_null(big);
		memset(big, 'a', n);
		free(EXPECT_ERROR(big, n, NULL, "acima do limite de 50 MB"));
		free(big);
	}
}

static void test_limit_rows(void **state)
{
	struct csvr_options o = { .max_rows = 3 };
	char *rows;

	(void)state;
	/* Blank rows do not count. */
	EXPECT_ROWS(LIT("a\n\nb\n;;\nc\n"), &o, "1:a\n3:b\n5:c\n");
	rows = EXPECT_ERROR(LIT("a\nb\nc\nd\ne\n"), &o, "mais de 3 linhas preenchidas");
	assert_string_equal(rows, "1:a\n2:b\n3:c\n");
	free(rows);
	/* The sep= line is not a row. */
	EXPECT_ROWS(LIT("sep=;\na\nb\nc\n"), &o, "2:a\n3:b\n4:c\n");
}

static void test_limit_cols(void **state)
{
	struct csvr_options o = { .max_cols = 3 };
	char *rows;

	(void)state;
	EXPECT_ROWS(LIT("a;b;c\n"), &o, "1:a|b|c\n");
	/* Empty cells past the limit are trailing ones: dropped, not counted. */
	EXPECT_ROWS(LIT("a;b;c;;;;;;;;;;;;;;;\n"), &o, "1:a|b|c\n");
	rows = EXPECT_ERROR(LIT("x\na;b;c;d\n"), &o,
			    "Linha 2: há dados na coluna D, além do limite de 3 colunas.");
	assert_string_equal(rows, "1:x\n");
	free(rows);
	free(EXPECT_ERROR(LIT(";;;;;;;;;;;;;;;;;;;;;;;;;;;x\n"), &o, "coluna AB,"));
	/* The default, 200: column GR is the 200th, GS one too many. */
	{
		struct strbuf sb = STRBUF_INIT;
		struct result r;
		for (int i = 0; i < 200; i++)
			assert_int_equal(sb_puts(&sb, "x;"), 0);
		r = run((const unsigned char *)sb.buf, sb.len, NULL, 0);
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.info.rows, 1);
		result_free(&r);
		assert_int_equal(sb_puts(&sb, "x"), 0);
		free(EXPECT_ERROR((const unsigned char *)sb.buf, sb.len, NULL,
				  "Linha 1: há dados na coluna GS, além do limite de 200 colunas."));
		sb_free(&sb);
	}
}

static void test_limit_cell(void **state)
{
	struct csvr_options o = { .max_cell = 4 };
	char *rows;

	(void)state;
	EXPECT_ROWS(LIT("abcd;  abcd  ;\"abcd\"\n"), &o, "1:abcd|abcd|abcd\n");
	rows = EXPECT_ERROR(LIT("a\nb;abcde\n"), &o,
			    "Linha 2, coluna B: o texto tem mais de 4 bytes, o máximo por célula.");
	assert_string_equal(rows, "1:a\n");
	free(rows);
	/* Bytes after conversion: ç is one byte in Windows-1252, two in UTF-8. */
	EXPECT_ROWS(LIT("\xe7\xe7;x\xff"), &o, "1:\xc3\xa7\xc3\xa7|x\xc3\xbf\n");
	free(EXPECT_ERROR(LIT("\xe7\xe7\xe7;x\xff"), &o, "Linha 1, coluna A"));
	/* A cell running over lines hints at an open quote; its row's line is given. */
	free(EXPECT_ERROR(LIT("a;\"b\nc\nd\ne\"\n"), &o, "Linha 1, coluna B: o texto tem mais de "
			  "4 bytes, o máximo por célula. Ele ocupa várias linhas"));
}

static void test_stop(void **state)
{
	static const unsigned char csv[] = "sep=;\nh1;h2\n\na;1\nb;2\nc;3\n";
	struct result r;

	(void)state;
	r = run(csv, sizeof csv - 1, NULL, 2);
	assert_int_equal(r.rc, 0);
	assert_true(r.info.stopped);
	assert_int_equal(r.info.rows, 2);
	assert_true(r.info.had_sep_line);
	assert_string_equal(r.rows, "2:h1|h2\n4:a|1\n");
	result_free(&r);
	/* Stopped at the last row; a row limit that would fail later does not. */
	struct csvr_options o = { .max_rows = 2 };
	r = run(csv, sizeof csv - 1, &o, 2);
	assert_int_equal(r.rc, 0);
	assert_true(r.info.stopped);
	result_free(&r);
	r = run(csv, sizeof csv - 1, NULL, 4);
	assert_int_equal(r.rc, 0);
	assert_true(r.info.stopped);
	assert_int_equal(r.info.rows, 4);
	result_free(&r);
	/* The last row without a line end comes through csv_fini: stopping there too. */
	r = run(LIT("a\nb"), NULL, 2);
	assert_int_equal(r.rc, 0);
	assert_true(r.info.stopped);
	assert_string_equal(r.rows, "1:a\n2:b\n");
	result_free(&r);
}

static void test_bad_options(void **state)
{
	struct csvr_options o = forced((enum csvr_encoding)7);
	struct csvr_info info;

	(void)state;
	free(EXPECT_ERROR(LIT("a\n"), &o, "Codificação"));
	/* info and err may be NULL. */
	assert_int_equal(csvr_read(LIT("a\n"), &o, NULL, NULL, NULL, NULL), -1);
	assert_int_equal(csvr_read(LIT("a;b\n"), NULL, NULL, NULL, &info, NULL), 0);
	assert_int_equal(info.rows, 1);
}

/* ---- the sample spreadsheets ---- */

static unsigned char *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(sb_append(&sb, chunk, n), 0);
	fclose(f);
	*len = sb.len;
	return (unsigned char *)sb_detach(&sb);
}

#define DATA "tests/data/"   /* the sample spreadsheets, from the repository root */

struct sample {
	const char *file;
	enum csvr_encoding encoding;
	char delimiter;
	bool sep;
	size_t rows;
	const char *has[4];    /* parts of the rows' text, as "line:cell|cell" */
};

static const struct sample samples[] = {
	{ "clientes-excel-windows1252.csv", CSVR_WINDOWS1252, ';', false, 201,
	  { "1:Tipo|Nome/Razão Social|Nome Fantasia|CPF/CNPJ|E-mail|Telefone|Celular|Endereço|"
	    "Cidade|UF|CEP|Situação|Observações\n",
	    "\n2:PJ|Comércio de Peças Pereira Ltda|Comércio Peçanha|77.763.170/0001-52|",
	    "|Travessa São João, 2280|São Paulo|SP|",
	    "\n201:PF|Caio Brandão Souza||604.927.326-04|" } },
	{ "clientes-libreoffice-utf8.csv", CSVR_UTF8_BOM, ',', false, 201,
	  { "1:Tipo|Nome/Razão Social|",
	    "\n2:PF|José Santos Santos||524.493.909-28|jose.0@exemplo.com.br|(41) 3764-7447|"
	    "(41) 99340-7095|Alameda Santos, 1099|Niterói|RJ|14708-891|Ativo\n",
	    "\n201:PF|Márcia Lima Simões||", NULL } },
	{ "clientes-modelo-opa.csv", CSVR_UTF8, ';', false, 101,
	  { "1:Nome|cpfCnpj|fantasia|foneComercial|foneResidencial|celular|email|senha|usuario|"
	    "status|tipoRegistro|etiqueta\n",
	    "\n2:Açougue Oliveira EIRELI|97919074000168|Açougue Conceição|(62) 2785-8704||",
	    "\n3:Maria Oliveira Assunção|904.047.966-64||(82) 4982-8284||(82) 93197-6988|"
	    "maria.1@exemplo.com.br|||A|prospect|lucro-presumido\n",
	    "\n101:Transportes Falcão SLU|" } },
	{ "clientes-baguncado.csv", CSVR_WINDOWS1252, ';', true, 301,
	  { "2:Tipo|Nome/Razão Social|",
	    /* a quoted cell with doubled quotes, a ';' and a line break; then the next line */
	    "\n16:PF|Thaís Souza Magalhães||469.373.453-56|thais.13@exemplo.com.br|(48) 4200-9679|"
	    "(48) 98403-7557|Av. Getúlio Vargas, 1283|Maceió|AL|47194-448|Ativo|"
	    "Cliente \"VIP\";\nligar antes das 10h\n18:PF|Fábio Gonçalves Gonçalves|",
	    /* a padded name, trimmed; a missing name kept as an empty cell */
	    "\n71:PJ|Mercearia Assunção Ltda|Mercearia Santos|",
	    "\n181:PF|||72409551173|conceicao.172@exemplo.com.br|" } },
};

static void test_samples(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		const struct sample *s = &samples[i];
		char path[256];
		size_t len;
		unsigned char *data;
		struct result r;

		snprintf(path, sizeof path, DATA "%s", s->file);
		data = load(path, &len);
		if (!data)
			fail_msg("%s: cannot read it (run from the repository root)", path);
		assert_int_equal(csvr_detect_encoding(data, len), s->encoding);
		r = run(data, len, NULL, 0);
		if (r.rc != 0)
			fail_msg("%s: %s", s->file, r.err);
		assert_int_equal(r.info.encoding, s->encoding);
		assert_int_equal(r.info.delimiter, s->delimiter);
		assert_int_equal(r.info.had_sep_line, s->sep);
		assert_int_equal(r.info.rows, s->rows);
		for (size_t k = 0; k < 4 && s->has[k]; k++)
			if (!strstr(r.rows, s->has[k]))
				fail_msg("%s: no \"%s\"", s->file, s->has[k]);
		/* Every row of these client lists has at most the header's 13 cells. */
		for (const char *p = r.rows; *p;) {
			const char *e = strchr(p, '\n');
			size_t bars = 0;
			for (const char *q = p; q < e; q++)
				bars += *q == '|';
			assert_true(bars < 13);
			p = e + 1;
		}
		result_free(&r);
		free(data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_forced_on_bad_bytes),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_cp1252_against_iconv),
		cmocka_unit_test(test_nul_and_not_csv),
		cmocka_unit_test(test_sep_line),
		cmocka_unit_test(test_delimiter),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_blank_rows),
		cmocka_unit_test(test_trailing_empty),
		cmocka_unit_test(test_limit_bytes),
		cmocka_unit_test(test_limit_rows),
		cmocka_unit_test(test_limit_cols),
		cmocka_unit_test(test_limit_cell),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_samples),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
