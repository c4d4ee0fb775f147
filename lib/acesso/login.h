/* login: the throttle of logins, for both realms (the staff's and the portal's clients):
 * every attempt is a row of login_attempts; too many failures of one account of a realm,
 * or of one address in either realm, within Login.WindowMinutes refuse the next. */
#ifndef PORTAL_LOGIN_H
#define PORTAL_LOGIN_H

#include <stdbool.h>

#include "web/request.h"

#define LOGIN_STAFF "staff"
#define LOGIN_PORTAL "portal"

/* 1 when this account (login, of r->office and realm) or this address failed too often
 * lately, 0 if not, -1 on error. */
int login_throttled(struct request *r, const char *realm, const char *login);
/* Records an attempt (in the caller's transaction, if any). 0 or -1. */
int login_record_attempt(struct request *r, const char *realm, const char *login, bool success);

#endif
