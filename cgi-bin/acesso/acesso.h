/* acesso: staff log in and out, forgotten password, the start page. */
#ifndef ACESSO_H
#define ACESSO_H

#include "app.h"
#include "form.h"
#include "request.h"

extern const struct form_rule entrar_get_rules[], entrar_post_rules[], sair_rules[],
	senha_rules[], senha_nova_get_rules[], senha_nova_post_rules[];

int inicio_get(struct request *r, const struct form *in);
int entrar_get(struct request *r, const struct form *in);
int entrar_post(struct request *r, const struct form *in);
int sair_get(struct request *r, const struct form *in);
int sair_post(struct request *r, const struct form *in);
int senha_get(struct request *r, const struct form *in);
int senha_post(struct request *r, const struct form *in);
int senha_nova_get(struct request *r, const struct form *in);
int senha_nova_post(struct request *r, const struct form *in);

#endif
