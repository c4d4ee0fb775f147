/* /honorarios/N: one fee — its values, payments and history — and what staff do to it:
 * register a payment, write off the rest of a partly paid one, cancel, reopen, send to
 * collection, write a note. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "base/log.h"
#include "base/token.h"
#include "br/money.h"
#include "br/valid.h"
#include "honorarios/fee.h"
#include "honorarios/feepix.h"
#include "web/qr.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule pagamento_rules[] = {
	{ "data", FORM_TEXT, true, 10, "Data do pagamento", 0, 0, NULL },
	{ "valor", FORM_TEXT, true, 20, "Valor pago", 0, 0, NULL },
	{ "forma", FORM_CHOICE, true, 0, "Forma de pagamento", 0, 0, fee_method_names },
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ "chave", FORM_TEXT, false, TOKEN_HEX - 1, "Chave do formulário", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
const struct form_rule cancelar_rules[] = {
	{ "motivo", FORM_TEXT, true, 300, "Motivo do cancelamento", 0, 0, NULL },
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
const struct form_rule abater_rules[] = {
	{ "motivo_abater", FORM_TEXT, true, 300, "Motivo do abatimento", 0, 0, NULL },
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
static const char *const collection_names[] = { "negativado", "cobranca", "aberto", NULL };
const struct form_rule situacao_rules[] = {
	{ "situacao", FORM_CHOICE, true, 0, "Situação", 0, 0, collection_names },
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
const struct form_rule reabrir_rules[] = {
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
const struct form_rule nota_rules[] = {
	{ "texto", FORM_LONGTEXT, true, 2000, "Nota", 0, 0, NULL },
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const struct page_notice notices[] = {
	{ "pago", "ok", "Pagamento registrado." },
	{ "quitado", "ok", "Pagamento registrado: o honorário está quitado." },
	{ "cancelado", "ok", "Honorário cancelado." },
	{ "abatido", "ok", "Saldo abatido: o honorário está quitado com o que foi pago." },
	{ "reaberto", "ok", "Honorário reaberto." },
	{ "situacao", "ok", "Situação alterada." },
	{ "nota", "ok", "Nota registrada." },
	{ NULL, NULL, NULL },
};

static const char payments_sql[] =
	"SELECT DATE_FORMAT(paid_on, '%d/%m/%Y'), amount, method, actor FROM fee_payments"
	" WHERE fee_id = ? AND office_id = ? ORDER BY paid_on, id";
static const char row_sql[] =
	"SELECT " FEE_ROW_COLS ", f.cancel_reason, f.generation_id, f.plan_id,"
	" (SELECT g.number FROM fee_generations g WHERE g.id = f.generation_id), f.version,"
	" f.written_off, f.writeoff_reason"
	" FROM fees f JOIN clients c ON c.id = f.client_id WHERE f.id = ? AND f.office_id = ?";

static int payments(struct request *r, int64_t id)
{
	struct db_stmt *st = db_prepare(r->db, payments_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32], value[MONEY_FMT_MAX];
		snprintf(key, sizeof key, "Payments.%d", n++);
		money_format(db_col_i64(st, 1), true, value, sizeof value);
		static const char *const names[] = { "date", "amount", "method", "actor" };
		const char *values[] = { db_col(st, 0), value, fee_method_label(db_col(st, 2)),
					 db_col(st, 3) };
		page_set_many(r, key, names, values, 4);
	}
	return got;
}

/* The PIX "copia e cola" of what is left to pay (when the office has a PIX key). */
static int pix_to_page(struct request *r, int64_t id, int64_t open)
{
	struct office_pix p;
	if (office_pix_load(r, &p) < 0)
		return -1;
	struct strbuf code = STRBUF_INIT;
	int got = fee_pix_code(&p, id, open, &code);
	if (got > 0)
		page_set(r, "Pix.code", sb_str(&code));
	else if (got < 0)   /* the office's data makes no code: the page goes on without it */
		log_error(r->request_id, "honorarios: no PIX code for fee %lld", (long long)id);
	page_set(r, "Pix.configured", *p.key ? "1" : "0");
	sb_free(&code);
	office_pix_free(&p);
	return 0;
}

/* GET /honorarios/N/pix.png: the QR code of the fee's PIX code (404 when it has none). */
int honorario_pix_png(struct request *r, const struct form *in)
{
	(void)in;
	struct fee f;
	int got = fee_load(r, r->path_id, &f);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	int rc = fee_pix_png(r, &f);
	fee_free(&f);
	return rc;
}

/* The fee's page with status (400 and the form's errors after a refused action). */
static int show(struct request *r, int64_t id, int status)
{
	struct db_stmt *st = db_prepare(r->db, row_sql);
	if (!st)
		return -1;
	char today[11];
	today_iso(today);
	db_bind_str(st, 0, today);
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	/* fee_rows_to_page reads the row; the extra columns are read first. */
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	if (got == 0)
		return page_error(r, 404, NULL);
	page_set(r, "Fee.cancel_reason", db_col(st, 12));
	page_set(r, "Fee.generation", db_col(st, 13));
	page_set(r, "Fee.plan", db_col(st, 14));
	page_set(r, "Fee.generation_number", db_col(st, 15));
	page_set(r, "Fee.version", db_col(st, 16));
	page_set(r, "Fee.kind", db_col(st, 10));
	int64_t written_off = db_col_i64(st, 17);
	if (written_off > 0) {
		char off[MONEY_FMT_MAX];
		money_format(written_off, true, off, sizeof off);
		page_set(r, "Fee.written_off", off);
		page_set(r, "Fee.writeoff_reason", db_col(st, 18));
	}
	/* A reopening keeps the payments of a cancelled or written-off fee (fee_reopen). */
	const char *fee_status = db_col(st, 8) ? db_col(st, 8) : "";
	page_set(r, "Fee.reopen_keeps",
		 !strcmp(fee_status, "cancelado") || written_off > 0 ? "1" : "0");
	bool unpaid = fee_unpaid_status(db_col(st, 8) ? db_col(st, 8) : "");
	int64_t open = db_col_i64(st, 5) - db_col_i64(st, 6);
	page_set(r, "Fee.unpaid", unpaid ? "1" : "0");
	while ((got = db_fetch(st)) > 0)
		;
	if (unpaid && pix_to_page(r, id, open) < 0)
		return -1;
	/* Read again for the common row layout (one indexed row by primary key). */
	if (db_exec(st) < 0 || fee_rows_to_page(r, st, "Fees", 1) < 0 || payments(r, id) < 0)
		return -1;
	int y, m, d;
	char br[16];
	valid_date(today, 10, &y, &m, &d);
	date_format_br(y, m, d, br, sizeof br);
	page_set(r, "Form.Default.data", br);
	/* The payment form's idempotency key: a new one at each showing of the form. */
	char key[TOKEN_HEX];
	token_new(key);
	page_set(r, "Fee.form_key", key);
	page_notice_from_query(r, notices);
	return page_render(r, status, "honorario.cs", "Honorário");
}

int honorario_get(struct request *r, const struct form *in)
{
	(void)in;
	return show(r, r->path_id, 200);
}

/* Loads the path's fee: 1, 0 when the 404 page was sent, -1. A form carries the
 * version of the fee it was shown with: a fee changed since (by someone else, or by the
 * same form sent twice) refuses the action instead of doing it again. */
static int load(struct request *r, const struct form *in, struct fee *f)
{
	int got = fee_load(r, r->path_id, f);
	if (got == 0)
		return page_error(r, 404, NULL) < 0 ? -1 : 0;
	if (got > 0 && *form_get(in, "versao") && form_int(in, "versao") != f->version) {
		fee_free(f);
		db_rollback(r->db);
		page_flash(r, "erro", "Este honorário mudou desde que a página foi aberta (outra pessoa, "
				      "ou o mesmo formulário enviado duas vezes): confira e tente de novo.");
		return show(r, r->path_id, 409) < 0 ? -1 : 0;
	}
	return got;
}

/* After an action: the fee's page with a notice, or again with the refusal. */
static int finish(struct request *r, int done, const char *why, const char *notice,
		  const char *field)
{
	if (done < 0)
		return -1;
	if (done == 0) {
		db_rollback(r->db);
		if (field)
			page_field_error(r, field, why);
		else
			page_flash(r, "erro", why);
		return show(r, r->path_id, 409);
	}
	if (db_commit(r->db) < 0)
		return -1;
	char to[96];
	snprintf(to, sizeof to, "/honorarios/%lld?aviso=%s", (long long)r->path_id, notice);
	return response_redirect(r, to);
}

static int refused_form(struct request *r, const struct form *in)
{
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	form_typed_back(r, in);
	return show(r, r->path_id, 400);
}

/* Where a payment's form goes once the payment is recorded: the fee's page with its
 * notice. The same answer for the form sent again (found by its key). */
static int paid_redirect(struct request *r, int64_t fee_id, bool settled)
{
	char to[96];
	snprintf(to, sizeof to, "/honorarios/%lld?aviso=%s", (long long)fee_id,
		 settled ? "quitado" : "pago");
	return response_redirect(r, to);
}

/* A form whose key already paid: nothing is paid again, the answer is the first one's.
 * 1 answered, 0 no such payment, -1. */
static int paid_before(struct request *r, const unsigned char *key, bool committed)
{
	int64_t fee_id = 0;
	bool settled = false;
	int got = fee_payment_by_key(r, key, committed, &fee_id, &settled);
	if (got <= 0)
		return got;
	db_rollback(r->db);
	log_error(r->request_id, "honorarios: payment form sent again (fee %lld): not paid twice",
		  (long long)fee_id);
	return paid_redirect(r, fee_id, settled) < 0 ? -1 : 1;
}

int pagamento_post(struct request *r, const struct form *in)
{
	const char *date = form_get(in, "data"), *value = form_get(in, "valor");
	const char *key_text = form_get(in, "chave");
	unsigned char key[FEE_FORM_KEY];
	bool keyed = *key_text != '\0';
	int y, m, d;
	int64_t amount = 0;
	char iso[11];
	if (in->nerrors)
		return refused_form(r, in);
	if (keyed && !token_hash(key_text, key)) {
		page_flash(r, "erro", "Este formulário está incompleto: recarregue a página e registre "
				      "o pagamento de novo.");
		return refused_form(r, in);
	}
	if (!valid_date(date, strlen(date), &y, &m, &d)) {
		page_field_error(r, "data", "Informe a data como dd/mm/aaaa.");
		return refused_form(r, in);
	}
	if (!money_parse(value, strlen(value), &amount) || amount <= 0) {
		page_field_error(r, "valor", "Informe o valor pago em reais, como 450,00.");
		return refused_form(r, in);
	}
	date_format_iso(y, m, d, iso, sizeof iso);
	char today[11];
	today_iso(today);
	if (strcmp(iso, today) > 0) {
		page_field_error(r, "data", "A data do pagamento não pode ser no futuro.");
		return refused_form(r, in);
	}
	if (db_begin(r->db) < 0)
		return -1;
	/* Before the version check: the form sent again carries the version it was shown
	 * with, which its own payment moved on. */
	int again = keyed ? paid_before(r, key, false) : 0;
	if (again != 0)
		return again < 0 ? -1 : 0;
	struct fee f;
	int got = load(r, in, &f);
	if (got <= 0)
		return got;
	const char *why = NULL;
	bool settles = amount == f.amount - f.paid;
	int done = fee_pay_keyed(r, &f, iso, amount, form_get(in, "forma"), keyed ? key : NULL, &why);
	fee_free(&f);
	if (done == 0 && keyed) {
		/* Refused because the fee moved: by this same form, sent twice at once? */
		db_rollback(r->db);
		if (db_begin(r->db) < 0 || (again = paid_before(r, key, true)) < 0)
			return -1;
		if (again)
			return 0;
	}
	if (done == 0)
		form_typed_back(r, in);
	if (done > 0) {
		if (db_commit(r->db) < 0)
			return -1;
		return paid_redirect(r, r->path_id, settles);
	}
	return finish(r, done, why, settles ? "quitado" : "pago", done == 0 ? "valor" : NULL);
}

/* An action of the fee's page other than a payment: the fee as the form saw it, the
 * action, and back to the page with its notice (or the refusal). */
static int act(struct request *r, const struct form *in, const char *action, const char *notice)
{
	if (in->nerrors)
		return refused_form(r, in);
	struct fee f;
	int got = db_begin(r->db) < 0 ? -1 : load(r, in, &f);
	if (got <= 0)
		return got;
	const char *why = NULL;
	int done = fee_act(r, in, action, NULL, &f, &why);
	fee_free(&f);
	return finish(r, done, why, notice, NULL);
}

int cancelar_post(struct request *r, const struct form *in)
{
	return act(r, in, "cancelar", "cancelado");
}

int abater_post(struct request *r, const struct form *in)
{
	return act(r, in, "abater", "abatido");
}

int reabrir_post(struct request *r, const struct form *in)
{
	return act(r, in, "reabrir", "reaberto");
}

int situacao_post(struct request *r, const struct form *in)
{
	return act(r, in, form_get(in, "situacao"), "situacao");
}

int nota_post(struct request *r, const struct form *in)
{
	return act(r, in, "nota", "nota");
}
