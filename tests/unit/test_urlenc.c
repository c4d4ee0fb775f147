/* Unit tests for lib/web/urlenc.c (forms, query strings, cookies) and lib/base/fields.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/fields.h"
#include "web/urlenc.h"

static const struct parse_limits roomy = { 100, 100, 1000 };

static int parse(const char *s, const struct parse_limits *lim, struct fields *f)
{
	return urlenc_parse(s, strlen(s), lim, f);
}

static void expect_field(const struct fields *f, size_t i, const char *name, const char *value)
{
	assert_true(i < f->n);
	assert_string_equal(f->v[i].name, name);
	assert_string_equal(f->v[i].value, value);
	assert_int_equal(f->v[i].value_len, strlen(value));
}

/* A malformed input is refused and leaves the list as it was. */
static void expect_status(const char *s, const struct parse_limits *lim, int want)
{
	struct fields f = FIELDS_INIT;

	assert_int_equal(fields_add(&f, "keep", 4, "me", 2), 0);
	if (parse(s, lim, &f) != want)
		fail_msg("urlenc_parse(\"%s\") != %d", s, want);
	if (want != PARSE_OK) {
		assert_int_equal(f.n, 1);
		expect_field(&f, 0, "keep", "me");
	}
	fields_free(&f);
}

static void test_fields(void **state)
{
	struct fields f;

	(void)state;
	fields_init(&f);
	assert_null(fields_get(&f, "a"));
	assert_int_equal(fields_count(&f, "a"), 0);
	/* Enough to make the array grow several times. */
	for (int i = 0; i < 50; i++)
		assert_int_equal(fields_add(&f, i % 2 ? "odd" : "even", i % 2 ? 3 : 4, "x", 1), 0);
	assert_int_equal(fields_add(&f, "a", 1, "1", 1), 0);
	assert_int_equal(fields_add(&f, "a", 1, "2", 1), 0);
	assert_int_equal(fields_add(&f, "empty", 5, NULL, 0), 0);
	/* Only the given lengths are copied. */
	assert_int_equal(fields_add(&f, "name-extra", 4, "value-extra", 5), 0);
	assert_int_equal(f.n, 54);
	assert_string_equal(fields_get(&f, "a"), "1");
	assert_int_equal(fields_count(&f, "a"), 2);
	assert_int_equal(fields_count(&f, "odd"), 25);
	assert_string_equal(fields_get(&f, "empty"), "");
	assert_string_equal(fields_get(&f, "name"), "value");
	assert_null(fields_get(&f, "A"));  /* names are case-sensitive */
	assert_null(fields_get(&f, NULL));
	assert_null(fields_get(NULL, "a"));
	fields_truncate(&f, 60);  /* past the end: nothing */
	assert_int_equal(f.n, 54);
	fields_truncate(&f, 51);
	assert_int_equal(f.n, 51);
	assert_string_equal(fields_get(&f, "a"), "1");
	assert_int_equal(fields_count(&f, "a"), 1);
	fields_free(&f);
	assert_int_equal(f.n, 0);
	assert_null(f.v);
	fields_free(&f);  /* twice is harmless */
	fields_free(NULL);
}

static void test_parse_basic(void **state)
{
	struct fields f = FIELDS_INIT;

	(void)state;
	assert_int_equal(parse("a=1&b=x+y%20z&c=%C3%A3%c3%a3&d=&e", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 5);
	expect_field(&f, 0, "a", "1");
	expect_field(&f, 1, "b", "x y z");
	expect_field(&f, 2, "c", "\xc3\xa3\xc3\xa3");
	expect_field(&f, 3, "d", "");
	expect_field(&f, 4, "e", "");
	/* Appends; keeps order and duplicates. */
	assert_int_equal(parse("a=2&%2B=%3D%26", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 7);
	expect_field(&f, 5, "a", "2");
	expect_field(&f, 6, "+", "=&");
	assert_int_equal(fields_count(&f, "a"), 2);
	assert_string_equal(fields_get(&f, "a"), "1");
	fields_free(&f);
}

static void test_parse_empty_pairs(void **state)
{
	struct fields f = FIELDS_INIT;

	(void)state;
	assert_int_equal(parse("", &roomy, &f), PARSE_OK);
	assert_int_equal(urlenc_parse(NULL, 0, &roomy, &f), PARSE_OK);
	assert_int_equal(parse("&&&", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 0);
	assert_int_equal(parse("&a=1&&b=2&", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 2);
	expect_field(&f, 0, "a", "1");
	expect_field(&f, 1, "b", "2");
	/* A value may hold '='; a pair with an empty name is skipped. */
	assert_int_equal(parse("c=x=y&=z&=", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 3);
	expect_field(&f, 2, "c", "x=y");
	fields_free(&f);
}

static void test_parse_length_not_nul(void **state)
{
	struct fields f = FIELDS_INIT;

	(void)state;
	/* Only len bytes are read: the rest of the buffer is not ours. */
	assert_int_equal(urlenc_parse("a=12&b=3", 3, &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 1);
	expect_field(&f, 0, "a", "1");
	fields_free(&f);
	/* A truncated escape at the end of the given length is bad. */
	assert_int_equal(urlenc_parse("a=%41", 4, &roomy, &f), PARSE_BAD);
	assert_int_equal(f.n, 0);
	fields_free(&f);
}

static void test_parse_bad(void **state)
{
	(void)state;
	expect_status("a=%", &roomy, PARSE_BAD);
	expect_status("a=%4", &roomy, PARSE_BAD);
	expect_status("a=%4g", &roomy, PARSE_BAD);
	expect_status("a=%g4", &roomy, PARSE_BAD);
	expect_status("%zz=1", &roomy, PARSE_BAD);
	expect_status("a=%00", &roomy, PARSE_BAD);       /* NUL */
	expect_status("a%00b=1", &roomy, PARSE_BAD);
	expect_status("a=%C3", &roomy, PARSE_BAD);       /* truncated UTF-8 */
	expect_status("a=%C0%AF", &roomy, PARSE_BAD);    /* overlong */
	expect_status("a=%ED%A0%80", &roomy, PARSE_BAD); /* surrogate */
	expect_status("a=\xff", &roomy, PARSE_BAD);      /* raw invalid byte */
	expect_status("%FF=1", &roomy, PARSE_BAD);
	/* The error comes after good pairs: those are undone too. */
	expect_status("x=1&y=2&z=%", &roomy, PARSE_BAD);
	expect_status("a=1", NULL, PARSE_BAD);
	assert_int_equal(urlenc_parse(NULL, 3, &roomy, NULL), PARSE_BAD);
}

static void test_parse_limits(void **state)
{
	const struct parse_limits two = { 2, 3, 4 };
	struct fields f = FIELDS_INIT;

	(void)state;
	expect_status("a=1&b=2", &two, PARSE_TOO_MANY);  /* the list already holds one */
	assert_int_equal(parse("a=1&b=2", &two, &f), PARSE_OK);
	assert_int_equal(parse("c=3", &two, &f), PARSE_TOO_MANY);  /* the limit is per list */
	assert_int_equal(f.n, 2);
	fields_free(&f);
	assert_int_equal(parse("a=1&b=2&c=3", &two, &f), PARSE_TOO_MANY);
	assert_int_equal(f.n, 0);
	/* Skipped empty pairs do not count. */
	assert_int_equal(parse("&&a=1&&&=x&b=2&&", &two, &f), PARSE_OK);
	fields_free(&f);
	/* Sizes are decoded sizes. */
	assert_int_equal(parse("abc=1234", &two, &f), PARSE_OK);
	assert_int_equal(parse("%61%62%63=%31%32%33%34", &two, &f), PARSE_OK);
	expect_field(&f, 1, "abc", "1234");
	fields_free(&f);
	assert_int_equal(parse("abcd=1", &two, &f), PARSE_TOO_BIG);
	assert_int_equal(parse("a=12345", &two, &f), PARSE_TOO_BIG);
	assert_int_equal(parse("a=1234+", &two, &f), PARSE_TOO_BIG);
	assert_int_equal(f.n, 0);
	fields_free(&f);
}

static void test_encode(void **state)
{
	struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "abcXYZ019-._~", "abcXYZ019-._~" },
		{ "a b", "a%20b" },
		{ "a+b=c&d/e?f#g%", "a%2Bb%3Dc%26d%2Fe%3Ff%23g%25" },
		{ "Jo\xc3\xa3o", "Jo%C3%A3o" },
		{ "\x01\x7f\xff", "%01%7F%FF" },
	};
	struct fields f = FIELDS_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *e = urlenc_encode(cases[i].in);
		assert_non_null(e);
		assert_string_equal(e, cases[i].out);
		free(e);
	}
	assert_null(urlenc_encode(NULL));
	/* Round trip through the parser. */
	{
		const char *v = "50% off & \"more\" = \xe2\x82\xac 10 + tax/2";
		char *e = urlenc_encode(v);
		char *q;
		size_t n;

		assert_non_null(e);
		n = strlen(e) + 3;
		q = malloc(n);
		assert_non_null(q);
		memcpy(q, "v=", 2);
		memcpy(q + 2, e, strlen(e) + 1);
		assert_int_equal(parse(q, &roomy, &f), PARSE_OK);
		expect_field(&f, 0, "v", v);
		free(q);
		free(e);
		fields_free(&f);
	}
}

static void test_cookie_basic(void **state)
{
	struct fields f = FIELDS_INIT;

	(void)state;
	assert_int_equal(cookie_parse("sid=abc123; csrf=x%20y;lang=pt-BR", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 3);
	expect_field(&f, 0, "sid", "abc123");
	expect_field(&f, 1, "csrf", "x%20y");  /* no percent-decoding */
	expect_field(&f, 2, "lang", "pt-BR");
	fields_free(&f);

	assert_int_equal(cookie_parse("  a = \"quoted\" ;\tb=\"\"; c=\"half; d=v=w; e=", &roomy, &f),
			 PARSE_OK);
	assert_int_equal(f.n, 5);
	expect_field(&f, 0, "a", "quoted");
	expect_field(&f, 1, "b", "");
	expect_field(&f, 2, "c", "\"half");
	expect_field(&f, 3, "d", "v=w");
	expect_field(&f, 4, "e", "");
	fields_free(&f);

	assert_int_equal(cookie_parse("", &roomy, &f), PARSE_OK);
	assert_int_equal(cookie_parse(";;; ;", &roomy, &f), PARSE_OK);
	assert_int_equal(cookie_parse(NULL, &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 0);
	/* Duplicates are kept in order (the browser sends the most specific first). */
	assert_int_equal(cookie_parse("s=1; s=2", &roomy, &f), PARSE_OK);
	assert_string_equal(fields_get(&f, "s"), "1");
	assert_int_equal(fields_count(&f, "s"), 2);
	fields_free(&f);
}

static void test_cookie_skips(void **state)
{
	const struct parse_limits small = { 2, 4, 5 };
	struct fields f = FIELDS_INIT;

	(void)state;
	/* Malformed pairs are skipped, the good ones kept. */
	assert_int_equal(cookie_parse("novalue; =x; a b=1; a(b)=2; ok=1; c=\x01; d=\xff\xfe; "
				      "e=\xc3\xa3; f=del\x7f", &roomy, &f), PARSE_OK);
	assert_int_equal(f.n, 2);
	expect_field(&f, 0, "ok", "1");
	expect_field(&f, 1, "e", "\xc3\xa3");
	fields_free(&f);
	/* Over the limits: skipped; at most max_fields kept. */
	assert_int_equal(cookie_parse("long=1; abcde=1; a=123456; b=\"12345\"; c=1; d=1",
				      &small, &f), PARSE_OK);
	assert_int_equal(f.n, 2);
	expect_field(&f, 0, "long", "1");
	expect_field(&f, 1, "b", "12345");
	fields_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_parse_basic),
		cmocka_unit_test(test_parse_empty_pairs),
		cmocka_unit_test(test_parse_length_not_nul),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_cookie_basic),
		cmocka_unit_test(test_cookie_skips),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
