#include "cadastro/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro/audit.h"
#include "base/db.h"
#include "base/log.h"
#include "portal/update.h"
#include "portal/user.h"

static const char *const action_names[] = {
	[BULK_ACTIVATE] = "ativar", [BULK_DEACTIVATE] = "desativar", [BULK_TRASH] = "lixeira",
	[BULK_TAG] = "etiquetar", [BULK_UNTAG] = "desetiquetar", [BULK_PORTAL] = "portal",
	[BULK_UPDATE_LINK] = "atualizar", [BULK_RESPONSIBLE] = "responsavel",
};

enum bulk_action bulk_action_parse(const char *name)
{
	for (int a = BULK_ACTIVATE; a <= BULK_RESPONSIBLE; a++)
		if (name && !strcmp(name, action_names[a]))
			return (enum bulk_action)a;
	return BULK_NONE;
}

const char *bulk_action_name(enum bulk_action a)
{
	return a >= BULK_ACTIVATE && a <= BULK_RESPONSIBLE ? action_names[a] : "";
}

/* ---------------------------------------------------------------- tags */

static const char tag_find_sql[] = "SELECT id FROM tags WHERE office_id = ? AND name = ?";
static const char tag_new_sql[] =
	"INSERT INTO tags (office_id, name, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))";
static const char tag_add_sql[] =
	"INSERT IGNORE INTO client_tags (tag_id, client_id) VALUES (?, ?)";
static const char tag_del_sql[] =
	"DELETE FROM client_tags WHERE tag_id = ? AND client_id = ?";

int64_t bulk_tag_id(struct request *r, const char *name, bool create)
{
	struct db_stmt *st = db_prepare(r->db, tag_find_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, name);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got != 0)
		return got < 0 ? -1 : db_col_i64(st, 0);
	if (!create)
		return 0;
	st = db_prepare(r->db, tag_new_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, name);
	return db_exec(st) < 0 ? -1 : (int64_t)db_insert_id(st);
}

int bulk_tag_one(struct request *r, const struct client *c, int64_t tag, const char *name,
		 bool add)
{
	struct db_stmt *st = db_prepare(r->db, add ? tag_add_sql : tag_del_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, tag);
	db_bind_i64(st, 1, c->id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	const struct audit_change ch = { "tags", add ? NULL : name, add ? name : NULL };
	return audit_event(r, "staff", "tag", "client", c->id, 0, NULL, &ch, 1) < 0 ? -1 : 1;
}

/* ---------------------------------------------------------------- one record */

int bulk_one(struct request *r, enum bulk_action a, int64_t client_id, int64_t tag,
	     const char *tag_name)
{
	struct client c;
	int got = client_load(r, client_id, &c);
	if (got <= 0)
		return got;
	int done = 0;
	if (!c.trashed) {
		switch (a) {
		case BULK_ACTIVATE: done = client_set_active(r, &c, true); break;
		case BULK_DEACTIVATE: done = client_set_active(r, &c, false); break;
		case BULK_TRASH: done = client_set_trashed(r, &c, true); break;
		case BULK_TAG: done = tag ? bulk_tag_one(r, &c, tag, tag_name, true) : 0; break;
		case BULK_UNTAG: done = tag ? bulk_tag_one(r, &c, tag, tag_name, false) : 0; break;
		case BULK_PORTAL:
			done = !*c.v[CL_EMAIL] ? 0 : portal_grant(r, &c, c.v[CL_EMAIL], true);
			done = done < 0 ? -1 : done == PORTAL_GRANT_SENT;
			break;
		case BULK_UPDATE_LINK: done = update_request_send(r, c.id); break;
		case BULK_RESPONSIBLE: done = client_set_responsible(r, &c, tag); break;
		case BULK_NONE: break;
		}
	}
	client_free(&c);
	return done;
}

/* ---------------------------------------------------------------- jobs */

static const char job_new_sql[] =
	"INSERT INTO jobs (office_id, user_id, actor, address, action, tag_id, tag_name, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";
static const char job_counted_sql[] =
	"UPDATE jobs SET total = (SELECT COUNT(*) FROM job_items WHERE job_id = ?) WHERE id = ?";

int64_t job_new(struct request *r, enum bulk_action a, int64_t tag, const char *tag_name)
{
	struct db_stmt *st = db_prepare(r->db, job_new_sql);
	if (!st || !r->session)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, r->session->user_id);
	db_bind_str(st, 2, r->session->user_name);
	db_bind_str(st, 3, r->remote_addr ? r->remote_addr : "");
	db_bind_str(st, 4, bulk_action_name(a));
	if (tag)
		db_bind_i64(st, 5, tag);
	else
		db_bind_null(st, 5);
	db_bind_str(st, 6, tag_name ? tag_name : "");
	return db_exec(st) < 0 ? -1 : (int64_t)db_insert_id(st);
}

int job_counted(struct request *r, int64_t job)
{
	struct db_stmt *st = db_prepare(r->db, job_counted_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, job);
	db_bind_i64(st, 1, job);
	return db_exec(st);
}

static const char job_claim_sql[] =
	"SELECT id, office_id, user_id, actor, address, action, COALESCE(tag_id, 0), tag_name"
	" FROM jobs WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1"
	" FOR UPDATE SKIP LOCKED";
static const char job_items_sql[] =
	"SELECT client_id FROM job_items WHERE job_id = ? ORDER BY client_id"
	" LIMIT " SQL_NUMBER_OF(JOB_BATCH);
/* The batch read the first ids in order: those up to its last are the batch. */
static const char job_items_done_sql[] =
	"DELETE FROM job_items WHERE job_id = ? AND client_id <= ?";
static const char job_progress_sql[] =
	"UPDATE jobs SET done = done + ?, changed = changed + ?,"
	" status = IF(EXISTS (SELECT 1 FROM job_items WHERE job_id = ?), 'running', 'done'),"
	" started_at = COALESCE(started_at, UTC_TIMESTAMP(6)),"
	" finished_at = IF(EXISTS (SELECT 1 FROM job_items WHERE job_id = ?), NULL, UTC_TIMESTAMP(6))"
	" WHERE id = ?";
static const char job_failed_sql[] =
	"UPDATE jobs SET status = 'failed', finished_at = UTC_TIMESTAMP(6) WHERE id = ?";

struct job {
	int64_t id, office, user, tag;
	char *actor, *address, *action, *tag_name;   /* owned */
};

static void job_free(struct job *j)
{
	free(j->actor);
	free(j->address);
	free(j->action);
	free(j->tag_name);
}

/* The records of one batch: their ids, up to JOB_BATCH. */
static int batch_ids(struct db *db, int64_t job, int64_t *ids, int *n)
{
	struct db_stmt *st = db_prepare(db, job_items_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, job);
	if (db_exec(st) < 0)
		return -1;
	int got;
	*n = 0;
	while ((got = db_fetch(st)) > 0)
		if (*n < JOB_BATCH)
			ids[(*n)++] = db_col_i64(st, 0);
	return got;
}

static int work_batch(struct db *db, const struct job *j)
{
	/* The job acts for the user who asked for it, in that user's office. */
	struct session s;
	struct request r;
	request_for_job(&r, &s, db, j->office, j->user, j->actor, j->address, "job", j->id);

	int64_t ids[JOB_BATCH];
	int n = 0, changed = 0;
	if (batch_ids(db, j->id, ids, &n) < 0)
		return -1;
	enum bulk_action a = bulk_action_parse(j->action);
	/* The update links of a batch are signed together, several gpg at a time. */
	if (a == BULK_UPDATE_LINK && (changed = update_request_send_many(&r, j->id, ids, (size_t)n)) < 0)
		return -1;
	for (int i = 0; a != BULK_UPDATE_LINK && i < n; i++) {
		int done = bulk_one(&r, a, ids[i], j->tag, j->tag_name);
		if (done < 0)
			return -1;
		changed += done;
	}
	if (n > 0) {
		struct db_stmt *del = db_prepare(db, job_items_done_sql);
		if (!del)
			return -1;
		db_bind_i64(del, 0, j->id);
		db_bind_i64(del, 1, ids[n - 1]);
		if (db_exec(del) < 0)
			return -1;
	}
	struct db_stmt *st = db_prepare(db, job_progress_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, n);
	db_bind_i64(st, 1, changed);
	db_bind_i64(st, 2, j->id);
	db_bind_i64(st, 3, j->id);
	db_bind_i64(st, 4, j->id);
	return db_exec(st);
}

int jobs_work(struct db *db)
{
	if (db_begin(db) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, job_claim_sql);
	if (!st || db_exec(st) < 0) {
		db_rollback(db);
		return -1;
	}
	int got = db_fetch(st);
	if (got <= 0) {
		db_rollback(db);
		return got;
	}
	struct job j;
	j.id = db_col_i64(st, 0);
	j.office = db_col_i64(st, 1);
	j.user = db_col_i64(st, 2);
	j.actor = db_col_dup(st, 3);
	j.address = db_col_dup(st, 4);
	j.action = db_col_dup(st, 5);
	j.tag = db_col_i64(st, 6);
	j.tag_name = db_col_dup(st, 7);
	while ((got = db_fetch(st)) > 0)
		;
	bool ok = got == 0 && j.actor && j.address && j.action && j.tag_name &&
		  work_batch(db, &j) == 0 && db_commit(db) == 0;
	job_free(&j);
	if (!ok) {
		bool conflict = db_conflict(db);
		log_error("", "jobs: job %lld: %s%s", (long long)j.id, db_error(db),
			  conflict ? " (tried again later)" : "; the job failed");
		db_rollback(db);
		if (conflict)
			return -1;   /* lost to a staff member's change: the batch runs again */
		/* Marked failed on its own, so that one bad job does not hold the queue. */
		struct db_stmt *f = db_prepare(db, job_failed_sql);
		if (f) {
			db_bind_i64(f, 0, j.id);
			db_exec(f);
		}
		return -1;
	}
	return 1;
}
