/* GET /honorarios/N/recibo: a paid fee's receipt, printable on A4 (the one its client
 * sees in the portal: lib/honorarios/receipt.c). */
#include <string.h>

#include "honorarios.h"
#include "honorarios/fee.h"
#include "honorarios/receipt.h"
#include "web/page.h"

int honorario_recibo_get(struct request *r, const struct form *in)
{
	(void)in;
	struct fee f;
	int got = fee_load(r, r->path_id, &f);
	if (got < 0)
		return -1;
	if (got == 0)
		return page_error(r, 404, NULL);
	int rc;
	if (strcmp(f.status, "recebido") != 0)
		rc = page_error(r, 404, "Este honorário não está pago: o recibo existe depois que o "
				"pagamento quita o honorário.");
	else
		rc = fee_receipt_to_page(r, &f) < 0 ? -1 : page_render(r, 200, "recibo.cs", "Recibo");
	fee_free(&f);
	return rc;
}
