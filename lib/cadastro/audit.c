#include "cadastro/audit.h"

#include <stdlib.h>

#include "base/db.h"
#include "base/strbuf.h"

static const char event_sql[] =
	"INSERT INTO audit_events (office_id, at, user_id, actor, channel, action, entity,"
	" entity_id, address, request_id)"
	" VALUES (?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)";

static const char change_sql[] =
	"INSERT INTO audit_changes (event_id, field, old_value, new_value) VALUES (?, ?, ?, ?)";

int64_t audit_event(struct request *r, const char *channel, const char *action,
		    const char *entity, int64_t entity_id, int64_t user_id, const char *actor,
		    const struct audit_change *changes, size_t nchanges)
{
	if (!user_id && r->session)
		user_id = r->session->user_id;
	if (!actor)
		actor = request_actor(r);
	struct db_stmt *st = db_prepare(r->db, event_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (user_id)
		db_bind_i64(st, 1, user_id);
	else
		db_bind_null(st, 1);
	db_bind_str(st, 2, actor);
	db_bind_str(st, 3, channel);
	db_bind_str(st, 4, action);
	db_bind_str(st, 5, entity);
	if (entity_id)
		db_bind_i64(st, 6, entity_id);
	else
		db_bind_null(st, 6);
	db_bind_str(st, 7, r->remote_addr);
	db_bind_str(st, 8, r->request_id);
	if (db_exec(st) < 0)
		return -1;
	int64_t id = (int64_t)db_insert_id(st);
	for (size_t i = 0; i < nchanges; i++) {
		struct db_stmt *c = db_prepare(r->db, change_sql);
		if (!c)
			return -1;
		db_bind_i64(c, 0, id);
		db_bind_str(c, 1, changes[i].field);
		db_bind_str(c, 2, changes[i].old_value);
		db_bind_str(c, 3, changes[i].new_value);
		if (db_exec(c) < 0)
			return -1;
	}
	return id;
}

/* Rows of a multi-row INSERT: at most this many at once (placeholders stay far below the
 * server's 65,535). */
#define MANY_ROWS 500

static int insert_changes(struct request *r, const int64_t *event_ids,
			  const struct audit_change *const *changes, const size_t *nchanges, size_t n)
{
	struct strbuf sql = STRBUF_INIT;
	size_t total = 0, i = 0, k = 0;
	for (size_t e = 0; e < n; e++)
		total += nchanges[e];
	int rc = 0;
	while (rc == 0 && total > 0) {
		size_t rows = total < MANY_ROWS ? total : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT INTO audit_changes (event_id, field, old_value, new_value) VALUES ");
		struct db_stmt *st = db_put_rows(&sql, "(?, ?, ?, ?)", rows) == 0
				     ? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; j++) {
			while (k >= nchanges[i]) {
				i++;
				k = 0;
			}
			const struct audit_change *c = &changes[i][k++];
			db_bind_i64(st, (unsigned)(4 * j), event_ids[i]);
			db_bind_str(st, (unsigned)(4 * j + 1), c->field);
			db_bind_str(st, (unsigned)(4 * j + 2), c->old_value);
			db_bind_str(st, (unsigned)(4 * j + 3), c->new_value);
		}
		rc = db_exec(st);
		total -= rows;
	}
	sb_free(&sql);
	return rc;
}

int audit_event_many(struct request *r, const char *channel, const char *action,
		     const char *entity, const int64_t *entity_ids, size_t n,
		     const struct audit_change *const *changes, const size_t *nchanges)
{
	if (n == 0)
		return 0;
	int64_t *ids = calloc(n, sizeof *ids);
	if (!ids)
		return -1;
	int rc = 0;
	if (!db_autoinc_consecutive(r->db)) {
		/* Ids not known from one INSERT: one event at a time. */
		for (size_t e = 0; e < n && rc == 0; e++)
			rc = audit_event(r, channel, action, entity, entity_ids[e], 0, NULL, changes[e],
					 nchanges[e]) < 0 ? -1 : 0;
		free(ids);
		return rc;
	}
	int64_t user_id = r->session ? r->session->user_id : 0;
	const char *actor = request_actor(r);
	struct strbuf sql = STRBUF_INIT;
	for (size_t done = 0; rc == 0 && done < n;) {
		size_t rows = n - done < MANY_ROWS ? n - done : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT INTO audit_events (office_id, at, user_id, actor, channel, action,"
			" entity, entity_id, address, request_id) VALUES ");
		struct db_stmt *st =
			db_put_rows(&sql, "(?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)", rows) == 0
			? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; j++) {
			unsigned b = (unsigned)(9 * j);
			db_bind_i64(st, b, r->office.id);
			if (user_id)
				db_bind_i64(st, b + 1, user_id);
			else
				db_bind_null(st, b + 1);
			db_bind_str(st, b + 2, actor);
			db_bind_str(st, b + 3, channel);
			db_bind_str(st, b + 4, action);
			db_bind_str(st, b + 5, entity);
			db_bind_i64(st, b + 6, entity_ids[done + j]);
			db_bind_str(st, b + 7, r->remote_addr);
			db_bind_str(st, b + 8, r->request_id);
		}
		if (db_exec(st) < 0) {
			rc = -1;
			break;
		}
		int64_t first = (int64_t)db_insert_id(st);
		for (size_t j = 0; j < rows; j++)
			ids[done + j] = first + (int64_t)j;
		done += rows;
	}
	sb_free(&sql);
	if (rc == 0)
		rc = insert_changes(r, ids, changes, nchanges, n);
	free(ids);
	return rc;
}
