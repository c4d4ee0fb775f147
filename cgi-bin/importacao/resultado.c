/* /importacao/N/resultado: the result file — every row of the file as it was, after its
 * line (or sheet row) number, with what the import did to it and why (CSV, or XLSX when
 * the file was XLSX). The rejected rows fixed in it and the file sent again: the rows
 * already in come out "inalterado", and its result columns are replaced, not added. Also
 * /importacao/modelo: the template, our headers and one example row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importacao.h"
#include "base/db.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "importacao/importfile.h"
#include "sheet/export.h"
#include "web/page.h"

static const char *const formats[] = { "csv", "xlsx", NULL };

const struct form_rule resultado_rules[] = {
	{ "formato", FORM_CHOICE, false, 0, "Formato", 0, 0, formats },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
const struct form_rule modelo_rules[] = {
	{ "formato", FORM_CHOICE, false, 0, "Formato", 0, 0, formats },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char rows_sql[] =
	"SELECT line, status, corrected, message, undo_state, undo_note FROM import_rows"
	" WHERE import_id = ? AND phase = ? AND line > ? ORDER BY line LIMIT 1000";

#define RESULT_MAX_COLS 203

/* The columns the result file adds: a file of ours sent back has them already. */
static const char line_label[] = "Linha";
static const char status_label[] = "Resultado da importação";
static const char why_label[] = "Motivo";

struct result {
	struct request *r;
	const struct import *im;
	struct exporter *e;
	struct db_stmt *st;      /* the current page of import_rows */
	bool have;               /* st holds a fetched row */
	bool end;                /* no more import_rows */
	int64_t after;           /* the last line fetched */
	size_t ncols;            /* the header row's cells copied */
	size_t first;            /* the first of them: 1 past our own "Linha" column */
	bool header_done;
	bool failed;
	char *names[RESULT_MAX_COLS];
	const char *labels[RESULT_MAX_COLS];
};

/* Moves to the import_rows row of line (or past it). */
static int seek(struct result *u, size_t line)
{
	for (;;) {
		if (u->have && db_col_i64(u->st, 0) >= (int64_t)line)
			return 0;
		if (u->end)
			return 0;
		int got = u->st ? db_fetch(u->st) : 0;
		if (got < 0)
			return -1;
		if (got > 0) {
			u->have = true;
			u->after = db_col_i64(u->st, 0);
			continue;
		}
		/* This page is read: the next one. */
		u->have = false;
		u->st = db_prepare(u->r->db, rows_sql);
		if (!u->st)
			return -1;
		db_bind_i64(u->st, 0, u->im->id);
		db_bind_i64(u->st, 1, u->im->phase);
		db_bind_i64(u->st, 2, u->after);
		if (db_exec(u->st) < 0)
			return -1;
		got = db_fetch(u->st);
		if (got < 0)
			return -1;
		if (got == 0) {
			u->end = true;
			return 0;
		}
		u->have = true;
		u->after = db_col_i64(u->st, 0);
	}
}

static int result_row(void *ctx, size_t line, const char *const *cells, const size_t *lens,
		      size_t ncells)
{
	(void)lens;
	struct result *u = ctx;
	if (!u->header_done) {
		u->header_done = true;
		/* A result file sent again: its own line and result columns are left out (its
		 * rows' results are this import's now), so they are not there twice. */
		size_t n = ncells;
		if (n >= 2 && !strcmp(cells[n - 2], status_label) && !strcmp(cells[n - 1], why_label)) {
			n -= 2;
			if (n >= 1 && !strcmp(cells[0], line_label))
				u->first = 1;
		}
		n -= u->first;
		u->ncols = n < RESULT_MAX_COLS - 3 ? n : RESULT_MAX_COLS - 3;
		u->labels[0] = line_label;
		for (size_t i = 0; i < u->ncols; i++) {
			u->labels[i + 1] = u->names[i] = strdup(cells[u->first + i]);
			if (!u->names[i]) {
				u->failed = true;
				return 1;
			}
		}
		u->labels[u->ncols + 1] = status_label;
		u->labels[u->ncols + 2] = why_label;
		u->e = export_begin(u->r, !strcmp(u->im->format, "xlsx") ? EXPORT_XLSX : EXPORT_CSV,
				    "resultado-importacao", "linhas", "linha", u->labels, u->labels,   /* no XML */
				    u->ncols + 3);
		if (!u->e) {
			u->failed = true;
			return 1;
		}
		return 0;
	}
	if (seek(u, line) < 0) {
		u->failed = true;
		return 1;
	}
	const char *out[RESULT_MAX_COLS];
	char line_text[24];
	snprintf(line_text, sizeof line_text, "%zu", line);
	out[0] = line_text;
	for (size_t i = 0; i < u->ncols; i++)
		out[i + 1] = u->first + i < ncells ? cells[u->first + i] : "";
	const char *status = "", *why = "";
	struct strbuf status_buf = STRBUF_INIT;
	if (u->have && db_col_i64(u->st, 0) == (int64_t)line) {
		status = db_col(u->st, 1);
		why = db_col(u->st, 3);
		if (db_col_i64(u->st, 2) && strcmp(status, "rejeitado"))
			status = "corrigido";
		/* The undo: a row undone, or one whose record was left alone, and why. */
		const char *undo = db_col(u->st, 4);
		if (!strcmp(undo, "desfeito"))
			sb_printf(&status_buf, "%s (desfeito)", status);
		else if (!strcmp(undo, "mantido"))
			sb_printf(&status_buf, "%s (mantido: %s)", status,
				  *db_col(u->st, 5) ? db_col(u->st, 5) : "alterado depois da importação");
		if (status_buf.len)
			status = sb_str(&status_buf);
	}
	out[u->ncols + 1] = status;
	out[u->ncols + 2] = why;
	int rc = export_row(u->e, out);
	sb_free(&status_buf);
	if (rc < 0) {
		u->failed = true;
		return 1;
	}
	return 0;
}

int resultado_get(struct request *r, const struct form *in)
{
	(void)in;
	struct import im;
	int got = import_load(r, r->path_id, &im);
	if (got <= 0)
		return got;
	int rc = -1;
	unsigned char *data = NULL;
	size_t len = 0;
	struct result *u = calloc(1, sizeof *u);
	if (!u)
		goto out;
	if (strcmp(im.status, "done") && strcmp(im.status, "undone") && strcmp(im.status, "checked")) {
		rc = page_error(r, 409, "O resultado fica pronto quando a importação termina.");
		goto out;
	}
	if (importfile_load(r->db, r->office.id, im.file_id, &data, &len) <= 0)
		goto out;
	u->r = r;
	u->im = &im;
	struct importfile_format f;
	memset(&f, 0, sizeof f);
	f.xlsx = !strcmp(im.format, "xlsx");
	f.encoding_set = importfile_encoding_parse(im.encoding, &f.encoding);
	f.delimiter = im.delimiter[0];
	f.sheet = (size_t)im.sheet;
	struct strbuf err = STRBUF_INIT;
	int read = importfile_read(data, len, &f, result_row, u, NULL, &err);
	sb_free(&err);
	if (u->e) {
		rc = export_end(u->e);
		if (read < 0 || u->failed)
			rc = -1;
	}
out:
	if (u)
		for (size_t i = 0; i < u->ncols; i++)
			free(u->names[i]);
	free(u);
	free(data);
	import_free(&im);
	return rc;
}

/* The template: the registry's fields as our export names them, the office's custom
 * attributes, tags, and one example row that imports as it is. */
int modelo_get(struct request *r, const struct form *in)
{
	const char *fmt = form_get(in, "formato");
	enum export_format f = fmt && !strcmp(fmt, "xlsx") ? EXPORT_XLSX : EXPORT_CSV;
	struct custom_set defs;
	if (custom_load_defs(r, &defs) < 0)
		return -1;
	static const char *const example[CLIENT_NCOLS] = {
		[CL_KIND] = "PJ", [CL_NAME] = "Padaria Pão Quente Ltda",
		[CL_TRADE_NAME] = "Pão Quente", [CL_DOCUMENT] = "11.222.333/0001-81",
		[CL_REGIME] = "Simples Nacional", [CL_BIRTH] = "15/03/2010",
		[CL_EMAIL] = "contato@paoquente.com.br", [CL_PHONE_WORK] = "(11) 3333-4444",
		[CL_PHONE_MOBILE] = "(11) 98888-7777", [CL_CEP] = "01310-100",
		[CL_STREET] = "Avenida Paulista", [CL_NUMBER] = "1000", [CL_DISTRICT] = "Bela Vista",
		[CL_CITY] = "São Paulo", [CL_UF] = "SP", [CL_CONTACT] = "Maria Souza",
		[CL_IS_CLIENT] = "Sim", [CL_IS_SUPPLIER] = "Não", [CL_IS_PROVIDER] = "Não",
		[CL_IS_PROSPECT] = "Não", [CL_ACTIVE] = "Sim",
	};
	const char *labels[CLIENT_NCOLS + CUSTOM_MAX + 1], *names[CLIENT_NCOLS + CUSTOM_MAX + 1];
	const char *row[CLIENT_NCOLS + CUSTOM_MAX + 1];
	size_t n = 0;
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		if (i == CL_RESPONSIBLE)
			continue;
		labels[n] = client_cols[i].label;
		names[n] = client_cols[i].field;
		row[n++] = example[i] ? example[i] : "";
	}
	for (size_t i = 0; i < defs.n; i++) {
		labels[n] = defs.f[i].name;
		names[n] = "campo";
		row[n++] = "";
	}
	labels[n] = "Etiquetas";
	names[n] = "etiquetas";
	row[n++] = "Novos clientes";
	struct exporter *e = export_begin(r, f, "modelo-importacao-clientes", "cadastros",
					  "cadastro", names, labels, n);
	int rc = e && export_row(e, row) == 0 ? export_end(e) : -1;
	custom_free(&defs);
	return rc;
}
