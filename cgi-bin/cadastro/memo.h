/* memo: what a cadastro worker keeps between requests, valid for one version of an
 * office's registry (client_counts.version). */
#ifndef CADASTRO_MEMO_H
#define CADASTRO_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/memo.h"
#include "web/request.h"

struct registry {
	int64_t active, inactive, trashed;   /* exact counts of the office's records */
	int64_t version;
};

/* The office's counts (client_counts) for the request's registry version. */
int memo_registry(struct request *r, struct registry *out);


/* An active staff member's name from the choices cadastro_staff_and_tags put on this
 * request's page (NULL when not among them). */
const char *memo_staff_name(struct request *r, int64_t id);

/* The office's custom attributes the list filters by (kinds "lista" and "sim_nao"). */
#define CUSTOM_FILTERS_MAX 10
#define CUSTOM_FILTERS_MAX_SQL "10"

struct memo_filter {
	int64_t id;
	bool yes_no;      /* sim_nao: "1" or "0"; else lista */
	char *name;
	char *options;    /* lista: one per line */
};

/* Valid until the next request; NULL (with *n unset) on a database error. */
const struct memo_filter *memo_filters(struct request *r, size_t *n);

#endif
