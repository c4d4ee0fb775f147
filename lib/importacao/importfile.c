/* importfile: uploaded spreadsheets in MariaDB, and read back as rows. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "importacao/importfile.h"
#include "base/db.h"
#include "base/utf8.h"
#include "sheet/xlsxread.h"

static const char file_sql[] =
	"INSERT INTO import_files (office_id, size, sha256, chunks, created_at)"
	" VALUES (?, ?, '', 0, UTC_TIMESTAMP(6))";
static const char chunk_sql[] =
	"INSERT INTO import_file_chunks (file_id, seq, data) VALUES (?, ?, ?)";
static const char file_done_sql[] =
	"UPDATE import_files SET sha256 = ?, chunks = ? WHERE id = ?";
static const char file_info_sql[] =
	"SELECT size, chunks FROM import_files WHERE id = ? AND office_id = ?";
static const char chunks_sql[] =
	"SELECT seq, data FROM import_file_chunks WHERE file_id = ? ORDER BY seq";

int64_t importfile_store(struct db *db, int64_t office_id, FILE *fp, size_t size,
			 char sha_hex[65])
{
	struct db_stmt *st = db_prepare(db, file_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, office_id);
	db_bind_i64(st, 1, (int64_t)size);
	if (db_exec(st) < 0)
		return -1;
	int64_t id = (int64_t)db_insert_id(st);
	unsigned char *buf = malloc(IMPORTFILE_CHUNK);
	if (!buf)
		return -1;
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	size_t left = size;
	int64_t seq = 0;
	while (left > 0) {
		size_t want = left < IMPORTFILE_CHUNK ? left : IMPORTFILE_CHUNK;
		size_t got = fread(buf, 1, want, fp);
		struct db_stmt *c = got == want ? db_prepare(db, chunk_sql) : NULL;
		if (!c) {
			free(buf);
			return -1;
		}
		crypto_hash_sha256_update(&sha, buf, got);
		db_bind_i64(c, 0, id);
		db_bind_i64(c, 1, seq++);
		db_bind_blob(c, 2, buf, got);
		if (db_exec(c) < 0) {
			free(buf);
			return -1;
		}
		left -= got;
	}
	free(buf);
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&sha, digest);
	sodium_bin2hex(sha_hex, 65, digest, sizeof digest);
	st = db_prepare(db, file_done_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, sha_hex);
	db_bind_i64(st, 1, seq);
	db_bind_i64(st, 2, id);
	return db_exec(st) < 0 ? -1 : id;
}

int importfile_load(struct db *db, int64_t office_id, int64_t file_id, unsigned char **data,
		    size_t *len)
{
	*data = NULL;
	*len = 0;
	struct db_stmt *st = db_prepare(db, file_info_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, file_id);
	db_bind_i64(st, 1, office_id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	size_t size = (size_t)db_col_i64(st, 0);
	int64_t chunks = db_col_i64(st, 1);
	while ((got = db_fetch(st)) > 0)
		;
	if (got < 0)
		return -1;
	/* One byte more, so that an empty file is a valid pointer too. */
	unsigned char *buf = malloc(size + 1);
	if (!buf)
		return -1;
	st = db_prepare(db, chunks_sql);
	if (!st) {
		free(buf);
		return -1;
	}
	db_bind_i64(st, 0, file_id);
	if (db_exec_stream(st) < 0) {
		free(buf);
		return -1;
	}
	size_t at = 0;
	int64_t seen = 0;
	bool whole = true;
	while ((got = db_fetch(st)) > 0) {
		size_t n = db_col_len(st, 1);
		if (db_col_i64(st, 0) != seen++ || n > size - at) {
			whole = false;
			continue;
		}
		memcpy(buf + at, db_col(st, 1), n);
		at += n;
	}
	if (got < 0) {
		free(buf);
		return -1;
	}
	if (!whole || seen != chunks || at != size) {
		free(buf);
		return 0;
	}
	*data = buf;
	*len = size;
	return 1;
}

/* The first byte that is not part of well-formed UTF-8 (a NUL is left to the reader's
 * own message): true, with its line in err. */
static bool utf8_refuse(const unsigned char *data, size_t len, struct strbuf *err)
{
	size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0, line = 1;
	while (i < len) {
		if (data[i] < 0x80) {
			line += data[i] == '\n';
			i++;
			continue;
		}
		size_t n = utf8_next((const char *)data + i, len - i);
		if (n == 0) {
			if (err) {
				sb_reset(err);
				sb_printf(err, "A linha %zu tem bytes que não são UTF-8, a codificação em que o "
					  "arquivo está sendo lido. Escolha \"Windows-1252 (Excel)\" em "
					  "Codificação, ou salve a planilha de novo como \"CSV UTF-8\".", line);
			}
			return true;
		}
		i += n;
	}
	return false;
}

int importfile_read(const unsigned char *data, size_t len, const struct importfile_format *f,
		    importfile_row_fn fn, void *ctx, struct csvr_info *csv, struct strbuf *err)
{
	if (f->xlsx) {
		struct xlsxr_options o;
		memset(&o, 0, sizeof o);
		o.sheet = f->sheet;
		o.max_rows = f->max_rows ? f->max_rows : IMPORTFILE_MAX_ROWS;
		return xlsxr_read(data, len, &o, fn, ctx, NULL, err);
	}
	/* Text read as UTF-8 must be UTF-8: bytes that are not would become U+FFFD in the
	 * records, so the person is told where and what to choose instead. */
	enum csvr_encoding enc = f->encoding_set ? f->encoding : csvr_detect_encoding(data, len);
	if ((enc == CSVR_UTF8 || enc == CSVR_UTF8_BOM) && utf8_refuse(data, len, err))
		return -1;
	struct csvr_options o;
	memset(&o, 0, sizeof o);
	o.encoding_set = f->encoding_set;
	o.encoding = f->encoding;
	o.delimiter = f->delimiter;
	o.max_rows = f->max_rows ? f->max_rows : IMPORTFILE_MAX_ROWS;
	return csvr_read(data, len, &o, fn, ctx, csv, err);
}

static const char *const encoding_names[] = {
	[CSVR_UTF8] = "utf8", [CSVR_UTF8_BOM] = "utf8bom", [CSVR_UTF16LE] = "utf16le",
	[CSVR_UTF16BE] = "utf16be", [CSVR_WINDOWS1252] = "cp1252",
};

const char *importfile_encoding_name(enum csvr_encoding e)
{
	return (size_t)e < sizeof encoding_names / sizeof *encoding_names ? encoding_names[e] : "";
}

bool importfile_encoding_parse(const char *name, enum csvr_encoding *e)
{
	for (size_t i = 0; i < sizeof encoding_names / sizeof *encoding_names; i++)
		if (name && !strcmp(name, encoding_names[i])) {
			*e = (enum csvr_encoding)i;
			return true;
		}
	return false;
}
