#include "cadastro/audit.h"

#include "base/db.h"

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
		actor = r->session ? r->session->user_name : "";
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
