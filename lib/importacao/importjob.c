/* importjob: the pages start an import's passes; the worker claims an import under a
 * lease and drives its pass (importpass.c, importundo.c), which answers how it ended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "importacao/importjob.h"
#include "importacao/importpass.h"
#include "base/db.h"
#include "base/log.h"
#include "web/request.h"

/* ------------------------------------------------------------------ the pages' side */

static const char check_sql[] =
	"UPDATE imports SET status = 'checking', phase = phase + 1, rows_done = 0, line_done = 0,"
	" n_created = 0, n_updated = 0, n_unchanged = 0, n_rejected = 0, n_corrected = 0,"
	" n_duplicates = 0, n_in_trash = 0, error = '', claimed_by = '', lease_until = NULL,"
	" started_at = NULL, finished_at = NULL WHERE id = ? AND office_id = ?"
	" AND status IN ('draft', 'checked')";
static const char run_sql[] =
	"UPDATE imports SET status = 'queued', phase = phase + 1, rows_done = 0, line_done = 0,"
	" n_created = 0, n_updated = 0, n_unchanged = 0, n_rejected = 0, n_corrected = 0,"
	" n_duplicates = 0, n_in_trash = 0, error = '', claimed_by = '', lease_until = NULL,"
	" started_at = NULL, finished_at = NULL WHERE id = ? AND office_id = ? AND status = 'checked'"
	" AND (? = 0 OR phase = ?)";
static const char undo_sql[] =
	"UPDATE imports SET status = 'undoing', n_undone = 0, n_kept = 0, claimed_by = '', error = '',"
	" lease_until = NULL, undone_by = ?, undone_user = ? WHERE id = ? AND office_id = ?"
	" AND status IN ('done', 'failed')";

static int start(struct request *r, int64_t id, const char *sql, bool with_actor,
		 const int64_t *phase)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	unsigned k = 0;
	if (with_actor) {
		db_bind_str(st, k++, r->session ? r->session->user_name : "");
		if (r->session)
			db_bind_i64(st, k++, r->session->user_id);
		else
			db_bind_null(st, k++);
	}
	db_bind_i64(st, k++, id);
	db_bind_i64(st, k++, r->office.id);
	if (phase) {
		db_bind_i64(st, k++, *phase);
		db_bind_i64(st, k, *phase);
	}
	if (db_exec(st) < 0)
		return -1;
	return db_affected(st) ? 1 : 0;
}

int importjob_check(struct request *r, int64_t id) { return start(r, id, check_sql, false, NULL); }
int importjob_run(struct request *r, int64_t id, int64_t phase)
{
	return start(r, id, run_sql, false, &phase);
}
int importjob_undo(struct request *r, int64_t id) { return start(r, id, undo_sql, true, NULL); }

/* ------------------------------------------------------------------ the claim */

static const char claim_sql[] =
	"SELECT id FROM imports WHERE status IN ('checking', 'queued', 'running', 'undoing')"
	" AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6) OR claimed_by = ?)"
	" ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char take_sql[] =
	"UPDATE imports SET claimed_by = ?,"
	" lease_until = UTC_TIMESTAMP(6) + INTERVAL " LEASE " SECOND,"
	" status = IF(status = 'queued', 'running', status),"
	" started_at = COALESCE(started_at, UTC_TIMESTAMP(6)) WHERE id = ?";
static const char job_sql[] =
	"SELECT office_id, user_id, actor, address, file_id, format, encoding, delimiter, sheet,"
	" mapping, update_existing, key_email, update_fields, erase_empty, skip_invalid,"
	" default_active, default_types, default_tag, default_responsible, status, phase,"
	" rows_done, restore_trashed, undone_user, undone_by FROM imports WHERE id = ?";
static const char release_sql[] =
	"UPDATE imports SET claimed_by = '', lease_until = NULL WHERE id = ? AND claimed_by = ?";

/* Who this worker is, for the lease: host name and process id. */
static const char *importjob_worker(void)
{
	static char name[64];
	if (!name[0]) {
		char host[40] = "";
		gethostname(host, sizeof host - 1);
		snprintf(name, sizeof name, "%s:%ld", host, (long)getpid());
	}
	return name;
}

static void job_free(struct import_job *j)
{
	free(j->actor);
	free(j->address);
	free(j->format);
	free(j->encoding);
	free(j->delimiter);
	free(j->mapping);
	free(j->update_fields);
	free(j->types);
	free(j->tag);
	free(j->status);
	memset(j, 0, sizeof *j);
}

static int job_load(struct db *db, int64_t id, struct import_job *j)
{
	memset(j, 0, sizeof *j);
	struct db_stmt *st = db_prepare(db, job_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return -1;
	j->id = id;
	j->office = db_col_i64(st, 0);
	j->user = db_col_i64(st, 1);
	j->actor = db_col_dup(st, 2);
	j->address = db_col_dup(st, 3);
	j->file = db_col_i64(st, 4);
	j->format = db_col_dup(st, 5);
	j->encoding = db_col_dup(st, 6);
	j->delimiter = db_col_dup(st, 7);
	j->sheet = db_col_i64(st, 8);
	j->mapping = db_col_dup(st, 9);
	j->update = db_col_i64(st, 10);
	j->key_email = db_col_i64(st, 11);
	j->update_fields = db_col_dup(st, 12);
	j->erase = db_col_i64(st, 13);
	j->skip_invalid = db_col_i64(st, 14);
	j->active = db_col_i64(st, 15);
	j->types = db_col_dup(st, 16);
	j->tag = db_col_dup(st, 17);
	j->responsible = db_col_i64(st, 18);
	j->status = db_col_dup(st, 19);
	j->phase = db_col_i64(st, 20);
	j->rows_done = db_col_i64(st, 21);
	j->restore = db_col_i64(st, 22);
	/* The undo acts, and is audited, as the person who asked for it. */
	if (!strcmp(j->status ? j->status : "", "undoing") && db_col(st, 23) && *db_col(st, 24)) {
		char *who = db_col_dup(st, 24);
		if (who) {
			free(j->actor);
			j->actor = who;
			j->user = db_col_i64(st, 23);
		}
	}
	while ((got = db_fetch(st)) > 0)
		;
	if (got < 0 || !j->actor || !j->address || !j->format || !j->encoding || !j->delimiter ||
	    !j->mapping || !j->update_fields || !j->types || !j->tag || !j->status)
		return -1;
	j->worker = importjob_worker();
	j->pass = !strcmp(j->status, "checking") ? PASS_CHECK
		: !strcmp(j->status, "undoing") ? PASS_UNDO : PASS_IMPORT;
	return 0;
}

/* 1 with the import claimed (the id in *id), 0 when none waits, -1. */
static int claim(struct db *db, int64_t *id)
{
	if (db_begin(db) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, claim_sql);
	if (!st)
		goto fail;
	db_bind_str(st, 0, importjob_worker());
	if (db_exec(st) < 0)
		goto fail;
	int got = db_fetch(st);
	if (got < 0)
		goto fail;
	if (got == 0) {
		db_rollback(db);
		return 0;
	}
	*id = db_col_i64(st, 0);
	while ((got = db_fetch(st)) > 0)
		;
	st = db_prepare(db, take_sql);
	if (!st)
		goto fail;
	db_bind_str(st, 0, importjob_worker());
	db_bind_i64(st, 1, *id);
	if (db_exec(st) < 0 || db_commit(db) < 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/* Gives the import's lease back (the worker is leaving): the next worker resumes it. */
static void importjob_release(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, release_sql);
	if (st) {
		db_bind_i64(st, 0, id);
		db_bind_str(st, 1, importjob_worker());
		db_exec(st);
	}
}

/* ------------------------------------------------------------------ the worker's entry */

static const char stop_sql[] =
	"UPDATE imports SET status = CASE status WHEN 'checking' THEN 'draft' WHEN 'undoing' THEN 'done'"
	" ELSE 'failed' END, error = 'Um erro interno parou o trabalho (está registrado no log do"
	" servidor). O que já foi gravado fica como está.', claimed_by = '', lease_until = NULL,"
	" finished_at = UTC_TIMESTAMP(6) WHERE id = ? AND claimed_by = ?";

static void stop(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, stop_sql);
	if (st) {
		db_bind_i64(st, 0, id);
		db_bind_str(st, 1, importjob_worker());
		db_exec(st);
	}
}

int importjob_work(struct db *db, importjob_between_fn between)
{
	int64_t id = 0;
	int got = claim(db, &id);
	if (got <= 0)
		return got;
	struct import_job j;
	enum pass_end rc;
	if (job_load(db, id, &j) < 0)
		rc = PASS_FAILED;
	else if (j.pass == PASS_UNDO)
		rc = importpass_undo(db, &j, between);
	else
		rc = importpass_rows(db, &j, between);
	if (rc == PASS_LEAVING)
		importjob_release(db, id);
	if (rc == PASS_FAILED) {
		/* A lost connection or a lock conflict passes: the import is taken again (by
		 * this worker at once, or another when the lease ends). Any other error would
		 * come back on every try: the pass stops, and its page says so. */
		bool passing = db_broken(db) || db_conflict(db);
		log_error("", "imports: import %lld: %s (%s)", (long long)id, db_error(db),
			  passing ? "taken again" : "stopped");
		db_rollback(db);
		if (!passing)
			stop(db, id);
	}
	job_free(&j);
	return rc < 0 ? -1 : 1;
}
