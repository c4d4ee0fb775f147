#include "web/session.h"

#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/db.h"
#include "base/log.h"
#include "web/response.h"
#include "web/tenant.h"
#include "base/token.h"

/* One query finds the session, its user (with the user's preferences) and its office,
 * and checks both expiries; the office must be the one the host names, so a cookie
 * never crosses offices. */
static const char load_sql[] =
	"SELECT u.id, u.name, u.email, u.role = 'admin', s.csrf_token, o.id, o.name,"
	" s.last_seen_at < UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, p.client_view, cc.version,"
	" o.logo_version, o.require_second_factor AND u.totp_secret IS NULL, cc.fee_version"
	" FROM sessions s JOIN staff_users u ON u.id = s.user_id AND u.office_id = s.office_id"
	" JOIN offices o ON o.id = s.office_id LEFT JOIN user_prefs p ON p.user_id = u.id"
	" LEFT JOIN client_counts cc ON cc.office_id = o.id"
	" WHERE s.id_hash = ? AND o.slug = ? AND o.active AND u.active"
	" AND s.expires_at > UTC_TIMESTAMP(6)"
	" AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE";

/* last_seen_at is written at most once a minute: the idle limit is in minutes anyway,
 * and a write per page view would double the cost of every page. */
static const char touch_sql[] =
	"UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) WHERE id_hash = ?";

static char *dup_col(struct db_stmt *st, unsigned i)
{
	const char *v = db_col(st, i);
	return strdup(v ? v : "");
}

int session_load(struct request *r)
{
	const char *cookie = request_cookie(r, response_cookie_name(SESSION_COOKIE));
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
	db_bind_i64(st, 2, config_int("Session.IdleMinutes", 120));
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	struct session *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	r->session = s;
	s->user_id = db_col_i64(st, 0);
	s->user_name = dup_col(st, 1);
	s->user_email = dup_col(st, 2);
	s->admin = db_col_i64(st, 3) != 0;
	s->csrf = dup_col(st, 4);
	s->cookie = strdup(cookie);
	bool stale = db_col_i64(st, 7) != 0;
	s->client_view = dup_col(st, 8);
	r->office.registry_version = db_col_i64(st, 9);
	r->office.fee_version = db_col_i64(st, 12);
	s->must_set_up_second_factor = db_col_i64(st, 11) != 0;
	if (!r->office.id) {
		r->office.id = db_col_i64(st, 5);
		r->office.name = dup_col(st, 6);
		r->office.slug = strdup(slug);
		if (db_col(st, 10) && !(r->office.logo_version = strdup(db_col(st, 10))))
			return -1;
	}
	if (!s->user_name || !s->user_email || !s->csrf || !s->cookie || !s->client_view ||
	    !r->office.name ||
	    !r->office.slug)
		return -1;
	if (stale) {
		struct db_stmt *t = db_prepare(r->db, touch_sql);
		if (!t)
			return -1;
		db_bind_blob(t, 0, hash, sizeof hash);
		if (db_exec(t) < 0)
			return -1;
	}
	return 1;
}

static const char insert_sql[] =
	"INSERT INTO sessions (id_hash, office_id, user_id, csrf_token, created_at,"
	" last_seen_at, expires_at, address, user_agent)"
	" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6) + INTERVAL ? HOUR, ?, ?)";
static const char last_login_sql[] =
	"UPDATE staff_users SET last_login_at = UTC_TIMESTAMP(6) WHERE id = ?";

/* The browser's User-Agent as the list of sessions shows it: printable ASCII only (it is
 * outside input of any bytes), at most 300 characters. */
static void user_agent(const struct request *r, char out[301])
{
	const char *ua = request_param(r, "HTTP_USER_AGENT");
	size_t n = 0;
	for (; *ua && n < 300; ua++)
		if (*ua >= 0x20 && *ua < 0x7f)
			out[n++] = *ua;
	out[n] = '\0';
}

int session_start(struct request *r, int64_t user_id)
{
	char ua[301];
	user_agent(r, ua);
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
	db_bind_i64(st, 4, config_int("Session.AbsoluteHours", 12));
	db_bind_str(st, 5, r->remote_addr);
	db_bind_str(st, 6, ua);
	if (db_exec(st) < 0)
		return -1;
	struct db_stmt *u = db_prepare(r->db, last_login_sql);
	if (!u)
		return -1;
	db_bind_i64(u, 0, user_id);
	if (db_exec(u) < 0)
		return -1;
	response_cookie(r, SESSION_COOKIE, id, -1);
	return 0;
}

static const char delete_sql[] = "DELETE FROM sessions WHERE id_hash = ?";

int session_end(struct request *r)
{
	response_cookie(r, SESSION_COOKIE, "", 0);
	unsigned char hash[32];
	if (!r->session || !token_hash(r->session->cookie, hash))
		return 0;
	struct db_stmt *st = db_prepare(r->db, delete_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	return db_exec(st);
}

static const char delete_user_sql[] = "DELETE FROM sessions WHERE user_id = ?";

int session_end_all(struct request *r, int64_t user_id)
{
	struct db_stmt *st = db_prepare(r->db, delete_user_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	return db_exec(st);
}
