/* signlink: the e-mailed links of "Atualizar cadastro". A payload names the office, the
 * client, the update request, the purpose and the expiry; the configured key signs it
 * (detached ed25519, GPGME); the link carries both, base64url: "<payload>.<signature>".
 * A link is good only with exactly one good signature by Gpg.Fingerprint, or by one of
 * Gpg.PreviousFingerprints (a rotated key whose public key the keyring keeps). The
 * database row of the request is checked too (lib/portal/update.h): a signature only
 * says the office made the link. */
#ifndef PORTAL_SIGNLINK_H
#define PORTAL_SIGNLINK_H

#include <stddef.h>
#include <stdint.h>

#define SIGNLINK_PURPOSE_MAX 24
#define SIGNLINK_TOKEN_MAX 1024   /* far above a real one (about 300 characters) */

struct signlink {
	int64_t office, client, request;
	char purpose[SIGNLINK_PURPOSE_MAX + 1];   /* "atualizar" */
	int64_t expires;                          /* Unix time */
};

/* Once per process (the worker, the portal): GPGME's version, locale and engine. 0 or -1. */
int signlink_init(void);

/* The signed token of p (malloc'd), signed by Gpg.Fingerprint in Gpg.Home; NULL on an
 * error (logged). Forks gpg once per link; the key is looked up once per process (and
 * again when Gpg.Fingerprint changes). */
char *signlink_make(const struct signlink *p);
/* The tokens of p[0..n) into tokens[] (each malloc'd), made by several gpg processes at
 * once. n, or -1 with every tokens[i] NULL (an error, logged). */
int signlink_make_many(const struct signlink *p, size_t n, char **tokens);
/* Releases the process's signing context (at exit, or to make the next link look the
 * key up again). */
void signlink_end(void);

/* Reads a token without checking its signature: 0 with *p filled, -1 when it is not one
 * (outside input: any bytes; fuzzed). */
int signlink_parse(const char *token, struct signlink *p);

/* Parses and verifies: 1 good (and *p filled), 0 refused (malformed, tampered, no or
 * several signatures, another key), -1 when GPGME fails to run. */
int signlink_verify(const char *token, struct signlink *p);

#endif
