#include "web/session_realm.h"

#include "base/config.h"
#include "base/db.h"
#include "base/token.h"
#include "web/response.h"
#include "web/tenant.h"

int session_key_read(const struct request *r, const struct session_realm *realm,
		     struct session_key *k)
{
	k->cookie = request_cookie(r, response_cookie_name(realm->cookie));
	return k->cookie && token_hash(k->cookie, k->hash) &&
	       tenant_slug(r->host_lc, k->slug, sizeof k->slug);
}

int session_realm_load(struct request *r, const struct session_realm *realm,
		       const struct session_key *k)
{
	struct db_stmt *st = db_prepare(r->db, realm->load_sql);
	if (!st)
		return -1;
	int64_t idle_minutes = config_int(realm->idle_setting, realm->idle_default);
	db_bind_blob(st, 0, k->hash, sizeof k->hash);
	db_bind_str(st, 1, k->slug);
	db_bind_i64(st, 2, idle_minutes);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	bool stale = db_col_i64(st, 0) != 0;
	if (realm->fill(r, st, k, idle_minutes) < 0)
		return -1;
	if (stale) {
		struct db_stmt *t = db_prepare(r->db, realm->touch_sql);
		if (!t)
			return -1;
		db_bind_blob(t, 0, k->hash, sizeof k->hash);
		if (db_exec(t) < 0)
			return -1;
	}
	return 1;
}

/* The browser's User-Agent as the lists of sessions show it: printable ASCII only (it is
 * outside input of any bytes), at most 300 characters (the column's size). */
static void user_agent(const struct request *r, char out[301])
{
	const char *ua = request_param(r, "HTTP_USER_AGENT");
	size_t n = 0;
	for (; *ua && n < 300; ua++)
		if (*ua >= 0x20 && *ua < 0x7f)
			out[n++] = *ua;
	out[n] = '\0';
}

int session_realm_start(struct request *r, const struct session_realm *realm, int64_t user_id)
{
	char ua[301];
	user_agent(r, ua);
	char id[TOKEN_HEX], csrf[TOKEN_HEX];
	unsigned char hash[32];
	token_new(id);
	token_new(csrf);
	token_hash(id, hash);
	struct db_stmt *st = db_prepare(r->db, realm->insert_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, user_id);
	db_bind_str(st, 3, csrf);
	db_bind_i64(st, 4, config_int(realm->absolute_setting, realm->absolute_default));
	db_bind_str(st, 5, r->remote_addr);
	db_bind_str(st, 6, ua);
	if (db_exec(st) < 0)
		return -1;
	struct db_stmt *u = db_prepare(r->db, realm->last_login_sql);
	if (!u)
		return -1;
	db_bind_i64(u, 0, user_id);
	db_bind_i64(u, 1, r->office.id);
	if (db_exec(u) < 0)
		return -1;
	response_cookie(r, realm->cookie, id, -1);
	return 0;
}

int session_realm_end(struct request *r, const struct session_realm *realm, const char *cookie)
{
	response_cookie(r, realm->cookie, "", 0);
	unsigned char hash[32];
	if (!cookie || !token_hash(cookie, hash))
		return 0;
	struct db_stmt *st = db_prepare(r->db, realm->delete_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	return db_exec(st);
}

int session_realm_end_all(struct db *db, const struct session_realm *realm, int64_t user_id)
{
	struct db_stmt *st = db_prepare(db, realm->delete_user_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	return db_exec(st);
}
