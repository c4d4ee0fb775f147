#include "web/portal_session.h"

#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "web/session_realm.h"

/* One query: the session, its login, the login's client and the office the host names. */
static const char load_sql[] =
	"SELECT " SESSION_STALE ", u.id, u.name, u.email, u.client_id, c.name, s.csrf_token,"
	" o.id, o.name, o.logo_version, cc.fee_version"
	" FROM portal_sessions s"
	" JOIN portal_users u ON u.id = s.user_id AND u.office_id = s.office_id"
	" JOIN clients c ON c.id = u.client_id AND c.office_id = u.office_id"
	" JOIN offices o ON o.id = s.office_id"
	" LEFT JOIN client_counts cc ON cc.office_id = o.id"
	" WHERE s.id_hash = ? AND o.slug = ? AND o.active AND NOT u.blocked AND NOT c.trashed"
	" AND s.expires_at > UTC_TIMESTAMP(6)"
	" AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE";

static int fill(struct request *r, struct db_stmt *st, const struct session_key *k,
		int64_t idle_minutes)
{
	(void)idle_minutes;
	struct client_session *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	r->client = c;
	c->user_id = db_col_i64(st, 1);
	c->user_name = db_col_dup(st, 2);
	c->user_email = db_col_dup(st, 3);
	c->client_id = db_col_i64(st, 4);
	c->client_name = db_col_dup(st, 5);
	c->csrf = db_col_dup(st, 6);
	c->cookie = strdup(k->cookie);
	r->office.fee_version = db_col_i64(st, 10);
	if (!r->office.id) {
		r->office.id = db_col_i64(st, 7);
		r->office.name = db_col_dup(st, 8);
		r->office.slug = strdup(k->slug);
		if (db_col(st, 9) && !(r->office.logo_version = strdup(db_col(st, 9))))
			return -1;
	}
	return c->user_name && c->user_email && c->client_name && c->csrf && c->cookie &&
	       r->office.name && r->office.slug ? 0 : -1;
}

/* 30 minutes idle, 8 hours at most. */
static const struct session_realm portal = SESSION_REALM(PORTAL_SESSION_COOKIE,
	"portal_sessions", "portal_users", "Portal", 30, 8, load_sql, fill);

int portal_session_load(struct request *r)
{
	struct session_key k;
	return session_key_read(r, &portal, &k) ? session_realm_load(r, &portal, &k) : 0;
}

int portal_session_start(struct request *r, int64_t user_id)
{
	return session_realm_start(r, &portal, user_id);
}

int portal_session_end(struct request *r)
{
	return session_realm_end(r, &portal, r->client ? r->client->cookie : NULL);
}

int portal_session_end_all(struct db *db, int64_t user_id)
{
	return session_realm_end_all(db, &portal, user_id);
}
