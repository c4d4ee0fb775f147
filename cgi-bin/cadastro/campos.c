/* /clientes/campos (admins): the office's custom attributes — list, add, deactivate, and
 * whether the client may change each through the "Atualizar cadastro" link. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro/audit.h"
#include "cadastro.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "web/page.h"
#include "web/response.h"
#include "base/strbuf.h"

const struct form_rule campos_rules[] = {
	{ "nome", FORM_TEXT, true, 60, "Nome", 0, 0, NULL },
	{ "tipo", FORM_TEXT, true, 20, "Tipo", 0, 0, NULL },
	{ "dica", FORM_TEXT, false, 200, "Dica", 0, 0, NULL },
	{ "obrigatorio", FORM_TEXT, false, 1, "Obrigatório", 0, 0, NULL },
	{ "cliente", FORM_TEXT, false, 1, "O cliente pode alterar", 0, 0, NULL },
	{ "opcoes", FORM_LONGTEXT, false, 2000, "Opções", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char *const kinds[] = { "texto", "texto_longo", "numero", "data", "dinheiro",
				     "cpf", "cnpj", "email", "telefone", "sim_nao", "lista" };

static int show(struct request *r, int status)
{
	struct custom_set s;
	if (custom_load_defs(r, &s) < 0) {
		custom_free(&s);
		return -1;
	}
	custom_to_page(r, &s, false);
	struct strbuf key = STRBUF_INIT;
	for (size_t i = 0; i < s.n; i++) {
		sb_reset(&key);
		sb_printf(&key, "CustomFields.%zu.kind_label", i);
		page_set(r, key.buf, custom_kind_label(s.f[i].kind));
	}
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		sb_reset(&key);
		sb_printf(&key, "Kinds.%zu.id", i);
		page_set(r, key.buf, kinds[i]);
		sb_reset(&key);
		sb_printf(&key, "Kinds.%zu.name", i);
		page_set(r, key.buf, custom_kind_label(kinds[i]));
	}
	sb_free(&key);
	custom_free(&s);
	return page_render(r, status, "campos.cs", "Campos personalizados");
}

int campos_get(struct request *r, const struct form *in)
{
	(void)in;
	const char *ok = request_query(r, "ok");
	if (ok && !strcmp(ok, "1"))
		page_flash(r, "ok", "Campo criado. Ele aparece no formulário de todos os clientes.");
	else if (ok && !strcmp(ok, "2"))
		page_flash(r, "ok", "Campo desativado. Os valores já gravados ficam guardados.");
	else if (ok && !strcmp(ok, "3"))
		page_flash(r, "ok", "Pronto: o formulário do link de atualização de cadastro segue essa escolha.");
	return show(r, 200);
}

static const char exists_sql[] = "SELECT 1 FROM custom_fields WHERE office_id = ? AND name = ?";
static const char insert_sql[] =
	"INSERT INTO custom_fields (office_id, name, kind, help, required, client_editable, options,"
	" position, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, COALESCE(MAX(position), 0) + 1,"
	" UTC_TIMESTAMP(6)"
	" FROM custom_fields WHERE office_id = ?";
static const char count_sql[] = "SELECT COUNT(*) FROM custom_fields WHERE office_id = ? AND active";

int campos_post(struct request *r, const struct form *in)
{
	const char *nome = form_get(in, "nome"), *tipo = form_get(in, "tipo");
	const char *opcoes = form_get(in, "opcoes");
	if (!form_error(in, "tipo") && *tipo && !custom_kind_label(tipo))
		page_field_error(r, "tipo", "Escolha um tipo da lista.");
	if (!strcmp(tipo, "lista") && !*opcoes)
		page_field_error(r, "opcoes", "Escreva as opções, uma por linha.");
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	struct db_stmt *st = db_prepare(r->db, exists_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, nome);
	if (db_exec(st) < 0)
		return -1;
	int dup = db_fetch(st);
	if (dup < 0)
		return -1;
	if (dup)
		page_field_error(r, "nome", "Já existe um campo com esse nome.");
	st = db_prepare(r->db, count_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	if (db_col_i64(st, 0) >= CUSTOM_MAX)
		page_field_error(r, "nome", "O escritório já tem 40 campos ativos: desative um antes.");
	if (in->nerrors || dup || (*tipo && !custom_kind_label(tipo)) ||
	    (!strcmp(tipo, "lista") && !*opcoes) || db_col_i64(st, 0) >= CUSTOM_MAX) {
		page_set(r, "Form.Values.nome", nome);
		page_set(r, "Form.Values.tipo", tipo);
		page_set(r, "Form.Values.dica", form_get(in, "dica"));
		page_set(r, "Form.Values.opcoes", opcoes);
		page_set(r, "Form.Values.obrigatorio", form_get(in, "obrigatorio"));
		page_set(r, "Form.Values.cliente", form_get(in, "cliente"));
		return show(r, 422);
	}
	st = db_prepare(r->db, insert_sql);
	if (!st || db_begin(r->db) < 0)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, nome);
	db_bind_str(st, 2, tipo);
	db_bind_str(st, 3, form_get(in, "dica"));
	db_bind_i64(st, 4, !strcmp(form_get(in, "obrigatorio"), "1"));
	db_bind_i64(st, 5, !strcmp(form_get(in, "cliente"), "1"));
	db_bind_str(st, 6, !strcmp(tipo, "lista") ? opcoes : "");
	db_bind_i64(st, 7, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	const struct audit_change ch = { "name", NULL, nome };
	if (audit_event(r, "staff", "create", "custom_field", (int64_t)db_insert_id(st), 0, NULL,
			&ch, 1) < 0 || db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/clientes/campos?ok=1");
}

static const char deactivate_sql[] =
	"UPDATE custom_fields SET active = FALSE WHERE id = ? AND office_id = ? AND active";

int campo_desativar_post(struct request *r, const struct form *in)
{
	(void)in;
	struct db_stmt *st = db_prepare(r->db, deactivate_sql);
	if (!st || db_begin(r->db) < 0)
		return -1;
	db_bind_i64(st, 0, r->path_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0) {
		db_rollback(r->db);
		return page_error(r, 404, NULL);
	}
	if (audit_event(r, "staff", "deactivate", "custom_field", r->path_id, 0, NULL, NULL, 0) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/clientes/campos?ok=2");
}

static const char *const yes_no[] = { "1", "0", NULL };
const struct form_rule campo_cliente_rules[] = {
	{ "valor", FORM_CHOICE, true, 0, "O cliente pode alterar", 0, 0, yes_no },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char client_editable_sql[] =
	"UPDATE custom_fields SET client_editable = ? WHERE id = ? AND office_id = ? AND active";

/* POST /clientes/campos/N/cliente: whether the client may change it through the link. */
int campo_cliente_post(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, NULL);
	bool yes = !strcmp(form_get(in, "valor"), "1");
	struct db_stmt *st = db_prepare(r->db, client_editable_sql);
	if (!st || db_begin(r->db) < 0)
		return -1;
	db_bind_i64(st, 0, yes);
	db_bind_i64(st, 1, r->path_id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0) {   /* already so, or not a field of this office */
		db_rollback(r->db);
		return response_redirect(r, "/clientes/campos?ok=3");
	}
	const struct audit_change ch = { "client_editable", NULL, yes ? "sim" : "não" };
	if (audit_event(r, "staff", "update", "custom_field", r->path_id, 0, NULL, &ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/clientes/campos?ok=3");
}
