/* feepix: the office's PIX receiving data (offices.pix_*) and the PIX "copia e cola" of
 * an open fee — the static BR Code for what is left to pay, identified by the fee
 * ("HON" + its id) — for the staff's fee page and the client portal. */
#ifndef PORTAL_FEEPIX_H
#define PORTAL_FEEPIX_H

#include <stdint.h>

#include "base/strbuf.h"
#include "web/request.h"

struct office_pix {
	char *key, *key_type, *name, *city;   /* owned; "" when not set */
};

/* 1 loaded (key may be ""), -1. */
int office_pix_load(struct request *r, struct office_pix *p);
void office_pix_free(struct office_pix *p);

/* Appends the BR Code of fee_id for centavos to out: 1 done, 0 the office has no PIX key,
 * -1. */
int fee_pix_code(const struct office_pix *p, int64_t fee_id, int64_t centavos,
		 struct strbuf *out);

struct fee;
/* Answers the QR code (PNG) of an unpaid fee's PIX code, or 404 when it has none (paid,
 * cancelled, the office has no key). The caller checked the fee may be shown. 0 or -1. */
int fee_pix_png(struct request *r, const struct fee *f);

#endif
