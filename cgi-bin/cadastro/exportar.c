/* GET /clientes/exportar: the current search, filters or selection as CSV, XLSX or XML,
 * with the fields the user picks, streamed row by row. */
#include <stdlib.h>
#include <string.h>

#include "busca.h"
#include "cadastro.h"
#include "db.h"
#include "export.h"
#include "page.h"
#include "strbuf.h"

const struct form_rule exportar_rules[] = {
	QUERY_RULES,
	{ "ordem", FORM_TEXT, false, 10, "Ordem", 0, 0 },
	{ "formato", FORM_TEXT, false, 4, "Formato", 0, 0 },
	{ NULL, 0, false, 0, NULL, 0, 0 },
};

#define IDS_MAX 5000

/* The columns asked for (campos=nome&campos=email...), in the record's order; all when
 * none is named. Unknown names are ignored. */
static size_t chosen_columns(struct request *r, int *cols)
{
	size_t n = 0;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		for (size_t k = 0; k < r->query.n; k++)
			if (!strcmp(r->query.v[k].name, "campos") &&
			    !strcmp(r->query.v[k].value, client_cols[i].field)) {
				cols[n++] = i;
				break;
			}
	if (n == 0)
		for (int i = 0; i < CLIENT_NCOLS; i++)
			cols[n++] = i;
	return n;
}

/* Checked rows (ids=...) restrict the export to them. */
static int selected_ids(struct request *r, struct query *q)
{
	size_t n = 0;
	for (size_t k = 0; k < r->query.n; k++) {
		if (strcmp(r->query.v[k].name, "ids") != 0)
			continue;
		char *end;
		long long id = strtoll(r->query.v[k].value, &end, 10);
		if (*end || id <= 0)
			continue;
		if (++n > IDS_MAX)
			return -1;
		sb_puts(&q->where, n == 1 ? " AND c.id IN (?" : ", ?");
		query_add_int(q, id);
	}
	if (n)
		sb_puts(&q->where, ")");
	return 0;
}

static struct strbuf select_cols = STRBUF_INIT;

int exportar_get(struct request *r, const struct form *in)
{
	const char *fmt = form_get(in, "formato");
	enum export_format f = !strcmp(fmt, "xlsx") ? EXPORT_XLSX : !strcmp(fmt, "xml") ? EXPORT_XML
											 : EXPORT_CSV;
	int cols[CLIENT_NCOLS];
	size_t ncols = chosen_columns(r, cols);
	const char *names[CLIENT_NCOLS], *labels[CLIENT_NCOLS];
	for (size_t i = 0; i < ncols; i++) {
		names[i] = client_cols[cols[i]].field;
		labels[i] = client_cols[cols[i]].label;
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
			sb_printf(&select_cols, i == CL_RESPONSIBLE
				  ? "%s(SELECT s.name FROM staff_users s WHERE s.id = c.%s)" : "%sc.%s",
				  i ? ", " : "", client_cols[i].column);
	struct strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "SELECT %s FROM clients c WHERE c.office_id = ?%s%s", sb_str(&select_cols),
		  sb_str(&q.where), query_order(form_get(in, "ordem")));
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
	char *shown[CLIENT_NCOLS] = { NULL };
	const char *cells[CLIENT_NCOLS];
	int got, rc = 0;
	while ((got = db_fetch(st)) > 0) {
		for (int i = 0; i < CLIENT_NCOLS; i++)
			c.v[i] = (char *)(db_col(st, (unsigned)i) ? db_col(st, (unsigned)i) : "");
		for (size_t i = 0; i < ncols; i++)
			cells[i] = client_display(&c, cols[i], &shown[i]);
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
