/* sheet: what the spreadsheet readers (csvread, xlsxread) share for their messages. */
#ifndef PORTAL_SHEET_H
#define PORTAL_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* A column as the spreadsheet names it: 0 is A, 25 Z, 26 AA; written into buf. */
const char *sheet_column_name(size_t col, char buf[16]);

/* A size for people, appended to sb: bytes, KB or MB; `up` rounds up (a file's size),
 * else down (a limit), so that a file just over its limit never shows the same figure. */
void sheet_put_size(struct strbuf *sb, size_t n, bool up);

#endif
