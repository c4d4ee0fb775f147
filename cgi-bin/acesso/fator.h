/* fator: the second factor of a member: the TOTP secret's life (set up, confirmed,
 * reset), codes checked once, recovery codes. Shared by the login's second step and
 * the account pages. */
#ifndef ACESSO_FATOR_H
#define ACESSO_FATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

#define RECOVERY_CODES 10
#define RECOVERY_CHARS 12            /* 60 bits: xxxx-xxxx-xxxx */
#define RECOVERY_SHOWN (RECOVERY_CHARS + 3)

/* A code typed at login: a TOTP code of the member's confirmed secret, never accepted
 * twice, or one of their unused recovery codes (used up). *how gets "aplicativo" or
 * "código de recuperação". 1 accepted, 0 not, -1 on error. Inside a transaction. */
int fator_check_login(struct request *r, int64_t user_id, const char *typed, const char **how);

/* Ten new recovery codes (the old ones are deleted), stored hashed; shown[i] gets each
 * as xxxx-xxxx-xxxx to show once. 0 or -1. Inside a transaction. */
int fator_new_recovery(struct request *r, int64_t user_id,
		       char shown[RECOVERY_CODES][RECOVERY_SHOWN + 1]);

/* Removes a member's second factor (secret, pending secret, recovery codes). 0 or -1. */
int fator_remove(struct request *r, int64_t user_id);

#endif
