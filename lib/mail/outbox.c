#include "mail/outbox.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "base/config.h"
#include "base/db.h"
#include "base/log.h"
#include "mail/mail.h"
#include "base/strbuf.h"
#include "br/valid.h"

#define BACKOFF_MAX_SECONDS 3600
#define LAST_ERROR_MAX 500        /* outbox.last_error is VARCHAR(500); err is ASCII */
#define WORKER_BATCH 50           /* messages per round between database checks */
#define SLEEP_STEP_MS 50
#define ERROR_PAUSE_MAX_MS 5000
#define MESSAGE_ID_BYTES 16       /* outbox.message_id is CHAR(32): their hex */

static const char SQL_ENQUEUE[] =
	"INSERT INTO outbox (office_id, to_address, to_name, subject, body_text, body_html,"
	" message_id, created_at, next_attempt_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";

/* Read committed: the claim takes no gap locks, so it never holds up the requests that
 * insert outbox rows while a worker waits on the SMTP server. */
static const char SQL_ISOLATION[] = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

static const char SQL_CLAIM[] =
	"SELECT id, to_address, to_name, subject, body_text, attempts, body_html, message_id"
	" FROM outbox"
	" WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP(6)"
	" ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";

static const char SQL_SENT[] =
	"UPDATE outbox SET sent_at = UTC_TIMESTAMP(6) WHERE id = ?";

static const char SQL_FAILED[] =
	"UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
	" next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND WHERE id = ?";

/* A permanent refusal: no more attempts; staff see failed_at and last_error. */
static const char SQL_GAVE_UP[] =
	"UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed_at = UTC_TIMESTAMP(6)"
	" WHERE id = ?";

int64_t outbox_enqueue(struct db *db, int64_t office_id, const char *to_addr,
		       const char *to_name, const char *subject, const char *body_text,
		       const char *body_html)
{
	if (!db || !subject || !body_text ||
	    mail_check(to_addr, to_name, subject, body_text, body_html) < 0) {
		log_error("", "outbox: message refused (invalid recipient, name, subject, text"
			  " or HTML)");
		return -1;
	}
	/* The Message-ID's local part, fixed now: every attempt sends the same one. */
	unsigned char rnd[MESSAGE_ID_BYTES];
	char message_id[MESSAGE_ID_BYTES * 2 + 1];
	if (sodium_init() < 0)
		return -1;
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(message_id, sizeof message_id, rnd, sizeof rnd);

	struct db_stmt *st = db_prepare(db, SQL_ENQUEUE);
	if (!st)
		return -1;
	if (office_id > 0)
		db_bind_i64(st, 0, office_id);
	else
		db_bind_null(st, 0);
	db_bind_str(st, 1, to_addr);
	db_bind_str(st, 2, to_name ? to_name : "");
	db_bind_str(st, 3, subject);
	db_bind_str(st, 4, body_text);
	db_bind_str(st, 5, body_html && *body_html ? body_html : NULL);   /* NULL binds NULL */
	db_bind_str(st, 6, message_id);
	if (db_exec(st) < 0)
		return -1;
	uint64_t id = db_insert_id(st);
	return id > 0 && id <= INT64_MAX ? (int64_t)id : -1;
}

/* RetrySeconds * 2^attempts, at most BACKOFF_MAX_SECONDS, at least 1 second. */
static int64_t backoff_seconds(int64_t retry, int64_t attempts)
{
	if (retry < 1)
		retry = 1;
	int64_t d = retry < BACKOFF_MAX_SECONDS ? retry : BACKOFF_MAX_SECONDS;
	for (int64_t k = 0; k < attempts && d < BACKOFF_MAX_SECONDS; k++)
		d *= 2;
	return d < BACKOFF_MAX_SECONDS ? d : BACKOFF_MAX_SECONDS;
}

struct mail_conf {
	const char *url, *user, *password, *from_addr, *from_name;
	int64_t retry;
};

static int load_conf(struct mail_conf *mc)
{
	mc->url = config_str("Mail.SmtpUrl", NULL);
	mc->user = config_str("Mail.Username", NULL);
	mc->password = config_str("Mail.Password", NULL);
	mc->from_addr = config_str("Mail.FromAddress", NULL);
	mc->from_name = config_str("Mail.FromName", NULL);
	mc->retry = config_int("Mail.RetrySeconds", 60);
	if (!mc->url || !mc->from_addr || !valid_email(mc->from_addr, strlen(mc->from_addr))) {
		log_error("", "outbox: Mail.SmtpUrl or Mail.FromAddress is missing or invalid;"
			  " nothing delivered");
		return -1;
	}
	return 0;
}

/* One message: claim, build, send, record, commit. 1 when one was handled, 0 when none
 * was due, -1 on a database error. *ok tells whether it was delivered. A message whose
 * worker dies after the server took it but before its row is updated is sent again on
 * the next claim, with the same Message-ID (outbox.message_id): the receiver, and a
 * reader, can tell it is the same message. */
static int deliver_one(struct db *db, const struct mail_conf *mc, bool *ok)
{
	struct strbuf msg = STRBUF_INIT;
	char err[LAST_ERROR_MAX + 1];
	int ret = -1;

	*ok = false;
	if (db_exec_script(db, SQL_ISOLATION, sizeof SQL_ISOLATION - 1) < 0 || db_begin(db) < 0)
		return -1;
	struct db_stmt *claim = db_prepare(db, SQL_CLAIM);
	if (!claim || db_exec(claim) < 0)
		goto fail;
	int r = db_fetch(claim);
	if (r < 0)
		goto fail;
	if (r == 0) {
		ret = db_commit(db) < 0 ? -1 : 0;
		goto out;
	}
	/* The claim's column buffers stay valid while the other statements run. */
	int64_t id = db_col_i64(claim, 0);
	const char *to_addr = db_col(claim, 1);
	const char *to_name = db_col(claim, 2);
	int64_t attempts = db_col_i64(claim, 5);

	/* body_html is NULL (SQL NULL) for a text-only message. */
	/* body_html is NULL (SQL NULL) for a text-only message; message_id '' (a row of
	 * before migration 028 already sent) gets a random one. */
	bool permanent = false;
	if (mail_build_id(&msg, mc->from_addr, mc->from_name, to_addr, to_name,
			  db_col(claim, 3), db_col(claim, 4), db_col(claim, 6), db_col(claim, 7),
			  NULL) < 0) {
		/* Rows are checked on enqueue: a row edited by hand, or no memory. */
		snprintf(err, sizeof err, "%s",
			 "cannot build the message (address, header or text invalid)");
	} else {
		int sr = mail_send(mc->url, mc->user, mc->password, mc->from_addr, to_addr, &msg,
				   err, sizeof err);
		*ok = sr == 0;
		permanent = sr == MAIL_PERMANENT;
	}

	struct db_stmt *upd;
	int64_t delay = 0;
	if (*ok) {
		upd = db_prepare(db, SQL_SENT);
		db_bind_i64(upd, 0, id);
	} else if (permanent) {
		upd = db_prepare(db, SQL_GAVE_UP);
		db_bind_str(upd, 0, err);
		db_bind_i64(upd, 1, id);
	} else {
		delay = backoff_seconds(mc->retry, attempts);
		upd = db_prepare(db, SQL_FAILED);
		db_bind_str(upd, 0, err);
		db_bind_i64(upd, 1, delay);
		db_bind_i64(upd, 2, id);
	}
	if (!upd || db_exec(upd) < 0 || db_commit(db) < 0) {
		log_error("", "outbox: message %lld %s but its row could not be updated%s",
			  (long long)id, *ok ? "was sent" : "failed",
			  *ok ? " (it may be sent again)" : "");
		goto fail;
	}
	if (*ok)
		log_error("", "outbox: message %lld sent to %s (attempt %lld)", (long long)id,
			  to_addr ? to_addr : "", (long long)attempts + 1);
	else if (permanent)
		log_error("", "outbox: message %lld to %s refused for good (attempt %lld): %s;"
			  " marked failed", (long long)id, to_addr ? to_addr : "",
			  (long long)attempts + 1, err);
	else
		log_error("", "outbox: message %lld to %s failed (attempt %lld): %s;"
			  " next try in %lld s", (long long)id, to_addr ? to_addr : "",
			  (long long)attempts + 1, err, (long long)delay);
	ret = 1;
	goto out;
fail:
	db_rollback(db);
	ret = -1;
out:
	sb_free(&msg);
	return ret;
}

/* Delivers up to max; *tried counts the rows handled (sent or rescheduled). */
static int deliver_due(struct db *db, int max, int *sent, int *tried,
		       volatile sig_atomic_t *stop)
{
	struct mail_conf mc;

	*sent = 0;
	*tried = 0;
	if (!db)
		return -1;
	if (load_conf(&mc) < 0)
		return -1;
	while (*tried < max && !(stop && *stop)) {
		bool ok;
		int r = deliver_one(db, &mc, &ok);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		(*tried)++;
		if (ok)
			(*sent)++;
	}
	return 0;
}

int outbox_deliver_due(struct db *db, int max, int *sent)
{
	int s, t;
	int r = deliver_due(db, max, &s, &t, NULL);

	if (sent)
		*sent = s;
	return r;
}

/* Sleeps ms milliseconds in steps of SLEEP_STEP_MS, returning early once *stop is set. */
static void nap(int64_t ms, volatile sig_atomic_t *stop)
{
	while (ms > 0 && !*stop) {
		int64_t step = ms < SLEEP_STEP_MS ? ms : SLEEP_STEP_MS;
		struct timespec ts = { 0, (long)step * 1000000L };
		/* A signal ends the nap early (EINTR): the loop looks at *stop again. */
		nanosleep(&ts, NULL);
		ms -= step;
	}
}

int outbox_worker_loop(struct db *db, volatile sig_atomic_t *stop, bool deliver,
		       int (*also)(struct db *db))
{
	int64_t poll = config_int("Mail.PollMillis", 500);
	if (poll < 1)
		poll = 1;
	if (poll > 60000)
		poll = 60000;

	/* After a failed round (database down, configuration missing) wait longer each
	 * time, up to ERROR_PAUSE_MAX_MS, so the error log is not flooded. */
	int64_t pause = poll;

	log_error("", "%s: worker started (poll %lld ms)", deliver ? "outbox" : "jobs",
		  (long long)poll);
	while (!*stop) {
		int sent = 0, tried = 0, other = 0;
		if (db_request_start(db) < 0 ||
		    (deliver && deliver_due(db, WORKER_BATCH, &sent, &tried, stop) < 0) ||
		    (also && (other = also(db)) < 0)) {
			nap(pause, stop);
			pause = pause * 2 < ERROR_PAUSE_MAX_MS ? pause * 2 : ERROR_PAUSE_MAX_MS;
			if (pause < poll)
				pause = poll;
			continue;
		}
		pause = poll;
		if (tried == 0 && other == 0)
			nap(poll, stop);
	}
	log_error("", "%s: worker stopped", deliver ? "outbox" : "jobs");
	return 0;
}
