/* /portal/honorarios: the client's fees with a status filter; a paid fee's receipt
 * (recibo) that prints on A4; an open fee's PIX QR code. Only the client's own. */
#include <string.h>

#include "portal.h"
#include "base/db.h"
#include "br/doc.h"
#include "br/money.h"
#include "br/valid.h"
#include "honorarios/fee.h"
#include "honorarios/feepix.h"
#include "web/page.h"

static const char *const situacoes[] = { "", "aberto", "vencido", "recebido", "cancelado",
					 NULL };

const struct form_rule honorarios_rules[] = {
	{ "situacao", FORM_CHOICE, false, 0, "Situação", 0, 0, situacoes },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

#define LIST_MAX 120
#define LIST_LIMIT "121"   /* LIST_MAX + 1: whether there are more */

/* The filter as SQL: what each choice of "situação" selects (the list in the page). */
static const char *status_where(const char *s)
{
	if (!strcmp(s, "aberto"))
		return " AND unpaid = 1 AND due_date >= ?";
	if (!strcmp(s, "vencido"))
		return " AND unpaid = 1 AND due_date < ?";
	if (!strcmp(s, "recebido"))
		return " AND status = 'recebido'";
	if (!strcmp(s, "cancelado"))
		return " AND status = 'cancelado'";
	return "";
}

int honorarios_get(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, "Situação desconhecida. Escolha uma da lista.");
	const char *situacao = form_get(in, "situacao");
	const char *where = status_where(situacao);
	char today[11];
	date_today_iso(today);
	struct strbuf sql = STRBUF_INIT;
	/* FEE_COLUMNS holds DATE_FORMAT's % signs: joined, not formatted. */
	SB_CAT(&sql, "SELECT " FEE_COLUMNS " FROM fees WHERE client_id = ? AND office_id = ?",
	       where, " ORDER BY competencia DESC, due_date DESC, id DESC LIMIT " LIST_LIMIT);
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, today);
	db_bind_i64(st, 1, r->client->client_id);
	db_bind_i64(st, 2, r->office.id);
	if (strchr(where, '?'))
		db_bind_str(st, 3, today);
	if (db_exec(st) < 0)
		return -1;
	int n = fee_rows(r, st, "Fees", NULL, NULL);
	if (n < 0)
		return -1;
	if (n > LIST_MAX)
		page_set_int(r, "More", LIST_MAX);
	page_set(r, "Filter.situacao", situacao);
	return page_render(r, 200, "honorarios.cs", "Honorários");
}

static const char payments_sql[] =
	"SELECT DATE_FORMAT(paid_on, '%d/%m/%Y'), amount, method FROM fee_payments"
	" WHERE fee_id = ? AND office_id = ? ORDER BY paid_on, id";
static const char receipt_sql[] =
	"SELECT DATE_FORMAT(f.competencia, '%m/%Y'), DATE_FORMAT(f.due_date, '%d/%m/%Y'),"
	" DATE_FORMAT(f.paid_on, '%d/%m/%Y'), c.document, c.kind, o.cnpj, o.address, o.city, o.uf"
	" FROM fees f JOIN clients c ON c.id = f.client_id AND c.office_id = f.office_id"
	" JOIN offices o ON o.id = f.office_id"
	" WHERE f.id = ? AND f.office_id = ?";

static int receipt_to_page(struct request *r, const struct fee *f)
{
	struct db_stmt *st = db_prepare(r->db, receipt_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, f->id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	char amount[MONEY_FMT_MAX], doc[64], cnpj[64];   /* a foreign document is copied: up to 40 */
	/* What was received: a fee whose rest was written off is settled for less. */
	money_format(f->paid, true, amount, sizeof amount);
	doc_format(db_col(st, 3), doc, sizeof doc);
	doc_format(db_col(st, 5), cnpj, sizeof cnpj);
	static const char *const names[] = { "id", "description", "amount", "competencia", "due",
					     "paid_on", "document", "client", "office_cnpj",
					     "office_address", "office_city", "office_uf" };
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)f->id);
	const char *values[] = { id, f->description, amount, db_col(st, 0), db_col(st, 1),
				 db_col(st, 2), doc, f->client_name, cnpj, db_col(st, 6),
				 db_col(st, 7), db_col(st, 8) };
	page_set_many(r, "Receipt", names, values, 12);
	if (!(st = db_prepare(r->db, payments_sql)))
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
		static const char *const pn[] = { "date", "amount", "method" };
		const char *pv[] = { db_col(st, 0), value, fee_method_label(db_col(st, 2)) };
		page_set_many(r, key, pn, pv, 3);
	}
	return got;
}

/* GET /portal/honorarios/N/recibo: only a paid fee has one. */
int recibo_get(struct request *r, const struct form *in)
{
	(void)in;
	struct fee f;
	int got = own_fee(r, &f);
	if (got <= 0)
		return got;
	int rc;
	if (strcmp(f.status, "recebido") != 0)
		rc = page_error(r, 404, "Este honorário ainda não foi pago: o recibo aparece aqui "
				"quando o escritório registrar o pagamento.");
	else
		rc = receipt_to_page(r, &f) < 0 ? -1
		     : page_render(r, 200, "recibo.cs", "Recibo");
	fee_free(&f);
	return rc;
}

int pix_png_get(struct request *r, const struct form *in)
{
	(void)in;
	struct fee f;
	int got = own_fee(r, &f);
	if (got <= 0)
		return got;
	int rc = fee_pix_png(r, &f);
	fee_free(&f);
	return rc;
}
