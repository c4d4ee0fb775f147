#include "honorarios/generate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/db.h"
#include "base/log.h"
#include "base/strbuf.h"
#include "br/bizday.h"
#include "br/money.h"
#include "br/valid.h"
#include "cadastro/audit.h"
#include "honorarios/fee.h"

int64_t gen_thirteenth(int64_t amount, bool proportional, int start_ym, int end_ym, int month,
		       int year, int *ym, int *months)
{
	int at = ym_of(year, month);
	bool ends_before = end_ym && ym_year(end_ym) == year && end_ym < at;
	if (ends_before)
		at = end_ym;
	*ym = at;
	*months = 0;
	if (start_ym > at || (end_ym && end_ym < ym_of(year, 1)))
		return 0;   /* not active in the year up to it */
	int from = start_ym > ym_of(year, 1) ? start_ym : ym_of(year, 1);
	int n = at - from + 1;
	if (!proportional && !ends_before) {
		*months = 12;
		return amount;
	}
	*months = n;
	if (n >= 12)
		return amount;
	return (amount * n * 2 + 12) / 24;   /* amount × n / 12, half up */
}

/* ------------------------------------------------------------------ what the run reads */

/* A reajuste of the plan from a competência on: what the plan was worth before it. */
struct change {
	int from_ym;
	int64_t before;
};

struct plan_row {
	int64_t client, plan, amount;
	int due_day, start_ym, end_ym, thirteenth_month;
	bool due_next_month;
	enum { T_NONE, T_FULL, T_PROP } thirteenth;
	char *description;   /* owned; NULL for a client without an active plan */
	struct change *changes;   /* owned, by from_ym */
	size_t nchanges;
};

/* The plan's value for a competência: before the first reajuste that starts after it,
 * the value that reajuste found; else the plan's own. */
static int64_t plan_value(const struct plan_row *row, int ym)
{
	for (size_t i = 0; i < row->nchanges; i++)
		if (row->changes[i].from_ym > ym)
			return row->changes[i].before;
	return row->amount;
}

struct fee_key {
	int64_t client, plan;
	int ym, kind;   /* kind 0 monthly, 1 the 13º */
};

struct candidate {
	struct fee_key k;
	int64_t amount;
	const char *description;   /* borrowed from the plan rows or the params */
	char comp[11], due[11];
};

struct run {
	struct plan_row *rows;
	size_t nrows;
	struct fee_key *existing;
	size_t nexisting;
	struct holiday *holidays;
	size_t nholidays;
	struct candidate *c;
	size_t nc, capc;
};

static void run_free(struct run *run)
{
	for (size_t i = 0; i < run->nrows; i++) {
		free(run->rows[i].description);
		free(run->rows[i].changes);
	}
	free(run->rows);
	free(run->existing);
	free(run->holidays);
	free(run->c);
}

/* "... IN (?, ?, ?)" of n ids: SQL text of fixed fragments. */
static struct db_stmt *prepare_in(struct db *db, const char *head, size_t n, const char *tail)
{
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, head);
	int rc = db_put_marks(&sql, n);
	sb_puts(&sql, tail);
	struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(db, sql.buf) : NULL;
	sb_free(&sql);
	return st;
}

static const char holidays_sql[] =
	"SELECT year, month, day FROM office_holidays WHERE office_id = ?";

static int load_holidays(struct request *r, struct run *run)
{
	struct db_stmt *st = db_prepare(r->db, holidays_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	size_t cap = 0;
	int got;
	bool oom = false;
	while ((got = db_fetch(st)) > 0) {
		if (oom)
			continue;
		if (array_reserve(&run->holidays, &cap, run->nholidays + 1, sizeof *run->holidays, 16) < 0) {
			oom = true;
			continue;
		}
		run->holidays[run->nholidays++] = (struct holiday){
			(int)db_col_i64(st, 0), (int)db_col_i64(st, 1), (int)db_col_i64(st, 2) };
	}
	return got < 0 || oom ? -1 : 0;
}

/* The clients of the office among ids that are not in the trash, each with its active
 * plans (one row per plan; one row with plan 0 for a client without any). */
static int load_plans(struct request *r, const int64_t *ids, size_t n, struct run *run)
{
	struct db_stmt *st = prepare_in(r->db,
		"SELECT c.id, COALESCE(p.id, 0), p.description, p.amount, p.due_day,"
		" p.due_next_month, p.start_month, p.end_month, p.thirteenth, p.thirteenth_month"
		" FROM clients c LEFT JOIN fee_plans p ON p.client_id = c.id"
		" AND p.office_id = c.office_id AND p.active"
		" WHERE c.office_id = ? AND NOT c.trashed AND c.id IN (", n, ") ORDER BY c.id, p.id");
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 1), ids[i]);
	if (db_exec(st) < 0)
		return -1;
	size_t cap = 0;
	int got;
	bool oom = false;
	while ((got = db_fetch(st)) > 0) {
		if (oom)
			continue;
		if (array_reserve(&run->rows, &cap, run->nrows + 1, sizeof *run->rows, 64) < 0) {
			oom = true;
			continue;
		}
		struct plan_row *p = &run->rows[run->nrows++];
		memset(p, 0, sizeof *p);
		p->client = db_col_i64(st, 0);
		p->plan = db_col_i64(st, 1);
		if (p->plan == 0)
			continue;
		if (!(p->description = db_col_dup(st, 2))) {
			oom = true;
			continue;
		}
		p->amount = db_col_i64(st, 3);
		p->due_day = (int)db_col_i64(st, 4);
		p->due_next_month = db_col_i64(st, 5) != 0;
		ym_from_sql(db_col(st, 6), &p->start_ym);
		if (db_col(st, 7))
			ym_from_sql(db_col(st, 7), &p->end_ym);
		const char *t = db_col(st, 8) ? db_col(st, 8) : "";
		p->thirteenth = !strcmp(t, "integral") ? T_FULL
				: !strcmp(t, "proporcional") ? T_PROP : T_NONE;
		p->thirteenth_month = (int)db_col_i64(st, 9);
	}
	return got < 0 || oom ? -1 : 0;
}

/* A plan's row in the run, found by the plan's id. */
struct plan_pos {
	int64_t plan;
	size_t row;
};

static int plan_pos_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct plan_pos *)a)->plan, y = ((const struct plan_pos *)b)->plan;
	return x < y ? -1 : x > y;
}

/* The plans' reajustes (schema/013 fee_plan_changes), in order of their competências. */
static int load_changes(struct request *r, struct run *run)
{
	struct plan_pos *pp = malloc((run->nrows ? run->nrows : 1) * sizeof *pp);
	if (!pp)
		return -1;
	size_t np = 0;
	for (size_t i = 0; i < run->nrows; i++)
		if (run->rows[i].plan)
			pp[np++] = (struct plan_pos){ run->rows[i].plan, i };
	if (np == 0) {
		free(pp);
		return 0;
	}
	qsort(pp, np, sizeof *pp, plan_pos_cmp);
	struct db_stmt *st = prepare_in(r->db,
		"SELECT plan_id, from_month, amount_before FROM fee_plan_changes WHERE plan_id IN (",
		np, ") ORDER BY plan_id, from_month, id");
	if (st)
		for (size_t i = 0; i < np; i++)
			db_bind_i64(st, (unsigned)i, pp[i].plan);
	if (!st || db_exec(st) < 0) {
		free(pp);
		return -1;
	}
	int got;
	bool oom = false;
	while ((got = db_fetch(st)) > 0) {
		struct plan_pos key = { db_col_i64(st, 0), 0 };
		const struct plan_pos *hit = bsearch(&key, pp, np, sizeof *pp, plan_pos_cmp);
		if (!hit || oom)
			continue;
		struct plan_row *row = &run->rows[hit->row];
		struct change *v = realloc(row->changes, (row->nchanges + 1) * sizeof *v);
		if (!v) {
			oom = true;
			continue;
		}
		row->changes = v;
		v[row->nchanges].before = db_col_i64(st, 2);
		ym_from_sql(db_col(st, 1), &v[row->nchanges].from_ym);
		row->nchanges++;
	}
	free(pp);
	return got < 0 || oom ? -1 : 0;
}

/* Order: client, competência, kind, plan — so that "a monthly fee of this client and
 * competência, whatever its plan" is a search on the first three. */
static int key_cmp(const struct fee_key *a, const struct fee_key *b, bool with_plan)
{
	if (a->client != b->client)
		return a->client < b->client ? -1 : 1;
	if (a->ym != b->ym)
		return a->ym < b->ym ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (with_plan && a->plan != b->plan)
		return a->plan < b->plan ? -1 : 1;
	return 0;
}

static int key_cmp_full(const void *a, const void *b) { return key_cmp(a, b, true); }
static int key_cmp_any_plan(const void *a, const void *b) { return key_cmp(a, b, false); }

static int load_existing(struct request *r, const struct gen_params *p, const int64_t *ids,
			 size_t n, struct run *run)
{
	struct db_stmt *st = prepare_in(r->db,
		"SELECT client_id, plan_id, competencia, kind FROM fees"
		" WHERE office_id = ? AND competencia BETWEEN ? AND ? AND client_id IN (", n, ")");
	if (!st)
		return -1;
	/* Whole years: a 13º is one per plan and year, whatever month it was billed in. */
	char first[11], last[11];
	ym_sql(ym_of(ym_year(p->first_ym), 1), first, sizeof first);
	ym_sql(ym_of(ym_year(p->first_ym + p->months - 1), 12), last, sizeof last);
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, first);
	db_bind_str(st, 2, last);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 3), ids[i]);
	if (db_exec(st) < 0)
		return -1;
	size_t cap = 0;
	int got;
	bool oom = false;
	while ((got = db_fetch(st)) > 0) {
		if (oom)
			continue;
		if (array_reserve(&run->existing, &cap, run->nexisting + 1, sizeof *run->existing, 256) < 0) {
			oom = true;
			continue;
		}
		struct fee_key *k = &run->existing[run->nexisting++];
		k->client = db_col_i64(st, 0);
		k->plan = db_col_i64(st, 1);
		ym_from_sql(db_col(st, 2), &k->ym);
		k->kind = !strcmp(db_col(st, 3) ? db_col(st, 3) : "", "13");
	}
	if (got < 0 || oom)
		return -1;
	if (run->nexisting)
		qsort(run->existing, run->nexisting, sizeof *run->existing, key_cmp_full);
	return 0;
}

/* ------------------------------------------------------------------ the candidates */

static int add_candidate(struct run *run, const struct fee_key *k, int64_t amount,
			 const char *description, int due_day, bool next_month)
{
	if (array_reserve(&run->c, &run->capc, run->nc + 1, sizeof *run->c, 256) < 0)
		return -1;
	struct candidate *c = &run->c[run->nc++];
	c->k = *k;
	c->amount = amount;
	c->description = description;
	ym_sql(k->ym, c->comp, sizeof c->comp);
	int due_ym = k->ym + (next_month ? 1 : 0);
	struct date d = due_date(ym_year(due_ym), ym_month(due_ym), due_day, run->holidays,
				 run->nholidays);
	date_format_iso(d.y, d.m, d.d, c->due, sizeof c->due);
	return 0;
}

static bool exists(const struct run *run, const struct fee_key *k, bool any_plan)
{
	return run->nexisting &&
	       bsearch(k, run->existing, run->nexisting, sizeof *k,
		       any_plan ? key_cmp_any_plan : key_cmp_full) != NULL;
}

/* Whether the plan has a 13º of that year already, whatever its competência. */
static bool thirteenth_exists(const struct run *run, int64_t client, int64_t plan, int year)
{
	for (int m = 1; m <= 12; m++) {
		struct fee_key k = { client, plan, ym_of(year, m), 1 };
		if (exists(run, &k, false))
			return true;
	}
	return false;
}

/* Index of a client in ids (per[] is in the order of ids). */
struct id_pos {
	int64_t id;
	size_t pos;
};

static int id_pos_cmp(const void *a, const void *b)
{
	const struct id_pos *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct gen_client *per_client(struct gen_client *per, const struct id_pos *pos, size_t n,
				     int64_t client)
{
	if (!per)
		return NULL;
	struct id_pos key = { client, 0 };
	const struct id_pos *hit = bsearch(&key, pos, n, sizeof *pos, id_pos_cmp);
	return hit ? &per[hit->pos] : NULL;
}

/* The fees of one plan row in the run's months, or those of a typed value. */
static int plan_candidates(struct run *run, const struct gen_params *p, const struct plan_row *row,
			   struct gen_totals *t, struct gen_client *pc)
{
	int64_t made = 0;
	for (int ym = p->first_ym; ym < p->first_ym + p->months; ym++) {
		struct fee_key k = { row->client, p->amount ? 0 : row->plan, ym, 0 };
		int64_t amount;
		const char *description;
		int due_day;
		bool next;
		if (p->amount) {
			amount = p->amount;
			description = p->description && *p->description ? p->description
									: "Honorários";
			due_day = p->due_day;
			next = false;
		} else {
			if (ym < row->start_ym || (row->end_ym && ym > row->end_ym))
				continue;
			amount = plan_value(row, ym);
			description = row->description;
			due_day = row->due_day;
			next = row->due_next_month;
		}
		for (int kind = 0; kind < 2; kind++) {
			if (kind == 1) {   /* the 13º, in its month, of a plan that has one */
				if (p->amount || row->thirteenth == T_NONE)
					break;
				int at, months;
				amount = gen_thirteenth(plan_value(row, ym), row->thirteenth == T_PROP,
							row->start_ym, row->end_ym,
							row->thirteenth_month, ym_year(ym), &at, &months);
				if (ym != at || amount <= 0)
					break;
				/* One 13º a year: one billed with an earlier end month stays
				 * when the plan's end moves later. */
				if (thirteenth_exists(run, row->client, row->plan, ym_year(ym))) {
					t->existing++;
					if (pc)
						pc->existing++;
					break;
				}
			}
			k.kind = kind;
			/* A plan's monthly fee also yields to one typed for that month (plan 0):
			 * a client pays one monthly fee per plan, never a typed one besides. */
			struct fee_key typed = k;
			typed.plan = 0;
			if (exists(run, &k, p->amount != 0) ||
			    (!p->amount && kind == 0 && exists(run, &typed, false))) {
				t->existing++;
				if (pc)
					pc->existing++;
				continue;
			}
			if (add_candidate(run, &k, amount, kind ? "13º honorário" : description,
					  due_day, next) < 0)
				return -1;
			made++;
			t->fees++;
			t->sum += amount;
			if (pc) {
				pc->fees++;
				pc->sum += amount;
			}
		}
	}
	return made > 0 ? 1 : 0;
}

static int candidates(struct run *run, const struct gen_params *p, struct gen_totals *t,
		      struct gen_client *per, const struct id_pos *pos, size_t n)
{
	for (size_t i = 0; i < run->nrows; i++) {
		const struct plan_row *row = &run->rows[i];
		bool first = i == 0 || run->rows[i - 1].client != row->client;
		if (p->amount && !first)
			continue;   /* a typed value: one fee per client and month */
		struct gen_client *pc = per_client(per, pos, n, row->client);
		if (first)
			t->clients++;
		int some = 0;
		if (p->amount || row->plan) {
			some = plan_candidates(run, p, row, t, pc);
			if (some < 0)
				return -1;
		}
		/* A client counts as "without plan" when none of its rows gave the run anything
		 * and it had no active plan at all. */
		if (!p->amount && row->plan == 0)
			t->without_plan++;
	}
	return 0;
}

/* ------------------------------------------------------------------ writing */

#define INSERT_ROWS 500

static int cand_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->k.client != y->k.client)
		return x->k.client < y->k.client ? -1 : 1;
	if (x->k.plan != y->k.plan)
		return x->k.plan < y->k.plan ? -1 : 1;
	if (x->k.ym != y->k.ym)
		return x->k.ym < y->k.ym ? -1 : 1;
	return x->k.kind - y->k.kind;
}

static int insert_rows(struct request *r, struct run *run, int64_t generation,
		       uint64_t *inserted);

static const char bulk_on_sql[] = "SET @portal_bulk_insert = 1";
static const char bulk_off_sql[] = "SET @portal_bulk_insert = NULL";
static const char open_days_sql_head[] =
	"INSERT INTO fee_open_days (office_id, due_date, fees, open_sum)"
	" SELECT office_id, due_date, COUNT(*), SUM(amount - paid) FROM fees"
	" WHERE generation_id = ? AND office_id = ? AND client_id IN (";
static const char open_days_sql_tail[] =
	") GROUP BY office_id, due_date ON DUPLICATE KEY UPDATE fees = fees + VALUES(fees),"
	" open_sum = open_sum + VALUES(open_sum)";

static int run_plain(struct request *r, const char *sql)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	return st ? db_exec(st) : -1;
}

/* What the batch made, added to the office's open totals per due date once (the
 * per-row trigger stood aside during the INSERT: schema/013): read back from the fees
 * the run made (when another run may have made some first). */
static int open_days(struct request *r, const int64_t *ids, size_t n, int64_t generation)
{
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, open_days_sql_head);
	int rc = db_put_marks(&sql, n);
	sb_puts(&sql, open_days_sql_tail);
	struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, generation);
	db_bind_i64(st, 1, r->office.id);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 2), ids[i]);
	return db_exec(st);
}

struct day_sum {
	const char *due;   /* a candidate's "2026-01-12" */
	int64_t fees, sum;
};

static int day_cmp(const void *a, const void *b)
{
	return strcmp(((const struct day_sum *)a)->due, ((const struct day_sum *)b)->due);
}

/* The same from the candidates, when every one of them was written: no read back. */
static int open_days_written(struct request *r, const struct run *run)
{
	struct day_sum *d = malloc((run->nc ? run->nc : 1) * sizeof *d);
	if (!d)
		return -1;
	for (size_t i = 0; i < run->nc; i++)
		d[i] = (struct day_sum){ run->c[i].due, 1, run->c[i].amount };
	qsort(d, run->nc, sizeof *d, day_cmp);
	size_t m = 0;
	for (size_t i = 0; i < run->nc; i++) {
		if (m && !strcmp(d[m - 1].due, d[i].due)) {
			d[m - 1].fees++;
			d[m - 1].sum += d[i].sum;
		} else {
			d[m++] = d[i];
		}
	}
	int rc = 0;
	for (size_t at = 0; rc == 0 && at < m; at += INSERT_ROWS) {
		size_t k = m - at < INSERT_ROWS ? m - at : INSERT_ROWS;
		struct strbuf sql = STRBUF_INIT;
		sb_puts(&sql, "INSERT INTO fee_open_days (office_id, due_date, fees, open_sum) VALUES ");
		rc = db_put_rows(&sql, "(?, ?, ?, ?)", k);
		sb_puts(&sql, " ON DUPLICATE KEY UPDATE fees = fees + VALUES(fees),"
			      " open_sum = open_sum + VALUES(open_sum)");
		struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		sb_free(&sql);
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t i = 0; i < k; i++) {
			db_bind_i64(st, (unsigned)(i * 4), r->office.id);
			db_bind_str(st, (unsigned)(i * 4 + 1), d[at + i].due);
			db_bind_i64(st, (unsigned)(i * 4 + 2), d[at + i].fees);
			db_bind_i64(st, (unsigned)(i * 4 + 3), d[at + i].sum);
		}
		rc = db_exec(st);
	}
	free(d);
	return rc;
}

/* INSERT IGNORE in the order of the unique key (two runs at once lock in the same
 * order), INSERT_ROWS rows per statement, with the per-row trigger aside. */
static int insert_candidates(struct request *r, struct run *run, int64_t generation,
			     uint64_t *inserted)
{
	if (run_plain(r, bulk_on_sql) < 0)
		return -1;
	int rc = insert_rows(r, run, generation, inserted);
	/* Set back whatever happened: the connection serves the next request. */
	if (run_plain(r, bulk_off_sql) < 0)
		rc = -1;
	return rc;
}

static int insert_rows(struct request *r, struct run *run, int64_t generation,
		       uint64_t *inserted)
{
	*inserted = 0;
	qsort(run->c, run->nc, sizeof *run->c, cand_cmp);
	for (size_t at = 0; at < run->nc; at += INSERT_ROWS) {
		size_t k = run->nc - at < INSERT_ROWS ? run->nc - at : INSERT_ROWS;
		struct strbuf sql = STRBUF_INIT;
		sb_puts(&sql, "INSERT IGNORE INTO fees (office_id, client_id, plan_id, competencia,"
			      " kind, description, amount, due_date, generation_id, created_at,"
			      " updated_at) VALUES ");
		int rc = db_put_rows(&sql, "(?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6),"
					   " UTC_TIMESTAMP(6))", k);
		struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		sb_free(&sql);
		if (!st)
			return -1;
		for (size_t i = 0; i < k; i++) {
			const struct candidate *c = &run->c[at + i];
			unsigned b = (unsigned)(i * 9);
			db_bind_i64(st, b, r->office.id);
			db_bind_i64(st, b + 1, c->k.client);
			db_bind_i64(st, b + 2, c->k.plan);
			db_bind_str(st, b + 3, c->comp);
			db_bind_str(st, b + 4, c->k.kind ? "13" : "mensal");
			db_bind_str(st, b + 5, c->description);
			db_bind_i64(st, b + 6, c->amount);
			db_bind_str(st, b + 7, c->due);
			db_bind_i64(st, b + 8, generation);
		}
		if (db_exec(st) < 0)
			return -1;
		*inserted += db_affected(st);
	}
	return 0;
}

/* What one client got from the run. */
struct client_sum {
	int64_t client, count, sum;
	int first, last;   /* competências */
};

/* From the candidates (sorted by client), when every one of them was written. */
static int sums_written(const struct run *run, struct client_sum *out, size_t *m)
{
	*m = 0;
	for (size_t i = 0; i < run->nc; i++) {
		const struct candidate *c = &run->c[i];
		if (!*m || out[*m - 1].client != c->k.client)
			out[(*m)++] = (struct client_sum){ c->k.client, 0, 0, c->k.ym, c->k.ym };
		struct client_sum *s = &out[*m - 1];
		s->count++;
		s->sum += c->amount;
		if (c->k.ym < s->first)
			s->first = c->k.ym;
		if (c->k.ym > s->last)
			s->last = c->k.ym;
	}
	return 0;
}

/* Read back from the fees, when another run may have made some of them first. */
static int sums_read(struct request *r, const int64_t *ids, size_t n, int64_t generation,
		     struct client_sum *out, size_t *m)
{
	*m = 0;
	struct db_stmt *st = prepare_in(r->db,
		"SELECT client_id, COUNT(*), SUM(amount), MIN(competencia), MAX(competencia)"
		" FROM fees WHERE generation_id = ? AND office_id = ? AND client_id IN (", n,
		") GROUP BY client_id ORDER BY client_id");
	if (!st)
		return -1;
	db_bind_i64(st, 0, generation);
	db_bind_i64(st, 1, r->office.id);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 2), ids[i]);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0) {
		if (*m >= n)
			continue;
		struct client_sum *s = &out[(*m)++];
		s->client = db_col_i64(st, 0);
		s->count = db_col_i64(st, 1);
		s->sum = db_col_i64(st, 2);
		ym_from_sql(db_col(st, 3), &s->first);
		ym_from_sql(db_col(st, 4), &s->last);
	}
	return got;
}

/* What the run really wrote for these clients: the totals, and one audit event per
 * client. */
static const char number_sql[] = "SELECT number FROM fee_generations WHERE id = ?";

static int written(struct request *r, const struct client_sum *sums, size_t m,
		   int64_t generation, struct gen_totals *t, struct gen_client *per,
		   const struct id_pos *pos, size_t n)
{
	/* The audit names the run as the office counts them. */
	int64_t number = generation;
	struct db_stmt *q = db_prepare(r->db, number_sql);
	if (!q)
		return -1;
	db_bind_i64(q, 0, generation);
	if (db_exec(q) < 0)
		return -1;
	int got;
	while ((got = db_fetch(q)) > 0)
		number = db_col_i64(q, 0);
	if (got < 0)
		return -1;
	int64_t *clients = calloc(m ? m : 1, sizeof *clients);
	char **texts = calloc(m ? m : 1, sizeof *texts);
	struct audit_change *ch = calloc(m ? m : 1, sizeof *ch);
	const struct audit_change **chp = calloc(m ? m : 1, sizeof *chp);
	size_t *nch = calloc(m ? m : 1, sizeof *nch);
	int64_t fees = 0, sum = 0;
	int rc = !clients || !texts || !ch || !chp || !nch ? -1 : 0;
	for (size_t i = 0; rc == 0 && i < m; i++) {
		const struct client_sum *s = &sums[i];
		fees += s->count;
		sum += s->sum;
		struct gen_client *pc = per_client(per, pos, n, s->client);
		if (pc) {
			pc->existing += pc->fees - s->count;
			pc->fees = s->count;
			pc->sum = s->sum;
		}
		char a[YM_TEXT], b[YM_TEXT], value[MONEY_FMT_MAX];
		ym_format(s->first, a, sizeof a);
		ym_format(s->last, b, sizeof b);
		money_format(s->sum, true, value, sizeof value);
		if (!(texts[i] = str_printf("%lld %s, %s%s%s, %s (geração nº %lld)", (long long)s->count,
					    s->count == 1 ? "honorário" : "honorários", a,
					    s->first == s->last ? "" : " a ",
					    s->first == s->last ? "" : b, value, (long long)number))) {
			rc = -1;
			break;
		}
		clients[i] = s->client;
		ch[i] = (struct audit_change){ "fees", NULL, texts[i] };
		chp[i] = &ch[i];
		nch[i] = 1;
	}
	if (rc == 0) {
		t->fees = fees;
		t->sum = sum;
		if (m && audit_event_many(r, "staff", "generate_fees", "client", clients, m, chp,
					  nch) < 0)
			rc = -1;
	}
	for (size_t i = 0; texts && i < m; i++)
		free(texts[i]);
	free(clients);
	free(texts);
	free(ch);
	free(chp);
	free(nch);
	return rc;
}

/* Writes the batch's candidates and what follows from them. */
static int write_batch(struct request *r, struct run *run, const int64_t *ids, size_t n,
		       int64_t generation, struct gen_totals *t, struct gen_client *per,
		       const struct id_pos *pos)
{
	uint64_t inserted = 0;
	if (insert_candidates(r, run, generation, &inserted) < 0)
		return -1;
	/* Under the office's lock (gen_clients) every candidate is new and gets written;
	 * were any skipped, what was written is read back instead. */
	bool all = inserted == run->nc;
	struct client_sum *sums = malloc(n * sizeof *sums);
	size_t m = 0;
	int rc = !sums ? -1
		 : all ? (open_days_written(r, run) < 0 ? -1 : sums_written(run, sums, &m))
		       : (open_days(r, ids, n, generation) < 0 ? -1
							       : sums_read(r, ids, n, generation, sums, &m));
	if (rc == 0)
		rc = written(r, sums, m, generation, t, per, pos, n);
	free(sums);
	return rc;
}

int gen_clients(struct request *r, const struct gen_params *p, const int64_t *ids, size_t n,
		int64_t generation, struct gen_totals *t, struct gen_client *per)
{
	if (n == 0)
		return 0;
	struct run run;
	memset(&run, 0, sizeof run);
	struct id_pos *pos = per ? malloc(n * sizeof *pos) : NULL;
	if (per && !pos)
		return -1;
	for (size_t i = 0; per && i < n; i++) {
		pos[i] = (struct id_pos){ ids[i], i };
		per[i] = (struct gen_client){ ids[i], 0, 0, 0 };
	}
	if (pos)
		qsort(pos, n, sizeof *pos, id_pos_cmp);
	/* This batch's own counts: the run's totals take them once they are true. */
	struct gen_totals mine;
	memset(&mine, 0, sizeof mine);
	/* A run that writes takes the office's fee version first: it moves anyway, and its
	 * row lock makes two runs of one office take turns instead of deadlocking on the
	 * unique key (each fee still exists once by the key, whoever comes first). */
	int rc = (generation > 0 && fee_version_bump(r) < 0) ||
			 load_holidays(r, &run) < 0 || load_plans(r, ids, n, &run) < 0 ||
			 load_changes(r, &run) < 0 || load_existing(r, p, ids, n, &run) < 0 ||
			 candidates(&run, p, &mine, per, pos, n) < 0
		 ? -1 : 0;
	if (rc == 0 && generation > 0 && run.nc > 0) {
		int64_t planned = mine.fees;
		rc = write_batch(r, &run, ids, n, generation, &mine, per, pos);
		mine.existing += planned - mine.fees;   /* made by another run meanwhile */
	}
	if (rc == 0) {
		t->clients += mine.clients;
		t->without_plan += mine.without_plan;
		t->fees += mine.fees;
		t->sum += mine.sum;
		t->existing += mine.existing;
	}
	free(pos);
	run_free(&run);
	return rc;
}
