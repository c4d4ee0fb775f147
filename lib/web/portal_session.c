#include "web/portal_session.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/db.h"
#include "base/token.h"
#include "web/response.h"
#include "web/tenant.h"

/* One query: the session, its login, the login's client and the office the host names. */
static const char load_sql[] =
	"SELECT u.id, u.name, u.email, u.client_id, c.name, s.csrf_token, o.id, o.name,"
	" s.last_seen_at < UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, o.logo_version, cc.fee_version"
	" FROM portal_sessions s"
	" JOIN portal_users u ON u.id = s.user_id AND u.office_id = s.office_id"
	" JOIN clients c ON c.id = u.client_id AND c.office_id = u.office_id"
	" JOIN offices o ON o.id = s.office_id"
	" LEFT JOIN client_counts cc ON cc.office_id = o.id"
	" WHERE s.id_hash = ? AND o.slug = ? AND o.active AND NOT u.blocked AND NOT c.trashed"
	" AND s.expires_at > UTC_TIMESTAMP(6)"
	" AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE";

/* Written at most once a minute, as for the staff. */
static const char touch_sql[] =
	"UPDATE portal_sessions SET last_seen_at = UTC_TIMESTAMP(6) WHERE id_hash = ?";

static int touch(struct request *r, const unsigned char hash[32])
{
	struct db_stmt *t = db_prepare(r->db, touch_sql);
	if (!t)
		return -1;
	db_bind_blob(t, 0, hash, 32);
	return db_exec(t);
}

int portal_session_load(struct request *r)
{
	const char *cookie = request_cookie(r, response_cookie_name(PORTAL_SESSION_COOKIE));
	unsigned char hash[32];
	if (!cookie || !token_hash(cookie, hash))
		return 0;
	char slug[64];
	if (!tenant_slug(r->host_lc, slug, sizeof slug))
		return 0;
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_str(st, 1, slug);
	db_bind_i64(st, 2, config_int("Portal.IdleMinutes", 30));
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	struct client_session *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	r->client = c;
	c->user_id = db_col_i64(st, 0);
	c->user_name = db_col_dup(st, 1);
	c->user_email = db_col_dup(st, 2);
	c->client_id = db_col_i64(st, 3);
	c->client_name = db_col_dup(st, 4);
	c->csrf = db_col_dup(st, 5);
	c->cookie = strdup(cookie);
	bool stale = db_col_i64(st, 8) != 0;
	r->office.fee_version = db_col_i64(st, 10);
	if (!r->office.id) {
		r->office.id = db_col_i64(st, 6);
		r->office.name = db_col_dup(st, 7);
		r->office.slug = strdup(slug);
		if (db_col(st, 9) && !(r->office.logo_version = strdup(db_col(st, 9))))
			return -1;
	}
	if (!c->user_name || !c->user_email || !c->client_name || !c->csrf || !c->cookie ||
	    !r->office.name || !r->office.slug)
		return -1;
	return stale && touch(r, hash) < 0 ? -1 : 1;
}

static const char insert_sql[] =
	"INSERT INTO portal_sessions (id_hash, office_id, user_id, csrf_token, created_at,"
	" last_seen_at, expires_at, address)"
	" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6) + INTERVAL ? HOUR, ?)";
static const char last_login_sql[] =
	"UPDATE portal_users SET last_login_at = UTC_TIMESTAMP(6) WHERE id = ? AND office_id = ?";

int portal_session_start(struct request *r, int64_t user_id)
{
	char id[TOKEN_HEX], csrf[TOKEN_HEX];
	unsigned char hash[32];
	token_new(id);
	token_new(csrf);
	token_hash(id, hash);
	struct db_stmt *st = db_prepare(r->db, insert_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, user_id);
	db_bind_str(st, 3, csrf);
	db_bind_i64(st, 4, config_int("Portal.AbsoluteHours", 8));
	db_bind_str(st, 5, r->remote_addr);
	if (db_exec(st) < 0)
		return -1;
	struct db_stmt *u = db_prepare(r->db, last_login_sql);
	if (!u)
		return -1;
	db_bind_i64(u, 0, user_id);
	db_bind_i64(u, 1, r->office.id);
	if (db_exec(u) < 0)
		return -1;
	response_cookie(r, PORTAL_SESSION_COOKIE, id, -1);
	return 0;
}

static const char delete_sql[] = "DELETE FROM portal_sessions WHERE id_hash = ?";

int portal_session_end(struct request *r)
{
	response_cookie(r, PORTAL_SESSION_COOKIE, "", 0);
	unsigned char hash[32];
	if (!r->client || !token_hash(r->client->cookie, hash))
		return 0;
	struct db_stmt *st = db_prepare(r->db, delete_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	return db_exec(st);
}

static const char delete_user_sql[] = "DELETE FROM portal_sessions WHERE user_id = ?";

int portal_session_end_all(struct db *db, int64_t user_id)
{
	struct db_stmt *st = db_prepare(db, delete_user_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	return db_exec(st);
}
