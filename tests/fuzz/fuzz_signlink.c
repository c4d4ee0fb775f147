/* libFuzzer target for lib/portal/signlink.c: signlink_parse on any bytes (the token of an
 * update link comes from the address bar), with what must hold of what it accepts.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "portal/signlink.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *token = malloc(size + 1);
	if (!token)
		return 0;
	memcpy(token, data, size);
	token[size] = '\0';
	struct signlink p;
	if (signlink_parse(token, &p) == 0) {
		CHECK(p.office > 0 && p.client > 0 && p.request > 0 && p.expires > 0);
		size_t n = strlen(p.purpose);
		CHECK(n > 0 && n <= SIGNLINK_PURPOSE_MAX);
		for (size_t i = 0; i < n; i++)
			CHECK(p.purpose[i] >= 'a' && p.purpose[i] <= 'z');
		CHECK(strchr(token, '.') != NULL);
	}
	free(token);
	return 0;
}
