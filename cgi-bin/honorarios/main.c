/* honorarios: fee plans, generating the monthly fees, and following them to payment
 * (the receivables), one file per page. */
#include "honorarios.h"

static const struct route routes[] = {
	{ "GET", "/honorarios", inicio_get, ROUTE_STAFF, NULL },
	{ "GET", "/honorarios/recebimentos", recebimentos_get, ROUTE_STAFF, recebimentos_rules },
	{ "GET", "/honorarios/recebimentos/exportar", recebimentos_exportar_get, ROUTE_STAFF,
	  recebimentos_exportar_rules },
	{ "POST", "/honorarios/recebimentos/lote", lote_post, ROUTE_STAFF, lote_rules },
	{ "GET", "/honorarios/#", honorario_get, ROUTE_STAFF, NULL },
	{ "GET", "/honorarios/#/pix.png", honorario_pix_png, ROUTE_STAFF, NULL },
	{ "GET", "/honorarios/#/recibo", honorario_recibo_get, ROUTE_STAFF, NULL },
	{ "POST", "/honorarios/#/pagamento", pagamento_post, ROUTE_STAFF, pagamento_rules },
	{ "POST", "/honorarios/#/cancelar", cancelar_post, ROUTE_STAFF, cancelar_rules },
	{ "POST", "/honorarios/#/abater", abater_post, ROUTE_STAFF, abater_rules },
	{ "POST", "/honorarios/#/reabrir", reabrir_post, ROUTE_STAFF, reabrir_rules },
	{ "POST", "/honorarios/#/situacao", situacao_post, ROUTE_STAFF, situacao_rules },
	{ "POST", "/honorarios/#/nota", nota_post, ROUTE_STAFF, nota_rules },
	{ "GET", "/honorarios/clientes/#", cliente_get, ROUTE_STAFF, cliente_rules },
	{ "POST", "/honorarios/clientes/#/planos", plano_novo_post, ROUTE_STAFF, plano_rules },
	{ "GET", "/honorarios/planos/#", plano_get, ROUTE_STAFF, NULL },
	{ "GET", "/honorarios/planos/lote", planos_lote_get, ROUTE_STAFF, planos_lote_get_rules },
	{ "POST", "/honorarios/planos/lote", planos_lote_post, ROUTE_STAFF, planos_lote_rules },
	{ "POST", "/honorarios/planos/#", plano_post, ROUTE_STAFF, plano_rules },
	{ "GET", "/honorarios/gerar", gerar_get, ROUTE_STAFF, gerar_get_rules },
	{ "POST", "/honorarios/gerar/selecao", gerar_selecao_post, ROUTE_STAFF, gerar_selecao_rules },
	{ "POST", "/honorarios/gerar/previa", gerar_previa_post, ROUTE_STAFF, gerar_rules },
	{ "POST", "/honorarios/gerar", gerar_post, ROUTE_STAFF, gerar_rules },
	{ "GET", "/honorarios/geracoes/#", geracao_get, ROUTE_STAFF, NULL },
	{ "GET", "/honorarios/reajuste", reajuste_get, ROUTE_STAFF, reajuste_get_rules },
	{ "POST", "/honorarios/reajuste/todos", reajuste_todos_post, ROUTE_STAFF, reajuste_todos_rules },
	{ "POST", "/honorarios/reajuste/previa", reajuste_previa_post, ROUTE_STAFF, reajuste_rules },
	{ "POST", "/honorarios/reajuste", reajuste_post, ROUTE_STAFF, reajuste_rules },
};

int main(int argc, char **argv)
{
	const struct app app = { .area = "honorarios", .routes = routes,
				 .nroutes = sizeof routes / sizeof *routes };
	return app_main(argc, argv, &app);
}
