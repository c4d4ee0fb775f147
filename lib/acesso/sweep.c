#include "acesso/sweep.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/config.h"
#include "base/log.h"

/* Rows a statement deletes (the LIMIT of each): short statements, short locks. */
#define BATCH 1000
#define LIMIT " LIMIT 1000"

static const struct {
	const char *what;
	const char *sql;     /* one bound parameter at most: the idle minutes */
	const char *idle;    /* the configuration key of those minutes (NULL: none bound) */
	int64_t idle_default;
} sweeps[] = {
	{ "sessions", "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP(6)"
		      " OR last_seen_at < UTC_TIMESTAMP(6) - INTERVAL ? MINUTE" LIMIT,
	  "Session.IdleMinutes", 120 },
	{ "portal sessions", "DELETE FROM portal_sessions WHERE expires_at < UTC_TIMESTAMP(6)"
			     " OR last_seen_at < UTC_TIMESTAMP(6) - INTERVAL ? MINUTE" LIMIT,
	  "Portal.IdleMinutes", 30 },
	/* Kept a while after expiry: the profile tells "link expirou" from them. */
	{ "portal links", "DELETE FROM portal_tokens"
			  " WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL 30 DAY" LIMIT, NULL, 0 },
	{ "login challenges", "DELETE FROM login_challenges WHERE expires_at < UTC_TIMESTAMP(6)"
			      LIMIT, NULL, 0 },
	{ "password links", "DELETE FROM password_tokens"
			    " WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL 7 DAY" LIMIT, NULL, 0 },
	{ "link counts", "DELETE FROM link_rate WHERE slot < UNIX_TIMESTAMP() - 3600" LIMIT, NULL, 0 },
	{ "login attempts", "DELETE FROM login_attempts WHERE at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY"
			    LIMIT, NULL, 0 },
	/* A selection handed from the registry to another page lives a day (its items go
	 * with it: ON DELETE CASCADE). */
	{ "selections", "DELETE FROM selections WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY"
			LIMIT, NULL, 0 },
};

long sweep_expired(struct db *db)
{
	long total = 0;
	for (size_t i = 0; i < sizeof sweeps / sizeof *sweeps; i++) {
		uint64_t got;
		do {
			struct db_stmt *st = db_prepare(db, sweeps[i].sql);
			if (!st)
				return -1;
			if (sweeps[i].idle)
				db_bind_i64(st, 0, config_int(sweeps[i].idle, sweeps[i].idle_default));
			if (db_exec(st) < 0) {
				log_error("", "sweep: %s: %s", sweeps[i].what, db_error(db));
				return -1;
			}
			got = db_affected(st);
			total += (long)got;
		} while (got == BATCH);
	}
	return total;
}

/* Measured on the monotonic clock: a wall clock set back (an NTP step, a hand
 * correction) must not hold the sweeps back for as long as it went back, nor one set
 * forward bring them closer together (issue 27, F-7). */
int sweep_due(struct db *db)
{
	static bool swept;
	static time_t last;
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return -1;
	time_t now = ts.tv_sec;
	int64_t every = config_int("Worker.SweepSeconds", 60);
	if (swept && now - last < every)
		return 0;
	long n = sweep_expired(db);
	if (n < 0)
		return -1;
	last = now;
	swept = true;
	if (n > 0)
		log_error("", "sweep: %ld expired rows deleted", n);
	return 0;
}
