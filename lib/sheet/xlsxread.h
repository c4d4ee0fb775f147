/* xlsxread: reads one worksheet of an Excel .xlsx file (Office Open XML: a zip of XML
 * parts) into rows of UTF-8 cells handed to a callback, the way csvread does for CSV.
 * The whole file is in memory; the worksheet is streamed (libzip inflates it in chunks,
 * expat parses each chunk), so memory grows with the shared strings (bounded), never
 * with the number of rows.
 *
 * - Parts: xl/workbook.xml (the sheets, in workbook order), xl/_rels/workbook.xml.rels
 *   (where each sheet is), the shared strings and styles its relationships name (else
 *   xl/sharedStrings.xml and xl/styles.xml; both optional), then the chosen worksheet.
 *   Element and attribute names are matched by their local name, whatever the prefix.
 * - Cells are placed by their reference (C7 is the third cell of row 7), never by their
 *   position among the row's <c> elements; row_no is the sheet's row number. Rows whose
 *   cells are all empty are skipped; a row's trailing empty cells dropped.
 * - Values as the person saw them in the cell (pt-BR Excel):
 *   shared and inline strings (rich-text runs joined, phonetic runs left out, Excel's
 *   _xHHHH_ escapes decoded); formula results as cached in the file; booleans
 *   "VERDADEIRO"/"FALSO"; errors as written ("#N/D", "#DIV/0!"); numbers with a date
 *   format "dd/mm/aaaa" (the time of day left out; serials outside 1..2958465 stay
 *   numbers; Excel's 29/02/1900 kept as it shows it; 1904-based workbooks honoured);
 *   other numbers in plain decimal, rounded to
 *   15 significant digits as Excel shows them, never with an exponent: a CPF typed as a
 *   number comes out "12345678909" even when stored as 1.2345678909E10 (its leading
 *   zeros were lost by the spreadsheet, not here).
 * - Date formats: built-in ids 14-22 and 45-47, and custom format codes with a d, m or y
 *   (any case) outside quotes, [brackets] and \escapes. So "h:mm" counts as a date too
 *   (its m): a time of day is below 1 and stays a number, a duration of days becomes a
 *   date. Simple on purpose; text formats ("@") and currencies are never dates.
 * - Hostile files: every limit below is checked while reading (inflated bytes are
 *   counted, the zip's declared sizes are not trusted), a DOCTYPE is refused (no entity
 *   tricks), zip entry names with ".." or a leading "/" are refused.
 */
#ifndef PORTAL_XLSXREAD_H
#define PORTAL_XLSXREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* What a zero limit in xlsxr_options stands for. */
#define XLSXR_DEFAULT_MAX_ROWS (1000000 + 1)
#define XLSXR_DEFAULT_MAX_COLS 200
#define XLSXR_DEFAULT_MAX_CELL 10000
#define XLSXR_DEFAULT_MAX_BYTES (50u * 1024 * 1024)
#define XLSXR_DEFAULT_MAX_UNCOMPRESSED (500u * 1024 * 1024)
#define XLSXR_DEFAULT_MAX_RATIO 200
#define XLSXR_DEFAULT_MAX_ENTRIES 10000
#define XLSXR_DEFAULT_MAX_SHARED_STRINGS 2000000
#define XLSXR_DEFAULT_MAX_SHARED_BYTES (200u * 1024 * 1024)

/* The ratio limit applies to parts once they have inflated past this many bytes: small
 * parts of repetitive XML compress well and are harmless. */
#define XLSXR_RATIO_FLOOR (1024 * 1024)

struct xlsxr_options {
	size_t sheet;              /* index in workbook order, 0 = the first */
	size_t max_rows;           /* rows with data handed over, the header included */
	size_t max_cols;           /* a non-empty cell beyond this column is refused */
	size_t max_cell;           /* bytes of a cell, in UTF-8 */
	size_t max_bytes;          /* size of the file as given */
	size_t max_uncompressed;   /* a part's declared size, and all bytes inflated */
	size_t max_ratio;          /* a part's inflated bytes / its compressed bytes */
	size_t max_entries;        /* entries of the zip */
	size_t max_shared_strings; /* count of shared strings */
	size_t max_shared_bytes;   /* their bytes, in UTF-8 */
};

struct xlsxr_info {
	size_t nsheets;    /* sheets of the workbook (0 until xl/workbook.xml was read) */
	size_t sheet;      /* the one read */
	size_t rows;       /* rows handed to the callback */
	size_t cols;       /* the most cells a row handed over had */
	size_t last_row;   /* row_no of the last row handed over */
	size_t shared_strings;  /* count read */
	bool stopped;      /* the callback asked to stop */
};

/* One row: ncells >= 1 cells, the last one not empty, not all of them empty. Each cell
 * is well-formed UTF-8 with no NUL byte, NUL-terminated, lens[i] bytes long. row_no is
 * the sheet's row number (1-based, increasing; gaps where rows are empty or absent).
 * Pointers are valid during the call only. Return 0 to go on, non-zero to stop. */
typedef int (*xlsxr_row_fn)(void *ctx, size_t row_no, const char *const *cells,
			    const size_t *lens, size_t ncells);

/* The sheets' names, in workbook order, into names_out (replacing what it held), each
 * followed by a NUL; *n (may be NULL) their count. Default limits. Returns 0, or -1 with
 * the reason in Portuguese in err (may be NULL). */
int xlsxr_sheets(const unsigned char *data, size_t len, struct strbuf *names_out, size_t *n,
		 struct strbuf *err);

/* Reads the sheet opt->sheet of data (len bytes). opt may be NULL (the first sheet,
 * default limits). Returns 0 when the sheet was read to its end or the callback stopped
 * it; -1 when a limit was passed or the file is not a readable XLSX, with the reason in
 * Portuguese, for the person who sent the file, in err (replacing what it held; err may
 * be NULL). Rows before an error have been handed over. info (may be NULL) is filled as
 * far as the reading got. */
int xlsxr_read(const unsigned char *data, size_t len, const struct xlsxr_options *opt,
	       xlsxr_row_fn fn, void *ctx, struct xlsxr_info *info, struct strbuf *err);

#endif
