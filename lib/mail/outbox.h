/* outbox: mail is written to the outbox table in the transaction that causes it and
 * delivered later by the worker (lib/mail/mail.h), with retries and back-off. A mail server
 * that is down loses nothing; several workers may deliver at once (rows are claimed
 * with SELECT ... FOR UPDATE SKIP LOCKED). Delivery is at least once: a message whose
 * SMTP transfer succeeded but whose COMMIT was lost is sent again. */
#ifndef PORTAL_OUTBOX_H
#define PORTAL_OUTBOX_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct db;

/* Queues one message, due now, inside the CALLER's transaction (no begin/commit here,
 * so it is sent only if the caller commits). office_id <= 0 stores NULL (mail of no
 * office). to_name may be NULL or "". body_html is the optional HTML alternative (NULL
 * or "" stores NULL: a text-only message). Rejected (-1, nothing written) when
 * mail_check() refuses the recipient, name, subject or bodies (bad address, CR/LF in a
 * header value, text or HTML that is not UTF-8), or on a database error, which includes
 * values longer than the columns (to_address 254 bytes, to_name 200 and subject 300
 * characters: strict mode refuses them). Returns the new outbox row's id (> 0) on
 * success. */
int64_t outbox_enqueue(struct db *db, int64_t office_id, const char *to_addr,
		       const char *to_name, const char *subject, const char *body_text,
		       const char *body_html);

/* Delivers up to max due messages, each in its own transaction: claims the oldest due
 * row (FOR UPDATE SKIP LOCKED), builds and sends it, then sets sent_at, or on failure
 * adds an attempt, stores the reason in last_error and reschedules it after
 * Mail.RetrySeconds * 2^(failed attempts so far) seconds, at most 3600; a permanent
 * refusal (mail_send's MAIL_PERMANENT: a 5xx) is not retried: failed_at is set.
 * Every attempt at one message carries the Message-ID chosen at enqueue. Uses Mail.SmtpUrl,
 * Mail.Username, Mail.Password, Mail.FromAddress, Mail.FromName. *sent (may be NULL)
 * gets the number delivered. Returns 0 (even if some sends failed); -1 on a database
 * error (the current transaction is rolled back, the row stays due) or when
 * Mail.SmtpUrl / Mail.FromAddress is missing or invalid (nothing is claimed, so no
 * attempt is spent on a configuration mistake). */
int outbox_deliver_due(struct db *db, int max, int *sent);

/* The worker: until *stop becomes non-zero, calls db_request_start(db) and, when
 * deliver, delivers what is due, up to 50 messages a round (*stop is checked between
 * messages), then calls also(db) when given (the worker's other work, such as jobs_work:
 * > 0 when it did some, 0 when it had none, -1 on an error). When neither had anything to do it
 * sleeps Mail.PollMillis (default 500); after a failed round
 * (database down, Mail.* missing) twice as long each time, up to 5 s. It sleeps in
 * steps of at most 50 ms, so a signal handler setting *stop is honoured within about
 * 50 ms while idle (a transfer in progress finishes first: at most 60 s). Each delivery
 * and failure is logged with log_error. Returns 0. The caller installs the SIGTERM
 * handler that sets *stop, and calls sodium_init() and curl_global_init() first (or
 * lets lib/mail/mail.c do both lazily). */
int outbox_worker_loop(struct db *db, volatile sig_atomic_t *stop, bool deliver,
		       int (*also)(struct db *db));

#endif
