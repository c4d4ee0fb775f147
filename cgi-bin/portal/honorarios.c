/* /portal/honorarios: the client's fees with a status filter, each open one linked to its
 * own page with its PIX; a paid fee's receipt (recibo, lib/honorarios/receipt.c) that
 * prints on A4; an open fee's PIX QR code. Only the client's own. */
#include <string.h>

#include "portal.h"
#include "base/db.h"
#include "br/valid.h"
#include "honorarios/fee.h"
#include "honorarios/feepix.h"
#include "honorarios/receipt.h"
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
	int n = fee_rows(r, st, "Fees", NULL);
	struct office_pix pix;
	if (n < 0 || office_pix_load(r, &pix) < 0)
		return -1;
	if (*pix.key)   /* each open fee then links to its page with its PIX */
		page_set(r, "HasPix", "1");
	office_pix_free(&pix);
	if (n > LIST_MAX)
		page_set_int(r, "More", LIST_MAX);
	page_set(r, "Filter.situacao", situacao);
	return page_render(r, 200, "honorarios.cs", "Honorários");
}

/* GET /portal/honorarios/N: one of the client's fees, with its PIX while it is open (the
 * lists link here) and its receipt once paid. Another client's fee is a 404. */
int honorario_get(struct request *r, const struct form *in)
{
	(void)in;
	char today[11];
	date_today_iso(today);
	struct db_stmt *st = db_prepare(r->db, "SELECT " FEE_COLUMNS " FROM fees"
					" WHERE client_id = ? AND office_id = ? AND id = ?");
	if (!st)
		return -1;
	db_bind_str(st, 0, today);
	db_bind_i64(st, 1, r->client->client_id);
	db_bind_i64(st, 2, r->office.id);
	db_bind_i64(st, 3, r->path_id);
	struct office_pix pix;
	if (db_exec(st) < 0 || office_pix_load(r, &pix) < 0)
		return -1;
	int n = fee_rows(r, st, "Fee", &pix);
	office_pix_free(&pix);
	if (n < 0)
		return -1;
	if (n == 0)
		return page_error(r, 404, NULL);
	return page_render(r, 200, "honorario.cs", "Honorário");
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
		rc = fee_receipt_to_page(r, &f) < 0 ? -1
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
