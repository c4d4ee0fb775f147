/* POST /clientes/lote: bulk actions on the checked records or on every record of the
 * current search: activate, deactivate, add or remove a tag, move to the trash, export
 * (the export's options page, for the same records), generate fees (the honorários
 * pages, for the same records). A few records change at once;
 * more become a job for the worker, shown on its page (/clientes/tarefas/N). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro/bulk.h"
#include "cadastro/selection.h"
#include "busca.h"
#include "cadastro.h"
#include "base/db.h"
#include "web/page.h"
#include "web/response.h"
#include "base/strbuf.h"

const struct form_rule lote_rules[] = {
	QUERY_RULES,
	{ "acao", FORM_TEXT, true, 20, "Ação", 0, 0, NULL },
	{ "etiqueta_nome", FORM_TEXT, false, 60, "Etiqueta", 0, 0, NULL },
	{ "todos", FORM_TEXT, false, 1, "Todos", 0, 0, NULL },
	/* "definir responsável": a member's id, or "nenhum" (not "responsavel": the list's
	 * filter of that name rides along) */
	{ "novo_responsavel", FORM_TEXT, false, 20, "Responsável", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char member_sql[] =
	"SELECT id, name FROM staff_users WHERE id = ? AND office_id = ? AND active";

/* The member chosen for "definir responsável": 1 (*id, *name: 0 and "" for nobody), 0
 * none chosen or not an active member of the office, -1. *name is malloc'd. */
static int chosen_member(struct request *r, const struct form *in, int64_t *id, char **name)
{
	const char *v = form_get(in, "novo_responsavel");
	*id = 0;
	*name = NULL;
	if (!strcmp(v, "nenhum"))
		return (*name = strdup("")) ? 1 : -1;
	char *end;
	long long n = *v ? strtoll(v, &end, 10) : 0;
	if (!*v || *end || n <= 0)
		return 0;
	struct db_stmt *st = db_prepare(r->db, member_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, n);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	*id = db_col_i64(st, 0);
	*name = strdup(db_col(st, 1));
	return *name ? 1 : -1;
}

/* More records than this (all the records of a search) are a job for the worker. */
#define BULK_INLINE 200
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

/* The checked rows, or the records matching the list's search ("todos"): up to
 * BULK_INLINE + 1 of them (more make a job). */
static int selection(struct request *r, const struct form *in, struct ids *ids)
{
	if (strcmp(form_get(in, "todos"), "1") == 0) {
		struct query q;
		memset(&q, 0, sizeof q);
		query_build(r, in, false, &q);
		struct strbuf sql = STRBUF_INIT;
		SB_CAT(&sql, "SELECT c.id FROM clients c WHERE c.office_id = ?", sb_str(&q.where),
		       " ORDER BY c.id");
		sb_printf(&sql, " LIMIT %d", BULK_INLINE + 1);
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
	for (size_t k = 0; (id = fields_next_id(&r->form, "ids", &k));)
		if (ids_add(ids, id) < 0)
			return -1;
	return 0;
}

/* Export: the export's options page with the list's search and filters, and the checked
 * rows unless "todos". */
static int export_selection(struct request *r, const struct form *in)
{
	bool all = strcmp(form_get(in, "todos"), "1") == 0;
	static const char *const skip[] = { "acao", "etiqueta_nome", "todos", NULL };
	struct strbuf to = STRBUF_INIT;
	sb_puts(&to, "/clientes/exportar");
	query_url_args(r, in, &to, skip, NULL, NULL);
	char sep = strchr(sb_str(&to), '?') ? '&' : '?';
	size_t n = 0;
	int64_t id;
	for (size_t k = 0; !all && n <= EXPORT_IDS_MAX && (id = fields_next_id(&r->form, "ids", &k));) {
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

static void bind_query_from(struct db_stmt *st, unsigned first, void *ctx)
{
	const struct query *q = ctx;
	for (size_t i = 0; i < q->np; i++) {
		if (q->p[i].is_int)
			db_bind_i64(st, first + (unsigned)i, q->p[i].i);
		else
			db_bind_str(st, first + (unsigned)i, q->p[i].s ? q->p[i].s : "");
	}
}

/* Gerar honorários, Reajustar honorários, Atualizar cadastro: the checked rows, or every record of the
 * search, become a selection (cadastro/selection.h) that the honorários page `to` reads;
 * the user goes there. */
static int fees_selection(struct request *r, const struct form *in, const char *to_page)
{
	bool all = strcmp(form_get(in, "todos"), "1") == 0;
	int64_t selection = -1;
	int rc = db_begin(r->db);
	if (rc == 0 && (selection = selection_new(r)) < 0)
		rc = -1;
	if (rc == 0 && all) {
		struct query q;
		memset(&q, 0, sizeof q);
		query_build(r, in, false, &q);
		rc = selection_add_query(r, selection, sb_str(&q.where), bind_query_from, &q);
		query_free(&q);
	} else if (rc == 0) {
		int64_t ids[256];
		size_t n = 0;
		int64_t id;
		for (size_t k = 0; (id = fields_next_id(&r->form, "ids", &k));) {
			ids[n++] = id;
			if (n == sizeof ids / sizeof *ids) {
				rc = selection_add(r, selection, ids, n);
				n = 0;
				if (rc < 0)
					break;
			}
		}
		if (rc == 0)
			rc = selection_add(r, selection, ids, n);
	}
	int64_t total = 0;
	if (rc < 0 || selection_counted(r, selection) < 0 ||
	    selection_total(r, selection, &total) < 0 || db_commit(r->db) < 0)
		return -1;
	if (total == 0)
		return response_redirect(r, "/clientes?aviso=nenhum");
	char to[64];
	snprintf(to, sizeof to, "%s?selecao=%lld", to_page, (long long)selection);
	return response_redirect(r, to);
}

/* Every record of the search as a job: its ids written with it, in one transaction;
 * the user goes to the job's page. */
static int bulk_job(struct request *r, const struct form *in, enum bulk_action a,
		    int64_t tag, const char *tag_name)
{
	struct query q;
	memset(&q, 0, sizeof q);
	query_build(r, in, false, &q);
	int64_t job = job_new(r, a, tag, tag_name);
	struct strbuf sql = STRBUF_INIT;   /* fixed fragments only; values bound */
	SB_CAT(&sql, "INSERT INTO job_items (job_id, client_id) SELECT ?, c.id FROM clients c"
	       " WHERE c.office_id = ?", sb_str(&q.where));
	struct query with_job = q;   /* the job's id first */
	int rc = job < 0 || !sql.buf || q.np >= sizeof q.p / sizeof *q.p ? -1 : 0;
	if (rc == 0) {
		with_job.p[0] = (struct param){ .is_int = true, .i = job };
		for (size_t i = 0; i < q.np; i++)
			with_job.p[i + 1] = q.p[i];
		with_job.np = q.np + 1;
		struct db_stmt *st = db_prepare_text(r->db, sql.buf);
		if (!st)
			rc = -1;
		else {
			query_bind(st, &with_job);
			rc = db_exec(st) < 0 || job_counted(r, job) < 0 ? -1 : 0;
		}
	}
	sb_free(&sql);
	query_free(&q);
	if (rc < 0 || db_commit(r->db) < 0)
		return -1;
	char to[64];
	snprintf(to, sizeof to, "/clientes/tarefas/%lld", (long long)job);
	return response_redirect(r, to);
}

static int bulk_apply(struct request *r, const struct form *in, enum bulk_action a,
		      int64_t tag, const char *tag_name);

int lote_post(struct request *r, const struct form *in)
{
	if (!*form_get(in, "acao"))
		return page_error(r, 400, "Escolha uma ação da lista.");
	/* The list's search rides along: refused there, refused here. */
	int refused = query_refused_page(r, in);
	if (refused)
		return refused < 0 ? -1 : 0;
	if (!strcmp(form_get(in, "acao"), "exportar"))
		return export_selection(r, in);
	if (!strcmp(form_get(in, "acao"), "honorarios"))
		return fees_selection(r, in, "/honorarios/gerar");
	if (!strcmp(form_get(in, "acao"), "reajuste"))
		return fees_selection(r, in, "/honorarios/reajuste");
	if (!strcmp(form_get(in, "acao"), "plano"))
		return fees_selection(r, in, "/honorarios/planos/lote");
	if (!strcmp(form_get(in, "acao"), "atualizar"))
		return fees_selection(r, in, "/clientes/atualizar");
	enum bulk_action a = bulk_action_parse(form_get(in, "acao"));
	if (a == BULK_RESPONSIBLE) {
		int64_t member;
		char *name;
		int got = chosen_member(r, in, &member, &name);
		int rc = got < 0 ? -1 : got == 0 ? response_redirect(r, "/clientes?aviso=responsavel")
			 : bulk_apply(r, in, a, member, name);
		free(name);
		return rc;
	}
	const char *tag_name = form_get(in, "etiqueta_nome");
	bool tagging = a == BULK_TAG || a == BULK_UNTAG;
	if (a == BULK_NONE)
		return page_error(r, 400, "Escolha uma ação da lista.");
	if (tagging && !*tag_name)
		return response_redirect(r, "/clientes?aviso=etiqueta");
	return bulk_apply(r, in, a, 0, tag_name);
}

/* The action on the selection: at once for a few records, as a job for many. tag and
 * tag_name: the action's argument (bulk_one). */
static int bulk_apply(struct request *r, const struct form *in, enum bulk_action a,
		      int64_t tag, const char *tag_name)
{
	bool tagging = a == BULK_TAG || a == BULK_UNTAG;
	struct ids ids = { NULL, 0, 0 };
	if (selection(r, in, &ids) < 0) {
		free(ids.v);
		return -1;
	}
	if (ids.n == 0) {
		free(ids.v);
		return response_redirect(r, "/clientes?aviso=nenhum");
	}
	int rc = db_begin(r->db);
	if (rc == 0 && tagging) {
		tag = bulk_tag_id(r, tag_name, a == BULK_TAG);
		rc = tag < 0 ? -1 : 0;
	}
	if (rc == 0 && a == BULK_UNTAG && tag == 0) {
		free(ids.v);   /* no such tag: nothing to remove */
		db_rollback(r->db);
		return response_redirect(r, "/clientes?feito=0");
	}
	if (rc == 0 && ids.n > BULK_INLINE) {
		free(ids.v);
		return bulk_job(r, in, a, tag, tag_name);
	}
	size_t changed = 0;
	for (size_t i = 0; rc == 0 && i < ids.n; i++) {
		int done = bulk_one(r, a, ids.v[i], tag, tag_name);
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
