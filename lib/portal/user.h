/* portal user: the logins of a client on the portal (several per client: owner,
 * bookkeeper...), and the e-mailed single-use links that set their passwords — from the
 * office ("Enviar e-mail com dados de acesso", 72 hours) or asked by the client
 * (forgotten password, 1 hour). Never a password in an e-mail. Used by the registry's
 * pages and bulk job, and by the portal. */
#ifndef PORTAL_PORTAL_USER_H
#define PORTAL_PORTAL_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

#define PORTAL_LINK_ACCESS "access"
#define PORTAL_LINK_RESET "reset"

/* Adds a login (no password yet) for a client of r->office, in the caller's
 * transaction, audited. The new id; 0 when the e-mail is already a login in the office
 * (*taken_by, when given, gets that login's client id); -1 on error. */
int64_t portal_user_add(struct request *r, int64_t client_id, const char *name,
			const char *email, int64_t *taken_by);

/* A new link for the login (its earlier unused links stop working) and its message in
 * the outbox (text and HTML: the office, the portal's address, the login, a button), in
 * the caller's transaction, audited. purpose PORTAL_LINK_ACCESS or PORTAL_LINK_RESET.
 * Refused (0) for a blocked login or a client in the trash. 1 sent, 0 refused, -1. */
int portal_link_mail(struct request *r, int64_t user_id, const char *purpose);

/* Gives the client (of r->office) access with email: a new login named after its
 * contact (else its name), or — when the e-mail already is this client's login — that
 * login; then sends its link, in the caller's transaction. What happened, or -1. */
enum portal_grant {
	PORTAL_GRANT_TAKEN,       /* the e-mail is another client's login: nothing done */
	PORTAL_GRANT_SENT,
	PORTAL_GRANT_BLOCKED,     /* this client's login, blocked: nothing sent */
	PORTAL_GRANT_HAS_ACCESS,  /* only_new, and the login already has a password */
};
struct client;
int portal_grant(struct request *r, const struct client *c, const char *email, bool only_new);

/* Whether user_id is a login of the client (of r->office) that links may be sent to (not
 * blocked): 1, 0, -1. */
int portal_user_of(struct request *r, int64_t client_id, int64_t user_id);

/* Blocks (no login, no link, its sessions end) or unblocks a login of the client. Audited.
 * 1 changed, 0 no such login of that client (or already so), -1. */
int portal_user_block(struct request *r, int64_t client_id, int64_t user_id, bool blocked);

/* The client's logins into the page data under prefix (prefix.N.id, name, email,
 * status, last_login, sent, delivered, used), for the staff profile. The count or -1. */
int portal_users_to_page(struct request *r, int64_t client_id, const char *prefix);

/* What a link is: > 0 the login it sets the password of (usable: not used, replaced or
 * expired, login not blocked, client not in the trash), 0 unusable (*why: "usado",
 * "substituido", "expirado" or "invalido"), -1. With lock, the row is locked for the
 * transaction that uses it. *reset (may be NULL): whether it is a forgotten password's. */
int64_t portal_link_check(struct request *r, const char *token, bool lock, const char **why,
			  bool *reset);
/* Uses the link: sets the login's password (an argon2id hash), marks the link used and
 * ends the login's sessions; audited. In the caller's transaction, after
 * portal_link_check with lock. 0 or -1. */
int portal_link_use(struct request *r, const char *token, int64_t user_id, const char *hash);

#endif
