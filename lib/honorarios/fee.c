#include "honorarios/fee.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "base/strbuf.h"
#include "br/money.h"
#include "br/valid.h"
#include "cadastro/audit.h"
#include "cadastro/client.h"

/* ------------------------------------------------------------------ competência */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool ym_parse(const char *s, int *ym)
{
	size_t len = strlen(s);
	size_t mlen = len == 7 ? 2 : len == 6 ? 1 : 0;
	if (!mlen || s[mlen] != '/' || !digits(s, mlen) || !digits(s + mlen + 1, 4))
		return false;
	int m = atoi(s), y = atoi(s + mlen + 1);
	if (m < 1 || m > 12 || y < 2000 || y > 2099)
		return false;
	*ym = ym_of(y, m);
	return true;
}

/* The year and month of a competência in the ranges the texts are sized for. */
static void ym_parts(int ym, unsigned *y, unsigned *m)
{
	if (ym < 0)
		ym = 0;
	*y = (unsigned)ym_year(ym) % 10000;
	*m = (unsigned)ym_month(ym) % 13;
}

void ym_format(int ym, char *out, size_t cap)
{
	unsigned y, m;
	ym_parts(ym, &y, &m);
	snprintf(out, cap, "%02u/%04u", m, y);
}

void ym_sql(int ym, char *out, size_t cap)
{
	unsigned y, m;
	ym_parts(ym, &y, &m);
	snprintf(out, cap, "%04u-%02u-01", y, m);
}

bool ym_from_sql(const char *s, int *ym)
{
	if (!s || strlen(s) < 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2))
		return false;
	int y = atoi(s), m = atoi(s + 5);
	if (m < 1 || m > 12)
		return false;
	*ym = ym_of(y, m);
	return true;
}

/* ------------------------------------------------------------------ labels */

const char *fee_status_label(const char *status, bool overdue)
{
	if (!strcmp(status, "aberto"))
		return overdue ? "Vencido" : "Em aberto";
	if (!strcmp(status, "recebido"))
		return "Recebido";
	if (!strcmp(status, "cancelado"))
		return "Cancelado";
	if (!strcmp(status, "negativado"))
		return "Negativado";
	if (!strcmp(status, "cobranca"))
		return "Em cobrança";
	return status;
}

bool fee_unpaid_status(const char *status)
{
	return !strcmp(status, "aberto") || !strcmp(status, "negativado") ||
	       !strcmp(status, "cobranca");
}

const char *const fee_method_names[] = { "pix", "boleto", "transferencia", "dinheiro",
					  "cartao", NULL };
static const char *const method_labels[] = { "PIX", "Boleto", "Transferência", "Dinheiro",
					     "Cartão" };

const char *fee_method_label(const char *stored)
{
	for (int i = 0; i < FEE_NMETHODS; i++)
		if (stored && !strcmp(stored, fee_method_names[i]))
			return method_labels[i];
	return stored ? stored : "";
}

/* ------------------------------------------------------------------ loading */

static const char load_sql[] =
	"SELECT f.client_id, f.plan_id, f.amount, f.paid, f.version, f.competencia, f.due_date,"
	" f.status, " FEE_LABEL_SQL("f.") ", c.name, f.written_off"
	" FROM fees f JOIN clients c ON c.id = f.client_id"
	" WHERE f.id = ? AND f.office_id = ?";

static void copy_fixed(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

int fee_load(struct request *r, int64_t id, struct fee *f)
{
	memset(f, 0, sizeof *f);
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	f->id = id;
	f->client_id = db_col_i64(st, 0);
	f->plan_id = db_col_i64(st, 1);
	f->amount = db_col_i64(st, 2);
	f->paid = db_col_i64(st, 3);
	f->version = (int)db_col_i64(st, 4);
	copy_fixed(f->competencia, sizeof f->competencia, db_col(st, 5));
	copy_fixed(f->due_date, sizeof f->due_date, db_col(st, 6));
	copy_fixed(f->status, sizeof f->status, db_col(st, 7));
	f->description = db_col_dup(st, 8);
	f->client_name = db_col_dup(st, 9);
	f->written_off = db_col_i64(st, 10);
	while ((got = db_fetch(st)) > 0)
		;
	if (got < 0 || !f->description || !f->client_name) {
		fee_free(f);
		return -1;
	}
	return 1;
}

void fee_free(struct fee *f)
{
	free(f->description);
	free(f->client_name);
	f->description = f->client_name = NULL;
}

/* ------------------------------------------------------------------ changes */

/* "Honorário 01/2026 (Honorários mensais)": how notes name the fee. */
static void fee_title(const struct fee *f, char *out, size_t cap)
{
	int ym = 0;
	char comp[YM_TEXT] = "";
	if (ym_from_sql(f->competencia, &ym))
		ym_format(ym, comp, sizeof comp);
	snprintf(out, cap, "Honorário %s", comp);
}

/* The fee's row moves only from the version that was read: a change made meanwhile
 * by someone else makes this one refused, not merged. */
static const char set_status_sql[] =
	"UPDATE fees SET status = ?, paid = ?, paid_on = ?, cancel_reason = ?, written_off = ?,"
	" writeoff_reason = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND version = ?";

/* Every change of status leaves no write-off but write_off_set's. */
static int set_status_full(struct request *r, const struct fee *f, const char *status,
			   int64_t paid, const char *paid_on, const char *reason,
			   int64_t written_off, const char *writeoff_reason)
{
	struct db_stmt *st = db_prepare(r->db, set_status_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, status);
	db_bind_i64(st, 1, paid);
	db_bind_str(st, 2, paid_on);
	db_bind_str(st, 3, reason ? reason : "");
	db_bind_i64(st, 4, written_off);
	db_bind_str(st, 5, writeoff_reason ? writeoff_reason : "");
	db_bind_i64(st, 6, f->id);
	db_bind_i64(st, 7, r->office.id);
	db_bind_i64(st, 8, f->version);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) != 1)
		return 0;
	return fee_version_bump(r) < 0 ? -1 : 1;
}

static int set_status(struct request *r, const struct fee *f, const char *status, int64_t paid,
		      const char *paid_on, const char *reason)
{
	return set_status_full(r, f, status, paid, paid_on, reason, 0, NULL);
}

/* The audit event on the fee and the note on the client's timeline. */
static int record(struct request *r, const struct fee *f, const char *action,
		  const struct audit_change *ch, size_t n, const char *note)
{
	if (audit_event(r, "staff", action, "fee", f->id, 0, NULL, ch, n) < 0)
		return -1;
	return client_note(r, f->client_id, true, note) < 0 ? -1 : 1;
}

static const char changed_meanwhile[] =
	"Este honorário foi alterado por outra pessoa enquanto você o via. Confira e tente de novo.";

static const char pay_sql[] =
	"INSERT INTO fee_payments (office_id, fee_id, paid_on, amount, method, user_id, actor,"
	" form_key, settled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";
static const char by_key_sql[] =
	"SELECT fee_id, settled FROM fee_payments WHERE office_id = ? AND form_key = ?";
static const char by_key_locking_sql[] =
	"SELECT fee_id, settled FROM fee_payments WHERE office_id = ? AND form_key = ?"
	" LOCK IN SHARE MODE";

int fee_payment_by_key(struct request *r, const unsigned char *key, bool committed,
		       int64_t *fee_id, bool *settled)
{
	struct db_stmt *st = db_prepare(r->db, committed ? by_key_locking_sql : by_key_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_blob(st, 1, key, FEE_FORM_KEY);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		*fee_id = db_col_i64(st, 0);
		*settled = db_col_i64(st, 1) != 0;
		n = 1;
	}
	return got < 0 ? -1 : n;
}

int fee_pay(struct request *r, const struct fee *f, const char *date, int64_t amount,
	    const char *method, const char **why)
{
	return fee_pay_keyed(r, f, date, amount, method, NULL, why);
}

int fee_pay_keyed(struct request *r, const struct fee *f, const char *date, int64_t amount,
		  const char *method, const unsigned char *key, const char **why)
{
	if (!fee_unpaid_status(f->status)) {
		*why = !strcmp(f->status, "recebido") ? "Este honorário já foi recebido."
						      : "Um honorário cancelado não recebe pagamentos.";
		return 0;
	}
	if (amount <= 0) {
		*why = "Informe um valor maior que zero.";
		return 0;
	}
	int64_t left = f->amount - f->paid;
	if (amount > left) {
		*why = "O valor é maior que o saldo em aberto deste honorário.";
		return 0;
	}
	bool settles = amount == left;
	int done = set_status(r, f, settles ? "recebido" : f->status, f->paid + amount,
			      settles ? date : NULL, NULL);
	if (done <= 0) {
		*why = changed_meanwhile;
		return done;
	}
	struct db_stmt *st = db_prepare(r->db, pay_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, f->id);
	db_bind_str(st, 2, date);
	db_bind_i64(st, 3, amount);
	db_bind_str(st, 4, method);
	db_bind_i64(st, 5, r->session ? r->session->user_id : 0);
	db_bind_str(st, 6, r->session ? r->session->user_name : "");
	if (key)
		db_bind_blob(st, 7, key, FEE_FORM_KEY);
	else
		db_bind_null(st, 7);
	db_bind_i64(st, 8, settles);
	if (db_exec(st) < 0)
		return -1;
	char value[MONEY_FMT_MAX], rest[MONEY_FMT_MAX], title[64], when[16];
	money_format(amount, true, value, sizeof value);
	money_format(left - amount, true, rest, sizeof rest);
	fee_title(f, title, sizeof title);
	int y, m, d;
	valid_date(date, strlen(date), &y, &m, &d);
	date_format_br(y, m, d, when, sizeof when);
	char *note = NULL;
	if (!(note = str_printf("%s: pagamento de %s em %s (%s)%s%s.", title, value, when,
		     fee_method_label(method), settles ? ", quitado" : ", restam ",
		     settles ? "" : rest)))
		return -1;
	char amount_text[24], paid_text[24];
	snprintf(amount_text, sizeof amount_text, "%lld", (long long)amount);
	snprintf(paid_text, sizeof paid_text, "%lld", (long long)(f->paid + amount));
	const struct audit_change ch[] = {
		{ "payment", NULL, amount_text }, { "paid_on", NULL, date },
		{ "method", NULL, method },
		{ "status", f->status, settles ? "recebido" : f->status },
	};
	int rc = record(r, f, "pay", ch, 4, note);
	free(note);
	return rc;
}

int fee_cancel(struct request *r, const struct fee *f, const char *reason, const char **why)
{
	if (!fee_unpaid_status(f->status)) {
		*why = "Só um honorário em aberto pode ser cancelado.";
		return 0;
	}
	/* What was paid stays paid (its payments are kept); nothing more is owed. */
	int done = set_status(r, f, "cancelado", f->paid, NULL, reason);
	if (done <= 0) {
		*why = changed_meanwhile;
		return done;
	}
	char title[64], paid[MONEY_FMT_MAX];
	fee_title(f, title, sizeof title);
	money_format(f->paid, true, paid, sizeof paid);
	char *note = NULL;
	if (!(note = str_printf("%s cancelado%s%s%s: %s", title,
		     f->paid > 0 ? " (mantidos os pagamentos de " : "", f->paid > 0 ? paid : "",
		     f->paid > 0 ? ")" : "", reason)))
		return -1;
	char kept[24];
	snprintf(kept, sizeof kept, "%lld", (long long)f->paid);
	const struct audit_change ch[] = { { "status", f->status, "cancelado" },
					   { "cancel_reason", NULL, reason },
					   { "payments_kept", NULL, kept } };
	int rc = record(r, f, "cancel", ch, f->paid > 0 ? 3 : 2, note);
	free(note);
	return rc;
}

static const char last_payment_sql[] =
	"SELECT MAX(paid_on) FROM fee_payments WHERE fee_id = ? AND office_id = ?";

int fee_write_off(struct request *r, const struct fee *f, const char *reason, const char **why)
{
	if (!fee_unpaid_status(f->status) || f->paid <= 0) {
		*why = !fee_unpaid_status(f->status)
			? "Só um honorário em aberto tem saldo a abater."
			: "Este honorário não tem pagamento: para não cobrá-lo, cancele-o.";
		return 0;
	}
	int64_t rest = f->amount - f->paid;
	/* Received on the day of its last payment: the money came then. */
	char last[11] = "";
	struct db_stmt *q = db_prepare(r->db, last_payment_sql);
	if (!q)
		return -1;
	db_bind_i64(q, 0, f->id);
	db_bind_i64(q, 1, r->office.id);
	if (db_exec(q) < 0)
		return -1;
	int got;
	while ((got = db_fetch(q)) > 0)
		copy_fixed(last, sizeof last, db_col(q, 0));
	if (got < 0)
		return -1;
	if (!*last)
		date_today_iso(last);
	int done = set_status_full(r, f, "recebido", f->paid, last, NULL, rest, reason);
	if (done <= 0) {
		*why = changed_meanwhile;
		return done;
	}
	char title[64], value[MONEY_FMT_MAX], paid[MONEY_FMT_MAX];
	fee_title(f, title, sizeof title);
	money_format(rest, true, value, sizeof value);
	money_format(f->paid, true, paid, sizeof paid);
	char *note = NULL;
	if (!(note = str_printf("%s: saldo de %s abatido (pagos %s): %s", title, value, paid,
				reason)))
		return -1;
	char rest_text[24];
	snprintf(rest_text, sizeof rest_text, "%lld", (long long)rest);
	const struct audit_change ch[] = { { "status", f->status, "recebido" },
					   { "written_off", NULL, rest_text },
					   { "writeoff_reason", NULL, reason } };
	int rc = record(r, f, "write_off", ch, 3, note);
	free(note);
	return rc;
}

static const char payments_sql[] =
	"SELECT paid_on, amount, method FROM fee_payments WHERE fee_id = ? AND office_id = ?"
	" ORDER BY id";
static const char unpay_sql[] = "DELETE FROM fee_payments WHERE fee_id = ? AND office_id = ?";

/* The payments a reopening removes, as one line for the audit. */
static int payments_text(struct request *r, const struct fee *f, struct strbuf *out)
{
	struct db_stmt *st = db_prepare(r->db, payments_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, f->id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0) {
		char value[MONEY_FMT_MAX];
		money_format(db_col_i64(st, 1), true, value, sizeof value);
		SB_CAT(out, out->len ? "; " : "", db_col(st, 0), " ", value, " ",
		       fee_method_label(db_col(st, 2)));
	}
	return got;
}

int fee_reopen(struct request *r, const struct fee *f, const char **why)
{
	if (fee_unpaid_status(f->status)) {
		*why = "Este honorário já está em aberto.";
		return 0;
	}
	/* A cancelled fee and a written-off one keep their payments: what is undone is the
	 * cancelling or the write-off. Only a fee received in full loses its payments. */
	bool keeps = !strcmp(f->status, "cancelado") || f->written_off > 0;
	bool unpays = !keeps && f->paid > 0;
	struct strbuf removed = STRBUF_INIT;
	if (unpays && payments_text(r, f, &removed) < 0) {
		sb_free(&removed);
		return -1;
	}
	int done = set_status(r, f, "aberto", keeps ? f->paid : 0, NULL, NULL);
	if (done <= 0) {
		sb_free(&removed);
		*why = changed_meanwhile;
		return done;
	}
	struct db_stmt *st = unpays ? db_prepare(r->db, unpay_sql) : NULL;
	if (unpays) {
		if (!st) {
			sb_free(&removed);
			return -1;
		}
		db_bind_i64(st, 0, f->id);
		db_bind_i64(st, 1, r->office.id);
		if (db_exec(st) < 0) {
			sb_free(&removed);
			return -1;
		}
	}
	char title[64];
	fee_title(f, title, sizeof title);
	char *note = NULL;
	if (!(note = str_printf("%s reaberto%s.", title,
		     unpays ? " (os pagamentos registrados foram desfeitos)"
		     : f->written_off > 0 ? " (o abatimento do saldo foi desfeito; os pagamentos ficam)"
		     : f->paid > 0 ? " (os pagamentos registrados ficam)" : ""))) {
		sb_free(&removed);
		return -1;
	}
	char off[24];
	snprintf(off, sizeof off, "%lld", (long long)f->written_off);
	struct audit_change ch[2] = { { "status", f->status, "aberto" } };
	size_t n = 1;
	if (unpays)
		ch[n++] = (struct audit_change){ "payments_removed", sb_str(&removed), NULL };
	else if (f->written_off > 0)
		ch[n++] = (struct audit_change){ "written_off", off, "0" };
	int rc = record(r, f, "reopen", ch, n, note);
	free(note);
	sb_free(&removed);
	return rc;
}

int fee_set_collection(struct request *r, const struct fee *f, const char *status,
		       const char **why)
{
	if (!fee_unpaid_status(f->status)) {
		*why = "Só um honorário em aberto pode ir para cobrança ou ser negativado.";
		return 0;
	}
	if (!strcmp(f->status, status)) {
		*why = "O honorário já está nessa situação.";
		return 0;
	}
	int done = set_status(r, f, status, f->paid, NULL, NULL);
	if (done <= 0) {
		*why = changed_meanwhile;
		return done;
	}
	char title[64];
	fee_title(f, title, sizeof title);
	char *note = NULL;
	if (!(note = str_printf("%s: %s.", title,
		     !strcmp(status, "negativado") ? "marcado como negativado"
		     : !strcmp(status, "cobranca") ? "enviado para cobrança"
						   : "voltou a ficar em aberto")))
		return -1;
	const struct audit_change ch = { "status", f->status, status };
	int rc = record(r, f, "collection", &ch, 1, note);
	free(note);
	return rc;
}

int fee_note(struct request *r, const struct fee *f, const char *text)
{
	char title[64];
	fee_title(f, title, sizeof title);
	char *note = NULL;
	if (!(note = str_printf("%s: %s", title, text)))
		return -1;
	const struct audit_change ch = { "note", NULL, text };
	int rc = record(r, f, "note", &ch, 1, note);
	free(note);
	return rc;
}

static const char has_fees_sql[] =
	"SELECT EXISTS (SELECT 1 FROM fees WHERE client_id = ? AND office_id = ?)";

int fee_client_has_fees(struct request *r, int64_t client_id)
{
	struct db_stmt *st = db_prepare(r->db, has_fees_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, client_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st), has = got > 0 && db_col_i64(st, 0) != 0;
	while (got > 0)
		got = db_fetch(st);
	return got < 0 ? -1 : has;
}

static const char bump_sql[] =
	"UPDATE client_counts SET fee_version = fee_version + 1 WHERE office_id = ?";

int fee_version_bump(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, bump_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	return db_exec(st);
}
