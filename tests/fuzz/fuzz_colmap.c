/* libFuzzer target for the import's mapper, lib/importacao/colmap.c, lib/importacao/importrow.c
 * and lib/importacao/mapping.c: the input's lines are a header row (its first two lines also
 * the office's custom attributes) and, the same lines, a data row. Every guess must be a
 * real target, no target but "not imported" may go to two columns, and the row must build
 * and go through the form. The whole input is also a stored mapping (and each line a
 * column's choice from the mapping form, as a person could send it): what it parses to
 * must be real targets that format and parse back the same.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro/client.h"
#include "br/doc.h"
#include "importacao/colmap.h"
#include "importacao/importrow.h"
#include "importacao/mapping.h"

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
	/* The same lines as a row; the row one cell short when there are several. */
	const struct importrow_defaults d = { true, { true, false, false, false } };
	struct importrow row;
	CHECK(importrow_build(&row, out, n, headers, n > 1 ? n - 1 : n, NULL, &d) == 0);
	struct client c;
	struct client_errors errs;
	memset(&c, 0, sizeof c);
	CHECK(client_from_fields(&c, &row.form, &errs) == 0);
	CHECK(row.nerrors <= n);
	client_free(&c);
	importrow_free(&row);
	/* The input as a stored mapping and as one column's choice, with two attributes. */
	struct custom_set extra;
	memset(&extra, 0, sizeof extra);
	extra.n = 2;
	extra.f[0].id = 12;
	extra.f[1].id = 3456;
	memcpy(text, data, size);   /* whole again: the lines were cut above */
	struct colmap_target parsed[MAX_HEADERS], again[MAX_HEADERS];
	mapping_parse(text, &extra, parsed, MAX_HEADERS);
	struct strbuf stored = STRBUF_INIT;
	CHECK(mapping_format(&stored, parsed, MAX_HEADERS, &extra) == 0);
	mapping_parse(sb_str(&stored), &extra, again, MAX_HEADERS);
	for (size_t i = 0; i < MAX_HEADERS; i++) {
		CHECK(parsed[i].kind >= COLMAP_NONE && parsed[i].kind <= COLMAP_SECRET);
		if (parsed[i].kind == COLMAP_FIELD)
			CHECK(parsed[i].field >= 0 && parsed[i].field < CLIENT_NCOLS);
		if (parsed[i].kind == COLMAP_CUSTOM)
			CHECK(parsed[i].custom < extra.n);
		CHECK(again[i].kind == parsed[i].kind);
		CHECK(parsed[i].kind != COLMAP_FIELD || again[i].field == parsed[i].field);
		CHECK(parsed[i].kind != COLMAP_CUSTOM || again[i].custom == parsed[i].custom);
	}
	sb_free(&stored);
	struct colmap_target one;
	if (mapping_parse_one(text, size, &extra, &one))
		CHECK(one.kind >= COLMAP_NONE && one.kind <= COLMAP_SECRET);
	char key65[65];
	mapping_header_key(headers, n, key65);
	CHECK(strlen(key65) == 64);
	char pad[16];
	if (importrow_pad_document(text, size && data[0] & 1 ? "PF" : NULL, pad))
		CHECK(cpf_valid(pad, strlen(pad)) || cnpj_valid(pad, strlen(pad)));
	free(text);
	return 0;
}
