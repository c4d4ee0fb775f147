/* The generation's row (fee_generations): written by the request, worked through by the
 * request itself when small, or by the worker in batches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "base/log.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "honorarios/generate.h"

/* Clients per transaction (× up to 60 months). */
#define GEN_BATCH 500

/* The office's next number: under the office's fee version lock (taken first), so two
 * runs never draw the same one (the unique key says so too). */
static const char new_sql[] =
	"INSERT INTO fee_generations (office_id, number, user_id, actor, address, first_month,"
	" months, amount, due_day, description, status, total, created_at)"
	" SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6)"
	" FROM fee_generations WHERE office_id = ?";
static const char items_sql[] =
	"INSERT INTO fee_generation_items (generation_id, client_id)"
	" SELECT ?, client_id FROM selection_items WHERE selection_id = ?";
static const char progress_sql[] =
	"UPDATE fee_generations SET done = done + ?, created = created + ?,"
	" skipped = skipped + ?, created_sum = created_sum + ?,"
	" status = IF(?, 'done', 'running'), finished_at = IF(?, UTC_TIMESTAMP(6), NULL)"
	" WHERE id = ?";

static int progress(struct db *db, int64_t gen, const struct gen_totals *t, int64_t clients,
		    bool finished)
{
	struct db_stmt *st = db_prepare(db, progress_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, clients);
	db_bind_i64(st, 1, t->fees);
	db_bind_i64(st, 2, t->existing);
	db_bind_i64(st, 3, t->sum);
	db_bind_i64(st, 4, finished);
	db_bind_i64(st, 5, finished);
	db_bind_i64(st, 6, gen);
	return db_exec(st);
}

/* Every client of the selection, GEN_BATCH at a time, in the request's transaction:
 * how many fees it made, or -1. */
static int64_t run_inline(struct request *r, const struct gen_params *p, int64_t selection,
			  int64_t gen)
{
	int64_t ids[GEN_BATCH], after = 0, clients = 0;
	struct gen_totals t;
	memset(&t, 0, sizeof t);
	for (;;) {
		size_t n = 0;
		if (selection_ids(r, selection, after, GEN_BATCH, ids, &n) < 0)
			return -1;
		if (n == 0)
			break;
		if (gen_clients(r, p, ids, n, gen, &t, NULL) < 0)
			return -1;
		clients += (int64_t)n;
		after = ids[n - 1];
	}
	return progress(r->db, gen, &t, clients, true) < 0 ? -1 : t.fees;
}

/* Whether the run makes at least one fee for the selection's clients: counted as the
 * preview counts, a batch at a time, up to the first batch that makes one. 1, 0, -1. */
static int makes_some(struct request *r, const struct gen_params *p, int64_t selection)
{
	int64_t ids[GEN_BATCH], after = 0;
	for (;;) {
		size_t n = 0;
		if (selection_ids(r, selection, after, GEN_BATCH, ids, &n) < 0)
			return -1;
		if (n == 0)
			return 0;
		struct gen_totals t;
		memset(&t, 0, sizeof t);
		if (gen_clients(r, p, ids, n, 0, &t, NULL) < 0)
			return -1;
		if (t.fees > 0)
			return 1;
		after = ids[n - 1];
	}
}

static const char number_sql[] = "SELECT number FROM fee_generations WHERE id = ?";

static int64_t number_of(struct request *r, int64_t gen)
{
	struct db_stmt *st = db_prepare(r->db, number_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, gen);
	if (db_exec(st) < 0)
		return -1;
	int64_t number = -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		number = db_col_i64(st, 0);
	return got < 0 ? -1 : number;
}

int64_t gen_start(struct request *r, const struct gen_params *p, int64_t selection,
		  int64_t clients)
{
	bool now = clients * p->months <= GEN_INLINE_FEES;
	if (fee_version_bump(r) < 0)
		return -1;
	/* A run the worker would find nothing to do for is not recorded at all. */
	if (!now) {
		int some = makes_some(r, p, selection);
		if (some <= 0)
			return some;
	}
	struct db_stmt *st = db_prepare(r->db, new_sql);
	if (!st)
		return -1;
	char first[11];
	ym_sql(p->first_ym, first, sizeof first);
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, r->session->user_id);
	db_bind_str(st, 2, r->session->user_name);
	db_bind_str(st, 3, r->remote_addr);
	db_bind_str(st, 4, first);
	db_bind_i64(st, 5, p->months);
	if (p->amount)
		db_bind_i64(st, 6, p->amount);
	else
		db_bind_null(st, 6);
	db_bind_i64(st, 7, p->due_day);
	db_bind_str(st, 8, p->description ? p->description : "");
	db_bind_str(st, 9, now ? "running" : "queued");
	db_bind_i64(st, 10, clients);
	db_bind_i64(st, 11, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int64_t gen = (int64_t)db_insert_id(st);
	if (now) {
		/* Nothing made: 0, and the caller's rollback takes the row back. */
		int64_t made = run_inline(r, p, selection, gen);
		if (made <= 0)
			return made;
	} else {
		struct db_stmt *items = db_prepare(r->db, items_sql);
		if (!items)
			return -1;
		db_bind_i64(items, 0, gen);
		db_bind_i64(items, 1, selection);
		if (db_exec(items) < 0)
			return -1;
	}
	return number_of(r, gen);
}

/* ------------------------------------------------------------------ the worker */

static const char claim_sql[] =
	"SELECT id, office_id, user_id, actor, address, first_month, months, COALESCE(amount, 0),"
	" due_day, description FROM fee_generations WHERE status IN ('queued', 'running')"
	" ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char batch_sql[] =
	"SELECT client_id FROM fee_generation_items WHERE generation_id = ?"
	" ORDER BY client_id LIMIT ?";
static const char batch_done_sql[] =
	"DELETE FROM fee_generation_items WHERE generation_id = ? AND client_id <= ?";
static const char failed_sql[] =
	"UPDATE fee_generations SET status = 'failed', error = ?, finished_at = UTC_TIMESTAMP(6)"
	" WHERE id = ?";

struct claimed {
	int64_t id, office, user;
	char *actor, *address, *description;
	struct gen_params p;
};

static int work_batch(struct db *db, struct claimed *c)
{
	struct session s;
	struct request r;
	request_for_job(&r, &s, db, c->office, c->user, c->actor, c->address, "gen", c->id);
	/* The office's lock before the first plain read: the transaction's snapshot then
	 * sees every fee another run committed while this one waited. */
	if (fee_version_bump(&r) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, batch_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, c->id);
	db_bind_i64(st, 1, GEN_BATCH);
	if (db_exec(st) < 0)
		return -1;
	int64_t ids[GEN_BATCH];
	size_t n = 0;
	int got;
	while ((got = db_fetch(st)) > 0)
		if (n < GEN_BATCH)
			ids[n++] = db_col_i64(st, 0);
	if (got < 0)
		return -1;
	struct gen_totals t;
	memset(&t, 0, sizeof t);
	if (n > 0) {
		if (gen_clients(&r, &c->p, ids, n, c->id, &t, NULL) < 0)
			return -1;
		struct db_stmt *del = db_prepare(db, batch_done_sql);
		if (!del)
			return -1;
		db_bind_i64(del, 0, c->id);
		db_bind_i64(del, 1, ids[n - 1]);
		if (db_exec(del) < 0)
			return -1;
	}
	return progress(db, c->id, &t, (int64_t)n, n < GEN_BATCH);
}

int gen_work(struct db *db)
{
	if (db_begin(db) < 0)
		return -1;
	struct db_stmt *st = db_prepare(db, claim_sql);
	if (!st || db_exec(st) < 0) {
		db_rollback(db);
		return -1;
	}
	int got = db_fetch(st);
	if (got <= 0) {
		db_rollback(db);
		return got;
	}
	struct claimed c;
	memset(&c, 0, sizeof c);
	c.id = db_col_i64(st, 0);
	c.office = db_col_i64(st, 1);
	c.user = db_col_i64(st, 2);
	c.actor = db_col_dup(st, 3);
	c.address = db_col_dup(st, 4);
	bool ok = ym_from_sql(db_col(st, 5), &c.p.first_ym);
	c.p.months = (int)db_col_i64(st, 6);
	c.p.amount = db_col_i64(st, 7);
	c.p.due_day = (int)db_col_i64(st, 8);
	c.description = db_col_dup(st, 9);
	c.p.description = c.description;
	while ((got = db_fetch(st)) > 0)
		;
	ok = ok && got == 0 && c.actor && c.address && c.description && work_batch(db, &c) == 0 &&
	     db_commit(db) == 0;
	if (!ok) {
		/* A lost connection (the server restarted) or a lock conflict passes: the batch
		 * was rolled back whole, and the generation goes on from it at the next round.
		 * Any other error would come back every time: the generation fails. */
		bool passing = db_conflict(db) || db_broken(db);
		log_error("", "honorarios: generation %lld: %s%s", (long long)c.id, db_error(db),
			  passing ? " (tried again later)" : "; it failed");
		db_rollback(db);
		if (!passing) {
			struct db_stmt *f = db_prepare(db, failed_sql);
			if (f) {
				db_bind_str(f, 0, "Erro interno ao gerar os honorários.");
				db_bind_i64(f, 1, c.id);
				db_exec(f);
			}
		}
	}
	free(c.actor);
	free(c.address);
	free(c.description);
	return ok ? 1 : -1;
}
