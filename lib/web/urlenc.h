/* urlenc: application/x-www-form-urlencoded and query strings; also cookie headers. */
#ifndef PORTAL_URLENC_H
#define PORTAL_URLENC_H

#include "base/fields.h"

/* Parses "a=1&b=x+y%20z" into out (appending). '+' is a space; %XX decoded;
 * a bad %-escape, a decoded NUL byte or invalid UTF-8 in a name or value is PARSE_BAD;
 * empty pairs ("a=1&&b=2") are skipped; a pair without '=' has an empty value.
 * Limits: max_fields pairs in the whole list (entries already there included),
 * max_name / max_value decoded bytes; "=x" (no name) is skipped. On error out is left
 * as it was. Returns enum parse_status. */
int urlenc_parse(const char *buf, size_t len, const struct parse_limits *lim,
		 struct fields *out);

/* Percent-encodes s for a query value (RFC 3986 unreserved kept). Returns malloc'd or NULL. */
char *urlenc_encode(const char *s);

/* Parses a Cookie header "a=1; b=2" into out (appending). Lenient: a malformed pair is
 * skipped, surrounding quotes are removed, no percent-decoding. Pairs over the limits
 * are skipped; at most max_fields kept. Returns PARSE_OK or PARSE_NOMEM. */
int cookie_parse(const char *header, const struct parse_limits *lim, struct fields *out);

#endif
