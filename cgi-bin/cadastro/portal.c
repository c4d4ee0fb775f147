/* A client's logins to the client portal, from its profile: create one (the access
 * e-mail by default the record's e-mail) and send the access e-mail — the login and a
 * link to set a password, never a password —, resend it, block and unblock. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "base/db.h"
#include "br/valid.h"
#include "portal/user.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule portal_rules[] = {
	{ "nome", FORM_TEXT, true, 200, "Nome", 0, 0, NULL },
	{ "email", FORM_EMAIL, true, 0, "E-mail de acesso", 0, 0, NULL },
	{ "enviar", FORM_TEXT, false, 1, "Enviar e-mail com dados de acesso", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char *const portal_actions[] = { "reenviar", "bloquear", "desbloquear", NULL };

const struct form_rule portal_acao_rules[] = {
	{ "usuario", FORM_INT, true, 0, "Acesso", 1, INT64_MAX, NULL },
	{ "acao", FORM_CHOICE, true, 0, "Ação", 0, 0, portal_actions },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static int back(struct request *r, int64_t id, const char *notice)
{
	char to[80];
	snprintf(to, sizeof to, "/clientes/%lld?portal=%s#portal", (long long)id, notice);
	return response_redirect(r, to);
}

/* POST /clientes/N/portal: a new login for the client. */
int portal_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	client_free(&c);
	if (form_error(in, "email"))
		return back(r, id, "email");
	if (form_error(in, "nome"))
		return back(r, id, "nome");
	bool send = strcmp(form_get(in, "enviar"), "1") == 0;
	int64_t taken_by = 0;
	if (db_begin(r->db) < 0)
		return -1;
	int64_t user = portal_user_add(r, id, form_get(in, "nome"), form_get(in, "email"), &taken_by);
	if (user < 0 || (user > 0 && send && portal_link_mail(r, user, PORTAL_LINK_ACCESS) < 0))
		return -1;
	if (user == 0) {
		db_rollback(r->db);
		return back(r, id, taken_by == id ? "ja-tem" : "em-uso");
	}
	if (db_commit(r->db) < 0)
		return -1;
	return back(r, id, send ? "enviado" : "criado");
}

/* POST /clientes/N/portal/acao: resend the access e-mail, block or unblock a login. */
int portal_acao_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	client_free(&c);
	if (in->nerrors)
		return page_error(r, 400, NULL);
	int64_t user = form_int(in, "usuario");
	const char *action = form_get(in, "acao");
	if (db_begin(r->db) < 0)
		return -1;
	int done;
	const char *notice;
	if (strcmp(action, "reenviar") == 0) {
		/* Only a login of this client: another's id is refused like a blocked one. */
		done = portal_user_of(r, id, user);
		if (done > 0)
			done = portal_link_mail(r, user, PORTAL_LINK_ACCESS);
		notice = done ? "reenviado" : "nao-envia";
	} else {
		bool block = strcmp(action, "bloquear") == 0;
		done = portal_user_block(r, id, user, block);
		notice = block ? "bloqueado" : "desbloqueado";
	}
	if (done < 0 || db_commit(r->db) < 0)
		return -1;
	return back(r, id, done || strcmp(notice, "nao-envia") == 0 ? notice : "sem-mudanca");
}

/* ---------------------------------------------------------------- the client form */

/* The access e-mail the client form asks for: its own field, else the record's main
 * e-mail; trimmed and lowercased (malloc'd, "" when neither is given). */
static char *form_email(struct request *r, const struct client *c)
{
	const char *typed = request_form(r, "portal_email");
	const char *v = typed ? typed : "";
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (!n) {
		v = c->v[CL_EMAIL] ? c->v[CL_EMAIL] : "";
		n = strlen(v);
	}
	char *e = strndup(v, n);
	for (char *p = e; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return e;
}

static bool asked(struct request *r)
{
	const char *v = request_form(r, "portal_enviar");
	return v && strcmp(v, "1") == 0;
}

const char *portal_form_error(struct request *r, const struct client *c)
{
	if (!asked(r))
		return NULL;
	char *e = form_email(r, c);
	const char *why = !e ? "Não foi possível ler o e-mail de acesso."
		: !*e ? "Informe o e-mail de acesso (ou o e-mail principal) para enviar os dados de acesso."
		: !valid_email(e, strlen(e)) ? "E-mail de acesso inválido. Exemplo: nome@empresa.com.br."
		: NULL;
	free(e);
	return why;
}

int portal_form_grant(struct request *r, const struct client *c)
{
	if (!asked(r))
		return 1;
	char *email = form_email(r, c);
	int got = email ? portal_grant(r, c, email, false) : -1;
	free(email);
	switch (got) {
	case PORTAL_GRANT_TAKEN: return 0;
	case PORTAL_GRANT_SENT: return 2;
	case PORTAL_GRANT_BLOCKED: return 3;
	default: return -1;
	}
}
