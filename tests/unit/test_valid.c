/* Unit tests for lib/br/valid.c: e-mail, phone, CEP, UF and dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "br/valid.h"

#define EMAIL_OK(s) assert_true(valid_email((s), strlen(s)))
#define EMAIL_BAD(s) assert_false(valid_email((s), strlen(s)))

/* A string of n copies of c (n < sizeof buf). */
static const char *repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

static void test_email_accepts(void **state)
{
	(void)state;
	EMAIL_OK("a@b.co");
	EMAIL_OK("fulano@escritorio.com.br");
	EMAIL_OK("Fulano.De-Tal+nfe@Escritorio-Contabil.COM.BR");
	EMAIL_OK("a_b!#$%&'*+-/=?^`{|}~@x1.example.org");
	EMAIL_OK("user@123.example.com");
}

static void test_email_rejects(void **state)
{
	(void)state;
	EMAIL_BAD("");
	EMAIL_BAD("@");
	EMAIL_BAD("fulano");
	EMAIL_BAD("fulano@");
	EMAIL_BAD("@escritorio.com.br");
	EMAIL_BAD("fulano@localhost");          /* no dot */
	EMAIL_BAD("fulano@escritorio.c");       /* TLD of one letter */
	EMAIL_BAD("fulano@escritorio.c0m");     /* TLD with a digit */
	EMAIL_BAD("fulano@escritorio..com");
	EMAIL_BAD("fulano@.escritorio.com");
	EMAIL_BAD("fulano@escritorio.com.");
	EMAIL_BAD("fulano@-escritorio.com");
	EMAIL_BAD("fulano@escritorio-.com");
	EMAIL_BAD("fulano@escri_torio.com");
	EMAIL_BAD("ful ano@escritorio.com");
	EMAIL_BAD(" fulano@escritorio.com");
	EMAIL_BAD("fulano@escritorio.com ");
	EMAIL_BAD("fulano@@escritorio.com");
	EMAIL_BAD("a@b@escritorio.com");
	EMAIL_BAD(".fulano@escritorio.com");
	EMAIL_BAD("fulano.@escritorio.com");
	EMAIL_BAD("ful..ano@escritorio.com");
	EMAIL_BAD("\"fulano\"@escritorio.com");  /* quoted local parts refused */
	EMAIL_BAD("a<b>@escritorio.com");
	EMAIL_BAD("a,b@escritorio.com");
	EMAIL_BAD("jos\xc3\xa9@escritorio.com");
	EMAIL_BAD("fulano@escrit\xc3\xb3rio.com");
	EMAIL_BAD("fulano@escritorio.com\r\nBcc: x@y.com");
	assert_false(valid_email("a@b.com\0.br", 11));
	assert_false(valid_email("a\0b@c.com", 9));
	assert_false(valid_email(NULL, 5));
	/* Only len bytes are read. */
	assert_true(valid_email("a@b.com<junk>", 7));
}

static void test_email_lengths(void **state)
{
	char local[80], label[80], buf[400];

	(void)state;
	/* Local part: 64 allowed, 65 not. */
	snprintf(buf, sizeof(buf), "%s@x.com", repeat(local, 'a', 64));
	EMAIL_OK(buf);
	snprintf(buf, sizeof(buf), "%s@x.com", repeat(local, 'a', 65));
	EMAIL_BAD(buf);
	/* Label: 63 allowed, 64 not. */
	snprintf(buf, sizeof(buf), "a@%s.com", repeat(label, 'b', 63));
	EMAIL_OK(buf);
	snprintf(buf, sizeof(buf), "a@%s.com", repeat(label, 'b', 64));
	EMAIL_BAD(buf);
	/* Whole address: 254 allowed, 255 not ("a@" + 4 labels of 60 + "." ...). */
	repeat(label, 'c', 60);
	snprintf(buf, sizeof(buf), "a@%s.%s.%s.%s.%s", label, label, label, label, "abcdefgh");
	assert_int_equal(strlen(buf), 254);
	EMAIL_OK(buf);
	snprintf(buf, sizeof(buf), "a@%s.%s.%s.%s.%s", label, label, label, label, "abcdefghi");
	assert_int_equal(strlen(buf), 255);
	EMAIL_BAD(buf);
}

/* Parses s as a phone; checks the result and the digits written. */
static void expect_phone(const char *s, bool ok, const char *digits)
{
	char out[16];

	memset(out, 'x', sizeof(out));
	assert_int_equal(valid_phone(s, strlen(s), out, sizeof(out)), ok);
	assert_string_equal(out, digits);
}

static void test_phone_accepts(void **state)
{
	(void)state;
	expect_phone("(11) 98765-4321", true, "11987654321");
	expect_phone("(11) 3456-7890", true, "1134567890");
	expect_phone("11987654321", true, "11987654321");
	expect_phone("11 9 8765 4321", true, "11987654321");
	expect_phone("11.98765.4321", true, "11987654321");
	expect_phone("+55 11 98765-4321", true, "11987654321");
	expect_phone("+55 (11) 3456-7890", true, "1134567890");
	expect_phone("+5511987654321", true, "11987654321");
	expect_phone("55 11 98765-4321", true, "11987654321");
	expect_phone("551134567890", true, "1134567890");
	expect_phone("(+55) 11 98765-4321", true, "11987654321");
	expect_phone("0 11 98765-4321", true, "11987654321");   /* trunk prefix */
	expect_phone("(011) 3456-7890", true, "1134567890");
	/* DDD 55 (Rio Grande do Sul) is not a country code when the length says so. */
	expect_phone("(55) 99876-5432", true, "55998765432");
	expect_phone("(55) 3222-1234", true, "5532221234");
	expect_phone("+55 55 99876-5432", true, "55998765432");
}

static void test_phone_rejects(void **state)
{
	char out[16];

	(void)state;
	expect_phone("", false, "");
	expect_phone("98765-4321", false, "");             /* no DDD */
	expect_phone("(11) 8765-43210", false, "");        /* 11 digits not starting with 9 */
	expect_phone("(11) 1234-5678", false, "");         /* fixed lines start 2..5 */
	expect_phone("(11) 9876-5432", false, "");         /* old 8-digit mobile */
	expect_phone("(01) 98765-4321", false, "");        /* no DDD has a 0 */
	expect_phone("(10) 98765-4321", false, "");
	expect_phone("+1 415 555 0100", false, "");        /* another country */
	expect_phone("+11 98765-4321", false, "");         /* "+" without 55 */
	expect_phone("11+98765-4321", false, "");
	expect_phone("++55 11 98765-4321", false, "");
	expect_phone("+55 11 98765-43210", false, "");
	expect_phone("55 55 11 98765-4321", false, "");
	expect_phone("(11) 98765-4321 ramal 2", false, "");
	expect_phone("(11) 98765_4321", false, "");
	expect_phone("11\t98765-4321", false, "");
	expect_phone("1198765432111111111111111111111", false, "");
	assert_false(valid_phone("11\0" "987654321", 12, out, sizeof(out)));
	/* cap must hold 11 digits + NUL. */
	memset(out, 'x', sizeof(out));
	assert_false(valid_phone("11987654321", 11, out, 11));
	assert_int_equal(out[0], '\0');
	assert_false(valid_phone("11987654321", 11, out, 0));
	assert_true(valid_phone("11987654321", 11, out, 12));
	assert_false(valid_phone("11987654321", 11, NULL, 12));
	assert_false(valid_phone(NULL, 0, out, sizeof(out)));
}

static void expect_phone_format(const char *digits, const char *want, size_t cap)
{
	char out[32];

	memset(out, 'x', sizeof(out));
	phone_format(digits, out, cap);
	assert_string_equal(out, want);
	if (cap < sizeof(out))
		assert_int_equal(out[cap], 'x');  /* nothing written past cap */
}

static void test_phone_format(void **state)
{
	char out[4];

	(void)state;
	expect_phone_format("11987654321", "(11) 98765-4321", 32);
	expect_phone_format("1134567890", "(11) 3456-7890", 32);
	expect_phone_format("123", "123", 32);
	expect_phone_format("119876543210", "119876543210", 32);
	expect_phone_format("11-87654321", "11-87654321", 32);
	expect_phone_format("11987654321", "(11) 9", 7);
	expect_phone_format("119876543210", "119876", 7);
	expect_phone_format(NULL, "", 32);
	memset(out, 'x', sizeof(out));
	phone_format("11987654321", out, 0);
	assert_int_equal(out[0], 'x');
}

static void expect_cep(const char *s, bool ok, const char *digits)
{
	char out[12];

	memset(out, 'x', sizeof(out));
	assert_int_equal(valid_cep(s, strlen(s), out, sizeof(out)), ok);
	assert_string_equal(out, digits);
}

static void test_cep(void **state)
{
	char out[12];

	(void)state;
	expect_cep("01310-100", true, "01310100");
	expect_cep("01310100", true, "01310100");
	expect_cep("01.310-100", true, "01310100");
	expect_cep("01.310100", true, "01310100");
	expect_cep("", false, "");
	expect_cep("00000-000", false, "");   /* no CEP starts with 00 */
	expect_cep("00999-999", false, "");
	expect_cep("01000-000", true, "01000000");
	expect_cep("1310-100", false, "");
	expect_cep("013101000", false, "");
	expect_cep("0131-0100", false, "");
	expect_cep("01310--100", false, "");
	expect_cep("01..310-100", false, "");
	expect_cep("-01310100", false, "");
	expect_cep("01310-100-", false, "");
	expect_cep(" 01310-100", false, "");
	expect_cep("01310 100", false, "");
	expect_cep("0131O-100", false, "");
	assert_false(valid_cep("01310\0" "100", 9, out, sizeof(out)));
	assert_false(valid_cep("01310100", 8, out, 8));   /* cap must hold 8 + NUL */
	assert_true(valid_cep("01310100", 8, out, 9));
	assert_string_equal(out, "01310100");

	cep_format("01310100", out, sizeof(out));
	assert_string_equal(out, "01310-100");
	cep_format("0131010", out, sizeof(out));
	assert_string_equal(out, "0131010");
	cep_format("013101001", out, sizeof(out));
	assert_string_equal(out, "013101001");
	cep_format("01310100", out, 4);
	assert_string_equal(out, "013");
	cep_format(NULL, out, sizeof(out));
	assert_string_equal(out, "");
}

static void test_uf(void **state)
{
	static const char *const all[] = {
		"AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG",
		"PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE",
		"TO",
	};
	char out[3], lower[3];

	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_true(valid_uf(all[i], 2, out, sizeof(out)));
		assert_string_equal(out, all[i]);
		lower[0] = (char)(all[i][0] + 32);
		lower[1] = (char)(all[i][1] + 32);
		lower[2] = '\0';
		assert_true(valid_uf(lower, 2, out, sizeof(out)));
		assert_string_equal(out, all[i]);
	}
	assert_true(valid_uf("sP", 2, out, sizeof(out)));
	assert_string_equal(out, "SP");
	assert_false(valid_uf("XX", 2, out, sizeof(out)));
	assert_string_equal(out, "");
	assert_false(valid_uf("BR", 2, out, sizeof(out)));
	assert_false(valid_uf("SPX", 3, out, sizeof(out)));
	assert_false(valid_uf("S", 1, out, sizeof(out)));
	assert_false(valid_uf("", 0, out, sizeof(out)));
	assert_false(valid_uf(" SP", 3, out, sizeof(out)));
	assert_false(valid_uf("S\0", 2, out, sizeof(out)));
	assert_false(valid_uf("SP", 2, out, 2));
	assert_false(valid_uf("\xd3P", 2, out, sizeof(out)));
}

static void expect_date(const char *s, int y, int m, int d)
{
	int yy = -1, mm = -1, dd = -1;

	assert_true(valid_date(s, strlen(s), &yy, &mm, &dd));
	assert_int_equal(yy, y);
	assert_int_equal(mm, m);
	assert_int_equal(dd, d);
}

static void expect_bad_date(const char *s)
{
	int y = -1, m = -1, d = -1;

	assert_false(valid_date(s, strlen(s), &y, &m, &d));
}

static void test_date_accepts(void **state)
{
	(void)state;
	expect_date("05/03/2026", 2026, 3, 5);
	expect_date("5/3/2026", 2026, 3, 5);
	expect_date("05/3/2026", 2026, 3, 5);
	expect_date("2026-03-05", 2026, 3, 5);
	expect_date("31/12/2100", 2100, 12, 31);
	expect_date("1900-01-01", 1900, 1, 1);
	expect_date("30/04/2026", 2026, 4, 30);
	expect_date("31/05/2026", 2026, 5, 31);
}

static void test_date_leap(void **state)
{
	(void)state;
	expect_date("29/02/2024", 2024, 2, 29);
	expect_date("29/02/2000", 2000, 2, 29);   /* divisible by 400 */
	expect_date("2028-02-29", 2028, 2, 29);
	expect_bad_date("29/02/2026");
	expect_bad_date("29/02/1900");            /* divisible by 100 */
	expect_bad_date("29/02/2100");
	expect_bad_date("30/02/2024");
	expect_date("28/02/2026", 2026, 2, 28);
}

static void test_date_rejects(void **state)
{
	int y = 7, m = 7, d = 7;

	(void)state;
	expect_bad_date("31/04/2026");
	expect_bad_date("31/06/2026");
	expect_bad_date("31/09/2026");
	expect_bad_date("31/11/2026");
	expect_bad_date("00/01/2026");
	expect_bad_date("32/01/2026");
	expect_bad_date("01/00/2026");
	expect_bad_date("01/13/2026");
	expect_bad_date("31/12/1899");
	expect_bad_date("01/01/2101");
	expect_bad_date("05/03/26");              /* two-digit year */
	expect_bad_date("005/03/2026");
	expect_bad_date("05/03/02026");
	expect_bad_date("05-03-2026");
	expect_bad_date("2026/03/05");
	expect_bad_date("2026-3-5");              /* ISO needs two digits */
	expect_bad_date("2026-03-05T00:00");
	expect_bad_date(" 05/03/2026");
	expect_bad_date("05/03/2026 ");
	expect_bad_date("05//2026");
	expect_bad_date("");
	expect_bad_date("a5/03/2026");
	expect_bad_date("+5/03/2026");
	assert_false(valid_date("05/03/2026\0", 11, &y, &m, &d));
	assert_false(valid_date("05/03\0/2026", 11, &y, &m, &d));
	assert_false(valid_date(NULL, 10, &y, &m, &d));
	/* Outputs untouched on failure. */
	assert_int_equal(y, 7);
	assert_int_equal(m, 7);
	assert_int_equal(d, 7);
	/* Only len bytes are read; NULL outputs are allowed. */
	assert_true(valid_date("05/03/2026xyz", 10, NULL, NULL, NULL));
}

static void test_date_format(void **state)
{
	char out[16];

	(void)state;
	date_format_br(2026, 3, 5, out, sizeof(out));
	assert_string_equal(out, "05/03/2026");
	date_format_iso(2026, 3, 5, out, sizeof(out));
	assert_string_equal(out, "2026-03-05");
	date_format_br(2024, 2, 29, out, sizeof(out));
	assert_string_equal(out, "29/02/2024");
	date_format_br(2024, 2, 29, out, 6);
	assert_string_equal(out, "29/02");
	date_format_iso(2024, 2, 29, out, 5);
	assert_string_equal(out, "2024");
	date_format_br(2024, 2, 29, out, 11);
	assert_string_equal(out, "29/02/2024");
	memset(out, 'x', sizeof(out));
	date_format_iso(2024, 2, 29, out, 0);
	assert_int_equal(out[0], 'x');
	/* Dates that do not exist format as "". */
	date_format_br(2026, 4, 31, out, sizeof(out));
	assert_string_equal(out, "");
	date_format_iso(-2147483647 - 1, 1, 1, out, sizeof(out));
	assert_string_equal(out, "");
	date_format_iso(2026, 2147483647, 1, out, sizeof(out));
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email_accepts),
		cmocka_unit_test(test_email_rejects),
		cmocka_unit_test(test_email_lengths),
		cmocka_unit_test(test_phone_accepts),
		cmocka_unit_test(test_phone_rejects),
		cmocka_unit_test(test_phone_format),
		cmocka_unit_test(test_cep),
		cmocka_unit_test(test_uf),
		cmocka_unit_test(test_date_accepts),
		cmocka_unit_test(test_date_leap),
		cmocka_unit_test(test_date_rejects),
		cmocka_unit_test(test_date_format),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
