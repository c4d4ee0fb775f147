/* portal: the office's clients on /portal, one file per page. */
#include "portal.h"

#define CLIENT ROUTE_CLIENT

static const struct route routes[] = {
	{ "GET", "/portal", inicio_get, CLIENT, NULL },
	{ "GET", "/portal/entrar", entrar_get, ROUTE_PUBLIC, entrar_get_rules },
	{ "POST", "/portal/entrar", entrar_post, ROUTE_PUBLIC, entrar_post_rules },
	{ "POST", "/portal/sair", sair_post, CLIENT, NULL },
	{ "GET", "/portal/senha", senha_get, ROUTE_PUBLIC, NULL },
	{ "POST", "/portal/senha", senha_post, ROUTE_PUBLIC, senha_rules },
	{ "GET", "/portal/acesso", acesso_get, ROUTE_PUBLIC, acesso_get_rules },
	{ "POST", "/portal/acesso", acesso_post, ROUTE_PUBLIC, acesso_post_rules },
	{ "GET", "/portal/dados", dados_get, CLIENT, NULL },
	{ "POST", "/portal/dados", dados_post, CLIENT, dados_rules },
	{ "GET", "/portal/honorarios", honorarios_get, CLIENT, honorarios_rules },
	{ "GET", "/portal/honorarios/#", honorario_get, CLIENT, NULL },
	{ "GET", "/portal/honorarios/#/recibo", recibo_get, CLIENT, NULL },
	{ "GET", "/portal/honorarios/#/pix.png", pix_png_get, CLIENT, NULL },
	{ "GET", "/portal/atualizar", atualizar_get, ROUTE_PUBLIC, atualizar_rules },
	{ "POST", "/portal/atualizar", atualizar_post, ROUTE_PUBLIC, atualizar_rules },
	{ "POST", "/portal/atualizar/salvar", atualizar_salvar_post, ROUTE_PUBLIC, atualizar_salvar_rules },
};

int main(int argc, char **argv)
{
	const struct app app = { .area = "portal", .routes = routes,
				 .nroutes = sizeof routes / sizeof *routes, .clients = true };
	return app_main(argc, argv, &app);
}
