/* libFuzzer target for lib/colmap.c: the input's lines are a header row (and its first
 * two lines also the office's custom attributes); every guess must be a real target, and
 * no target but "not imported" may go to two columns.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "colmap.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)
#define MAX_HEADERS 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	const char *headers[MAX_HEADERS];
	size_t n = 0;
	for (char *p = text; n < MAX_HEADERS;) {
		headers[n++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	size_t ncustom = n < 2 ? n : 2;
	struct colmap_target out[MAX_HEADERS];
	colmap_guess(headers, n, headers, ncustom, out);
	for (size_t i = 0; i < n; i++) {
		CHECK(out[i].kind >= COLMAP_NONE && out[i].kind <= COLMAP_SECRET);
		if (out[i].kind == COLMAP_FIELD)
			CHECK(out[i].field >= 0 && out[i].field < CLIENT_NCOLS);
		if (out[i].kind == COLMAP_CUSTOM)
			CHECK(out[i].custom < ncustom);
		CHECK(colmap_label(&out[i], headers, ncustom) != NULL);
		if (out[i].kind == COLMAP_NONE || out[i].kind == COLMAP_SECRET)
			continue;
		for (size_t j = i + 1; j < n; j++)
			CHECK(out[j].kind != out[i].kind || out[j].field != out[i].field ||
			      out[j].custom != out[i].custom);
	}
	char key[64];
	for (size_t i = 0; i < n; i++)
		CHECK(colmap_fold(headers[i], key, sizeof key) == strlen(key));
	free(text);
	return 0;
}
