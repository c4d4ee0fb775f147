/* Unit tests for lib/importacao/importrow.c: rows of the sample files as the form takes them, the
 * values only an import meets (Situação, Tipo, type lists, regimes by name, yes/no), and
 * documents whose leading zeros a spreadsheet dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cadastro/client.h"
#include "importacao/colmap.h"
#include "cadastro/custom.h"
#include "br/doc.h"
#include "importacao/importrow.h"

#define N(a) (sizeof (a) / sizeof *(a))

/* Builds the row with the header's guessed map and validates it as the form does. */
static void row_to_client(const char *const *headers, const char *const *cells, size_t n,
			  const struct custom_set *extra, struct importrow *r, struct client *c,
			  struct client_errors *errs)
{
	struct colmap_target map[32];
	const char *names[CUSTOM_MAX];
	size_t nc = extra ? extra->n : 0;
	for (size_t k = 0; k < nc; k++)
		names[k] = extra->f[k].name;
	assert_true(n <= N(map));
	colmap_guess(headers, n, names, nc, map);
	const struct importrow_defaults d = { true, { true, false, false, false } };
	assert_int_equal(importrow_build(r, map, n, cells, n, extra, &d), 0);
	memset(c, 0, sizeof *c);
	assert_int_equal(client_from_fields(c, &r->form, errs), 0);
}

static void test_excel_row(void **state)
{
	(void)state;
	static const char *const h[] = { "Tipo", "Nome/Razão Social", "Nome Fantasia", "CPF/CNPJ",
		"E-mail", "Telefone", "Celular", "Endereço", "Cidade", "UF", "CEP", "Situação",
		"Observações" };
	static const char *const v[] = { "PJ", "Comércio de Peças Pereira Ltda", "Comércio Peçanha",
		"77.763.170/0001-52", "Comercio.0@Exemplo.com.br", "(82) 3772-1034", "(82) 98297-5363",
		"Alameda Santos, 419", "Goiânia", "go", "51606-031", "Inativo", "" };
	struct importrow r;
	struct client c;
	struct client_errors e;
	row_to_client(h, v, N(h), NULL, &r, &c, &e);
	assert_int_equal(r.nerrors, 0);
	assert_int_equal(e.n, 0);
	assert_false(r.corrected);
	assert_string_equal(c.v[CL_KIND], "PJ");
	assert_string_equal(c.v[CL_DOCUMENT], "77763170000152");
	assert_string_equal(c.v[CL_EMAIL], "comercio.0@exemplo.com.br");
	assert_string_equal(c.v[CL_UF], "GO");
	assert_string_equal(c.v[CL_ACTIVE], "0");
	assert_string_equal(c.v[CL_IS_CLIENT], "1");   /* the import's default type */
	assert_true(r.has[CL_NAME] && r.has[CL_ACTIVE] && r.has[CL_OBSERVATION]);
	assert_false(r.has[CL_COUNTRY] || r.has[CL_IS_SUPPLIER] || r.has[CL_BIRTH]);
	client_free(&c);
	importrow_free(&r);
}

/* The helpdesk template: A/I, a type list, a tag, and a password never read. */
static void test_helpdesk_row(void **state)
{
	(void)state;
	static const char *const h[] = { "Nome", "cpfCnpj", "fantasia", "foneComercial",
		"foneResidencial", "celular", "email", "senha", "usuario", "status", "tipoRegistro",
		"etiqueta" };
	static const char *const v[] = { "Maria Oliveira Assunção", "904.047.966-64", "",
		"(82) 4982-8284", "", "(82) 93197-6988", "maria.1@exemplo.com.br", "segredo123",
		"maria", "I", "prospect, prestador_servico", "lucro-presumido" };
	struct importrow r;
	struct client c;
	struct client_errors e;
	row_to_client(h, v, N(h), NULL, &r, &c, &e);
	assert_int_equal(r.nerrors + e.n, 0);
	assert_string_equal(c.v[CL_KIND], "PF");        /* from the CPF */
	assert_string_equal(c.v[CL_ACTIVE], "0");
	assert_string_equal(c.v[CL_IS_CLIENT], "0");
	assert_string_equal(c.v[CL_IS_PROVIDER], "1");
	assert_string_equal(c.v[CL_IS_PROSPECT], "1");
	assert_true(r.has[CL_IS_CLIENT] && r.has[CL_IS_PROSPECT]);
	assert_string_equal(r.tags, "lucro-presumido");
	for (size_t i = 0; i < r.form.n; i++)
		assert_null(strstr(r.form.v[i].value, "segredo"));
	client_free(&c);
	importrow_free(&r);
}

/* The check digits of a document whose first characters are given: the two that make it
 * valid, found by trying them. */
static void complete(char *doc, size_t len, bool cnpj)
{
	for (int dv = 0; dv < 100; dv++) {
		doc[len - 2] = (char)('0' + dv / 10);
		doc[len - 1] = (char)('0' + dv % 10);
		if (cnpj ? cnpj_valid(doc, len) : cpf_valid(doc, len))
			return;
	}
	fail_msg("no check digits for %s", doc);
}

static void test_leading_zeros(void **state)
{
	(void)state;
	char cpf[12] = "001234567xx", cnpj[15] = "000009876543xx", out[16];
	complete(cpf, 11, false);
	complete(cnpj, 14, true);
	assert_true(importrow_pad_document(cpf + 2, NULL, out));     /* two zeros dropped */
	assert_string_equal(out, cpf);
	assert_true(importrow_pad_document(cpf + 1, "PF", out));
	assert_string_equal(out, cpf);
	/* Nine digits are a CPF short of two zeros or a CNPJ short of five, and with that many
	 * zeros their check digits agree (the weights of the digits left are the same): the
	 * kind decides, and without one it is a CPF. */
	assert_true(importrow_pad_document(cnpj + 5, "PJ", out));    /* five zeros dropped */
	assert_string_equal(out, cnpj);
	assert_true(importrow_pad_document(cnpj + 5, NULL, out));
	assert_int_equal(strlen(out), 11);
	assert_true(importrow_pad_document(cnpj + 3, "PJ", out));
	assert_string_equal(out, cnpj);
	assert_false(importrow_pad_document(cpf, NULL, out));        /* whole: nothing to do */
	assert_false(importrow_pad_document("12345", NULL, out));    /* no padding passes */
	/* Three or more zeros dropped (issue 26): 000.223.673-73 kept as the number 22367373. */
	assert_true(importrow_pad_document("22367373", NULL, out));
	assert_string_equal(out, "00022367373");
	assert_true(importrow_pad_document("22367373", "PJ", out));   /* as a CNPJ when told */
	assert_string_equal(out, "00000022367373");
	assert_true(importrow_pad_document("191", NULL, out));        /* 000.000.001-91 */
	assert_string_equal(out, "00000000191");
	assert_false(importrow_pad_document("22367374", NULL, out));   /* no padding passes */
	assert_false(importrow_pad_document("", NULL, out));
	assert_false(importrow_pad_document("1234567A9", NULL, out));
	/* Whatever it finds passes its check digits. */
	if (importrow_pad_document("123456789", NULL, out))
		assert_true(cpf_valid(out, strlen(out)) || cnpj_valid(out, strlen(out)));

	/* In a row: put back, counted as corrected, the kind from the document. */
	static const char *const h[] = { "Nome", "CPF/CNPJ" };
	const char *v[] = { "Ana Zero", cpf + 2 };
	struct importrow r;
	struct client c;
	struct client_errors e;
	row_to_client(h, v, N(h), NULL, &r, &c, &e);
	assert_int_equal(r.nerrors + e.n, 0);
	assert_true(r.corrected);
	assert_string_equal(c.v[CL_DOCUMENT], cpf);
	assert_string_equal(c.v[CL_KIND], "PF");
	assert_non_null(strstr(sb_str(&r.notes), "CPF completado com zeros"));
	client_free(&c);
	importrow_free(&r);
}

/* A CEP a spreadsheet kept as a number (1310100 for 01310-100): padded, row corrected. */
static void test_cep_zero(void **state)
{
	(void)state;
	static const char *const h[] = { "Nome", "CPF/CNPJ", "CEP" };
	const char *v[] = { "Ana Cep", "22367373", "1310100" };
	struct importrow r;
	struct client c;
	struct client_errors e;
	row_to_client(h, v, N(h), NULL, &r, &c, &e);
	assert_int_equal(r.nerrors + e.n, 0);
	assert_true(r.corrected);
	assert_string_equal(c.v[CL_CEP], "01310100");
	assert_string_equal(c.v[CL_DOCUMENT], "00022367373");
	assert_non_null(strstr(sb_str(&r.notes), "CEP completado com zero à esquerda (1310100 → 01310-100)"));
	assert_non_null(strstr(sb_str(&r.notes), "CPF completado com zeros"));
	client_free(&c);
	importrow_free(&r);
	/* Eight digits or a CEP with its hyphen: nothing to correct; six digits stay wrong. */
	const char *w[] = { "Bia Cep", "", "01310-100" };
	row_to_client(h, w, N(h), NULL, &r, &c, &e);
	assert_false(r.corrected);
	assert_string_equal(c.v[CL_CEP], "01310100");
	client_free(&c);
	importrow_free(&r);
	const char *x[] = { "Caio Cep", "", "131010" };
	row_to_client(h, x, N(h), NULL, &r, &c, &e);
	assert_false(r.corrected);
	assert_non_null(e.msg[CL_CEP]);
	client_free(&c);
	importrow_free(&r);
}

static void test_values(void **state)
{
	(void)state;
	assert_int_equal(importrow_yes_no("Sim"), 1);
	assert_int_equal(importrow_yes_no(" NÃO "), 0);
	assert_int_equal(importrow_yes_no("VERDADEIRO"), 1);
	assert_int_equal(importrow_yes_no("Ativo"), 1);
	assert_int_equal(importrow_yes_no("i"), 0);
	assert_int_equal(importrow_yes_no("talvez"), -1);
	assert_int_equal(importrow_yes_no(""), -1);

	static const char *const h[] = { "Tipo", "Nome", "Regime", "Situação", "Tipo de cadastro",
		"Nascimento" };
	static const char *const v[] = { "Pessoa Jurídica", "Loja", "Lucro Presumido", "talvez",
		"cliente, sócio", "2026-02-30" };
	struct importrow r;
	struct client c;
	struct client_errors e;
	row_to_client(h, v, N(h), NULL, &r, &c, &e);
	assert_string_equal(c.v[CL_KIND], "PJ");
	assert_string_equal(c.v[CL_REGIME], "presumido");
	assert_int_equal(r.nerrors, 2);                 /* Situação and the type list */
	assert_int_equal(r.error_col[0], 4);            /* columns in the order met: types first */
	assert_int_equal(r.error_col[1], 3);
	assert_non_null(strstr(r.error[1], "Ativo ou Inativo"));
	assert_non_null(e.msg[CL_BIRTH]);               /* the form's own rule: no 30 February */
	client_free(&c);
	importrow_free(&r);

	static const char *const h2[] = { "Tipo", "Nome" };
	static const char *const v2[] = { "Cooperativa", "Coop" };
	row_to_client(h2, v2, N(h2), NULL, &r, &c, &e);
	assert_int_equal(r.nerrors, 1);
	assert_int_equal(r.error_col[0], 0);
	client_free(&c);
	importrow_free(&r);
}

/* A custom yes/no attribute takes Sim/Não; a list attribute its option as written. */
static void test_custom(void **state)
{
	(void)state;
	struct custom_set extra;
	memset(&extra, 0, sizeof extra);
	extra.n = 2;
	extra.f[0] = (struct custom_field){ .id = 7, .name = "Tem folha", .kind = "sim_nao", .help = "",
					    .options = "" };
	extra.f[1] = (struct custom_field){ .id = 9, .name = "Porte", .kind = "lista", .help = "",
					    .options = "Pequeno\nGrande" };
	extra.value[0] = "";
	extra.value[1] = "";
	static const char *const h[] = { "Nome", "Tem folha", "Porte" };
	static const char *const v[] = { "Loja", "Sim", "Grande" };
	struct importrow r;
	struct client c;
	struct client_errors e;
	row_to_client(h, v, N(h), &extra, &r, &c, &e);
	assert_int_equal(r.nerrors, 0);
	assert_string_equal(fields_get(&r.form, "extra_7"), "1");
	assert_string_equal(fields_get(&r.form, "extra_9"), "Grande");
	client_free(&c);
	importrow_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_row),
		cmocka_unit_test(test_helpdesk_row),
		cmocka_unit_test(test_leading_zeros),
		cmocka_unit_test(test_cep_zero),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_custom),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
