#include "cadastro/selection.h"

#include <stdlib.h>

#include "base/db.h"
#include "base/strbuf.h"

static const char new_sql[] =
	"INSERT INTO selections (office_id, user_id, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))";

int64_t selection_new(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, new_sql);
	if (!st || !r->session)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, r->session->user_id);
	if (db_exec(st) < 0)
		return -1;
	return (int64_t)db_insert_id(st);
}

/* Ids go in by statements of at most this many. */
#define ADD_BATCH 500

int selection_add(struct request *r, int64_t selection, const int64_t *ids, size_t n)
{
	for (size_t at = 0; at < n; at += ADD_BATCH) {
		size_t k = n - at < ADD_BATCH ? n - at : ADD_BATCH;
		struct strbuf sql = STRBUF_INIT;
		sb_puts(&sql, "INSERT IGNORE INTO selection_items (selection_id, client_id)"
			      " SELECT ?, c.id FROM clients c WHERE c.office_id = ? AND NOT c.trashed"
			      " AND c.id IN (");
		int rc = db_put_marks(&sql, k);
		sb_puts(&sql, ")");
		struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		sb_free(&sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, selection);
		db_bind_i64(st, 1, r->office.id);
		for (size_t i = 0; i < k; i++)
			db_bind_i64(st, (unsigned)(i + 2), ids[at + i]);
		if (db_exec(st) < 0)
			return -1;
	}
	return 0;
}

int selection_add_query(struct request *r, int64_t selection, const char *where,
			void (*bind)(struct db_stmt *st, unsigned first, void *ctx), void *ctx)
{
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "INSERT IGNORE INTO selection_items (selection_id, client_id)"
		     " SELECT ?, c.id FROM clients c WHERE c.office_id = ?", where);
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, selection);
	bind(st, 1, ctx);
	return db_exec(st);
}

int selection_remove(struct request *r, int64_t selection, const int64_t *ids, size_t n)
{
	size_t at = 0;
	do {
		size_t k = n - at < ADD_BATCH ? n - at : ADD_BATCH;
		struct strbuf sql = STRBUF_INIT;
		sb_puts(&sql, "DELETE FROM selection_items WHERE selection_id = ?");
		int rc = 0;
		if (n) {
			sb_puts(&sql, " AND client_id IN (");
			rc = db_put_marks(&sql, k);
			sb_puts(&sql, ")");
		}
		struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		sb_free(&sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, selection);
		for (size_t i = 0; i < k; i++)
			db_bind_i64(st, (unsigned)(i + 1), ids[at + i]);
		if (db_exec(st) < 0)
			return -1;
		at += k;
	} while (at < n);
	return 0;
}

static const char counted_sql[] =
	"UPDATE selections SET total = (SELECT COUNT(*) FROM selection_items"
	" WHERE selection_id = ?) WHERE id = ?";

int selection_counted(struct request *r, int64_t selection)
{
	struct db_stmt *st = db_prepare(r->db, counted_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, selection);
	db_bind_i64(st, 1, selection);
	return db_exec(st);
}

static const char total_sql[] =
	"SELECT total FROM selections WHERE id = ? AND office_id = ? AND user_id = ?"
	" AND created_at > UTC_TIMESTAMP(6) - INTERVAL 1 DAY";

int selection_total(struct request *r, int64_t selection, int64_t *total)
{
	struct db_stmt *st = db_prepare(r->db, total_sql);
	if (!st || !r->session)
		return -1;
	db_bind_i64(st, 0, selection);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, r->session->user_id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got > 0) {
		*total = db_col_i64(st, 0);
		while (db_fetch(st) > 0)
			;
	}
	return got;
}

static const char ids_sql[] =
	"SELECT i.client_id FROM selection_items i JOIN selections s ON s.id = i.selection_id"
	" WHERE i.selection_id = ? AND s.office_id = ? AND i.client_id > ?"
	" ORDER BY i.client_id LIMIT ?";

int selection_ids(struct request *r, int64_t selection, int64_t after, size_t max,
		  int64_t *ids, size_t *n)
{
	*n = 0;
	struct db_stmt *st = db_prepare(r->db, ids_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, selection);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, after);
	db_bind_i64(st, 3, (int64_t)max);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		if (*n < max)
			ids[(*n)++] = db_col_i64(st, 0);
	return got;
}
