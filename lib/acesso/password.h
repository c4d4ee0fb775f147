/* password: argon2id hashes (libsodium) and the password policy. */
#ifndef PORTAL_PASSWORD_H
#define PORTAL_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_MIN_CHARS 8
#define PASSWORD_MAX_CHARS 128

/* A malloc'd argon2id string, or NULL. Costs about 70 ms: only on login paths. */
char *password_hash(const char *password);
/* True when password matches hash. A NULL hash still spends the time of a check, so an
 * unknown account answers as slowly as a known one. */
bool password_verify(const char *hash, const char *password);
/* NULL when the password is acceptable, else the reason in Portuguese. */
const char *password_policy(const char *password, size_t len);

#endif
