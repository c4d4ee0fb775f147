/* Unit tests for lib/base/utf8.c: well-formed UTF-8 from outside and its length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"

#define VALID(lit) assert_true(utf8_valid(lit, sizeof(lit) - 1))
#define INVALID(lit) assert_false(utf8_valid(lit, sizeof(lit) - 1))

static void test_ascii(void **state)
{
	(void)state;
	VALID("");
	VALID("a");
	VALID("Hello, world! ~\x7f\x01");
	INVALID("a\0b");   /* NUL is refused: values become C strings */
	INVALID("\0");
	assert_true(utf8_valid(NULL, 0));
	assert_false(utf8_valid(NULL, 1));
}

static void test_multibyte(void **state)
{
	(void)state;
	VALID("Jo\xc3\xa3o");                 /* João */
	VALID("\xc2\x80");                    /* U+0080, smallest two-byte */
	VALID("\xdf\xbf");                    /* U+07FF */
	VALID("\xe0\xa0\x80");                /* U+0800 */
	VALID("\xe2\x82\xac");                /* € */
	VALID("\xed\x9f\xbf");                /* U+D7FF, just below the surrogates */
	VALID("\xee\x80\x80");                /* U+E000, just above */
	VALID("\xef\xbf\xbf");                /* U+FFFF */
	VALID("\xf0\x90\x80\x80");            /* U+10000 */
	VALID("\xf0\x9f\x98\x80");            /* emoji */
	VALID("\xf4\x8f\xbf\xbf");            /* U+10FFFF, the last */
}

static void test_overlong(void **state)
{
	(void)state;
	INVALID("\xc0\x80");                  /* overlong NUL */
	INVALID("\xc0\xaf");                  /* overlong '/' */
	INVALID("\xc1\xbf");
	INVALID("\xe0\x80\xaf");
	INVALID("\xe0\x9f\xbf");
	INVALID("\xf0\x80\x80\xaf");
	INVALID("\xf0\x8f\xbf\xbf");
}

static void test_surrogates_and_range(void **state)
{
	(void)state;
	INVALID("\xed\xa0\x80");              /* U+D800 */
	INVALID("\xed\xbf\xbf");              /* U+DFFF */
	INVALID("\xed\xa0\xbd\xed\xb8\x80");  /* CESU-8 pair */
	INVALID("\xf4\x90\x80\x80");          /* U+110000 */
	INVALID("\xf5\x80\x80\x80");
	INVALID("\xf8\x88\x80\x80\x80");
	INVALID("\xff");
	INVALID("\xfe");
}

static void test_broken_sequences(void **state)
{
	(void)state;
	INVALID("\x80");                      /* lone continuation */
	INVALID("a\xbf");
	INVALID("\xc3");                      /* truncated at the end */
	INVALID("\xe2\x82");
	INVALID("\xf0\x9f\x98");
	INVALID("\xc3(");                     /* continuation missing */
	INVALID("\xe2(\xac");
	INVALID("\xe2\x82(");
	INVALID("\xf0\x9f(\x80");
	INVALID("\xf0\x9f\x98(");
	INVALID("\xc3\xa3\xa3");              /* one continuation too many */
	/* The length is honoured: a valid prefix of an invalid buffer is valid. */
	assert_true(utf8_valid("ab\xff", 2));
	assert_false(utf8_valid("\xc3\xa3", 1));
}

static void test_length(void **state)
{
	(void)state;
	assert_int_equal(utf8_length("", 0), 0);
	assert_int_equal(utf8_length(NULL, 0), 0);
	assert_int_equal(utf8_length("abc", 3), 3);
	assert_int_equal(utf8_length("Jo\xc3\xa3o", 5), 4);
	assert_int_equal(utf8_length("\xe2\x82\xac", 3), 1);
	assert_int_equal(utf8_length("\xf0\x9f\x98\x80x", 5), 2);
	assert_int_equal(utf8_length("a\xc3\xa7\xc3\xa3o", 6), 4);  /* ação */
}

/* What a text field refuses: controls, bidi reordering, and on one line anything that
 * shows nothing. Each case is a whole sequence inside otherwise good text. */
static void test_refusal(void **state)
{
	(void)state;
	static const char *const one_line_bad[] = {
		"Ana \xe2\x80\xae" "ad" "vlis",   /* U+202E right-to-left override */
		"Ana\xe2\x80\xaaSilva",          /* U+202A */
		"Ana\xe2\x81\xa6Silva",          /* U+2066 left-to-right isolate */
		"Ana\xe2\x81\xa9Silva",          /* U+2069 pop directional isolate */
		"Ana\xe2\x80\x8bSilva",          /* U+200B zero width space */
		"Ana\xe2\x80\x8fSilva",          /* U+200F right-to-left mark */
		"Ana\xc2\xadSilva",              /* U+00AD soft hyphen */
		"Ana\xef\xbb\xbfSilva",          /* U+FEFF */
		"Ana\xe2\x81\xa0Silva",          /* U+2060 word joiner */
		"Ana\xe2\x80\xa8Silva",          /* U+2028 line separator */
		"Ana\xf3\xa0\x80\x81Silva",      /* U+E0001 language tag */
		"Ana\xc2\x85Silva",              /* U+0085, a C1 control */
		"Ana\x7fSilva", "Ana\tSilva", "Ana\nSilva",
	};
	for (size_t i = 0; i < sizeof one_line_bad / sizeof *one_line_bad; i++)
		assert_non_null(utf8_refusal(one_line_bad[i], strlen(one_line_bad[i]), false));
	static const char *const good[] = {
		"", "Jo\xc3\xa3o da Concei\xc3\xa7\xc3\xa3o", "S\xc3\xa3o Paulo \xe2\x80\x94 SP",
		"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", /* Hebrew, right-to-left by itself */
		"a\xe2\x80\xaf" "b",                  /* U+202F narrow no-break space: visible width */
		"\xf0\x9f\x98\x80",                  /* an emoji */
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_null(utf8_refusal(good[i], strlen(good[i]), false));
	/* Several lines: breaks, tabs and a zero-width joiner kept; reordering refused. */
	assert_null(utf8_refusal("a\r\nb\tc", 6, true));
	assert_null(utf8_refusal("a\xe2\x80\x8d" "b", 5, true));
	assert_non_null(utf8_refusal("a\xe2\x80\xae" "b", 5, true));
	assert_non_null(utf8_refusal("a\x01" "b", 3, true));
	assert_non_null(utf8_refusal("a\xff", 2, false));
}

static void test_without_refused(void **state)
{
	(void)state;
	char *t = utf8_without_refused("Jo\xc3\xa3o\xe2\x80\xae pagou\x01\n2\xc2\xaa parcela", 27, true);
	assert_non_null(t);
	assert_string_equal(t, "Jo\xc3\xa3o pagou\n2\xc2\xaa parcela");
	assert_null(utf8_refusal(t, strlen(t), true));
	free(t);
	t = utf8_without_refused("a\nb\xe2\x80\x8b" "c\xff", 8, false);   /* one line: no break, no ZWSP */
	assert_string_equal(t, "abc");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates_and_range),
		cmocka_unit_test(test_broken_sequences),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_refusal),
		cmocka_unit_test(test_without_refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
