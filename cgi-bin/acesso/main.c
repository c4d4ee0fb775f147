/* acesso: the default area (nginx location /): staff login with its second step, the
 * start page, my account, the team and the office's settings. */
#include "acesso.h"

#define STAFF ROUTE_STAFF
#define ADMIN (ROUTE_STAFF | ROUTE_ADMIN)
#define SETUP (ROUTE_STAFF | ROUTE_SETUP)

static const struct route routes[] = {
	{ "GET", "/", inicio_get, STAFF, NULL },
	{ "GET", "/entrar", entrar_get, ROUTE_PUBLIC, entrar_get_rules },
	{ "POST", "/entrar", entrar_post, ROUTE_PUBLIC, entrar_post_rules },
	{ "GET", "/entrar/codigo", entrar_codigo_get, ROUTE_PUBLIC, NULL },
	{ "POST", "/entrar/codigo", entrar_codigo_post, ROUTE_PUBLIC, entrar_codigo_rules },
	{ "GET", "/sair", sair_get, ROUTE_PUBLIC | ROUTE_SETUP, NULL },
	{ "POST", "/sair", sair_post, ROUTE_PUBLIC | ROUTE_SETUP, sair_rules },
	{ "GET", "/senha", senha_get, ROUTE_PUBLIC, NULL },
	{ "POST", "/senha", senha_post, ROUTE_PUBLIC, senha_rules },
	{ "GET", "/senha/nova", senha_nova_get, ROUTE_PUBLIC, senha_nova_get_rules },
	{ "POST", "/senha/nova", senha_nova_post, ROUTE_PUBLIC, senha_nova_post_rules },

	{ "GET", "/conta", conta_get, STAFF, NULL },
	{ "POST", "/conta/nome", conta_nome_post, STAFF, conta_nome_rules },
	{ "POST", "/conta/senha", conta_senha_post, STAFF, conta_senha_rules },
	{ "POST", "/conta/sessoes/encerrar", conta_sessao_post, STAFF, conta_sessao_rules },
	{ "GET", "/conta/segundo-fator", segundo_fator_get, SETUP, NULL },
	{ "POST", "/conta/segundo-fator", segundo_fator_post, SETUP, segundo_fator_rules },
	{ "GET", "/conta/segundo-fator/qr.svg", segundo_fator_qr_get, SETUP, NULL },

	{ "GET", "/equipe", equipe_get, ADMIN, NULL },
	{ "POST", "/equipe/convidar", equipe_convidar_post, ADMIN, equipe_convidar_rules },
	{ "GET", "/equipe/#", equipe_membro_get, ADMIN, NULL },
	{ "POST", "/equipe/#/papel", equipe_papel_post, ADMIN, equipe_papel_rules },
	{ "POST", "/equipe/#/desativar", equipe_desativar_post, ADMIN, equipe_acao_rules },
	{ "POST", "/equipe/#/reativar", equipe_reativar_post, ADMIN, equipe_acao_rules },
	{ "POST", "/equipe/#/reenviar", equipe_reenviar_post, ADMIN, equipe_acao_rules },
	{ "POST", "/equipe/#/segundo-fator", equipe_fator_post, ADMIN, equipe_acao_rules },

	{ "GET", "/escritorio", escritorio_get, ADMIN, NULL },
	{ "POST", "/escritorio", escritorio_post, ADMIN, escritorio_rules },
	{ "POST", "/escritorio/logo", escritorio_logo_post, ADMIN, escritorio_logo_rules },
	{ "POST", "/escritorio/pix", escritorio_pix_post, ADMIN, escritorio_pix_rules },
	{ "POST", "/escritorio/feriados", escritorio_feriado_post, ADMIN, escritorio_feriado_rules },
	{ "POST", "/escritorio/atualizar", escritorio_atualizar_post, ADMIN, escritorio_atualizar_rules },
	{ "POST", "/escritorio/feriados/remover", escritorio_feriado_remover_post, ADMIN,
	  escritorio_feriado_remover_rules },
	{ "POST", "/escritorio/logo/remover", escritorio_logo_remover_post, ADMIN,
	  escritorio_logo_rules },
	{ "GET", "/escritorio/logo", escritorio_logo_get, ROUTE_PUBLIC, escritorio_logo_get_rules },
};

int main(int argc, char **argv)
{
	const struct app app = { .area = "acesso", .routes = routes,
				 .nroutes = sizeof routes / sizeof *routes };
	return app_main(argc, argv, &app);
}
