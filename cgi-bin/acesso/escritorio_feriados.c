/* POST /escritorio/feriados and /escritorio/feriados/remover: the office's own closing
 * days (its city's holidays), which move fees' due dates like national holidays do
 * (br/bizday.h): a day every year ("25/01") or one date ("20/06/2025"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acesso.h"
#include "base/db.h"
#include "br/valid.h"
#include "cadastro/audit.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule escritorio_feriado_rules[] = {
	{ "feriado_data", FORM_TEXT, true, 10, "Data do feriado", 0, 0, NULL },
	{ "feriado_nome", FORM_TEXT, true, 100, "Nome do feriado", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule escritorio_feriado_remover_rules[] = {
	{ "ano", FORM_INT, true, 0, "Ano", 0, 2100, NULL },
	{ "mes", FORM_INT, true, 0, "Mês", 1, 12, NULL },
	{ "dia", FORM_INT, true, 0, "Dia", 1, 31, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* "dd/mm" (every year) or a whole date: the parts, year 0 for every year. */
static bool holiday_parse(const char *s, int *y, int *m, int *d)
{
	size_t n = strlen(s);
	if (n == 5 && s[2] == '/') {
		char full[11];
		snprintf(full, sizeof full, "%s/2000", s);   /* a leap year: 29/02 is a day */
		if (!valid_date(full, strlen(full), NULL, m, d))
			return false;
		*y = 0;
		return true;
	}
	return valid_date(s, n, y, m, d);
}

static const char add_sql[] =
	"INSERT INTO office_holidays (office_id, year, month, day, name) VALUES (?, ?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE name = VALUES(name)";
static const char remove_sql[] =
	"DELETE FROM office_holidays WHERE office_id = ? AND year = ? AND month = ? AND day = ?";

static int change(struct request *r, const char *sql, int y, int m, int d, const char *name,
		  const char *action)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, y);
	db_bind_i64(st, 2, m);
	db_bind_i64(st, 3, d);
	if (name)
		db_bind_str(st, 4, name);
	char when[16];
	if (y)
		snprintf(when, sizeof when, "%02d/%02d/%04d", d % 100, m % 100, y % 10000);
	else
		snprintf(when, sizeof when, "%02d/%02d", d % 100, m % 100);
	const struct audit_change ch = { "holiday", name ? NULL : when, name ? when : NULL };
	if (db_begin(r->db) < 0 || db_exec(st) < 0 ||
	    audit_event(r, "staff", action, "office", r->office.id, 0, NULL, &ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return 0;
}

int escritorio_feriado_post(struct request *r, const struct form *in)
{
	int y = 0, m = 0, d = 0;
	bool ok = in->nerrors == 0;
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	if (ok && !holiday_parse(form_get(in, "feriado_data"), &y, &m, &d)) {
		page_field_error(r, "feriado_data",
				 "Informe dd/mm para todo ano (ex.: 25/01) ou dd/mm/aaaa para uma data só.");
		ok = false;
	}
	if (!ok) {
		page_flash(r, "erro", "Confira o feriado marcado.");
		return escritorio_page(r, 422, in);
	}
	if (change(r, add_sql, y, m, d, form_get(in, "feriado_nome"), "holiday_add") < 0)
		return -1;
	return response_redirect(r, "/escritorio?aviso=feriado#t-feriados");
}

int escritorio_feriado_remover_post(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, "Feriado inválido.");
	if (change(r, remove_sql, (int)form_int(in, "ano"), (int)form_int(in, "mes"),
		   (int)form_int(in, "dia"), NULL, "holiday_remove") < 0)
		return -1;
	return response_redirect(r, "/escritorio?aviso=feriado-removido#t-feriados");
}

static const char list_sql[] =
	"SELECT year, month, day, name FROM office_holidays WHERE office_id = ?"
	" ORDER BY year, month, day";

int escritorio_feriados_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, list_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0) {
		int y = (int)db_col_i64(st, 0), m = (int)db_col_i64(st, 1), d = (int)db_col_i64(st, 2);
		char key[32], when[32], ys[8], ms[4], ds[4];
		snprintf(key, sizeof key, "Holidays.%d", n++);
		if (y)
			snprintf(when, sizeof when, "%02d/%02d/%04d", d % 100, m % 100, y % 10000);
		else
			snprintf(when, sizeof when, "%02d/%02d (todo ano)", d % 100, m % 100);
		snprintf(ys, sizeof ys, "%d", y % 10000);
		snprintf(ms, sizeof ms, "%d", m % 100);
		snprintf(ds, sizeof ds, "%d", d % 100);
		static const char *const names[] = { "when", "name", "ano", "mes", "dia" };
		const char *values[] = { when, db_col(st, 3), ys, ms, ds };
		page_set_many(r, key, names, values, 5);
	}
	return got;
}
