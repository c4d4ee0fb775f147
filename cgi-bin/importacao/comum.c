/* What the import's pages share: its row loaded, and put on the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importacao.h"
#include "base/config.h"
#include "base/db.h"
#include "br/money.h"
#include "importacao/importfile.h"
#include "sheet/sheet.h"
#include "web/page.h"

size_t import_max_bytes(void)
{
	return (size_t)config_int("Import.MaxBytes", 50 * 1024 * 1024);
}

static const char load_sql[] =
	"SELECT i.file_id, i.file_name, i.format, i.encoding, i.delimiter, i.mapping,"
	" i.update_fields, i.default_types, i.default_tag, i.status, i.error, i.sheet, i.phase,"
	" f.size, i.total_rows, i.rows_done, i.update_existing, i.key_email, i.erase_empty,"
	" i.skip_invalid, i.default_active, i.default_responsible, i.restore_trashed"
	" FROM imports i JOIN import_files f ON f.id = i.file_id"
	" WHERE i.id = ? AND i.office_id = ?";

void import_free(struct import *im)
{
	char **s[] = { &im->file_name, &im->format, &im->encoding, &im->delimiter, &im->mapping,
		       &im->update_fields, &im->types, &im->tag, &im->status, &im->error };
	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		free(*s[i]);
	memset(im, 0, sizeof *im);
}

int import_load(struct request *r, int64_t id, struct import *im)
{
	memset(im, 0, sizeof *im);
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	if (got == 0)
		return page_error(r, 404, NULL) < 0 ? -1 : 0;
	im->id = id;
	im->file_id = db_col_i64(st, 0);
	char **s[] = { &im->file_name, &im->format, &im->encoding, &im->delimiter, &im->mapping,
		       &im->update_fields, &im->types, &im->tag, &im->status, &im->error };
	bool ok = true;
	for (unsigned i = 0; i < sizeof s / sizeof *s; i++)
		ok = (*s[i] = db_col_dup(st, 1 + i)) && ok;
	im->sheet = db_col_i64(st, 11);
	im->phase = db_col_i64(st, 12);
	im->size = db_col_i64(st, 13);
	im->total_rows = db_col_i64(st, 14);
	im->rows_done = db_col_i64(st, 15);
	im->update = db_col_i64(st, 16);
	im->key_email = db_col_i64(st, 17);
	im->erase = db_col_i64(st, 18);
	im->skip_invalid = db_col_i64(st, 19);
	im->active = db_col_i64(st, 20);
	im->default_responsible = db_col_i64(st, 21);
	im->restore = db_col_i64(st, 22);
	while ((got = db_fetch(st)) > 0)
		;
	if (got < 0 || !ok) {
		import_free(im);
		return -1;
	}
	return 1;
}

static const char page_sql[] =
	"SELECT i.file_name, i.format, i.encoding, i.delimiter, i.status, i.error, i.actor,"
	" DATE_FORMAT(CONVERT_TZ(i.created_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" i.total_rows, i.rows_done, i.n_created, i.n_updated, i.n_unchanged, i.n_rejected,"
	" i.n_corrected, i.n_duplicates, i.n_undone, i.n_kept, f.size,"
	" TIMESTAMPDIFF(MICROSECOND, i.started_at, COALESCE(i.finished_at, UTC_TIMESTAMP(6))),"
	" i.undone_by, DATE_FORMAT(CONVERT_TZ(i.undone_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" i.update_existing, i.sheet, i.n_in_trash"
	" FROM imports i JOIN import_files f ON f.id = i.file_id WHERE i.id = ? AND i.office_id = ?";

static void set_count(struct request *r, const char *key, int64_t n)
{
	char fmt[32];
	number_format(n, fmt, sizeof fmt);
	struct strbuf k = STRBUF_INIT;
	if (SB_CAT(&k, "Import.", key) == 0)
		page_set_int(r, sb_str(&k), n);
	if (sb_puts(&k, "_fmt") == 0)
		page_set(r, sb_str(&k), fmt);
	sb_free(&k);
}

static const char *delimiter_text(const char *d, char buf[8])
{
	const char *label = d && *d ? csvr_delimiter_label(d[0]) : NULL;
	if (label)
		return label;
	snprintf(buf, 8, "%s", d ? d : "");
	return buf;
}

int import_to_page(struct request *r, int64_t id)
{
	struct db_stmt *st = db_prepare(r->db, page_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	page_set_int(r, "Import.id", id);
	static const char *const names[] = { "file_name", "format", "encoding", "delimiter",
					     "status", "error", "actor", "created_at" };
	for (unsigned i = 0; i < 8; i++) {
		struct strbuf k = STRBUF_INIT;
		if (SB_CAT(&k, "Import.", names[i]) == 0)
			page_set(r, sb_str(&k), db_col(st, i));
		sb_free(&k);
	}
	enum csvr_encoding e;
	if (importfile_encoding_parse(db_col(st, 2), &e))
		page_set(r, "Import.encoding_label", csvr_encoding_label(e));
	char buf[8];
	page_set(r, "Import.delimiter_label", delimiter_text(db_col(st, 3), buf));
	static const char *const counts[] = { "total", "done", "created", "updated", "unchanged",
					      "rejected", "corrected", "duplicates", "undone", "kept" };
	for (unsigned i = 0; i < 10; i++)
		set_count(r, counts[i], db_col_i64(st, 8 + i));
	struct strbuf size = STRBUF_INIT;
	sheet_put_size(&size, (size_t)db_col_i64(st, 18), true);
	page_set(r, "Import.size", sb_str(&size));
	sb_free(&size);
	/* Progress: rows a second since it started, and the time left at that pace. */
	int64_t us = db_col_i64(st, 19), total = db_col_i64(st, 8), done = db_col_i64(st, 9);
	if (us > 0) {
		int64_t rate = done * 1000000 / us;
		set_count(r, "rate", rate);
		char t[32];
		if (us < 100000)
			snprintf(t, sizeof t, "menos de 0,1 s");
		else
			snprintf(t, sizeof t, "%lld,%lld s", (long long)(us / 1000000),
				 (long long)(us % 1000000 / 100000));
		page_set(r, "Import.seconds", t);
		if (rate > 0 && total > done) {
			int64_t left = (total - done) / rate + 1;
			if (left < 60)
				snprintf(t, sizeof t, "%lld s", (long long)left);
			else
				snprintf(t, sizeof t, "%lld min", (long long)(left + 59) / 60);
			page_set(r, "Import.left", t);
		}
	}
	if (total > 0)
		page_set_int(r, "Import.percent", done >= total ? 100 : done * 100 / total);
	page_set(r, "Import.undone_by", db_col(st, 20));
	page_set(r, "Import.undone_at", db_col(st, 21));
	page_set(r, "Import.update", db_col(st, 22));
	page_set_int(r, "Import.sheet_no", db_col_i64(st, 23) + 1);
	set_count(r, "in_trash", db_col_i64(st, 24));
	int got;
	while ((got = db_fetch(st)) > 0)
		;
	return got < 0 ? -1 : 0;
}
