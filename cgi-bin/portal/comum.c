/* What the portal's pages share: the client's own fees as rows of a page. */
#include <stdio.h>
#include <string.h>

#include "portal.h"
#include "base/db.h"
#include "br/money.h"
#include "honorarios/fee.h"
#include "honorarios/feepix.h"
#include "web/page.h"

int own_fee(struct request *r, struct fee *f)
{
	int got = fee_load(r, r->path_id, f);
	if (got < 0)
		return -1;
	if (got && f->client_id == r->client->client_id)
		return 1;
	if (got)
		fee_free(f);
	/* Another client's fee is answered as one that does not exist. */
	return page_error(r, 404, NULL) < 0 ? -1 : 0;
}

int fee_rows(struct request *r, struct db_stmt *st, const char *prefix,
	     const struct office_pix *pix, struct fee_totals *t)
{
	static const char *const names[] = { "id", "competencia", "description", "amount",
					     "open", "due", "status", "overdue", "paid_on", "pix" };
	int got, n = 0;
	struct strbuf code = STRBUF_INIT;
	while ((got = db_fetch(st)) > 0) {
		char amount[MONEY_FMT_MAX], open[MONEY_FMT_MAX], key[48];
		int64_t balance = db_col_i64(st, 4);
		bool overdue = db_col_i64(st, 7) != 0;
		const char *status = db_col(st, 6);
		money_format(db_col_i64(st, 3), true, amount, sizeof amount);
		money_format(balance, true, open, sizeof open);
		sb_reset(&code);
		bool unpaid = fee_unpaid_status(status);
		if (pix && unpaid && fee_pix_code(pix, db_col_i64(st, 0), balance, &code) < 0)
			sb_reset(&code);   /* the office's data makes no code: shown without it */
		if (t && unpaid) {
			t->open += balance;
			t->open_n++;
			if (overdue) {
				t->overdue += balance;
				t->overdue_n++;
			}
		}
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2), amount, open,
					 db_col(st, 5), fee_status_label(status, overdue),
					 overdue ? "1" : NULL, db_col(st, 8),
					 code.len ? sb_str(&code) : NULL };
		snprintf(key, sizeof key, "%s.%d", prefix, n++);
		page_set_many(r, key, names, values, 10);
	}
	sb_free(&code);
	return got < 0 ? -1 : n;
}
