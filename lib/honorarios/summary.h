/* summary: the office's day for the start page — TOTAL A RECEBER and vencido, the fees
 * due this week, the last payments, the clients without a plan, the latest imports and
 * jobs — put on the page under Home.*. The most visited page: what it shows is
 * remembered (base/memo.h) for the office's versions of its fees and registry, and at
 * most a minute (imports and jobs move without a version). */
#ifndef PORTAL_SUMMARY_H
#define PORTAL_SUMMARY_H

#include "web/request.h"

/* 0 or -1. */
int fee_home_to_page(struct request *r);

#endif
