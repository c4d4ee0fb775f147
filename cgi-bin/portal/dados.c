/* /portal/dados: the client's registration data as the office holds it. Contacts and
 * address are the client's to change (validated by the registry's own rules, errors
 * beside each field; one audit event with channel "portal", on the staff profile's
 * history); the name, the document and the rest are the office's. */
#include <stdlib.h>
#include <string.h>

#include "portal.h"
#include "base/db.h"
#include "cadastro/client.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule dados_rules[] = {
	{ "versao", FORM_INT, true, 0, "Versão", 1, UINT32_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* What the client may change, in the form's order. */
static const int editable[] = {
	CL_EMAIL, CL_OTHER_EMAILS, CL_PHONE_MOBILE, CL_PHONE_WORK, CL_PHONE_HOME, CL_CONTACT,
	CL_CEP, CL_STREET, CL_NUMBER, CL_COMPLEMENT, CL_DISTRICT, CL_CITY, CL_UF,
};
#define NEDITABLE (sizeof editable / sizeof *editable)

/* What the page shows and the client cannot change. */
static const int shown[] = { CL_NAME, CL_TRADE_NAME, CL_DOCUMENT, CL_KIND, CL_STATE_REG,
			     CL_CITY_REG };

/* typed: the client's values as sent back after a refusal (NULL: the record's own). */
static int show(struct request *r, int status, const struct client *c, const struct fields *typed)
{
	client_fields_to_page(r, c, shown, sizeof shown / sizeof *shown, editable, NEDITABLE, typed);
	return page_render(r, status, "dados.cs", "Meus dados");
}

static int load_own(struct request *r, struct client *c)
{
	memset(c, 0, sizeof *c);
	int got = client_load(r, r->client->client_id, c);
	if (got == 0)   /* gone since the session was read */
		return page_error(r, 404, NULL) < 0 ? -1 : 0;
	return got;
}

int dados_get(struct request *r, const struct form *in)
{
	(void)in;
	static const struct page_notice notices[] = {
		{ "salvo", "ok", "Dados salvos. O escritório já vê as suas alterações." },
		{ "igual", "aviso", "Nada mudou: os dados já estavam assim." },
		{ NULL, NULL, NULL },
	};
	page_notice_from_query(r, notices);
	struct client c;
	int got = load_own(r, &c);
	int rc = got <= 0 ? got : show(r, 200, &c, NULL);
	client_free(&c);
	return rc;
}

static const char last_channel_sql[] =
	"SELECT channel FROM audit_events FORCE INDEX (audit_entity)"
	" WHERE office_id = ? AND entity = 'client' AND entity_id = ?"
	" ORDER BY at DESC, id DESC LIMIT 1";

/* Why the form is older than the record: who saved it last (the client in another tab,
 * an update link, or the office). NULL on a database error. */
static const char *changed_meanwhile(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, last_channel_sql);
	if (!st)
		return NULL;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, r->client->client_id);
	if (db_exec(st) < 0)
		return NULL;
	int got = db_fetch(st);
	if (got < 0)
		return NULL;
	const char *channel = got ? db_col(st, 0) : "";
	if (!strcmp(channel, "portal"))
		return "Você já salvou os seus dados depois de abrir este formulário (em outra "
		       "aba ou outro aparelho). Confira os dados abaixo e salve de novo.";
	if (!strcmp(channel, "link"))
		return "Os seus dados foram atualizados pelo link de atualização de cadastro "
		       "enquanto você editava. Confira os dados abaixo e salve de novo.";
	return "O escritório alterou os seus dados enquanto você editava. Confira os dados "
	       "abaixo e salve de novo.";
}

int dados_post(struct request *r, const struct form *in)
{
	struct client old, c;
	int got = load_own(r, &old);
	if (got <= 0)
		return got;
	memset(&c, 0, sizeof c);
	int rc;
	int bad = in->nerrors ? -2 : client_fields_apply(r, &old, &c, editable, NEDITABLE);
	if (bad == -2) {
		rc = page_error(r, 400, "Formulário incompleto. Abra a página de novo.");
	} else if (bad < 0) {
		rc = -1;
	} else if (bad) {
		page_flash(r, "erro", bad == 1 ? "Corrija o campo indicado abaixo."
					     : "Corrija os campos indicados abaixo.");
		rc = show(r, 422, &old, &r->form);
	} else if (client_same(&old, &c)) {
		rc = response_redirect(r, "/portal/dados?aviso=igual");
	} else if (db_begin(r->db) < 0) {
		rc = -1;
	} else {
		int saved = client_update(r, &old, &c, (unsigned)form_int(in, "versao"), NULL, NULL,
					  "portal");
		if (saved < 0 || (saved && db_commit(r->db) < 0)) {
			rc = -1;
		} else if (!saved) {
			db_rollback(r->db);
			const char *why = changed_meanwhile(r);
			if (why)
				page_flash(r, "erro", why);
			rc = why ? show(r, 409, &old, &r->form) : -1;
			/* The form carries the version just read: the next save can go through. */
		} else {
			rc = response_redirect(r, "/portal/dados?aviso=salvo");
		}
	}
	client_free(&old);
	client_free(&c);
	return rc;
}
