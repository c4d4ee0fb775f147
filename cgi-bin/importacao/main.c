/* importacao: the import of spreadsheets of clients, one file per page. */
#include "importacao.h"

static const struct route routes[] = {
	{ "GET", "/importacao", inicio_get, ROUTE_STAFF, NULL },
	{ "POST", "/importacao", enviar_post, ROUTE_STAFF, NULL },
	{ "GET", "/importacao/modelo", modelo_get, ROUTE_STAFF, modelo_rules },
	{ "GET", "/importacao/#", importacao_get, ROUTE_STAFF, NULL },
	{ "POST", "/importacao/#/mapa", mapa_post, ROUTE_STAFF, mapa_rules },
	{ "POST", "/importacao/#/importar", importar_post, ROUTE_STAFF, importar_rules },
	{ "POST", "/importacao/#/desfazer", desfazer_post, ROUTE_STAFF, acao_rules },
	{ "GET", "/importacao/#/resultado", resultado_get, ROUTE_STAFF, resultado_rules },
};

int main(int argc, char **argv)
{
	const struct app app = { .area = "importacao", .routes = routes,
				 .nroutes = sizeof routes / sizeof *routes,
				 .upload_limit = "Import.MaxBytes" };
	return app_main(argc, argv, &app);
}
