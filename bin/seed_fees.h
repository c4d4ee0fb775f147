/* seed_fees: the demo office's money, so that a newcomer's honorários pages are not
 * empty: a plan for some of its clients, their fees from six months ago to five months
 * ahead made by the real generation (honorarios/generate.h), most past ones received,
 * a few left overdue, and a PIX key (the central bank's example random key). */
#ifndef PORTAL_SEED_FEES_H
#define PORTAL_SEED_FEES_H

struct db;

/* Only when the office has no plan yet (so running it again adds nothing). The
 * generation and payments are attributed to the member with that e-mail. 0 or -1. */
int seed_fees_if_none(struct db *db, const char *office_slug, const char *member_email);

#endif
