/* /entrar: the login form and its check, with throttling per account and per address. */
#include <string.h>

#include "acesso.h"
#include "acesso/login.h"
#include "cadastro/audit.h"
#include "base/config.h"
#include "base/db.h"
#include "web/page.h"
#include "web/response.h"
#include "web/session.h"
#include "base/token.h"

const struct form_rule entrar_get_rules[] = {
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0, NULL },
	{ "senha", FORM_TEXT, false, 10, "Aviso", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule entrar_post_rules[] = {
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0, NULL },
	{ "senha", FORM_PASSWORD, true, 0, "Senha", 0, 0, NULL },
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static int show_form(struct request *r, int status, const struct form *in)
{
	page_set(r, "Form.Values.email", form_get(in, "email"));
	page_set(r, "Form.Values.next", form_get(in, "next"));
	return page_render(r, status, "entrar.cs", "Entrar");
}

int entrar_get(struct request *r, const struct form *in)
{
	if (r->session)
		return response_redirect(r, "/");
	static const struct page_notice notices[] = {
		{ "codigo-expirou", "aviso", "O tempo para digitar o código acabou. Entre de novo." },
		{ "senha-criada", "ok", "Senha criada. Bem-vindo(a)! Entre com o seu e-mail e a "
		  "senha que escolheu." },
		{ NULL, NULL, NULL },
	};
	if (strcmp(form_get(in, "senha"), "ok") == 0)
		page_flash(r, "ok", "Senha alterada. Entre com o seu e-mail e a nova senha.");
	page_notice_from_query(r, notices);
	return show_form(r, 200, in);
}

static const char account_sql[] =
	"SELECT id, password_hash, totp_secret IS NOT NULL FROM staff_users"
	" WHERE office_id = ? AND email = ? AND active";

static const char challenge_sql[] =
	"INSERT INTO login_challenges (id_hash, office_id, user_id, next_path, created_at,"
	" expires_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)";

/* Challenges left behind (a code never typed) go as new ones come: a few at a time. */
static const char expired_sql[] =
	"DELETE FROM login_challenges WHERE expires_at < UTC_TIMESTAMP(6) LIMIT 20";

/* The password was right and the member has a second factor: no session yet, only a
 * challenge the browser names with a cookie of its own, for the code's page. */
static int start_challenge(struct request *r, int64_t user_id, const char *next)
{
	char id[TOKEN_HEX];
	unsigned char hash[32];
	token_new(id);
	token_hash(id, hash);
	struct db_stmt *old = db_prepare(r->db, expired_sql);
	if (!old || db_exec(old) < 0)
		return -1;
	struct db_stmt *st = db_prepare(r->db, challenge_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, user_id);
	db_bind_str(st, 3, next);
	db_bind_i64(st, 4, LOGIN_CHALLENGE_MINUTES);
	if (db_exec(st) < 0)
		return -1;
	response_cookie(r, CHALLENGE_COOKIE, id, LOGIN_CHALLENGE_MINUTES * 60);
	return 0;
}

int entrar_post(struct request *r, const struct form *in)
{
	if (r->session)
		return response_redirect(r, "/");
	if (in->nerrors) {
		page_field_error(r, "email", form_error(in, "email"));
		page_field_error(r, "senha", form_error(in, "senha"));
		return show_form(r, 422, in);
	}
	const char *email = form_get(in, "email");
	struct login_account who;
	enum login_result got = login_check(r, LOGIN_STAFF, account_sql, email,
					    form_get(in, "senha"), &who);
	if (got == LOGIN_FAILED)
		return -1;
	if (got == LOGIN_THROTTLED)
		return show_form(r, login_refusal(r, got), in);
	const char *next = form_get(in, "next");
	if (got == LOGIN_OK && who.flag) {   /* a second factor: its code first */
		if (start_challenge(r, who.id, next) < 0 || db_commit(r->db) < 0)
			return -1;
		return response_redirect(r, "/entrar/codigo");
	}
	if (got == LOGIN_OK && (session_start(r, who.id) < 0 ||
				audit_event(r, "staff", "login", "staff_user", who.id, who.id, email,
					    NULL, 0) < 0))
		return -1;
	if (db_commit(r->db) < 0)
		return -1;
	if (got != LOGIN_OK)
		return show_form(r, login_refusal(r, got), in);
	return response_redirect(r, *next ? next : "/");
}
