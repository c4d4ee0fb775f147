/* /honorarios/reajuste: a percentage on the active plans of chosen clients (a selection
 * from the registry, or every client with an active plan), from a competência on:
 * the form, a preview of every plan's old and new value with the totals, and the
 * confirmation, which applies what the preview showed (honorarios/reajuste.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "br/money.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "honorarios/reajuste.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule reajuste_get_rules[] = {
	{ "selecao", FORM_INT, false, 0, "Seleção", 1, INT64_MAX, NULL },
	{ "planos", FORM_INT, false, 0, "Planos", 0, INT64_MAX, NULL },
	{ "honorarios", FORM_INT, false, 0, "Honorários", 0, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule reajuste_rules[] = {
	{ "selecao", FORM_INT, true, 0, "Seleção", 1, INT64_MAX, NULL },
	{ "percentual", FORM_TEXT, true, 10, "Percentual", 0, 0, NULL },
	{ "a_partir", FORM_TEXT, true, 7, "A partir de", 0, 0, NULL },
	{ "honorarios_abertos", FORM_TEXT, false, 1, "Honorários em aberto", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule reajuste_todos_rules[] = {
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char later[] =
	"Algum destes planos já tem reajuste a partir deste mês ou de um mês posterior: escolha um "
	"mês depois do último reajuste.";

/* How many lines the preview shows (the totals count them all). */
#define PREVIEW_LINES 200

int reajuste_get(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, "Parâmetro inválido.");
	if (*form_get(in, "planos")) {
		char text[160];
		snprintf(text, sizeof text, "Reajuste aplicado: %lld %s e %lld %s em aberto.",
			 (long long)form_int(in, "planos"),
			 form_int(in, "planos") == 1 ? "plano" : "planos",
			 (long long)form_int(in, "honorarios"),
			 form_int(in, "honorarios") == 1 ? "honorário" : "honorários");
		page_flash(r, "ok", text);
	}
	if (*form_get(in, "selecao")) {
		int got = selection_page(r, form_int(in, "selecao"));
		if (got <= 0)
			return got;
	}
	char today[11];
	today_iso(today);
	int ym = ym_of(atoi(today), atoi(today + 5)) + 1;
	char next[YM_TEXT];
	ym_format(ym, next, sizeof next);
	page_set(r, "Form.Values.a_partir", next);
	return page_render(r, 200, "reajuste.cs", "Reajuste de honorários");
}

static const char all_plans_sql[] =
	"INSERT IGNORE INTO selection_items (selection_id, client_id)"
	" SELECT DISTINCT ?, p.client_id FROM fee_plans p JOIN clients c ON c.id = p.client_id"
	" WHERE p.office_id = ? AND p.active AND NOT c.trashed";

/* Every client with an active plan, as a selection. */
int reajuste_todos_post(struct request *r, const struct form *in)
{
	(void)in;
	int64_t selection;
	if (db_begin(r->db) < 0 || (selection = selection_new(r)) < 0)
		return -1;
	struct db_stmt *st = db_prepare(r->db, all_plans_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, selection);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || selection_counted(r, selection) < 0 || db_commit(r->db) < 0)
		return -1;
	char to[64];
	snprintf(to, sizeof to, "/honorarios/reajuste?selecao=%lld", (long long)selection);
	return response_redirect(r, to);
}

/* The form into q; field errors on the page. */
static bool from_form(struct request *r, const struct form *in, struct reajuste *q)
{
	bool ok = in->nerrors == 0;
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	memset(q, 0, sizeof *q);
	const char *pct = form_get(in, "percentual");
	if (*pct && !reajuste_parse_percent(pct, &q->bp)) {
		page_field_error(r, "percentual", "Informe o percentual com até duas casas, como 4,5 ou -0,32 (de -50 a 100).");
		ok = false;
	}
	const char *from = form_get(in, "a_partir");
	if (*from && !ym_parse(from, &q->from_ym)) {
		page_field_error(r, "a_partir", "Informe o mês como mm/aaaa, por exemplo 01/2027.");
		ok = false;
	}
	q->fees_too = !strcmp(form_get(in, "honorarios_abertos"), "1");
	form_typed_back(r, in);
	return ok;
}

static void totals_to_page(struct request *r, const struct reajuste_totals *t)
{
	char v[6][MONEY_FMT_MAX];
	number_format(t->plans, v[0], sizeof v[0]);
	money_format(t->old_sum, true, v[1], sizeof v[1]);
	money_format(t->new_sum, true, v[2], sizeof v[2]);
	number_format(t->fees, v[3], sizeof v[3]);
	money_format(t->fees_old, true, v[4], sizeof v[4]);
	money_format(t->fees_new, true, v[5], sizeof v[5]);
	static const char *const keys[] = { "Totals.plans", "Totals.old", "Totals.new",
					    "Totals.fees", "Totals.fees_old", "Totals.fees_new" };
	for (int i = 0; i < 6; i++)
		page_set(r, keys[i], v[i]);
	page_set_int(r, "Totals.n", t->plans);
	page_set_int(r, "Totals.more", t->plans > PREVIEW_LINES ? t->plans - PREVIEW_LINES : 0);
}

int reajuste_previa_post(struct request *r, const struct form *in)
{
	struct reajuste q;
	bool ok = from_form(r, in, &q);
	if (form_error(in, "selecao"))
		return page_error(r, 400, "Seleção de clientes inválida.");
	int got = selection_page(r, form_int(in, "selecao"));
	if (got <= 0)
		return got;
	if (ok) {
		int64_t c = reajuste_conflicts(r, &q, form_int(in, "selecao"));
		if (c < 0)
			return -1;
		if (c > 0) {
			page_field_error(r, "a_partir", later);
			ok = false;
		}
	}
	if (!ok)
		return page_render(r, 400, "reajuste.cs", "Reajuste de honorários");
	struct reajuste_totals t;
	if (reajuste_run(r, &q, form_int(in, "selecao"), false, PREVIEW_LINES, &t) < 0)
		return -1;
	totals_to_page(r, &t);
	return page_render(r, 200, "reajuste_previa.cs", "Conferir reajuste");
}

static const char once_sql[] =
	"UPDATE selections SET reajuste_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND reajuste_at IS NULL";

int reajuste_post(struct request *r, const struct form *in)
{
	struct reajuste q;
	bool ok = from_form(r, in, &q);
	if (form_error(in, "selecao"))
		return page_error(r, 400, "Seleção de clientes inválida.");
	int got = selection_page(r, form_int(in, "selecao"));
	if (got <= 0)
		return got;
	if (!ok)
		return page_render(r, 400, "reajuste.cs", "Reajuste de honorários");
	struct reajuste_totals t;
	if (db_begin(r->db) < 0)
		return -1;
	/* Applied once: the same confirmation sent again (a double click, the back button)
	 * would raise the plans again. */
	struct db_stmt *once = db_prepare(r->db, once_sql);
	if (!once)
		return -1;
	db_bind_i64(once, 0, form_int(in, "selecao"));
	db_bind_i64(once, 1, r->office.id);
	if (db_exec(once) < 0)
		return -1;
	if (db_affected(once) != 1) {
		db_rollback(r->db);
		page_flash(r, "erro", "Este reajuste já foi aplicado a esta seleção de clientes. Para outro "
				      "reajuste, selecione os clientes de novo.");
		return page_render(r, 409, "reajuste.cs", "Reajuste de honorários");
	}
	int64_t c = reajuste_conflicts(r, &q, form_int(in, "selecao"));
	if (c != 0) {
		db_rollback(r->db);
		if (c < 0)
			return -1;
		page_field_error(r, "a_partir", later);
		return page_render(r, 409, "reajuste.cs", "Reajuste de honorários");
	}
	if (reajuste_run(r, &q, form_int(in, "selecao"), true, 0, &t) < 0 || db_commit(r->db) < 0)
		return -1;
	char to[96];
	snprintf(to, sizeof to, "/honorarios/reajuste?planos=%lld&honorarios=%lld",
		 (long long)t.plans, (long long)t.fees);
	return response_redirect(r, to);
}
