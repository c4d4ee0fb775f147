/* /clientes/novo and /clientes/N/editar: the form, its validation (every error beside
 * its field, typed values kept), the duplicate-document warning and optimistic locking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "web/page.h"
#include "web/response.h"
#include "base/strbuf.h"

/* The record's own fields are read by client_from_fields; these are the form's. */
const struct form_rule editar_rules[] = {
	{ "versao", FORM_INT, false, 0, "Versão", 1, UINT32_MAX, NULL },
	{ "confirmar_duplicado", FORM_TEXT, false, 1, "Confirmação", 0, 0, NULL },
	{ "portal_email", FORM_EMAIL, false, 0, "E-mail de acesso ao portal", 0, 0, NULL },
	{ "portal_enviar", FORM_TEXT, false, 1, "Enviar e-mail com dados de acesso", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static int show_form(struct request *r, int status, const struct client *c,
		     const struct client_errors *errs, const struct custom_set *extra, bool is_new)
{
	cadastro_set_client(r, c);
	custom_to_page(r, extra, true);
	if (errs) {
		for (int i = 0; i < CLIENT_NCOLS; i++)
			if (errs->msg[i])
				page_field_error(r, client_cols[i].field, errs->msg[i]);
	}
	size_t nerr = (errs ? errs->n : 0) + extra->nerrors;
	if (nerr)
		page_flash(r, "erro", nerr == 1 ? "Corrija o campo indicado abaixo."
						: "Corrija os campos indicados abaixo.");
	page_set(r, "Edit.New", is_new ? "1" : "0");
	const char *pe = request_form(r, "portal_email"), *ps = request_form(r, "portal_enviar");
	page_set(r, "Form.Values.portal_email", pe ? pe : "");
	page_set(r, "Form.Values.portal_enviar", ps ? ps : "");
	static const char *const ufs[] = { "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO",
					   "MA", "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR",
					   "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO" };
	for (size_t i = 0; i < sizeof ufs / sizeof *ufs; i++) {
		char key[16];
		snprintf(key, sizeof key, "Ufs.%zu", i);
		page_set(r, key, ufs[i]);
	}
	if (cadastro_staff_and_tags(r) < 0)
		return -1;
	return page_render(r, status, "editar.cs", is_new ? "Novo cliente" : "Editar cliente");
}

int novo_get(struct request *r, const struct form *in)
{
	(void)in;
	struct client c;
	memset(&c, 0, sizeof c);
	static const char *defaults[CLIENT_NCOLS] = {
		[CL_KIND] = "PJ", [CL_IS_CLIENT] = "1", [CL_ACTIVE] = "1",
	};
	for (int i = 0; i < CLIENT_NCOLS; i++)
		c.v[i] = strdup(defaults[i] ? defaults[i] : i >= CL_IS_CLIENT && i <= CL_IS_PROSPECT ? "0" : "");
	struct custom_set extra;
	int rc = custom_load_defs(r, &extra) < 0 ? -1 : show_form(r, 200, &c, NULL, &extra, true);
	custom_free(&extra);
	client_free(&c);
	return rc;
}

static const char staff_ok_sql[] =
	"SELECT 1 FROM staff_users WHERE id = ? AND office_id = ? AND active";

/* The responsável must be staff of this office. 1 fine, 0 not, -1 error. */
static int responsible_ok(struct request *r, const struct client *c)
{
	const char *v = c->v[CL_RESPONSIBLE];
	if (!v || !*v)
		return 1;
	struct db_stmt *st = db_prepare(r->db, staff_ok_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, strtoll(v, NULL, 10));
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	return db_fetch(st);
}

/* Validates the typed record; on problems shows the form again. 1 valid, 0 shown, -1. */
static int read_valid(struct request *r, struct client *c, struct custom_set *extra,
		      bool is_new, bool confirmed, int64_t self)
{
	struct client_errors errs;
	if (client_from_fields(c, &r->form, &errs) < 0 || custom_from_fields(extra, &r->form) < 0)
		return -1;
	int ok = responsible_ok(r, c);
	if (ok < 0)
		return -1;
	if (!ok) {
		errs.msg[CL_RESPONSIBLE] = "Escolha um responsável da lista.";
		errs.n++;
	}
	const char *why = portal_form_error(r, c);
	if (why)
		page_field_error(r, "portal_email", why);
	if (errs.n || extra->nerrors || why)
		return show_form(r, 422, c, &errs, extra, is_new) < 0 ? -1 : 0;
	if (!confirmed && *c->v[CL_DOCUMENT] && strcmp(c->v[CL_KIND], "EX") != 0) {
		int dups = client_same_document(r, c->v[CL_DOCUMENT], self, "Duplicates");
		if (dups < 0)
			return -1;
		if (dups > 0) {
			page_set_int(r, "Duplicates.Count", dups);
			return show_form(r, 409, c, NULL, extra, is_new) < 0 ? -1 : 0;
		}
	}
	return 1;
}

int novo_post(struct request *r, const struct form *in)
{
	struct client c;
	memset(&c, 0, sizeof c);
	bool confirmed = strcmp(form_get(in, "confirmar_duplicado"), "1") == 0;
	struct custom_set extra;
	int v = custom_load_defs(r, &extra) < 0 ? -1 : read_valid(r, &c, &extra, true, confirmed, 0);
	int rc = v < 0 ? -1 : 0;
	if (v == 1) {
		int sent = 0;
		if (db_begin(r->db) < 0 || client_insert(r, &c, &extra, "staff") < 0 ||
		    (sent = portal_form_grant(r, &c)) < 0) {
			rc = -1;
		} else if (sent == 0) {   /* the e-mail is another client's login: nothing saved */
			db_rollback(r->db);
			page_field_error(r, "portal_email", PORTAL_EMAIL_TAKEN);
			rc = show_form(r, 422, &c, NULL, &extra, true);
		} else if (db_commit(r->db) < 0) {
			rc = -1;
		} else {
			char to[64];
			snprintf(to, sizeof to, "/clientes/%lld?criado=1%s", (long long)c.id,
				 sent == 2 ? "&portal=enviado" : sent == 3 ? "&portal=nao-envia" : "");
			rc = response_redirect(r, to);
		}
	}
	custom_free(&extra);
	client_free(&c);
	return rc;
}

int editar_get(struct request *r, const struct form *in)
{
	(void)in;
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	struct custom_set extra;
	int rc = custom_load_client(r, c.id, &extra) < 0
		 ? -1 : show_form(r, 200, &c, NULL, &extra, false);
	custom_free(&extra);
	client_free(&c);
	return rc;
}

int editar_post(struct request *r, const struct form *in)
{
	struct client old, c;
	int got = cadastro_path_client(r, &old);
	if (got <= 0)
		return got;
	memset(&c, 0, sizeof c);
	c.id = old.id;
	unsigned version = (unsigned)form_int(in, "versao");
	c.version = version;
	bool confirmed = strcmp(form_get(in, "confirmar_duplicado"), "1") == 0;
	struct custom_set before, extra;
	memset(&before, 0, sizeof before);
	memset(&extra, 0, sizeof extra);
	int v = custom_load_client(r, old.id, &before) < 0 ||
		custom_load_defs(r, &extra) < 0
		? -1 : read_valid(r, &c, &extra, false, confirmed, old.id);
	int rc = v < 0 ? -1 : 0;
	if (v == 1) {
		int saved = db_begin(r->db) < 0 ? -1
			    : client_update(r, &old, &c, version, &before, &extra, "staff");
		int sent = saved == 1 ? portal_form_grant(r, &c) : 1;
		if (saved < 0 || sent < 0 || (saved == 1 && sent > 0 && db_commit(r->db) < 0)) {
			rc = -1;
		} else if (sent == 0) {   /* the e-mail is another client's login: nothing saved */
			db_rollback(r->db);
			page_field_error(r, "portal_email", PORTAL_EMAIL_TAKEN);
			c.version = version;
			rc = show_form(r, 422, &c, NULL, &extra, false);
		} else if (saved == 0) {
			db_rollback(r->db);
			page_set(r, "Edit.Conflict", "1");
			page_flash(r, "erro", "Outra pessoa alterou este cadastro enquanto você editava. "
				   "Seus dados continuam abaixo, não salvos: abra o cadastro em outra "
				   "aba para ver a versão atual antes de salvar de novo.");
			c.version = old.version;
			rc = show_form(r, 409, &c, NULL, &extra, false);
		} else {
			char to[64];
			snprintf(to, sizeof to, "/clientes/%lld?salvo=1%s", (long long)c.id,
				 sent == 2 ? "&portal=enviado" : sent == 3 ? "&portal=nao-envia" : "");
			rc = response_redirect(r, to);
		}
	}
	custom_free(&before);
	custom_free(&extra);
	client_free(&old);
	client_free(&c);
	return rc;
}
