/* importfile: an uploaded spreadsheet kept in MariaDB (import_files, in chunks of 1 MB,
 * with its SHA-256), so that any host's worker can read it and no local disk holds
 * state; and the spreadsheet read back as rows, whatever its format. */
#ifndef PORTAL_IMPORTFILE_H
#define PORTAL_IMPORTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/strbuf.h"
#include "sheet/csvread.h"

struct db;

#define IMPORTFILE_CHUNK (1024 * 1024)
/* Rows of a spreadsheet an import takes, the header included: a million clients. */
#define IMPORTFILE_MAX_ROWS (1000000 + 1)

/* Stores size bytes read from fp (from its current position) as a file of the office, in
 * the caller's transaction; its SHA-256 in hex into sha_hex. The file id, or -1. */
int64_t importfile_store(struct db *db, int64_t office_id, FILE *fp, size_t size,
			 char sha_hex[65]);
/* The whole file of the office into *data (malloc'd, *len bytes). 1, 0 when there is no
 * such file (or a chunk is missing), -1 on an error. */
int importfile_load(struct db *db, int64_t office_id, int64_t file_id, unsigned char **data,
		    size_t *len);

/* How to read it: the import's format and the choices the user made on the preview. */
struct importfile_format {
	bool xlsx;
	bool encoding_set;            /* CSV: false detects it */
	enum csvr_encoding encoding;
	char delimiter;               /* CSV: 0 detects it */
	size_t sheet;                 /* XLSX: index in workbook order */
	size_t max_rows;              /* 0: IMPORTFILE_MAX_ROWS */
};

/* A row as the readers hand it over: line is the CSV file's line or the sheet's row. */
typedef int (*importfile_row_fn)(void *ctx, size_t line, const char *const *cells,
				 const size_t *lens, size_t ncells);

/* Reads the rows of data with either reader. 0, or -1 with the reason in Portuguese in
 * err. What the CSV reader found (encoding, delimiter) goes to *csv when not NULL. */
int importfile_read(const unsigned char *data, size_t len, const struct importfile_format *f,
		    importfile_row_fn fn, void *ctx, struct csvr_info *csv, struct strbuf *err);

/* The names the import row stores for the encodings ("utf8", "utf8bom", "utf16le",
 * "utf16be", "cp1252"), and back (false for an unknown name). */
const char *importfile_encoding_name(enum csvr_encoding e);
bool importfile_encoding_parse(const char *name, enum csvr_encoding *e);

#endif
