/* honorarios: the office's fees (nginx location /honorarios). */
#ifndef HONORARIOS_H
#define HONORARIOS_H

#include <stdbool.h>
#include <stdint.h>

#include "web/app.h"
#include "web/form.h"
#include "honorarios/fee.h"
#include "web/request.h"

struct db_stmt;

extern const struct form_rule recebimentos_rules[], pagamento_rules[], cancelar_rules[],
	abater_rules[],
	reabrir_rules[],
	situacao_rules[], nota_rules[], cliente_rules[], plano_rules[], gerar_get_rules[],
	gerar_rules[], gerar_selecao_rules[], recebimentos_exportar_rules[], lote_rules[], reajuste_get_rules[],
	reajuste_rules[], reajuste_todos_rules[], planos_lote_get_rules[], planos_lote_rules[];

int inicio_get(struct request *r, const struct form *in);
int recebimentos_get(struct request *r, const struct form *in);
int recebimentos_exportar_get(struct request *r, const struct form *in);
int lote_post(struct request *r, const struct form *in);
int honorario_get(struct request *r, const struct form *in);
int honorario_pix_png(struct request *r, const struct form *in);
int honorario_recibo_get(struct request *r, const struct form *in);   /* recibo.c */
int pagamento_post(struct request *r, const struct form *in);
int cancelar_post(struct request *r, const struct form *in);
int abater_post(struct request *r, const struct form *in);
int reabrir_post(struct request *r, const struct form *in);
int situacao_post(struct request *r, const struct form *in);
int nota_post(struct request *r, const struct form *in);
int cliente_get(struct request *r, const struct form *in);
int plano_novo_post(struct request *r, const struct form *in);
int plano_get(struct request *r, const struct form *in);
int plano_post(struct request *r, const struct form *in);
int gerar_get(struct request *r, const struct form *in);
int gerar_selecao_post(struct request *r, const struct form *in);
int gerar_previa_post(struct request *r, const struct form *in);
int gerar_post(struct request *r, const struct form *in);
int geracao_get(struct request *r, const struct form *in);
int reajuste_get(struct request *r, const struct form *in);
int reajuste_todos_post(struct request *r, const struct form *in);
int reajuste_previa_post(struct request *r, const struct form *in);
int reajuste_post(struct request *r, const struct form *in);
int planos_lote_get(struct request *r, const struct form *in);
int planos_lote_post(struct request *r, const struct form *in);

/* The fee rows a statement returns (the columns of FEE_ROW_COLS, in order) into
 * prefix.N.* of the page, the first max of them; how many it returned, or -1. */
#define FEE_ROW_COLS \
	"f.id, f.client_id, c.name, f.competencia, " FEE_LABEL_SQL("f.") ", f.amount, f.paid," \
	" DATE_FORMAT(f.due_date, '%d/%m/%Y'), f.status, f.due_date < ?, f.kind," \
	" DATE_FORMAT(f.paid_on, '%d/%m/%Y')"
int fee_rows_to_page(struct request *r, struct db_stmt *st, const char *prefix, int max);
/* Today in the office's time zone (America/Sao_Paulo, UTC-3), "2026-12-01". */
void today_iso(char out[11]);
/* A client of the request's office by id: its name (malloc'd) and whether it is in the
 * trash; 1, 0 when there is none, -1. */
int client_name(struct request *r, int64_t id, char **name, bool *trashed);

struct fee;
/* One action on a fee, by its name as the forms send it: "receber" (the whole balance on
 * iso, by form's "forma"), "cancelar" ("motivo"), "abater" ("motivo_abater": the rest of
 * a partly paid fee written off), "reabrir", "nota" ("texto"),
 * "negativado", "cobranca", "aberto". 1 done, 0 refused (*why), -1. */
int fee_act(struct request *r, const struct form *in, const char *action, const char *iso,
	    const struct fee *f, const char **why);
/* A selection of the request's user (cadastro/selection.h) on the page as Selection.id,
 * .total and .count: 1; 0 when it is not theirs or expired (the 404 page was sent); -1. */
int selection_page(struct request *r, int64_t selection);
/* The fields of a refused form as they were typed, back into Form.Values. */
void form_typed_back(struct request *r, const struct form *in);

#endif
