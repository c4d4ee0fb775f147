/* /honorarios/clientes/N: a client's financial page (the 360° view) — what it owes, its
 * fees with a status filter, its plans — and the plans' forms (/honorarios/planos/N). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "br/money.h"
#include "honorarios/fee.h"
#include "honorarios/generate.h"
#include "honorarios/plan.h"
#include "web/page.h"
#include "web/response.h"

static const char *const situations[] = { "a_receber", "recebido", "cancelado", "todos", NULL };

const struct form_rule cliente_rules[] = {
	{ "situacao", FORM_CHOICE, false, 0, "Situação", 0, 0, situations },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
const struct form_rule plano_rules[] = {
	PLAN_FORM_RULES,
	{ "versao", FORM_INT, false, 0, "Versão", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const struct page_notice notices[] = {
	{ "plano", "ok", "Plano de honorários salvo." },
	{ NULL, NULL, NULL },
};

static const char totals_sql[] =
	"SELECT COALESCE(SUM(IF(status IN ('aberto', 'negativado', 'cobranca'), amount - paid, 0)), 0),"
	" COALESCE(SUM(IF(status IN ('aberto', 'negativado', 'cobranca') AND due_date < ?,"
	" amount - paid, 0)), 0), COALESCE(SUM(paid), 0)"
	" FROM fees WHERE client_id = ? AND office_id = ?";

static int totals(struct request *r, int64_t client, const char *today)
{
	struct db_stmt *st = db_prepare(r->db, totals_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, today);
	db_bind_i64(st, 1, client);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got > 0) {
		static const char *const keys[] = { "Totals.receivable", "Totals.overdue",
						    "Totals.received" };
		for (unsigned i = 0; i < 3; i++) {
			char v[MONEY_FMT_MAX];
			money_format(db_col_i64(st, i), true, v, sizeof v);
			page_set(r, keys[i], v);
		}
		while ((got = db_fetch(st)) > 0)
			;
	}
	return got < 0 ? -1 : 0;
}

static const char fees_sql[] =
	"SELECT " FEE_ROW_COLS " FROM fees f JOIN clients c ON c.id = f.client_id"
	" WHERE f.client_id = ? AND f.office_id = ? AND (? = 'todos'"
	" OR (? = 'a_receber' AND f.status IN ('aberto', 'negativado', 'cobranca'))"
	" OR f.status = ?) ORDER BY f.competencia DESC, f.kind, f.id LIMIT 240";

static int fees(struct request *r, int64_t client, const char *today, const char *situation)
{
	struct db_stmt *st = db_prepare(r->db, fees_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, today);
	db_bind_i64(st, 1, client);
	db_bind_i64(st, 2, r->office.id);
	db_bind_str(st, 3, situation);
	db_bind_str(st, 4, situation);
	db_bind_str(st, 5, situation);
	return db_exec(st) < 0 || fee_rows_to_page(r, st, "Fees", 240) < 0 ? -1 : 0;
}

static int plans(struct request *r, int64_t client)
{
	struct fee_plan *v;
	size_t n;
	if (plan_list(r, client, &v, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char prefix[32], amount[MONEY_FMT_MAX];
		snprintf(prefix, sizeof prefix, "Plans.%zu", i);
		plan_to_page(r, prefix, &v[i]);
		money_format(v[i].amount, true, amount, sizeof amount);
		char key[48];
		snprintf(key, sizeof key, "%s.valor_rs", prefix);
		page_set(r, key, amount);
	}
	plan_list_free(v, n);
	return 0;
}

/* The client's page; status 400 when the new plan's form came back with errors. */
static int show(struct request *r, int64_t client, const char *situation, int status)
{
	char *name = NULL;
	bool trashed = false;
	int got = client_name(r, client, &name, &trashed);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	page_set(r, "Client.name", name);
	page_set_int(r, "Client.id", client);
	page_set(r, "Client.trashed", trashed ? "1" : "0");
	free(name);
	char today[11];
	today_iso(today);
	page_set(r, "Filter.situacao", situation);
	if (totals(r, client, today) < 0 || fees(r, client, today, situation) < 0 ||
	    plans(r, client) < 0)
		return -1;
	page_notice_from_query(r, notices);
	return page_render(r, status, "cliente.cs", "Honorários do cliente");
}

int cliente_get(struct request *r, const struct form *in)
{
	const char *s = *form_get(in, "situacao") ? form_get(in, "situacao") : "a_receber";
	/* The new plan's form starts with what most plans are. */
	page_set(r, "Form.Values.descricao", "Honorários contábeis");
	page_set(r, "Form.Values.dia", "10");
	page_set(r, "Form.Values.ativo", "1");
	page_set(r, "Form.Values.decimo", "nao");
	page_set(r, "Form.Values.decimo_mes", "12");
	return show(r, r->path_id, s, 200);
}

int plano_novo_post(struct request *r, const struct form *in)
{
	struct fee_plan p;
	bool ok = plan_from_form(r, in, &p);
	p.client_id = r->path_id;
	char *name = NULL;
	bool trashed = false;
	int got = client_name(r, p.client_id, &name, &trashed);
	free(name);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	if (trashed) {
		page_flash(r, "erro", "Este cliente está na lixeira: restaure-o para mudar seus honorários.");
		form_typed_back(r, in);
		return show(r, p.client_id, "a_receber", 409);
	}
	if (!ok) {
		form_typed_back(r, in);
		return show(r, p.client_id, "a_receber", 400);
	}
	int same = plan_same_exists(r, &p);
	if (same < 0)
		return -1;
	if (same) {   /* the form sent twice: one plan, not two fees a month */
		char to[96];
		snprintf(to, sizeof to, "/honorarios/clientes/%lld?aviso=plano", (long long)p.client_id);
		return response_redirect(r, to);
	}
	if (db_begin(r->db) < 0 || plan_insert(r, &p) < 0 || db_commit(r->db) < 0)
		return -1;
	char to[96];
	snprintf(to, sizeof to, "/honorarios/clientes/%lld?aviso=plano", (long long)p.client_id);
	return response_redirect(r, to);
}

/* ------------------------------------------------------------------ editing a plan */

/* What the 13º rule gives for this plan (its value today) this year and the next, as
 * Thirteenth.N: the form states the rule with its numbers. */
static void thirteenth_to_page(struct request *r, const struct fee_plan *p)
{
	if (p->thirteenth == PLAN_13_NONE)
		return;
	char today[11];
	today_iso(today);
	int year = atoi(today), n = 0;
	for (int y = year; y <= year + 1; y++) {
		int at, months;
		int64_t v = gen_thirteenth(p->amount, p->thirteenth == PLAN_13_PROPORTIONAL,
					   p->start_ym, p->end_ym, p->thirteenth_month, y, &at,
					   &months);
		if (v <= 0)
			continue;
		char key[32], yy[8], comp[YM_TEXT], count[8], monthly[MONEY_FMT_MAX],
		     value[MONEY_FMT_MAX];
		snprintf(key, sizeof key, "Thirteenth.%d", n++);
		snprintf(yy, sizeof yy, "%d", y % 10000);
		snprintf(count, sizeof count, "%d", months % 100);
		ym_format(at, comp, sizeof comp);
		money_format(p->amount, true, monthly, sizeof monthly);
		money_format(v, true, value, sizeof value);
		static const char *const names[] = { "year", "comp", "months", "monthly", "value",
						     "ends" };
		const char *values[] = { yy, comp, count, monthly, value,
					 at != ym_of(y, p->thirteenth_month) ? "1" : "" };
		page_set_many(r, key, names, values, 6);
	}
	if (n == 0) {
		page_set_int(r, "ThirteenthNone.from", year);
		page_set_int(r, "ThirteenthNone.to", year + 1);
	}
}

static int plan_page(struct request *r, const struct fee_plan *old, int status)
{
	thirteenth_to_page(r, old);
	char *name = NULL;
	bool trashed = false;
	if (client_name(r, old->client_id, &name, &trashed) < 0)
		return -1;
	page_set(r, "Client.name", name);
	page_set_int(r, "Client.id", old->client_id);
	page_set_int(r, "Plan.id", old->id);
	page_set_int(r, "Plan.version", old->version);
	free(name);
	return page_render(r, status, "plano.cs", "Plano de honorários");
}

int plano_get(struct request *r, const struct form *in)
{
	(void)in;
	struct fee_plan p;
	int got = plan_load(r, r->path_id, &p);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	plan_to_page(r, "Form.Values", &p);
	int rc = plan_page(r, &p, 200);
	plan_free(&p);
	return rc;
}

int plano_post(struct request *r, const struct form *in)
{
	struct fee_plan old, p;
	int got = plan_load(r, r->path_id, &old);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	bool ok = plan_from_form(r, in, &p);
	p.id = old.id;
	p.client_id = old.client_id;
	int rc;
	/* The form carries the version it showed: a plan changed since (a reajuste, a
	 * colleague) is not overwritten with the old values. */
	bool stale = *form_get(in, "versao") && form_int(in, "versao") != old.version;
	if (stale) {
		form_typed_back(r, in);
		page_flash(r, "erro", "Este plano foi alterado depois que você abriu a página (um reajuste ou "
				      "outra pessoa): confira os valores atuais e salve de novo.");
		plan_to_page(r, "Form.Values", &old);
		rc = plan_page(r, &old, 409);
	} else if (!ok) {
		form_typed_back(r, in);
		rc = plan_page(r, &old, 400);
	} else if (db_begin(r->db) < 0) {
		rc = -1;
	} else {
		int done = plan_update(r, &old, &p);
		if (done == 0) {
			db_rollback(r->db);
			form_typed_back(r, in);
			page_flash(r, "erro", "Este plano foi alterado por outra pessoa enquanto você o editava. Confira e salve de novo.");
			rc = plan_page(r, &old, 409);
		} else if (done < 0 || db_commit(r->db) < 0) {
			rc = -1;
		} else {
			char to[96];
			snprintf(to, sizeof to, "/honorarios/clientes/%lld?aviso=plano",
				 (long long)old.client_id);
			rc = response_redirect(r, to);
		}
	}
	plan_free(&old);
	return rc;
}
