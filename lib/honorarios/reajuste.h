/* reajuste: a percentage (the IGP-M or IPCA the office types) applied to the active
 * plans of chosen clients, from a competência on — previewed line by line, then applied
 * by the same code, each plan changed with its audit; the value before it is kept for the
 * competências before it (a month generated later gets the value it had; reajustes
 * count in the order of their competências). Fees already generated keep their
 * value unless asked: then the open ones (no payment yet) from that competência on move
 * with their plan, its 13ºs too. Money stays integer: value × (10000 + basis points) / 10000, rounded
 * half up to the centavo. */
#ifndef PORTAL_REAJUSTE_H
#define PORTAL_REAJUSTE_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

/* "4,5", "4,50", "-0,3", "10": a percentage with up to 2 decimals, -50..+100, as basis
 * points (hundredths of a percent). */
bool reajuste_parse_percent(const char *s, int *bp);
/* The value after the percentage (half up; never below one centavo). */
int64_t reajuste_value(int64_t centavos, int bp);

struct reajuste {
	int bp;              /* basis points */
	int from_ym;         /* fee.h competência */
	bool fees_too;       /* also the open fees from from_ym on */
};

struct reajuste_totals {
	int64_t plans, old_sum, new_sum;      /* active plans of the clients, monthly values */
	int64_t fees, fees_old, fees_new;     /* open fees moved (fees_too) */
};

/* How many of the selection's active plans already have a reajuste from q->from_ym or
 * later (reajustes count in the order of their months: a new one must come after), or
 * -1. */
int64_t reajuste_conflicts(struct request *r, const struct reajuste *q, int64_t selection);

/* The plans of the selection's clients: counted into t, and the first `show` of them on
 * the page as Preview.N (client, description, old, new). apply: written too, in the
 * caller's transaction. 0 or -1. */
int reajuste_run(struct request *r, const struct reajuste *q, int64_t selection, bool apply,
		 int show, struct reajuste_totals *t);

#endif
