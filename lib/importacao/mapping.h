/* mapping: an import's choice of target for each column, as the imports row keeps it
 * (text, one target per column, ';' between: "" nothing, "f:<form field>" a field of
 * the record, "x:<custom attribute id>", "etiquetas", "tipos", "segredo"), and the key
 * that recognises the same header row in a later file (its folded headers' SHA-256). */
#ifndef PORTAL_MAPPING_H
#define PORTAL_MAPPING_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "cadastro/custom.h"
#include "importacao/colmap.h"

#define MAPPING_MAX_COLS 200

/* One target as text into out (appended). extra: the office's attributes (for ids). */
int mapping_put(struct strbuf *out, const struct colmap_target *t, const struct custom_set *extra);
/* The whole row of targets, ';' between, into out (replacing it). */
int mapping_format(struct strbuf *out, const struct colmap_target *map, size_t n,
		   const struct custom_set *extra);
/* One target from its text: false when it names nothing we know (a removed custom
 * attribute, a field that does not exist): the column is then left out. */
bool mapping_parse_one(const char *s, size_t len, const struct custom_set *extra,
		       struct colmap_target *t);
/* The row of targets from text into map (n columns; missing ones are COLMAP_NONE). */
void mapping_parse(const char *text, const struct custom_set *extra, struct colmap_target *map,
		   size_t n);
/* The SHA-256 in hex of the header row folded (colmap_fold), '\n' between. */
void mapping_header_key(const char *const *headers, size_t n, char out[65]);

#endif
