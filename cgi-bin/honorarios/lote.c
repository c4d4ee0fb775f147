/* POST /honorarios/recebimentos/lote: one action on the fees checked in the receivables
 * list — receive (each fee's whole balance, on a date, by a method), cancel (with a
 * reason), reopen, send to collection, mark negativado, back to open, a note — each fee
 * changed as on its own page (its audit, its note on the client's timeline), all in one
 * transaction. A fee the action does not apply to is left as it is and counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honorarios.h"
#include "base/db.h"
#include "br/valid.h"
#include "honorarios/fee.h"
#include "web/page.h"
#include "web/response.h"

static const char *const actions[] = { "receber", "cancelar", "reabrir", "negativado",
				       "cobranca", "aberto", "nota", NULL };

const struct form_rule lote_rules[] = {
	{ "acao", FORM_CHOICE, true, 0, "Ação", 0, 0, actions },
	{ "data", FORM_TEXT, false, 10, "Data do pagamento", 0, 0, NULL },
	{ "forma", FORM_CHOICE, false, 0, "Forma de pagamento", 0, 0, fee_method_names },
	{ "motivo", FORM_TEXT, false, 300, "Motivo", 0, 0, NULL },
	{ "texto", FORM_TEXT, false, 2000, "Nota", 0, 0, NULL },
	{ "voltar", FORM_PATH, false, 2000, "Voltar", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* A page shows 50 fees; Limits.Fields bounds a form anyway. */
#define LOTE_MAX 200

/* Back to the list as it was, with the outcome. */
static int back(struct request *r, const struct form *in, const char *outcome)
{
	const char *to = *form_get(in, "voltar") ? form_get(in, "voltar") : "/honorarios/recebimentos";
	if (strncmp(to, "/honorarios/recebimentos", 24) != 0)
		to = "/honorarios/recebimentos";
	struct strbuf url = STRBUF_INIT;
	SB_CAT(&url, to, strchr(to, '?') ? "&" : "?", outcome);
	int rc = url.buf ? response_redirect(r, url.buf) : -1;
	sb_free(&url);
	return rc;
}

/* The action's own field, checked before anything is written: a refusal says why. */
static const char *missing(const struct form *in, const char *action, char iso[11])
{
	if (in->nerrors)
		return "erro";
	if (!strcmp(action, "receber")) {
		const char *d = form_get(in, "data");
		int y, m, day;
		if (!valid_date(d, strlen(d), &y, &m, &day))
			return "data";
		date_format_iso(y, m, day, iso, 11);
		char today[11];
		today_iso(today);
		if (strcmp(iso, today) > 0)
			return "data";
		if (!*form_get(in, "forma"))
			return "forma";
	}
	if (!strcmp(action, "cancelar") && !*form_get(in, "motivo"))
		return "motivo";
	if (!strcmp(action, "nota") && !*form_get(in, "texto"))
		return "texto";
	return NULL;
}

int lote_post(struct request *r, const struct form *in)
{
	const char *action = form_get(in, "acao");
	char iso[11] = "";
	const char *bad = missing(in, action, iso);
	if (bad) {
		char outcome[32];
		snprintf(outcome, sizeof outcome, "lote=%s", bad);
		return back(r, in, outcome);
	}
	int64_t id;
	size_t n = 0, done = 0;
	if (db_begin(r->db) < 0)
		return -1;
	for (size_t k = 0; n < LOTE_MAX && (id = fields_next_id(&r->form, "ids", &k)); n++) {
		struct fee f;
		int got = fee_load(r, id, &f);
		if (got < 0)
			return -1;
		if (got == 0)
			continue;   /* another office's, or gone: nothing to do */
		const char *why = NULL;
		/* Undoing payments is asked on the fee's own page, never in bulk. */
		int rc = !strcmp(action, "reabrir") && f.paid > 0 ? 0
			 : fee_act(r, in, action, iso, &f, &why);
		fee_free(&f);
		if (rc < 0)
			return -1;
		done += (size_t)rc;
	}
	if (n == 0) {
		db_rollback(r->db);
		return back(r, in, "lote=nenhum");
	}
	if (db_commit(r->db) < 0)
		return -1;
	char outcome[64];
	snprintf(outcome, sizeof outcome, "feitos=%zu&ignorados=%zu", done, n - done);
	return back(r, in, outcome);
}
