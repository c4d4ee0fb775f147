/* Unit tests for lib/importacao/colmap.c: the header rows of the sample files, our own export's,
 * the helpdesk template's, and the cases where a header could mean two things. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cadastro/client.h"
#include "importacao/colmap.h"

#define FIELD(f) { COLMAP_FIELD, (f), 0 }
#define OF(kind) { (kind), 0, 0 }
#define N(a) (sizeof (a) / sizeof *(a))

static void expect(const char *const *headers, size_t n, const char *const *custom, size_t nc,
		   const struct colmap_target *want)
{
	struct colmap_target got[64];
	assert_true(n <= N(got));
	colmap_guess(headers, n, custom, nc, got);
	for (size_t i = 0; i < n; i++) {
		if (got[i].kind != want[i].kind || got[i].field != want[i].field ||
		    got[i].custom != want[i].custom)
			fail_msg("\"%s\": got kind %d field %d custom %zu, want kind %d field %d custom %zu",
				 headers[i], got[i].kind, got[i].field, got[i].custom, want[i].kind,
				 want[i].field, want[i].custom);
	}
}

static void test_fold(void **state)
{
	(void)state;
	char k[64];
	assert_int_equal(colmap_fold("Nome/Razão Social", k, sizeof k), 15);
	assert_string_equal(k, "nomerazaosocial");
	colmap_fold("E-mail", k, sizeof k);
	assert_string_equal(k, "email");
	colmap_fold("cpfCnpj", k, sizeof k);
	assert_string_equal(k, "cpfcnpj");
	colmap_fold("  SITUAÇÃO ", k, sizeof k);
	assert_string_equal(k, "situacao");
	colmap_fold("Nº", k, sizeof k);
	assert_string_equal(k, "n");
	colmap_fold(NULL, k, sizeof k);
	assert_string_equal(k, "");
	char tiny[4];
	assert_int_equal(colmap_fold("Observações", tiny, sizeof tiny), 3);
	assert_string_equal(tiny, "obs");
}

/* Excel's and LibreOffice's sample files (tests/data) have this header row. */
static void test_office_spreadsheet(void **state)
{
	(void)state;
	static const char *const h[] = { "Tipo", "Nome/Razão Social", "Nome Fantasia", "CPF/CNPJ",
		"E-mail", "Telefone", "Celular", "Endereço", "Cidade", "UF", "CEP", "Situação",
		"Observações" };
	static const struct colmap_target want[] = { FIELD(CL_KIND), FIELD(CL_NAME),
		FIELD(CL_TRADE_NAME), FIELD(CL_DOCUMENT), FIELD(CL_EMAIL), FIELD(CL_PHONE_WORK),
		FIELD(CL_PHONE_MOBILE), FIELD(CL_STREET), FIELD(CL_CITY), FIELD(CL_UF), FIELD(CL_CEP),
		FIELD(CL_ACTIVE), FIELD(CL_OBSERVATION) };
	expect(h, N(h), NULL, 0, want);
}

/* The helpdesk suite's template: its password and login columns are never imported. */
static void test_helpdesk_template(void **state)
{
	(void)state;
	static const char *const h[] = { "Nome", "cpfCnpj", "fantasia", "foneComercial",
		"foneResidencial", "celular", "email", "senha", "usuario", "status", "tipoRegistro",
		"etiqueta" };
	static const struct colmap_target want[] = { FIELD(CL_NAME), FIELD(CL_DOCUMENT),
		FIELD(CL_TRADE_NAME), FIELD(CL_PHONE_WORK), FIELD(CL_PHONE_HOME), FIELD(CL_PHONE_MOBILE),
		FIELD(CL_EMAIL), OF(COLMAP_SECRET), OF(COLMAP_SECRET), FIELD(CL_ACTIVE), OF(COLMAP_TYPES),
		OF(COLMAP_TAGS) };
	expect(h, N(h), NULL, 0, want);
}

/* Our export's header row (the registry's labels, then the custom attributes') maps back
 * to every field: export, then import, loses nothing. So do the form's field names. */
static void test_own_export(void **state)
{
	(void)state;
	const char *h[CLIENT_NCOLS + 2], *names[CLIENT_NCOLS + 2];
	struct colmap_target want[CLIENT_NCOLS + 2];
	static const char *const custom[] = { "Porte", "Honorário mensal" };
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		h[i] = client_cols[i].label;
		names[i] = client_cols[i].field;
		want[i] = (struct colmap_target)FIELD(i);
	}
	h[CLIENT_NCOLS] = names[CLIENT_NCOLS] = "Porte";
	h[CLIENT_NCOLS + 1] = names[CLIENT_NCOLS + 1] = "honorario_mensal";
	want[CLIENT_NCOLS] = (struct colmap_target){ COLMAP_CUSTOM, 0, 0 };
	want[CLIENT_NCOLS + 1] = (struct colmap_target){ COLMAP_CUSTOM, 0, 1 };
	expect(h, N(h), custom, N(custom), want);
	expect(names, N(names), custom, N(custom), want);
}

/* "Cliente" is the name when nothing else is, and our export's flag when a name column
 * is there (on either side of it). */
static void test_cliente(void **state)
{
	(void)state;
	static const char *const alone[] = { "Cliente", "CPF" };
	static const struct colmap_target want_alone[] = { FIELD(CL_NAME), FIELD(CL_DOCUMENT) };
	expect(alone, N(alone), NULL, 0, want_alone);
	static const char *const both[] = { "Cliente", "Razão Social" };
	static const struct colmap_target want_both[] = { FIELD(CL_IS_CLIENT), FIELD(CL_NAME) };
	expect(both, N(both), NULL, 0, want_both);
}

/* A target goes to one column: the second "Telefone" is left for the user to place;
 * unknown and empty headers are left out; a custom attribute is found by its name. */
static void test_repeats_and_unknown(void **state)
{
	(void)state;
	static const char *const h[] = { "Telefone", "TELEFONE", "Código interno", "", "porte",
		"Senha", "Login" };
	static const char *const custom[] = { "Faturamento", "Porte" };
	static const struct colmap_target want[] = { FIELD(CL_PHONE_WORK), OF(COLMAP_NONE),
		OF(COLMAP_NONE), OF(COLMAP_NONE), { COLMAP_CUSTOM, 0, 1 }, OF(COLMAP_SECRET),
		OF(COLMAP_SECRET) };
	expect(h, N(h), custom, N(custom), want);
}

static void test_labels(void **state)
{
	(void)state;
	static const char *const custom[] = { "Porte" };
	struct colmap_target t = FIELD(CL_DOCUMENT);
	assert_string_equal(colmap_label(&t, custom, 1), "CPF / CNPJ");
	t = (struct colmap_target){ COLMAP_CUSTOM, 0, 0 };
	assert_string_equal(colmap_label(&t, custom, 1), "Porte");
	t = (struct colmap_target)OF(COLMAP_SECRET);
	assert_string_equal(colmap_label(&t, custom, 1), "Não importado: senha ou login");
	t = (struct colmap_target)OF(COLMAP_NONE);
	assert_string_equal(colmap_label(&t, custom, 1), "Ignorar");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_office_spreadsheet),
		cmocka_unit_test(test_helpdesk_template),
		cmocka_unit_test(test_own_export),
		cmocka_unit_test(test_cliente),
		cmocka_unit_test(test_repeats_and_unknown),
		cmocka_unit_test(test_labels),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
