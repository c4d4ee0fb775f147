/* staff: the office's team as the staff pages (/equipe) and the operator's command
 * (portalctl office create) both change it: a member is invited with no password and an
 * e-mailed single-use link (72 hours) to choose one. Never a password in an e-mail. */
#ifndef PORTAL_STAFF_H
#define PORTAL_STAFF_H

#include <stdint.h>

#include "web/request.h"

#define STAFF_INVITE_HOURS 72

/* Inserts an invited member (no password yet). The new id, 0 when the e-mail is
 * already a member of the office, -1 on error. Inside the caller's transaction. */
int64_t staff_insert_invited(struct db *db, int64_t office_id, const char *name,
			     const char *email, const char *role);

/* A new invitation link for the member (earlier unused ones stop working) and its
 * e-mail in the outbox: inviter is who invited (NULL: the office was just created, the
 * member is its first admin). Inside the caller's transaction. 0 or -1. */
int staff_invite_mail(struct db *db, const struct office *o, int64_t user_id,
		      const char *name, const char *email, const char *inviter);

#endif
