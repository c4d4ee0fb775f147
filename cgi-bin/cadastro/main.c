/* cadastro: the client registry. */
#include "cadastro.h"

static const struct route routes[] = {
	{ "GET", "/clientes", lista_get, ROUTE_STAFF, lista_rules },
	{ "POST", "/clientes/lote", lote_post, ROUTE_STAFF, lote_rules },
	{ "GET", "/clientes/tarefas/#", tarefa_get, ROUTE_STAFF, tarefa_rules },
	{ "POST", "/clientes/tarefas/#/reenviar", tarefa_reenviar_post, ROUTE_STAFF, NULL },
	{ "GET", "/clientes/lixeira", lixeira_get, ROUTE_STAFF, lista_rules },
	{ "GET", "/clientes/exportar", exportar_get, ROUTE_STAFF, exportar_rules },
	{ "GET", "/clientes/auditoria", auditoria_get, ROUTE_ADMIN, auditoria_rules },
	{ "GET", "/clientes/campos", campos_get, ROUTE_ADMIN, NULL },
	{ "POST", "/clientes/campos", campos_post, ROUTE_ADMIN, campos_rules },
	{ "POST", "/clientes/campos/#/desativar", campo_desativar_post, ROUTE_ADMIN, acao_rules },
	{ "POST", "/clientes/campos/#/cliente", campo_cliente_post, ROUTE_ADMIN, campo_cliente_rules },
	{ "GET", "/clientes/atualizar", atualizar_lote_get, ROUTE_STAFF, atualizar_lote_rules },
	{ "POST", "/clientes/atualizar", atualizar_lote_post, ROUTE_STAFF, atualizar_lote_rules },
	{ "GET", "/clientes/novo", novo_get, ROUTE_STAFF, NULL },
	{ "POST", "/clientes/novo", novo_post, ROUTE_STAFF, editar_rules },
	{ "GET", "/clientes/#", ficha_get, ROUTE_STAFF, NULL },
	{ "GET", "/clientes/#/historico", historico_get, ROUTE_STAFF, historico_rules },
	{ "GET", "/clientes/#/editar", editar_get, ROUTE_STAFF, NULL },
	{ "POST", "/clientes/#/editar", editar_post, ROUTE_STAFF, editar_rules },
	{ "POST", "/clientes/#/notas", nota_post, ROUTE_STAFF, nota_rules },
	{ "POST", "/clientes/#/etiquetas", etiquetas_post, ROUTE_STAFF, etiquetas_rules },
	{ "POST", "/clientes/#/lixeira", lixeira_post, ROUTE_STAFF, acao_rules },
	{ "POST", "/clientes/#/restaurar", restaurar_post, ROUTE_STAFF, acao_rules },
	{ "POST", "/clientes/#/ativar", ativar_post, ROUTE_STAFF, acao_rules },
	{ "POST", "/clientes/#/desativar", desativar_post, ROUTE_STAFF, acao_rules },
	{ "POST", "/clientes/#/excluir", excluir_post, ROUTE_ADMIN, acao_rules },
	{ "POST", "/clientes/#/portal", portal_post, ROUTE_STAFF, portal_rules },
	{ "POST", "/clientes/#/portal/acao", portal_acao_post, ROUTE_STAFF, portal_acao_rules },
	{ "POST", "/clientes/#/atualizar", atualizar_post, ROUTE_STAFF, NULL },
	{ "POST", "/clientes/#/atualizar/revogar", atualizar_revogar_post, ROUTE_STAFF,
	  atualizar_revogar_rules },
	{ "POST", "/clientes/#/atualizar/decidir", atualizar_decidir_post, ROUTE_STAFF,
	  atualizar_decidir_rules },
};

int main(int argc, char **argv)
{
	const struct app app = { .area = "cadastro", .routes = routes,
				 .nroutes = sizeof routes / sizeof *routes };
	return app_main(argc, argv, &app);
}
