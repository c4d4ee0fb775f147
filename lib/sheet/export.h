/* export: rows out as CSV (Excel pt-BR: ';', UTF-8 with BOM, CRLF), XLSX (libxlsxwriter,
 * constant memory) or XML, streamed: memory does not grow with the row count. Cells a
 * spreadsheet would run as a formula are neutralised. */
#ifndef PORTAL_EXPORT_H
#define PORTAL_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "web/request.h"

enum export_format { EXPORT_CSV, EXPORT_XLSX, EXPORT_XML };

struct exporter;

/* names: the XML element name of each column (ASCII letters, digits, '_'); labels: the
 * header row of CSV and XLSX. Both must outlive the exporter. basename: the download's
 * name without extension. NULL on failure (nothing sent yet). */
struct exporter *export_begin(struct request *r, enum export_format f, const char *basename,
			      const char *root, const char *item, const char *const *names,
			      const char *const *labels, size_t ncols);
int export_row(struct exporter *e, const char *const *cells);
/* Finishes the download and frees e. -1 when it failed: if nothing was sent yet, the
 * caller can still answer with an error page (XLSX sends only here). */
int export_end(struct exporter *e);

/* True when a spreadsheet would read the cell as a formula (=, +, -, @, tab, CR first). */
bool export_formula_like(const char *cell);
/* Appends cell as one CSV field (quoted when needed, formula-like prefixed with '). */
int export_csv_field(struct strbuf *out, const char *cell);
/* Appends cell escaped for XML text (characters XML 1.0 forbids are dropped). */
int export_xml_text(struct strbuf *out, const char *cell);

#endif
