/* /importacao: the upload form, the template and the office's import history; POST takes
 * the file (kept in MariaDB), reads its header row and guesses the mapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importacao.h"
#include "base/db.h"
#include "br/money.h"
#include "cadastro/custom.h"
#include "importacao/colmap.h"
#include "importacao/importfile.h"
#include "importacao/mapping.h"
#include "sheet/sheet.h"
#include "sheet/xlsxread.h"
#include "web/page.h"
#include "web/response.h"

static const char history_sql[] =
	"SELECT i.id, i.file_name, i.format, i.encoding, i.status, i.actor,"
	" DATE_FORMAT(CONVERT_TZ(i.created_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" i.total_rows, i.n_created, i.n_updated, i.n_unchanged, i.n_rejected,"
	" TIMESTAMPDIFF(SECOND, i.started_at, i.finished_at), i.error, i.undone_by,"
	" DATE_FORMAT(CONVERT_TZ(i.undone_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i')"
	" FROM imports i WHERE i.office_id = ? ORDER BY i.id DESC LIMIT 50";

/* A check that stopped on an error leaves the import a draft with its error. */
static const char *status_label(const char *s, const char *error)
{
	if (s && !strcmp(s, "draft") && error && *error)
		return "Conferência interrompida";
	static const char *const map[][2] = {
		{ "draft", "Aguardando conferência" }, { "checking", "Conferindo" },
		{ "checked", "Conferida, não importada" }, { "queued", "Na fila" },
		{ "running", "Importando" }, { "done", "Concluída" }, { "failed", "Interrompida" },
		{ "undoing", "Desfazendo" }, { "undone", "Desfeita" },
	};
	for (size_t i = 0; s && i < sizeof map / sizeof *map; i++)
		if (!strcmp(map[i][0], s))
			return map[i][1];
	return s ? s : "";
}

static int history(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, history_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "History.%d", n++);
		enum csvr_encoding e;
		const char *enc = !strcmp(db_col(st, 2), "xlsx") ? "XLSX"
				  : importfile_encoding_parse(db_col(st, 3), &e) ? csvr_encoding_label(e) : "";
		char counts[5][32], secs[32] = "";
		for (int i = 0; i < 5; i++)
			number_format(db_col_i64(st, 7 + i), counts[i], sizeof counts[i]);
		if (db_col(st, 12)) {
			int64_t t = db_col_i64(st, 12);
			if (t < 1)
				snprintf(secs, sizeof secs, "menos de 1 s");
			else if (t < 120)
				snprintf(secs, sizeof secs, "%lld s", (long long)t);
			else
				snprintf(secs, sizeof secs, "%lld min", (long long)(t + 30) / 60);
		}
		static const char *const names[] = { "id", "file_name", "encoding", "status",
						     "status_label", "actor", "at", "total", "created",
						     "updated", "unchanged", "rejected", "duration",
						     "error", "undone_by", "undone_at" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), enc, db_col(st, 4),
					 status_label(db_col(st, 4), db_col(st, 13)), db_col(st, 5),
					 db_col(st, 6), counts[0], counts[1], counts[2], counts[3],
					 counts[4], secs, db_col(st, 13), db_col(st, 14), db_col(st, 15) };
		page_set_many(r, prefix, names, values, 16);
	}
	return got < 0 ? -1 : 0;
}

static int show(struct request *r, int status)
{
	struct strbuf max = STRBUF_INIT;
	sheet_put_size(&max, import_max_bytes(), false);
	page_set(r, "Upload.max", sb_str(&max));
	sb_free(&max);
	if (history(r) < 0)
		return -1;
	return page_render(r, status, "inicio.cs", "Importar planilha");
}

int inicio_get(struct request *r, const struct form *in)
{
	(void)in;
	return show(r, 200);
}

static int refuse(struct request *r, int status, const char *msg)
{
	page_field_error(r, "arquivo", msg);
	return show(r, status);
}

/* ------------------------------------------------------------------ reading the head */

struct head {
	char **cells;       /* the header row */
	size_t n;
	bool error;
};

static int head_row(void *ctx, size_t line, const char *const *cells, const size_t *lens,
		    size_t ncells)
{
	(void)line;
	(void)lens;
	struct head *h = ctx;
	h->cells = calloc(ncells, sizeof *h->cells);
	if (!h->cells) {
		h->error = true;
		return 1;
	}
	for (size_t i = 0; i < ncells; i++)
		if (!(h->cells[h->n++] = strdup(cells[i]))) {
			h->error = true;
			break;
		}
	return 1;   /* the header row is all the upload needs */
}

static void head_free(struct head *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->cells[i]);
	free(h->cells);
}

static const char remembered_sql[] =
	"SELECT mapping FROM imports WHERE office_id = ? AND header_key = ? AND status <> 'draft'"
	" ORDER BY id DESC LIMIT 1";
static const char insert_sql[] =
	"INSERT INTO imports (office_id, user_id, actor, address, file_id, file_name, format,"
	" encoding, delimiter, header_key, mapping, update_fields, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', UTC_TIMESTAMP(6))";

/* The office's last mapping for the same header row, or the guess. */
static int initial_mapping(struct request *r, const struct head *h, const char *key,
			   struct strbuf *out)
{
	struct db_stmt *st = db_prepare(r->db, remembered_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, key);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		if (sb_puts(out, db_col(st, 0)) < 0)
			return -1;
	if (got < 0)
		return -1;
	if (out->len)
		return 0;
	struct custom_set defs;
	if (custom_load_defs(r, &defs) < 0)
		return -1;
	const char *names[CUSTOM_MAX];
	for (size_t i = 0; i < defs.n; i++)
		names[i] = defs.f[i].name;
	struct colmap_target *map = calloc(h->n, sizeof *map);
	int rc = -1;
	if (map) {
		colmap_guess((const char *const *)h->cells, h->n, names, defs.n, map);
		rc = mapping_format(out, map, h->n, &defs);
	}
	free(map);
	custom_free(&defs);
	return rc;
}

/* The browser's file name, without a path, cut to the column's 255 characters. */
static void base_name(const char *name, char *out, size_t cap)
{
	const char *b = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	size_t n = strlen(b);
	if (n >= cap)
		n = cap - 1;
	while (n && ((unsigned char)b[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, b, n);
	out[n] = '\0';
	if (!*out)
		snprintf(out, cap, "planilha");
}

static bool ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n >= e && !strcasecmp(name + n - e, ext);
}

/* The message for a file whose bytes are not what its name says (NULL: nothing to say). */
static const char *not_a_workbook(const char *name, const unsigned char *data, size_t size)
{
	bool zip = size >= 4 && !memcmp(data, "PK\x03\x04", 4);
	bool ole = size >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	if (ole)
		return "Este arquivo é uma planilha do Excel 97-2003 (.xls), que a importação não lê."
		       " Abra-a no Excel ou no LibreOffice e salve como XLSX (Pasta de Trabalho do"
		       " Excel) ou CSV.";
	if (ends_with(name, ".xlsx") && !zip)
		return "O arquivo tem o nome de uma planilha XLSX, mas não é uma: uma planilha XLSX"
		       " é um arquivo compactado que o Excel e o LibreOffice gravam, e este tem outro"
		       " conteúdo (talvez só o nome foi trocado). Abra-o no programa que o criou e"
		       " salve como XLSX ou CSV.";
	return NULL;
}

int enviar_post(struct request *r, const struct form *in)
{
	(void)in;
	const struct upload *up = NULL;
	for (size_t i = 0; i < r->files.n; i++)
		if (!strcmp(r->files.v[i].field, "arquivo"))
			up = &r->files.v[i];
	if (!up || (!up->size && !*up->filename))
		return refuse(r, 400, "Escolha o arquivo da planilha (CSV ou XLSX).");
	if (up->size == 0)
		return refuse(r, 400, "O arquivo está vazio.");
	size_t max = import_max_bytes();
	if (up->size > max) {
		struct strbuf m = STRBUF_INIT;
		sb_puts(&m, "O arquivo tem ");
		sheet_put_size(&m, up->size, true);
		sb_puts(&m, "; o limite é ");
		sheet_put_size(&m, max, false);
		sb_puts(&m, ". Divida a planilha em partes menores e envie cada uma.");
		int rc = refuse(r, 413, sb_str(&m));
		sb_free(&m);
		return rc;
	}
	unsigned char *data = malloc(up->size);
	if (!data)
		return -1;
	rewind(up->fp);
	if (fread(data, 1, up->size, up->fp) != up->size) {
		free(data);
		return -1;
	}
	bool xlsx = up->size >= 4 && !memcmp(data, "PK\x03\x04", 4);
	/* A file named as a spreadsheet that is not one: said as such, not as a bad CSV. */
	const char *msg = not_a_workbook(up->filename, data, up->size);
	if (msg) {
		free(data);
		return refuse(r, 400, msg);
	}
	struct head h;
	memset(&h, 0, sizeof h);
	struct strbuf err = STRBUF_INIT, mapping = STRBUF_INIT;
	struct csvr_info info;
	memset(&info, 0, sizeof info);
	struct importfile_format f;
	memset(&f, 0, sizeof f);
	f.xlsx = xlsx;
	int rc = -1;
	if (importfile_read(data, up->size, &f, head_row, &h, &info, &err) < 0 || h.n == 0) {
		if (!h.error) {
			rc = refuse(r, 400, err.len ? sb_str(&err)
				    : "O arquivo não tem nenhuma linha com dados.");
			goto out;
		}
		goto out;
	}
	if (h.error)
		goto out;
	char key[65];
	mapping_header_key((const char *const *)h.cells, h.n, key);
	if (initial_mapping(r, &h, key, &mapping) < 0)
		goto out;
	char name[256];
	base_name(up->filename, name, sizeof name);
	char sha[65];
	rewind(up->fp);
	if (db_begin(r->db) < 0)
		goto out;
	int64_t file = importfile_store(r->db, r->office.id, up->fp, up->size, sha);
	if (file < 0)
		goto out;
	struct db_stmt *st = db_prepare(r->db, insert_sql);
	if (!st)
		goto out;
	char delim[2] = { xlsx ? 0 : info.delimiter, 0 };
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, r->session->user_id);
	db_bind_str(st, 2, r->session->user_name);
	db_bind_str(st, 3, r->remote_addr);
	db_bind_i64(st, 4, file);
	db_bind_str(st, 5, name);
	db_bind_str(st, 6, xlsx ? "xlsx" : "csv");
	db_bind_str(st, 7, xlsx ? "" : importfile_encoding_name(info.encoding));
	db_bind_str(st, 8, delim);
	db_bind_str(st, 9, key);
	db_bind_str(st, 10, sb_str(&mapping));
	if (db_exec(st) < 0)
		goto out;
	int64_t id = (int64_t)db_insert_id(st);
	if (db_commit(r->db) < 0)
		goto out;
	char path[48];
	snprintf(path, sizeof path, "/importacao/%lld", (long long)id);
	rc = response_redirect(r, path);
out:
	head_free(&h);
	free(data);
	sb_free(&err);
	sb_free(&mapping);
	return rc;
}
