/* plan: a client's fee plans (contratos de honorários) — what it pays each month, when,
 * from which month, and its 13º — read, validated from a form, saved with their audit. */
#ifndef PORTAL_PLAN_H
#define PORTAL_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/form.h"
#include "web/request.h"

enum plan_thirteenth { PLAN_13_NONE, PLAN_13_FULL, PLAN_13_PROPORTIONAL };

struct fee_plan {
	int64_t id, client_id;
	char *description;          /* owned */
	int64_t amount;             /* centavos, > 0 */
	int due_day;                /* 1..31 */
	bool due_next_month;        /* due in the month after the competência */
	int start_ym, end_ym;       /* competências (fee.h); end_ym 0: no end */
	bool active;
	enum plan_thirteenth thirteenth;
	int thirteenth_month;       /* 1..12 */
	int version;
};

/* The form fields of a plan (descricao, valor, dia, mes_seguinte, inicio, fim, ativo,
 * decimo, decimo_mes), for a route's rules. */
#define PLAN_FORM_RULES \
	{ "descricao", FORM_TEXT, true, 120, "Descrição", 0, 0, NULL }, \
	{ "valor", FORM_TEXT, true, 20, "Valor mensal", 0, 0, NULL }, \
	{ "dia", FORM_INT, true, 0, "Dia de vencimento", 1, 31, NULL }, \
	{ "mes_seguinte", FORM_TEXT, false, 1, "Vence no mês seguinte", 0, 0, NULL }, \
	{ "inicio", FORM_TEXT, true, 7, "Início", 0, 0, NULL }, \
	{ "fim", FORM_TEXT, false, 7, "Fim", 0, 0, NULL }, \
	{ "ativo", FORM_TEXT, false, 1, "Ativo", 0, 0, NULL }, \
	{ "decimo", FORM_CHOICE, false, 0, "13º honorário", 0, 0, plan_thirteenth_names }, \
	{ "decimo_mes", FORM_INT, false, 0, "Mês do 13º", 1, 12, NULL }
extern const char *const plan_thirteenth_names[];   /* "nao", "integral", "proporcional" */

/* Fills p from a validated form (the rules above), setting each refused field's message
 * on the page (page_field_error). true when every field is right. */
bool plan_from_form(struct request *r, const struct form *in, struct fee_plan *p);

/* The plans of a client of the request's office, oldest first (*out owned: plan_list_free). */
int plan_list(struct request *r, int64_t client_id, struct fee_plan **out, size_t *n);
void plan_list_free(struct fee_plan *v, size_t n);
/* 1 loaded, 0 none in this office, -1. */
int plan_load(struct request *r, int64_t id, struct fee_plan *p);
void plan_free(struct fee_plan *p);

/* Whether the client already has an active plan with the same description, value, due
 * day and start (a form sent twice): 1, 0, -1. */
int plan_same_exists(struct request *r, const struct fee_plan *p);
/* Saves a new plan (audited, a note on the timeline). Its id, or -1. */
int64_t plan_insert(struct request *r, const struct fee_plan *p);
/* Saves p over old (the same id, read at old->version): 1 saved, 0 changed meanwhile. */
int plan_update(struct request *r, const struct fee_plan *old, const struct fee_plan *p);

/* The plan as fields for a page: Prefix.descricao, .valor ("1.234,56"), .dia, ... */
void plan_to_page(struct request *r, const char *prefix, const struct fee_plan *p);

#endif
