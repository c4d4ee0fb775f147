/* Unit tests for lib/br/doc.c: CPF and CNPJ (numeric and alphanumeric). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "br/doc.h"

/* Parses a NUL-terminated literal and checks kind and bare form. */
static void expect_parse(const char *in, enum doc_kind kind, const char *bare)
{
	char out[DOC_BARE_MAX];

	memset(out, 'x', sizeof(out));
	assert_int_equal(doc_parse(in, strlen(in), out), kind);
	assert_string_equal(out, bare);
}

static void expect_invalid(const char *in)
{
	expect_parse(in, DOC_INVALID, "");
}

static void test_cpf_valid(void **state)
{
	(void)state;
	assert_true(cpf_valid("12345678909", 11));
	assert_true(cpf_valid("01234567890", 11));
	assert_false(cpf_valid("12345678908", 11));   /* second check digit */
	assert_false(cpf_valid("12345678919", 11));   /* first check digit */
	assert_false(cpf_valid("1234567890", 10));
	assert_false(cpf_valid("123456789090", 12));
	assert_false(cpf_valid("1234567890A", 11));
	assert_false(cpf_valid(NULL, 11));
}

static void test_cpf_all_equal(void **state)
{
	char s[12];

	(void)state;
	/* Every all-equal CPF passes the check digits: all must be refused. */
	for (char c = '0'; c <= '9'; c++) {
		memset(s, c, 11);
		s[11] = '\0';
		assert_false(cpf_valid(s, 11));
		expect_invalid(s);
	}
	expect_invalid("111.111.111-11");
}

static void test_cnpj_valid(void **state)
{
	(void)state;
	assert_true(cnpj_valid("11222333000181", 14));
	assert_true(cnpj_valid("12ABC34501DE35", 14));
	assert_true(cnpj_valid("00000000000191", 14));
	assert_false(cnpj_valid("11222333000182", 14));
	assert_false(cnpj_valid("11222333000171", 14));
	assert_false(cnpj_valid("12abc34501de35", 14));   /* bare form is uppercase */
	assert_false(cnpj_valid("12ABC34501DEA5", 14));   /* check digits are numeric */
	assert_false(cnpj_valid("1122233300018", 13));
	assert_false(cnpj_valid(NULL, 14));
}

static void test_cnpj_all_equal(void **state)
{
	char s[15];

	(void)state;
	assert_false(cnpj_valid("00000000000000", 14));  /* would pass the check digits */
	for (char c = '0'; c <= '9'; c++) {
		memset(s, c, 14);
		s[14] = '\0';
		assert_false(cnpj_valid(s, 14));
	}
	expect_invalid("00.000.000/0000-00");
	expect_invalid("AAAAAAAAAAAAAA");
}

/* The official sample and letters valued ASCII - 48 (A = 17). */
static void test_cnpj_alphanumeric(void **state)
{
	(void)state;
	expect_parse("12.ABC.345/01DE-35", DOC_CNPJ, "12ABC34501DE35");
	expect_parse("12ABC34501DE35", DOC_CNPJ, "12ABC34501DE35");
	expect_parse("12.abc.345/01de-35", DOC_CNPJ, "12ABC34501DE35");
	expect_parse("12.aBc.345/01dE-35", DOC_CNPJ, "12ABC34501DE35");
	/* Check digits computed with A = 10, B = 11 ... (a common mistake): 45. */
	assert_false(cnpj_valid("12ABC34501DE45", 14));
	expect_invalid("12.ABC.345/01DE-45");
	/* More computed with A = 17 (and the wrong A = 10 digits refused). */
	expect_parse("AAAAAAAAAAAA45", DOC_CNPJ, "AAAAAAAAAAAA45");
	expect_invalid("AAAAAAAAAAAA31");
	expect_parse("ZZ.ZZZ.ZZZ/ZZZZ-62", DOC_CNPJ, "ZZZZZZZZZZZZ62");
	expect_invalid("ZZZZZZZZZZZZ59");
	expect_parse("1a2b3c4d5e6f34", DOC_CNPJ, "1A2B3C4D5E6F34");
	expect_invalid("1A2B3C4D5E6F97");
	/* Letters never make a CPF, nor stand in the check digits. */
	expect_invalid("1234567890A");
	expect_invalid("12ABC34501DE3A");
}

static void test_parse_numeric(void **state)
{
	(void)state;
	expect_parse("123.456.789-09", DOC_CPF, "12345678909");
	expect_parse("12345678909", DOC_CPF, "12345678909");
	expect_parse("11.222.333/0001-81", DOC_CNPJ, "11222333000181");
	expect_parse("11222333000181", DOC_CNPJ, "11222333000181");
	expect_invalid("123.456.789-08");
	expect_invalid("123.456.789-00");
	expect_invalid("11.222.333/0001-80");
	expect_invalid("11.222.333/0001-18");
}

/* Punctuation and spaces are dropped wherever they are. */
static void test_parse_punctuation(void **state)
{
	(void)state;
	expect_parse("123 456 789 09", DOC_CPF, "12345678909");
	expect_parse("  123.456.789-09  ", DOC_CPF, "12345678909");
	expect_parse("123456789-09", DOC_CPF, "12345678909");
	expect_parse("123.456.789/09", DOC_CPF, "12345678909");
	expect_parse("1.2.3.4.5.6.7.8.9.0.9", DOC_CPF, "12345678909");
	expect_parse("11 222 333 0001 81", DOC_CNPJ, "11222333000181");
	expect_parse("11222333/0001-81", DOC_CNPJ, "11222333000181");
	expect_parse("11.222.333.0001.81", DOC_CNPJ, "11222333000181");
	expect_parse("12 ABC 345 01DE 35", DOC_CNPJ, "12ABC34501DE35");
}

static void test_parse_rejects(void **state)
{
	char out[DOC_BARE_MAX];

	(void)state;
	expect_invalid("");
	expect_invalid("...-/ ");
	expect_invalid("123.456.789_09");
	expect_invalid("123.456.789,09");
	expect_invalid("123.456.789-09x");
	expect_invalid("\t12345678909");
	expect_invalid("12345678909\n");
	expect_invalid("123456789");              /* 9 digits: not padded twice */
	expect_invalid("123456789090");           /* 12 digits */
	expect_invalid("112223330001810");        /* 15 digits */
	expect_invalid("1122233300018100000000");
	expect_invalid("12\xC3\x81" "BC34501DE35");  /* "Á": not a letter here */
	expect_invalid("\xff\xfe");
	/* An embedded NUL byte is just another forbidden byte. */
	memset(out, 'x', sizeof(out));
	assert_int_equal(doc_parse("123.456.789-09\0", 15, out), DOC_INVALID);
	assert_string_equal(out, "");
	assert_int_equal(doc_parse("123456\0" "78909", 12, out), DOC_INVALID);
	assert_int_equal(doc_parse(NULL, 0, out), DOC_INVALID);
	assert_string_equal(out, "");
	assert_int_equal(doc_parse("12345678909", 0, out), DOC_INVALID);
	/* Only the given length is read. */
	assert_int_equal(doc_parse("123.456.789-09999", 14, out), DOC_CPF);
	assert_string_equal(out, "12345678909");
}

/* Excel drops the leading zero of a document stored as a number. */
static void test_parse_excel(void **state)
{
	(void)state;
	expect_parse("1234567890", DOC_CPF, "01234567890");       /* 012.345.678-90 */
	expect_parse("1234567000195", DOC_CNPJ, "01234567000195"); /* 01.234.567/0001-95 */
	expect_invalid("1234567891");                             /* padded form invalid */
	expect_invalid("1234567000196");
	expect_parse("01ABC345000161", DOC_CNPJ, "01ABC345000161");
	/* Only numbers lose zeros: a 13-character alphanumeric is not padded even when
	 * "0" + it is valid. */
	expect_invalid("1ABC345000161");
	/* Exactly one zero is restored: 00.001.234/5678-97 and 00.123.456/7000-43 with
	 * more zeros dropped are not guessed. */
	expect_parse("00001234567897", DOC_CNPJ, "00001234567897");
	expect_invalid("1234567897");
	expect_invalid("123456700043");
}

static void expect_format(const char *bare, const char *want)
{
	char out[DOC_FMT_MAX + 8];

	memset(out, 'x', sizeof(out));
	doc_format(bare, out, sizeof(out));
	assert_string_equal(out, want);
}

static void test_format(void **state)
{
	(void)state;
	expect_format("12345678909", "123.456.789-09");
	expect_format("11222333000181", "11.222.333/0001-81");
	expect_format("12ABC34501DE35", "12.ABC.345/01DE-35");
	expect_format("01234567890", "012.345.678-90");
	/* Anything else is copied as it is. */
	expect_format("12345678908", "12345678908");
	expect_format("12abc34501de35", "12abc34501de35");
	expect_format("", "");
	expect_format("hello <b>", "hello <b>");
	expect_format("12345678909012345678901234567890", "12345678909012345678901234");
}

/* A small cap truncates and always terminates; cap 0 writes nothing. */
static void test_format_truncation(void **state)
{
	char out[DOC_FMT_MAX];

	(void)state;
	memset(out, 'x', sizeof(out));
	doc_format("12ABC34501DE35", out, 0);
	assert_int_equal(out[0], 'x');
	doc_format("12ABC34501DE35", out, 1);
	assert_string_equal(out, "");
	assert_int_equal(out[1], 'x');
	doc_format("12ABC34501DE35", out, 6);
	assert_string_equal(out, "12.AB");
	doc_format("12ABC34501DE35", out, DOC_FMT_MAX - 1);
	assert_string_equal(out, "12.ABC.345/01DE-3");
	doc_format("12ABC34501DE35", out, DOC_FMT_MAX);
	assert_string_equal(out, "12.ABC.345/01DE-35");
	doc_format("not a document at all", out, 4);
	assert_string_equal(out, "not");
	doc_format(NULL, out, sizeof(out));
	assert_string_equal(out, "");
	doc_format("12345678909", NULL, 10);  /* must not crash */
}

/* The formatted form parses back to the same bare form. */
static void test_round_trip(void **state)
{
	static const char *const bare[] = {
		"12345678909", "01234567890", "11222333000181", "12ABC34501DE35",
		"00000000000191", "AAAAAAAAAAAA45",
	};
	char fmt[DOC_FMT_MAX], back[DOC_BARE_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(bare) / sizeof(bare[0]); i++) {
		doc_format(bare[i], fmt, sizeof(fmt));
		assert_int_not_equal(doc_parse(fmt, strlen(fmt), back), DOC_INVALID);
		assert_string_equal(back, bare[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpf_valid),
		cmocka_unit_test(test_cpf_all_equal),
		cmocka_unit_test(test_cnpj_valid),
		cmocka_unit_test(test_cnpj_all_equal),
		cmocka_unit_test(test_cnpj_alphanumeric),
		cmocka_unit_test(test_parse_numeric),
		cmocka_unit_test(test_parse_punctuation),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_excel),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_truncation),
		cmocka_unit_test(test_round_trip),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
