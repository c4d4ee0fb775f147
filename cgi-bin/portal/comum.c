/* What the portal's pages share: the client's own fees as rows of a page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal.h"
#include "base/db.h"
#include "base/strbuf.h"
#include "cadastro/client.h"
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
	     const struct office_pix *pix)
{
	static const char *const names[] = { "id", "competencia", "description", "amount",
					     "open", "due", "status", "overdue", "paid_on", "pix",
					     "soon", "unpaid" };
	int got, n = 0;
	struct strbuf code = STRBUF_INIT;
	while ((got = db_fetch(st)) > 0) {
		char amount[MONEY_FMT_MAX], open[MONEY_FMT_MAX], key[48];
		int64_t balance = db_col_i64(st, 4);
		const char *status = db_col(st, 6);
		bool unpaid = fee_unpaid_status(status);
		int64_t days = db_col_i64(st, 7);   /* until the due date */
		bool overdue = unpaid && days < 0, soon = unpaid && days <= DUE_SOON_DAYS;
		money_format(db_col_i64(st, 3), true, amount, sizeof amount);
		money_format(balance, true, open, sizeof open);
		sb_reset(&code);
		if (pix && unpaid && fee_pix_code(pix, db_col_i64(st, 0), balance, &code) < 0)
			sb_reset(&code);   /* the office's data makes no code: shown without it */
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2), amount, open,
					 db_col(st, 5), fee_status_label(status, overdue),
					 overdue ? "1" : NULL, db_col(st, 8),
					 code.len ? sb_str(&code) : NULL, soon ? "1" : NULL,
					 unpaid ? "1" : NULL };
		snprintf(key, sizeof key, "%s.%d", prefix, n++);
		page_set_many(r, key, names, values, 12);
	}
	sb_free(&code);
	return got < 0 ? -1 : n;
}

/* ---------------------------------------------------------------- a client's fields */

static void set_col(struct request *r, const char *group, int col, const char *value)
{
	struct strbuf key = STRBUF_INIT;
	SB_CAT(&key, group, client_cols[col].field);
	if (key.buf)
		page_set(r, key.buf, value);
	sb_free(&key);
}

void client_fields_to_page(struct request *r, const struct client *c, const int *shown,
			   size_t nshown, const int *editable, size_t neditable,
			   const struct fields *typed)
{
	char *out = NULL;
	for (size_t i = 0; i < nshown; i++)
		set_col(r, "Client.", shown[i], client_display(c, shown[i], &out));
	for (size_t i = 0; i < neditable; i++) {
		int col = editable[i];
		const char *v = typed ? fields_get(typed, client_cols[col].field) : NULL;
		set_col(r, "Form.Values.", col, v ? v : client_display(c, col, &out));
	}
	free(out);
	page_set_int(r, "Form.Values.versao", c->version);
	static const char *const ufs[] = { "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO",
					   "MA", "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR",
					   "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO" };
	for (size_t i = 0; i < sizeof ufs / sizeof *ufs; i++) {
		char key[16];
		snprintf(key, sizeof key, "Ufs.%zu", i);
		page_set(r, key, ufs[i]);
	}
}

bool client_same(const struct client *a, const struct client *b)
{
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (strcmp(a->v[i] ? a->v[i] : "", b->v[i] ? b->v[i] : "") != 0)
			return false;
	return true;
}

int client_fields_apply(struct request *r, const struct client *old, struct client *c,
			const int *editable, size_t neditable)
{
	memset(c, 0, sizeof *c);
	c->id = old->id;
	c->version = old->version;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (!(c->v[i] = strdup(old->v[i] ? old->v[i] : "")))
			return -1;
	int bad = 0;
	for (size_t i = 0; i < neditable; i++) {
		int col = editable[i];
		const char *typed = fields_get(&r->form, client_cols[col].field);
		const char *err = NULL;
		if (client_set_typed(c, col, typed ? typed : "", &err) < 0)
			return -1;
		if (err) {
			page_field_error(r, client_cols[col].field, err);
			bad++;
		}
	}
	return bad;
}
