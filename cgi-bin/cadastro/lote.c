/* POST /clientes/lote: bulk actions on the checked records or on every record of the
 * current search: activate, deactivate, add or remove a tag, move to the trash, export
 * (the export's options page, for the same records). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "busca.h"
#include "cadastro.h"
#include "db.h"
#include "page.h"
#include "response.h"
#include "strbuf.h"
#include "urlenc.h"

const struct form_rule lote_rules[] = {
	QUERY_RULES,
	{ "acao", FORM_TEXT, true, 20, "Ação", 0, 0 },
	{ "etiqueta_nome", FORM_TEXT, false, 60, "Etiqueta", 0, 0 },
	{ "todos", FORM_TEXT, false, 1, "Todos", 0, 0 },
	{ NULL, 0, false, 0, NULL, 0, 0 },
};

#define BULK_MAX 5000
/* Checked rows go to the export in its URL (a page shows 50 of them; Limits.Fields
 * refuses forms of more than 200 fields before this): a bound that keeps the redirect
 * inside the web server's header buffers whatever that limit becomes. */
#define EXPORT_IDS_MAX 500

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int ids_add(struct ids *ids, int64_t id)
{
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? ids->cap * 2 : 64;
		int64_t *v = realloc(ids->v, cap * sizeof *v);
		if (!v)
			return -1;
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n++] = id;
	return 0;
}

/* The checked rows, or every record matching the list's search ("todos"). */
static int selection(struct request *r, const struct form *in, struct ids *ids)
{
	if (strcmp(form_get(in, "todos"), "1") == 0) {
		struct query q;
		memset(&q, 0, sizeof q);
		query_build(r, in, false, &q);
		struct strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "SELECT c.id FROM clients c WHERE c.office_id = ?%s ORDER BY c.id"
			  " LIMIT %d", sb_str(&q.where), BULK_MAX + 1);
		struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		sb_free(&sql);
		int got = -1;
		if (st) {
			query_bind(st, &q);
			if (db_exec(st) == 0)
				while ((got = db_fetch(st)) > 0)
					if (ids_add(ids, db_col_i64(st, 0)) < 0) {
						got = -1;
						break;
					}
		}
		query_free(&q);
		return got;
	}
	int64_t id;
	for (size_t k = 0; (id = cadastro_next_id(&r->form, &k));)
		if (ids_add(ids, id) < 0)
			return -1;
	return 0;
}

static const char tag_find_sql[] = "SELECT id FROM tags WHERE office_id = ? AND name = ?";
static const char tag_new_sql[] =
	"INSERT INTO tags (office_id, name, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))";
static const char tag_add_sql[] =
	"INSERT IGNORE INTO client_tags (tag_id, client_id) VALUES (?, ?)";
static const char tag_del_sql[] =
	"DELETE FROM client_tags WHERE tag_id = ? AND client_id = ?";

/* The tag of that name: found, or created when `create`. 0 when absent, -1 error. */
int64_t tag_id(struct request *r, const char *name, bool create)
{
	struct db_stmt *st = db_prepare(r->db, tag_find_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, name);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got != 0)
		return got < 0 ? -1 : db_col_i64(st, 0);
	if (!create)
		return 0;
	st = db_prepare(r->db, tag_new_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, name);
	return db_exec(st) < 0 ? -1 : (int64_t)db_insert_id(st);
}

int tag_one(struct request *r, const struct client *c, int64_t tag, const char *name,
	    bool add)
{
	struct db_stmt *st = db_prepare(r->db, add ? tag_add_sql : tag_del_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, tag);
	db_bind_i64(st, 1, c->id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	const struct audit_change ch = { "tags", add ? NULL : name, add ? name : NULL };
	return audit_event(r, "staff", "tag", "client", c->id, 0, NULL, &ch, 1) < 0 ? -1 : 1;
}

/* Export: the export's options page with the list's search and filters, and the checked
 * rows unless "todos". */
static int export_selection(struct request *r, const struct form *in)
{
	bool all = strcmp(form_get(in, "todos"), "1") == 0;
	struct strbuf to = STRBUF_INIT;
	sb_puts(&to, "/clientes/exportar");
	char sep = '?';
	for (size_t i = 0; i < in->n; i++) {
		const char *k = in->rules[i].name, *v = in->value[i];
		if (!v || !*v || !strcmp(k, "acao") || !strcmp(k, "etiqueta_nome") || !strcmp(k, "todos"))
			continue;
		char *e = urlenc_encode(v);
		sb_printf(&to, "%c%s=%s", sep, k, e ? e : "");
		free(e);
		sep = '&';
	}
	query_custom_args(r, &to);
	sep = strchr(sb_str(&to), '?') ? '&' : '?';
	size_t n = 0;
	int64_t id;
	for (size_t k = 0; !all && n <= EXPORT_IDS_MAX && (id = cadastro_next_id(&r->form, &k));) {
		sb_printf(&to, "%cids=%lld", sep, (long long)id);
		sep = '&';
		n++;
	}
	int rc = !all && n == 0 ? response_redirect(r, "/clientes?aviso=nenhum")
		 : n > EXPORT_IDS_MAX ? response_redirect(r, "/clientes?aviso=exportar")
				      : response_redirect(r, sb_str(&to));
	sb_free(&to);
	return rc;
}

int lote_post(struct request *r, const struct form *in)
{
	if (!strcmp(form_get(in, "acao"), "exportar"))
		return export_selection(r, in);
	const char *acao = form_get(in, "acao");
	const char *tag_name = form_get(in, "etiqueta_nome");
	bool tagging = !strcmp(acao, "etiquetar") || !strcmp(acao, "desetiquetar");
	if (strcmp(acao, "lixeira") && strcmp(acao, "ativar") && strcmp(acao, "desativar") && !tagging)
		return page_error(r, 400, "Escolha uma ação da lista.");
	if (tagging && !*tag_name)
		return response_redirect(r, "/clientes?aviso=etiqueta");
	struct ids ids = { NULL, 0, 0 };
	if (selection(r, in, &ids) < 0) {
		free(ids.v);
		return -1;
	}
	if (ids.n == 0 || ids.n > BULK_MAX) {
		free(ids.v);
		return response_redirect(r, ids.n ? "/clientes?aviso=grande" : "/clientes?aviso=nenhum");
	}
	int rc = db_begin(r->db);
	int64_t tag = 0;
	if (rc == 0 && tagging) {
		tag = tag_id(r, tag_name, !strcmp(acao, "etiquetar"));
		rc = tag < 0 ? -1 : 0;
	}
	size_t changed = 0;
	for (size_t i = 0; rc == 0 && i < ids.n; i++) {
		struct client c;
		int got = client_load(r, ids.v[i], &c);
		if (got < 0)
			rc = -1;
		if (got <= 0 || c.trashed) {
			if (got > 0)
				client_free(&c);
			continue;
		}
		int done;
		if (!strcmp(acao, "lixeira"))
			done = client_set_trashed(r, &c, true);
		else if (!strcmp(acao, "ativar") || !strcmp(acao, "desativar"))
			done = client_set_active(r, &c, !strcmp(acao, "ativar"));
		else
			done = tag ? tag_one(r, &c, tag, tag_name, !strcmp(acao, "etiquetar")) : 0;
		client_free(&c);
		if (done < 0)
			rc = -1;
		else
			changed += (size_t)done;
	}
	free(ids.v);
	if (rc < 0 || db_commit(r->db) < 0)
		return -1;
	char to[64];
	snprintf(to, sizeof to, "/clientes?feito=%zu", changed);
	return response_redirect(r, to);
}
