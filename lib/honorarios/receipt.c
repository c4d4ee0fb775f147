#include "honorarios/receipt.h"

#include <stdio.h>

#include "base/db.h"
#include "base/strbuf.h"
#include "br/doc.h"
#include "br/money.h"
#include "br/valid.h"
#include "honorarios/fee.h"
#include "web/page.h"

static const char receipt_sql[] =
	"SELECT DATE_FORMAT(f.competencia, '%m/%Y'), DATE_FORMAT(f.due_date, '%d/%m/%Y'),"
	" DATE_FORMAT(f.paid_on, '%d/%m/%Y'), c.document, o.cnpj, o.address, o.city, o.uf,"
	" o.cep, CONCAT(YEAR(f.paid_on), '/', LPAD(f.id, 6, '0')), DAY(f.paid_on),"
	" MONTH(f.paid_on), YEAR(f.paid_on)"
	" FROM fees f JOIN clients c ON c.id = f.client_id AND c.office_id = f.office_id"
	" JOIN offices o ON o.id = f.office_id"
	" WHERE f.id = ? AND f.office_id = ? AND f.paid_on IS NOT NULL";
static const char payments_sql[] =
	"SELECT DATE_FORMAT(paid_on, '%d/%m/%Y'), amount, method FROM fee_payments"
	" WHERE fee_id = ? AND office_id = ? ORDER BY paid_on, id";

static const char *const months[] = { "janeiro", "fevereiro", "março", "abril", "maio",
				      "junho", "julho", "agosto", "setembro", "outubro",
				      "novembro", "dezembro" };

/* "São Paulo/SP, 5 de março de 2026" (or just the date when the office has no city). */
static int place_and_date(struct db_stmt *st, struct strbuf *out)
{
	int64_t day = db_col_i64(st, 10), month = db_col_i64(st, 11), year = db_col_i64(st, 12);
	const char *city = db_col(st, 6), *uf = db_col(st, 7);
	if (month < 1 || month > 12)
		return -1;
	if (city && *city && SB_CAT(out, city, uf && *uf ? "/" : "", uf ? uf : "", ", ") < 0)
		return -1;
	return sb_printf(out, "%lld de %s de %lld", (long long)day, months[month - 1],
			 (long long)year);
}

static int payments_to_page(struct request *r, const struct fee *f)
{
	struct db_stmt *st = db_prepare(r->db, payments_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, f->id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32], value[MONEY_FMT_MAX];
		snprintf(key, sizeof key, "Payments.%d", n++);
		money_format(db_col_i64(st, 1), true, value, sizeof value);
		static const char *const names[] = { "date", "amount", "method" };
		const char *values[] = { db_col(st, 0), value, fee_method_label(db_col(st, 2)) };
		page_set_many(r, key, names, values, 3);
	}
	return got;
}

int fee_receipt_to_page(struct request *r, const struct fee *f)
{
	struct db_stmt *st = db_prepare(r->db, receipt_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, f->id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	/* A foreign document is kept as typed (up to 40): 64 holds any. */
	char amount[MONEY_FMT_MAX], doc[64], cnpj[64], cep[16] = "", id[24];
	/* What was received (a fee settled with its rest written off is settled for less). */
	money_format(f->paid, true, amount, sizeof amount);
	doc_format(db_col(st, 3), doc, sizeof doc);
	doc_format(db_col(st, 4), cnpj, sizeof cnpj);
	if (db_col(st, 8) && *db_col(st, 8))
		cep_format(db_col(st, 8), cep, sizeof cep);
	snprintf(id, sizeof id, "%lld", (long long)f->id);
	struct strbuf words = STRBUF_INIT, place = STRBUF_INIT;
	int rc = money_words(f->paid, &words) < 0 || place_and_date(st, &place) < 0 ? -1 : 0;
	if (rc == 0) {
		static const char *const names[] = {
			"id", "number", "description", "amount", "amount_words", "competencia",
			"due", "paid_on", "document", "client", "office_cnpj", "office_address",
			"office_city", "office_uf", "office_cep", "place_date" };
		const char *values[] = {
			id, db_col(st, 9), f->description, amount, sb_str(&words), db_col(st, 0),
			db_col(st, 1), db_col(st, 2), doc, f->client_name, cnpj, db_col(st, 5),
			db_col(st, 6), db_col(st, 7), cep, sb_str(&place) };
		page_set_many(r, "Receipt", names, values, sizeof names / sizeof *names);
	}
	sb_free(&words);
	sb_free(&place);
	while (db_fetch(st) > 0)
		;
	return rc < 0 ? -1 : payments_to_page(r, f);
}
