/* libFuzzer target for what turns a submitted form into stored values: the urlencoded
 * body goes through urlenc_parse, then form_validate (every kind of rule) and
 * client_from_fields (the client record); a valid record must display and
 * re-validate to the same stored values, and search folding must not misbehave.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro/client.h"
#include "base/fields.h"
#include "base/fold.h"
#include "web/form.h"
#include "web/urlenc.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static const struct form_rule rules[] = {
	{ "a", FORM_TEXT, true, 10, "A", 0, 0, NULL },
	{ "b", FORM_LONGTEXT, false, 0, "B", 0, 0, NULL },
	{ "c", FORM_EMAIL, false, 0, "C", 0, 0, NULL },
	{ "d", FORM_PASSWORD, false, 0, "D", 0, 0, NULL },
	{ "e", FORM_TOKEN, false, 0, "E", 0, 0, NULL },
	{ "f", FORM_INT, false, 0, "F", -5, 5000, NULL },
	{ "g", FORM_PATH, false, 0, "G", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static int count_word(void *ctx, const char *w, size_t len)
{
	CHECK(len > 0 && len <= FOLD_WORD_MAX);
	for (size_t i = 0; i < len; i++)
		CHECK((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= '0' && w[i] <= '9'));
	++*(int *)ctx;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct parse_limits lim = { 200, 200, 65536 };
	struct fields in = FIELDS_INIT;
	if (urlenc_parse((const char *)data, size, &lim, &in) != PARSE_OK) {
		fields_free(&in);
		return 0;
	}
	struct form f;
	if (form_validate(&f, rules, &in) == 0) {
		for (size_t i = 0; i < f.n; i++)
			CHECK(!(f.value[i] && f.error[i]));
		form_free(&f);
	}

	struct client c;
	struct client_errors e;
	memset(&c, 0, sizeof c);
	if (client_from_fields(&c, &in, &e) == 0 && e.n == 0) {
		/* What is shown in the form must read back to the same stored record. */
		struct fields again = FIELDS_INIT;
		char *shown = NULL;
		for (int i = 0; i < CLIENT_NCOLS; i++) {
			const char *v = client_cols[i].kind == CC_BOOL || client_cols[i].kind == CC_KIND ||
					client_cols[i].kind == CC_REGIME || client_cols[i].kind == CC_STAFF
					? c.v[i] : client_display(&c, i, &shown);
			CHECK(fields_add(&again, client_cols[i].field, strlen(client_cols[i].field), v,
					 strlen(v)) == 0);
		}
		free(shown);
		struct client d;
		struct client_errors e2;
		memset(&d, 0, sizeof d);
		CHECK(client_from_fields(&d, &again, &e2) == 0);
		CHECK(e2.n == 0);
		for (int i = 0; i < CLIENT_NCOLS; i++)
			CHECK(strcmp(c.v[i], d.v[i]) == 0);
		int words = 0;
		fold_words(c.v[CL_NAME], strlen(c.v[CL_NAME]), count_word, &words);
		client_free(&d);
		fields_free(&again);
	}
	client_free(&c);
	fields_free(&in);
	return 0;
}
