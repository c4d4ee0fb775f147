/* /entrar: the login form and its check, with throttling per account and per address. */
#include <string.h>

#include "acesso.h"
#include "acesso/login.h"
#include "cadastro/audit.h"
#include "base/config.h"
#include "base/db.h"
#include "web/page.h"
#include "acesso/password.h"
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

static const char user_sql[] =
	"SELECT id, password_hash, name, totp_secret IS NOT NULL FROM staff_users"
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
	int t = login_throttled(r, LOGIN_STAFF, email);
	if (t < 0)
		return -1;
	if (t) {
		page_flash(r, "erro", "Muitas tentativas de entrada. Aguarde 15 minutos e tente de "
			   "novo, ou use \"Esqueci minha senha\".");
		return show_form(r, 429, in);
	}
	struct db_stmt *st = db_prepare(r->db, user_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, email);
	if (db_exec(st) < 0)
		return -1;
	int found = db_fetch(st);
	if (found < 0)
		return -1;
	int64_t user_id = found ? db_col_i64(st, 0) : 0;
	bool second = found && db_col_i64(st, 3) != 0;
	bool ok = password_verify(found ? db_col(st, 1) : NULL, form_get(in, "senha"));
	const char *next = form_get(in, "next");

	if (db_begin(r->db) < 0 || login_record_attempt(r, LOGIN_STAFF, email, ok) < 0)
		return -1;
	if (ok && second) {
		if (start_challenge(r, user_id, next) < 0 || db_commit(r->db) < 0)
			return -1;
		return response_redirect(r, "/entrar/codigo");
	}
	if (ok && (session_start(r, user_id) < 0 ||
		   audit_event(r, "staff", "login", "staff_user", user_id, user_id, email, NULL, 0) < 0))
		return -1;
	if (db_commit(r->db) < 0)
		return -1;
	if (!ok) {
		page_flash(r, "erro", "E-mail ou senha incorretos.");
		return show_form(r, 401, in);
	}
	return response_redirect(r, *next ? next : "/");
}
