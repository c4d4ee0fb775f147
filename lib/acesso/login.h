/* login: the throttle of logins, for both realms (the staff's and the portal's clients):
 * every attempt is a row of login_attempts; too many failures of one account of a realm,
 * or of one address in either realm, within Login.WindowMinutes refuse the next. */
#ifndef PORTAL_LOGIN_H
#define PORTAL_LOGIN_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

#define LOGIN_STAFF "staff"
#define LOGIN_PORTAL "portal"

/* 1 when this account (login, of r->office and realm) or this address failed too often
 * lately, 0 if not, -1 on error. */
int login_throttled(struct request *r, const char *realm, const char *login);
/* Records an attempt (in the caller's transaction, if any). 0 or -1. */
int login_record_attempt(struct request *r, const char *realm, const char *login, bool success);

/* The steps a password login takes in either realm. */
enum login_result {
	LOGIN_FAILED = -1,   /* a database error */
	LOGIN_REFUSED,       /* no such account, or the wrong password: one answer for both */
	LOGIN_THROTTLED,     /* too many failures lately: nothing was checked */
	LOGIN_OK,
};
struct login_account {
	int64_t id;
	bool flag;   /* the lookup's third column, when it has one (staff: a second factor) */
};
/* Unless throttled: finds the account by account_sql (bound: the office, the login; its
 * columns: id, password hash[, a flag]), checks the password (the hash is computed even
 * without an account, so the answer takes as long), then opens a transaction and
 * records the attempt in it. On LOGIN_OK and LOGIN_REFUSED the caller ends that
 * transaction (starting the session in it on LOGIN_OK). */
enum login_result login_check(struct request *r, const char *realm, const char *account_sql,
			      const char *login, const char *password, struct login_account *out);
/* The page's message for LOGIN_REFUSED or LOGIN_THROTTLED, and its HTTP status. */
int login_refusal(struct request *r, enum login_result why);
/* 1 when count_sql (bound: the account's id; one count) says the account was sent
 * Login.MaxResetMailsPerHour reset links or more in the last hour (a stranger who knows an
 * address must not be able to flood its mailbox), 0 if not, -1 on error. */
int login_reset_mails_exceeded(struct request *r, const char *count_sql, int64_t user_id);

#endif
