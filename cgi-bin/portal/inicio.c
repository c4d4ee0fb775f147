/* /portal: the client's start page — what to pay now ("a pagar": overdue or due within
 * DUE_SOON_DAYS, the first ones with their PIX), what falls due later ("a vencer", a
 * list: a client billed months ahead is not shown one total as if all were due), and
 * the latest paid ones. */
#include "portal.h"
#include <stdio.h>

#include "base/db.h"
#include "base/memo.h"
#include "base/strbuf.h"
#include "br/money.h"
#include "br/valid.h"
#include "honorarios/feepix.h"
#include "web/page.h"

/* The first fees to pay that show their PIX on the page; the others are a list, each
 * linked to its own page with its PIX (25 open fees made a 6,755 px page). */
#define PIX_CARDS 3
#define STR_(x) #x
#define STR(x) STR_(x)
#define DUE_SOON_TEXT STR(DUE_SOON_DAYS)

static const char open_sql[] =
	"SELECT " FEE_COLUMNS " FROM fees WHERE client_id = ? AND office_id = ? AND unpaid = 1"
	" ORDER BY due_date, id LIMIT 60";
/* Every open fee in the totals (the list stops at 60). */
static const char totals_sql[] =
	"SELECT COALESCE(SUM(IF(due_date < ?, amount - paid, 0)), 0), COUNT(IF(due_date < ?, 1, NULL)),"
	" COALESCE(SUM(IF(due_date <= ? + INTERVAL " DUE_SOON_TEXT " DAY, amount - paid, 0)), 0),"
	" COUNT(IF(due_date <= ? + INTERVAL " DUE_SOON_TEXT " DAY, 1, NULL)),"
	" COALESCE(SUM(amount - paid), 0), COUNT(*),"
	" DATE_FORMAT(? + INTERVAL " DUE_SOON_TEXT " DAY, '%d/%m/%Y')"
	" FROM fees WHERE client_id = ? AND office_id = ? AND unpaid = 1";
static const char paid_sql[] =
	"SELECT " FEE_COLUMNS " FROM fees WHERE client_id = ? AND office_id = ?"
	" AND status = 'recebido' ORDER BY paid_on DESC, id DESC LIMIT 3";

static struct db_stmt *client_fees(struct request *r, const char *sql, const char *today)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return NULL;
	db_bind_str(st, 0, today);
	db_bind_i64(st, 1, r->client->client_id);
	db_bind_i64(st, 2, r->office.id);
	return db_exec(st) < 0 ? NULL : st;
}

static void money_to_page(struct request *r, const char *key, int64_t centavos)
{
	char v[MONEY_FMT_MAX];
	money_format(centavos, true, v, sizeof v);
	page_set(r, key, v);
}

static int totals_to_page(struct request *r, const char *today)
{
	struct db_stmt *st = db_prepare(r->db, totals_sql);
	if (!st)
		return -1;
	for (unsigned i = 0; i < 5; i++)
		db_bind_str(st, i, today);
	db_bind_i64(st, 5, r->client->client_id);
	db_bind_i64(st, 6, r->office.id);
	int got = db_exec(st) < 0 ? -1 : db_fetch(st);
	if (got <= 0)
		return -1;
	int64_t overdue = db_col_i64(st, 0), soon = db_col_i64(st, 2), all = db_col_i64(st, 4);
	int64_t overdue_n = db_col_i64(st, 1), soon_n = db_col_i64(st, 3), all_n = db_col_i64(st, 5);
	page_set(r, "Totals.soon_until", db_col(st, 6));
	while ((got = db_fetch(st)) > 0)
		;
	money_to_page(r, "Totals.overdue", overdue);
	page_set_int(r, "Totals.overdue_n", overdue_n);
	money_to_page(r, "Totals.soon", soon);
	page_set_int(r, "Totals.soon_n", soon_n);
	money_to_page(r, "Totals.later", all - soon);
	page_set_int(r, "Totals.later_n", all_n - soon_n);
	return got;
}

/* The client's fees, totals and PIX codes into the page data. */
static int fees_to_page(struct request *r, const char *today)
{
	struct office_pix pix;
	if (office_pix_load(r, &pix) < 0)
		return -1;
	struct db_stmt *st = client_fees(r, open_sql, today);
	int n = st ? fee_rows(r, st, "Open", &pix) : -1;
	office_pix_free(&pix);
	if (n < 0 || !(st = client_fees(r, paid_sql, today)) || fee_rows(r, st, "Paid", NULL) < 0)
		return -1;
	page_set_int(r, "PixCards", PIX_CARDS);
	return totals_to_page(r, today);
}

/* The fees' part of the page (inicio_honorarios.cs) is remembered per client and day at
 * the office's fee version (base/memo.h), which every change of a fee, a plan or the
 * office's PIX key moves: a client coming back sees it without its queries. */
static int fees_part(struct request *r)
{
	char today[11], key[64];
	date_today_iso(today);
	snprintf(key, sizeof key, "portal|%lld|%s", (long long)r->client->client_id, today);
	size_t len = 0;
	const void *kept = memo_get(r->office.id, r->office.fee_version, key, &len);
	if (kept)
		return page_part(r, "fees", kept, len);
	struct strbuf html = STRBUF_INIT;
	int rc = fees_to_page(r, today) < 0 || page_render_part(r, "inicio_honorarios.cs", &html) < 0 ||
		 page_part(r, "fees", sb_str(&html), html.len) < 0 ? -1 : 0;
	if (rc == 0)
		memo_put(r->office.id, r->office.fee_version, key, sb_str(&html), html.len);
	sb_free(&html);
	return rc;
}

int inicio_get(struct request *r, const struct form *in)
{
	(void)in;
	static const struct page_notice notices[] = {
		{ "bem-vindo", "ok", "Senha criada. Bem-vindo(a) ao portal!" },
		{ "senha-alterada", "ok", "Senha alterada. Você já está no portal." },
		{ NULL, NULL, NULL },
	};
	page_notice_from_query(r, notices);
	if (fees_part(r) < 0)
		return -1;
	return page_render(r, 200, "inicio.cs", "Início");
}
