/* The start page after login: the office's day (honorarios/summary.h) and the areas. */
#include "acesso.h"
#include "honorarios/summary.h"
#include "web/page.h"

int inicio_get(struct request *r, const struct form *in)
{
	(void)in;
	if (fee_home_to_page(r, "inicio_dia.cs") < 0)
		return -1;
	return page_render(r, 200, "inicio.cs", "Início");
}
