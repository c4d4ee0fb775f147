/* summary: the office's day for the start page — TOTAL A RECEBER and vencido, the fees
 * due this week, the last payments, the clients without a plan, the latest imports and
 * jobs. The most visited page: the part that shows them is rendered from Home.* and
 * remembered as HTML (web/page.h parts, base/memo.h) for the office's versions of its
 * fees and registry, and at most a minute (imports and jobs move without a version). */
#ifndef PORTAL_SUMMARY_H
#define PORTAL_SUMMARY_H

#include <stdint.h>

#include "web/request.h"

/* The part "dia" of the page (Part.dia), rendered by the area's template `part` from
 * Home.*. 0 or -1. */
int fee_home_to_page(struct request *r, const char *part);

/* A client's financial card for its profile (Finance.*): what it owes, of which overdue,
 * its next open fees, its active plans' monthly total. 0 or -1. */
int fee_client_to_page(struct request *r, int64_t client_id);

#endif
