/* libFuzzer target for lib/sheet/csvread.c: csvr_read on any bytes, detected and with each
 * encoding forced, with small limits taken from the input's first bytes, a callback that
 * stops, a forced delimiter of any byte, and what must hold: every row as the header
 * promises, small limits only ever cut the rows short, and the rows written back as CSV
 * (every cell quoted) read back the same.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/csvread.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

struct seen {
	const struct csvr_options *opt;
	char delim;             /* to write the rows back with */
	size_t stop_after;      /* 0: never stop */
	size_t calls, last_line;
	bool stopped;
	struct strbuf csv;      /* the rows written back, each cell quoted */
	struct strbuf lines;    /* their line numbers */
};

static size_t lim(size_t v, size_t def)
{
	return v ? v : def;
}

static int on_row(void *ctx, size_t line_no, const char *const *cells, const size_t *lens,
		  size_t ncells)
{
	struct seen *s = ctx;
	bool any = false;

	CHECK(!s->stopped);
	CHECK(line_no >= 1 && line_no > s->last_line);
	s->last_line = line_no;
	CHECK(ncells >= 1 && ncells <= lim(s->opt->max_cols, CSVR_DEFAULT_MAX_COLS));
	CHECK(lens[ncells - 1] > 0);
	for (size_t i = 0; i < ncells; i++) {
		CHECK(lens[i] <= lim(s->opt->max_cell, CSVR_DEFAULT_MAX_CELL));
		CHECK(strlen(cells[i]) == lens[i]);
		CHECK(utf8_valid(cells[i], lens[i]));
		any |= lens[i] > 0;

		if (i)
			CHECK(sb_putc(&s->csv, s->delim) == 0);
		CHECK(sb_putc(&s->csv, '"') == 0);
		for (size_t k = 0; k < lens[i]; k++) {
			if (cells[i][k] == '"')
				CHECK(sb_putc(&s->csv, '"') == 0);
			CHECK(sb_putc(&s->csv, cells[i][k]) == 0);
		}
		CHECK(sb_putc(&s->csv, '"') == 0);
	}
	CHECK(any);
	CHECK(sb_putc(&s->csv, '\n') == 0);
	CHECK(sb_printf(&s->lines, "%zu,", line_no) == 0);
	s->calls++;
	CHECK(s->calls <= lim(s->opt->max_rows, CSVR_DEFAULT_MAX_ROWS));
	if (s->stop_after && s->calls >= s->stop_after)
		s->stopped = true;
	return s->stopped;
}

/* One read; checks what holds of every read. The caller frees s->csv and s->lines. */
static int read_once(const uint8_t *data, size_t size, const struct csvr_options *opt,
		     size_t stop_after, struct seen *s, struct csvr_info *info)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(s, 0, sizeof *s);
	s->opt = opt;
	s->stop_after = stop_after;
	/* The delimiter is known before the first row: it is what was forced, or the sep=
	 * line's, or the guess; written back with the one the read reports (checked below). */
	s->delim = opt->delimiter;
	if (!s->delim) {
		struct csvr_info peek;
		struct csvr_options o = *opt;
		o.max_rows = o.max_cols = o.max_cell = SIZE_MAX;
		o.max_bytes = SIZE_MAX;
		csvr_read(data, size, &o, NULL, NULL, &peek, NULL);
		s->delim = peek.delimiter;
	}
	rc = csvr_read(data, size, opt, on_row, s, info, &err);
	CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		CHECK(err.len == 0);
	} else {
		CHECK(err.len > 0 && utf8_valid(err.buf, err.len));
		CHECK(!info->stopped);
	}
	CHECK(info->rows == s->calls);
	CHECK(info->stopped == s->stopped);
	if (info->delimiter)
		CHECK(info->delimiter == s->delim);
	if (opt->encoding_set && info->delimiter)
		CHECK(info->encoding == opt->encoding);
	sb_free(&err);
	return rc;
}

static bool is_prefix(const struct strbuf *a, const struct strbuf *b)
{
	return a->len <= b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t p0 = size > 0 ? data[0] : 0, p1 = size > 1 ? data[1] : 0;
	uint8_t p2 = size > 2 ? data[2] : 0, p3 = size > 3 ? data[3] : 0;
	struct csvr_options roomy = { .max_rows = 1000000, .max_cols = 1000000,
				      .max_cell = 10000000, .max_bytes = 10000000 };
	struct csvr_options small = { .max_rows = 1u + p0 % 8, .max_cols = 1u + p0 / 8 % 8,
				      .max_cell = 1u + p1 % 32, .max_bytes = 16u * (1u + p2) };
	struct seen all, some, back;
	struct csvr_info info, info2;
	int rc;

	/* Everything detected, roomy limits: the reference. */
	rc = read_once(data, size, &roomy, 0, &all, &info);
	CHECK(info.encoding == csvr_detect_encoding(data, size) || info.delimiter == 0);

	/* Small limits and maybe a stop: the same rows, cut short. */
	read_once(data, size, &small, p1 / 32 % 4, &some, &info2);
	CHECK(is_prefix(&some.csv, &all.csv) && is_prefix(&some.lines, &all.lines));
	CHECK(info2.rows <= info.rows);
	sb_free(&some.csv);
	sb_free(&some.lines);

	/* Written back and read again (forced UTF-8 and the same delimiter): the same rows. */
	if (rc == 0 && all.csv.len) {
		struct csvr_options o = roomy;
		struct csvr_info info3;
		o.encoding = CSVR_UTF8;
		o.encoding_set = true;
		o.delimiter = all.delim;
		CHECK(read_once((const uint8_t *)all.csv.buf, all.csv.len, &o, 0, &back, &info3) == 0);
		CHECK(back.csv.len == all.csv.len && memcmp(back.csv.buf, all.csv.buf, all.csv.len) == 0);
		CHECK(info3.rows == info.rows);
		sb_free(&back.csv);
		sb_free(&back.lines);
	}
	sb_free(&all.csv);
	sb_free(&all.lines);

	/* Each encoding forced, small limits; then a delimiter of any byte. */
	for (int e = CSVR_UTF8; e <= CSVR_WINDOWS1252; e++) {
		struct csvr_options o = small;
		o.encoding = (enum csvr_encoding)e;
		o.encoding_set = true;
		read_once(data, size, &o, 0, &some, &info2);
		sb_free(&some.csv);
		sb_free(&some.lines);
	}
	{
		struct csvr_options o = small;
		char d = (char)p3;
		o.delimiter = d;
		rc = read_once(data, size, &o, 0, &some, &info2);
		if (d == '"' || d == ' ' || d == '\r' || d == '\n' || d < 0)
			CHECK(rc == -1 && info2.rows == 0);
		sb_free(&some.csv);
		sb_free(&some.lines);
	}
	return 0;
}
