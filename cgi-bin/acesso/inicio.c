/* The start page after login: the office, the user and the areas. */
#include "acesso.h"
#include "web/page.h"

int inicio_get(struct request *r, const struct form *in)
{
	(void)in;
	return page_render(r, 200, "inicio.cs", "Início");
}
