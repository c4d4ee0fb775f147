/* Unit tests for lib/base/fold.c: words folded for search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/fold.h"
#include "base/strbuf.h"

static int collect(void *ctx, const char *word, size_t len)
{
	struct strbuf *sb = ctx;
	if (sb->len)
		sb_putc(sb, '|');
	return sb_append(sb, word, len);
}

static void expect(const char *in, const char *words)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(fold_words(in, strlen(in), collect, &sb), 0);
	assert_string_equal(sb_str(&sb), words);
	sb_free(&sb);
}

static void test_fold(void **state)
{
	(void)state;
	expect("João da Silva", "joao|da|silva");
	expect("AÇÃO CONTÁBIL LTDA.", "acao|contabil|ltda");
	expect("  Ângela   Müller-Öz ", "angela|muller|oz");
	expect("123.456.789-09", "123|456|789|09");
	expect("ana.souza@demo.com.br", "ana|souza|demo|com|br");
	expect("Łódź Œuvre ſ", "lodz|ouvre|s");   /* one letter per letter */
	expect("", "");
	expect("---", "");
	expect("a\xff" "b", "a|b");          /* an invalid byte separates */
	expect("\xc3", "");                  /* a truncated sequence */
	expect("日本 語x", "x");              /* other scripts are not indexed */
}

static void test_long_word_cut(void **state)
{
	(void)state;
	char in[100];
	memset(in, 'a', sizeof in - 1);
	in[sizeof in - 1] = '\0';
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(fold_words(in, strlen(in), collect, &sb), 0);
	assert_int_equal(sb.len, FOLD_WORD_MAX);
	sb_free(&sb);
}

static int stop_at_second(void *ctx, const char *word, size_t len)
{
	(void)word;
	(void)len;
	int *n = ctx;
	return ++*n == 2 ? 7 : 0;
}

static void test_stop(void **state)
{
	(void)state;
	int n = 0;
	assert_int_equal(fold_words("um dois tres", 12, stop_at_second, &n), 7);
	assert_int_equal(n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_long_word_cut),
		cmocka_unit_test(test_stop),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
