/* /clientes/N: the profile — all data, tags, the fixed observation, the notes timeline
 * and the record's audit history. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "cadastro/audit.h"
#include "portal/update.h"
#include "portal/user.h"
#include "honorarios/summary.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "memo.h"
#include "web/page.h"
#include "base/strbuf.h"
#include "base/token.h"

static const char tags_sql[] =
	"SELECT t.id, t.name FROM client_tags ct JOIN tags t ON t.id = ct.tag_id"
	" WHERE ct.client_id = ? AND t.office_id = ? ORDER BY t.name";

/* Brasília time has been UTC-3 all year since 2019 (no tz tables needed). */
static const char notes_sql[] =
	"SELECT DATE_FORMAT(CONVERT_TZ(at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" author, automatic, body FROM client_notes"
	" WHERE client_id = ? AND office_id = ? ORDER BY at DESC, id DESC LIMIT 200";

/* One page of the history, the latest first: its events (walked backwards on the
 * record's index), then the changes of those events by their key. Two plain reads: a
 * join of the two sorted again needed a temporary table (the values are TEXT) that cost
 * more than both. */
static const char events_sql[] =
	"SELECT id, DATE_FORMAT(CONVERT_TZ(at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" actor, channel, action, request_id FROM audit_events FORCE INDEX (audit_entity)"
	" WHERE office_id = ? AND entity = 'client' AND entity_id = ?"
	" ORDER BY at DESC, id DESC LIMIT ? OFFSET ?";

/* The profile shows the latest changes; all of them have a page of their own, in pages
 * (a record changed for years must not make its profile slow to open). */
#define PROFILE_EVENTS 30
#define HISTORY_PAGE 100
#define HISTORY_MAX HISTORY_PAGE   /* the most events one page shows */

static const char responsible_sql[] =
	"SELECT name FROM staff_users WHERE id = ? AND office_id = ?";

/* Rows of sql (bound a, b) into prefix.N.<name>; returns their number or -1. */
static int list_rows(struct request *r, const char *sql, int64_t a, int64_t b,
		     const char *prefix, const char *const *names, unsigned ncols)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, a);
	db_bind_i64(st, 1, b);
	if (db_exec(st) < 0)
		return -1;
	const char *values[8];
	char at[48];
	int n = 0, got;
	while ((got = db_fetch(st)) > 0 && ncols <= 8) {
		for (unsigned i = 0; i < ncols; i++)
			values[i] = db_col(st, i);
		snprintf(at, sizeof at, "%s.%d", prefix, n++);
		page_set_many(r, at, names, values, ncols);
	}
	return got < 0 ? -1 : n;
}

/* The history's phrase of an action ("registrou um pagamento"), or its code when it has
 * none (the audit's unit test keeps that from happening for what the code writes). */
static const char *action_label(const char *a)
{
	const char *p = audit_action_phrase(a);
	return p ? p : a;
}

/* A responsável's name for the history (the audit keeps the id). */
static const char *staff_name(struct request *r, const char *id, char **out)
{
	const char *known = memo_staff_name(r, strtoll(id, NULL, 10));
	if (known)
		return known;
	struct db_stmt *st = db_prepare(r->db, responsible_sql);
	if (!st)
		return id;
	db_bind_i64(st, 0, strtoll(id, NULL, 10));
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return id;
	free(*out);
	*out = strdup(db_col(st, 0));
	return *out ? *out : id;
}

/* The changes of the events ids[0..n) (an event's changes in field order) into
 * History.<its index>.changes.K. */
static int history_changes(struct request *r, const struct client *c,
			   const struct custom_set *extra, const int64_t *ids, int n)
{
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT event_id, field, old_value, new_value FROM audit_changes"
		" WHERE event_id IN (");
	if (db_put_marks(&sql, (size_t)n) < 0) {
		sb_free(&sql);
		return -1;
	}
	sb_puts(&sql, ") ORDER BY event_id, field");
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	for (int i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)i, ids[i]);
	if (db_exec(st) < 0)
		return -1;
	int k[HISTORY_MAX] = { 0 };   /* the changes each event has so far */
	struct client tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.v[CL_KIND] = c->v[CL_KIND];
	char *shown[2] = { NULL, NULL };   /* old and new value as shown */
	int got;
	while ((got = db_fetch(st)) > 0) {
		int64_t id = db_col_i64(st, 0);
		int e = 0;
		while (e < n && ids[e] != id)
			e++;
		const char *field = db_col(st, 1);
		if (e == n || !field)
			continue;
		int col = -1;
		for (int i = 0; i < CLIENT_NCOLS; i++)
			if (!strcmp(client_cols[i].column, field))
				col = i;
		static const char *const names[] = { "field", "old", "new" };
		const char *label = audit_field_label("client", field);
		const char *values[3] = { label ? label : field, "", "" };
		for (int j = 0; j < 2; j++) {
			const char *v = db_col(st, 2 + (unsigned)j);
			if (v && col >= 0 && col != CL_KIND && col != CL_RESPONSIBLE) {
				tmp.v[col] = (char *)v;
				v = client_display(&tmp, col, &shown[j]);
				tmp.v[col] = NULL;
			} else if (v && col == CL_KIND) {
				v = client_kind_label(v);
			} else if (v && col == CL_RESPONSIBLE) {
				v = staff_name(r, v, &shown[j]);
			} else if (v && !strncmp(field, "extra.", 6)) {
				for (size_t x = 0; x < extra->n; x++)
					if (!strcmp(extra->f[x].name, field + 6)) {
						v = custom_display(&extra->f[x], v, &shown[j]);
						break;
					}
			}
			values[1 + j] = v ? v : "";
		}
		char at[64];
		snprintf(at, sizeof at, "History.%d.changes.%d", e, k[e]++);
		page_set_many(r, at, names, values, 3);
	}
	free(shown[0]);
	free(shown[1]);
	return got < 0 ? -1 : 0;
}

/* The history: one entry per event, its changed fields beneath, values as people read
 * them (the stored value of a column formatted by the record's rules). Up to limit
 * (at most HISTORY_MAX) events from offset on into History.N; HistoryNav.More = 1 when
 * older ones follow. */
static int history(struct request *r, const struct client *c, const struct custom_set *extra,
		   int64_t limit, int64_t offset)
{
	if (limit > HISTORY_MAX)
		limit = HISTORY_MAX;
	struct db_stmt *st = db_prepare(r->db, events_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, c->id);
	db_bind_i64(st, 2, limit + 1);   /* one more tells whether older ones follow */
	db_bind_i64(st, 3, offset);
	if (db_exec(st) < 0)
		return -1;
	int64_t ids[HISTORY_MAX];
	int n = 0, got;
	bool more = false;
	while ((got = db_fetch(st)) > 0) {
		if (n >= limit) {
			more = true;
			continue;   /* read to the end */
		}
		static const char *const names[] = { "at", "actor", "channel", "action" };
		const char *values[] = { db_col(st, 1), db_col(st, 2),
					 client_channel_label(db_col(st, 3)),
					 action_label(db_col(st, 4)) };
		char at[40];
		snprintf(at, sizeof at, "History.%d", n);
		page_set_many(r, at, names, values, 4);
		/* An import's events name it ("imp" and its id): the profile links to it. */
		const char *req = db_col(st, 5);
		if (req && !strcmp(db_col(st, 3), "import") && !strncmp(req, "imp", 3)) {
			snprintf(at, sizeof at, "History.%d.import", n);
			page_set_int(r, at, strtoll(req + 3, NULL, 10));
		}
		ids[n++] = db_col_i64(st, 0);
	}
	if (got < 0 || (n > 0 && history_changes(r, c, extra, ids, n) < 0))
		return -1;
	if (more)
		page_set(r, "HistoryNav.More", "1");
	return 0;
}

int ficha_get(struct request *r, const struct form *in)
{
	(void)in;
	return ficha_page(r, 200);
}

int ficha_page(struct request *r, int status)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	cadastro_set_client(r, &c);
	if (cadastro_staff_and_tags(r) < 0) {   /* first: the responsável's name is among them */
		client_free(&c);
		return -1;
	}
	static const char *const tag_cols[] = { "id", "name" };
	static const char *const note_cols[] = { "at", "author", "automatic", "body" };
	int rc = 0;
	if (*c.v[CL_RESPONSIBLE]) {
		char *name = NULL;
		page_set(r, "Client.responsavel_fmt", staff_name(r, c.v[CL_RESPONSIBLE], &name));
		free(name);
	}
	struct custom_set extra;
	memset(&extra, 0, sizeof extra);
	int links = 0;   /* the update links listed */
	if (rc == 0 && (custom_load_client(r, c.id, &extra) < 0))
		rc = -1;
	custom_to_page(r, &extra, false);
	if (rc < 0 || list_rows(r, tags_sql, c.id, r->office.id, "ClientTags", tag_cols, 2) < 0 ||
	    list_rows(r, notes_sql, c.id, r->office.id, "Notes", note_cols, 4) < 0 ||
	    history(r, &c, &extra, PROFILE_EVENTS, 0) < 0 || fee_client_to_page(r, c.id) < 0 ||
	    portal_users_to_page(r, c.id, "PortalUsers") < 0 ||
	    (links = update_requests_to_page(r, c.id, "UpdateRequests")) < 0 ||
	    /* no link ever sent: nothing can wait for approval (one query fewer) */
	    (links > 0 && update_pending_to_page(r, c.id, "UpdatePending") < 0)) {
		custom_free(&extra);
		client_free(&c);
		return -1;
	}
	custom_free(&extra);
	if (strcmp(request_query(r, "criado") ? request_query(r, "criado") : "", "1") == 0)
		page_flash(r, "ok", "Cliente cadastrado.");
	else if (strcmp(request_query(r, "salvo") ? request_query(r, "salvo") : "", "1") == 0)
		page_flash(r, "ok", "Alterações salvas.");
	static const struct page_notice refusals[] = {
		{ "vazia", "erro", "Escreva o nome da etiqueta." },
		{ "longa", "erro", "O nome da etiqueta pode ter até 60 caracteres." },
		{ "caracteres", "erro", "O nome da etiqueta tem caracteres que não são aceitos "
					"(invisíveis ou de controle): digite-o de novo." },
		{ NULL, NULL, NULL },
	}, note_refusals[] = {
		{ "vazia", "erro", "Escreva o texto da nota antes de adicionar." },
		{ "longa", "erro", "A nota pode ter até 5.000 caracteres: divida-a em duas." },
		{ "caracteres", "erro", "A nota tem caracteres que não são aceitos (de controle ou que "
					"invertem a direção do texto): apague-os e tente de novo." },
		{ NULL, NULL, NULL },
	};
	static const struct page_notice portal_notices[] = {
		{ "enviado", "ok", "Acesso ao portal criado. O e-mail com o login e o link para criar "
		  "a senha está na fila de envio." },
		{ "criado", "ok", "Acesso ao portal criado, sem e-mail. Use \"Reenviar acesso\" "
		  "quando quiser enviá-lo." },
		{ "reenviado", "ok", "E-mail de acesso reenviado. O link anterior deixou de valer." },
		{ "bloqueado", "ok", "Acesso bloqueado: este login não entra mais no portal." },
		{ "desbloqueado", "ok", "Acesso desbloqueado." },
		{ "sem-mudanca", "aviso", "Nada mudou: o acesso já estava assim." },
		{ "nao-envia", "erro", "Este acesso está bloqueado (ou não é deste cliente): "
		  "desbloqueie-o antes de reenviar." },
		{ "email", "erro", "E-mail de acesso inválido. Exemplo: nome@empresa.com.br." },
		{ "nome", "erro", "Informe o nome de quem vai usar o acesso (até 200 caracteres)." },
		{ "ja-tem", "erro", "Este e-mail já é um acesso deste cliente: use \"Reenviar "
		  "acesso\" na lista." },
		{ "em-uso", "erro", "Este e-mail já é o login de outro cliente no portal do "
		  "escritório. Cada acesso tem o seu e-mail." },
		{ NULL, NULL, NULL },
	};
	static const struct page_notice update_notices[] = {
		{ "enviado", "ok", "Link de atualização enviado. O link anterior, se havia, deixou de valer." },
		{ "sem-email", "erro", "Este cliente não tem e-mail: cadastre um para enviar o link de atualização." },
		{ "revogado", "ok", "Link revogado: ele não abre mais." },
		{ "nao-revogado", "aviso", "Nada mudou: o link já não estava aberto." },
		{ "decidido", "ok", "Alterações decididas: as aprovadas já estão no cadastro." },
		{ "nada-pendente", "aviso", "Não há mais alterações deste link à espera." },
		{ NULL, NULL, NULL },
	};
	const char *q;
	bool flashed = true;   /* a notice of the action just done wins over the trash's */
	if (request_query(r, "etiqueta"))
		page_notice_from_param(r, "etiqueta", refusals);
	else if (request_query(r, "nota"))
		page_notice_from_param(r, "nota", note_refusals);
	else if (request_query(r, "portal"))
		page_notice_from_param(r, "portal", portal_notices);
	else if (request_query(r, "atualizar"))
		page_notice_from_param(r, "atualizar", update_notices);
	else if ((q = request_query(r, "restaurado")) && !strcmp(q, "1"))
		page_flash(r, "ok", "Cadastro restaurado da lixeira.");
	else if ((q = request_query(r, "excluir")) && !strcmp(q, "confirmar"))
		page_flash(r, "erro", "Marque \"Excluir para sempre\" para confirmar a exclusão.");
	else if (q && !strcmp(q, "honorarios"))
		page_flash(r, "erro", "Este cliente tem honorários registrados e não pode ser excluído "
				      "definitivamente: o histórico financeiro do escritório fica guardado. "
				      "O cadastro continua na lixeira.");
	else
		flashed = false;
	if (c.trashed && !flashed)
		page_flash(r, "aviso", "Este cadastro está na lixeira: não aparece nas listas, buscas e exportações.");
	/* The note form's idempotency key: a new one at each showing of the page. */
	char key[TOKEN_HEX];
	token_new(key);
	page_set(r, "Note.form_key", key);
	rc = page_render(r, status, "ficha.cs", c.v[CL_NAME]);
	client_free(&c);
	return rc;
}

const struct form_rule historico_rules[] = {
	{ "pagina", FORM_INT, false, 0, "Página", 1, 100000, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* /clientes/N/historico: every change of the record, HISTORY_PAGE events a page. */
int historico_get(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t pagina = form_int(in, "pagina") ? form_int(in, "pagina") : 1;
	cadastro_set_client(r, &c);
	struct custom_set extra;
	memset(&extra, 0, sizeof extra);
	int rc = 0;
	if (cadastro_staff_and_tags(r) < 0 || custom_load_defs(r, &extra) < 0 ||
	    history(r, &c, &extra, HISTORY_PAGE, (pagina - 1) * HISTORY_PAGE) < 0)
		rc = -1;
	custom_free(&extra);
	if (rc == 0) {
		page_set_int(r, "HistoryNav.Page", pagina);
		page_set_int(r, "HistoryNav.Prev", pagina - 1);
		page_set_int(r, "HistoryNav.Next", pagina + 1);
		struct strbuf title = STRBUF_INIT;
		sb_printf(&title, "Histórico · %s", c.v[CL_NAME]);
		rc = page_render(r, 200, "historico.cs", sb_str(&title));
		sb_free(&title);
	}
	client_free(&c);
	return rc;
}
