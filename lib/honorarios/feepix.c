#include "honorarios/feepix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "br/pix.h"

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
