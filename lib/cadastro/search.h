/* search: the registry's search box as SQL — what a person types ("joao", "Peixoto",
 * "55.359.739 Júlia", a CPF/CNPJ with or without its mask, a fantasia, an e-mail) into
 * " AND ..." conditions over clients c, values bound. The client list, its bulk
 * actions and export (cadastro), and the client pickers of the fees (honorarios) all
 * search through it, so a client found in one is found in all. */
#ifndef PORTAL_SEARCH_H
#define PORTAL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

struct db_stmt;

#define SEARCH_WORDS_MAX 5

/* One bound parameter of the query being put together. */
struct param {
	bool is_int;
	int64_t i;
	char *s;   /* owned */
};

struct query {
	struct strbuf where;   /* " AND ..." fragments, all ours */
	struct param p[48];    /* at most 37: office, 4 filters, 10 custom (2 each), search 11, offset */
	size_t np;
	bool filtered;         /* anything beyond the status filter */
	/* The records the search words match: "SELECT client_id FROM client_words ..." ("" when
	 * the search has no words). query_search puts it last into where, as " AND c.id IN
	 * (...)" starting at where[match_at], its parameters from p[match_p] on. */
	struct strbuf match;
	size_t match_at, match_p;
	/* The match's word as a LIKE pattern on c.search_text ("% silv%"), which a list may
	 * put in place of the match to walk an order's index instead. */
	char *walk[SEARCH_WORDS_MAX];
	int nwalk;
	/* One word and no other filter than the list's (trash or not): the word index alone
	 * answers how many records match (client_words.trashed, schema/006). */
	bool words_only;
	/* The search's longest word has four letters or more: its first four name the
	 * range of client_prefixes (schema/009) that holds every record it matches, in name
	 * order ("" otherwise). prefix_whole: the search is that one word of exactly four
	 * letters, which the range alone answers (no record read to check it). */
	char prefix[5];
	bool prefix_whole;
	bool trash;
	size_t unfiltered_len;   /* where's length with the trash condition alone */
};

void query_add_int(struct query *q, int64_t v);
void query_add_str(struct query *q, const char *v);
/* The first n parameters of from appended to to (copies). */
void query_add_params(struct query *to, const struct query *from, size_t n);
/* Binds every parameter, the first at index first. */
void query_bind_from(struct db_stmt *st, unsigned first, const struct query *q);
void query_bind(struct db_stmt *st, const struct query *q);
void query_free(struct query *q);

/* The search text's conditions appended to q->where over clients c (nothing for ""):
 * a whole CPF/CNPJ (masked or not) is that document; digits and punctuation are the
 * start of a document; otherwise each word (folded: "julia" finds "Júlia") starts a
 * word of the record's name, fantasia, document or e-mail. q->p[0] must be the office
 * id (the word index is per office). */
void query_search(struct query *q, const char *text);

#endif
