/* portal_session: the sessions of the office's clients on /portal, a realm apart from
 * the staff's (lib/web/session.h) through the same mechanism (web/session_realm.h): their
 * own table, cookie and expiry. A staff cookie never opens the portal, and this one never
 * a staff page (only the portal program reads it). */
#ifndef PORTAL_PORTAL_SESSION_H
#define PORTAL_PORTAL_SESSION_H

#include <stdint.h>

#include "web/request.h"

#define PORTAL_SESSION_COOKIE "portal"

/* Loads the client session the request's cookie names, for the request's office host:
 * the login must not be blocked, nor its client in the trash. On success r->client and
 * r->office are set. 1 (found), 0 (none or expired), -1. */
int portal_session_load(struct request *r);
/* Starts a session for the portal user (of r->office) and sets the cookie. 0 or -1. */
int portal_session_start(struct request *r, int64_t user_id);
/* Ends the current session (server side) and clears the cookie. 0 or -1. */
int portal_session_end(struct request *r);
/* Ends every session of a portal user (a new password, a block). 0 or -1. */
int portal_session_end_all(struct db *db, int64_t user_id);

#endif
