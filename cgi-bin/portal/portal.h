/* portal: the office's clients — their login (and the e-mailed links that set its
 * password), their fees with the PIX to pay them and the receipts of the paid ones, and
 * their own registration data. A realm apart from the staff pages (lib/web/portal_session.h):
 * every page shows only the logged-in client's own records. */
#ifndef PORTAL_AREA_H
#define PORTAL_AREA_H

#include "web/app.h"
#include "web/form.h"
#include "honorarios/fee.h"
#include "web/request.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const struct form_rule entrar_get_rules[], entrar_post_rules[], senha_rules[],
	acesso_get_rules[], acesso_post_rules[], dados_rules[], honorarios_rules[],
	atualizar_rules[], atualizar_salvar_rules[];

int entrar_get(struct request *r, const struct form *in);
int entrar_post(struct request *r, const struct form *in);
int sair_post(struct request *r, const struct form *in);
int senha_get(struct request *r, const struct form *in);
int senha_post(struct request *r, const struct form *in);
int acesso_get(struct request *r, const struct form *in);
int acesso_post(struct request *r, const struct form *in);
int inicio_get(struct request *r, const struct form *in);
int dados_get(struct request *r, const struct form *in);
int dados_post(struct request *r, const struct form *in);
int honorarios_get(struct request *r, const struct form *in);
int honorario_get(struct request *r, const struct form *in);
int recibo_get(struct request *r, const struct form *in);
int pix_png_get(struct request *r, const struct form *in);
int atualizar_get(struct request *r, const struct form *in);
int atualizar_post(struct request *r, const struct form *in);
int atualizar_salvar_post(struct request *r, const struct form *in);

/* comum.c: one of the logged-in client's fees (404 for any other): 1, 0 sent 404, -1. */
struct fee;
int own_fee(struct request *r, struct fee *f);

/* The columns every list of fees selects (FEE_COLUMNS; today bound first), and its rows
 * into the page under prefix: id, competencia, description (a 13º named as such),
 * amount, open, due, status, overdue, soon (unpaid and due within DUE_SOON_DAYS or
 * overdue: "a pagar"; later ones are "a vencer"), unpaid, paid_on, and pix (the "copia
 * e cola" of an unpaid fee, when pix is given and the office has a key). The count or
 * -1. */
#define DUE_SOON_DAYS 30
#define FEE_COLUMNS \
	"id, DATE_FORMAT(competencia, '%m/%Y'), " FEE_LABEL_SQL("") ", amount, amount - paid," \
	" DATE_FORMAT(due_date, '%d/%m/%Y'), status, DATEDIFF(due_date, ?)," \
	" DATE_FORMAT(paid_on, '%d/%m/%Y')"
struct office_pix;
struct db_stmt;
int fee_rows(struct request *r, struct db_stmt *st, const char *prefix,
	     const struct office_pix *pix);

/* A client's record on a form of some of its fields (comum.c): the read-only ones
 * (shown) into Client.<field>, the editable ones into Form.Values.<field> — as typed
 * when typed is given (a refused form), else as the record holds them —, the version
 * and the UFs. */
struct client;
void client_fields_to_page(struct request *r, const struct client *c, const int *shown,
			   size_t nshown, const int *editable, size_t neditable,
			   const struct fields *typed);
/* c becomes old with the request's form values in the editable fields, each validated by
 * the registry's rules (its error beside it): 0, the number refused, or -1. */
int client_fields_apply(struct request *r, const struct client *old, struct client *c,
			const int *editable, size_t neditable);
bool client_same(const struct client *a, const struct client *b);

#endif
