/* selection: a set of the registry's clients handed from one page to another — the
 * checked rows, or everything a search matched — kept in the database (a search may
 * match the whole registry) for the user who made it, for a day. "Gerar honorários"
 * on the registry's list makes one; the honorários pages read it. */
#ifndef PORTAL_SELECTION_H
#define PORTAL_SELECTION_H

#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

struct db_stmt;

/* A new, empty selection of the request's user and office: its id, or -1. */
int64_t selection_new(struct request *r);
/* Adds ids (those of other offices and trashed records are left out). 0 or -1. */
int selection_add(struct request *r, int64_t selection, const int64_t *ids, size_t n);
/* Adds the clients that "SELECT c.id FROM clients c WHERE c.office_id = ?<where>" finds
 * (where: fixed SQL fragments, never input): bind(st, 1, ctx) binds the office id and
 * the where's parameters from index 1 on (index 0 is the selection's). */
int selection_add_query(struct request *r, int64_t selection, const char *where,
			void (*bind)(struct db_stmt *st, unsigned first, void *ctx), void *ctx);
/* Takes ids out of it (n 0: all of them). 0 or -1. */
int selection_remove(struct request *r, int64_t selection, const int64_t *ids, size_t n);
/* Writes its size: call once it is filled. 0 or -1. */
int selection_counted(struct request *r, int64_t selection);

/* The selection's size, when it is the request's user's in this office and younger
 * than a day: 1, 0 (no such selection), -1. */
int selection_total(struct request *r, int64_t selection, int64_t *total);
/* Up to max of its ids greater than after, in order. 0 or -1. */
int selection_ids(struct request *r, int64_t selection, int64_t after, size_t max,
		  int64_t *ids, size_t *n);

#endif
