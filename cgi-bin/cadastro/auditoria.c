/* GET /clientes/auditoria: the office's audit log (admins): every change, filtered by
 * user, client, action and period, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
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

static const char *const actions[][2] = {
	{ "create", "Criação" }, { "update", "Alteração" }, { "trash", "Lixeira" },
	{ "restore", "Restauração" }, { "purge", "Exclusão definitiva" },
	{ "activate", "Ativação" }, { "deactivate", "Desativação" }, { "tag", "Etiquetas" },
	{ "login", "Entrada" }, { "logout", "Saída" }, { "password_reset", "Troca de senha" },
	{ "password_reset_requested", "Pedido de nova senha" },
	{ "portal_user_add", "Acesso ao portal criado" },
	{ "portal_access_sent", "E-mail de acesso ao portal" },
	{ "portal_reset_sent", "Portal: pedido de nova senha" },
	{ "portal_password_set", "Portal: senha criada" },
	{ "portal_block", "Portal: acesso bloqueado" },
	{ "portal_unblock", "Portal: acesso desbloqueado" },
	{ "portal_reset_throttled", "Portal: pedidos de nova senha demais" },
};

static const char *action_label(const char *a)
{
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		if (!strcmp(a, actions[i][0]))
			return actions[i][1];
	return a;
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

/* "email, name" -> "E-mail, Nome / razão social" */
static const char *field_labels(const char *columns, struct strbuf *out)
{
	sb_reset(out);
	while (*columns) {
		size_t n = strcspn(columns, ",");
		char *one = strndup(columns, n);
		if (one) {
			sb_printf(out, "%s%s", out->len ? ", " : "", client_field_label(one));
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
	for (size_t k = 0; k < sizeof actions / sizeof *actions; k++) {
		char name[32];
		snprintf(name, sizeof name, "Actions.%zu.id", k);
		page_set(r, name, actions[k][0]);
		snprintf(name, sizeof name, "Actions.%zu.name", k);
		page_set(r, name, actions[k][1]);
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
		      "  AND k.office_id = e.office_id)"
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
	struct strbuf key = STRBUF_INIT, labels = STRBUF_INIT;
	static const char *const names[] = { "id", "at", "actor", "channel", "action", "entity",
					     "entity_id", "fields", "client" };
	int n = 0, got;
	while ((got = db_fetch(st)) > 0 && n < AUDIT_PAGE) {
		for (unsigned k = 0; k < sizeof names / sizeof *names; k++) {
			const char *v = db_col(st, k);
			if (k == 3)
				v = client_channel_label(v);
			else if (k == 4)
				v = action_label(v);
			else if (k == 7 && v)
				v = field_labels(v, &labels);
			sb_reset(&key);
			sb_printf(&key, "Audit.%d.%s", n, names[k]);
			page_set(r, key.buf, v);
		}
		n++;
	}
	sb_free(&key);
	sb_free(&labels);
	if (got < 0)
		return -1;
	page_set_int(r, "AuditNav.Page", pagina);
	page_set_int(r, "AuditNav.Next", pagina + 1);
	page_set(r, "AuditNav.More", got > 0 ? "1" : "0");
	return render(r, in, 200);
}
