/* /entrar: the login form and its check, with throttling per account and per address. */
#include <string.h>

#include "acesso.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "page.h"
#include "password.h"
#include "response.h"
#include "session.h"

const struct form_rule entrar_get_rules[] = {
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0 },
	{ "senha", FORM_TEXT, false, 10, "Aviso", 0, 0 },
	{ NULL, 0, false, 0, NULL, 0, 0 },
};

const struct form_rule entrar_post_rules[] = {
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0 },
	{ "senha", FORM_PASSWORD, true, 0, "Senha", 0, 0 },
	{ "next", FORM_PATH, false, 0, "Destino", 0, 0 },
	{ NULL, 0, false, 0, NULL, 0, 0 },
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
	if (strcmp(form_get(in, "senha"), "ok") == 0)
		page_flash(r, "ok", "Senha alterada. Entre com a nova senha.");
	return show_form(r, 200, in);
}

static const char failures_sql[] =
	"SELECT"
	" (SELECT COUNT(*) FROM login_attempts WHERE office_id = ? AND login = ?"
	"  AND NOT success AND at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE),"
	" (SELECT COUNT(*) FROM login_attempts WHERE address = ?"
	"  AND NOT success AND at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE)";

/* 1 when this account or this address failed too often lately, 0 if not, -1 on error. */
static int throttled(struct request *r, const char *login)
{
	int64_t window = config_int("Login.WindowMinutes", 15);
	struct db_stmt *st = db_prepare(r->db, failures_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, login);
	db_bind_i64(st, 2, window);
	db_bind_str(st, 3, r->remote_addr);
	db_bind_i64(st, 4, window);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0) >= config_int("Login.MaxFailuresPerAccount", 5) ||
	       db_col_i64(st, 1) >= config_int("Login.MaxFailuresPerAddress", 20);
}

static const char attempt_sql[] =
	"INSERT INTO login_attempts (office_id, login, address, success, at)"
	" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))";

static int record_attempt(struct request *r, const char *login, bool success)
{
	struct db_stmt *st = db_prepare(r->db, attempt_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, login);
	db_bind_str(st, 2, r->remote_addr);
	db_bind_i64(st, 3, success);
	return db_exec(st);
}

static const char user_sql[] =
	"SELECT id, password_hash, name FROM staff_users"
	" WHERE office_id = ? AND email = ? AND active";

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
	int t = throttled(r, email);
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
	bool ok = password_verify(found ? db_col(st, 1) : NULL, form_get(in, "senha"));

	if (db_begin(r->db) < 0 || record_attempt(r, email, ok) < 0)
		return -1;
	if (ok && (session_start(r, user_id) < 0 ||
		   audit_event(r, "staff", "login", "staff_user", user_id, user_id, email, NULL, 0) < 0))
		return -1;
	if (db_commit(r->db) < 0)
		return -1;
	if (!ok) {
		page_flash(r, "erro", "E-mail ou senha incorretos.");
		return show_form(r, 401, in);
	}
	const char *next = form_get(in, "next");
	return response_redirect(r, *next ? next : "/");
}
