#include "honorarios/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/db.h"
#include "base/memo.h"
#include "base/strbuf.h"
#include "br/bizday.h"
#include "br/money.h"
#include "br/valid.h"
#include "honorarios/fee.h"
#include "web/page.h"

#define UNPAID "('aberto', 'negativado', 'cobranca')"
/* A 13º's name ("13º honorário 2026") beside the client in the lists, NULL for a monthly
 * fee: the same client twice on one day is then two fees, not one charged twice. */
#define THIRTEENTH_SQL "IF(f.kind = '13', " FEE_LABEL_SQL("f.") ", NULL)"

/* From the per-due-date totals (schema/013 fee_open_days), not from every unpaid fee. */
static const char totals_sql[] =
	"SELECT COALESCE(SUM(open_sum), 0), COALESCE(SUM(IF(due_date < ?, open_sum, 0)), 0),"
	" COALESCE(SUM(IF(due_date < ?, fees, 0)), 0), COALESCE(SUM(fees), 0)"
	" FROM fee_open_days WHERE office_id = ?";
static const char week_totals_sql[] =
	"SELECT COALESCE(SUM(fees), 0), COALESCE(SUM(open_sum), 0) FROM fee_open_days"
	" WHERE office_id = ? AND due_date BETWEEN ? AND ?";
static const char week_sql[] =
	"SELECT f.id, f.client_id, c.name, DATE_FORMAT(f.due_date, '%d/%m/%Y'), f.amount - f.paid,"
	" " THIRTEENTH_SQL
	" FROM fees f JOIN clients c ON c.id = f.client_id"
	" WHERE f.office_id = ? AND f.unpaid = 1 AND f.due_date BETWEEN ? AND ?"
	" ORDER BY f.due_date, f.id LIMIT 8";
static const char payments_sql[] =
	"SELECT DATE_FORMAT(p.paid_on, '%d/%m/%Y'), p.amount, f.id, c.name, c.id, " THIRTEENTH_SQL
	" FROM fee_payments p JOIN fees f ON f.id = p.fee_id JOIN clients c ON c.id = f.client_id"
	" WHERE p.office_id = ? ORDER BY p.paid_on DESC, p.id DESC LIMIT 5";
/* The office's active records (client_counts) less those with an active plan: reads
 * the plans, not every client. */
static const char without_plan_sql[] =
	"SELECT cc.active - (SELECT COUNT(DISTINCT p.client_id) FROM fee_plans p"
	" JOIN clients c ON c.id = p.client_id WHERE p.office_id = cc.office_id AND p.active"
	" AND c.active AND NOT c.trashed) FROM client_counts cc WHERE cc.office_id = ?";
static const char imports_sql[] =
	"SELECT id, file_name, status, n_created, n_updated,"
	" DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-03:00'), '%d/%m %H:%i')"
	" FROM imports WHERE office_id = ? ORDER BY id DESC LIMIT 3";
static const char runs_sql[] =
	"SELECT id, status, created, DATE_FORMAT(first_month, '%m/%Y'), months,"
	" DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-03:00'), '%d/%m %H:%i'), number"
	" FROM fee_generations WHERE office_id = ? ORDER BY number DESC LIMIT 3";

struct day {
	char today[11], week_end[11], yesterday[11];
};

static void days(struct day *d)
{
	time_t now = time(NULL) - 3 * 3600;   /* Brasília time, UTC−3 */
	struct tm tm;
	gmtime_r(&now, &tm);
	struct date t = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	struct date e = date_add_days(t, 6), y = date_add_days(t, -1);
	date_format_iso(t.y, t.m, t.d, d->today, sizeof d->today);
	date_format_iso(e.y, e.m, e.d, d->week_end, sizeof d->week_end);
	date_format_iso(y.y, y.m, y.d, d->yesterday, sizeof d->yesterday);
}

static struct db_stmt *run(struct request *r, const char *sql, const struct day *d, int dates)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return NULL;
	unsigned i = 0;
	if (dates == 2) {   /* totals: today twice, then the office */
		db_bind_str(st, i++, d->today);
		db_bind_str(st, i++, d->today);
	}
	db_bind_i64(st, i++, r->office.id);
	if (dates == 1) {   /* the week: office, then today .. today + 6 */
		db_bind_str(st, i++, d->today);
		db_bind_str(st, i++, d->week_end);
	}
	return db_exec(st) < 0 ? NULL : st;
}

static void money(struct request *r, const char *key, int64_t v)
{
	char s[MONEY_FMT_MAX];
	money_format(v, true, s, sizeof s);
	page_set(r, key, s);
}

static void count(struct request *r, const char *key, int64_t v)
{
	char s[32];
	number_format(v, s, sizeof s);
	page_set(r, key, s);
	char raw[48];
	snprintf(raw, sizeof raw, "%s_n", key);
	page_set_int(r, raw, v);
}

static int totals(struct request *r, const struct day *d)
{
	struct db_stmt *st = run(r, totals_sql, d, 2);
	int got = st ? db_fetch(st) : -1;
	if (got > 0) {
		money(r, "Home.receivable", db_col_i64(st, 0));
		money(r, "Home.overdue", db_col_i64(st, 1));
		count(r, "Home.overdue_count", db_col_i64(st, 2));
		count(r, "Home.unpaid_count", db_col_i64(st, 3));
		while ((got = db_fetch(st)) > 0)
			;
	}
	if (got < 0)
		return -1;
	st = run(r, week_totals_sql, d, 1);
	got = st ? db_fetch(st) : -1;
	if (got > 0) {
		count(r, "Home.week_count", db_col_i64(st, 0));
		money(r, "Home.week_sum", db_col_i64(st, 1));
		while ((got = db_fetch(st)) > 0)
			;
	}
	return got < 0 ? -1 : 0;
}

static int week(struct request *r, const struct day *d)
{
	struct db_stmt *st = run(r, week_sql, d, 1);
	if (!st)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32], open[MONEY_FMT_MAX];
		snprintf(key, sizeof key, "Home.Week.%d", n++);
		money_format(db_col_i64(st, 4), true, open, sizeof open);
		static const char *const names[] = { "id", "client_id", "client", "due", "open",
						     "thirteenth" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2), db_col(st, 3),
					 open, db_col(st, 5) };
		page_set_many(r, key, names, values, 6);
	}
	return got;
}

static int payments(struct request *r, const struct day *d)
{
	struct db_stmt *st = run(r, payments_sql, d, 0);
	if (!st)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32], amount[MONEY_FMT_MAX];
		snprintf(key, sizeof key, "Home.Payments.%d", n++);
		money_format(db_col_i64(st, 1), true, amount, sizeof amount);
		static const char *const names[] = { "date", "amount", "fee", "client", "client_id",
						     "thirteenth" };
		const char *values[] = { db_col(st, 0), amount, db_col(st, 2), db_col(st, 3),
					 db_col(st, 4), db_col(st, 5) };
		page_set_many(r, key, names, values, 6);
	}
	return got;
}

static const char *import_label(const char *s)
{
	static const char *const map[][2] = {
		{ "draft", "aguardando conferência" }, { "checking", "conferindo" },
		{ "checked", "conferida" }, { "queued", "na fila" }, { "running", "importando" },
		{ "done", "concluída" }, { "failed", "interrompida" }, { "undoing", "desfazendo" },
		{ "undone", "desfeita" },
	};
	for (size_t i = 0; s && i < sizeof map / sizeof *map; i++)
		if (!strcmp(map[i][0], s))
			return map[i][1];
	return s ? s : "";
}

static int recent(struct request *r, const struct day *d)
{
	struct db_stmt *st = run(r, without_plan_sql, d, 0);
	int got = st ? db_fetch(st) : -1;
	if (got > 0) {
		count(r, "Home.without_plan", db_col_i64(st, 0));
		while ((got = db_fetch(st)) > 0)
			;
	}
	if (got < 0 || !(st = run(r, imports_sql, d, 0)))
		return -1;
	int n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		snprintf(key, sizeof key, "Home.Imports.%d", n++);
		static const char *const names[] = { "id", "file", "status", "created", "updated", "at" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), import_label(db_col(st, 2)),
					 db_col(st, 3), db_col(st, 4), db_col(st, 5) };
		page_set_many(r, key, names, values, 6);
	}
	if (got < 0 || !(st = run(r, runs_sql, d, 0)))
		return -1;
	n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		snprintf(key, sizeof key, "Home.Runs.%d", n++);
		const char *status = db_col(st, 1) ? db_col(st, 1) : "";
		static const char *const names[] = { "id", "status", "created", "first", "months", "at",
						     "number" };
		const char *values[] = { db_col(st, 0),
					 !strcmp(status, "done") ? "concluída"
					 : !strcmp(status, "failed") ? "interrompida" : "gerando",
					 db_col(st, 2), db_col(st, 3), db_col(st, 4), db_col(st, 5),
					 db_col(st, 6) };
		page_set_many(r, key, names, values, 7);
	}
	return got;
}

static int fill(struct request *r, const struct day *d)
{
	page_set(r, "Home.today", d->today);
	page_set(r, "Home.week_end", d->week_end);
	page_set(r, "Home.yesterday", d->yesterday);
	return totals(r, d) < 0 || week(r, d) < 0 || payments(r, d) < 0 || recent(r, d) < 0
	       ? -1 : 0;
}

int fee_home_to_page(struct request *r, const char *part)
{
	struct day d;
	days(&d);
	char key[96];
	snprintf(key, sizeof key, "home|%s|%lld|%lld", d.today,
		 (long long)r->office.registry_version, (long long)(time(NULL) / 60));
	size_t len = 0;
	const void *kept = memo_get(r->office.id, r->office.fee_version, key, &len);
	if (kept)
		return page_part(r, "dia", kept, len);
	struct strbuf html = STRBUF_INIT;
	int rc = fill(r, &d) < 0 || page_render_part(r, part, &html) < 0 ||
			 page_part(r, "dia", sb_str(&html), html.len) < 0 ? -1 : 0;
	if (rc == 0)
		memo_put(r->office.id, r->office.fee_version, key, sb_str(&html), html.len);
	sb_free(&html);
	return rc;
}

/* ------------------------------------------------------------------ a client's card */

/* The next unpaid fees, each row also carrying the totals of all of them (window
 * aggregates, taken before the LIMIT): one statement for both. A client's fees are one
 * range of fees_once (client, office, ...), named: the optimizer's look at the other
 * indexes by office and status cost more than the read. */
static const char client_next_sql[] =
	"SELECT id, DATE_FORMAT(competencia, '%m/%Y'), DATE_FORMAT(due_date, '%d/%m/%Y'),"
	" amount - paid, due_date < ?, SUM(amount - paid) OVER (),"
	" SUM(IF(due_date < ?, amount - paid, 0)) OVER (), COUNT(*) OVER (),"
	" IF(kind = '13', " FEE_LABEL_SQL("") ", NULL)"
	" FROM fees FORCE INDEX (fees_once)"
	" WHERE client_id = ? AND office_id = ? AND status IN " UNPAID
	" ORDER BY due_date, id LIMIT 4";
static const char client_plans_sql[] =
	"SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM fee_plans"
	" WHERE client_id = ? AND office_id = ? AND active";

static struct db_stmt *client_query(struct request *r, const char *sql, const char *today,
				    int64_t client)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return NULL;
	unsigned i = 0;
	if (today) {
		db_bind_str(st, i++, today);
		db_bind_str(st, i++, today);
	}
	db_bind_i64(st, i++, client);
	db_bind_i64(st, i, r->office.id);
	return db_exec(st) < 0 ? NULL : st;
}

int fee_client_to_page(struct request *r, int64_t client_id)
{
	struct day d;
	days(&d);
	struct db_stmt *st = client_query(r, client_next_sql, d.today, client_id);
	if (!st)
		return -1;
	int64_t receivable = 0, overdue = 0, unpaid = 0;
	int n = 0, got;
	while ((got = db_fetch(st)) > 0) {
		receivable = db_col_i64(st, 5);
		overdue = db_col_i64(st, 6);
		unpaid = db_col_i64(st, 7);
		char key[32], open[MONEY_FMT_MAX];
		snprintf(key, sizeof key, "Finance.Next.%d", n++);
		money_format(db_col_i64(st, 3), true, open, sizeof open);
		static const char *const names[] = { "id", "competencia", "due", "open", "overdue",
						     "thirteenth" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2), open,
					 db_col_i64(st, 4) ? "1" : "0", db_col(st, 8) };
		page_set_many(r, key, names, values, 6);
	}
	if (got < 0)
		return -1;
	money(r, "Finance.receivable", receivable);
	money(r, "Finance.overdue", overdue);
	page_set_int(r, "Finance.overdue_n", overdue);
	page_set_int(r, "Finance.unpaid", unpaid);
	if (!(st = client_query(r, client_plans_sql, NULL, client_id)))
		return -1;
	if ((got = db_fetch(st)) > 0) {
		page_set_int(r, "Finance.plans", db_col_i64(st, 0));
		money(r, "Finance.monthly", db_col_i64(st, 1));
		while ((got = db_fetch(st)) > 0)
			;
	}
	return got < 0 ? -1 : 0;
}
