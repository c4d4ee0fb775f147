/* Unit tests for lib/cadastro/client.c: typed input into the stored record, and its display. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cadastro/client.h"
#include "base/fields.h"

static void add(struct fields *f, const char *name, const char *value)
{
	assert_int_equal(fields_add(f, name, strlen(name), value, strlen(value)), 0);
}

static void test_valid_pj(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	add(&in, "tipo", "PJ");
	add(&in, "nome", "  Padaria São João Ltda ");
	add(&in, "documento", "12.abc.345/01de-35");
	add(&in, "email", "Contato@PaoQuente.com.BR");
	add(&in, "outros_emails", "a@b.com.br\r\n\r\nC@D.com.br; e@f.com.br");
	add(&in, "celular", "(11) 98765-4321");
	add(&in, "cep", "01310-100");
	add(&in, "uf", "sp");
	add(&in, "nascimento", "5/3/2010");
	add(&in, "regime", "simples");
	add(&in, "cliente", "1");
	add(&in, "responsavel", "12");
	struct client c;
	struct client_errors e;
	memset(&c, 0, sizeof c);
	assert_int_equal(client_from_fields(&c, &in, &e), 0);
	assert_int_equal(e.n, 0);
	assert_string_equal(c.v[CL_NAME], "Padaria São João Ltda");
	assert_string_equal(c.v[CL_DOCUMENT], "12ABC34501DE35");
	assert_string_equal(c.v[CL_EMAIL], "contato@paoquente.com.br");
	assert_string_equal(c.v[CL_OTHER_EMAILS], "a@b.com.br\nc@d.com.br\ne@f.com.br");
	assert_string_equal(c.v[CL_PHONE_MOBILE], "11987654321");
	assert_string_equal(c.v[CL_CEP], "01310100");
	assert_string_equal(c.v[CL_UF], "SP");
	assert_string_equal(c.v[CL_BIRTH], "2010-03-05");
	assert_string_equal(c.v[CL_IS_CLIENT], "1");
	assert_string_equal(c.v[CL_IS_SUPPLIER], "0");   /* unchecked box */
	assert_string_equal(c.v[CL_ACTIVE], "0");
	char *out = NULL;
	assert_string_equal(client_display(&c, CL_DOCUMENT, &out), "12.ABC.345/01DE-35");
	assert_string_equal(client_display(&c, CL_PHONE_MOBILE, &out), "(11) 98765-4321");
	assert_string_equal(client_display(&c, CL_BIRTH, &out), "05/03/2010");
	assert_string_equal(client_display(&c, CL_REGIME, &out), "Simples Nacional");
	assert_string_equal(client_display(&c, CL_KIND, &out), "Pessoa jurídica");
	assert_string_equal(client_display(&c, CL_IS_CLIENT, &out), "Sim");
	free(out);
	client_free(&c);
	fields_free(&in);
}

static void test_errors(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	add(&in, "tipo", "PF");
	add(&in, "documento", "11.222.333/0001-81");  /* a CNPJ for a person */
	add(&in, "email", "x@");
	add(&in, "celular", "123");
	add(&in, "cep", "0131");
	add(&in, "uf", "XX");
	add(&in, "nascimento", "31/02/2020");
	add(&in, "regime", "outro");
	add(&in, "responsavel", "abc");
	add(&in, "outros_emails", "ok@ok.com.br\nnao-e-email");
	struct client c;
	struct client_errors e;
	memset(&c, 0, sizeof c);
	assert_int_equal(client_from_fields(&c, &in, &e), 0);
	assert_non_null(e.msg[CL_NAME]);        /* required */
	assert_non_null(strstr(e.msg[CL_DOCUMENT], "CNPJ"));
	assert_non_null(e.msg[CL_EMAIL]);
	assert_non_null(e.msg[CL_PHONE_MOBILE]);
	assert_non_null(e.msg[CL_CEP]);
	assert_non_null(e.msg[CL_UF]);
	assert_non_null(e.msg[CL_BIRTH]);
	assert_non_null(e.msg[CL_REGIME]);
	assert_non_null(e.msg[CL_RESPONSIBLE]);
	assert_non_null(e.msg[CL_OTHER_EMAILS]);
	assert_int_equal(e.n, 10);
	/* Typed values are kept for the form. */
	assert_string_equal(c.v[CL_CEP], "0131");
	assert_string_equal(c.v[CL_BIRTH], "31/02/2020");
	client_free(&c);
	fields_free(&in);
}

static void test_documents_by_kind(void **state)
{
	(void)state;
	static const struct { const char *kind, *doc; bool ok; } cases[] = {
		{ "PF", "123.456.789-09", true },
		{ "PF", "12345678909", true },
		{ "PF", "123.456.789-08", false },
		{ "PJ", "12.ABC.345/01DE-35", true },
		{ "PJ", "123.456.789-09", false },
		{ "EX", "P1234567 (passaporte)", true },
		{ "EX", "", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct fields in = FIELDS_INIT;
		add(&in, "tipo", cases[i].kind);
		add(&in, "nome", "X");
		add(&in, "documento", cases[i].doc);
		struct client c;
		struct client_errors e;
		memset(&c, 0, sizeof c);
		assert_int_equal(client_from_fields(&c, &in, &e), 0);
		assert_int_equal(e.msg[CL_DOCUMENT] == NULL, cases[i].ok);
		client_free(&c);
		fields_free(&in);
	}
}

static void test_too_long(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	char name[300];
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	add(&in, "tipo", "PF");
	add(&in, "nome", name);
	add(&in, "fantasia", "tab\there");
	struct client c;
	struct client_errors e;
	memset(&c, 0, sizeof c);
	assert_int_equal(client_from_fields(&c, &in, &e), 0);
	assert_non_null(e.msg[CL_NAME]);
	assert_non_null(e.msg[CL_TRADE_NAME]);
	client_free(&c);
	fields_free(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_pj),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_documents_by_kind),
		cmocka_unit_test(test_too_long),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
