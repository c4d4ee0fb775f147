/* libFuzzer target for lib/web/urlenc.c and multipart_boundary: urlenc_parse with roomy and
 * tight limits, cookie_parse, urlenc_encode and multipart_boundary on the raw input,
 * with the round trips that must hold.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/fields.h"
#include "web/multipart.h"
#include "base/strbuf.h"
#include "web/urlenc.h"
#include "base/utf8.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static const struct parse_limits roomy = { 1000000, 1000000, 1000000 };

static int is_tchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int is_status(int r)
{
	return r <= PARSE_OK && r >= PARSE_IO;
}

/* What every parsed list must look like. */
static void check_fields(const struct fields *f, const struct parse_limits *lim, size_t n0)
{
	CHECK(f->n <= f->cap);
	CHECK(f->n - n0 <= lim->max_fields);
	for (size_t i = n0; i < f->n; i++) {
		size_t nl = strlen(f->v[i].name);
		CHECK(nl > 0 && nl <= lim->max_name);
		CHECK(f->v[i].value_len <= lim->max_value);
		CHECK(strlen(f->v[i].value) == f->v[i].value_len);
		CHECK(utf8_valid(f->v[i].name, nl));
		CHECK(utf8_valid(f->v[i].value, f->v[i].value_len));
	}
}

static int same_fields(const struct fields *a, const struct fields *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, b->v[i].name) != 0 ||
		    a->v[i].value_len != b->v[i].value_len ||
		    memcmp(a->v[i].value, b->v[i].value, a->v[i].value_len) != 0)
			return 0;
	return 1;
}

/* Encoding every pair again and parsing it gives the same list. */
static void check_reencode(const struct fields *f)
{
	struct strbuf q = STRBUF_INIT;
	struct fields back = FIELDS_INIT;

	for (size_t i = 0; i < f->n; i++) {
		char *n = urlenc_encode(f->v[i].name);
		char *v = urlenc_encode(f->v[i].value);
		CHECK(n && v);
		CHECK(sb_printf(&q, "%s%s=%s", i ? "&" : "", n, v) == 0);
		free(n);
		free(v);
	}
	CHECK(urlenc_parse(sb_str(&q), q.len, &roomy, &back) == PARSE_OK);
	CHECK(same_fields(f, &back));
	fields_free(&back);
	sb_free(&q);
}

static void fuzz_urlenc(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct fields all = FIELDS_INIT, some = FIELDS_INIT;
	struct parse_limits tight = { 4, 8, 16 };
	int r, r2;

	r = urlenc_parse(s, size, &roomy, &all);
	CHECK(is_status(r) && r != PARSE_IO);
	if (r == PARSE_OK) {
		check_fields(&all, &roomy, 0);
		check_reencode(&all);
	} else {
		CHECK(all.n == 0);
	}

	if (size >= 3) {
		tight.max_fields = data[0] % 8;
		tight.max_name = data[1] % 16;
		tight.max_value = data[2] % 32;
	}
	/* A list that already holds a field: the limit counts it, an error keeps it. */
	CHECK(fields_add(&some, "pre", 3, "x", 1) == 0);
	r2 = urlenc_parse(s, size, &tight, &some);
	CHECK(is_status(r2) && r2 != PARSE_IO);
	CHECK(strcmp(some.v[0].name, "pre") == 0);
	if (r2 == PARSE_OK) {
		CHECK(some.n == 1 || some.n <= tight.max_fields);
		check_fields(&some, &tight, 1);
		/* Tight limits only ever refuse more: the same pairs, one more in front. */
		CHECK(r == PARSE_OK && all.n + 1 == some.n);
		for (size_t i = 0; i < all.n; i++)
			CHECK(strcmp(all.v[i].name, some.v[i + 1].name) == 0 &&
			      strcmp(all.v[i].value, some.v[i + 1].value) == 0);
	} else {
		CHECK(some.n == 1);
	}
	fields_free(&all);
	fields_free(&some);
}

static void fuzz_cookie(const uint8_t *data, const char *cstr)
{
	struct parse_limits lim[2] = { { 1000, 1000, 1000 }, { 3, 4, 6 } };

	lim[1].max_fields = data[0] % 5;
	for (int k = 0; k < 2; k++) {
		struct fields f = FIELDS_INIT;

		CHECK(cookie_parse(cstr, &lim[k], &f) == PARSE_OK);
		CHECK(f.n <= lim[k].max_fields);
		for (size_t i = 0; i < f.n; i++) {
			const char *n = f.v[i].name, *v = f.v[i].value;
			size_t nl = strlen(n);
			CHECK(nl > 0 && nl <= lim[k].max_name);
			for (size_t j = 0; j < nl; j++)
				CHECK(is_tchar((unsigned char)n[j]));
			CHECK(f.v[i].value_len == strlen(v) && f.v[i].value_len <= lim[k].max_value);
			CHECK(utf8_valid(v, f.v[i].value_len));
			for (size_t j = 0; j < f.v[i].value_len; j++)
				CHECK((unsigned char)v[j] >= 0x20 && v[j] != 0x7f && v[j] != ';');
		}
		fields_free(&f);
	}
}

static int bchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("'()+_,-./:=? ", c));
}

static void fuzz_boundary(const char *cstr)
{
	char *b = multipart_boundary(cstr);
	struct strbuf ct = STRBUF_INIT;
	char *back;
	size_t n;

	if (!b)
		return;
	n = strlen(b);
	CHECK(n >= 1 && n <= 70 && b[n - 1] != ' ');
	for (size_t i = 0; i < n; i++)
		CHECK(bchar((unsigned char)b[i]));
	/* Written back the way a client would, it parses to the same boundary. */
	CHECK(sb_printf(&ct, "Multipart/Form-Data; charset=utf-8; boundary=\"%s\"", b) == 0);
	back = multipart_boundary(ct.buf);
	CHECK(back && strcmp(back, b) == 0);
	free(back);
	sb_free(&ct);
	free(b);
}

static void fuzz_encode(const char *cstr, size_t len)
{
	char *e = urlenc_encode(cstr);
	struct strbuf q = STRBUF_INIT;
	struct fields f = FIELDS_INIT;
	int r;

	CHECK(e);
	for (const char *p = e; *p; p++) {
		if (*p == '%') {
			CHECK(strchr("0123456789ABCDEF", p[1]) && p[1]);
			CHECK(strchr("0123456789ABCDEF", p[2]) && p[2]);
			p += 2;
		} else {
			CHECK(strchr("-._~", *p) || (*p >= '0' && *p <= '9') ||
			      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
		}
	}
	CHECK(sb_printf(&q, "v=%s", e) == 0);
	r = urlenc_parse(q.buf, q.len, &roomy, &f);
	if (utf8_valid(cstr, len)) {
		CHECK(r == PARSE_OK && f.n == 1);
		CHECK(f.v[0].value_len == len && memcmp(f.v[0].value, cstr, len) == 0);
	} else {
		CHECK(r == PARSE_BAD && f.n == 0);
	}
	fields_free(&f);
	sb_free(&q);
	free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The cookie header, the Content-Type value and urlenc_encode take C strings: the
	 * input up to its first NUL, in an exact-size heap copy. */
	char *cstr = malloc(size + 1);

	if (!cstr)
		return 0;
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	fuzz_urlenc(data, size);
	if (size)
		fuzz_cookie(data, cstr);
	fuzz_boundary(cstr);
	fuzz_encode(cstr, strlen(cstr));
	free(cstr);
	return 0;
}
