/* acesso: the default area (nginx location /). */
#include "acesso.h"

static const struct route routes[] = {
	{ "GET", "/", inicio_get, ROUTE_STAFF, NULL },
	{ "GET", "/entrar", entrar_get, ROUTE_PUBLIC, entrar_get_rules },
	{ "POST", "/entrar", entrar_post, ROUTE_PUBLIC, entrar_post_rules },
	{ "GET", "/sair", sair_get, ROUTE_PUBLIC, NULL },
	{ "POST", "/sair", sair_post, ROUTE_PUBLIC, sair_rules },
	{ "GET", "/senha", senha_get, ROUTE_PUBLIC, NULL },
	{ "POST", "/senha", senha_post, ROUTE_PUBLIC, senha_rules },
	{ "GET", "/senha/nova", senha_nova_get, ROUTE_PUBLIC, senha_nova_get_rules },
	{ "POST", "/senha/nova", senha_nova_post, ROUTE_PUBLIC, senha_nova_post_rules },
};

int main(int argc, char **argv)
{
	const struct app app = { "acesso", routes, sizeof routes / sizeof *routes };
	return app_main(argc, argv, &app);
}
