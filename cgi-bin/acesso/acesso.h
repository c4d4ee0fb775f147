/* acesso: staff log in and out (with a second factor), forgotten password and
 * invitations, the start page, my account, the team, the office's settings. */
#ifndef ACESSO_H
#define ACESSO_H

#include "web/app.h"
#include "web/form.h"
#include "web/request.h"

extern const struct form_rule entrar_get_rules[], entrar_post_rules[], sair_rules[],
	senha_rules[], senha_nova_get_rules[], senha_nova_post_rules[], entrar_codigo_rules[],
	conta_nome_rules[], conta_senha_rules[], conta_sessao_rules[], segundo_fator_rules[],
	equipe_convidar_rules[], equipe_papel_rules[], equipe_acao_rules[], escritorio_rules[],
	escritorio_logo_rules[], escritorio_logo_get_rules[], escritorio_pix_rules[],
	escritorio_feriado_rules[], escritorio_feriado_remover_rules[], escritorio_atualizar_rules[];

/* The login throttle (lib/acesso/login.h) counts the password and the second factor. */
#include "acesso/login.h"

/* Between the password and the code: a cookie names a login_challenges row. */
#define CHALLENGE_COOKIE "entrada"
#define LOGIN_CHALLENGE_MINUTES 5

int inicio_get(struct request *r, const struct form *in);
int entrar_get(struct request *r, const struct form *in);
int entrar_post(struct request *r, const struct form *in);
int sair_get(struct request *r, const struct form *in);
int sair_post(struct request *r, const struct form *in);
int senha_get(struct request *r, const struct form *in);
int senha_post(struct request *r, const struct form *in);
int senha_nova_get(struct request *r, const struct form *in);
int senha_nova_post(struct request *r, const struct form *in);
int entrar_codigo_get(struct request *r, const struct form *in);
int entrar_codigo_post(struct request *r, const struct form *in);
int conta_get(struct request *r, const struct form *in);
int conta_nome_post(struct request *r, const struct form *in);
int conta_senha_post(struct request *r, const struct form *in);
int conta_sessao_post(struct request *r, const struct form *in);
int segundo_fator_get(struct request *r, const struct form *in);
int segundo_fator_post(struct request *r, const struct form *in);
int segundo_fator_qr_get(struct request *r, const struct form *in);
int equipe_get(struct request *r, const struct form *in);
int equipe_convidar_post(struct request *r, const struct form *in);
int equipe_membro_get(struct request *r, const struct form *in);
int equipe_papel_post(struct request *r, const struct form *in);
int equipe_desativar_post(struct request *r, const struct form *in);
int equipe_reativar_post(struct request *r, const struct form *in);
int equipe_reenviar_post(struct request *r, const struct form *in);
int equipe_fator_post(struct request *r, const struct form *in);
int escritorio_get(struct request *r, const struct form *in);
int escritorio_post(struct request *r, const struct form *in);
int escritorio_logo_post(struct request *r, const struct form *in);
int escritorio_logo_remover_post(struct request *r, const struct form *in);
int escritorio_logo_get(struct request *r, const struct form *in);
int escritorio_pix_post(struct request *r, const struct form *in);
int escritorio_feriado_post(struct request *r, const struct form *in);
int escritorio_feriado_remover_post(struct request *r, const struct form *in);
/* The office's own holidays into Holidays.N of the page. 0 or -1. */
int escritorio_feriados_to_page(struct request *r);
/* The office's page again after a refused section (its typed fields shown back). */
int escritorio_page(struct request *r, int status, const struct form *typed);
/* escritorio_atualizar.c: the "Atualizar cadastro" section's stored values. 0 or -1. */
int escritorio_atualizar_to_page(struct request *r);
int escritorio_atualizar_post(struct request *r, const struct form *in);

#endif
