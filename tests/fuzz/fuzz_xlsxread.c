/* libFuzzer target for lib/sheet/xlsxread.c: xlsxr_sheets and xlsxr_read on any bytes (mostly
 * zips, from the seeds), with small limits taken from the input's last bytes, each sheet
 * the workbook has (up to 3), a callback that stops, and what must hold: every row as
 * the header promises, an error always with a message, and small limits only ever cut
 * the rows short of what roomy ones give.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "sheet/xlsxread.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

struct seen {
	const struct xlsxr_options *opt;
	size_t stop_after, calls, last_row, max_cols;
	bool stopped;
	struct strbuf rows;
};

static int on_row(void *ctx, size_t row_no, const char *const *cells, const size_t *lens,
		  size_t ncells)
{
	struct seen *s = ctx;
	bool any = false;

	CHECK(!s->stopped);
	CHECK(row_no >= 1 && row_no > s->last_row);
	s->last_row = row_no;
	CHECK(ncells >= 1 && ncells <= s->opt->max_cols);
	CHECK(lens[ncells - 1] > 0);
	CHECK(sb_printf(&s->rows, "%zu:", row_no) == 0);
	for (size_t i = 0; i < ncells; i++) {
		CHECK(lens[i] <= s->opt->max_cell);
		CHECK(strlen(cells[i]) == lens[i]);
		CHECK(utf8_valid(cells[i], lens[i]));
		any |= lens[i] > 0;
		CHECK(sb_append(&s->rows, cells[i], lens[i]) == 0 && sb_putc(&s->rows, '\t') == 0);
	}
	CHECK(any);
	CHECK(sb_putc(&s->rows, '\n') == 0);
	s->calls++;
	CHECK(s->calls <= s->opt->max_rows);
	if (s->stop_after && s->calls >= s->stop_after)
		s->stopped = true;
	return s->stopped;
}

static int read_once(const uint8_t *data, size_t size, const struct xlsxr_options *opt,
		     size_t stop_after, struct seen *s, struct xlsxr_info *info)
{
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(s, 0, sizeof *s);
	s->opt = opt;
	s->stop_after = stop_after;
	rc = xlsxr_read(data, size, opt, on_row, s, info, &err);
	CHECK(rc == 0 || rc == -1);
	if (rc == 0)
		CHECK(err.len == 0);
	else
		CHECK(err.len > 0 && utf8_valid(err.buf, err.len) && !info->stopped);
	CHECK(info->rows == s->calls);
	CHECK(info->stopped == s->stopped);
	sb_free(&err);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Limits from the last bytes: a zip's first bytes are its signature. */
	uint8_t p0 = size > 0 ? data[size - 1] : 0, p1 = size > 1 ? data[size - 2] : 0;
	struct strbuf names = STRBUF_INIT, err = STRBUF_INIT;
	struct xlsxr_options roomy = { .max_rows = 100000, .max_cols = 1000, .max_cell = 100000,
				       .max_bytes = 1u << 20, .max_uncompressed = 8u << 20,
				       .max_ratio = 1000, .max_entries = 1000,
				       .max_shared_strings = 100000, .max_shared_bytes = 1u << 20 };
	struct xlsxr_options small = { .max_rows = 1u + p0 % 8, .max_cols = 1u + p0 / 8 % 8,
				       .max_cell = 1u + p1 % 32, .max_bytes = 1u << 20,
				       .max_uncompressed = 8u << 20, .max_ratio = 1000,
				       .max_entries = 1000, .max_shared_strings = 100000,
				       .max_shared_bytes = 1u << 20 };
	struct seen all, some;
	struct xlsxr_info info, info2;
	size_t n = 0;
	int rc;

	rc = xlsxr_sheets(data, size, &names, &n, &err);
	if (rc == 0) {
		size_t count = 0;
		CHECK(n >= 1 && err.len == 0 && names.len > 0 && names.buf[names.len - 1] == '\0');
		for (size_t i = 0; i < names.len; i += strlen(names.buf + i) + 1) {
			CHECK(names.buf[i] != '\0' && utf8_valid(names.buf + i, strlen(names.buf + i)));
			count++;
		}
		CHECK(count == n);
	} else {
		CHECK(rc == -1 && err.len > 0 && utf8_valid(err.buf, err.len));
	}

	for (size_t sheet = 0; sheet < (n ? n : 1) && sheet < 3; sheet++) {
		roomy.sheet = small.sheet = sheet;
		rc = read_once(data, size, &roomy, 0, &all, &info);
		CHECK(info.nsheets == n || rc == -1);

		/* Small limits (each no larger than roomy's) and maybe a stop: the same rows,
		 * cut short, whether or not the roomy read got to the end. */
		read_once(data, size, &small, p1 / 32 % 4, &some, &info2);
		CHECK(some.rows.len <= all.rows.len && info2.rows <= info.rows);
		CHECK(some.rows.len == 0 || memcmp(some.rows.buf, all.rows.buf, some.rows.len) == 0);
		sb_free(&all.rows);
		sb_free(&some.rows);
	}
	sb_free(&names);
	sb_free(&err);
	return 0;
}
