/* receipt: a paid fee's recibo, the same for the client portal and the staff's fee page:
 * the office (name, CNPJ, address), who paid, the amount in figures and in words, what
 * it pays (description, competência), its payments, the city and date, and a number
 * people can read and quote ("2026/000125": the year of the payment and the fee's id,
 * so it never changes while the payment stands). */
#ifndef PORTAL_RECEIPT_H
#define PORTAL_RECEIPT_H

#include "web/request.h"

struct fee;
/* The receipt of f (a paid fee of the request's office) into Receipt.* and
 * Payments.N.*, for lib/web/templates/recibo_corpo.cs. 0 or -1. */
int fee_receipt_to_page(struct request *r, const struct fee *f);

#endif
