#include "acesso/login.h"

#include "base/config.h"
#include "base/db.h"

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
