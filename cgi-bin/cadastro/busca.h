/* busca: the WHERE and ORDER BY of the client list from its validated inputs (q, status,
 * tipo, pessoa, regime, responsavel, etiqueta, ordem). */
#ifndef CADASTRO_BUSCA_H
#define CADASTRO_BUSCA_H

#include <stdbool.h>
#include <stdint.h>

#include "cadastro/search.h"
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
/* q with the search's match replaced by the walk's patterns: where and parameters for
 * reading a page by walking an order's index (after query_build with a match). */
void query_walk(const struct query *q, struct query *walk);
const char *query_order(const char *ordem);
/* Whether the list is in name order (what client_prefixes is sorted by). */
bool query_by_name(const char *ordem);
const char *query_order_index(const char *ordem);

#endif
