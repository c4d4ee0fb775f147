/* busca: the WHERE and ORDER BY of the client list from its validated inputs (q, status,
 * tipo, pessoa, regime, responsavel, etiqueta, ordem). */
#ifndef CADASTRO_BUSCA_H
#define CADASTRO_BUSCA_H

#include <stdbool.h>
#include <stdint.h>

#include "web/form.h"
#include "web/request.h"

struct db_stmt;

/* The values the list's choices take (busca.c). */
extern const char *const query_status_choices[], *const query_type_choices[],
	*const query_person_choices[], *const query_regime_choices[], *const query_order_choices[];

/* The form rules of the inputs query_build reads, for every page that takes them. A
 * value a rule refuses must never widen the result (query_refusal). */
#define QUERY_RULES \
	{ "q", FORM_TEXT, false, 100, "Busca", 0, 0, NULL }, \
	{ "status", FORM_CHOICE, false, 0, "Situação", 0, 0, query_status_choices }, \
	{ "tipo", FORM_CHOICE, false, 0, "Tipo de cadastro", 0, 0, query_type_choices }, \
	{ "pessoa", FORM_CHOICE, false, 0, "Pessoa", 0, 0, query_person_choices }, \
	{ "etiqueta", FORM_INT, false, 0, "Etiqueta", 1, INT64_MAX, NULL }, \
	{ "responsavel", FORM_INT, false, 0, "Responsável", 1, INT64_MAX, NULL }, \
	{ "regime", FORM_CHOICE, false, 0, "Regime", 0, 0, query_regime_choices }
#define ORDER_RULE { "ordem", FORM_CHOICE, false, 0, "Ordem", 0, 0, query_order_choices }

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
	 * the search has no words). query_build puts it last into where, as " AND c.id IN
	 * (...)" starting at where[match_at], its parameters from p[match_p] on. */
	struct strbuf match;
	size_t match_at, match_p;
	/* The match's word as a LIKE pattern on c.search_text ("% silv%"), which query_walk
	 * puts in place of the match to walk an order's index instead. */
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

/* Filters by custom attributes ("lista", "sim_nao"): campo_<id>=<value> in the query
 * or the form, kept when the value is one the attribute has. */
struct custom_filter {
	int64_t field;
	bool yes_no;
	const char *value;   /* the request's */
};
size_t query_custom_filters(struct request *r, struct custom_filter *out, size_t cap);
/* The valid ones appended to url as campo_<id>=<value> parameters. */
void query_custom_args(struct request *r, struct strbuf *url);
/* The form's values (empty ones and those named in skip, NULL-terminated, left out;
 * `name` given `value` instead, NULL leaving it out) and then the custom filters, as
 * URL parameters appended to url: the same search on another page. */
void query_url_args(struct request *r, const struct form *in, struct strbuf *url,
		    const char *const *skip, const char *name, const char *value);

/* Whether the request's search, filters or order were refused (a rule's error, or a
 * custom attribute's filter that names no filter or no option of it): then why is the
 * message, and the page shows no records and offers no action on "all of them" — a
 * refused input never widens the result. */
bool query_refusal(struct request *r, const struct form *in, struct strbuf *why);
/* For the export and the bulk actions: when query_refusal refuses, the 400 page with its
 * message and a way back to the list (1; -1 when it could not be sent); else 0. Never
 * the whole registry in place of a search that was not understood. */
int query_refused_page(struct request *r, const struct form *in);

/* q->where gets " AND ..." fragments over clients c; the first parameter is the office. */
void query_build(struct request *r, const struct form *in, bool trash, struct query *q);
void query_add_int(struct query *q, int64_t v);
void query_add_str(struct query *q, const char *v);
/* The first n parameters of from appended to to (copies). */
void query_add_params(struct query *to, const struct query *from, size_t n);
void query_bind(struct db_stmt *st, const struct query *q);
void query_free(struct query *q);
/* q with the search's match replaced by the walk's patterns: where and parameters for
 * reading a page by walking an order's index (after query_build with a match). */
void query_walk(const struct query *q, struct query *walk);
const char *query_order(const char *ordem);
/* Whether the list is in name order (what client_prefixes is sorted by). */
bool query_by_name(const char *ordem);
const char *query_order_index(const char *ordem);

#endif
