/* /honorarios/gerar: generating fees for chosen clients and months. The clients come as a
 * selection (cadastro/selection.h: from the registry's list, or checked here); the form
 * asks for the first competência, how many months and the value; a preview says what
 * will be written; the confirmation writes it (or queues it for the worker when large). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "base/log.h"
#include "base/strbuf.h"
#include "br/money.h"
#include "cadastro/search.h"
#include "cadastro/selection.h"
#include "honorarios/fee.h"
#include "honorarios/generate.h"
#include "web/page.h"
#include "web/response.h"
#include "web/urlenc.h"

static const char *const yes_no[] = { "sim", "nao", NULL };
static const char *const value_modes[] = { "plano", "informado", NULL };

const struct form_rule gerar_get_rules[] = {
	{ "selecao", FORM_INT, false, 0, "Seleção", 1, INT64_MAX, NULL },
	{ "q", FORM_TEXT, false, 100, "Cliente", 0, 0, NULL },
	{ "pagina", FORM_INT, false, 0, "Página", 1, 10000, NULL },
	{ "marcados", FORM_INT, false, 0, "Marcados", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* The picker's form: its search and page, the clients ticked so far (a selection, kept
 * across pages), and where to go — "continuar", "todos" (tick every client the search
 * finds), "nenhum", "plano" (every client with an active plan, at once), "buscar" (the
 * text typed in busca, page 1) or a page. */
const struct form_rule gerar_selecao_rules[] = {
	{ "q", FORM_TEXT, false, 100, "Cliente", 0, 0, NULL },
	{ "pagina", FORM_INT, false, 0, "Página", 1, 10000, NULL },
	{ "marcados", FORM_INT, false, 0, "Marcados", 1, INT64_MAX, NULL },
	{ "ir", FORM_TEXT, false, 12, "Ação", 0, 0, NULL },
	{ "busca", FORM_TEXT, false, 100, "Cliente", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const struct page_notice notices[] = {
	{ "nenhum", "aviso", "Marque ao menos um cliente para continuar." },
	{ "nada", "aviso", "Nada foi gerado: os honorários destes clientes nessas competências já "
			   "existem (ou os clientes não têm plano ativo nelas). Nenhuma geração foi "
			   "registrada." },
	{ "sem_plano", "aviso", "Nenhum cliente ativo tem plano de honorários ativo." },
	{ NULL, NULL, NULL },
};

const struct form_rule gerar_rules[] = {
	{ "selecao", FORM_INT, true, 0, "Seleção", 1, INT64_MAX, NULL },
	{ "mes", FORM_INT, true, 0, "Mês inicial", 1, 12, NULL },
	{ "ano", FORM_INT, true, 0, "Ano inicial", 2000, 2099, NULL },
	{ "repetir", FORM_CHOICE, true, 0, "Repetir", 0, 0, yes_no },
	{ "meses", FORM_INT, false, 0, "Quantidade de meses", 1, GEN_MAX_MONTHS, NULL },
	{ "valor_modo", FORM_CHOICE, true, 0, "Valor", 0, 0, value_modes },
	{ "valor", FORM_TEXT, false, 20, "Valor informado", 0, 0, NULL },
	{ "dia", FORM_INT, false, 0, "Dia de vencimento", 1, 31, NULL },
	{ "descricao", FORM_TEXT, false, 120, "Descrição", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

#define PAGE_ROWS 50

/* The clients' rows with their plans' monthly total and their last scheduled fee. */
#define CLIENT_ROW_COLS \
	"c.id, c.name," \
	" (SELECT COALESCE(SUM(p.amount), 0) FROM fee_plans p WHERE p.client_id = c.id" \
	"  AND p.office_id = c.office_id AND p.active)," \
	" (SELECT DATE_FORMAT(f.competencia, '%m/%Y') FROM fees f WHERE f.client_id = c.id" \
	"  AND f.kind = 'mensal' AND f.status <> 'cancelado' ORDER BY f.competencia DESC, f.id DESC LIMIT 1)," \
	" (SELECT f.amount FROM fees f WHERE f.client_id = c.id" \
	"  AND f.kind = 'mensal' AND f.status <> 'cancelado' ORDER BY f.competencia DESC, f.id DESC LIMIT 1)," \
	" (SELECT DATE_FORMAT(f.due_date, '%d/%m/%Y') FROM fees f WHERE f.client_id = c.id" \
	"  AND f.kind = 'mensal' AND f.status <> 'cancelado' ORDER BY f.competencia DESC, f.id DESC LIMIT 1)"

static int client_rows(struct request *r, struct db_stmt *st, int max)
{
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		if (n >= max) {   /* counted, not shown (a next page's first row) */
			n++;
			continue;
		}
		char key[32], plan[MONEY_FMT_MAX] = "", last[MONEY_FMT_MAX] = "";
		snprintf(key, sizeof key, "Clients.%d", n++);
		if (db_col_i64(st, 2) > 0)
			money_format(db_col_i64(st, 2), true, plan, sizeof plan);
		if (db_col(st, 4))
			money_format(db_col_i64(st, 4), true, last, sizeof last);
		static const char *const names[] = { "id", "name", "plan", "last_comp", "last_amount",
						     "last_due", "checked" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), plan, db_col(st, 3), last,
					 db_col(st, 5),
					 db_col(st, 6) && db_col_i64(st, 6) ? "1" : "" };
		page_set_many(r, key, names, values, db_col(st, 6) ? 7 : 6);
	}
	return got < 0 ? -1 : n;
}

static const char selection_rows_sql[] =
	"SELECT " CLIENT_ROW_COLS " FROM selection_items i JOIN clients c ON c.id = i.client_id"
	" WHERE i.selection_id = ? AND c.office_id = ? ORDER BY c.id LIMIT 50";

/* The form's defaults: next month, 12 months, the plans' values. */
static void form_defaults(struct request *r)
{
	char today[11];
	today_iso(today);
	int y = atoi(today), m = atoi(today + 5);
	int next = ym_of(y, m) + 1;
	page_set_int(r, "Form.Values.mes", ym_month(next));
	page_set_int(r, "Form.Values.ano", ym_year(next));
	page_set(r, "Form.Values.repetir", "sim");
	page_set(r, "Form.Values.meses", "12");
	page_set(r, "Form.Values.valor_modo", "plano");
	page_set(r, "Form.Values.dia", "10");
}

/* The search's conditions over the office's active clients (q's first parameter: the
 * office): what the picker lists and what "marcar todos" ticks. */
#define PICKER_WHERE " AND NOT c.trashed AND c.active"

static void picker_query(struct request *r, const char *text, struct query *q)
{
	memset(q, 0, sizeof *q);
	query_add_int(q, r->office.id);
	sb_puts(&q->where, PICKER_WHERE);
	query_search(q, text);
}

/* A count of "SELECT COUNT(*) FROM clients c WHERE c.office_id = ?<where>" (where: fixed
 * SQL), or -1. */
static int64_t count_clients(struct request *r, const struct query *q)
{
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "SELECT COUNT(*) FROM clients c WHERE c.office_id = ?", sb_str(&q->where));
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	query_bind(st, q);
	if (db_exec(st) < 0)
		return -1;
	int64_t n = -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		n = db_col_i64(st, 0);
	return got < 0 ? -1 : n;
}

#define WITH_PLAN \
	" AND EXISTS (SELECT 1 FROM fee_plans p WHERE p.client_id = c.id" \
	" AND p.office_id = c.office_id AND p.active)"

/* The draft of ticked clients named by the request (marcados): its id when it is the
 * user's and alive (its size in *total), else 0; -1. */
static int64_t draft_of(struct request *r, const struct form *in, int64_t *total)
{
	*total = 0;
	if (!*form_get(in, "marcados") || form_error(in, "marcados"))
		return 0;
	int64_t id = form_int(in, "marcados");
	int got = selection_total(r, id, total);
	return got < 0 ? -1 : got ? id : 0;
}

/* Without a selection: the office's active clients to tick, found by the registry's
 * own search (words, accents, CPF/CNPJ with or without its mask, fantasia), in pages;
 * the ticks of every page are kept in a draft selection (marcados). */
static int picker(struct request *r, const struct form *in)
{
	int64_t marked = 0, draft = draft_of(r, in, &marked);
	if (draft < 0)
		return -1;
	struct query q;
	picker_query(r, form_get(in, "q"), &q);
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "SELECT " CLIENT_ROW_COLS ", EXISTS (SELECT 1 FROM selection_items i"
	       " WHERE i.selection_id = ? AND i.client_id = c.id)"
	       " FROM clients c WHERE c.office_id = ?", sb_str(&q.where),
	       " ORDER BY c.name, c.id LIMIT ? OFFSET ?");
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	int64_t page = *form_get(in, "pagina") ? form_int(in, "pagina") : 1;
	int n = -1;
	if (st) {
		db_bind_i64(st, 0, draft);
		query_bind_from(st, 1, &q);
		db_bind_i64(st, 1 + (unsigned)q.np, PAGE_ROWS + 1);
		db_bind_i64(st, 2 + (unsigned)q.np, (page - 1) * PAGE_ROWS);
		if (db_exec(st) == 0)
			n = client_rows(r, st, PAGE_ROWS);
	}
	int64_t found = n < 0 ? -1 : count_clients(r, &q);
	query_free(&q);
	struct query all;
	picker_query(r, "", &all);
	sb_puts(&all.where, WITH_PLAN);
	int64_t with_plan = found < 0 ? -1 : count_clients(r, &all);
	query_free(&all);
	if (n < 0 || found < 0 || with_plan < 0)
		return -1;
	if (n > PAGE_ROWS)
		page_set_int(r, "List.next", page + 1);
	if (page > 1)
		page_set_int(r, "List.prev", page - 1);
	page_set_int(r, "List.page", page);
	char v[3][32];
	number_format(found, v[0], sizeof v[0]);
	number_format(marked, v[1], sizeof v[1]);
	number_format(with_plan, v[2], sizeof v[2]);
	page_set(r, "List.found", v[0]);
	page_set_int(r, "List.found_n", found);
	page_set(r, "Draft.count", v[1]);
	page_set_int(r, "Draft.total", marked);
	if (draft)
		page_set_int(r, "Draft.id", draft);
	page_set(r, "WithPlan.count", v[2]);
	page_set_int(r, "WithPlan.n", with_plan);
	page_set(r, "Form.Values.q", form_get(in, "q"));
	page_notice_from_query(r, notices);
	return page_render(r, 200, "escolher.cs", "Gerar honorários");
}

/* The selection's first clients and its size on the page: 1, 0 (404 sent), -1. */
static int selection_to_page(struct request *r, int64_t selection)
{
	int got = selection_page(r, selection);
	if (got <= 0)
		return got;
	struct db_stmt *st = db_prepare(r->db, selection_rows_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, selection);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || client_rows(r, st, PAGE_ROWS) < 0)
		return -1;
	return 1;
}

int gerar_get(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, "Parâmetro inválido.");
	if (!*form_get(in, "selecao"))
		return picker(r, in);
	int got = selection_to_page(r, form_int(in, "selecao"));
	if (got <= 0)
		return got;
	form_defaults(r);
	page_notice_from_query(r, notices);
	return page_render(r, 200, "gerar.cs", "Gerar honorários");
}

/* selection_add_query's binder for a picker_query. */
static void bind_search(struct db_stmt *st, unsigned first, void *ctx)
{
	query_bind_from(st, first, ctx);
}

/* Every active client with an active plan, as a new selection: its id, 0 when there is
 * none, -1. In the caller's transaction. */
static int64_t all_with_plan(struct request *r)
{
	struct query q;
	picker_query(r, "", &q);
	sb_puts(&q.where, WITH_PLAN);
	int64_t selection = selection_new(r), total = 0;
	int rc = selection < 0 || !q.where.buf ||
		 selection_add_query(r, selection, sb_str(&q.where), bind_search, &q) < 0 ||
		 selection_counted(r, selection) < 0 || selection_total(r, selection, &total) < 0
		 ? -1 : 0;
	query_free(&q);
	return rc < 0 ? -1 : total > 0 ? selection : 0;
}

/* The picker's page again, with the draft and the search text (a 303). */
static int back_to_picker(struct request *r, const char *text, int64_t page, int64_t draft,
			  const char *notice)
{
	struct strbuf to = STRBUF_INIT;
	sb_puts(&to, "/honorarios/gerar");
	char sep = '?';
	if (*text) {
		char *e = urlenc_encode(text);
		sb_printf(&to, "%cq=%s", sep, e ? e : "");
		free(e);
		sep = '&';
	}
	if (page > 1) {
		sb_printf(&to, "%cpagina=%lld", sep, (long long)page);
		sep = '&';
	}
	if (draft > 0) {
		sb_printf(&to, "%cmarcados=%lld", sep, (long long)draft);
		sep = '&';
	}
	if (notice)
		sb_printf(&to, "%caviso=%s", sep, notice);
	int rc = to.buf ? response_redirect(r, to.buf) : -1;
	sb_free(&to);
	return rc;
}

int gerar_selecao_post(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, "Parâmetro inválido.");
	const char *ir = form_get(in, "ir");
	char to[96];
	if (!strcmp(ir, "plano")) {   /* every client with an active plan, in one step */
		int64_t selection;
		if (db_begin(r->db) < 0 || (selection = all_with_plan(r)) < 0 || db_commit(r->db) < 0)
			return -1;
		if (selection == 0)
			return response_redirect(r, "/honorarios/gerar?aviso=sem_plano");
		snprintf(to, sizeof to, "/honorarios/gerar?selecao=%lld", (long long)selection);
		return response_redirect(r, to);
	}
	/* The ticks of this page into the draft: the page's rows ticked in, the others out. */
	int64_t ticked[PAGE_ROWS], shown[PAGE_ROWS], id, total = 0;
	size_t nt = 0, ns = 0;
	for (size_t k = 0; nt < PAGE_ROWS && (id = fields_next_id(&r->form, "ids", &k));)
		ticked[nt++] = id;
	for (size_t k = 0; ns < PAGE_ROWS && (id = fields_next_id(&r->form, "pagina_ids", &k));)
		shown[ns++] = id;
	if (db_begin(r->db) < 0)
		return -1;
	int64_t draft = draft_of(r, in, &total);
	if (draft < 0)
		return -1;
	if (!draft && (nt > 0 || !strcmp(ir, "todos")) && (draft = selection_new(r)) < 0)
		return -1;
	if (draft) {
		struct query q;
		picker_query(r, form_get(in, "q"), &q);
		int rc = (ns && selection_remove(r, draft, shown, ns) < 0) ||
				 (nt && selection_add(r, draft, ticked, nt) < 0) ||
				 (!strcmp(ir, "todos") &&
				  selection_add_query(r, draft, sb_str(&q.where), bind_search, &q) < 0) ||
				 (!strcmp(ir, "nenhum") && selection_remove(r, draft, NULL, 0) < 0) ||
				 selection_counted(r, draft) < 0 || selection_total(r, draft, &total) < 0
			 ? -1 : 0;
		query_free(&q);
		if (rc < 0)
			return -1;
	}
	if (db_commit(r->db) < 0)
		return -1;
	int64_t page = *form_get(in, "pagina") ? form_int(in, "pagina") : 1;
	if (!strcmp(ir, "continuar") || !*ir) {
		if (!draft || total == 0)
			return back_to_picker(r, form_get(in, "q"), page, draft, "nenhum");
		snprintf(to, sizeof to, "/honorarios/gerar?selecao=%lld", (long long)draft);
		return response_redirect(r, to);
	}
	if (!strcmp(ir, "buscar"))
		return back_to_picker(r, form_get(in, "busca"), 1, draft, NULL);
	int64_t go = strtoll(ir, NULL, 10);
	if (go >= 1 && go <= 10000)
		page = go;
	return back_to_picker(r, form_get(in, "q"), page, draft, NULL);
}

/* ------------------------------------------------------------------ the run's form */

/* The form into params; field errors on the page. true when right. */
static bool params_from_form(struct request *r, const struct form *in, struct gen_params *p,
			     int64_t *amount_out)
{
	bool ok = in->nerrors == 0;
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	memset(p, 0, sizeof *p);
	p->first_ym = ym_of((int)form_int(in, "ano"), (int)form_int(in, "mes"));
	p->months = 1;
	if (!strcmp(form_get(in, "repetir"), "sim")) {
		if (!*form_get(in, "meses")) {
			if (!form_error(in, "meses"))
				page_field_error(r, "meses", "Informe quantos meses gerar (1 a 60).");
			ok = false;
		}
		p->months = (int)form_int(in, "meses");
	}
	if (!strcmp(form_get(in, "valor_modo"), "informado")) {
		const char *v = form_get(in, "valor");
		if (!money_parse(v, strlen(v), &p->amount) || p->amount <= 0 ||
		    p->amount > 1000000000LL) {
			page_field_error(r, "valor", "Informe o valor em reais, como 450,00.");
			ok = false;
			p->amount = 0;
		}
		if (!*form_get(in, "dia")) {
			if (!form_error(in, "dia"))
				page_field_error(r, "dia", "Informe o dia de vencimento (1 a 31).");
			ok = false;
		}
		p->due_day = (int)form_int(in, "dia");
		p->description = form_get(in, "descricao");
	}
	*amount_out = p->amount;
	return ok;
}

static void period_to_page(struct request *r, const struct gen_params *p)
{
	char a[YM_TEXT], b[YM_TEXT];
	ym_format(p->first_ym, a, sizeof a);
	ym_format(p->first_ym + p->months - 1, b, sizeof b);
	page_set(r, "Run.first", a);
	page_set(r, "Run.last", b);
	page_set_int(r, "Run.months", p->months);
	if (p->amount) {
		char v[MONEY_FMT_MAX];
		money_format(p->amount, true, v, sizeof v);
		page_set(r, "Run.amount", v);
	}
}

/* The preview: every client of the selection through the same code as the run, counted
 * only; the first clients' lines on the page. */
static int preview(struct request *r, const struct gen_params *p, int64_t selection)
{
	struct gen_totals t;
	memset(&t, 0, sizeof t);
	int64_t ids[500], after = 0;
	struct gen_client per[500];
	size_t shown = 0;
	for (;;) {
		size_t n = 0;
		if (selection_ids(r, selection, after, 500, ids, &n) < 0)
			return -1;
		if (n == 0)
			break;
		if (gen_clients(r, p, ids, n, 0, &t, shown < PAGE_ROWS ? per : NULL) < 0)
			return -1;
		/* Keyed by client: the page's lines pair them with the selection's rows. */
		for (size_t i = 0; i < n && shown < PAGE_ROWS; i++, shown++) {
			char key[48], sum[MONEY_FMT_MAX];
			snprintf(key, sizeof key, "Preview.%lld", (long long)per[i].client_id);
			money_format(per[i].sum, true, sum, sizeof sum);
			char id[24], fees[24], existing[24];
			snprintf(id, sizeof id, "%lld", (long long)per[i].client_id);
			snprintf(fees, sizeof fees, "%lld", (long long)per[i].fees);
			snprintf(existing, sizeof existing, "%lld", (long long)per[i].existing);
			static const char *const names[] = { "id", "fees", "sum", "existing" };
			const char *values[] = { id, fees, sum, existing };
			page_set_many(r, key, names, values, 4);
		}
		after = ids[n - 1];
	}
	char v[5][32];
	number_format(t.clients, v[0], sizeof v[0]);
	number_format(t.fees, v[1], sizeof v[1]);
	money_format(t.sum, true, v[2], sizeof v[2]);
	number_format(t.existing, v[3], sizeof v[3]);
	number_format(t.without_plan, v[4], sizeof v[4]);
	static const char *const keys[] = { "Totals.clients", "Totals.fees", "Totals.sum",
					    "Totals.existing", "Totals.without_plan" };
	for (int i = 0; i < 5; i++)
		page_set(r, keys[i], v[i]);
	page_set_int(r, "Totals.n", t.fees);
	return 0;
}

int gerar_previa_post(struct request *r, const struct form *in)
{
	struct gen_params p;
	int64_t amount;
	bool ok = params_from_form(r, in, &p, &amount);
	int64_t selection = form_int(in, "selecao");
	if (form_error(in, "selecao"))
		return page_error(r, 400, "Seleção de clientes inválida.");
	int got = selection_to_page(r, selection);
	if (got <= 0)
		return got;
	form_typed_back(r, in);
	if (!ok)
		return page_render(r, 400, "gerar.cs", "Gerar honorários");
	period_to_page(r, &p);
	if (preview(r, &p, selection) < 0)
		return -1;
	return page_render(r, 200, "previa.cs", "Conferir honorários");
}

int gerar_post(struct request *r, const struct form *in)
{
	struct gen_params p;
	int64_t amount, total = 0;
	bool ok = params_from_form(r, in, &p, &amount);
	int64_t selection = form_int(in, "selecao");
	if (form_error(in, "selecao"))
		return page_error(r, 400, "Seleção de clientes inválida.");
	if (!ok) {
		if (selection_to_page(r, selection) <= 0)
			return -1;
		form_typed_back(r, in);
		return page_render(r, 400, "gerar.cs", "Gerar honorários");
	}
	int got = selection_total(r, selection, &total);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, "Esta seleção de clientes expirou ou não existe. Volte à lista de clientes e selecione de novo.");
	/* Two runs at once over the same clients may deadlock on the unique key's locks:
	 * the loser starts again and skips what the other made. */
	int64_t gen = -1;
	for (int attempt = 0; attempt < 4 && gen < 0; attempt++) {
		if (db_begin(r->db) < 0)
			return -1;
		gen = gen_start(r, &p, selection, total);
		if (gen > 0 && db_commit(r->db) < 0)
			gen = -1;
		if (gen < 0) {
			bool again = db_conflict(r->db);
			if (again)
				log_error(r->request_id, "honorarios: generation lost to another (%s): again",
					  db_error(r->db));
			db_rollback(r->db);
			if (!again)
				return -1;
		}
	}
	if (gen < 0)
		return -1;
	char to[96];
	if (gen == 0) {   /* nothing to make: not a generation (the row went with the rollback) */
		db_rollback(r->db);
		snprintf(to, sizeof to, "/honorarios/gerar?selecao=%lld&aviso=nada", (long long)selection);
		return response_redirect(r, to);
	}
	snprintf(to, sizeof to, "/honorarios/geracoes/%lld", (long long)gen);
	return response_redirect(r, to);
}

/* ------------------------------------------------------------------ the run's page */

/* By the office's own number: the page's address is the number it shows. */
static const char generation_sql[] =
	"SELECT status, total, done, created, skipped, created_sum, first_month, months,"
	" amount, actor, DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" error, number FROM fee_generations WHERE number = ? AND office_id = ?";

int geracao_get(struct request *r, const struct form *in)
{
	(void)in;
	struct db_stmt *st = db_prepare(r->db, generation_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->path_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	const char *status = db_col(st, 0) ? db_col(st, 0) : "";
	struct gen_params p = { 0, (int)db_col_i64(st, 7), db_col_i64(st, 8), 0, NULL };
	ym_from_sql(db_col(st, 6), &p.first_ym);
	period_to_page(r, &p);
	char v[5][32];
	number_format(db_col_i64(st, 1), v[0], sizeof v[0]);
	number_format(db_col_i64(st, 2), v[1], sizeof v[1]);
	number_format(db_col_i64(st, 3), v[2], sizeof v[2]);
	number_format(db_col_i64(st, 4), v[3], sizeof v[3]);
	money_format(db_col_i64(st, 5), true, v[4], sizeof v[4]);
	int64_t total = db_col_i64(st, 1), done = db_col_i64(st, 2);
	page_set_int(r, "Run.id", r->path_id);
	page_set(r, "Run.status", status);
	page_set(r, "Run.clients", v[0]);
	page_set(r, "Run.done", v[1]);
	page_set(r, "Run.created", v[2]);
	page_set(r, "Run.skipped", v[3]);
	page_set(r, "Run.sum", v[4]);
	page_set(r, "Run.actor", db_col(st, 9));
	page_set(r, "Run.at", db_col(st, 10));
	page_set(r, "Run.error", db_col(st, 11));
	page_set(r, "Run.number", db_col(st, 12));
	page_set_int(r, "Run.percent", total > 0 ? done * 100 / total : 0);
	bool working = !strcmp(status, "queued") || !strcmp(status, "running");
	if (working)
		page_set(r, "Page.Refresh", "2");
	while ((got = db_fetch(st)) > 0)
		;
	return got < 0 ? -1 : page_render(r, 200, "geracao.cs", "Geração de honorários");
}
