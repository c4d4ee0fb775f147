/* Unit tests for lib/br/money.c: centavos in Brazilian notation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/strbuf.h"
#include "br/money.h"

#define MAX_CENTAVOS INT64_C(1000000000000000)  /* 10^15 */

static void expect_money(const char *s, int64_t want)
{
	int64_t v = -12345;

	if (!money_parse(s, strlen(s), &v))
		fail_msg("money_parse refused \"%s\"", s);
	assert_int_equal(v, want);
}

static void expect_bad_money(const char *s)
{
	int64_t v = -12345;

	if (money_parse(s, strlen(s), &v))
		fail_msg("money_parse accepted \"%s\" as %lld", s, (long long)v);
	assert_int_equal(v, -12345);  /* untouched */
}

static void test_parse_brazilian(void **state)
{
	(void)state;
	expect_money("1.234,56", 123456);
	expect_money("1234,56", 123456);
	expect_money("1234,5", 123450);
	expect_money("1234", 123400);
	expect_money("0,5", 50);
	expect_money("0,05", 5);
	expect_money("0,50", 50);
	expect_money("0", 0);
	expect_money("0,00", 0);
	expect_money("1.000", 100000);
	expect_money("1.000,00", 100000);
	expect_money("123.456", 12345600);
	expect_money("1.234.567,89", 123456789);
	expect_money("999,99", 99999);
	expect_money("007", 700);
}

static void test_parse_symbol_and_sign(void **state)
{
	(void)state;
	expect_money("R$ 1.234,56", 123456);
	expect_money("R$1.234,56", 123456);
	expect_money("R$   10", 1000);
	expect_money("R$\xc2\xa0" "1.234,56", 123456);  /* no-break space */
	expect_money("-10,00", -1000);
	expect_money("-R$ 10,00", -1000);
	expect_money("R$ -10,00", -1000);
	expect_money("-0,00", 0);
	expect_money("-0,5", -50);
	expect_bad_money("-");
	expect_bad_money("R$");
	expect_bad_money("R$ ");
	expect_bad_money("-R$");
	expect_bad_money("--10");
	expect_bad_money("-R$ -10");
	expect_bad_money("R$ R$ 10");
	expect_bad_money("+10");
	expect_bad_money("10-");
	expect_bad_money("r$ 10");
	expect_bad_money("R $10");
	expect_bad_money("$ 10");
	expect_bad_money("10 R$");
	expect_bad_money("R$\xc2" "10");
	expect_bad_money("- 10");
}

/* A lone dot with 1-2 digits is a decimal point; with 3 it is thousands. */
static void test_parse_dot(void **state)
{
	(void)state;
	expect_money("1234.56", 123456);
	expect_money("1234.5", 123450);
	expect_money("12.34", 1234);
	expect_money("1.5", 150);
	expect_money("0.5", 50);
	expect_money("R$ 1234.56", 123456);
	expect_money("-1234.56", -123456);
	expect_bad_money("1234.567");      /* neither: 4 leading digits before a group */
	expect_bad_money("12.34.56");
	expect_bad_money("1.234.56");
	expect_bad_money("1234.5,00");     /* decimal dot must be the only separator */
	expect_bad_money("1.2345");
	expect_bad_money("1.");
	expect_bad_money(".5");
	expect_bad_money("0.500");         /* English 0.5 or 500? refused */
	expect_bad_money("01.234,00");
}

static void test_parse_malformed(void **state)
{
	int64_t v = -12345;

	(void)state;
	expect_bad_money("");
	expect_bad_money("1.23,45");
	expect_bad_money("1,234");
	expect_bad_money("1,");
	expect_bad_money(",5");
	expect_bad_money("1,2,3");
	expect_bad_money("1,5.000");
	expect_bad_money("1.234,5.6");
	expect_bad_money("1..234");
	expect_bad_money("1.234.");
	expect_bad_money("1 234,56");
	expect_bad_money(" 1");
	expect_bad_money("1 ");
	expect_bad_money("1e3");
	expect_bad_money("0x10");
	expect_bad_money("1,2a");
	expect_bad_money("abc");
	expect_bad_money("\xd9\xa1");     /* an Arabic-Indic digit one */
	assert_false(money_parse("1\0" "00", 4, &v));
	assert_false(money_parse("10,00\0", 6, &v));
	assert_false(money_parse(NULL, 0, &v));
	assert_false(money_parse("1", 1, NULL));
	assert_int_equal(v, -12345);
	/* Only len bytes are read. */
	assert_true(money_parse("12,345", 5, &v));
	assert_int_equal(v, 1234);
}

static void test_parse_limits(void **state)
{
	(void)state;
	expect_money("10.000.000.000.000,00", MAX_CENTAVOS);
	expect_money("10000000000000", MAX_CENTAVOS);
	expect_money("-R$ 10.000.000.000.000,00", -MAX_CENTAVOS);
	expect_money("9.999.999.999.999,99", MAX_CENTAVOS - 1);
	expect_bad_money("10.000.000.000.000,01");
	expect_bad_money("10000000000001");
	expect_bad_money("-10.000.000.000.000,01");
	expect_bad_money("92233720368547758,07");
	expect_bad_money("18446744073709551616");
	expect_bad_money("999999999999999999999999999999999999999999,99");
	expect_money("000000000000000000000000000000000000001,00", 100);
}

static void expect_format(int64_t v, bool sym, const char *want)
{
	char out[MONEY_FMT_MAX];

	memset(out, 'x', sizeof(out));
	money_format(v, sym, out, sizeof(out));
	assert_string_equal(out, want);
}

static void test_format(void **state)
{
	(void)state;
	expect_format(0, true, "R$ 0,00");
	expect_format(0, false, "0,00");
	expect_format(5, false, "0,05");
	expect_format(50, false, "0,50");
	expect_format(99999, false, "999,99");
	expect_format(100000, false, "1.000,00");
	expect_format(123456, true, "R$ 1.234,56");
	expect_format(123456, false, "1.234,56");
	expect_format(123456789, false, "1.234.567,89");
	expect_format(-1000, true, "-R$ 10,00");
	expect_format(-1000, false, "-10,00");
	expect_format(-5, true, "-R$ 0,05");
	expect_format(MAX_CENTAVOS, true, "R$ 10.000.000.000.000,00");
	expect_format(INT64_MAX, false, "92.233.720.368.547.758,07");
	expect_format(INT64_MIN, true, "-R$ 92.233.720.368.547.758,08");
}

static void test_format_truncation(void **state)
{
	char out[MONEY_FMT_MAX];

	(void)state;
	memset(out, 'x', sizeof(out));
	money_format(123456, true, out, 0);
	assert_int_equal(out[0], 'x');
	money_format(123456, true, out, 1);
	assert_string_equal(out, "");
	assert_int_equal(out[1], 'x');
	money_format(123456, true, out, 5);
	assert_string_equal(out, "R$ 1");
	assert_int_equal(out[5], 'x');
	money_format(-123456, true, out, 12);
	assert_string_equal(out, "-R$ 1.234,5");
	money_format(-123456, true, out, 13);
	assert_string_equal(out, "-R$ 1.234,56");
	money_format(INT64_MIN, true, out, 30);
	assert_string_equal(out, "-R$ 92.233.720.368.547.758,08");
	money_format(1, false, NULL, 10);  /* must not crash */
}

/* money_format then money_parse gives the value back, with and without the symbol. */
static void test_round_trip(void **state)
{
	static const int64_t values[] = {
		0, 1, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000, 123456, 1000000,
		123456789, 100000000000, MAX_CENTAVOS - 1, MAX_CENTAVOS,
	};
	char out[MONEY_FMT_MAX];
	int64_t back;

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		for (int sign = -1; sign <= 1; sign += 2) {
			int64_t v = values[i] * sign;
			for (int sym = 0; sym <= 1; sym++) {
				money_format(v, sym, out, sizeof(out));
				assert_true(money_parse(out, strlen(out), &back));
				assert_int_equal(back, v);
			}
		}
	}
}

/* Counts as the list shows them: thousands with dots, never a sign. */
static void test_number_format(void **state)
{
	(void)state;
	char b[32];
	static const struct { int64_t n; const char *want; } cases[] = {
		{ 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1.000" }, { 1300, "1.300" },
		{ 100000, "100.000" }, { 1234567, "1.234.567" }, { -5, "0" },
		{ INT64_MAX, "9.223.372.036.854.775.807" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		number_format(cases[i].n, b, sizeof b);
		assert_string_equal(b, cases[i].want);
	}
	char small[4];
	number_format(1000, small, sizeof small);   /* cut, still terminated */
	assert_true(strlen(small) < sizeof small);
}

static void expect_words(int64_t centavos, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	if (money_words(centavos, &sb) != 0)
		fail_msg("money_words refused %lld", (long long)centavos);
	if (strcmp(sb_str(&sb), want) != 0)
		fail_msg("money_words(%lld): \"%s\", want \"%s\"", (long long)centavos,
			 sb_str(&sb), want);
	sb_free(&sb);
}

#define R(x) ((int64_t)(x) * 100)   /* whole reais in centavos */

static void test_words_small(void **state)
{
	(void)state;
	expect_words(0, "zero reais");
	expect_words(1, "um centavo");
	expect_words(2, "dois centavos");
	expect_words(30, "trinta centavos");
	expect_words(99, "noventa e nove centavos");
	expect_words(R(1), "um real");
	expect_words(R(2), "dois reais");
	expect_words(R(3), "três reais");
	static const char *const teens[] = { "dez", "onze", "doze", "treze", "quatorze",
					     "quinze", "dezesseis", "dezessete", "dezoito",
					     "dezenove" };
	for (int i = 0; i < 10; i++) {
		char want[40];
		snprintf(want, sizeof want, "%s reais", teens[i]);
		expect_words(R(10 + i), want);
	}
	expect_words(R(20), "vinte reais");
	expect_words(R(21), "vinte e um reais");
	expect_words(R(55), "cinquenta e cinco reais");
	expect_words(R(99), "noventa e nove reais");
	expect_words(R(1) + 1, "um real e um centavo");
	expect_words(R(450) + 30, "quatrocentos e cinquenta reais e trinta centavos");
}

static void test_words_hundreds(void **state)
{
	(void)state;
	expect_words(R(100), "cem reais");
	expect_words(R(101), "cento e um reais");
	expect_words(R(110), "cento e dez reais");
	expect_words(R(199), "cento e noventa e nove reais");
	expect_words(R(200), "duzentos reais");
	expect_words(R(450), "quatrocentos e cinquenta reais");
	expect_words(R(500), "quinhentos reais");
	expect_words(R(999), "novecentos e noventa e nove reais");
	expect_words(R(100) + 100 - 100 + 1, "cem reais e um centavo");
}

static void test_words_thousands(void **state)
{
	(void)state;
	expect_words(R(1000), "mil reais");
	expect_words(R(1001), "mil e um reais");
	expect_words(R(1100), "mil e cem reais");
	expect_words(R(1500), "mil e quinhentos reais");
	expect_words(R(1234), "mil duzentos e trinta e quatro reais");
	expect_words(R(2000), "dois mil reais");
	expect_words(R(3150), "três mil cento e cinquenta reais");
	expect_words(R(10000), "dez mil reais");
	expect_words(R(100000), "cem mil reais");
	expect_words(R(101000), "cento e um mil reais");
	expect_words(R(999999), "novecentos e noventa e nove mil novecentos e noventa e nove reais");
}

static void test_words_millions(void **state)
{
	(void)state;
	expect_words(R(1000000), "um milhão de reais");
	expect_words(R(2000000), "dois milhões de reais");
	expect_words(R(1000001), "um milhão e um reais");
	expect_words(R(1500000), "um milhão e quinhentos mil reais");
	expect_words(R(1200300), "um milhão, duzentos mil e trezentos reais");
	expect_words(R(1234567), "um milhão, duzentos e trinta e quatro mil quinhentos e "
				 "sessenta e sete reais");
	expect_words(R(2000000) + 50, "dois milhões de reais e cinquenta centavos");
	expect_words(R(1000000000), "um bilhão de reais");
	expect_words(R(3000001000), "três bilhões e mil reais");
	expect_words(R(1000000000000), "um trilhão de reais");
	expect_words(MAX_CENTAVOS - 1, "nove trilhões, novecentos e noventa e nove bilhões, "
		     "novecentos e noventa e nove milhões, novecentos e noventa e nove mil "
		     "novecentos e noventa e nove reais e noventa e nove centavos");
}

static void test_words_refused(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "x");
	assert_int_equal(money_words(-1, &sb), -1);
	assert_int_equal(money_words(MAX_CENTAVOS, &sb), -1);
	assert_int_equal(money_words(INT64_MAX, &sb), -1);
	assert_string_equal(sb_str(&sb), "x");   /* untouched */
	assert_int_equal(money_words(R(7), &sb), 0);
	assert_string_equal(sb_str(&sb), "xsete reais");   /* appended */
	sb_free(&sb);
	assert_int_equal(money_words(1, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_brazilian),
		cmocka_unit_test(test_parse_symbol_and_sign),
		cmocka_unit_test(test_parse_dot),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_truncation),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_number_format),
		cmocka_unit_test(test_words_small),
		cmocka_unit_test(test_words_hundreds),
		cmocka_unit_test(test_words_thousands),
		cmocka_unit_test(test_words_millions),
		cmocka_unit_test(test_words_refused),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
