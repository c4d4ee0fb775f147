#include "sheet/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/log.h"
#include "web/response.h"
#include "base/strbuf.h"

#define FLUSH_AT 65536

struct exporter {
	struct request *r;
	enum export_format f;
	const char *const *names;
	const char *item;
	const char *root;
	size_t ncols;
	struct strbuf buf;       /* CSV and XML: flushed every FLUSH_AT bytes */
	lxw_workbook *wb;        /* XLSX: written to a temporary file, sent at the end */
	lxw_worksheet *ws;
	char *path;
	char *filename;
	lxw_row_t row;
	bool failed;
};

bool export_formula_like(const char *cell)
{
	return cell && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
			cell[0] == '\t' || cell[0] == '\r');
}

int export_csv_field(struct strbuf *out, const char *cell)
{
	if (!cell)
		cell = "";
	bool formula = export_formula_like(cell);
	bool quote = formula || strpbrk(cell, ";\"\r\n") != NULL;
	int rc = 0;
	if (quote)
		rc |= sb_putc(out, '"');
	if (formula)
		rc |= sb_putc(out, '\'');
	for (const char *p = cell; *p; p++) {
		if (*p == '"')
			rc |= sb_putc(out, '"');
		rc |= sb_putc(out, *p);
	}
	if (quote)
		rc |= sb_putc(out, '"');
	return rc ? -1 : 0;
}

int export_xml_text(struct strbuf *out, const char *cell)
{
	return sb_xml(out, cell);
}

static int flush(struct exporter *e, bool force)
{
	if (e->buf.len < FLUSH_AT && !force)
		return 0;
	int rc = response_stream_write(e->r, sb_str(&e->buf), e->buf.len);
	sb_reset(&e->buf);
	return rc;
}

static int start_xlsx(struct exporter *e, const char *const *labels)
{
	char tmpl[] = "/tmp/portal-export-XXXXXX";
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return -1;
	close(fd);
	e->path = strdup(tmpl);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = "/tmp" };
	e->wb = e->path ? workbook_new_opt(e->path, &opt) : NULL;
	e->ws = e->wb ? workbook_add_worksheet(e->wb, "Clientes") : NULL;
	if (!e->ws)
		return -1;
	lxw_format *bold = workbook_add_format(e->wb);
	format_set_bold(bold);
	for (size_t i = 0; i < e->ncols; i++)
		if (worksheet_write_string(e->ws, 0, (lxw_col_t)i, labels[i], bold) != LXW_NO_ERROR)
			return -1;
	worksheet_freeze_panes(e->ws, 1, 0);
	e->row = 1;
	return 0;
}

struct exporter *export_begin(struct request *r, enum export_format f, const char *basename,
			      const char *root, const char *item, const char *const *names,
			      const char *const *labels, size_t ncols)
{
	struct exporter *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	*e = (struct exporter){ .r = r, .f = f, .names = names, .ncols = ncols, .item = item,
				.root = root };
	struct strbuf fname = STRBUF_INIT;
	sb_printf(&fname, "%s.%s", basename, f == EXPORT_CSV ? "csv" : f == EXPORT_XML ? "xml" : "xlsx");
	int rc = 0;
	if (f == EXPORT_XLSX) {
		rc = start_xlsx(e, labels);
	} else if (f == EXPORT_CSV) {
		rc = response_stream_begin(r, "text/csv; charset=utf-8", sb_str(&fname));
		sb_puts(&e->buf, "\xEF\xBB\xBF");  /* the BOM: Excel reads UTF-8 only with it */
		for (size_t i = 0; i < ncols; i++) {
			if (i)
				sb_putc(&e->buf, ';');
			export_csv_field(&e->buf, labels[i]);
		}
		sb_puts(&e->buf, "\r\n");
	} else {
		rc = response_stream_begin(r, "application/xml; charset=utf-8", sb_str(&fname));
		sb_printf(&e->buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s>\n", root);
	}
	e->filename = sb_detach(&fname);
	if (rc < 0 || !e->filename) {
		e->failed = true;
		export_end(e);
		return NULL;
	}
	return e;
}

int export_row(struct exporter *e, const char *const *cells)
{
	if (e->failed)
		return -1;
	if (e->f == EXPORT_XLSX) {
		/* Strings stay strings: a cell is never written as a formula or a number. */
		for (size_t i = 0; i < e->ncols; i++)
			if (cells[i] && *cells[i] &&
			    worksheet_write_string(e->ws, e->row, (lxw_col_t)i, cells[i], NULL) != LXW_NO_ERROR)
				e->failed = true;
		e->row++;
		return e->failed ? -1 : 0;
	}
	if (e->f == EXPORT_CSV) {
		for (size_t i = 0; i < e->ncols; i++) {
			if (i)
				sb_putc(&e->buf, ';');
			export_csv_field(&e->buf, cells[i]);
		}
		sb_puts(&e->buf, "\r\n");
	} else {
		sb_printf(&e->buf, "  <%s>\n", e->item);
		for (size_t i = 0; i < e->ncols; i++) {
			sb_printf(&e->buf, "    <%s>", e->names[i]);
			export_xml_text(&e->buf, cells[i]);
			sb_printf(&e->buf, "</%s>\n", e->names[i]);
		}
		sb_printf(&e->buf, "  </%s>\n", e->item);
	}
	if (flush(e, false) < 0)
		e->failed = true;
	return e->failed ? -1 : 0;
}

/* Sends the finished workbook file. */
static int send_xlsx(struct exporter *e)
{
	FILE *f = fopen(e->path, "rb");
	if (!f)
		return -1;
	int rc = response_stream_begin(e->r,
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", e->filename);
	char chunk[65536];
	size_t n;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = response_stream_write(e->r, chunk, n);
	fclose(f);
	return rc;
}

int export_end(struct exporter *e)
{
	int rc = e->failed ? -1 : 0;
	if (e->f == EXPORT_XLSX) {
		if (e->wb && workbook_close(e->wb) != LXW_NO_ERROR)
			rc = -1;
		if (rc == 0)
			rc = send_xlsx(e);
		if (e->path)
			unlink(e->path);
		free(e->path);
	} else if (!e->failed) {
		if (e->f == EXPORT_XML)
			sb_printf(&e->buf, "</%s>\n", e->root);
		rc = flush(e, true);
	}
	if (rc < 0)
		log_error(e->r->request_id, "export: failed");
	sb_free(&e->buf);
	free(e->filename);
	free(e);
	return rc;
}
