#include "acesso/login.h"

#include "acesso/password.h"
#include "base/config.h"
#include "base/db.h"
#include "web/page.h"

static const char failures_sql[] =
	"SELECT"
	" (SELECT COUNT(*) FROM login_attempts WHERE office_id = ? AND realm = ? AND login = ?"
	"  AND NOT success AND at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE),"
	" (SELECT COUNT(*) FROM login_attempts WHERE address = ?"
	"  AND NOT success AND at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE)";

int login_throttled(struct request *r, const char *realm, const char *login)
{
	int64_t window = config_int("Login.WindowMinutes", 15);
	struct db_stmt *st = db_prepare(r->db, failures_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, realm);
	db_bind_str(st, 2, login);
	db_bind_i64(st, 3, window);
	db_bind_str(st, 4, r->remote_addr);
	db_bind_i64(st, 5, window);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0) >= config_int("Login.MaxFailuresPerAccount", 5) ||
	       db_col_i64(st, 1) >= config_int("Login.MaxFailuresPerAddress", 20);
}

static const char attempt_sql[] =
	"INSERT INTO login_attempts (office_id, realm, login, address, success, at)"
	" VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";

int login_record_attempt(struct request *r, const char *realm, const char *login, bool success)
{
	struct db_stmt *st = db_prepare(r->db, attempt_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, realm);
	db_bind_str(st, 2, login);
	db_bind_str(st, 3, r->remote_addr);
	db_bind_i64(st, 4, success);
	return db_exec(st);
}

enum login_result login_check(struct request *r, const char *realm, const char *account_sql,
			      const char *login, const char *password, struct login_account *out)
{
	*out = (struct login_account){ 0, false };
	int t = login_throttled(r, realm, login);
	if (t)
		return t < 0 ? LOGIN_FAILED : LOGIN_THROTTLED;
	struct db_stmt *st = db_prepare(r->db, account_sql);
	if (!st)
		return LOGIN_FAILED;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, login);
	if (db_exec(st) < 0)
		return LOGIN_FAILED;
	int found = db_fetch(st);
	if (found < 0)
		return LOGIN_FAILED;
	bool ok = password_verify(found ? db_col(st, 1) : NULL, password);
	if (ok) {
		out->id = db_col_i64(st, 0);
		out->flag = db_col_i64(st, 2) != 0;   /* 0 when there is no third column */
	}
	if (db_begin(r->db) < 0 || login_record_attempt(r, realm, login, ok) < 0)
		return LOGIN_FAILED;
	return ok ? LOGIN_OK : LOGIN_REFUSED;
}

int login_refusal(struct request *r, enum login_result why)
{
	if (why == LOGIN_THROTTLED) {
		page_flash(r, "erro", "Muitas tentativas de entrada. Aguarde 15 minutos e tente de "
			   "novo, ou use \"Esqueci minha senha\".");
		return 429;
	}
	page_flash(r, "erro", "E-mail ou senha incorretos.");
	return 401;
}

int login_reset_mails_exceeded(struct request *r, const char *count_sql, int64_t user_id)
{
	struct db_stmt *st = db_prepare(r->db, count_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0) >= config_int("Login.MaxResetMailsPerHour", 3);
}
