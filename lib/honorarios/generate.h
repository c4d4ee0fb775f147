/* generate: the fees of a run — chosen clients × months — computed once for the
 * preview and again for the run by the same code, so the preview is what is written.
 * Each fee exists once (fees_once, a unique key): a run skips what exists and INSERT
 * IGNORE makes two runs at the same time still write each fee once. A small run is
 * written inside the request; a large one is a job the worker does in batches. */
#ifndef PORTAL_GENERATE_H
#define PORTAL_GENERATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

#define GEN_MAX_MONTHS 60

struct gen_params {
	int first_ym, months;       /* competências first_ym .. first_ym + months - 1 */
	/* > 0: a value typed for this run: one fee per client and month (no plan), due on
	 * due_day, skipped where the client has a monthly fee of that competência already.
	 * 0: every active plan of each client makes its own fees (and its 13º). */
	int64_t amount;
	int due_day;
	const char *description;    /* the typed run's fees ("Honorários" when empty) */
};

struct gen_totals {
	int64_t clients;            /* clients looked at */
	int64_t without_plan;       /* clients with nothing to generate (no plan in the run) */
	int64_t fees, sum;          /* fees to make (preview) or made (run), and their total */
	int64_t existing;           /* fees that exist already and are skipped */
};

/* One client's share of the run, for the preview's lines. */
struct gen_client {
	int64_t client_id, fees, sum, existing;
};

/* The run for clients ids[0..n) of the request's office (other offices' ids, trashed
 * records: left out): adds to t, and to per[i] when per is not NULL (one per id, in
 * order). generation 0: only counts (the preview). Otherwise writes the fees, tagged
 * with that generation, with one audit event per client that got some, in the caller's
 * transaction. 0 or -1. */
int gen_clients(struct request *r, const struct gen_params *p, const int64_t *ids, size_t n,
		int64_t generation, struct gen_totals *t, struct gen_client *per);

/* More fees than this (clients × months) make a job for the worker. */
#define GEN_INLINE_FEES 2400
/* A generation of the request's office and user for the clients of a selection
 * (cadastro/selection.h) of `clients` records, in the caller's transaction: a small one
 * is written now (its row says done), a large one is queued for the worker. Its number
 * as the office counts them (its page is /honorarios/geracoes/<number>); 0 when the run
 * makes no fee — then nothing is recorded (the caller rolls back: a small run's row goes
 * with it); or -1 (db_conflict: lost to another run at the same time; worth trying
 * again). */
int64_t gen_start(struct request *r, const struct gen_params *p, int64_t selection,
		  int64_t clients);
/* The worker's part: claims the oldest unfinished generation and makes the fees of its
 * next clients in one transaction. 1 did some work, 0 nothing waits, -1 error. */
int gen_work(struct db *db);

/* The 13º of a plan for year (issue 26 #10). It is billed with the competência of the
 * 13º's month (month, 1..12), or with the plan's last month when the plan ends before
 * that month in that year. Proportional: amount × the months of the year in which the
 * plan is active up to that competência (inclusive) / 12, rounded half up; integral:
 * amount, except for a plan that ends before its 13º month, which bills the
 * proportional 13º too. The amount (0: the plan has no 13º that year — not active up to
 * it) and *ym, *months (the months counted; 12 for an integral one). end_ym 0: no end. */
int64_t gen_thirteenth(int64_t amount, bool proportional, int start_ym, int end_ym, int month,
		       int year, int *ym, int *months);

#endif
