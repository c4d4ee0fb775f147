#include "honorarios/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/db.h"
#include "base/strbuf.h"
#include "br/money.h"
#include "cadastro/audit.h"
#include "cadastro/client.h"
#include "honorarios/fee.h"
#include "web/page.h"

const char *const plan_thirteenth_names[] = { "nao", "integral", "proporcional", NULL };

/* Larger monthly values are typing mistakes (R$ 10 milhões). */
#define PLAN_MAX_AMOUNT 1000000000LL

bool plan_from_form(struct request *r, const struct form *in, struct fee_plan *p)
{
	memset(p, 0, sizeof *p);
	bool ok = in->nerrors == 0;
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	p->description = (char *)form_get(in, "descricao");   /* borrowed until saved */
	const char *value = form_get(in, "valor");
	if (*value && (!money_parse(value, strlen(value), &p->amount) || p->amount <= 0 ||
		       p->amount > PLAN_MAX_AMOUNT)) {
		page_field_error(r, "valor", "Informe o valor em reais, como 450,00.");
		ok = false;
	}
	p->due_day = (int)form_int(in, "dia");
	p->due_next_month = !strcmp(form_get(in, "mes_seguinte"), "1");
	const char *start = form_get(in, "inicio"), *end = form_get(in, "fim");
	if (*start && !ym_parse(start, &p->start_ym)) {
		page_field_error(r, "inicio", "Informe o mês como mm/aaaa, por exemplo 01/2026.");
		ok = false;
	}
	if (*end && !ym_parse(end, &p->end_ym)) {
		page_field_error(r, "fim", "Informe o mês como mm/aaaa, por exemplo 12/2026.");
		ok = false;
	} else if (*end && p->start_ym && p->end_ym < p->start_ym) {
		page_field_error(r, "fim", "O fim não pode ser antes do início.");
		ok = false;
	}
	p->active = !strcmp(form_get(in, "ativo"), "1");
	const char *t = form_get(in, "decimo");
	p->thirteenth = !strcmp(t, "integral") ? PLAN_13_FULL
			: !strcmp(t, "proporcional") ? PLAN_13_PROPORTIONAL : PLAN_13_NONE;
	p->thirteenth_month = *form_get(in, "decimo_mes") ? (int)form_int(in, "decimo_mes") : 12;
	return ok;
}

/* ------------------------------------------------------------------ reading */

#define PLAN_COLS \
	"id, client_id, description, amount, due_day, due_next_month, start_month, end_month," \
	" active, thirteenth, thirteenth_month, version"

static const char list_sql[] =
	"SELECT " PLAN_COLS " FROM fee_plans WHERE office_id = ? AND client_id = ? ORDER BY id";
static const char load_sql[] =
	"SELECT " PLAN_COLS " FROM fee_plans WHERE office_id = ? AND id = ?";

static int from_row(struct db_stmt *st, struct fee_plan *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_i64(st, 0);
	p->client_id = db_col_i64(st, 1);
	p->description = db_col_dup(st, 2);
	p->amount = db_col_i64(st, 3);
	p->due_day = (int)db_col_i64(st, 4);
	p->due_next_month = db_col_i64(st, 5) != 0;
	ym_from_sql(db_col(st, 6), &p->start_ym);
	if (db_col(st, 7))
		ym_from_sql(db_col(st, 7), &p->end_ym);
	p->active = db_col_i64(st, 8) != 0;
	const char *t = db_col(st, 9) ? db_col(st, 9) : "";
	p->thirteenth = !strcmp(t, "integral") ? PLAN_13_FULL
			: !strcmp(t, "proporcional") ? PLAN_13_PROPORTIONAL : PLAN_13_NONE;
	p->thirteenth_month = (int)db_col_i64(st, 10);
	p->version = (int)db_col_i64(st, 11);
	return p->description ? 0 : -1;
}

void plan_free(struct fee_plan *p)
{
	free(p->description);
	p->description = NULL;
}

void plan_list_free(struct fee_plan *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		plan_free(&v[i]);
	free(v);
}

int plan_list(struct request *r, int64_t client_id, struct fee_plan **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(r->db, list_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, client_id);
	if (db_exec(st) < 0)
		return -1;
	size_t cap = 0;
	int got;
	while ((got = db_fetch(st)) > 0) {
		if (array_reserve(out, &cap, *n + 1, sizeof **out, 4) < 0)
			break;
		if (from_row(st, &(*out)[(*n)++]) < 0)
			break;
	}
	if (got != 0) {   /* an error, or memory ran out (the rest is drained) */
		while (got > 0)
			got = db_fetch(st);
		plan_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int plan_load(struct request *r, int64_t id, struct fee_plan *p)
{
	memset(p, 0, sizeof *p);
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	int rc = from_row(st, p);
	while ((got = db_fetch(st)) > 0)
		;
	if (rc < 0 || got < 0) {
		plan_free(p);
		return -1;
	}
	return 1;
}

/* ------------------------------------------------------------------ writing */

/* The plan's values as text, in the order of fields[] (for the audit and the SQL). */
static const char *const fields[] = { "description", "amount", "due_day", "due_next_month",
				      "start_month", "end_month", "active", "thirteenth",
				      "thirteenth_month" };
#define NFIELDS (sizeof fields / sizeof *fields)

struct plan_text {
	char amount[24], due_day[8], next[4], start[11], end[11], active[4], thirteenth_month[8];
	const char *v[NFIELDS];
};

static void plan_text(const struct fee_plan *p, struct plan_text *t)
{
	snprintf(t->amount, sizeof t->amount, "%lld", (long long)p->amount);
	snprintf(t->due_day, sizeof t->due_day, "%d", p->due_day);
	snprintf(t->next, sizeof t->next, "%d", p->due_next_month);
	ym_sql(p->start_ym, t->start, sizeof t->start);
	if (p->end_ym)
		ym_sql(p->end_ym, t->end, sizeof t->end);
	snprintf(t->active, sizeof t->active, "%d", p->active);
	snprintf(t->thirteenth_month, sizeof t->thirteenth_month, "%d", p->thirteenth_month);
	const char *v[NFIELDS] = { p->description, t->amount, t->due_day, t->next, t->start,
				   p->end_ym ? t->end : NULL, t->active,
				   plan_thirteenth_names[p->thirteenth], t->thirteenth_month };
	memcpy(t->v, v, sizeof v);
}

static void bind_plan(struct db_stmt *st, unsigned first, const struct plan_text *t)
{
	for (unsigned i = 0; i < NFIELDS; i++)
		db_bind_str(st, first + i, t->v[i]);
}

static const char same_sql[] =
	"SELECT EXISTS (SELECT 1 FROM fee_plans WHERE client_id = ? AND office_id = ? AND active"
	" AND description = ? AND amount = ? AND due_day = ? AND start_month = ?)";

int plan_same_exists(struct request *r, const struct fee_plan *p)
{
	char start[11];
	ym_sql(p->start_ym, start, sizeof start);
	struct db_stmt *st = db_prepare(r->db, same_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, p->client_id);
	db_bind_i64(st, 1, r->office.id);
	db_bind_str(st, 2, p->description);
	db_bind_i64(st, 3, p->amount);
	db_bind_i64(st, 4, p->due_day);
	db_bind_str(st, 5, start);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st), same = got > 0 && db_col_i64(st, 0) != 0;
	while (got > 0)
		got = db_fetch(st);
	return got < 0 ? -1 : same;
}

static const char insert_sql[] =
	"INSERT INTO fee_plans (office_id, client_id, description, amount, due_day,"
	" due_next_month, start_month, end_month, active, thirteenth, thirteenth_month,"
	" created_at, updated_at)"
	" SELECT ?, c.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)"
	" FROM clients c WHERE c.id = ? AND c.office_id = ?";

static void plan_summary(const struct fee_plan *p, char *out, size_t cap)
{
	char value[MONEY_FMT_MAX], start[YM_TEXT];
	money_format(p->amount, true, value, sizeof value);
	ym_format(p->start_ym, start, sizeof start);
	snprintf(out, cap, "%s, vencimento dia %d, desde %s", value, p->due_day, start);
}

int64_t plan_insert(struct request *r, const struct fee_plan *p)
{
	struct plan_text t;
	plan_text(p, &t);
	struct db_stmt *st = db_prepare(r->db, insert_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	bind_plan(st, 1, &t);
	db_bind_i64(st, 1 + NFIELDS, p->client_id);
	db_bind_i64(st, 2 + NFIELDS, r->office.id);
	if (db_exec(st) < 0 || db_affected(st) != 1)
		return -1;
	int64_t id = (int64_t)db_insert_id(st);
	if (fee_version_bump(r) < 0)
		return -1;
	struct audit_change ch[NFIELDS];
	size_t n = 0;
	for (size_t i = 0; i < NFIELDS; i++)
		if (t.v[i])
			ch[n++] = (struct audit_change){ fields[i], NULL, t.v[i] };
	char summary[160], *note = NULL;
	plan_summary(p, summary, sizeof summary);
	if (audit_event(r, "staff", "create", "fee_plan", id, 0, NULL, ch, n) < 0 ||
	    !(note = str_printf("Plano de honorários criado: %s (%s).", p->description, summary)))
		return -1;
	int rc = client_note(r, p->client_id, true, note);
	free(note);
	return rc < 0 ? -1 : id;
}

static const char update_sql[] =
	"UPDATE fee_plans SET description = ?, amount = ?, due_day = ?, due_next_month = ?,"
	" start_month = ?, end_month = ?, active = ?, thirteenth = ?, thirteenth_month = ?,"
	" version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND version = ?";

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int plan_update(struct request *r, const struct fee_plan *old, const struct fee_plan *p)
{
	struct plan_text to, tn;
	plan_text(old, &to);
	plan_text(p, &tn);
	struct audit_change ch[NFIELDS];
	size_t n = 0;
	for (size_t i = 0; i < NFIELDS; i++)
		if (!same(to.v[i], tn.v[i]))
			ch[n++] = (struct audit_change){ fields[i], to.v[i], tn.v[i] };
	if (n == 0)
		return 1;   /* nothing changed: nothing to write */
	struct db_stmt *st = db_prepare(r->db, update_sql);
	if (!st)
		return -1;
	bind_plan(st, 0, &tn);
	db_bind_i64(st, NFIELDS, old->id);
	db_bind_i64(st, NFIELDS + 1, r->office.id);
	db_bind_i64(st, NFIELDS + 2, old->version);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) != 1)
		return 0;
	if (fee_version_bump(r) < 0)
		return -1;
	char summary[160], *note = NULL;
	plan_summary(p, summary, sizeof summary);
	if (audit_event(r, "staff", "update", "fee_plan", old->id, 0, NULL, ch, n) < 0 ||
	    !(note = str_printf("Plano de honorários alterado: %s (%s%s).", p->description, summary,
		     p->active ? "" : ", inativo")))
		return -1;
	int rc = client_note(r, old->client_id, true, note);
	free(note);
	return rc < 0 ? -1 : 1;
}

void plan_to_page(struct request *r, const char *prefix, const struct fee_plan *p)
{
	char value[MONEY_FMT_MAX], start[YM_TEXT] = "", end[YM_TEXT] = "", day[8], month[8],
	     id[24];
	money_format(p->amount, false, value, sizeof value);
	if (p->start_ym)
		ym_format(p->start_ym, start, sizeof start);
	if (p->end_ym)
		ym_format(p->end_ym, end, sizeof end);
	snprintf(day, sizeof day, "%d", p->due_day);
	snprintf(month, sizeof month, "%d", p->thirteenth_month);
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	static const char *const names[] = { "id", "descricao", "valor", "dia", "mes_seguinte",
					     "inicio", "fim", "ativo", "decimo", "decimo_mes" };
	const char *values[] = { id, p->description, value, day, p->due_next_month ? "1" : "0",
				 start, end, p->active ? "1" : "0",
				 plan_thirteenth_names[p->thirteenth], month };
	page_set_many(r, prefix, names, values, sizeof names / sizeof *names);
}
