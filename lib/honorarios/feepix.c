#include "honorarios/feepix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "br/pix.h"
#include "honorarios/fee.h"
#include "web/page.h"
#include "web/qr.h"
#include "web/response.h"

static const char load_sql[] =
	"SELECT pix_key, pix_key_type, pix_name, pix_city FROM offices WHERE id = ?";

void office_pix_free(struct office_pix *p)
{
	free(p->key);
	free(p->key_type);
	free(p->name);
	free(p->city);
	memset(p, 0, sizeof *p);
}

int office_pix_load(struct request *r, struct office_pix *p)
{
	memset(p, 0, sizeof *p);
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return -1;
	char **dst[] = { &p->key, &p->key_type, &p->name, &p->city };
	bool ok = true;
	for (unsigned i = 0; i < 4; i++)
		ok = (*dst[i] = db_col_dup(st, i)) && ok;
	while ((got = db_fetch(st)) > 0)
		;
	if (!ok || got < 0) {
		office_pix_free(p);
		return -1;
	}
	return 1;
}

int fee_pix_code(const struct office_pix *p, int64_t fee_id, int64_t centavos,
		 struct strbuf *out)
{
	if (!p->key || !*p->key)
		return 0;
	char txid[32];
	snprintf(txid, sizeof txid, "HON%lld", (long long)fee_id);
	const struct pix_payee payee = { p->key, p->name, p->city };
	return pix_brcode(&payee, centavos, txid, out) < 0 ? -1 : 1;
}

int fee_pix_png(struct request *r, const struct fee *f)
{
	struct office_pix p;
	struct strbuf code = STRBUF_INIT, png = STRBUF_INIT;
	int rc = office_pix_load(r, &p) < 0 ? -1 : 0;
	if (rc == 0 && fee_unpaid_status(f->status) &&
	    fee_pix_code(&p, f->id, f->amount - f->paid, &code) > 0)
		rc = 1;
	if (rc > 0)
		rc = qr_png(sb_str(&code), 6, &png) < 0 ? -1 : 1;
	if (rc == 0)
		rc = page_error(r, 404, "Este honorário não tem código PIX.");
	else if (rc > 0)
		rc = response_send(r, 200, "image/png", png.buf, png.len);
	office_pix_free(&p);
	sb_free(&code);
	sb_free(&png);
	return rc;
}
