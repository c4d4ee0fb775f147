/* /portal/entrar and /portal/sair: a client's login (throttled per account and per
 * address, the same answer whether or not the account exists) and logout. */
#include <string.h>

#include "portal.h"
#include "acesso/login.h"
#include "base/db.h"
#include "web/page.h"
#include "web/portal_session.h"
#include "web/response.h"

const struct form_rule entrar_get_rules[] = {
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule entrar_post_rules[] = {
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0, NULL },
	{ "senha", FORM_PASSWORD, true, 0, "Senha", 0, 0, NULL },
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* Where a login may lead: a portal page, never a staff one. */
static const char *next_of(const struct form *in)
{
	const char *next = form_get(in, "next");
	return strncmp(next, "/portal", 7) == 0 && (next[7] == '\0' || next[7] == '/' ||
						    next[7] == '?') ? next : "/portal";
}

static int show_form(struct request *r, int status, const struct form *in)
{
	page_set(r, "Form.Values.email", form_get(in, "email"));
	page_set(r, "Form.Values.next", form_get(in, "next"));
	return page_render(r, status, "entrar.cs", "Entrar");
}

int entrar_get(struct request *r, const struct form *in)
{
	if (r->client)
		return response_redirect(r, "/portal");
	static const struct page_notice notices[] = {
		{ "saiu", "ok", "Você saiu do portal." },
		{ NULL, NULL, NULL },
	};
	page_notice_from_query(r, notices);
	return show_form(r, 200, in);
}

/* Only a login with a password, not blocked, of a client not in the trash, logs in. */
static const char account_sql[] =
	"SELECT u.id, u.password_hash FROM portal_users u"
	" JOIN clients c ON c.id = u.client_id AND c.office_id = u.office_id"
	" WHERE u.office_id = ? AND u.email = ? AND NOT u.blocked AND u.password_hash <> ''"
	" AND NOT c.trashed";

int entrar_post(struct request *r, const struct form *in)
{
	if (r->client)
		return response_redirect(r, "/portal");
	if (in->nerrors) {
		page_field_error(r, "email", form_error(in, "email"));
		page_field_error(r, "senha", form_error(in, "senha"));
		return show_form(r, 422, in);
	}
	struct login_account who;
	enum login_result got = login_check(r, LOGIN_PORTAL, account_sql, form_get(in, "email"),
					    form_get(in, "senha"), &who);
	if (got == LOGIN_FAILED)
		return -1;
	if (got == LOGIN_THROTTLED)
		return show_form(r, login_refusal(r, got), in);
	if ((got == LOGIN_OK && portal_session_start(r, who.id) < 0) || db_commit(r->db) < 0)
		return -1;
	if (got != LOGIN_OK)
		return show_form(r, login_refusal(r, got), in);
	return response_redirect(r, next_of(in));
}

int sair_post(struct request *r, const struct form *in)
{
	(void)in;
	if (portal_session_end(r) < 0)
		return -1;
	return response_redirect(r, "/portal/entrar?aviso=saiu");
}
