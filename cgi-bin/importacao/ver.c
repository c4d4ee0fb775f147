/* /importacao/N: one import, as far as it got — the mapping (its first rows as they will
 * be read, each column's target, the options) and, once checked, the preview; the
 * progress while the worker has it; the result and the undo at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importacao.h"
#include "base/db.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "importacao/colmap.h"
#include "importacao/importfile.h"
#include "importacao/mapping.h"
#include "sheet/xlsxread.h"
#include "web/page.h"

#define SAMPLE_ROWS 5

struct sample {
	struct request *r;
	size_t rows;     /* rows handed over, the header included */
	size_t ncols;    /* the header row's cells */
};

static int sample_row(void *ctx, size_t line, const char *const *cells, const size_t *lens,
		      size_t ncells)
{
	(void)lens;
	struct sample *s = ctx;
	char key[64];
	if (s->rows == 0) {
		s->ncols = ncells;
		for (size_t i = 0; i < ncells; i++) {
			snprintf(key, sizeof key, "Columns.%zu.header", i);
			page_set(s->r, key, cells[i]);
		}
	} else {
		snprintf(key, sizeof key, "Samples.%zu.line", s->rows);
		page_set_int(s->r, key, (int64_t)line);
		for (size_t i = 0; i < s->ncols; i++) {
			snprintf(key, sizeof key, "Samples.%zu.cells.%zu", s->rows, i);
			/* A long cell is shown cut: the page shows the shape, not the whole value. */
			char cut[81];
			const char *v = i < ncells ? cells[i] : "";
			size_t n = strlen(v);
			if (n > 80) {
				n = 77;
				while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
					n--;
				snprintf(cut, sizeof cut, "%.*s…", (int)n, v);
				v = cut;
			}
			page_set(s->r, key, v);
		}
	}
	return ++s->rows > SAMPLE_ROWS;
}

/* The targets a column may take, for the selects. */
static void targets_to_page(struct request *r, const struct custom_set *defs)
{
	size_t n = 0;
	char key[48];
	struct strbuf v = STRBUF_INIT;
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		snprintf(key, sizeof key, "Targets.%zu.value", n);
		sb_reset(&v);
		SB_CAT(&v, "f:", client_cols[i].field);
		page_set(r, key, sb_str(&v));
		snprintf(key, sizeof key, "Targets.%zu.label", n++);
		page_set(r, key, client_cols[i].label);
	}
	for (size_t i = 0; i < defs->n; i++) {
		snprintf(key, sizeof key, "Targets.%zu.value", n);
		sb_reset(&v);
		sb_printf(&v, "x:%lld", (long long)defs->f[i].id);
		page_set(r, key, sb_str(&v));
		snprintf(key, sizeof key, "Targets.%zu.label", n++);
		page_set(r, key, defs->f[i].name);
	}
	static const char *const more[][2] = { { "etiquetas", "Etiquetas" },
					       { "tipos", "Tipos de cadastro (lista)" } };
	for (size_t i = 0; i < 2; i++) {
		snprintf(key, sizeof key, "Targets.%zu.value", n);
		page_set(r, key, more[i][0]);
		snprintf(key, sizeof key, "Targets.%zu.label", n++);
		page_set(r, key, more[i][1]);
	}
	sb_free(&v);
}

/* Each column's target (text and label), and the fields an update may change. */
static void mapping_to_page(struct request *r, const struct import *im,
			    const struct custom_set *defs, size_t ncols)
{
	struct colmap_target *map = calloc(ncols ? ncols : 1, sizeof *map);
	if (!map)
		return;
	mapping_parse(im->mapping, defs, map, ncols);
	const char *names[CUSTOM_MAX];
	for (size_t i = 0; i < defs->n; i++)
		names[i] = defs->f[i].name;
	struct strbuf t = STRBUF_INIT, allowed = STRBUF_INIT;
	SB_CAT(&allowed, ",", im->update_fields, ",");
	char key[48];
	size_t nu = 0, unmapped = 0;
	for (size_t i = 0; i < ncols; i++) {
		sb_reset(&t);
		mapping_put(&t, &map[i], defs);
		snprintf(key, sizeof key, "Columns.%zu.target", i);
		page_set(r, key, sb_str(&t));
		snprintf(key, sizeof key, "Columns.%zu.label", i);
		page_set(r, key, colmap_label(&map[i], names, defs->n));
		if (map[i].kind == COLMAP_SECRET) {
			snprintf(key, sizeof key, "Columns.%zu.secret", i);
			page_set(r, key, "1");
		}
		if (map[i].kind == COLMAP_NONE)
			unmapped++;
		if (map[i].kind == COLMAP_NONE || map[i].kind == COLMAP_SECRET ||
		    map[i].kind == COLMAP_TYPES)
			continue;
		snprintf(key, sizeof key, "UpdateFields.%zu.value", nu);
		page_set(r, key, sb_str(&t));
		snprintf(key, sizeof key, "UpdateFields.%zu.label", nu);
		page_set(r, key, colmap_label(&map[i], names, defs->n));
		struct strbuf probe = STRBUF_INIT;
		SB_CAT(&probe, ",", sb_str(&t), ",");
		bool on = !im->update_fields[0] || strstr(sb_str(&allowed), sb_str(&probe));
		sb_free(&probe);
		snprintf(key, sizeof key, "UpdateFields.%zu.checked", nu++);
		page_set(r, key, on ? "1" : "");
	}
	page_set_int(r, "Mapping.unmapped", (int64_t)unmapped);
	sb_free(&t);
	sb_free(&allowed);
	free(map);
}

static const char staff_sql[] =
	"SELECT id, name FROM staff_users WHERE office_id = ? AND active ORDER BY name LIMIT 500";
static const char rejected_sql[] =
	"SELECT line, message, status FROM import_rows WHERE import_id = ? AND phase = ?"
	" AND (status = 'rejeitado' OR message <> '')"
	" ORDER BY status = 'rejeitado' DESC, line LIMIT 200";
/* The records the undo left alone: who changed them since, and a link to each. */
static const char kept_sql[] =
	"SELECT r.line, r.client_id, c.name, r.undo_note FROM import_rows r"
	" LEFT JOIN clients c ON c.id = r.client_id AND c.office_id = ?"
	" WHERE r.import_id = ? AND r.phase = ? AND r.undo_state = 'mantido' ORDER BY r.line LIMIT 200";
static const char same_file_sql[] =
	"SELECT DATE_FORMAT(CONVERT_TZ(i.finished_at, '+00:00', '-03:00'), '%d/%m/%Y'), i.actor"
	" FROM imports i JOIN import_files f ON f.id = i.file_id"
	" WHERE f.office_id = ? AND f.sha256 = (SELECT sha256 FROM import_files WHERE id = ?)"
	" AND i.id <> ? AND i.status = 'done' ORDER BY i.id DESC LIMIT 1";

static int staff_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, staff_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		snprintf(key, sizeof key, "Staff.%d.id", n);
		page_set(r, key, db_col(st, 0));
		snprintf(key, sizeof key, "Staff.%d.name", n++);
		page_set(r, key, db_col(st, 1));
	}
	return got < 0 ? -1 : 0;
}

/* The rows of the current pass that were refused or carry a note (a value left out, a
 * document corrected, already in the registry), with line, status and message: the
 * refused ones first, they are what the person has to fix. */
static int rows_to_page(struct request *r, const struct import *im)
{
	struct db_stmt *st = db_prepare(r->db, rejected_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, im->id);
	db_bind_i64(st, 1, im->phase);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		snprintf(key, sizeof key, "Rejected.%d", n++);
		static const char *const names[] = { "line", "message", "status" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2) };
		page_set_many(r, key, names, values, 3);
	}
	return got < 0 ? -1 : 0;
}

static int kept_to_page(struct request *r, const struct import *im)
{
	struct db_stmt *st = db_prepare(r->db, kept_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, im->id);
	db_bind_i64(st, 2, im->phase);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		snprintf(key, sizeof key, "Kept.%d", n++);
		static const char *const names[] = { "line", "id", "name", "why" };
		const char *values[] = { db_col(st, 0), db_col(st, 2) ? db_col(st, 1) : NULL,
					 db_col(st, 2), db_col(st, 3) };
		page_set_many(r, key, names, values, 4);
	}
	return got < 0 ? -1 : 0;
}

static int same_file(struct request *r, const struct import *im)
{
	struct db_stmt *st = db_prepare(r->db, same_file_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, im->file_id);
	db_bind_i64(st, 2, im->id);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0) {
		page_set(r, "SameFile.at", db_col(st, 0));
		page_set(r, "SameFile.actor", db_col(st, 1));
	}
	return got < 0 ? -1 : 0;
}

int mapa_page(struct request *r, const struct import *im, int status)
{
	if (import_to_page(r, im->id) < 0)
		return -1;
	unsigned char *data = NULL;
	size_t len = 0;
	int got = importfile_load(r->db, r->office.id, im->file_id, &data, &len);
	if (got <= 0)
		return -1;
	struct custom_set defs;
	if (custom_load_defs(r, &defs) < 0) {
		free(data);
		return -1;
	}
	struct importfile_format f;
	memset(&f, 0, sizeof f);
	f.xlsx = !strcmp(im->format, "xlsx");
	f.encoding_set = importfile_encoding_parse(im->encoding, &f.encoding);
	f.delimiter = im->delimiter[0];
	f.sheet = (size_t)im->sheet;
	struct sample s = { r, 0, 0 };
	struct strbuf err = STRBUF_INIT, names = STRBUF_INIT;
	if (importfile_read(data, len, &f, sample_row, &s, NULL, &err) < 0 && s.rows == 0)
		page_set(r, "Read.error", sb_str(&err));
	if (f.xlsx) {
		size_t n = 0;
		if (xlsxr_sheets(data, len, &names, &n, NULL) == 0)
			for (size_t i = 0, at = 0; i < n && at < names.len; i++) {
				char key[32];
				snprintf(key, sizeof key, "Sheets.%zu", i);
				page_set(r, key, names.buf + at);
				at += strlen(names.buf + at) + 1;
			}
	}
	free(data);
	sb_free(&err);
	sb_free(&names);
	mapping_to_page(r, im, &defs, s.ncols);
	targets_to_page(r, &defs);
	custom_free(&defs);
	page_set(r, "Options.key_email", im->key_email ? "1" : "");
	page_set(r, "Options.erase", im->erase ? "1" : "");
	page_set(r, "Options.skip_invalid", im->skip_invalid ? "1" : "");
	page_set(r, "Options.restore", im->restore ? "1" : "");
	page_set(r, "Options.active", im->active ? "1" : "0");
	static const char *const types[] = { "cliente", "fornecedor", "prestador", "prospect" };
	for (int i = 0; i < 4; i++) {
		char key[40];
		snprintf(key, sizeof key, "Options.type.%s", types[i]);
		page_set(r, key, strstr(im->types, types[i]) ? "1" : "");
	}
	page_set(r, "Options.tag", im->tag);
	page_set_int(r, "Options.responsible", im->default_responsible);
	page_set(r, "Options.delimiter", im->delimiter);
	page_set(r, "Options.encoding", im->encoding);
	page_set_int(r, "Options.sheet", im->sheet);
	page_set_int(r, "Import.phase", im->phase);
	if (staff_to_page(r) < 0 || same_file(r, im) < 0)
		return -1;
	if (!strcmp(im->status, "checked") && rows_to_page(r, im) < 0)
		return -1;
	return page_render(r, status, "mapa.cs", "Importar planilha");
}

int importacao_get(struct request *r, const struct form *in)
{
	(void)in;
	struct import im;
	int got = import_load(r, r->path_id, &im);
	if (got <= 0)
		return got;
	int rc;
	const char *s = im.status;
	if (!strcmp(s, "draft") || !strcmp(s, "checked")) {
		const char *q = request_query(r, "aviso");
		if (q && !strcmp(q, "reconferir") && !strcmp(s, "draft"))
			page_flash(r, "aviso", "As escolhas mudaram: a conferência anterior foi descartada."
				   " Confira o arquivo de novo antes de importar.");
		rc = mapa_page(r, &im, 200);
	} else if (!strcmp(s, "checking") || !strcmp(s, "queued") || !strcmp(s, "running") ||
		   !strcmp(s, "undoing")) {
		page_set(r, "Page.Refresh", "1");
		rc = import_to_page(r, im.id) < 0 ? -1
		     : page_render(r, 200, "progresso.cs", "Importar planilha");
	} else {
		rc = import_to_page(r, im.id) < 0 || rows_to_page(r, &im) < 0 ||
		     (!strcmp(s, "undone") && kept_to_page(r, &im) < 0) ? -1
		     : page_render(r, 200, "resultado.cs", "Importação");
	}
	import_free(&im);
	return rc;
}
