/* Unit tests for lib/acesso/password.c (policy, argon2id) and lib/base/token.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "acesso/password.h"
#include "base/token.h"

static const char *policy(const char *pw)
{
	return password_policy(pw, strlen(pw));
}

static void test_policy(void **state)
{
	(void)state;
	assert_null(policy("Contabil#Demo2026"));
	assert_null(policy("uma frase que só eu sei"));
	assert_null(policy("çãõéíúàü"));            /* 8 characters, 16 bytes */
	assert_non_null(policy("çãõéíúà"));          /* 7 characters */
	assert_non_null(policy("1234567"));
	assert_non_null(policy("12345678"));
	assert_non_null(policy("PASSWORD"));         /* common, any case */
	assert_non_null(policy("senha123"));
	assert_non_null(policy("zzzzzzzzzzzz"));
	char longpw[200];
	memset(longpw, 'a', sizeof longpw - 1);
	longpw[sizeof longpw - 1] = '\0';
	longpw[0] = 'b';
	assert_non_null(policy(longpw));             /* 199 > 128 */
	longpw[128] = '\0';
	assert_null(policy(longpw));                 /* exactly 128 */
	assert_non_null(password_policy("ab\xff\xfe" "cdefgh", 10));
}

static void test_hash_verify(void **state)
{
	(void)state;
	char *h = password_hash("Contabil#Demo2026");
	assert_non_null(h);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(password_verify(h, "Contabil#Demo2026"));
	assert_false(password_verify(h, "contabil#demo2026"));
	assert_false(password_verify(h, ""));
	assert_false(password_verify(NULL, "Contabil#Demo2026"));
	assert_false(password_verify("", "x"));
	assert_false(password_verify("not a hash", "x"));
	free(h);
}

static void test_tokens(void **state)
{
	(void)state;
	char a[TOKEN_HEX], b[TOKEN_HEX];
	unsigned char ha[32], hb[32];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), 64);
	assert_string_not_equal(a, b);
	assert_true(token_hash(a, ha));
	assert_true(token_hash(a, hb));
	assert_memory_equal(ha, hb, 32);
	assert_false(token_hash("abc", ha));
	a[3] = 'G';
	assert_false(token_hash(a, ha));
	assert_true(token_equal(b, b));
	assert_false(token_equal(a, b));
	assert_false(token_equal(NULL, b));
	assert_false(token_equal("", ""));
	assert_false(token_equal("abc", "abcd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_tokens),
	};

	if (sodium_init() < 0)
		return 1;
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
