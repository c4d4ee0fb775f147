/* csvread: reads a spreadsheet saved as CSV, the way Excel and LibreOffice write it in
 * Brazil, into rows of UTF-8 cells handed to a callback. The whole file is in memory.
 *
 * - Encoding: a UTF-8 or UTF-16 byte order mark says it; without one, UTF-16 is
 *   recognised by its zero bytes, well-formed UTF-8 is UTF-8, anything else is
 *   Windows-1252 (Excel's "CSV (separado por vírgulas)"). Windows-1252 never fails: its
 *   five unassigned bytes become U+0081, U+008D, U+008F, U+0090, U+009D (WHATWG). UTF-8
 *   that is not well-formed (when the caller forces it) and broken UTF-16 get U+FFFD.
 * - Delimiter: an Excel first line "sep=X" sets it (and is not a row); else the one of
 *   ; , tab | that appears the same number of times on most of the first 20 lines
 *   (ties: in that order, ';' first as Brazilian Excel writes).
 * - Quoting as RFC 4180 (libcsv): doubled quotes, delimiters and line breaks inside
 *   quotes. Cells not quoted lose their surrounding spaces and tabs; quoted ones are
 *   kept as written. Line ends CRLF, LF or CR; line breaks inside cells are kept as they
 *   are in the file.
 * - Rows whose cells are all empty are skipped; a row's trailing empty cells dropped.
 */
#ifndef PORTAL_CSVREAD_H
#define PORTAL_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

enum csvr_encoding {
	CSVR_UTF8,
	CSVR_UTF8_BOM,
	CSVR_UTF16LE,
	CSVR_UTF16BE,
	CSVR_WINDOWS1252,
};

/* What a zero limit in csvr_options stands for. */
#define CSVR_DEFAULT_MAX_ROWS 100000
#define CSVR_DEFAULT_MAX_COLS 200
#define CSVR_DEFAULT_MAX_CELL 10000
#define CSVR_DEFAULT_MAX_BYTES (50u * 1024 * 1024)

struct csvr_options {
	enum csvr_encoding encoding;  /* used when encoding_set */
	bool encoding_set;            /* false: detected */
	char delimiter;               /* 0: sep= line or detected; else any ASCII but '"',
	                               * space, CR, LF (a sep= line is still skipped) */
	size_t max_rows;   /* rows with data, the header included */
	size_t max_cols;   /* cells of a row, after its trailing empty ones are dropped */
	size_t max_cell;   /* bytes of a cell, in UTF-8 */
	size_t max_bytes;  /* size of the file as given */
};

struct csvr_info {
	enum csvr_encoding encoding;  /* detected or forced */
	char delimiter;
	bool had_sep_line;
	size_t rows;                  /* rows handed to the callback */
	bool stopped;                 /* the callback asked to stop */
};

/* One row: ncells >= 1 cells, the last one not empty, not all of them empty. Each cell
 * is well-formed UTF-8 with no NUL byte, NUL-terminated, lens[i] bytes long. line_no is
 * the file's line (1-based, the sep= line counted) where the row starts. Pointers are
 * valid during the call only. Return 0 to go on, non-zero to stop (a preview). */
typedef int (*csvr_row_fn)(void *ctx, size_t line_no, const char *const *cells,
			   const size_t *lens, size_t ncells);

/* Reads data (len bytes). opt may be NULL (everything detected, default limits).
 * Returns 0 when the file was read to its end or the callback stopped it; -1 when a limit
 * was passed or the file cannot be a CSV, with the reason in Portuguese, for the person
 * who sent the file, in err (replacing what it held; err may be NULL). Rows before an
 * error have been handed over. info (may be NULL) is filled as far as the reading got. */
int csvr_read(const unsigned char *data, size_t len, const struct csvr_options *opt,
	      csvr_row_fn fn, void *ctx, struct csvr_info *info, struct strbuf *err);

/* The encoding csvr_read would use for data when not forced. */
enum csvr_encoding csvr_detect_encoding(const unsigned char *data, size_t len);

/* For the preview: "UTF-8", "UTF-8 com BOM", "UTF-16 LE", "UTF-16 BE",
 * "Windows-1252 (Excel)"; NULL for a value not in the enum. */
const char *csvr_encoding_label(enum csvr_encoding e);
/* "ponto e vírgula (;)", "vírgula (,)", "tabulação", "barra vertical (|)"; other
 * delimiters: NULL (show the character). */
const char *csvr_delimiter_label(char d);

#endif
