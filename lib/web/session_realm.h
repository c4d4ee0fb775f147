/* session_realm: the one session mechanism of both realms, the staff's (web/session.h)
 * and the office's clients' on /portal (web/portal_session.h). A realm is its table of
 * sessions, its table of logins, its cookie, its expiry settings and the query that loads
 * a session with what its pages need; a cookie of one realm never opens the other. The
 * browser holds 256 random bits, the database their SHA-256; a session belongs to the
 * office its host names, so a cookie never crosses offices. */
#ifndef PORTAL_SESSION_REALM_H
#define PORTAL_SESSION_REALM_H

#include <stdint.h>

#include "web/request.h"

struct db;
struct db_stmt;

/* The session a request's cookie names. */
struct session_key {
	const char *cookie;       /* the cookie's value, as the browser holds it */
	unsigned char hash[32];   /* its SHA-256: the row's id_hash */
	char slug[64];            /* the office the host names */
};

struct session_realm {
	const char *cookie;                           /* its name, before any __Host- prefix */
	const char *idle_setting;  int64_t idle_default;          /* minutes */
	const char *absolute_setting; int64_t absolute_default;   /* hours */
	/* The session of a key and what its pages need, within both expiries. Binds the id's
	 * hash, the office's slug and the idle minutes; its first column says whether
	 * last_seen_at is over a minute old (SESSION_STALE). */
	const char *load_sql;
	/* Fills r from the row load_sql found (idle_minutes: the limit it was read with).
	 * 0, or -1 when memory ran out. */
	int (*fill)(struct request *r, struct db_stmt *st, const struct session_key *k,
		    int64_t idle_minutes);
	/* The statements on its two tables (SESSION_REALM writes them). */
	const char *touch_sql, *insert_sql, *last_login_sql, *delete_sql, *delete_user_sql;
};

/* Column 0 of every realm's load_sql. last_seen_at is written at most once a minute: the
 * idle limit is in minutes anyway, and a write per page view would double the cost of
 * every page. */
#define SESSION_STALE "s.last_seen_at < UTC_TIMESTAMP(6) - INTERVAL 60 SECOND"

/* A realm: its cookie, its table of sessions and of logins, the prefix of its settings
 * (PREFIX.IdleMinutes, PREFIX.AbsoluteHours) with their defaults, its load_sql and fill. */
#define SESSION_REALM(cookie_, sessions, users, settings, idle, absolute, load, fill_) { \
	.cookie = cookie_, \
	.idle_setting = settings ".IdleMinutes", .idle_default = idle, \
	.absolute_setting = settings ".AbsoluteHours", .absolute_default = absolute, \
	.load_sql = load, .fill = fill_, \
	.touch_sql = "UPDATE " sessions " SET last_seen_at = UTC_TIMESTAMP(6) WHERE id_hash = ?", \
	.insert_sql = "INSERT INTO " sessions " (id_hash, office_id, user_id, csrf_token," \
		" created_at, last_seen_at, expires_at, address, user_agent)" \
		" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)," \
		" UTC_TIMESTAMP(6) + INTERVAL ? HOUR, ?, ?)", \
	.last_login_sql = "UPDATE " users " SET last_login_at = UTC_TIMESTAMP(6)" \
		" WHERE id = ? AND office_id = ?", \
	.delete_sql = "DELETE FROM " sessions " WHERE id_hash = ?", \
	.delete_user_sql = "DELETE FROM " sessions " WHERE user_id = ?", \
}

/* The key of the realm's cookie of the request: 1, or 0 when there is no well-formed one
 * or the host names no office. */
int session_key_read(const struct request *r, const struct session_realm *realm,
		     struct session_key *k);
/* Loads the session of k through the realm's query and fill. 1 (found), 0 (none or
 * expired), -1. */
int session_realm_load(struct request *r, const struct session_realm *realm,
		       const struct session_key *k);
/* Starts a session for user_id in r->office and sets the cookie. 0 or -1. */
int session_realm_start(struct request *r, const struct session_realm *realm, int64_t user_id);
/* Clears the cookie and deletes the session whose cookie value is `cookie` (NULL: none
 * loaded, nothing to delete). 0 or -1. */
int session_realm_end(struct request *r, const struct session_realm *realm, const char *cookie);
/* Deletes every session of a login (a new password, a block, a deactivation). 0 or -1. */
int session_realm_end_all(struct db *db, const struct session_realm *realm, int64_t user_id);

#endif
