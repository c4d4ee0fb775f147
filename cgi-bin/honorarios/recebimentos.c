/* GET /honorarios/recebimentos: the office's fees with filters — situação, client,
 * competência and due-date ranges, a generation — their totals, a page of 50. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "base/memo.h"
#include "base/strbuf.h"
#include "br/money.h"
#include "br/valid.h"
#include "br/doc.h"
#include "cadastro/search.h"
#include "honorarios/fee.h"
#include "sheet/export.h"
#include "web/page.h"

static const char *const situations[] = { "a_receber", "aberto", "vencido", "recebido",
					  "cancelado", "negativado", "cobranca", "todos", NULL };

#define FILTER_RULES \
	{ "situacao", FORM_CHOICE, false, 0, "Situação", 0, 0, situations }, \
	{ "cliente", FORM_INT, false, 0, "Cliente", 1, INT64_MAX, NULL }, \
	{ "q", FORM_TEXT, false, 100, "Cliente", 0, 0, NULL }, \
	{ "comp_de", FORM_TEXT, false, 7, "Competência de", 0, 0, NULL }, \
	{ "comp_ate", FORM_TEXT, false, 7, "Competência até", 0, 0, NULL }, \
	{ "venc_de", FORM_TEXT, false, 10, "Vencimento de", 0, 0, NULL }, \
	{ "venc_ate", FORM_TEXT, false, 10, "Vencimento até", 0, 0, NULL }, \
	{ "geracao", FORM_INT, false, 0, "Geração", 1, INT64_MAX, NULL }

static const char *const formats[] = { "csv", "xlsx", NULL };

const struct form_rule recebimentos_exportar_rules[] = {
	FILTER_RULES,
	{ "formato", FORM_CHOICE, true, 0, "Formato", 0, 0, formats },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule recebimentos_rules[] = {
	FILTER_RULES,
	{ "pagina", FORM_INT, false, 0, "Página", 1, 10000, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

#define PAGE_ROWS 50
#define MAX_PARAMS 32

struct filter {
	struct strbuf where;            /* " AND ..." fragments, all ours */
	struct { bool is_int; int64_t i; const char *s; } p[MAX_PARAMS];
	size_t np;
	char today[11], comp_from[11], comp_to[11], due_from[11], due_to[11];
	struct query search;            /* the client search's conditions (owns its values) */
	bool refused;
	bool unknown_generation;        /* geracao names no generation of the office */
};

/* Parameters beyond MAX_PARAMS cannot happen (the rules bound every input); were
 * they to, the filter refuses rather than binding fewer values than its marks. */
static void add_int(struct filter *f, const char *sql, int64_t v)
{
	sb_puts(&f->where, sql);
	if (f->np == MAX_PARAMS) {
		f->refused = true;
		return;
	}
	f->p[f->np].is_int = true;
	f->p[f->np++].i = v;
}

static void add_str(struct filter *f, const char *sql, const char *v)
{
	sb_puts(&f->where, sql);
	if (f->np == MAX_PARAMS) {
		f->refused = true;
		return;
	}
	f->p[f->np].is_int = false;
	f->p[f->np++].s = v;
}

static void filter_free(struct filter *f)
{
	sb_free(&f->where);
	query_free(&f->search);
}

static void bind_filter(struct db_stmt *st, unsigned first, const struct filter *f)
{
	for (size_t i = 0; i < f->np; i++) {
		if (f->p[i].is_int)
			db_bind_i64(st, first + (unsigned)i, f->p[i].i);
		else
			db_bind_str(st, first + (unsigned)i, f->p[i].s);
	}
}

static bool date_field(struct request *r, const struct form *in, const char *name, char out[11])
{
	const char *v = form_get(in, name);
	int y, m, d;
	if (!*v)
		return true;
	if (!valid_date(v, strlen(v), &y, &m, &d)) {
		page_field_error(r, name, "Informe a data como dd/mm/aaaa.");
		return false;
	}
	date_format_iso(y, m, d, out, 11);
	return true;
}

static bool month_field(struct request *r, const struct form *in, const char *name, char out[11])
{
	const char *v = form_get(in, name);
	int ym;
	if (!*v)
		return true;
	if (!ym_parse(v, &ym)) {
		page_field_error(r, name, "Informe o mês como mm/aaaa.");
		return false;
	}
	ym_sql(ym, out, 11);
	return true;
}

static const char generation_id_sql[] =
	"SELECT id FROM fee_generations WHERE office_id = ? AND number = ?";

/* The id of the office's generation of that number: >0, 0 when there is none, -1. */
static int64_t generation_id(struct request *r, int64_t number)
{
	struct db_stmt *st = db_prepare(r->db, generation_id_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, number);
	if (db_exec(st) < 0)
		return -1;
	int64_t id = 0;
	int got;
	while ((got = db_fetch(st)) > 0)
		id = db_col_i64(st, 0);
	return got < 0 ? -1 : id;
}

/* The filter of the form. A refused field never widens the list: the page shows the
 * message and no rows. */
static int build(struct request *r, const struct form *in, struct filter *f)
{
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i]) {
			page_field_error(r, in->rules[i].name, in->error[i]);
			f->refused = true;
		}
	today_iso(f->today);
	f->refused |= !month_field(r, in, "comp_de", f->comp_from) ||
		      !month_field(r, in, "comp_ate", f->comp_to) ||
		      !date_field(r, in, "venc_de", f->due_from) ||
		      !date_field(r, in, "venc_ate", f->due_to);
	const char *s = *form_get(in, "situacao") ? form_get(in, "situacao") : "a_receber";
	if (!strcmp(s, "a_receber"))
		sb_puts(&f->where, " AND f.unpaid = 1");
	else if (!strcmp(s, "aberto"))
		add_str(f, " AND f.status = 'aberto' AND f.due_date >= ?", f->today);
	else if (!strcmp(s, "vencido"))
		add_str(f, " AND f.status = 'aberto' AND f.due_date < ?", f->today);
	else if (!strcmp(s, "recebido"))
		sb_puts(&f->where, " AND f.status = 'recebido'");
	else if (!strcmp(s, "cancelado"))
		sb_puts(&f->where, " AND f.status = 'cancelado'");
	else if (!strcmp(s, "negativado"))
		sb_puts(&f->where, " AND f.status = 'negativado'");
	else if (!strcmp(s, "cobranca"))
		sb_puts(&f->where, " AND f.status = 'cobranca'");
	if (*form_get(in, "cliente"))
		add_int(f, " AND f.client_id = ?", form_int(in, "cliente"));
	if (*form_get(in, "q")) {
		/* The registry's search: what finds a client on /clientes finds its fees. */
		struct query *q = &f->search;
		query_add_int(q, r->office.id);
		query_search(q, form_get(in, "q"));
		sb_puts(&f->where, " AND f.client_id IN (SELECT c.id FROM clients c WHERE c.office_id = ?");
		for (size_t i = 0; i < q->np; i++) {
			if (q->p[i].is_int)
				add_int(f, "", q->p[i].i);
			else
				add_str(f, "", q->p[i].s ? q->p[i].s : "");
		}
		SB_CAT(&f->where, sb_str(&q->where), ")");
	}
	/* One competência is an equality: with the status's, the index hands the rows over
	 * in due-date order, and a page reads 51 of them, not the month's. */
	if (*f->comp_from && !strcmp(f->comp_from, f->comp_to))
		add_str(f, " AND f.competencia = ?", f->comp_from);
	else {
		if (*f->comp_from)
			add_str(f, " AND f.competencia >= ?", f->comp_from);
		if (*f->comp_to)
			add_str(f, " AND f.competencia <= ?", f->comp_to);
	}
	if (*f->due_from)
		add_str(f, " AND f.due_date >= ?", f->due_from);
	if (*f->due_to)
		add_str(f, " AND f.due_date <= ?", f->due_to);
	if (*form_get(in, "geracao") && !form_error(in, "geracao")) {
		/* By the office's own number, as the generation's page and address name it. */
		int64_t gen = generation_id(r, form_int(in, "geracao"));
		if (gen < 0)
			return -1;
		if (gen == 0)   /* said by the page (recebimentos_get); nothing listed */
			f->refused = f->unknown_generation = true;
		add_int(f, " AND f.generation_id = ?", gen);
	}
	return f->where.buf || f->np == 0 ? 0 : -1;
}

static int totals(struct request *r, const struct filter *f)
{
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "SELECT COUNT(*),"
	       " COALESCE(SUM(IF(f.status IN ('aberto', 'negativado', 'cobranca'), f.amount - f.paid, 0)), 0),"
	       " COALESCE(SUM(IF(f.status IN ('aberto', 'negativado', 'cobranca') AND f.due_date < ?,"
	       " f.amount - f.paid, 0)), 0), COALESCE(SUM(f.paid), 0)"
	       " FROM fees f WHERE f.office_id = ?", sb_str(&f->where));
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, f->today);
	db_bind_i64(st, 1, r->office.id);
	bind_filter(st, 2, f);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got > 0) {
		char v[3][MONEY_FMT_MAX], count[32];
		number_format(db_col_i64(st, 0), count, sizeof count);
		for (int i = 0; i < 3; i++)
			money_format(db_col_i64(st, 1 + i), true, v[i], sizeof v[i]);
		page_set(r, "Totals.count", count);
		page_set_int(r, "Totals.n", db_col_i64(st, 0));
		page_set(r, "Totals.receivable", v[0]);
		page_set(r, "Totals.overdue", v[1]);
		page_set(r, "Totals.received", v[2]);
		while ((got = db_fetch(st)) > 0)
			;
	}
	return got < 0 ? -1 : 0;
}

/* The page's rows into Fees.N (not remembered as data: their rendering is). The
 * number read, up to PAGE_ROWS + 1 (the last only says there is a next page), or -1. */
static int rows(struct request *r, const struct filter *f, int64_t page)
{
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "SELECT " FEE_ROW_COLS " FROM fees f JOIN clients c ON c.id = f.client_id"
	       " WHERE f.office_id = ?", sb_str(&f->where),
	       " ORDER BY f.due_date, f.id LIMIT ? OFFSET ?");
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, f->today);
	db_bind_i64(st, 1, r->office.id);
	bind_filter(st, 2, f);
	db_bind_i64(st, 2 + (unsigned)f->np, PAGE_ROWS + 1);
	db_bind_i64(st, 3 + (unsigned)f->np, (page - 1) * PAGE_ROWS);
	if (db_exec(st) < 0)
		return -1;
	return fee_rows_to_page(r, st, "Fees", PAGE_ROWS);
}

/* The list's navigation for n rows read (rows() above). */
static void nav(struct request *r, int n, int64_t page)
{
	page_set_int(r, "List.rows", n > PAGE_ROWS ? PAGE_ROWS : n);
	if (n > PAGE_ROWS)
		page_set_int(r, "List.next", page + 1);
	if (page > 1)
		page_set_int(r, "List.prev", page - 1);
}

/* What the last action on checked fees did (lote.c redirects here with it). */
static void lote_outcome(struct request *r)
{
	static const struct page_notice refusals[] = {
		{ "nenhum", "aviso", "Marque os honorários antes de escolher a ação." },
		{ "data", "erro", "Informe a data do pagamento (dd/mm/aaaa, não no futuro)." },
		{ "forma", "erro", "Escolha a forma de pagamento." },
		{ "motivo", "erro", "Escreva o motivo do cancelamento." },
		{ "texto", "erro", "Escreva o texto da nota." },
		{ "erro", "erro", "A ação não foi entendida: escolha-a de novo na lista." },
		{ NULL, NULL, NULL },
	};
	const char *done = request_query(r, "feitos"), *skipped = request_query(r, "ignorados");
	if (request_query(r, "lote")) {
		page_notice_from_param(r, "lote", refusals);
		return;
	}
	if (!done)
		return;
	long long d = strtoll(done, NULL, 10), s = skipped ? strtoll(skipped, NULL, 10) : 0;
	char text[200];
	if (s > 0)
		snprintf(text, sizeof text, "%lld %s; %lld %s (a ação não se aplicava).", d,
			 d == 1 ? "honorário alterado" : "honorários alterados", s,
			 s == 1 ? "ignorado" : "ignorados");
	else
		snprintf(text, sizeof text, "%lld %s.", d, d == 1 ? "honorário alterado" : "honorários alterados");
	page_flash(r, s > 0 ? "aviso" : "ok", text);
}

/* The totals and the page's rows, remembered for the office's fee version (the key: the
 * filter's SQL and values, today, the registry's version for the clients' names): the
 * totals and navigation as page data, the rows as their rendered HTML (a part). */
static int remembered(struct request *r, const struct filter *f, int64_t page)
{
	struct strbuf key = STRBUF_INIT, rows_key = STRBUF_INIT, html = STRBUF_INIT;
	SB_CAT(&key, "rec|", f->today, "|", sb_str(&f->where));
	sb_printf(&key, "|%lld|%lld", (long long)r->office.registry_version, (long long)page);
	for (size_t i = 0; i < f->np; i++) {
		if (f->p[i].is_int)
			sb_printf(&key, "|%lld", (long long)f->p[i].i);
		else   /* length first: two filters never make the same key */
			sb_printf(&key, "|%zu:%s", strlen(f->p[i].s), f->p[i].s);
	}
	SB_CAT(&rows_key, sb_str(&key), "|rows");
	int rc = key.buf && rows_key.buf ? 0 : -1;
	size_t len = 0, hlen = 0;
	const void *kept = rc == 0 ? memo_get(r->office.id, r->office.fee_version, key.buf, &len) : NULL;
	const void *kept_rows = kept ? memo_get(r->office.id, r->office.fee_version, rows_key.buf, &hlen) : NULL;
	if (kept && kept_rows) {
		page_replay(r, kept, len);
		rc = page_part(r, "rows", kept_rows, hlen);
	} else if (rc == 0) {
		int n = rows(r, f, page);
		if (n < 0 || page_render_part(r, "recebimentos_linhas.cs", &html) < 0 ||
		    page_part(r, "rows", sb_str(&html), html.len) < 0)
			rc = -1;
		page_record_start(r);
		if (rc == 0 && totals(r, f) < 0)
			rc = -1;
		if (rc == 0)
			nav(r, n, page);
		size_t rn = 0;
		char *rec = page_record_stop(r, &rn);
		if (rc == 0 && rec) {
			memo_put(r->office.id, r->office.fee_version, key.buf, rec, rn);
			memo_put(r->office.id, r->office.fee_version, rows_key.buf, sb_str(&html), html.len);
		}
		free(rec);
	}
	sb_free(&key);
	sb_free(&rows_key);
	sb_free(&html);
	return rc;
}

int recebimentos_get(struct request *r, const struct form *in)
{
	struct filter f;
	memset(&f, 0, sizeof f);
	int rc = build(r, in, &f);
	static const char *const fields[] = { "situacao", "cliente", "q", "comp_de", "comp_ate",
					      "venc_de", "venc_ate", "geracao" };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		char key[48];
		snprintf(key, sizeof key, "Form.Values.%s", fields[i]);
		const char *typed = request_query(r, fields[i]);
		page_set(r, key, typed ? typed : "");
	}
	if (!*form_get(in, "situacao") && !form_error(in, "situacao"))
		page_set(r, "Form.Values.situacao", "a_receber");
	char br[11];
	snprintf(br, sizeof br, "%.2s/%.2s/%.4s", f.today + 8, f.today + 5, f.today);
	page_set(r, "Today.br", br);
	if (rc == 0 && f.unknown_generation) {
		char text[160];
		snprintf(text, sizeof text, "A geração nº %lld não existe neste escritório: nada foi "
			 "listado.", (long long)form_int(in, "geracao"));
		page_flash(r, "erro", text);
	} else if (rc == 0 && f.refused) {
		page_flash(r, "erro", "Corrija o filtro marcado: nada foi listado.");
	} else if (rc == 0) {
		lote_outcome(r);
		int64_t page = *form_get(in, "pagina") ? form_int(in, "pagina") : 1;
		rc = remembered(r, &f, page);
	}
	if (rc == 0 && *form_get(in, "geracao") && !f.refused)
		page_set(r, "Filter.generation", form_get(in, "geracao"));
	if (rc == 0 && *form_get(in, "cliente")) {
		char *name = NULL;
		bool trashed;
		if (client_name(r, form_int(in, "cliente"), &name, &trashed) > 0)
			page_set(r, "Filter.client", name);
		free(name);
	}
	filter_free(&f);
	if (rc < 0)
		return -1;
	return page_render(r, f.unknown_generation ? 404 : f.refused ? 400 : 200, "recebimentos.cs",
			   "Recebimentos");
}

/* GET /honorarios/recebimentos/exportar: the filtered list as CSV or XLSX, streamed. A
 * refused filter is refused here too (never a wider export). */
int recebimentos_exportar_get(struct request *r, const struct form *in)
{
	struct filter f;
	memset(&f, 0, sizeof f);
	int rc = build(r, in, &f);
	if (rc == 0 && (f.refused || form_error(in, "formato"))) {
		filter_free(&f);
		return page_error(r, 400, "Filtro ou formato inválido: volte à lista e corrija o filtro.");
	}
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "SELECT c.name, c.document, DATE_FORMAT(f.competencia, '%m/%Y'), "
	       FEE_LABEL_SQL("f.") ","
	       " DATE_FORMAT(f.due_date, '%d/%m/%Y'), f.amount, f.paid, f.status, f.due_date < ?,"
	       " DATE_FORMAT(f.paid_on, '%d/%m/%Y'), f.id"
	       " FROM fees f JOIN clients c ON c.id = f.client_id WHERE f.office_id = ?",
	       sb_str(&f.where), " ORDER BY f.due_date, f.id");
	struct db_stmt *st = rc == 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (st) {
		db_bind_str(st, 0, f.today);
		db_bind_i64(st, 1, r->office.id);
		bind_filter(st, 2, &f);
	}
	rc = st ? db_exec_stream(st) : -1;
	filter_free(&f);
	if (rc < 0)
		return -1;
	static const char *const names[] = { "cliente", "documento", "competencia", "descricao",
					     "vencimento", "valor", "pago", "em_aberto", "situacao",
					     "recebido_em", "numero" };
	static const char *const labels[] = { "Cliente", "CPF/CNPJ", "Competência", "Descrição",
					      "Vencimento", "Valor (R$)", "Pago (R$)",
					      "Em aberto (R$)", "Situação", "Recebido em", "Nº" };
	bool xlsx = !strcmp(form_get(in, "formato"), "xlsx");
	struct exporter *e = export_begin(r, xlsx ? EXPORT_XLSX : EXPORT_CSV, "recebimentos",
					  "recebimentos", "honorario", names, labels, 11);
	if (!e) {
		while (db_fetch(st) > 0)
			;
		return -1;
	}
	int got;
	rc = 0;
	while ((got = db_fetch(st)) > 0) {
		char doc[32] = "", amount[MONEY_FMT_MAX], paid[MONEY_FMT_MAX], open[MONEY_FMT_MAX];
		if (db_col(st, 1) && *db_col(st, 1))
			doc_format(db_col(st, 1), doc, sizeof doc);
		const char *status = db_col(st, 7) ? db_col(st, 7) : "";
		bool unpaid = fee_unpaid_status(status);
		money_format(db_col_i64(st, 5), false, amount, sizeof amount);
		money_format(db_col_i64(st, 6), false, paid, sizeof paid);
		money_format(unpaid ? db_col_i64(st, 5) - db_col_i64(st, 6) : 0, false, open, sizeof open);
		const char *cells[] = { db_col(st, 0), doc, db_col(st, 2), db_col(st, 3), db_col(st, 4),
					amount, paid, open,
					fee_status_label(status, unpaid && db_col_i64(st, 8)),
					db_col(st, 9) ? db_col(st, 9) : "", db_col(st, 10) };
		if (rc == 0 && export_row(e, cells) < 0)
			rc = -1;   /* keep fetching: the connection must reach the end */
	}
	if (got < 0)
		rc = -1;
	if (export_end(e) < 0)
		rc = -1;
	return r->responded ? 0 : rc;
}
