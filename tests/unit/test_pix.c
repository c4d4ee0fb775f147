/* Unit tests for lib/br/pix.c: PIX keys and the static BR Code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/strbuf.h"
#include "br/pix.h"

/* The central bank manual's example, checked in ../shared/LIBRARY-NOTES.md. */
/* A valid CPF, 09876543229, as Excel keeps it: the leading zero lost. */
#define TEN_DIGIT_CPF "9876543229"

#define MANUAL_EXAMPLE "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-42665544" \
	"00005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"

static void expect_key(const char *in, enum pix_key_type type, const char *normalised)
{
	struct strbuf sb = STRBUF_INIT;
	const char *err = NULL;
	enum pix_key_type got = pix_key_parse(in, &sb, &err);

	if (got != type)
		fail_msg("\"%s\": type %d, want %d (%s)", in, got, type, err ? err : "");
	assert_string_equal(sb_str(&sb), normalised);
	/* The normalised form is a fixed point. */
	sb_reset(&sb);
	assert_int_equal(pix_key_parse(normalised, &sb, &err), type);
	assert_string_equal(sb_str(&sb), normalised);
	sb_free(&sb);
}

/* Refused with a Portuguese message containing want, and out left as it was. */
static void expect_bad_key(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	const char *err = NULL;

	assert_int_equal(sb_puts(&sb, "antes"), 0);
	if (pix_key_parse(in, &sb, &err) != PIX_KEY_NONE)
		fail_msg("\"%s\" accepted as \"%s\"", in, sb_str(&sb));
	assert_string_equal(sb_str(&sb), "antes");
	assert_non_null(err);
	assert_true(strncmp(err, "Chave PIX inválida: ", 20) == 0);
	if (!strstr(err, want))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", in, err, want);
	sb_free(&sb);
}

static void test_crc16(void **state)
{
	(void)state;
	assert_int_equal(pix_crc16("123456789", 9), 0x29B1);   /* CRC-16/CCITT-FALSE check */
	assert_int_equal(pix_crc16("", 0), 0xFFFF);
	const char *ex = MANUAL_EXAMPLE;
	assert_int_equal(pix_crc16(ex, strlen(ex) - 4), 0x1D3D);
}

static void test_manual_example(void **state)
{
	(void)state;
	struct pix_payee p = { "123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal",
			       "BRASILIA" };
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(pix_brcode(&p, 0, NULL, &sb), 0);
	assert_string_equal(sb_str(&sb), MANUAL_EXAMPLE);
	sb_reset(&sb);
	assert_int_equal(pix_brcode(&p, 0, "", &sb), 0);   /* "" is no txid too */
	assert_string_equal(sb_str(&sb), MANUAL_EXAMPLE);
	sb_free(&sb);
}

/* Walks the top-level TLV fields: each id in order, lengths consistent to the end, the
 * CRC right. Returns the value of field id (NUL-terminated copy in v), or "" if absent. */
static void field(const char *code, const char *id, char *v, size_t cap)
{
	size_t len = strlen(code), i = 0;

	v[0] = '\0';
	while (i < len) {
		assert_true(i + 4 <= len);
		size_t n = (size_t)(code[i + 2] - '0') * 10 + (size_t)(code[i + 3] - '0');
		assert_true(i + 4 + n <= len);
		if (strncmp(code + i, id, 2) == 0) {
			assert_true(n < cap);
			memcpy(v, code + i + 4, n);
			v[n] = '\0';
		}
		i += 4 + n;
	}
	assert_int_equal(i, len);
}

static void expect_crc_ok(const char *code)
{
	size_t len = strlen(code);
	char want[5];

	assert_true(len > 8);
	assert_memory_equal(code + len - 8, "6304", 4);
	snprintf(want, sizeof want, "%04X", (unsigned)pix_crc16(code, len - 4));
	assert_string_equal(code + len - 4, want);
}

static void test_amount(void **state)
{
	(void)state;
	struct pix_payee p = { "+5511987654321", "Contabil Exemplo", "SAO PAULO" };
	struct strbuf sb = STRBUF_INIT;
	char v[100];

	assert_int_equal(pix_brcode(&p, 123456, "FAT202603", &sb), 0);
	field(sb_str(&sb), "54", v, sizeof v);
	assert_string_equal(v, "1234.56");
	assert_non_null(strstr(sb_str(&sb), "54071234.56"));
	field(sb_str(&sb), "62", v, sizeof v);
	assert_string_equal(v, "0509FAT202603");
	field(sb_str(&sb), "26", v, sizeof v);
	assert_string_equal(v, "0014br.gov.bcb.pix0114+5511987654321");
	expect_crc_ok(sb_str(&sb));

	static const struct { int64_t c; const char *want; } amounts[] = {
		{ 1, "0.01" }, { 10, "0.10" }, { 100, "1.00" }, { 99999, "999.99" },
		{ PIX_AMOUNT_MAX, "9999999999.99" },
	};
	for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
		sb_reset(&sb);
		assert_int_equal(pix_brcode(&p, amounts[i].c, NULL, &sb), 0);
		field(sb_str(&sb), "54", v, sizeof v);
		assert_string_equal(v, amounts[i].want);
		expect_crc_ok(sb_str(&sb));
	}
	/* No amount: no field 54 at all. */
	sb_reset(&sb);
	assert_int_equal(pix_brcode(&p, 0, NULL, &sb), 0);
	field(sb_str(&sb), "54", v, sizeof v);
	assert_string_equal(v, "");
	sb_free(&sb);
}

static void expect_refused(const struct pix_payee *p, int64_t centavos, const char *txid)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(sb_puts(&sb, "antes"), 0);
	assert_int_equal(pix_brcode(p, centavos, txid, &sb), -1);
	assert_string_equal(sb_str(&sb), "antes");
	sb_free(&sb);
}

static void test_refused(void **state)
{
	(void)state;
	struct pix_payee p = { "12345678909", "Fulano", "Recife" };

	expect_refused(&p, -1, NULL);
	expect_refused(&p, PIX_AMOUNT_MAX + 1, NULL);
	expect_refused(&p, INT64_MIN, NULL);
	expect_refused(NULL, 0, NULL);
	/* txids are refused, never cleaned: the office matches payments against them. */
	expect_refused(&p, 100, "FAT-2026-03");
	expect_refused(&p, 100, "FAT 2026");
	expect_refused(&p, 100, "***");
	expect_refused(&p, 100, "Fatura\xc3\xa7");
	expect_refused(&p, 100, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");   /* 26 */
	struct pix_payee q = p;
	q.key = "123.456.789-09";   /* not normalised */
	expect_refused(&q, 0, NULL);
	q.key = "12345678900";       /* wrong check digits */
	expect_refused(&q, 0, NULL);
	q.key = NULL;
	expect_refused(&q, 0, NULL);
	q = p;
	q.name = "";
	expect_refused(&q, 0, NULL);
	q.name = "  \xe2\x82\xac  ";   /* only a euro sign: nothing left */
	expect_refused(&q, 0, NULL);
	q.name = "Jos\xe9";            /* Latin-1, not UTF-8 */
	expect_refused(&q, 0, NULL);
	q = p;
	q.city = NULL;
	expect_refused(&q, 0, NULL);
}

static void expect_field(const struct pix_payee *p, const char *txid, const char *id,
			 const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	char v[100];

	assert_int_equal(pix_brcode(p, 0, txid, &sb), 0);
	field(sb_str(&sb), id, v, sizeof v);
	assert_string_equal(v, want);
	expect_crc_ok(sb_str(&sb));
	sb_free(&sb);
}

static void test_names_and_cities(void **state)
{
	(void)state;
	struct pix_payee p = { "12345678909", "José Ação", "São Paulo" };

	expect_field(&p, NULL, "59", "Jose Acao");
	expect_field(&p, NULL, "60", "Sao Paulo");
	p.name = "ÁÉÍÓÚ áéíóú ÂÊÔ âêô ÃÕ ãõ Çç Üü Ññ";
	expect_field(&p, NULL, "59", "AEIOU aeiou AEO aeo AO ao");   /* cut at 25 */
	p.name = "Łukasz Šimek Ærø";
	expect_field(&p, NULL, "59", "Lukasz Simek Aro");
	p.name = "  Fulano\t de  Tal  ";     /* tab dropped, ends trimmed */
	expect_field(&p, NULL, "59", "Fulano de  Tal");
	p.name = "Escritório de Contabilidade Exemplo Ltda";
	expect_field(&p, NULL, "59", "Escritorio de Contabilida");
	p.name = "ABCDEFGHIJKLMNOPQRSTUVWX Y";   /* the cut lands on a space: trimmed */
	expect_field(&p, NULL, "59", "ABCDEFGHIJKLMNOPQRSTUVWX");
	p.name = "D'Ávila & Cia. €";
	expect_field(&p, NULL, "59", "D'Avila & Cia.");
	p.city = "Santa Rita do Passa Quatro";
	expect_field(&p, NULL, "60", "Santa Rita do P");
	p.city = "Florianópolis";
	expect_field(&p, NULL, "60", "Florianopolis");
}

static void test_txid(void **state)
{
	(void)state;
	struct pix_payee p = { "fulano@example.com", "Fulano", "Recife" };

	expect_field(&p, NULL, "62", "0503***");
	expect_field(&p, "abcXYZ019", "62", "0509abcXYZ019");
	expect_field(&p, "ABCDEFGHIJKLMNOPQRSTUVWXY", "62", "0525ABCDEFGHIJKLMNOPQRSTUVWXY");
}

/* Appends: what out held stays, and the CRC covers only the new code. */
static void test_appends(void **state)
{
	(void)state;
	struct pix_payee p = { "123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal",
			       "BRASILIA" };
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(sb_puts(&sb, "code: "), 0);
	assert_int_equal(pix_brcode(&p, 0, NULL, &sb), 0);
	assert_string_equal(sb_str(&sb), "code: " MANUAL_EXAMPLE);
	sb_free(&sb);
}

static void test_key_documents(void **state)
{
	(void)state;
	expect_key("12345678909", PIX_KEY_CPF, "12345678909");
	expect_key("123.456.789-09", PIX_KEY_CPF, "12345678909");
	expect_key("123456789-09", PIX_KEY_CPF, "12345678909");
	expect_key("  123.456.789-09\t", PIX_KEY_CPF, "12345678909");
	expect_key("11.222.333/0001-81", PIX_KEY_CNPJ, "11222333000181");
	expect_key("11222333000181", PIX_KEY_CNPJ, "11222333000181");
	expect_key("12.ABC.345/01DE-35", PIX_KEY_CNPJ, "12ABC34501DE35");
	expect_key("12.abc.345/01de-35", PIX_KEY_CNPJ, "12ABC34501DE35");
	expect_bad_key("123.456.789-00", "CPF com dígitos verificadores errados");
	expect_bad_key("11.222.333/0001-82", "CNPJ com dígitos verificadores errados");
	expect_bad_key("12.ABC.345/01DE-36", "CNPJ");
	expect_bad_key("111.111.111-11", "CPF");   /* all equal */
	/* No zero padding guessed (and no phone: DDD 98, then "7"). */
	expect_bad_key(TEN_DIGIT_CPF, "telefone");
	expect_key("1234567890", PIX_KEY_PHONE, "+551234567890");   /* 10 digits: fixed line */
	expect_bad_key("123456789012", "CPF");
}

/* 11987654374 passes the CPF check digits and is also a mobile number in DDD 11. */
static void test_key_cpf_or_phone(void **state)
{
	(void)state;
	expect_key("11987654374", PIX_KEY_CPF, "11987654374");
	expect_key("119.876.543-74", PIX_KEY_CPF, "11987654374");
	expect_key("(11) 98765-4374", PIX_KEY_PHONE, "+5511987654374");
	expect_key("+55 11 98765-4374", PIX_KEY_PHONE, "+5511987654374");
	expect_key("11 98765-4374", PIX_KEY_PHONE, "+5511987654374");
	expect_key("11-98765-4374", PIX_KEY_PHONE, "+5511987654374");
	expect_key("+5511987654374", PIX_KEY_PHONE, "+5511987654374");
	/* Not a CPF: a phone however typed. */
	expect_key("11987654321", PIX_KEY_PHONE, "+5511987654321");
	/* A CPF with odd spacing that no phone could be is still the CPF. */
	expect_key("123 456 789 09", PIX_KEY_CPF, "12345678909");
}

static void test_key_phones(void **state)
{
	(void)state;
	expect_key("(11) 98765-4321", PIX_KEY_PHONE, "+5511987654321");
	expect_key("+55 11 98765-4321", PIX_KEY_PHONE, "+5511987654321");
	expect_key("+55 (11) 98765-4321", PIX_KEY_PHONE, "+5511987654321");
	expect_key("5511987654321", PIX_KEY_PHONE, "+5511987654321");
	expect_key("011987654321", PIX_KEY_PHONE, "+5511987654321");
	expect_key("(11) 3456-7890", PIX_KEY_PHONE, "+551134567890");
	expect_key("1134567890", PIX_KEY_PHONE, "+551134567890");
	expect_key("(55) 99876-5432", PIX_KEY_PHONE, "+5555998765432");   /* DDD 55 */
	expect_bad_key("+1 415 555 0100", "telefone");
	expect_bad_key("(11) 8765-4321", "telefone");    /* 10 digits starting 8 */
	expect_bad_key("(01) 98765-4321", "telefone");   /* no DDD has a 0 */
	expect_bad_key("(11) 98765-432", "telefone");
	expect_bad_key("+55", "telefone");
	expect_bad_key("98765-4321", "telefone");        /* no DDD */
}

/* local letters 'a', then domain. */
static void make_mail(char *buf, size_t cap, size_t local, const char *domain)
{
	assert_true(local < cap);
	memset(buf, 'a', local);
	snprintf(buf + local, cap - local, "%s", domain);
}

static void test_key_email(void **state)
{
	(void)state;
	expect_key("fulano@example.com", PIX_KEY_EMAIL, "fulano@example.com");
	expect_key("Fulano.Tal@Example.COM.br", PIX_KEY_EMAIL, "fulano.tal@example.com.br");
	expect_key(" a+pix@contabil.com.br ", PIX_KEY_EMAIL, "a+pix@contabil.com.br");
	/* 77 characters: the longest that fits field 26. */
	char mail[100];
	make_mail(mail, sizeof mail, 64, "@exampl.e.com");
	assert_int_equal(strlen(mail), 77);
	expect_key(mail, PIX_KEY_EMAIL, mail);
	make_mail(mail, sizeof mail, 64, "@examplexx.com");
	assert_int_equal(strlen(mail), 78);
	expect_bad_key(mail, "77 caracteres");
	make_mail(mail, sizeof mail, 65, "@example.com");   /* local part over 64 */
	assert_int_equal(strlen(mail), 77);
	expect_bad_key(mail, "e-mail mal formado");
	expect_bad_key("fulano@", "e-mail mal formado");
	expect_bad_key("fulano@example", "e-mail");
	expect_bad_key("ful ano@example.com", "e-mail");
	expect_bad_key("@example.com", "e-mail");
}

static void test_key_random(void **state)
{
	(void)state;
	expect_key("123e4567-e12b-12d1-a456-426655440000", PIX_KEY_RANDOM,
		   "123e4567-e12b-12d1-a456-426655440000");
	expect_key("123E4567-E12B-12D1-A456-426655440000", PIX_KEY_RANDOM,
		   "123e4567-e12b-12d1-a456-426655440000");
	expect_bad_key("123e4567-e12b-12d1-a456-42665544000", "chave aleatória");
	expect_bad_key("123e4567-e12b-12d1-a456-4266554400000", "chave aleatória");
	expect_bad_key("123g4567-e12b-12d1-a456-426655440000", "chave aleatória");
	expect_bad_key("123e4567e12b12d1a456426655440000", "chave aleatória");
}

static void test_key_misc(void **state)
{
	(void)state;
	expect_bad_key("", "vazia");
	expect_bad_key("   ", "vazia");
	expect_bad_key("\t", "vazia");
	expect_bad_key("abc", "chave aleatória");
	expect_bad_key("12345678909\n", "chave aleatória");
	expect_bad_key("1234567890912345678909123456789091234567890912345678909123456789091234"
		       "567890912345678909123456789091234567890912345678909123456789091", "longa");
	assert_int_equal(pix_key_parse(NULL, NULL, NULL), PIX_KEY_NONE);
	const char *err = NULL;
	assert_int_equal(pix_key_parse(NULL, NULL, &err), PIX_KEY_NONE);
	assert_non_null(err);
	assert_string_equal(pix_key_type_name(PIX_KEY_CPF), "CPF");
	assert_string_equal(pix_key_type_name(PIX_KEY_CNPJ), "CNPJ");
	assert_string_equal(pix_key_type_name(PIX_KEY_EMAIL), "E-mail");
	assert_string_equal(pix_key_type_name(PIX_KEY_PHONE), "Telefone");
	assert_string_equal(pix_key_type_name(PIX_KEY_RANDOM), "Chave aleatória");
	assert_string_equal(pix_key_type_name(PIX_KEY_NONE), "");
}

/* The shortened form offered for a name or city longer than the BR Code holds. */
static void expect_short(const char *in, size_t max, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(pix_text_shorten(in, max, &sb), 0);
	if (strcmp(sb_str(&sb), want) != 0)
		fail_msg("shorten(\"%s\", %zu): \"%s\", want \"%s\"", in, max, sb_str(&sb), want);
	assert_true(sb.len <= max);
	assert_int_equal(pix_text_length(sb_str(&sb)), (long)sb.len);   /* ASCII: as long as it is */
	sb_free(&sb);
}

static void test_text_length(void **state)
{
	(void)state;
	assert_int_equal(pix_text_length("São José dos Campos"), 19);
	assert_int_equal(pix_text_length("  SAO PAULO  "), 9);
	assert_int_equal(pix_text_length("Recibos Dois Contabilidade Ltda"), 31);
	assert_int_equal(pix_text_length("Contábil \xF0\x9F\x98\x80"), 8);   /* the emoji dropped */
	assert_int_equal(pix_text_length(""), 0);
	assert_int_equal(pix_text_length("\xC3"), -1);
	assert_int_equal(pix_text_length(NULL), -1);
}

static void test_text_shorten(void **state)
{
	(void)state;
	/* What fits is only folded. */
	expect_short("São Paulo", PIX_CITY_MAX, "Sao Paulo");
	expect_short("Contábil Exemplo", PIX_NAME_MAX, "Contabil Exemplo");
	/* Cities: the linking words go first, then initials. */
	expect_short("São José dos Campos", PIX_CITY_MAX, "Sao Jose Campos");
	expect_short("Santana de Parnaíba", PIX_CITY_MAX, "S Parnaiba");
	expect_short("São João da Boa Vista", PIX_CITY_MAX, "Sao J B Vista");
	expect_short("Florianópolis", PIX_CITY_MAX, "Florianopolis");
	expect_short("Vila Bela da Santíssima Trindade", PIX_CITY_MAX, "V B S Trindade");
	/* Names: the company's suffix, then abbreviations. */
	expect_short("Recibos Dois Contabilidade Ltda", PIX_NAME_MAX, "Recibos Dois Contabil");
	expect_short("Silva & Souza Assessoria Contábil - ME", PIX_NAME_MAX, "Silva & Souza A Contabil");
	expect_short("Escritório Contábil Oliveira S/A", PIX_NAME_MAX, "Escrit Contabil Oliveira");
	expect_short("Organização Contábil Pereira e Filhos", PIX_NAME_MAX, "Org Contabil P Filhos");
	/* One word too long: cut. */
	expect_short("Pneumoultramicroscopicossilicovulcanoconiótico", PIX_CITY_MAX, "Pneumoultramicr");
	/* Nothing usable. */
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(pix_text_shorten("\xF0\x9F\x98\x80", PIX_CITY_MAX, &sb), -1);
	assert_int_equal(pix_text_shorten("\xC3", PIX_CITY_MAX, &sb), -1);
	assert_int_equal(sb.len, 0);
	sb_free(&sb);
}

/* 11987654374: the CPF check digits are right and it is a mobile in DDD 11. */
static void test_key_ambiguous(void **state)
{
	(void)state;
	assert_true(pix_key_ambiguous("11987654374"));
	assert_true(pix_key_ambiguous(" 11987654374 "));
	assert_false(pix_key_ambiguous("119.876.543-74"));   /* typed as a CPF */
	assert_false(pix_key_ambiguous("(11) 98765-4374"));  /* typed as a phone */
	assert_false(pix_key_ambiguous("11987654321"));      /* no CPF */
	assert_false(pix_key_ambiguous("12345678909"));      /* a CPF, no phone (DDD 12, 3...) */
	assert_false(pix_key_ambiguous(NULL));
	struct strbuf sb = STRBUF_INIT;
	const char *err = NULL;
	assert_int_equal(pix_key_parse_as("11987654374", PIX_KEY_PHONE, &sb, &err), PIX_KEY_PHONE);
	assert_string_equal(sb_str(&sb), "+5511987654374");
	sb_reset(&sb);
	assert_int_equal(pix_key_parse_as("11987654374", PIX_KEY_CPF, &sb, &err), PIX_KEY_CPF);
	assert_string_equal(sb_str(&sb), "11987654374");
	sb_reset(&sb);
	assert_int_equal(pix_key_parse_as("11987654321", PIX_KEY_CPF, &sb, &err), PIX_KEY_NONE);
	assert_non_null(strstr(err, "CPF"));
	assert_int_equal(sb.len, 0);
	assert_int_equal(pix_key_parse_as("12345678909", PIX_KEY_PHONE, &sb, &err), PIX_KEY_NONE);
	assert_non_null(strstr(err, "telefone"));
	assert_int_equal(pix_key_parse_as("a@b.com.br", PIX_KEY_NONE, &sb, &err), PIX_KEY_EMAIL);
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc16),
		cmocka_unit_test(test_manual_example),
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_names_and_cities),
		cmocka_unit_test(test_txid),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_key_documents),
		cmocka_unit_test(test_key_cpf_or_phone),
		cmocka_unit_test(test_key_phones),
		cmocka_unit_test(test_key_email),
		cmocka_unit_test(test_key_random),
		cmocka_unit_test(test_key_misc),
		cmocka_unit_test(test_text_length),
		cmocka_unit_test(test_text_shorten),
		cmocka_unit_test(test_key_ambiguous),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
