/* Unit tests for lib/web/multipart.c: the boundary, the push parser fed in chunks of every
 * size, and the high-level reader with its limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/multipart.h"
#include "base/strbuf.h"

/* ---- multipart_boundary ---- */

static void expect_boundary(const char *ct, const char *want)
{
	char *b = multipart_boundary(ct);
	const char *shown = ct ? ct : "(null)";

	if (!want) {
		if (b)
			fail_msg("multipart_boundary(\"%s\") gave \"%s\"", shown, b);
		return;
	}
	if (!b)
		fail_msg("multipart_boundary(\"%s\") gave NULL", shown);
	assert_string_equal(b, want);
	free(b);
}

static void test_boundary(void **state)
{
	(void)state;
	expect_boundary("multipart/form-data; boundary=abc", "abc");
	expect_boundary("multipart/form-data;boundary=abc", "abc");
	expect_boundary("Multipart/Form-Data; BOUNDARY=abc", "abc");
	expect_boundary("  multipart/form-data ; boundary = abc ;", "abc");
	expect_boundary("multipart/form-data; boundary=\"a b:c=d?\"", "a b:c=d?");
	expect_boundary("multipart/form-data; charset=utf-8; boundary=x; foo=\"bar\"", "x");
	expect_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
			"----WebKitFormBoundary7MA4YWxkTrZu0gW");
	expect_boundary("multipart/form-data; boundary=\"----=_Part_0_1.2\"", "----=_Part_0_1.2");
	expect_boundary("multipart/form-data; boundary="
			"1234567890123456789012345678901234567890123456789012345678901234567890",
			"1234567890123456789012345678901234567890123456789012345678901234567890");
	/* Refused. */
	expect_boundary(NULL, NULL);
	expect_boundary("", NULL);
	expect_boundary("text/plain; boundary=abc", NULL);
	expect_boundary("multipart/mixed; boundary=abc", NULL);
	expect_boundary("multipart/form-dataX; boundary=abc", NULL);
	expect_boundary("multipart/form-data", NULL);
	expect_boundary("multipart/form-data; charset=utf-8", NULL);
	expect_boundary("multipart/form-data; boundary=", NULL);
	expect_boundary("multipart/form-data; boundary=\"\"", NULL);
	expect_boundary("multipart/form-data; boundary="
			"12345678901234567890123456789012345678901234567890123456789012345678901",
			NULL);  /* 71 */
	expect_boundary("multipart/form-data; boundary=\"abc \"", NULL);  /* space last */
	expect_boundary("multipart/form-data; boundary=a*b", NULL);
	expect_boundary("multipart/form-data; boundary=\"a\tb\"", NULL);
	expect_boundary("multipart/form-data; boundary=\"abc", NULL);
	expect_boundary("multipart/form-data; boundary=a; boundary=a", NULL);
	expect_boundary("multipart/form-data; boundary=abc junk", NULL);
	expect_boundary("multipart/form-data; =abc", NULL);
	expect_boundary("multipart/form-data; boundary", NULL);
	expect_boundary("multipart/form-data x; boundary=abc", NULL);
}

/* ---- The push parser ---- */

/* Records what the parser reports as text: "[name|filename|type]data{}" with '~' for
 * NULL, so that any chunking must give the very same text. */
struct rec {
	struct strbuf t;
	int fail_begin;  /* status part_begin returns */
	int parts;
};

static int rec_begin(void *ctx, const char *name, const char *filename, const char *ctype)
{
	struct rec *r = ctx;

	assert_non_null(name);
	assert_int_equal(sb_printf(&r->t, "[%s|%s|%s]", name, filename ? filename : "~",
				   ctype ? ctype : "~"), 0);
	r->parts++;
	return r->fail_begin;
}

static int rec_data(void *ctx, const char *data, size_t len)
{
	struct rec *r = ctx;

	assert_true(len > 0);
	assert_int_equal(sb_append(&r->t, data, len), 0);
	return PARSE_OK;
}

static int rec_end(void *ctx)
{
	struct rec *r = ctx;

	assert_int_equal(sb_puts(&r->t, "{}"), 0);
	return PARSE_OK;
}

static const struct multipart_callbacks rec_cb = { rec_begin, rec_data, rec_end };

/* Feeds body in chunks of `chunk` bytes; returns the first error or finish's status. */
static int push(const char *boundary, const char *body, size_t len, size_t chunk,
		size_t max_header, struct rec *r)
{
	struct multipart *mp = multipart_new(boundary, &rec_cb, r, max_header);
	int st = PARSE_OK;

	assert_non_null(mp);
	for (size_t i = 0; i < len && st == PARSE_OK; i += chunk) {
		size_t n = len - i < chunk ? len - i : chunk;
		/* An exact-size heap copy, so ASan sees any read past the chunk. */
		char *c = malloc(n);
		assert_non_null(c);
		memcpy(c, body + i, n);
		st = multipart_feed(mp, c, n);
		free(c);
	}
	if (st == PARSE_OK)
		st = multipart_finish(mp);
	multipart_free(mp);
	return st;
}

/* Every chunk size from 1 to the whole body gives the same status and the same text
 * (want_text NULL: not checked). */
static void expect_push(const char *boundary, const char *body, size_t len, size_t max_header,
			int want, const char *want_text, size_t want_len)
{
	for (size_t chunk = 1; chunk <= len + 1; chunk++) {
		struct rec r = { STRBUF_INIT, PARSE_OK, 0 };
		int st = push(boundary, body, len, chunk, max_header, &r);

		if (st != want)
			fail_msg("chunk %zu: status %d, want %d", chunk, st, want);
		if (want_text && (r.t.len != want_len ||
				  memcmp(sb_str(&r.t), want_text, want_len) != 0))
			fail_msg("chunk %zu: got \"%s\"\nwant \"%s\"", chunk, sb_str(&r.t), want_text);
		sb_free(&r.t);
	}
}

#define PUSH_OK(body, text) \
	expect_push("XyZ", body, sizeof(body) - 1, 1024, PARSE_OK, text, sizeof(text) - 1)
#define PUSH_ERR(body, st) expect_push("XyZ", body, sizeof(body) - 1, 1024, st, NULL, 0)

static void test_push_basic(void **state)
{
	(void)state;
	PUSH_OK("--XyZ\r\n"
		"Content-Disposition: form-data; name=\"nome\"\r\n"
		"\r\n"
		"Jo\xc3\xa3o da Silva\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"empty\"\r\n"
		"\r\n"
		"\r\n"
		"--XyZ\r\n"
		"content-disposition: form-data; name=\"arquivo\"; filename=\"clientes.csv\"\r\n"
		"Content-Type: text/csv\r\n"
		"\r\n"
		"a;b\r\n1;2\r\n\r\n"
		"--XyZ--\r\n",
		"[nome|~|~]Jo\xc3\xa3o da Silva{}"
		"[empty|~|~]{}"
		"[arquivo|clientes.csv|text/csv]a;b\r\n1;2\r\n{}");
	/* No parts at all. */
	PUSH_OK("--XyZ--", "");
	PUSH_OK("--XyZ--\r\n", "");
}

static void test_push_near_delimiters(void **state)
{
	(void)state;
	/* Data that starts like a delimiter but is not one, at every split. */
	PUSH_OK("--XyZ\r\n"
		"Content-Disposition: form-data; name=a\r\n"
		"\r\n"
		"\r\r\n\r\n-\r\n--\r\n--X\r\n--Xy\r\n--XyQ--XyZ\n--XyZ\r\r"
		"\r\n--XyZ\r\n"
		"Content-Disposition: form-data; name=b\r\n"
		"\r\n"
		"\r"
		"\r\n--XyZ--",
		"[a|~|~]\r\r\n\r\n-\r\n--\r\n--X\r\n--Xy\r\n--XyQ--XyZ\n--XyZ\r\r{}"
		"[b|~|~]\r{}");
	/* The delimiter right after the header block: an empty value. */
	PUSH_OK("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--XyZ--",
		"[a|~|~]{}");
}

static void test_push_preamble_epilogue(void **state)
{
	(void)state;
	PUSH_OK("This is the preamble. --XyZ is not at a line start.\r\n"
		"--XyQ\r\n--Xy\r\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=a\r\n"
		"\r\n"
		"1\r\n"
		"--XyZ--\r\n"
		"Epilogue, ignored: \r\n--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2",
		"[a|~|~]1{}");
	/* Transport padding after a delimiter. */
	PUSH_OK("\r\n--XyZ \t \r\n"
		"Content-Disposition: form-data; name=a\r\n"
		"\r\n"
		"1\r\n"
		"--XyZ\t\r\n"
		"Content-Disposition: form-data; name=b\r\n"
		"\r\n"
		"2\r\n"
		"--XyZ--",
		"[a|~|~]1{}[b|~|~]2{}");
}

static void test_push_disposition(void **state)
{
	(void)state;
	PUSH_OK("--XyZ\r\n"
		"CONTENT-DISPOSITION:FORM-DATA;NAME=\"up\";   FileName=\"C:\\Users\\Ana\\nota \\\"1\\\".pdf\""
		"; filename*=UTF-8''x.pdf; size=10\r\n"
		"X-Other: whatever\r\n"
		"Content-Type:  application/pdf ; x=y  \r\n"
		"Content-Transfer-Encoding: binary\r\n"
		"\r\n"
		"%PDF\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; filename=\"\"; name=\"vazio\"\r\n"
		"\r\n"
		"\r\n"
		"--XyZ\r\n"
		"Content-Disposition: form-data; name=\"a\\b\"; filename=../../etc/passwd\r\n"
		"\r\n"
		"\r\n"
		"--XyZ--",
		"[up|C:\\Users\\Ana\\nota \"1\".pdf|application/pdf ; x=y]%PDF{}"
		"[vazio||~]{}"
		"[a\\b|../../etc/passwd|~]{}");
}

#define PART(hdr) "--XyZ\r\n" hdr "\r\n\r\nv\r\n--XyZ--"

static void test_push_errors(void **state)
{
	(void)state;
	PUSH_ERR("", PARSE_BAD);
	PUSH_ERR("just a preamble", PARSE_BAD);
	PUSH_ERR("--XyZ", PARSE_BAD);
	PUSH_ERR("--XyZ-", PARSE_BAD);
	PUSH_ERR("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv", PARSE_BAD);
	PUSH_ERR("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ", PARSE_BAD);
	PUSH_ERR("--XyZ\r\nContent-Disposition: form-data; name=a\r\n", PARSE_BAD);
	/* A delimiter followed by anything but "--" or padding and CRLF. */
	PUSH_ERR("--XyZx\r\n", PARSE_BAD);
	PUSH_ERR("--XyZ-x", PARSE_BAD);
	PUSH_ERR("--XyZ \r-", PARSE_BAD);
	PUSH_ERR("--XyZ\n", PARSE_BAD);
	PUSH_ERR("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv--XyZ\r\n--XyZZ", PARSE_BAD);
	/* Header blocks. */
	PUSH_ERR("--XyZ\r\n\r\nv\r\n--XyZ--", PARSE_BAD);             /* no headers */
	PUSH_ERR(PART("Content-Type: text/plain"), PARSE_BAD);         /* no disposition */
	PUSH_ERR(PART("Content-Disposition: form-data"), PARSE_BAD);   /* no name */
	PUSH_ERR(PART("Content-Disposition: form-data; filename=x"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: attachment; name=a"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-datax; name=a"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a; name=b"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a; filename=b; filename=c"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\n"
		      "Content-Disposition: form-data; name=b"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\n"
		      "Content-Type: a\r\nContent-Type: b"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=\"a"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a b"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=\"\xff\""), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a; filename=\"\xc0\xaf\""), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data;\r\n name=a"), PARSE_BAD);  /* folding */
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\nX: y"), PARSE_BAD);  /* bare LF */
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\rX: y"), PARSE_BAD);  /* bare CR */
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\nNo colon"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\n: empty name"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\nBad Name: x"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\nX: a\x01z"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\r\n"
		      "Content-Transfer-Encoding: base64"), PARSE_BAD);
	PUSH_ERR(PART("Content-Disposition: form-data; name=a\0b"), PARSE_BAD);  /* NUL */
}

static void test_push_header_limit(void **state)
{
	static const char body[] = "--XyZ\r\n"
				   "Content-Disposition: form-data; name=a\r\n"
				   "\r\n"
				   "v\r\n--XyZ--";
	/* The header block counts its line ends and the empty line that ends it. */
	size_t block = strlen("Content-Disposition: form-data; name=a\r\n\r\n");

	(void)state;
	expect_push("XyZ", body, sizeof(body) - 1, block, PARSE_OK, "[a|~|~]v{}", 10);
	expect_push("XyZ", body, sizeof(body) - 1, block - 1, PARSE_TOO_BIG, "", 0);
	expect_push("XyZ", body, sizeof(body) - 1, 0, PARSE_TOO_BIG, "", 0);
	/* A header block that never ends stops at the limit, not at the end of input. */
	{
		struct rec r = { STRBUF_INIT, PARSE_OK, 0 };
		struct multipart *mp = multipart_new("XyZ", &rec_cb, &r, 100);
		assert_non_null(mp);
		assert_int_equal(multipart_feed(mp, "--XyZ\r\n", 7), PARSE_OK);
		for (int i = 0; i < 100; i++)
			assert_int_equal(multipart_feed(mp, "x", 1), PARSE_OK);
		assert_int_equal(multipart_feed(mp, "x", 1), PARSE_TOO_BIG);
		multipart_free(mp);
	}
}

static void test_push_sticky(void **state)
{
	struct rec r = { STRBUF_INIT, PARSE_TOO_MANY, 0 };
	struct multipart *mp = multipart_new("b", &rec_cb, &r, 100);
	static const char body[] = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--b--";

	(void)state;
	assert_non_null(mp);
	assert_int_equal(multipart_feed(mp, body, sizeof(body) - 1), PARSE_TOO_MANY);
	assert_int_equal(multipart_feed(mp, "x", 1), PARSE_TOO_MANY);
	assert_int_equal(multipart_finish(mp), PARSE_TOO_MANY);
	assert_int_equal(r.parts, 1);
	multipart_free(mp);
	sb_free(&r.t);

	/* A bad boundary: no object refused (NULL means out of memory), a bad body. */
	mp = multipart_new("a\r\nb", &rec_cb, &r, 100);
	assert_non_null(mp);
	assert_int_equal(multipart_feed(mp, "--a\r\n", 5), PARSE_BAD);
	assert_int_equal(multipart_finish(mp), PARSE_BAD);
	multipart_free(mp);
	mp = multipart_new(NULL, &rec_cb, &r, 100);
	assert_non_null(mp);
	assert_int_equal(multipart_finish(mp), PARSE_BAD);
	multipart_free(mp);
	mp = multipart_new("", NULL, NULL, 100);
	assert_non_null(mp);
	assert_int_equal(multipart_feed(mp, "", 0), PARSE_BAD);
	multipart_free(mp);
	multipart_free(NULL);
	/* Without callbacks the parser still checks the syntax. */
	mp = multipart_new("b", NULL, NULL, 100);
	assert_non_null(mp);
	assert_int_equal(multipart_feed(mp, body, sizeof(body) - 1), PARSE_OK);
	assert_int_equal(multipart_feed(mp, NULL, 0), PARSE_OK);
	assert_int_equal(multipart_finish(mp), PARSE_OK);
	multipart_free(mp);
}

/* A 70-character boundary split at every point, with a binary file of every byte. */
static void test_push_long_boundary_binary(void **state)
{
	static const char b[] =
		"----------WebKitFormBoundary0123456789abcdefghijklmnopqrstuvwxyz'()+_,";
	struct strbuf body = STRBUF_INIT, want = STRBUF_INIT;

	(void)state;
	assert_int_equal(strlen(b), 70);
	assert_int_equal(sb_printf(&body, "--%s\r\nContent-Disposition: form-data; name=f; "
				   "filename=bin\r\n\r\n", b), 0);
	assert_int_equal(sb_puts(&want, "[f|bin|~]"), 0);
	for (int i = 0; i < 256; i++) {
		assert_int_equal(sb_putc(&body, (char)i), 0);
		assert_int_equal(sb_putc(&want, (char)i), 0);
	}
	/* Nearly the delimiter, twice. */
	assert_int_equal(sb_printf(&body, "\r\n--%.69s\r\n--%.69s-", b, b), 0);
	assert_int_equal(sb_printf(&want, "\r\n--%.69s\r\n--%.69s-{}", b, b), 0);
	assert_int_equal(sb_printf(&body, "\r\n--%s--\r\n", b), 0);
	expect_push(b, body.buf, body.len, 1024, PARSE_OK, want.buf, want.len);
	sb_free(&body);
	sb_free(&want);
}

/* ---- multipart_read_all ---- */

struct mem {
	const char *p;
	size_t len, pos, step;
	bool fail;
};

static ssize_t mem_read(void *ctx, char *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t n = m->len - m->pos;

	if (m->fail && m->pos >= m->len / 2)
		return -1;
	if (n > cap)
		n = cap;
	if (n > m->step)
		n = m->step;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static const struct body_limits roomy = { { 10, 20, 100 }, 3, 1000, 200 };

static int read_all(const char *body, size_t len, size_t step, const struct body_limits *lim,
		    struct fields *f, struct uploads *u)
{
	struct mem m = { body, len, 0, step, false };

	return multipart_read_all("XyZ", mem_read, &m, lim, f, u);
}

static void expect_file(const struct upload *up, const char *field, const char *filename,
			const char *ctype, const char *data, size_t len)
{
	char *got = malloc(len + 1);

	assert_non_null(got);
	assert_string_equal(up->field, field);
	assert_string_equal(up->filename, filename);
	if (ctype)
		assert_string_equal(up->content_type, ctype);
	else
		assert_null(up->content_type);
	assert_int_equal(up->size, len);
	assert_non_null(up->fp);
	/* Rewound, and holding exactly the data. */
	assert_int_equal(fread(got, 1, len + 1, up->fp), len);
	assert_memory_equal(got, data, len);
	free(got);
}

static const char form[] =
	"preamble\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"nome\"\r\n\r\n"
	"Jo\xc3\xa3o\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"planilha\"; filename=\"C:\\tmp\\a.csv\"\r\n"
	"Content-Type: text/csv\r\n\r\n"
	"cpf;nome\r\n\xff\x00\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"nome\"\r\n\r\n"
	"Maria\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"outro\"; filename=\"\"\r\n"
	"Content-Type: application/octet-stream\r\n\r\n"
	"\r\n"
	"--XyZ--\r\nepilogue";

static void test_read_all(void **state)
{
	static const size_t steps[] = { 1, 2, 3, 7, 64, 100000 };

	(void)state;
	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		struct fields f = FIELDS_INIT;
		struct uploads u = UPLOADS_INIT;

		assert_int_equal(read_all(form, sizeof(form) - 1, steps[s], &roomy, &f, &u), PARSE_OK);
		assert_int_equal(f.n, 2);
		assert_string_equal(f.v[0].name, "nome");
		assert_string_equal(f.v[0].value, "Jo\xc3\xa3o");
		assert_string_equal(f.v[1].value, "Maria");
		assert_int_equal(fields_count(&f, "nome"), 2);
		assert_int_equal(u.n, 2);
		expect_file(&u.v[0], "planilha", "C:\\tmp\\a.csv", "text/csv",
			    "cpf;nome\r\n\xff\x00", 12);
		expect_file(&u.v[1], "outro", "", "application/octet-stream", "", 0);
		fields_free(&f);
		uploads_free(&u);
		assert_int_equal(u.n, 0);
		assert_null(u.v);
	}
	uploads_free(NULL);
}

/* The fields list already holds one field; on error it is left as it was. */
static void expect_read_error(const char *body, size_t len, const struct body_limits *lim,
			      int want)
{
	static const size_t steps[] = { 1, 5, 100000 };

	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		struct fields f = FIELDS_INIT;
		struct uploads u = UPLOADS_INIT;
		int st;

		assert_int_equal(fields_add(&f, "old", 3, "1", 1), 0);
		st = read_all(body, len, steps[s], lim, &f, &u);
		if (st != want)
			fail_msg("step %zu: status %d, want %d", steps[s], st, want);
		assert_int_equal(f.n, 1);
		assert_int_equal(u.n, 0);
		fields_free(&f);
		uploads_free(&u);
	}
}

#define FIELD(name, value) \
	"--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n" value "\r\n"
#define FILE_(name, value) \
	"--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"; filename=\"f\"\r\n\r\n" \
	value "\r\n"
#define END "--XyZ--"
#define READ_ERR(body, lim, st) expect_read_error(body, sizeof(body) - 1, lim, st)

static const char at_limits_ok[] = FIELD("x", "1") FILE_("y", "2") END;

static void test_read_all_limits(void **state)
{
	const struct body_limits tight = { { 2, 3, 4 }, 1, 5, 200 };
	struct fields f = FIELDS_INIT;
	struct uploads u = UPLOADS_INIT;
	static const char at_limits[] = FIELD("abc", "1234") FIELD("b", "") FILE_("fil", "12345") END;

	(void)state;
	/* Exactly at every limit. */
	assert_int_equal(read_all(at_limits, sizeof(at_limits) - 1, 1, &tight, &f, &u), PARSE_OK);
	assert_int_equal(f.n, 2);
	assert_int_equal(u.n, 1);
	assert_int_equal(u.v[0].size, 5);
	fields_free(&f);
	uploads_free(&u);
	/* One past each. */
	READ_ERR(FIELD("a", "1") FIELD("b", "2") FIELD("c", "3") END, &tight, PARSE_TOO_MANY);
	READ_ERR(FILE_("a", "1") FILE_("b", "2") END, &tight, PARSE_TOO_MANY);
	READ_ERR(FIELD("abcd", "1") END, &tight, PARSE_TOO_BIG);
	READ_ERR(FILE_("abcd", "1") END, &tight, PARSE_TOO_BIG);
	READ_ERR(FIELD("a", "12345") END, &tight, PARSE_TOO_BIG);
	READ_ERR(FILE_("a", "123456") END, &tight, PARSE_TOO_BIG);
	/* The count is per list, and the list already holds one field. */
	READ_ERR(FIELD("a", "1") FIELD("b", "2") END, &tight, PARSE_TOO_MANY);
	{
		struct body_limits small_header = roomy;
		small_header.max_part_header = 20;
		READ_ERR(FIELD("a", "1") END, &small_header, PARSE_TOO_BIG);
	}
	/* Field values must be UTF-8 without NUL; file contents are anything. */
	READ_ERR(FIELD("a", "\xff") END, &roomy, PARSE_BAD);
	READ_ERR(FIELD("a", "\xc3") END, &roomy, PARSE_BAD);
	expect_read_error(FIELD("a", "x\0y") END, sizeof(FIELD("a", "x\0y") END) - 1, &roomy,
			  PARSE_BAD);
	READ_ERR(FIELD("", "1") END, &roomy, PARSE_BAD);
	READ_ERR(FIELD("a", "1") FIELD("b", "2"), &roomy, PARSE_BAD);  /* no closing */
	READ_ERR(FIELD("a", "1") FIELD("b", "2") "--XyZ", &roomy, PARSE_BAD);
}

/* An error after some parts were stored undoes exactly those: what the lists held
 * before stays, open files included. */
static void test_read_all_rollback(void **state)
{
	static const char bad[] = FIELD("x", "1") FILE_("y", "2") FIELD("z", "\xff") END;
	struct fields f = FIELDS_INIT;
	struct uploads u = UPLOADS_INIT;

	(void)state;
	assert_int_equal(read_all(form, sizeof(form) - 1, 100000, &roomy, &f, &u), PARSE_OK);
	assert_int_equal(read_all(bad, sizeof(bad) - 1, 3, &roomy, &f, &u), PARSE_BAD);
	assert_int_equal(f.n, 2);
	assert_int_equal(u.n, 2);
	expect_file(&u.v[0], "planilha", "C:\\tmp\\a.csv", "text/csv", "cpf;nome\r\n\xff\x00", 12);
	/* And a later good body still appends. */
	assert_int_equal(read_all(at_limits_ok, sizeof(at_limits_ok) - 1, 100000, &roomy, &f, &u),
			 PARSE_OK);
	assert_int_equal(f.n, 3);
	assert_int_equal(u.n, 3);
	assert_string_equal(fields_get(&f, "x"), "1");
	fields_free(&f);
	uploads_free(&u);
}

static void test_read_all_io(void **state)
{
	struct fields f = FIELDS_INIT;
	struct uploads u = UPLOADS_INIT;
	struct mem m = { form, sizeof(form) - 1, 0, 3, true };

	(void)state;
	assert_int_equal(multipart_read_all("XyZ", mem_read, &m, &roomy, &f, &u), PARSE_IO);
	assert_int_equal(f.n, 0);
	assert_int_equal(u.n, 0);
	/* A bad boundary or missing argument. */
	m.fail = false;
	m.pos = 0;
	assert_int_equal(multipart_read_all("bad boundary ", mem_read, &m, &roomy, &f, &u),
			 PARSE_BAD);
	assert_int_equal(multipart_read_all(NULL, mem_read, &m, &roomy, &f, &u), PARSE_BAD);
	assert_int_equal(multipart_read_all("XyZ", NULL, &m, &roomy, &f, &u), PARSE_BAD);
	assert_int_equal(f.n, 0);
	assert_int_equal(u.n, 0);
	fields_free(&f);
	uploads_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_push_basic),
		cmocka_unit_test(test_push_near_delimiters),
		cmocka_unit_test(test_push_preamble_epilogue),
		cmocka_unit_test(test_push_disposition),
		cmocka_unit_test(test_push_errors),
		cmocka_unit_test(test_push_header_limit),
		cmocka_unit_test(test_push_sticky),
		cmocka_unit_test(test_push_long_boundary_binary),
		cmocka_unit_test(test_read_all),
		cmocka_unit_test(test_read_all_limits),
		cmocka_unit_test(test_read_all_rollback),
		cmocka_unit_test(test_read_all_io),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
