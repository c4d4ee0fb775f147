#include "honorarios/reajuste.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "br/money.h"
#include "cadastro/audit.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "honorarios/plan.h"
#include "web/page.h"

bool reajuste_parse_percent(const char *s, int *bp)
{
	bool neg = false;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	int whole = 0, frac = 0, digits = 0, decimals = -1;
	for (; *s && *s != '%' && *s != ' '; s++) {
		if (*s == ',' || *s == '.') {
			if (decimals >= 0 || digits == 0)
				return false;
			decimals = 0;
		} else if (*s >= '0' && *s <= '9') {
			if (decimals >= 0) {
				if (++decimals > 2)
					return false;
				frac = frac * 10 + (*s - '0');
			} else {
				if (++digits > 3)
					return false;
				whole = whole * 10 + (*s - '0');
			}
		} else {
			return false;
		}
	}
	while (*s == ' ' || *s == '%')
		s++;
	if (*s || digits == 0 || decimals == 0)
		return false;
	if (decimals == 1)
		frac *= 10;
	int v = whole * 100 + frac;
	if (neg)
		v = -v;
	if (v < -5000 || v > 10000 || v == 0)
		return false;
	*bp = v;
	return true;
}

int64_t reajuste_value(int64_t centavos, int bp)
{
	int64_t num = centavos * (10000 + bp);   /* ≤ 10^9 × 2 × 10^4: no overflow */
	int64_t v = (num * 2 + 10000) / 20000;   /* half up (num > 0) */
	return v < 1 ? 1 : v;
}

static const char plans_sql_head[] =
	"SELECT p.id, c.name, p.description, p.amount FROM fee_plans p"
	" JOIN clients c ON c.id = p.client_id"
	" WHERE p.office_id = ? AND p.active AND NOT c.trashed AND p.client_id IN (";

/* Monthly fees and 13ºs alike: a 13º is worth the plan's monthly value (or its share),
 * so one left at the old value would under-bill by the order things were done in. */
static const char fees_sql[] =
	"SELECT f.id, f.amount FROM fees f WHERE f.office_id = ? AND f.plan_id = ?"
	" AND f.status = 'aberto' AND f.paid = 0 AND f.competencia >= ?";
static const char fee_set_sql[] =
	"UPDATE fees SET amount = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND status = 'aberto' AND paid = 0";

/* The open fees of a plan from the competência on: moved (apply) or counted. */
static int plan_fees(struct request *r, const struct reajuste *q, int64_t plan, bool apply,
		     struct reajuste_totals *t)
{
	char from[11];
	ym_sql(q->from_ym, from, sizeof from);
	struct db_stmt *st = db_prepare(r->db, fees_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, plan);
	db_bind_str(st, 2, from);
	if (db_exec(st) < 0)
		return -1;
	int64_t ids[64], olds[64];
	int got;
	size_t n = 0;
	for (;;) {
		while (n < 64 && (got = db_fetch(st)) > 0) {
			ids[n] = db_col_i64(st, 0);
			olds[n++] = db_col_i64(st, 1);
		}
		if (got < 0)
			return -1;
		/* The statement's rows are buffered: updating between fetches is safe. */
		for (size_t i = 0; i < n; i++) {
			int64_t nv = reajuste_value(olds[i], q->bp);
			t->fees++;
			t->fees_old += olds[i];
			t->fees_new += nv;
			if (!apply)
				continue;
			struct db_stmt *u = db_prepare(r->db, fee_set_sql);
			if (!u)
				return -1;
			db_bind_i64(u, 0, nv);
			db_bind_i64(u, 1, ids[i]);
			db_bind_i64(u, 2, r->office.id);
			char a[24], b[24];
			snprintf(a, sizeof a, "%lld", (long long)olds[i]);
			snprintf(b, sizeof b, "%lld", (long long)nv);
			const struct audit_change ch = { "amount", a, b };
			if (db_exec(u) < 0 ||
			    audit_event(r, "staff", "reajuste", "fee", ids[i], 0, NULL, &ch, 1) < 0)
				return -1;
		}
		if (got == 0)
			return 0;
		n = 0;
	}
}

static const char change_sql[] =
	"INSERT INTO fee_plan_changes (plan_id, from_month, amount_before, amount_after, created_at)"
	" VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))";

/* The plan's value before the reajuste stays for the competências before it (a month
 * generated later still gets the value it had: honorarios/generate.c). */
static int change_record(struct request *r, const struct fee_plan *old, int64_t after,
			 const struct reajuste *q)
{
	char from[11];
	ym_sql(q->from_ym, from, sizeof from);
	struct db_stmt *st = db_prepare(r->db, change_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, old->id);
	db_bind_str(st, 1, from);
	db_bind_i64(st, 2, old->amount);
	db_bind_i64(st, 3, after);
	return db_exec(st);
}

/* One batch of clients: their active plans, shown, counted, and applied. */
static int batch(struct request *r, const struct reajuste *q, const int64_t *ids, size_t n,
		 bool apply, int show, struct reajuste_totals *t)
{
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, plans_sql_head);
	int rc = db_put_marks(&sql, n);
	sb_puts(&sql, ") ORDER BY c.name, p.id");
	struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 1), ids[i]);
	if (db_exec(st) < 0)
		return -1;
	/* The plans first (the statement is reused by what follows). */
	size_t cap = 0, np = 0;
	int64_t *plan_ids = NULL;
	int got;
	while ((got = db_fetch(st)) > 0) {
		int64_t old = db_col_i64(st, 3), nv = reajuste_value(old, q->bp);
		if (t->plans < show) {
			char key[32], a[MONEY_FMT_MAX], b[MONEY_FMT_MAX];
			snprintf(key, sizeof key, "Preview.%lld", (long long)t->plans);
			money_format(old, true, a, sizeof a);
			money_format(nv, true, b, sizeof b);
			static const char *const names[] = { "client", "description", "old", "new" };
			const char *values[] = { db_col(st, 1), db_col(st, 2), a, b };
			page_set_many(r, key, names, values, 4);
		}
		t->plans++;
		t->old_sum += old;
		t->new_sum += nv;
		if (np == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *v = realloc(plan_ids, cap * sizeof *v);
			if (!v) {
				got = -1;
				break;
			}
			plan_ids = v;
		}
		plan_ids[np++] = db_col_i64(st, 0);
	}
	while (got > 0)
		got = db_fetch(st);
	for (size_t i = 0; got == 0 && i < np; i++) {
		if (apply) {
			struct fee_plan old, nw;
			int have = plan_load(r, plan_ids[i], &old);
			if (have < 0) {
				got = -1;
				break;
			}
			if (have == 0)
				continue;
			nw = old;
			nw.amount = reajuste_value(old.amount, q->bp);
			if (plan_update(r, &old, &nw) <= 0 || change_record(r, &old, nw.amount, q) < 0)
				got = -1;
			plan_free(&old);
		}
		if (got == 0 && q->fees_too && plan_fees(r, q, plan_ids[i], apply, t) < 0)
			got = -1;
	}
	free(plan_ids);
	return got < 0 ? -1 : 0;
}

static const char conflicts_sql[] =
	"SELECT COUNT(DISTINCT p.id) FROM fee_plan_changes c JOIN fee_plans p ON p.id = c.plan_id"
	" JOIN selection_items i ON i.client_id = p.client_id"
	" WHERE i.selection_id = ? AND p.office_id = ? AND p.active AND c.from_month >= ?";

int64_t reajuste_conflicts(struct request *r, const struct reajuste *q, int64_t selection)
{
	char from[11];
	ym_sql(q->from_ym, from, sizeof from);
	struct db_stmt *st = db_prepare(r->db, conflicts_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, selection);
	db_bind_i64(st, 1, r->office.id);
	db_bind_str(st, 2, from);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	int64_t n = got > 0 ? db_col_i64(st, 0) : 0;
	while (got > 0)
		got = db_fetch(st);
	return got < 0 ? -1 : n;
}

int reajuste_run(struct request *r, const struct reajuste *q, int64_t selection, bool apply,
		 int show, struct reajuste_totals *t)
{
	memset(t, 0, sizeof *t);
	int64_t ids[500], after = 0;
	for (;;) {
		size_t n = 0;
		if (selection_ids(r, selection, after, 500, ids, &n) < 0)
			return -1;
		if (n == 0)
			break;
		if (batch(r, q, ids, n, apply, show, t) < 0)
			return -1;
		after = ids[n - 1];
	}
	if (apply && t->fees > 0 && fee_version_bump(r) < 0)
		return -1;
	return 0;
}
