/* cadastro: the client registry (nginx location /clientes). */
#ifndef CADASTRO_H
#define CADASTRO_H

#include "web/app.h"
#include "cadastro/client.h"
#include "web/form.h"
#include "web/request.h"

extern const struct form_rule etiquetas_rules[], lista_rules[], editar_rules[], nota_rules[], acao_rules[],
	lote_rules[], exportar_rules[], auditoria_rules[], campos_rules[], historico_rules[],
	portal_rules[], portal_acao_rules[], atualizar_revogar_rules[], atualizar_lote_rules[],
	atualizar_decidir_rules[], tarefa_rules[], campo_cliente_rules[];

int lista_get(struct request *r, const struct form *in);
int lixeira_get(struct request *r, const struct form *in);
int lote_post(struct request *r, const struct form *in);
int tarefa_get(struct request *r, const struct form *in);
int tarefa_reenviar_post(struct request *r, const struct form *in);
int exportar_get(struct request *r, const struct form *in);
int auditoria_get(struct request *r, const struct form *in);
int campos_get(struct request *r, const struct form *in);
int campos_post(struct request *r, const struct form *in);
int campo_cliente_post(struct request *r, const struct form *in);
int campo_desativar_post(struct request *r, const struct form *in);
int novo_get(struct request *r, const struct form *in);
int novo_post(struct request *r, const struct form *in);
int editar_get(struct request *r, const struct form *in);
int editar_post(struct request *r, const struct form *in);
int ficha_get(struct request *r, const struct form *in);
/* The profile of the path's client with status (a refused note or tag comes back on it,
 * with Form.Values and a flash set by the caller). */
int ficha_page(struct request *r, int status);
int historico_get(struct request *r, const struct form *in);
int nota_post(struct request *r, const struct form *in);
int lixeira_post(struct request *r, const struct form *in);
int restaurar_post(struct request *r, const struct form *in);
int ativar_post(struct request *r, const struct form *in);
int desativar_post(struct request *r, const struct form *in);
int excluir_post(struct request *r, const struct form *in);
int portal_post(struct request *r, const struct form *in);
int portal_acao_post(struct request *r, const struct form *in);
int atualizar_post(struct request *r, const struct form *in);
int atualizar_revogar_post(struct request *r, const struct form *in);
int atualizar_lote_get(struct request *r, const struct form *in);
int atualizar_decidir_post(struct request *r, const struct form *in);
int atualizar_lote_post(struct request *r, const struct form *in);

int etiquetas_post(struct request *r, const struct form *in);

/* Shared by the pages: the staff of the office (for "responsável") and the tags, into
 * the page data as Staff.N.id/.name and Tags.N.id/.name. */
int cadastro_staff_and_tags(struct request *r);
/* The record of the path (/clientes/N...) into c: 1; 0 when the office has none (the 404
 * page is sent, exactly as for an id that never existed) or when the record is in the
 * trash and the route would change it (a 409 page saying so: trashed records are
 * read-only except for restoring and purging, enforced here for every route); -1 on an
 * error. */
int cadastro_path_client(struct request *r, struct client *c);
/* The client form's portal fields (portal.c): portal_email (the main e-mail when empty)
 * and portal_enviar ("Enviar e-mail com dados de acesso"). Why the e-mail is refused
 * (NULL: fine, or not asked); after the record is saved, in its transaction, the login
 * made (or found) and its link sent: 1 not asked, 2 sent, 3 the login is blocked (nothing
 * sent), 0 the e-mail is another client's login (PORTAL_EMAIL_TAKEN: roll back), -1. */
#define PORTAL_EMAIL_TAKEN "Este e-mail já é o login de outro cliente no portal. Cada acesso tem o seu e-mail."
const char *portal_form_error(struct request *r, const struct client *c);
int portal_form_grant(struct request *r, const struct client *c);
/* A record's values into Client.<field> (stored) and Client.<field>_fmt (for people). */
void cadastro_set_client(struct request *r, const struct client *c);

#endif
