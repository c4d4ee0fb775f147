#include "portal/update.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/db.h"
#include "base/strbuf.h"
#include "br/valid.h"
#include "cadastro/audit.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "mail/outbox.h"
#include "portal/signlink.h"
#include "web/page.h"
#include "web/tenant.h"

/* ---------------------------------------------------------------- sending */

static const char who_sql[] =
	"SELECT c.name, c.email, o.name, o.slug, COALESCE(o.update_message, ''),"
	" UNIX_TIMESTAMP(UTC_TIMESTAMP() + INTERVAL ? DAY),"
	" DATE_FORMAT(CONVERT_TZ(UTC_TIMESTAMP() + INTERVAL ? DAY, '+00:00', '-03:00'), '%d/%m/%Y')"
	" FROM clients c JOIN offices o ON o.id = c.office_id"
	" WHERE c.id = ? AND c.office_id = ? AND NOT c.trashed";
static const char revoke_open_sql[] =
	"UPDATE update_requests SET revoked_at = UTC_TIMESTAMP(6) WHERE client_id = ? AND office_id = ?"
	" AND completed_at IS NULL AND revoked_at IS NULL";
static const char insert_sql[] =
	"INSERT INTO update_requests (office_id, client_id, job_id, purpose, created_by, actor,"
	" created_at, expires_at) VALUES (?, ?, NULLIF(?, 0), '" UPDATE_PURPOSE "', ?, ?,"
	" UTC_TIMESTAMP(6), FROM_UNIXTIME(?))";
static const char outbox_sql[] = "UPDATE update_requests SET outbox_id = ? WHERE id = ?";

struct message {
	const char *client, *office, *text, *url, *until;
};

static void mail_text(struct strbuf *t, const struct message *m)
{
	sb_printf(t, "Olá, %s.\n\n%s\n\nPara conferir e atualizar os seus dados, abra o link abaixo:\n\n"
		  "%s\n\nO link vale até %s e pode ser usado uma vez. Se ele expirar, peça um novo "
		  "ao escritório.\n\n%s\n", m->client, m->text, m->url, m->until, m->office);
}

static void mail_html(struct strbuf *h, const struct message *m)
{
	sb_puts(h, "<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"></head>"
		"<body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5\">"
		"<div style=\"max-width:560px;margin:0 auto;padding:16px\"><h1 style=\"font-size:20px\">");
	sb_xml(h, m->office);
	sb_puts(h, "</h1><p>Olá, ");
	sb_xml(h, m->client);
	sb_puts(h, ".</p><p style=\"white-space:pre-line\">");
	sb_xml(h, m->text);
	sb_puts(h, "</p><p style=\"margin:24px 0\"><a href=\"");
	sb_xml(h, m->url);
	sb_puts(h, "\" style=\"background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;"
		"text-decoration:none;font-weight:bold\">Atualizar meus dados</a></p>"
		"<p style=\"font-size:14px;color:#52606d\">O link vale até ");
	sb_xml(h, m->until);
	sb_puts(h, " e pode ser usado uma vez. Se ele expirar, peça um novo ao escritório.</p>"
		"<p style=\"font-size:13px;color:#52606d\">Se o botão não abrir, copie este endereço "
		"no navegador:<br>");
	sb_xml(h, m->url);
	sb_puts(h, "</p></div></body></html>\n");
}

/* One link being sent: who gets it, its message, its request (the row made, to sign). */
struct sending {
	char *client, *email, *text, *until, *office, *base;   /* owned */
	struct signlink p;
};

static void sending_free(struct sending *g)
{
	free(g->client);
	free(g->email);
	free(g->text);
	free(g->until);
	free(g->office);
	free(g->base);
}

/* The client's earlier open links revoked and the new request's row made: g->p filled.
 * 1, 0 (no such client, in the trash, no e-mail), -1. */
static int request_row(struct request *r, int64_t job, int64_t client_id, struct sending *g)
{
	int64_t days = config_int("Links.ValidDays", 14);
	struct db_stmt *st = db_prepare(r->db, who_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, days);
	db_bind_i64(st, 1, days);
	db_bind_i64(st, 2, client_id);
	db_bind_i64(st, 3, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	g->client = db_col_dup(st, 0);
	g->email = db_col_dup(st, 1);
	g->office = db_col_dup(st, 2);
	char *slug = db_col_dup(st, 3);
	g->text = db_col_dup(st, 4);
	int64_t expires = db_col_i64(st, 5);
	g->until = db_col_dup(st, 6);
	struct office o = { .id = r->office.id, .name = g->office, .slug = slug };
	g->base = slug ? tenant_base_url(&o) : NULL;
	free(slug);
	if (!g->client || !g->email || !g->office || !g->text || !g->until || !g->base)
		return -1;
	if (!*g->email)
		return 0;
	struct db_stmt *a = db_prepare(r->db, revoke_open_sql), *b = db_prepare(r->db, insert_sql);
	if (!a || !b)
		return -1;
	db_bind_i64(a, 0, client_id);
	db_bind_i64(a, 1, r->office.id);
	db_bind_i64(b, 0, r->office.id);
	db_bind_i64(b, 1, client_id);
	db_bind_i64(b, 2, job);
	if (r->session && r->session->user_id)
		db_bind_i64(b, 3, r->session->user_id);
	else
		db_bind_null(b, 3);
	db_bind_str(b, 4, request_actor(r));
	db_bind_i64(b, 5, expires);
	if (db_exec(a) < 0 || db_exec(b) < 0)
		return -1;
	g->p = (struct signlink){ r->office.id, client_id, (int64_t)db_insert_id(b), UPDATE_PURPOSE,
				  expires };
	return 1;
}

/* The signed link's message into the outbox, the request pointed at it, audited. 0, -1. */
static int request_mail(struct request *r, const struct sending *g, const char *token)
{
	struct strbuf url = STRBUF_INIT, text = STRBUF_INIT, html = STRBUF_INIT, subject = STRBUF_INIT;
	SB_CAT(&url, g->base, "/portal/atualizar?l=", token);
	struct message m = { g->client, g->office, *g->text ? g->text : UPDATE_DEFAULT_MESSAGE,
			     sb_str(&url), g->until };
	mail_text(&text, &m);
	mail_html(&html, &m);
	sb_printf(&subject, "Atualize o seu cadastro em %s", m.office);
	int rc = -1;
	int64_t mail = url.buf && text.buf && html.buf && subject.buf
		       ? outbox_enqueue(r->db, r->office.id, g->email, m.client, subject.buf, text.buf,
					html.buf)
		       : -1;
	struct db_stmt *c = mail > 0 ? db_prepare(r->db, outbox_sql) : NULL;
	if (c) {
		db_bind_i64(c, 0, mail);
		db_bind_i64(c, 1, g->p.request);
		const struct audit_change ch = { "update_link", NULL, g->email };
		rc = db_exec(c) < 0 || audit_event(r, r->session ? "staff" : "system", "update_link_sent",
						   "client", g->p.client, 0, NULL, &ch, 1) < 0 ? -1 : 0;
	}
	sb_free(&url);
	sb_free(&text);
	sb_free(&html);
	sb_free(&subject);
	return rc;
}

int update_request_send_many(struct request *r, int64_t job, const int64_t *client_ids, size_t n)
{
	struct sending *g = calloc(n ? n : 1, sizeof *g);
	struct signlink *p = calloc(n ? n : 1, sizeof *p);
	char **tokens = calloc(n ? n : 1, sizeof *tokens);
	size_t m = 0;   /* the requests made: g[0..m) */
	int rc = g && p && tokens ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int got = request_row(r, job, client_ids[i], &g[m]);
		if (got < 0) {
			rc = -1;
		} else if (got == 0) {   /* the slot is reused by the next client */
			sending_free(&g[m]);
			memset(&g[m], 0, sizeof g[m]);
		} else {
			p[m] = g[m].p;
			m++;
		}
	}
	/* The signatures all at once (several gpg at a time), then the messages. */
	if (rc == 0 && m > 0 && signlink_make_many(p, m, tokens) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < m; i++)
		if (request_mail(r, &g[i], tokens[i]) < 0)
			rc = -1;
	for (size_t i = 0; g && i < n; i++)
		sending_free(&g[i]);
	for (size_t i = 0; tokens && i < m; i++)
		free(tokens[i]);
	free(g);
	free(p);
	free(tokens);
	return rc < 0 ? -1 : (int)m;
}

int update_request_send(struct request *r, int64_t client_id)
{
	return update_request_send_many(r, 0, &client_id, 1);
}

/* ---------------------------------------------------------------- the link's pages */

/* The hit counted and the window's count read back in one statement (LAST_INSERT_ID(n)
 * hands n to the client as the insert id). */
static const char hit_sql[] =
	"INSERT INTO link_rate (address, slot, hits) VALUES (?, UNIX_TIMESTAMP() DIV ? * ?,"
	" LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)";

int update_rate_limited(struct request *r)
{
	int64_t window = 60 * config_int("Links.WindowMinutes", 10);
	if (window < 60)
		window = 60;
	if (window > 3600)   /* the sweep keeps an hour of counts */
		window = 3600;
	struct db_stmt *st = db_prepare(r->db, hit_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, r->remote_addr);
	db_bind_i64(st, 1, window);
	db_bind_i64(st, 2, window);
	if (db_exec(st) < 0)   /* the counts' table full (a flood of addresses): all wait */
		return db_table_full(r->db) ? 1 : -1;
	return (int64_t)db_insert_id(st) > config_int("Links.MaxPerAddress", 60);
}

static const char usable_sql[] =
	"SELECT completed_at IS NOT NULL, revoked_at IS NOT NULL, expires_at <= UTC_TIMESTAMP(6),"
	" UNIX_TIMESTAMP(expires_at)"
	" FROM update_requests WHERE id = ? AND office_id = ? AND client_id = ? AND purpose = ?";

int update_request_usable(struct request *r, const struct signlink *p, bool lock,
			  const char **why)
{
	*why = "invalido";
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, usable_sql, lock ? " FOR UPDATE" : "");
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, p->request);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, p->client);
	db_bind_str(st, 3, p->purpose);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	if (db_col_i64(st, 0))
		*why = "usado";
	else if (db_col_i64(st, 1))
		*why = "revogado";
	else if (db_col_i64(st, 2) || p->expires <= 0)
		*why = "expirado";
	else if (db_col_i64(st, 3) != p->expires)
		*why = "invalido";   /* signed with another expiry than the row's: never ours */
	else
		return 1;
	return 0;
}

static const char opened_sql[] =
	"UPDATE update_requests SET opened_at = UTC_TIMESTAMP(6) WHERE id = ? AND office_id = ?"
	" AND opened_at IS NULL";

int update_request_opened(struct request *r, int64_t id)
{
	struct db_stmt *st = db_prepare(r->db, opened_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	return db_exec(st);
}

static const char complete_sql[] =
	"UPDATE update_requests SET completed_at = UTC_TIMESTAMP(6), completed_address = ?,"
	" opened_at = COALESCE(opened_at, UTC_TIMESTAMP(6)) WHERE id = ? AND office_id = ?";
static const char change_sql[] =
	"INSERT INTO update_changes (request_id, field, old_value, new_value, state) VALUES (?, ?, ?, ?, ?)";

int update_request_complete(struct request *r, int64_t id, const struct audit_change *ch,
			    size_t n, bool staged)
{
	struct db_stmt *st = db_prepare(r->db, complete_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, r->remote_addr);
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *c = db_prepare(r->db, change_sql);
		if (!c)
			return -1;
		db_bind_i64(c, 0, id);
		db_bind_str(c, 1, ch[i].field);
		db_bind_str(c, 2, ch[i].old_value);
		db_bind_str(c, 3, ch[i].new_value);
		db_bind_str(c, 4, staged ? "pendente" : "aplicada");
		if (db_exec(c) < 0)
			return -1;
	}
	return 0;
}

static const char revoke_sql[] =
	"UPDATE update_requests SET revoked_at = UTC_TIMESTAMP(6) WHERE id = ? AND client_id = ?"
	" AND office_id = ? AND completed_at IS NULL AND revoked_at IS NULL"
	" AND expires_at > UTC_TIMESTAMP(6)";

int update_request_revoke(struct request *r, int64_t client_id, int64_t id)
{
	struct db_stmt *st = db_prepare(r->db, revoke_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, client_id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	return audit_event(r, "staff", "update_link_revoked", "client", client_id, 0, NULL, NULL, 0) < 0
	       ? -1 : 1;
}

/* ---------------------------------------------------------------- the profile's list */

#define UPDATE_LIST_MAX 10   /* the requests the profile lists */
#define BRT(col) "DATE_FORMAT(CONVERT_TZ(" col ", '+00:00', '-03:00'), '%d/%m/%Y %H:%i')"

/* A request's state, as staff read it (q: the request, m: its message). 'não entregue':
 * the mail server refused the message for good (outbox.failed_at); one that failed for
 * now and will be tried again is still 'enviado'. */
#define STATE_SQL \
	" CASE WHEN EXISTS (SELECT 1 FROM update_changes c WHERE c.request_id = q.id" \
	"   AND c.state = 'pendente') THEN 'à espera de aprovação'" \
	"  WHEN q.completed_at IS NOT NULL THEN 'concluído'" \
	"  WHEN q.revoked_at IS NOT NULL THEN 'revogado'" \
	"  WHEN q.expires_at <= UTC_TIMESTAMP(6) THEN 'expirado'" \
	"  WHEN q.opened_at IS NOT NULL THEN 'aberto'" \
	"  WHEN m.sent_at IS NOT NULL THEN 'entregue'" \
	"  WHEN m.failed_at IS NOT NULL THEN 'não entregue' ELSE 'enviado' END"

static const char list_sql[] =
	"SELECT q.id, " BRT("q.created_at") ", " BRT("q.expires_at") "," STATE_SQL ","
	" (SELECT COUNT(*) FROM update_changes c WHERE c.request_id = q.id),"
	" q.completed_at IS NULL AND q.revoked_at IS NULL AND q.expires_at > UTC_TIMESTAMP(6),"
	" q.actor, " BRT("q.completed_at") ", q.job_id"
	" FROM update_requests q LEFT JOIN outbox m ON m.id = q.outbox_id"
	" WHERE q.client_id = ? AND q.office_id = ? ORDER BY q.created_at DESC, q.id DESC"
	" LIMIT " SQL_NUMBER_OF(UPDATE_LIST_MAX);

static const char *shown(int col, const char *v, char *buf, size_t cap);
static int col_of(const char *column);

/* A change as staff read it: the field's label, the old and new values (masked, or as the
 * custom attribute shows them; defs read at the first custom attribute). x and y hold
 * what custom_display made (to free). 0 or -1. */
struct described {
	const char *label, *old, *new;
	char a[40], b[40], *x, *y;
};

static int describe(struct request *r, const char *field, const char *old, const char *new,
		    struct custom_set *defs, bool *have_defs, struct described *d)
{
	int col = col_of(field);
	d->x = d->y = NULL;
	d->label = client_field_label(field);
	d->old = shown(col, old, d->a, sizeof d->a);
	d->new = shown(col, new, d->b, sizeof d->b);
	int64_t extra = update_extra_id(field);
	if (!extra)
		return 0;
	if (!*have_defs) {
		*have_defs = true;
		if (custom_load_defs(r, defs) < 0)
			return -1;
	}
	int k = custom_index(defs, extra);
	d->label = k >= 0 ? defs->f[k].name : "(campo desativado)";
	if (k >= 0) {
		d->old = custom_display(&defs->f[k], old, &d->x);
		d->new = custom_display(&defs->f[k], new, &d->y);
	}
	return 0;
}

static const char list_changes_sql[] =
	"SELECT c.request_id, c.field, c.old_value, c.new_value, c.state FROM update_changes c"
	" JOIN update_requests q ON q.id = c.request_id"
	" WHERE q.client_id = ? AND q.office_id = ? AND q.id >= ? ORDER BY c.request_id, c.field LIMIT 500";

/* The changes of the listed requests (ids[0..n)) under prefix.i.Changes: label, old, new,
 * state (aplicada, pendente, aprovada, rejeitada). 0 or -1. */
static int request_changes_to_page(struct request *r, int64_t client_id, const char *prefix,
				   const int64_t *ids, int n)
{
	int64_t first = ids[0];
	for (int i = 1; i < n; i++)
		if (ids[i] < first)
			first = ids[i];
	struct db_stmt *st = db_prepare(r->db, list_changes_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, client_id);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, first);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "label", "old", "new", "state" };
	struct custom_set defs;
	memset(&defs, 0, sizeof defs);
	bool have_defs = false;
	int got, count[UPDATE_LIST_MAX] = { 0 };
	while ((got = db_fetch(st)) > 0) {
		int i = 0;
		while (i < n && ids[i] != db_col_i64(st, 0))
			i++;
		if (i == n)
			continue;
		struct described d;
		if (describe(r, db_col(st, 1), db_col(st, 2), db_col(st, 3), &defs, &have_defs, &d) < 0)
			got = -1;
		const char *values[] = { d.label, d.old, d.new, db_col(st, 4) };
		char key[96];
		snprintf(key, sizeof key, "%s.%d.Changes.%d", prefix, i, count[i]++);
		if (got >= 0)
			page_set_many(r, key, names, values, 4);
		free(d.x);
		free(d.y);
		if (got < 0)
			break;
	}
	custom_free(&defs);
	return got < 0 ? -1 : 0;
}

int update_requests_to_page(struct request *r, int64_t client_id, const char *prefix)
{
	struct db_stmt *st = db_prepare(r->db, list_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, client_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "id", "sent", "expires", "state", "changes", "open",
					     "by", "completed", "job" };
	int n = 0, got;
	int64_t ids[UPDATE_LIST_MAX];
	while ((got = db_fetch(st)) > 0) {
		const char *values[9];
		for (unsigned i = 0; i < 9; i++)
			values[i] = db_col(st, i);
		char key[80];
		if (n < UPDATE_LIST_MAX)
			ids[n] = db_col_i64(st, 0);
		snprintf(key, sizeof key, "%s.%d", prefix, n++);
		page_set_many(r, key, names, values, 9);
	}
	if (got < 0)
		return -1;
	return n && request_changes_to_page(r, client_id, prefix, ids, n) < 0 ? -1 : n;
}

/* ---------------------------------------------------------------- a sending */

const char *const update_states[] = { "enviado", "não entregue", "entregue", "aberto",
				      "à espera de aprovação", "concluído", "expirado", "revogado",
				      NULL };

/* One row per request of the sending: client, name, e-mail, state, completed, changes. */
#define SENDING_ROWS \
	"(SELECT q.client_id, c.name, COALESCE(m.to_address, c.email)," STATE_SQL " AS state," \
	" " BRT("q.completed_at") ", (SELECT COUNT(*) FROM update_changes c WHERE c.request_id = q.id)" \
	" FROM update_requests q JOIN clients c ON c.id = q.client_id" \
	" LEFT JOIN outbox m ON m.id = q.outbox_id WHERE q.job_id = ? AND q.office_id = ?) t"
static const char sending_counts_sql[] = "SELECT state, COUNT(*) FROM " SENDING_ROWS " GROUP BY state";
static const char sending_rows_sql[] = "SELECT * FROM " SENDING_ROWS;

/* Whom "lembrar quem não concluiu" reaches: the sending's clients whose link is neither
 * completed nor revoked (open, or expired unused), not in the trash, with an e-mail. The
 * button's count and the resend read the same rows (bound: job, office). */
#define CHASE_FROM \
	" FROM update_requests q JOIN clients c ON c.id = q.client_id AND NOT c.trashed" \
	" AND c.email <> ''" \
	" WHERE q.job_id = ? AND q.office_id = ? AND q.completed_at IS NULL AND q.revoked_at IS NULL"
static const char chase_count_sql[] = "SELECT COUNT(DISTINCT q.client_id)" CHASE_FROM;
static const char chase_sql[] =
	"INSERT INTO job_items (job_id, client_id) SELECT DISTINCT ?, q.client_id" CHASE_FROM;

/* Sending.chase, and Sending.unreachable: the open links whose client cannot be reminded. */
static int chase_to_page(struct request *r, int64_t job, int64_t open)
{
	struct db_stmt *st = db_prepare(r->db, chase_count_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, job);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	int64_t chase = got > 0 ? db_col_i64(st, 0) : 0;
	page_set_int(r, "Sending.chase", chase);
	page_set_int(r, "Sending.unreachable", open > chase ? open - chase : 0);
	return 0;
}

int update_sending_to_page(struct request *r, int64_t job, const char *state, int64_t page)
{
	/* The totals by state, then the page of rows (by name) the state filter leaves. */
	struct db_stmt *st = db_prepare(r->db, sending_counts_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, job);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int64_t total = 0, open = 0;
	int got;
	while ((got = db_fetch(st)) > 0) {
		const char *name = db_col(st, 0);
		int64_t n = db_col_i64(st, 1);
		for (int i = 0; update_states[i]; i++)
			if (strcmp(update_states[i], name) == 0) {
				char key[48];
				snprintf(key, sizeof key, "Sending.Count.%d", i);
				page_set_int(r, key, n);
			}
		total += n;
		if (!strcmp(name, "enviado") || !strcmp(name, "não entregue") ||
		    !strcmp(name, "entregue") || !strcmp(name, "aberto") || !strcmp(name, "expirado"))
			open += n;
	}
	if (got < 0)
		return -1;
	for (int i = 0; update_states[i]; i++) {
		char key[48];
		snprintf(key, sizeof key, "Sending.State.%d", i);
		page_set(r, key, update_states[i]);
	}
	page_set_int(r, "Sending.total", total);
	if (chase_to_page(r, job, open) < 0)
		return -1;

	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, sending_rows_sql, *state ? " WHERE t.state = ?" : "",
	       " ORDER BY 2, 1 LIMIT " SQL_NUMBER_OF(UPDATE_SENDING_PAGE) " OFFSET ?");
	st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	unsigned b = 0;
	db_bind_i64(st, b++, job);
	db_bind_i64(st, b++, r->office.id);
	if (*state)
		db_bind_str(st, b++, state);
	db_bind_i64(st, b, page * UPDATE_SENDING_PAGE);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "client", "name", "email", "state", "completed", "changes" };
	int n = 0;
	while ((got = db_fetch(st)) > 0) {
		const char *values[6];
		for (unsigned i = 0; i < 6; i++)
			values[i] = db_col(st, i);
		char key[48];
		snprintf(key, sizeof key, "Sending.Rows.%d", n++);
		page_set_many(r, key, names, values, 6);
	}
	return got < 0 ? -1 : n;
}


int update_sending_resend(struct request *r, int64_t job, int64_t new_job)
{
	struct db_stmt *st = db_prepare(r->db, chase_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, new_job);
	db_bind_i64(st, 1, job);
	db_bind_i64(st, 2, r->office.id);
	return db_exec(st) < 0 ? -1 : (int)db_affected(st);
}

/* ---------------------------------------------------------------- approval */

/* A stored value as people read it (phones and CEPs masked). */
static const char *shown(int col, const char *v, char *buf, size_t cap)
{
	if (col >= 0 && v && *v && client_cols[col].kind == CC_PHONE) {
		phone_format(v, buf, cap);
		return buf;
	}
	if (col >= 0 && v && *v && client_cols[col].kind == CC_CEP) {
		cep_format(v, buf, cap);
		return buf;
	}
	return v ? v : "";
}

static int col_of(const char *column)
{
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (strcmp(client_cols[i].column, column) == 0)
			return i;
	return -1;
}

static const char pending_sql[] =
	"SELECT c.request_id, c.field, c.old_value, c.new_value, " BRT("q.completed_at")
	" FROM update_changes c JOIN update_requests q ON q.id = c.request_id"
	" WHERE q.client_id = ? AND q.office_id = ? AND c.state = 'pendente'"
	" ORDER BY q.id, c.field LIMIT 200";

int update_pending_to_page(struct request *r, int64_t client_id, const char *prefix)
{
	struct db_stmt *st = db_prepare(r->db, pending_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, client_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "field", "label", "old", "new" };
	static const char *const head[] = { "request", "at" };
	int groups = 0, n = 0, got;
	char last[24] = "";
	struct custom_set defs;   /* the custom attributes', read at the first one changed */
	memset(&defs, 0, sizeof defs);
	bool have_defs = false;
	while ((got = db_fetch(st)) > 0) {
		char key[96];
		if (strcmp(last, db_col(st, 0)) != 0) {
			snprintf(last, sizeof last, "%s", db_col(st, 0));
			const char *h[] = { db_col(st, 0), db_col(st, 4) };
			snprintf(key, sizeof key, "%s.%d", prefix, groups++);
			page_set_many(r, key, head, h, 2);
			n = 0;
		}
		struct described d;
		if (describe(r, db_col(st, 1), db_col(st, 2), db_col(st, 3), &defs, &have_defs, &d) < 0)
			got = -1;
		const char *values[] = { db_col(st, 1), d.label, d.old, d.new };
		snprintf(key, sizeof key, "%s.%d.Changes.%d", prefix, groups - 1, n++);
		if (got >= 0)
			page_set_many(r, key, names, values, 4);
		free(d.x);
		free(d.y);
		if (got < 0)
			break;
	}
	custom_free(&defs);
	return got < 0 ? -1 : groups;
}

int64_t update_extra_id(const char *field)
{
	if (!field || strncmp(field, "extra:", 6) != 0)
		return 0;
	char *end;
	long long id = strtoll(field + 6, &end, 10);
	return *end || id <= 0 ? 0 : (int64_t)id;
}

static const char changes_sql[] =
	"SELECT c.field, c.new_value FROM update_changes c"
	" JOIN update_requests q ON q.id = c.request_id"
	" WHERE c.request_id = ? AND q.client_id = ? AND q.office_id = ? AND c.state = 'pendente'"
	" ORDER BY c.field FOR UPDATE";
static const char decided_sql[] =
	"UPDATE update_changes SET state = ?, decided_by = ?, decided_at = UTC_TIMESTAMP(6)"
	" WHERE request_id = ? AND field = ?";

/* One decision recorded. */
static int decided(struct request *r, int64_t request_id, const char *field, bool yes)
{
	struct db_stmt *st = db_prepare(r->db, decided_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, yes ? "aprovada" : "rejeitada");
	if (r->session)
		db_bind_i64(st, 1, r->session->user_id);
	else
		db_bind_null(st, 1);
	db_bind_i64(st, 2, request_id);
	db_bind_str(st, 3, field);
	return db_exec(st);
}

int update_decide(struct request *r, int64_t client_id, int64_t request_id,
		  bool (*approve)(struct request *r, const char *field))
{
	struct client old, c;
	struct custom_set before, extra;
	memset(&c, 0, sizeof c);
	memset(&before, 0, sizeof before);
	memset(&extra, 0, sizeof extra);
	int got = client_load(r, client_id, &old);
	if (got <= 0)
		return got;
	int rc = -1;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (!(c.v[i] = strdup(old.v[i] ? old.v[i] : "")))
			goto out;
	if (custom_load_client(r, client_id, &before) < 0 ||
	    custom_copy_values(&extra, &before) < 0)
		goto out;
	c.id = old.id;
	struct db_stmt *st = db_prepare(r->db, changes_sql);
	if (!st)
		goto out;
	db_bind_i64(st, 0, request_id);
	db_bind_i64(st, 1, client_id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		goto out;
	/* The fields and their verdicts, read whole before other statements run. */
	struct { char field[65], label[8 + 4 * 60]; bool yes; } d[CLIENT_NCOLS + CUSTOM_MAX];
	size_t n = 0, yes = 0;
	while ((got = db_fetch(st)) > 0) {
		if (n == CLIENT_NCOLS + CUSTOM_MAX)
			continue;   /* never: one row per field */
		const char *field = db_col(st, 0), *value = db_col(st, 1) ? db_col(st, 1) : "";
		int col = col_of(field), k = custom_index(&extra, update_extra_id(field));
		snprintf(d[n].field, sizeof d[n].field, "%s", field);
		snprintf(d[n].label, sizeof d[n].label, "%s%s", k >= 0 ? "extra." : "",
			 k >= 0 ? extra.f[k].name : field);
		d[n].yes = (col >= 0 || k >= 0) && approve(r, d[n].field);
		char **slot = !d[n].yes ? NULL : col >= 0 ? &c.v[col] : &extra.value[k];
		if (slot) {
			free(*slot);
			if (!(*slot = strdup(value)))
				goto out;
			yes++;
		}
		n++;
	}
	if (got < 0)
		goto out;
	if (n == 0) {
		rc = 0;
		goto out;
	}
	if (yes && client_update(r, &old, &c, old.version, &before, &extra, "link") <= 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (decided(r, request_id, d[i].field, d[i].yes) < 0)
			goto out;
	struct audit_change verdicts[CLIENT_NCOLS + CUSTOM_MAX];
	for (size_t i = 0; i < n; i++)
		verdicts[i] = (struct audit_change){ d[i].label, NULL, d[i].yes ? "aprovada" : "recusada" };
	rc = audit_event(r, "staff", "update_link_decided", "client", client_id, 0, NULL, verdicts, n) < 0
	     ? -1 : 1;
out:
	custom_values_free(&extra);
	custom_free(&before);
	client_free(&old);
	client_free(&c);
	return rc;
}
