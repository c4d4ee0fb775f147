/* What several cadastro pages share: a record's values for the page, the checked ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "db.h"
#include "page.h"
#include "strbuf.h"

void cadastro_set_client(struct request *r, const struct client *c)
{
	struct strbuf key = STRBUF_INIT;
	char *shown = NULL;
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		sb_reset(&key);
		sb_printf(&key, "Client.%s", client_cols[i].field);
		page_set(r, key.buf, c->v[i]);
		sb_puts(&key, "_fmt");
		page_set(r, key.buf, client_display(c, i, &shown));
	}
	free(shown);
	sb_free(&key);
	page_set_int(r, "Client.id", c->id);
	page_set_int(r, "Client.version", c->version);
	page_set(r, "Client.trashed", c->trashed ? "1" : "0");
}

int64_t cadastro_next_id(const struct fields *f, size_t *k)
{
	for (; *k < f->n; (*k)++) {
		if (strcmp(f->v[*k].name, "ids") != 0)
			continue;
		char *end;
		long long id = strtoll(f->v[*k].value, &end, 10);
		if (*end || id <= 0)
			continue;
		(*k)++;
		return id;
	}
	return 0;
}

int cadastro_path_client(struct request *r, struct client *c)
{
	int got = client_load(r, r->path_id, c);
	if (got == 0)
		return page_error(r, 404, NULL) < 0 ? -1 : 0;
	return got;
}
