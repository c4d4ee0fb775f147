/* /portal/acesso?t=...: the e-mailed link that sets a client's password — the office's
 * access e-mail (72 hours) or a forgotten password (1 hour). Opening it (GET, as mail
 * scanners do) uses nothing up; only the POST that sets the password does, and logs the
 * client in. A used, replaced or expired link gets a page that says what to do. The
 * token stays out of the logs (conf/nginx-*.conf) and of any Referer (no-referrer). */
#include <stdlib.h>
#include <string.h>

#include "portal.h"
#include "acesso/password.h"
#include "base/db.h"
#include "portal/user.h"
#include "web/page.h"
#include "web/portal_session.h"
#include "web/response.h"

const struct form_rule acesso_get_rules[] = {
	{ "t", FORM_TOKEN, true, 0, "Código", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule acesso_post_rules[] = {
	{ "t", FORM_TOKEN, true, 0, "Código", 0, 0, NULL },
	{ "senha", FORM_PASSWORD, true, 0, "Nova senha", 0, 0, NULL },
	{ "senha2", FORM_PASSWORD, true, 0, "Repita a nova senha", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* A link that cannot be used: 410 and what to do, by what happened to it. */
static int unusable(struct request *r, const char *why)
{
	page_set(r, "Link.Why", why);
	return page_render(r, 410, "link_invalido.cs", "Link sem validade");
}

static const char login_sql[] =
	"SELECT name, email FROM portal_users WHERE id = ? AND office_id = ?";

static int show_form(struct request *r, int status, const char *token, int64_t user, bool reset)
{
	struct db_stmt *st = db_prepare(r->db, login_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	page_set(r, "Form.Values.t", token);
	page_set(r, "Form.Name", db_col(st, 0));
	page_set(r, "Form.Login", db_col(st, 1));
	if (reset)
		page_set(r, "Form.Reset", "1");
	return page_render(r, status, "acesso.cs", reset ? "Nova senha" : "Crie sua senha");
}

int acesso_get(struct request *r, const struct form *in)
{
	const char *why = "invalido";
	bool reset = false;
	int64_t user = in->nerrors ? 0 : portal_link_check(r, form_get(in, "t"), false, &why, &reset);
	if (user < 0)
		return -1;
	return user ? show_form(r, 200, form_get(in, "t"), user, reset) : unusable(r, why);
}

/* Sets the password under the link's lock: 1 done (and logged in), 0 unusable (*why). */
static int set_password(struct request *r, const char *token, const char *hash,
			const char **why)
{
	if (db_begin(r->db) < 0)
		return -1;
	int64_t user = portal_link_check(r, token, true, why, NULL);
	if (user <= 0) {
		db_rollback(r->db);
		return user < 0 ? -1 : 0;
	}
	if (portal_link_use(r, token, user, hash) < 0 || portal_session_start(r, user) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return 1;
}

int acesso_post(struct request *r, const struct form *in)
{
	if (form_error(in, "t"))
		return unusable(r, "invalido");
	const char *token = form_get(in, "t");
	const char *pw = form_get(in, "senha");
	const char *bad = form_error(in, "senha");
	if (!bad)
		bad = password_policy(pw, strlen(pw));
	/* Checked before the 70 ms hash, and again under a lock after it. */
	const char *why = "invalido";
	bool reset = false;
	int64_t user = portal_link_check(r, token, false, &why, &reset);
	if (user <= 0)
		return user < 0 ? -1 : unusable(r, why);
	if (bad || strcmp(pw, form_get(in, "senha2")) != 0) {
		if (bad)
			page_field_error(r, "senha", bad);
		else
			page_field_error(r, "senha2", "As duas senhas não são iguais.");
		return show_form(r, 422, token, user, reset);
	}
	char *hash = password_hash(pw);
	if (!hash)
		return -1;
	int done = set_password(r, token, hash, &why);
	free(hash);
	if (done < 0)
		return -1;
	if (done == 0)
		return unusable(r, why);
	return response_redirect(r, reset ? "/portal?aviso=senha-alterada" : "/portal?aviso=bem-vindo");
}
