/* GET /clientes/auditoria: the office's audit log (admins): every change, filtered by
 * user, client, action and period, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "web/page.h"
#include "base/strbuf.h"
#include "br/valid.h"

#define AUDIT_PAGE 100

const struct form_rule auditoria_rules[] = {
	{ "usuario", FORM_INT, false, 0, "Usuário", 1, INT64_MAX, NULL },
	{ "cliente", FORM_INT, false, 0, "Cliente", 1, INT64_MAX, NULL },
	{ "acao", FORM_TEXT, false, 40, "Ação", 0, 0, NULL },
	{ "de", FORM_TEXT, false, 10, "De", 0, 0, NULL },
	{ "ate", FORM_TEXT, false, 10, "Até", 0, 0, NULL },
	{ "pagina", FORM_INT, false, 0, "Página", 1, 100000, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* The label of an action (or its code when it has none: the unit test of the audit
 * keeps that from happening for what the code writes). */
static const char *action_label(const char *a)
{
	const char *l = audit_action_label(a);
	return l ? l : a;
}

/* A typed date (dd/mm/aaaa) as the start of that day in UTC-3, for the SQL; "" if bad. */
static void day(const char *typed, bool end, char *out, size_t cap)
{
	int y, m, d;
	out[0] = '\0';
	if (!*typed || !valid_date(typed, strlen(typed), &y, &m, &d))
		return;
	snprintf(out, cap, "%04d-%02d-%02d %s", y, m, d, end ? "23:59:59.999999" : "00:00:00");
}

/* "email, name" -> "E-mail, Nome / razão social" (the fields of a record of kind entity) */
static const char *field_labels(const char *entity, const char *columns, struct strbuf *out)
{
	sb_reset(out);
	while (*columns) {
		size_t n = strcspn(columns, ",");
		char *one = strndup(columns, n);
		if (one) {
			const char *label = audit_field_label(entity, one);
			sb_printf(out, "%s%s", out->len ? ", " : "", label ? label : one);
			free(one);
		}
		columns += n;
		while (*columns == ',' || *columns == ' ')
			columns++;
	}
	return sb_str(out);
}

/* The filters' choices and values (as typed), and the page. */
static int render(struct request *r, const struct form *in, int status)
{
	for (size_t k = 0; k < audit_nactions; k++) {
		char name[48];
		snprintf(name, sizeof name, "Actions.%zu.id", k);
		page_set(r, name, audit_actions[k].code);
		snprintf(name, sizeof name, "Actions.%zu.name", k);
		page_set(r, name, audit_actions[k].label);
	}
	for (size_t k = 0; k < in->n; k++) {
		const char *v = in->value[k] ? in->value[k] : request_query(r, in->rules[k].name);
		struct strbuf a = STRBUF_INIT;
		sb_printf(&a, "Args.%s", in->rules[k].name);
		page_set(r, a.buf, v ? v : "");
		sb_free(&a);
	}
	if (cadastro_staff_and_tags(r) < 0)
		return -1;
	return page_render(r, status, "auditoria.cs", "Auditoria");
}

/* A filter that cannot be read (a bad date, a number that is not one) shows its message
 * and no events, never every event in place of the filtered ones. */
static bool refusal(struct request *r, const struct form *in, const char *de, const char *ate)
{
	struct strbuf why = STRBUF_INIT;
	form_errors_text(in, &why);
	if (*form_get(in, "de") && !*de)
		sb_printf(&why, "%sDe: use uma data como 31/01/2026.", why.len ? " " : "");
	if (*form_get(in, "ate") && !*ate)
		sb_printf(&why, "%sAté: use uma data como 31/01/2026.", why.len ? " " : "");
	bool refused = why.len > 0;
	if (refused)
		page_flash(r, "erro", sb_str(&why));
	sb_free(&why);
	return refused;
}

int auditoria_get(struct request *r, const struct form *in)
{
	char de[32], ate[32];
	day(form_get(in, "de"), false, de, sizeof de);
	day(form_get(in, "ate"), true, ate, sizeof ate);
	if (refusal(r, in, de, ate))
		return render(r, in, 400);
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT e.id, DATE_FORMAT(CONVERT_TZ(e.at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
		      " e.actor, e.channel, e.action, e.entity, e.entity_id,"
		      " (SELECT GROUP_CONCAT(c.field ORDER BY c.field SEPARATOR ',')"
		      "  FROM audit_changes c WHERE c.event_id = e.id),"
		      " (SELECT k.name FROM clients k WHERE k.id = e.entity_id AND e.entity = 'client'"
		      "  AND k.office_id = e.office_id),"
		      /* the client a fee, a plan or a portal login hangs on (for its link) */
		      " CASE e.entity"
		      "  WHEN 'fee' THEN (SELECT f.client_id FROM fees f"
		      "   WHERE f.id = e.entity_id AND f.office_id = e.office_id)"
		      "  WHEN 'fee_plan' THEN (SELECT p.client_id FROM fee_plans p"
		      "   WHERE p.id = e.entity_id AND p.office_id = e.office_id)"
		      "  WHEN 'portal_user' THEN (SELECT u.client_id FROM portal_users u"
		      "   WHERE u.id = e.entity_id AND u.office_id = e.office_id) END,"
		      " CASE WHEN e.entity = 'staff_user' THEN (SELECT s.name FROM staff_users s"
		      "   WHERE s.id = e.entity_id AND s.office_id = e.office_id) END"
		      " FROM audit_events e WHERE e.office_id = ?");
	int64_t usuario = form_int(in, "usuario"), cliente = form_int(in, "cliente");
	const char *acao = form_get(in, "acao");
	if (usuario)
		sb_puts(&sql, " AND e.user_id = ?");
	if (cliente)
		sb_puts(&sql, " AND e.entity = 'client' AND e.entity_id = ?");
	if (*acao)
		sb_puts(&sql, " AND e.action = ?");
	/* Brasília midnight is 03:00 UTC. */
	if (*de)
		sb_puts(&sql, " AND e.at >= CONVERT_TZ(?, '-03:00', '+00:00')");
	if (*ate)
		sb_puts(&sql, " AND e.at <= CONVERT_TZ(?, '-03:00', '+00:00')");
	sb_printf(&sql, " ORDER BY e.at DESC, e.id DESC LIMIT %d OFFSET ?", AUDIT_PAGE + 1);
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	unsigned i = 0;
	db_bind_i64(st, i++, r->office.id);
	if (usuario)
		db_bind_i64(st, i++, usuario);
	if (cliente)
		db_bind_i64(st, i++, cliente);
	if (*acao)
		db_bind_str(st, i++, acao);
	if (*de)
		db_bind_str(st, i++, de);
	if (*ate)
		db_bind_str(st, i++, ate);
	int64_t pagina = form_int(in, "pagina") ? form_int(in, "pagina") : 1;
	db_bind_i64(st, i++, (pagina - 1) * AUDIT_PAGE);
	if (db_exec(st) < 0)
		return -1;
	struct strbuf key = STRBUF_INIT, labels = STRBUF_INIT, link = STRBUF_INIT;
	static const char *const names[] = { "id", "at", "actor", "channel", "action", "entity",
					     "entity_id", "fields", "client", "of_client",
					     "staff" };
	int n = 0, got;
	while ((got = db_fetch(st)) > 0 && n < AUDIT_PAGE) {
		const char *entity = db_col(st, 5);
		for (unsigned k = 0; k < sizeof names / sizeof *names; k++) {
			const char *v = db_col(st, k);
			if (k == 3)
				v = client_channel_label(v);
			else if (k == 4)
				v = action_label(v);
			else if (k == 7 && v)
				v = field_labels(entity, v, &labels);
			sb_reset(&key);
			sb_printf(&key, "Audit.%d.%s", n, names[k]);
			page_set(r, key.buf, v);
		}
		const char *kind = audit_entity_label(entity);
		sb_reset(&key);
		sb_printf(&key, "Audit.%d.kind", n);
		page_set(r, key.buf, kind ? kind : entity);
		/* A deleted client has no page; every other record links to its own. */
		bool gone = !strcmp(entity, "client") && !db_col(st, 8);
		if (!gone && audit_entity_link(entity, db_col_i64(st, 6), db_col_i64(st, 9), &link)) {
			sb_reset(&key);
			sb_printf(&key, "Audit.%d.link", n);
			page_set(r, key.buf, sb_str(&link));
		}
		n++;
	}
	sb_free(&key);
	sb_free(&labels);
	sb_free(&link);
	if (got < 0)
		return -1;
	page_set_int(r, "AuditNav.Page", pagina);
	page_set_int(r, "AuditNav.Next", pagina + 1);
	page_set(r, "AuditNav.More", got > 0 ? "1" : "0");
	return render(r, in, 200);
}
