/* What several cadastro pages show: staff and tags for choices, a record's values. */
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "db.h"
#include "page.h"
#include "strbuf.h"

static const char staff_sql[] =
	"SELECT id, name FROM staff_users WHERE office_id = ? AND active ORDER BY name";
static const char tags_sql[] =
	"SELECT id, name FROM tags WHERE office_id = ? ORDER BY name";

static int rows(struct request *r, const char *sql, const char *prefix)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int n = 0, got;
	struct strbuf key = STRBUF_INIT;
	while ((got = db_fetch(st)) > 0) {
		sb_reset(&key);
		sb_printf(&key, "%s.%d.id", prefix, n);
		page_set(r, key.buf, db_col(st, 0));
		sb_reset(&key);
		sb_printf(&key, "%s.%d.name", prefix, n);
		page_set(r, key.buf, db_col(st, 1));
		n++;
	}
	sb_free(&key);
	return got < 0 ? -1 : n;
}

int cadastro_staff_and_tags(struct request *r)
{
	return rows(r, staff_sql, "Staff") < 0 || rows(r, tags_sql, "Tags") < 0 ? -1 : 0;
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
