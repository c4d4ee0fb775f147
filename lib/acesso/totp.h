/* totp: time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits)
 * through Debian's liboath, and the otpauth:// URI authenticator apps read. */
#ifndef PORTAL_TOTP_H
#define PORTAL_TOTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20   /* 160 bits, as RFC 4226 recommends */
#define TOTP_DIGITS 6
#define TOTP_STEP 30

void totp_secret_new(unsigned char out[TOTP_SECRET_BYTES]);
/* The secret in base32 without padding, as apps take it typed (malloc'd, NULL on error). */
char *totp_base32(const unsigned char *secret, size_t len);
/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&... (malloc'd). */
char *totp_uri(const char *issuer, const char *account, const unsigned char *secret,
	       size_t len);
/* The code of `digits` digits for time `now` into out (digits + 1 bytes). 0 or -1. */
int totp_code(const unsigned char *secret, size_t len, time_t now, unsigned digits,
	      char *out);
/* Whether code (6 digits) is the code of now's step or of one step either side: 1 and
 * the step's counter in *counter, 0 when it is none of them, -1 on error. The caller
 * refuses a counter not above the last one accepted (each code is accepted once). */
int totp_verify(const unsigned char *secret, size_t len, time_t now, const char *code,
		uint64_t *counter);
/* A code as typed ("123 456", "123-456") to its 6 digits in out[7]; false if it is not. */
int totp_normalise(const char *typed, char out[TOTP_DIGITS + 1]);

#endif
