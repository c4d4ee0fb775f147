/* memo: what a worker process remembers between requests — what a query answered (a
 * count, the rows of a list page), kept for one office at one version of its data (a
 * counter that moves with every change: client_counts.version for the registry,
 * client_counts.fee_version for the fees). Anything remembered for another version is
 * simply not used; the oldest answers fall out first. A version is read before what is
 * remembered under it, so what is remembered is never older than its version. */
#ifndef PORTAL_MEMO_H
#define PORTAL_MEMO_H

#include <stddef.h>
#include <stdint.h>

/* What was remembered for office and version under key (the query's SQL and
 * parameters): its bytes, or NULL. The bytes stay valid until the next memo_put. */
const void *memo_get(int64_t office, int64_t version, const char *key, size_t *len);
/* Remembers a copy of data (nothing when memory runs out: the query runs again). */
void memo_put(int64_t office, int64_t version, const char *key, const void *data, size_t len);

#endif
