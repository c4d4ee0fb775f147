#include "web/session.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/db.h"
#include "base/token.h"
#include "web/session_realm.h"

/* One query finds the session, its user (with the user's preferences) and its office,
 * and checks both expiries; the office must be the one the host names, so a cookie
 * never crosses offices. It also says how long the answer may be kept (below). */
static const char load_sql[] =
	"SELECT " SESSION_STALE ", u.id, u.name, u.email, u.role = 'admin', s.csrf_token, o.id,"
	" o.name, p.client_view, cc.version,"
	" o.logo_version, o.require_second_factor AND u.totp_secret IS NULL, cc.fee_version,"
	" cc.auth_version, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), s.expires_at),"
	" TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP(6)), cc.active, cc.inactive,"
	" cc.trashed, cc.choices_version"
	" FROM sessions s JOIN staff_users u ON u.id = s.user_id AND u.office_id = s.office_id"
	" JOIN offices o ON o.id = s.office_id LEFT JOIN user_prefs p ON p.user_id = u.id"
	" LEFT JOIN client_counts cc ON cc.office_id = o.id"
	" WHERE s.id_hash = ? AND o.slug = ? AND o.active AND u.active"
	" AND s.expires_at > UTC_TIMESTAMP(6)"
	" AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE";

enum { COL_STALE, COL_USER_ID, COL_USER_NAME, COL_USER_EMAIL, COL_ADMIN, COL_CSRF,
       COL_OFFICE_ID, COL_OFFICE_NAME, COL_CLIENT_VIEW, COL_VERSION, COL_LOGO, COL_SECOND_FACTOR,
       COL_FEE_VERSION, COL_AUTH_VERSION, COL_EXPIRES_IN, COL_SEEN_AGO, COL_ACTIVE,
       COL_INACTIVE, COL_TRASHED, COL_CHOICES_VERSION };

/* ------------------------------------------------------------ kept sessions
 * A worker keeps what the query above answered, for at most KEPT_SECONDS and never past
 * either expiry. A kept session's request reads only its office's row of client_counts
 * (the versions every page needs anyway) and is taken while the office's auth_version is
 * the one read with it: everything the query above depends on moves that version in the
 * transaction that changes it (schema/019), so a logout, a deactivation or a new role
 * counts from the next request on, in every worker. */
#define KEPT_MAX 64
#define KEPT_SECONDS 60

struct kept {
	unsigned char hash[32];
	char slug[64];
	int64_t until_us;        /* monotonic; 0: a free slot */
	int64_t auth_version;
	struct session s;        /* without its cookie */
	int64_t office_id;
	char *office_name, *logo_version;
};

static struct kept kept[KEPT_MAX];

static const char check_sql[] =
	"SELECT version, fee_version, auth_version, active, inactive, trashed, choices_version"
	" FROM client_counts"
	" WHERE office_id = ?";

/* The versions and counts of client_counts: from columns version, fee_version,
 * first_count (active, inactive, trashed, choices_version) of st. */
static void office_counts(struct request *r, struct db_stmt *st, unsigned version,
			  unsigned fee_version, unsigned first_count)
{
	r->office.choices_version = db_col_i64(st, first_count + 3);
	r->office.registry_version = db_col_i64(st, version);
	r->office.fee_version = db_col_i64(st, fee_version);
	r->office.counted = db_col(st, first_count) != NULL;
	r->office.active = db_col_i64(st, first_count);
	r->office.inactive = db_col_i64(st, first_count + 1);
	r->office.trashed = db_col_i64(st, first_count + 2);
}

static int64_t mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The member and settings of a session (not its cookie) copied into to: 0, or -1 when
 * memory ran out (to then holds what was copied, for its owner to free). */
static int session_copy(struct session *to, const struct session *from)
{
	to->user_id = from->user_id;
	to->admin = from->admin;
	to->must_set_up_second_factor = from->must_set_up_second_factor;
	to->user_name = strdup(from->user_name);
	to->user_email = strdup(from->user_email);
	to->csrf = strdup(from->csrf);
	to->client_view = strdup(from->client_view);
	return to->user_name && to->user_email && to->csrf && to->client_view ? 0 : -1;
}

static void kept_clear(struct kept *k)
{
	free(k->s.user_name);
	free(k->s.user_email);
	free(k->s.csrf);
	free(k->s.client_view);
	free(k->office_name);
	free(k->logo_version);
	memset(k, 0, sizeof *k);
}

static struct kept *kept_find(const unsigned char hash[32], const char *slug)
{
	int64_t now = mono_us();
	for (size_t i = 0; i < KEPT_MAX; i++) {
		struct kept *k = &kept[i];
		if (!k->until_us || memcmp(k->hash, hash, sizeof k->hash) != 0)
			continue;
		if (k->until_us > now && strcmp(k->slug, slug) == 0)
			return k;
		kept_clear(k);
	}
	return NULL;
}

/* The slot for a newly checked session: a free one, else the one that ends first. */
static struct kept *kept_slot(void)
{
	struct kept *best = &kept[0];
	for (size_t i = 0; i < KEPT_MAX && best->until_us; i++)
		if (kept[i].until_us < best->until_us)
			best = &kept[i];
	kept_clear(best);
	return best;
}

static char *dup_or_null(const char *v)
{
	return v ? strdup(v) : NULL;
}

/* Keeps the session just loaded into r, read with auth_version, for `seconds`. */
static void kept_put(const struct request *r, const unsigned char hash[32], const char *slug,
		     int64_t auth_version, int64_t seconds)
{
	if (seconds <= 0 || strlen(slug) >= sizeof kept[0].slug)
		return;
	struct kept *k = kept_slot();
	memcpy(k->hash, hash, sizeof k->hash);
	memcpy(k->slug, slug, strlen(slug) + 1);
	k->auth_version = auth_version;
	k->office_id = r->office.id;
	k->office_name = strdup(r->office.name);
	k->logo_version = dup_or_null(r->office.logo_version);
	if (session_copy(&k->s, r->session) < 0 || !k->office_name ||
	    (r->office.logo_version && !k->logo_version)) {
		kept_clear(k);
		return;
	}
	k->until_us = mono_us() + (seconds < KEPT_SECONDS ? seconds : KEPT_SECONDS) * 1000000;
}

static void kept_forget(const unsigned char hash[32])
{
	for (size_t i = 0; i < KEPT_MAX; i++)
		if (kept[i].until_us && memcmp(kept[i].hash, hash, sizeof kept[i].hash) == 0)
			kept_clear(&kept[i]);
}

/* Fills r from a kept session. 1: done; 0: the office's auth_version moved (or its row
 * is gone), the session must be checked in full; -1: a database or memory error. */
static int kept_use(struct request *r, struct kept *k, const char *cookie)
{
	struct db_stmt *st = db_prepare(r->db, check_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, k->office_id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	if (got == 0 || db_col_i64(st, 2) != k->auth_version) {
		kept_clear(k);
		return 0;
	}
	struct session *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	r->session = s;
	office_counts(r, st, 0, 1, 3);
	if (session_copy(s, &k->s) < 0 || !(s->cookie = strdup(cookie)))
		return -1;
	if (!r->office.id) {
		r->office.id = k->office_id;
		r->office.name = strdup(k->office_name);
		r->office.slug = strdup(k->slug);
		if (!r->office.name || !r->office.slug ||
		    (k->logo_version && !(r->office.logo_version = strdup(k->logo_version))))
			return -1;
	}
	return 1;
}

/* ------------------------------------------------------------ the realm */

static char *dup_col(struct db_stmt *st, unsigned i)
{
	const char *v = db_col(st, i);
	return strdup(v ? v : "");
}

static int fill(struct request *r, struct db_stmt *st, const struct session_key *k,
		int64_t idle_minutes)
{
	struct session *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	r->session = s;
	s->user_id = db_col_i64(st, COL_USER_ID);
	s->user_name = dup_col(st, COL_USER_NAME);
	s->user_email = dup_col(st, COL_USER_EMAIL);
	s->admin = db_col_i64(st, COL_ADMIN) != 0;
	s->csrf = dup_col(st, COL_CSRF);
	s->cookie = strdup(k->cookie);
	bool stale = db_col_i64(st, COL_STALE) != 0;
	s->client_view = dup_col(st, COL_CLIENT_VIEW);
	office_counts(r, st, COL_VERSION, COL_FEE_VERSION, COL_ACTIVE);
	s->must_set_up_second_factor = db_col_i64(st, COL_SECOND_FACTOR) != 0;
	bool keep = r->office.id == 0 && db_col(st, COL_AUTH_VERSION) != NULL;
	int64_t auth_version = db_col_i64(st, COL_AUTH_VERSION);
	int64_t expires_in = db_col_i64(st, COL_EXPIRES_IN);
	int64_t idle_in = idle_minutes * 60 - (stale ? 0 : db_col_i64(st, COL_SEEN_AGO));
	if (!r->office.id) {
		r->office.id = db_col_i64(st, COL_OFFICE_ID);
		r->office.name = dup_col(st, COL_OFFICE_NAME);
		r->office.slug = strdup(k->slug);
		if (db_col(st, COL_LOGO) &&
		    !(r->office.logo_version = strdup(db_col(st, COL_LOGO))))
			return -1;
	}
	if (!s->user_name || !s->user_email || !s->csrf || !s->cookie || !s->client_view ||
	    !r->office.name || !r->office.slug)
		return -1;
	if (keep)
		kept_put(r, k->hash, k->slug, auth_version, expires_in < idle_in ? expires_in : idle_in);
	return 0;
}

/* Two hours idle, 12 at most. */
static const struct session_realm staff = SESSION_REALM(SESSION_COOKIE,
	"sessions", "staff_users", "Session", 120, 12, load_sql, fill);

int session_load(struct request *r)
{
	struct session_key k;
	if (!session_key_read(r, &staff, &k))
		return 0;
	struct kept *kept = kept_find(k.hash, k.slug);
	if (kept) {
		int used = kept_use(r, kept, k.cookie);
		if (used != 0)
			return used;
	}
	return session_realm_load(r, &staff, &k);
}

int session_start(struct request *r, int64_t user_id)
{
	return session_realm_start(r, &staff, user_id);
}

int session_end(struct request *r)
{
	unsigned char hash[32];
	if (r->session && token_hash(r->session->cookie, hash))
		kept_forget(hash);
	return session_realm_end(r, &staff, r->session ? r->session->cookie : NULL);
}

int session_end_all(struct request *r, int64_t user_id)
{
	return session_realm_end_all(r->db, &staff, user_id);
}
