/* token: 256-bit random secrets as 64 hex characters, stored only as their SHA-256. */
#ifndef PORTAL_TOKEN_H
#define PORTAL_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_HEX 65   /* 64 hex characters + NUL */

void token_new(char out[TOKEN_HEX]);
/* SHA-256 of the token's text (what the database keeps). False unless 64 hex chars. */
bool token_hash(const char *token, unsigned char out[32]);
/* Constant-time comparison of two NUL-terminated strings (false if either is NULL). */
bool token_equal(const char *a, const char *b);

#endif
