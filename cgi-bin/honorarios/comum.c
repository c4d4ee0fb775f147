/* What the honorários pages share: fee rows on a page, today, a client's name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "honorarios.h"
#include "br/valid.h"
#include "base/db.h"
#include "br/money.h"
#include "base/strbuf.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "web/page.h"
#include "web/response.h"

int inicio_get(struct request *r, const struct form *in)
{
	(void)in;
	return response_redirect(r, "/honorarios/recebimentos");
}

void today_iso(char out[11])
{
	date_today_iso(out);
}

int fee_rows_to_page(struct request *r, struct db_stmt *st, const char *prefix, int max)
{
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		if (n >= max) {   /* counted, not shown (a next page's first row) */
			n++;
			continue;
		}
		char key[64], amount[MONEY_FMT_MAX], open[MONEY_FMT_MAX], paid[MONEY_FMT_MAX],
		     comp[YM_TEXT] = "";
		snprintf(key, sizeof key, "%s.%d", prefix, n++);
		int ym;
		if (ym_from_sql(db_col(st, 3), &ym))
			ym_format(ym, comp, sizeof comp);
		int64_t total = db_col_i64(st, 5), got_paid = db_col_i64(st, 6);
		const char *status = db_col(st, 8) ? db_col(st, 8) : "";
		bool unpaid = fee_unpaid_status(status);
		bool overdue = unpaid && db_col_i64(st, 9);
		money_format(total, true, amount, sizeof amount);
		money_format(unpaid ? total - got_paid : 0, true, open, sizeof open);
		money_format(got_paid, true, paid, sizeof paid);
		static const char *const names[] = { "id", "client_id", "client", "competencia",
						     "description", "amount", "open", "paid",
						     "due", "status", "status_label", "overdue",
						     "paid_on", "partial" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2), comp,
					 db_col(st, 4), amount, open, paid, db_col(st, 7),
					 status, fee_status_label(status, overdue),
					 overdue ? "1" : "0", db_col(st, 11),
					 unpaid && got_paid > 0 ? "1" : "0" };
		page_set_many(r, key, names, values, sizeof names / sizeof *names);
	}
	return got < 0 ? -1 : n;
}

static const char client_sql[] =
	"SELECT name, trashed FROM clients WHERE id = ? AND office_id = ?";

int client_name(struct request *r, int64_t id, char **name, bool *trashed)
{
	*name = NULL;
	struct db_stmt *st = db_prepare(r->db, client_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	*name = db_col_dup(st, 0);
	*trashed = db_col_i64(st, 1) != 0;
	while ((got = db_fetch(st)) > 0)
		;
	return got < 0 || !*name ? -1 : 1;
}

int selection_page(struct request *r, int64_t selection)
{
	int64_t total = 0;
	int got = selection_total(r, selection, &total);
	if (got <= 0)
		return got < 0 ? -1
			       : (page_error(r, 404, "Esta seleção de clientes expirou ou não existe. "
						     "Volte à lista de clientes e selecione de novo.") < 0 ? -1 : 0);
	char count[32];
	number_format(total, count, sizeof count);
	page_set_int(r, "Selection.id", selection);
	page_set_int(r, "Selection.total", total);
	page_set(r, "Selection.count", count);
	return 1;
}

void form_typed_back(struct request *r, const struct form *in)
{
	for (size_t i = 0; i < in->n; i++) {
		char key[48];
		snprintf(key, sizeof key, "Form.Values.%s", in->rules[i].name);
		page_set(r, key, request_form(r, in->rules[i].name));
	}
}

int fee_act(struct request *r, const struct form *in, const char *action, const char *iso,
	    const struct fee *f, const char **why)
{
	if (!strcmp(action, "receber"))
		return fee_pay(r, f, iso, f->amount - f->paid, form_get(in, "forma"), why);
	if (!strcmp(action, "cancelar"))
		return fee_cancel(r, f, form_get(in, "motivo"), why);
	if (!strcmp(action, "abater"))
		return fee_write_off(r, f, form_get(in, "motivo_abater"), why);
	if (!strcmp(action, "reabrir"))
		return fee_reopen(r, f, why);
	if (!strcmp(action, "nota"))
		return fee_note(r, f, form_get(in, "texto"));
	return fee_set_collection(r, f, action, why);   /* negativado, cobranca, aberto */
}
