/* /honorarios/planos/lote: one plan for every client of a selection (the registry's
 * "Definir plano de honorários…" on the checked rows or a whole search): the plan's
 * form, and for each client a plan saved as on its own page (audited, noted). A client
 * that already has an active plan keeps it and gets no other, unless asked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "br/money.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "honorarios/plan.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule planos_lote_get_rules[] = {
	{ "selecao", FORM_INT, true, 0, "Seleção", 1, INT64_MAX, NULL },
	{ "criados", FORM_INT, false, 0, "Criados", 0, INT64_MAX, NULL },
	{ "mantidos", FORM_INT, false, 0, "Mantidos", 0, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule planos_lote_rules[] = {
	{ "selecao", FORM_INT, true, 0, "Seleção", 1, INT64_MAX, NULL },
	{ "tambem_com_plano", FORM_TEXT, false, 1, "Também para quem já tem plano", 0, 0, NULL },
	PLAN_FORM_RULES,
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

int planos_lote_get(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, "Seleção de clientes inválida.");
	int got = selection_page(r, form_int(in, "selecao"));
	if (got <= 0)
		return got;
	if (*form_get(in, "criados")) {
		char text[200];
		snprintf(text, sizeof text, "Planos criados: %lld. Clientes que já tinham plano ativo e o mantiveram: %lld.",
			 (long long)form_int(in, "criados"), (long long)form_int(in, "mantidos"));
		page_flash(r, "ok", text);
	}
	page_set(r, "Form.Values.descricao", "Honorários contábeis");
	page_set(r, "Form.Values.dia", "10");
	page_set(r, "Form.Values.ativo", "1");
	page_set(r, "Form.Values.decimo", "nao");
	page_set(r, "Form.Values.decimo_mes", "12");
	return page_render(r, 200, "planos_lote.cs", "Plano para vários clientes");
}

static const char has_plan_sql[] =
	"SELECT EXISTS (SELECT 1 FROM fee_plans WHERE client_id = ? AND office_id = ? AND active)";

static int has_active_plan(struct request *r, int64_t client)
{
	struct db_stmt *st = db_prepare(r->db, has_plan_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, client);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st), has = got > 0 && db_col_i64(st, 0);
	while (got > 0)
		got = db_fetch(st);
	return got < 0 ? -1 : has;
}

int planos_lote_post(struct request *r, const struct form *in)
{
	struct fee_plan p;
	bool ok = plan_from_form(r, in, &p);
	int64_t selection = form_int(in, "selecao");
	if (form_error(in, "selecao"))
		return page_error(r, 400, "Seleção de clientes inválida.");
	int got = selection_page(r, selection);
	if (got <= 0)
		return got;
	if (!ok) {
		form_typed_back(r, in);
		return page_render(r, 400, "planos_lote.cs", "Plano para vários clientes");
	}
	bool all = !strcmp(form_get(in, "tambem_com_plano"), "1");
	int64_t ids[500], after = 0, made = 0, kept = 0;
	if (db_begin(r->db) < 0)
		return -1;
	for (;;) {
		size_t n = 0;
		if (selection_ids(r, selection, after, 500, ids, &n) < 0)
			return -1;
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++) {
			p.client_id = ids[i];
			/* Never the same plan twice (the form sent again): another fee a month. */
			int has = all ? plan_same_exists(r, &p) : has_active_plan(r, ids[i]);
			if (has < 0)
				return -1;
			if (has) {
				kept++;
				continue;
			}
			if (plan_insert(r, &p) < 0)
				return -1;
			made++;
		}
		after = ids[n - 1];
	}
	if (db_commit(r->db) < 0)
		return -1;
	char to[128];
	snprintf(to, sizeof to, "/honorarios/planos/lote?selecao=%lld&criados=%lld&mantidos=%lld",
		 (long long)selection, (long long)made, (long long)kept);
	return response_redirect(r, to);
}
