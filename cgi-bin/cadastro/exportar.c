/* GET /clientes/exportar: the current search, filters or selection as CSV, XLSX or XML,
 * with the fields the user picks, streamed row by row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "busca.h"
#include "cadastro.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "sheet/export.h"
#include "memo.h"
#include "web/page.h"
#include "base/strbuf.h"

static const char *const formats[] = { "csv", "xlsx", "xml", NULL };

const struct form_rule exportar_rules[] = {
	QUERY_RULES,
	ORDER_RULE,
	{ "formato", FORM_CHOICE, false, 0, "Formato", 0, 0, formats },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

#define IDS_MAX 5000

#define MAX_COLS (CLIENT_NCOLS + CUSTOM_MAX)

static bool asked(struct request *r, const char *field)
{
	for (size_t k = 0; k < r->query.n; k++)
		if (!strcmp(r->query.v[k].name, "campos") && !strcmp(r->query.v[k].value, field))
			return true;
	return false;
}

/* The columns asked for (campos=nome&campos=extra_7...), in the record's order, then
 * the custom attributes (coded -1 - k); all when none is named. */
static size_t chosen_columns(struct request *r, const struct custom_set *extra, int *cols)
{
	size_t n = 0;
	char name[32];
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (asked(r, client_cols[i].field))
			cols[n++] = i;
	for (size_t k = 0; k < extra->n; k++) {
		snprintf(name, sizeof name, "extra_%lld", (long long)extra->f[k].id);
		if (asked(r, name))
			cols[n++] = -1 - (int)k;
	}
	if (n == 0) {
		for (int i = 0; i < CLIENT_NCOLS; i++)
			cols[n++] = i;
		for (size_t k = 0; k < extra->n; k++)
			cols[n++] = -1 - (int)k;
	}
	return n;
}

/* Checked rows (ids=...) restrict the export to them: one parameter, a JSON array of the
 * ids, read as a table (any number of ids, each record found by its key). */
static int selected_ids(struct request *r, struct query *q)
{
	size_t n = 0;
	int64_t id;
	struct strbuf list = STRBUF_INIT;
	for (size_t k = 0; (id = fields_next_id(&r->query, "ids", &k));) {
		if (++n > IDS_MAX) {
			sb_free(&list);
			return -1;
		}
		sb_printf(&list, "%s%lld", n == 1 ? "[" : ",", (long long)id);
	}
	if (n) {
		sb_putc(&list, ']');
		sb_puts(&q->where, " AND c.id IN (SELECT id FROM JSON_TABLE(?, '$[*]'"
			" COLUMNS (id BIGINT UNSIGNED PATH '$')) j)");
		query_add_str(q, sb_str(&list));
	}
	sb_free(&list);
	return 0;
}

static struct strbuf select_cols = STRBUF_INIT;

static int stream(struct request *r, const struct form *in, const struct custom_set *extra);

/* The fields an export can carry, for its form: the record's and the office's own. */
static void export_fields(struct request *r, const struct custom_set *extra)
{
	struct strbuf key = STRBUF_INIT, name = STRBUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < CLIENT_NCOLS + extra->n; i++, n++) {
		sb_reset(&name);
		if (i < CLIENT_NCOLS)
			sb_puts(&name, client_cols[i].field);
		else
			sb_printf(&name, "extra_%lld", (long long)extra->f[i - CLIENT_NCOLS].id);
		sb_reset(&key);
		sb_printf(&key, "ExportFields.%zu.field", n);
		page_set(r, key.buf, sb_str(&name));
		sb_reset(&key);
		sb_printf(&key, "ExportFields.%zu.label", n);
		page_set(r, key.buf, i < CLIENT_NCOLS ? client_cols[i].label
						      : extra->f[i - CLIENT_NCOLS].name);
	}
	sb_free(&key);
	sb_free(&name);
}

/* Without a format: the page to choose it and the fields, for the list's search. */
static int options(struct request *r, const struct form *in, const struct custom_set *extra)
{
	export_fields(r, extra);
	for (size_t i = 0; i < in->n; i++) {
		if (!in->value[i] || !*in->value[i] || !strcmp(in->rules[i].name, "formato"))
			continue;
		struct strbuf key = STRBUF_INIT;
		sb_printf(&key, "Args.%s", in->rules[i].name);
		page_set(r, key.buf, in->value[i]);
		sb_free(&key);
	}
	/* So do the custom filters. */
	struct custom_filter cf[CUSTOM_FILTERS_MAX];
	size_t ncf = query_custom_filters(r, cf, CUSTOM_FILTERS_MAX);
	for (size_t k = 0; k < ncf; k++) {
		struct strbuf key = STRBUF_INIT;
		sb_printf(&key, "Args.campo_%lld", (long long)cf[k].field);
		page_set(r, key.buf, cf[k].value);
		sb_free(&key);
	}
	/* The checked rows of a bulk "Exportar" ride along as ids. */
	size_t n = 0;
	int64_t id;
	char key[32];
	for (size_t k = 0; n < IDS_MAX && (id = fields_next_id(&r->query, "ids", &k));) {
		snprintf(key, sizeof key, "Ids.%zu", n++);
		page_set_int(r, key, id);
	}
	page_set_int(r, "IdsCount", (int64_t)n);
	return page_render(r, 200, "exportar.cs", "Exportar clientes");
}


int exportar_get(struct request *r, const struct form *in)
{
	int refused = query_refused_page(r, in);
	if (refused)
		return refused < 0 ? -1 : 0;
	struct custom_set extra;
	int rc = custom_load_defs(r, &extra) < 0 ? -1
		 : *form_get(in, "formato") ? stream(r, in, &extra) : options(r, in, &extra);
	custom_free(&extra);
	return rc;
}

static int stream(struct request *r, const struct form *in, const struct custom_set *extra)
{
	const char *fmt = form_get(in, "formato");
	enum export_format f = !strcmp(fmt, "xlsx") ? EXPORT_XLSX : !strcmp(fmt, "xml") ? EXPORT_XML
											 : EXPORT_CSV;
	int cols[MAX_COLS];
	size_t ncols = chosen_columns(r, extra, cols);
	const char *names[MAX_COLS], *labels[MAX_COLS];
	char xml_names[CUSTOM_MAX][32];
	for (size_t i = 0; i < ncols; i++) {
		if (cols[i] >= 0) {
			names[i] = client_cols[cols[i]].field;
			labels[i] = client_cols[cols[i]].label;
		} else {
			const struct custom_field *cf = &extra->f[-1 - cols[i]];
			snprintf(xml_names[-1 - cols[i]], sizeof xml_names[0], "extra_%lld", (long long)cf->id);
			names[i] = xml_names[-1 - cols[i]];
			labels[i] = cf->name;
		}
	}
	struct query q;
	memset(&q, 0, sizeof q);
	query_build(r, in, false, &q);
	if (selected_ids(r, &q) < 0) {
		query_free(&q);
		return page_error(r, 413, "Selecione no máximo 5.000 cadastros, ou exporte a busca inteira.");
	}
	/* The responsável goes out by name: an id means nothing in a spreadsheet. */
	if (!select_cols.len)
		for (int i = 0; i < CLIENT_NCOLS; i++)
			SB_CAT(&select_cols, i ? ", " : "",
			       i == CL_RESPONSIBLE ? "(SELECT s.name FROM staff_users s WHERE s.id = c." : "c.",
			       client_cols[i].column, i == CL_RESPONSIBLE ? ")" : "");
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "SELECT ", sb_str(&select_cols));   /* our column names; values bound */
	/* One value per custom attribute (their ids are ours, numbers). */
	for (size_t k = 0; k < extra->n; k++)
		sb_printf(&sql, ", (SELECT v.value FROM client_custom_values v WHERE v.client_id = c.id"
			  " AND v.field_id = %lld)", (long long)extra->f[k].id);
	SB_CAT(&sql, " FROM clients c WHERE c.office_id = ?", sb_str(&q.where),
	       query_order(form_get(in, "ordem")));
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st) {
		query_free(&q);
		return -1;
	}
	query_bind(st, &q);
	int ex = db_exec_stream(st);  /* the bound values live in q until it has run */
	query_free(&q);
	if (ex < 0)
		return -1;
	struct exporter *e = export_begin(r, f, "clientes", "cadastros", "cadastro", names, labels, ncols);
	if (!e) {
		while (db_fetch(st) > 0)
			;
		return -1;
	}
	struct client c;
	memset(&c, 0, sizeof c);
	char *shown[MAX_COLS] = { NULL };
	const char *cells[MAX_COLS];
	int got, rc = 0;
	while ((got = db_fetch(st)) > 0) {
		for (int i = 0; i < CLIENT_NCOLS; i++)
			c.v[i] = (char *)(db_col(st, (unsigned)i) ? db_col(st, (unsigned)i) : "");
		for (size_t i = 0; i < ncols; i++) {
			if (cols[i] >= 0) {
				cells[i] = client_display(&c, cols[i], &shown[i]);
			} else {
				unsigned k = (unsigned)(-1 - cols[i]);
				cells[i] = custom_display(&extra->f[k], db_col(st, CLIENT_NCOLS + k), &shown[i]);
			}
		}
		if (rc == 0 && export_row(e, cells) < 0)
			rc = -1;  /* keep fetching: the connection must reach the end of the rows */
	}
	for (size_t i = 0; i < ncols; i++)
		free(shown[i]);
	if (got < 0)
		rc = -1;
	if (export_end(e) < 0)
		rc = -1;
	/* Once the download began, a failure can only be logged (the status was sent). */
	return r->responded ? 0 : rc;
}
