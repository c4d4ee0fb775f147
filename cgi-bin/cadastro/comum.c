/* What several cadastro pages show: staff and tags for choices, a record's values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "db.h"
#include "page.h"
#include "strbuf.h"

/* Staff and tags in one round trip: a page shows both in its choices. */
static const char staff_and_tags_sql[] =
	"SELECT 'Staff', id, name FROM staff_users WHERE office_id = ? AND active"
	" UNION ALL SELECT 'Tags', id, name FROM tags WHERE office_id = ?"
	" ORDER BY 1, 3";

int cadastro_staff_and_tags(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, staff_and_tags_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int n[2] = { 0, 0 }, got;
	static const char *const names[] = { "id", "name" };
	char prefix[32];
	while ((got = db_fetch(st)) > 0) {
		int t = strcmp(db_col(st, 0), "Tags") == 0;
		const char *values[] = { db_col(st, 1), db_col(st, 2) };
		snprintf(prefix, sizeof prefix, "%s.%d", t ? "Tags" : "Staff", n[t]++);
		page_set_many(r, prefix, names, values, 2);
	}
	return got < 0 ? -1 : 0;
}

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
