/* Unit tests for lib/web/form.c (declared per-field validation) and the redirect check of
 * lib/web/response.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/fields.h"
#include "web/form.h"
#include "web/response.h"
#include "base/utf8.h"

static const struct form_rule rules[] = {
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0, NULL },
	{ "nome", FORM_TEXT, false, 10, "Nome", 0, 0, NULL },
	{ "n", FORM_INT, false, 0, "Número", 1, 100, NULL },
	{ "t", FORM_TOKEN, false, 0, "Código", 0, 0, NULL },
	{ "senha", FORM_PASSWORD, false, 0, "Senha", 0, 0, NULL },
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0, NULL },
	{ "obs", FORM_LONGTEXT, false, 0, "Observação", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static void add(struct fields *f, const char *name, const char *value)
{
	assert_int_equal(fields_add(f, name, strlen(name), value, strlen(value)), 0);
}

static void test_valid_values(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	struct form f;
	add(&in, "email", "  Ana@Demo.com.BR ");
	add(&in, "nome", " João ");
	add(&in, "n", "42");
	add(&in, "t", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	add(&in, "senha", " com espaços ");
	add(&in, "next", "/clientes?q=1");
	add(&in, "obs", "linha 1\r\nlinha 2");
	assert_int_equal(form_validate(&f, rules, &in), 0);
	assert_int_equal(f.nerrors, 0);
	assert_string_equal(form_get(&f, "email"), "ana@demo.com.br");
	assert_string_equal(form_get(&f, "nome"), "João");
	assert_int_equal(form_int(&f, "n"), 42);
	assert_string_equal(form_get(&f, "senha"), " com espaços ");
	assert_string_equal(form_get(&f, "next"), "/clientes?q=1");
	assert_string_equal(form_get(&f, "obs"), "linha 1\r\nlinha 2");
	assert_string_equal(form_get(&f, "nao-declarado"), "");
	form_free(&f);
	fields_free(&in);
}

static void test_errors(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	struct form f;
	add(&in, "nome", "Nome longo demais");      /* 17 characters > 10 */
	add(&in, "n", "101");
	add(&in, "t", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef");
	add(&in, "next", "//evil.example/");
	add(&in, "obs", "tab\tok but bell \a no");
	assert_int_equal(form_validate(&f, rules, &in), 0);
	assert_string_equal(form_error(&f, "email"), "Preencha este campo.");
	assert_non_null(form_error(&f, "nome"));
	assert_non_null(form_error(&f, "n"));
	assert_non_null(form_error(&f, "t"));
	assert_non_null(form_error(&f, "next"));
	assert_non_null(form_error(&f, "obs"));
	assert_null(form_error(&f, "senha"));
	assert_int_equal(f.nerrors, 6);
	assert_string_equal(form_get(&f, "nome"), "");  /* invalid values are not kept */
	form_free(&f);
	fields_free(&in);
}

static void test_email_and_text(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	struct form f;
	add(&in, "email", "ana@@demo");
	add(&in, "nome", "tab\there");
	add(&in, "n", "12abc");
	add(&in, "obs", "linha\xe2\x80\xae" "1");
	assert_int_equal(form_validate(&f, rules, &in), 0);
	assert_non_null(form_error(&f, "email"));
	assert_non_null(form_error(&f, "nome"));
	assert_non_null(form_error(&f, "n"));
	assert_non_null(form_error(&f, "obs"));
	form_free(&f);
	fields_free(&in);
	/* A right-to-left override makes "Ana" show as another name: refused. */
	in = (struct fields)FIELDS_INIT;
	add(&in, "email", "ana@demo.com.br");
	add(&in, "nome", "\xe2\x80\xae" "anA");
	assert_int_equal(form_validate(&f, rules, &in), 0);
	assert_string_equal(form_error(&f, "nome"), utf8_refusal("\xe2\x80\xae", 3, false));
	assert_null(f.value[1]);
	form_free(&f);
	fields_free(&in);
}

static void test_whitespace_only_required(void **state)
{
	(void)state;
	struct fields in = FIELDS_INIT;
	struct form f;
	add(&in, "email", "   ");
	assert_int_equal(form_validate(&f, rules, &in), 0);
	assert_string_equal(form_error(&f, "email"), "Preencha este campo.");
	form_free(&f);
	fields_free(&in);
}

static void test_local_path(void **state)
{
	(void)state;
	assert_true(response_local_path("/"));
	assert_true(response_local_path("/clientes/12?x=1"));
	assert_false(response_local_path("//evil.example"));
	assert_false(response_local_path("/\\evil.example"));
	assert_false(response_local_path("https://evil.example"));
	assert_false(response_local_path("/a\r\nSet-Cookie: x=1"));
	assert_false(response_local_path(""));
	assert_false(response_local_path(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_email_and_text),
		cmocka_unit_test(test_whitespace_only_required),
		cmocka_unit_test(test_local_path),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
