#include "seed_fees.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/db.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "honorarios/generate.h"
#include "web/request.h"

#define DEMO_PLANS 40

static const char office_sql[] =
	"SELECT o.id, u.id, u.name, EXISTS (SELECT 1 FROM fee_plans p WHERE p.office_id = o.id)"
	" FROM offices o JOIN staff_users u ON u.office_id = o.id AND u.email = ?"
	" WHERE o.slug = ?";
static const char plans_sql[] =
	"INSERT INTO fee_plans (office_id, client_id, description, amount, due_day, start_month,"
	" active, thirteenth, created_at, updated_at)"
	" SELECT office_id, id, 'Honorários contábeis', 35000 + (id % 8) * 5000, 5 + (id % 4) * 5,"
	" ?, TRUE, IF(id % 3 = 0, 'integral', 'nao'), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)"
	" FROM clients WHERE office_id = ? AND active AND NOT trashed ORDER BY id LIMIT ?";
static const char selection_sql[] =
	"INSERT INTO selection_items (selection_id, client_id)"
	" SELECT ?, client_id FROM fee_plans WHERE office_id = ?";
static const char past_sql[] =
	"SELECT id FROM fees WHERE office_id = ? AND due_date < UTC_DATE() - INTERVAL 3 DAY"
	" AND client_id % 5 <> 0 ORDER BY id";
static const char pix_sql[] =
	"UPDATE offices SET pix_key = '123e4567-e12b-12d1-a456-426655440000',"
	" pix_key_type = 'Chave aleatória', pix_name = 'Escritorio Demonstracao',"
	" pix_city = 'Sao Paulo' WHERE id = ? AND pix_key = ''";

/* Most fees past due received on their due date (the clients whose id ends in 0 or 5
 * owe theirs: the overdue examples). */
static int receive_past(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, past_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int64_t ids[1024];
	size_t n = 0;
	int got;
	while ((got = db_fetch(st)) > 0)
		if (n < sizeof ids / sizeof *ids)
			ids[n++] = db_col_i64(st, 0);
	if (got < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct fee f;
		if (fee_load(r, ids[i], &f) <= 0)
			return -1;
		const char *why = NULL;
		int done = fee_pay(r, &f, f.due_date, f.amount - f.paid, i % 3 ? "pix" : "boleto", &why);
		fee_free(&f);
		if (done < 0)
			return -1;
	}
	return 0;
}

int seed_fees_if_none(struct db *db, const char *office_slug, const char *member_email)
{
	struct db_stmt *st = db_prepare(db, office_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, member_email);
	db_bind_str(st, 1, office_slug);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	int64_t office = db_col_i64(st, 0), user = db_col_i64(st, 1);
	char name[200];
	snprintf(name, sizeof name, "%s", db_col(st, 2) ? db_col(st, 2) : "");
	bool has = db_col_i64(st, 3) != 0;
	while (db_fetch(st) > 0)
		;
	if (has)
		return 0;

	struct session s;
	struct request r;
	request_for_job(&r, &s, db, office, user, name, "", "seed", 0);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	int first = ym_of(tm.tm_year + 1900, tm.tm_mon + 1) - 6;
	char start[11];
	ym_sql(first, start, sizeof start);
	const struct gen_params p = { first, 12, 0, 0, NULL };

	int64_t selection;
	int rc = db_begin(db);
	struct db_stmt *plans = rc == 0 ? db_prepare(db, plans_sql) : NULL;
	if (!plans)
		rc = -1;
	else {
		db_bind_str(plans, 0, start);
		db_bind_i64(plans, 1, office);
		db_bind_i64(plans, 2, DEMO_PLANS);
		rc = db_exec(plans);
	}
	if (rc == 0 && (selection = selection_new(&r)) < 0)
		rc = -1;
	struct db_stmt *items = rc == 0 ? db_prepare(db, selection_sql) : NULL;
	if (rc == 0 && !items)
		rc = -1;
	if (rc == 0) {
		db_bind_i64(items, 0, selection);
		db_bind_i64(items, 1, office);
		rc = db_exec(items) < 0 || selection_counted(&r, selection) < 0 ||
			     gen_start(&r, &p, selection, DEMO_PLANS) < 0 || receive_past(&r) < 0
			     ? -1 : 0;
	}
	struct db_stmt *pix = rc == 0 ? db_prepare(db, pix_sql) : NULL;
	if (rc == 0 && pix) {
		db_bind_i64(pix, 0, office);
		rc = db_exec(pix);
	} else if (rc == 0) {
		rc = -1;
	}
	if (rc < 0 || db_commit(db) < 0) {
		db_rollback(db);
		fprintf(stderr, "seed-demo: the demo fees failed: %s\n", db_error(db));
		return -1;
	}
	return 0;
}
