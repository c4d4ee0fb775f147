/* session: staff sessions in MariaDB, the staff realm of web/session_realm.h (the browser
 * holds 256 random bits, the database their SHA-256), idle and absolute expiry, the CSRF
 * token of each session; a worker keeps a checked session for a minute (session.c). */
#ifndef PORTAL_SESSION_H
#define PORTAL_SESSION_H

#include <stdint.h>

#include "web/request.h"

#define SESSION_COOKIE "sessao"
#define CSRF_COOKIE "csrf"

/* Loads the session named by the request's cookie for the request's office host; on
 * success r->session and r->office are set. Returns 1 (found), 0 (none or expired), -1. */
int session_load(struct request *r);
/* Starts a session for user_id in r->office, sets the cookie. 0 or -1. */
int session_start(struct request *r, int64_t user_id);
/* Deletes the current session server-side and clears the cookie. */
int session_end(struct request *r);
/* Deletes every session of a user (after a password change). */
int session_end_all(struct request *r, int64_t user_id);

#endif
