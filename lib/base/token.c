#include "base/token.h"

#include <string.h>

#include <sodium.h>

void token_new(char out[TOKEN_HEX])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, TOKEN_HEX, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

bool token_hash(const char *token, unsigned char out[32])
{
	if (!token || strlen(token) != 64)
		return false;
	for (size_t i = 0; i < 64; i++) {
		char c = token[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	crypto_hash_sha256(out, (const unsigned char *)token, 64);
	return true;
}

bool token_equal(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb || la == 0)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
