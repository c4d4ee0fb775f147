#include "acesso/totp.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <sodium.h>

#include "base/strbuf.h"
#include "web/urlenc.h"

static int ready(void)
{
	static bool done;
	if (!done && oath_init() == OATH_OK)
		done = true;
	return done ? 0 : -1;
}

void totp_secret_new(unsigned char out[TOTP_SECRET_BYTES])
{
	randombytes_buf(out, TOTP_SECRET_BYTES);
}

char *totp_base32(const unsigned char *secret, size_t len)
{
	char *b32 = NULL;
	size_t n = 0;
	if (ready() < 0 || oath_base32_encode((const char *)secret, len, &b32, &n) != OATH_OK)
		return NULL;
	while (n && b32[n - 1] == '=')
		b32[--n] = '\0';
	return b32;
}

char *totp_uri(const char *issuer, const char *account, const unsigned char *secret,
	       size_t len)
{
	char *b32 = totp_base32(secret, len);
	char *is = urlenc_encode(issuer), *ac = urlenc_encode(account);
	struct strbuf u = STRBUF_INIT;
	if (b32 && is && ac)
		sb_printf(&u, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1"
			  "&digits=%d&period=%d", is, ac, b32, is, TOTP_DIGITS, TOTP_STEP);
	free(b32);
	free(is);
	free(ac);
	if (!u.len) {
		sb_free(&u);
		return NULL;
	}
	return sb_detach(&u);
}

int totp_code(const unsigned char *secret, size_t len, time_t now, unsigned digits,
	      char *out)
{
	if (ready() < 0 || (digits != 6 && digits != 7 && digits != 8))
		return -1;
	return oath_totp_generate((const char *)secret, len, now, TOTP_STEP,
				  OATH_TOTP_DEFAULT_START_TIME, digits, out) == OATH_OK ? 0 : -1;
}

int totp_verify(const unsigned char *secret, size_t len, time_t now, const char *code,
		uint64_t *counter)
{
	char c[TOTP_DIGITS + 1];
	if (!totp_normalise(code, c))
		return 0;
	if (ready() < 0)
		return -1;
	int pos = 0;
	uint64_t step = 0;
	int rc = oath_totp_validate3((const char *)secret, len, now, TOTP_STEP,
				     OATH_TOTP_DEFAULT_START_TIME, 1, &pos, &step, c);
	if (rc >= 0) {
		*counter = step;
		return 1;
	}
	return rc == OATH_INVALID_OTP ? 0 : -1;
}

int totp_normalise(const char *typed, char out[TOTP_DIGITS + 1])
{
	size_t n = 0;
	for (const char *p = typed; p && *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
			return 0;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == TOTP_DIGITS;
}
