/* The actions of a profile: notes, trash, restore, activate, deactivate, purge. Each is
 * one transaction with its audit row and automatic note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro/bulk.h"
#include "cadastro.h"
#include "honorarios/fee.h"
#include "base/db.h"
#include "base/strbuf.h"
#include "base/token.h"
#include "base/utf8.h"
#include "br/doc.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule nota_rules[] = {
	{ "texto", FORM_LONGTEXT, true, 5000, "Nota", 0, 0, NULL },
	{ "chave", FORM_TEXT, false, TOKEN_HEX - 1, "Chave do formulário", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule acao_rules[] = {
	{ "confirmar", FORM_TEXT, false, 1, "Confirmação", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* Why a one-field form was refused, for the profile's message: "?<field>=vazia", "longa"
 * or "caracteres". */
static const char *refused(const struct form *in, const char *field)
{
	const char *e = form_error(in, field);
	if (!e || !strcmp(e, "Preencha este campo."))
		return "vazia";
	return !strcmp(e, "Texto longo demais.") ? "longa" : "caracteres";
}

static int back_to(struct request *r, int64_t id, const char *flash)
{
	char to[64];
	snprintf(to, sizeof to, "/clientes/%lld%s", (long long)id, flash);
	return response_redirect(r, to);
}

/* A refused text back on the profile (422) as it was typed, less what was refused, with
 * why: nothing typed is lost to a redirect. */
static int typed_back(struct request *r, const char *field, bool multiline, const char *why)
{
	const char *typed = request_form(r, field);
	char *kept = utf8_without_refused(typed ? typed : "", typed ? strlen(typed) : 0, multiline);
	if (!kept)
		return -1;
	struct strbuf name = STRBUF_INIT;
	sb_printf(&name, "Form.Values.%s", field);
	page_set(r, sb_str(&name), kept);
	sb_free(&name);
	free(kept);
	page_flash(r, "erro", why);
	return ficha_page(r, 422);
}

typedef int (*change_fn)(struct request *r, const struct client *c, bool on);

/* Loads the record, runs the change in a transaction, goes back to the profile. */
static int act(struct request *r, change_fn fn, bool on, const char *flash)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int done = db_begin(r->db) < 0 ? -1 : fn(r, &c, on);
	if (done < 0 || db_commit(r->db) < 0) {
		client_free(&c);
		return -1;
	}
	int64_t id = c.id;
	client_free(&c);
	return back_to(r, id, done ? flash : "");
}

int lixeira_post(struct request *r, const struct form *in)
{
	(void)in;
	return act(r, client_set_trashed, true, "?lixeira=1");
}

/* Restoring a record whose CPF/CNPJ is on an active record asks first, as the form does
 * for a new one: undo an import, import again, restore — two records of one document. */
int restaurar_post(struct request *r, const struct form *in)
{
	if (strcmp(form_get(in, "confirmar"), "1") != 0) {
		struct client c;
		int got = cadastro_path_client(r, &c);
		if (got <= 0)
			return got;
		int dups = 0;
		if (c.trashed && c.v[CL_DOCUMENT] && *c.v[CL_DOCUMENT] && strcmp(c.v[CL_KIND], "EX"))
			dups = client_same_document_in(r, c.v[CL_DOCUMENT], c.id, "Duplicates", false);
		int rc = 0;
		if (dups > 0) {
			char doc[DOC_FMT_MAX];
			doc_format(c.v[CL_DOCUMENT], doc, sizeof doc);
			page_set_int(r, "Client.id", c.id);
			page_set(r, "Client.name", c.v[CL_NAME]);
			page_set(r, "Client.tipo", c.v[CL_KIND]);
			page_set(r, "Client.documento_fmt", doc);
			page_set_int(r, "Duplicates.Count", dups);
			rc = page_render(r, 409, "restaurar.cs", "Restaurar da lixeira");
		}
		client_free(&c);
		if (dups != 0)
			return dups < 0 ? -1 : rc;
	}
	return act(r, client_set_trashed, false, "?restaurado=1");
}

int ativar_post(struct request *r, const struct form *in)
{
	(void)in;
	return act(r, client_set_active, true, "");
}

int desativar_post(struct request *r, const struct form *in)
{
	(void)in;
	return act(r, client_set_active, false, "");
}

int nota_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	client_free(&c);
	if (in->nerrors) {
		const char *why = refused(in, "texto");
		if (!strcmp(why, "vazia"))
			return back_to(r, id, "?nota=vazia");
		return typed_back(r, "texto", true,
				  !strcmp(why, "longa")
				  ? "A nota pode ter até 5.000 caracteres: divida-a em duas."
				  : "A nota tinha caracteres que não são aceitos (de controle ou que "
				    "invertem a direção do texto): eles foram retirados do texto abaixo. "
				    "Confira e adicione a nota de novo.");
	}
	/* The form's key (issue 27, F-2): the same form sent again — a retry after an error
	 * whose note was in fact committed — is not written twice, and answers as before. */
	unsigned char key[CLIENT_NOTE_KEY];
	const char *key_text = form_get(in, "chave");
	bool keyed = *key_text && token_hash(key_text, key);
	if (*key_text && !keyed)
		return typed_back(r, "texto", true, "Este formulário está incompleto: recarregue a "
				  "página e adicione a nota de novo.");
	if (db_begin(r->db) < 0)
		return -1;
	int again = keyed ? client_note_by_key(r, key) : 0;
	if (again < 0)
		return -1;
	if (!again && (client_note_keyed(r, id, form_get(in, "texto"), keyed ? key : NULL) < 0 ||
		       db_commit(r->db) < 0))
		return -1;
	db_rollback(r->db);   /* the look-up's, when the note was there already */
	return back_to(r, id, "#notas");
}

/* Purging is final: only admins, only from the trash, only confirmed. */
int excluir_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	if (!c.trashed || strcmp(form_get(in, "confirmar"), "1") != 0) {
		int64_t id = c.id;
		client_free(&c);
		return back_to(r, id, "?excluir=confirmar");
	}
	/* Fees are the office's money history: their client stays (in the trash). */
	int has_fees = fee_client_has_fees(r, c.id);
	if (has_fees != 0) {
		int64_t id = c.id;
		client_free(&c);
		return has_fees < 0 ? -1 : back_to(r, id, "?excluir=honorarios");
	}
	int done = db_begin(r->db) < 0 ? -1 : client_purge(r, &c);
	client_free(&c);
	if (done < 0 || db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/clientes/lixeira?excluido=1");
}

const struct form_rule etiquetas_rules[] = {
	{ "etiqueta_nome", FORM_TEXT, true, 60, "Etiqueta", 0, 0, NULL },
	{ "acao", FORM_TEXT, false, 12, "Ação", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* Adds (or, with acao=remover, removes) one tag on the profile. */
int etiquetas_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	if (in->nerrors) {
		client_free(&c);
		const char *why = refused(in, "etiqueta_nome");
		if (!strcmp(why, "vazia"))
			return back_to(r, id, "?etiqueta=vazia");
		return typed_back(r, "etiqueta_nome", false,
				  !strcmp(why, "longa")
				  ? "O nome da etiqueta pode ter até 60 caracteres."
				  : "O nome da etiqueta tinha caracteres que não são aceitos "
				    "(invisíveis ou de controle): eles foram retirados abaixo. "
				    "Confira e adicione de novo.");
	}
	bool add = strcmp(form_get(in, "acao"), "remover") != 0;
	const char *name = form_get(in, "etiqueta_nome");
	int rc = db_begin(r->db);
	int64_t tag = rc < 0 ? -1 : bulk_tag_id(r, name, add);
	if (tag < 0 || (tag > 0 && bulk_tag_one(r, &c, tag, name, add) < 0) || db_commit(r->db) < 0)
		rc = -1;
	client_free(&c);
	return rc < 0 ? -1 : back_to(r, id, "");
}
