/* /clientes and /clientes/lixeira: the list, its search, filters, order and pages. The
 * URL carries all of them, so back/forward and shared links work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "db.h"
#include "doc.h"
#include "fold.h"
#include "page.h"
#include "response.h"
#include "strbuf.h"
#include "urlenc.h"
#include "valid.h"
#include "audit.h"

#define PAGE_SIZE 50
#define COUNT_CAP 1000      /* beyond this a filtered count says "mais de 1.000" */
#define SEARCH_WORDS_MAX 5

const struct form_rule lista_rules[] = {
	{ "q", FORM_TEXT, false, 100, "Busca", 0, 0 },
	{ "status", FORM_TEXT, false, 10, "Situação", 0, 0 },
	{ "tipo", FORM_TEXT, false, 12, "Tipo de cadastro", 0, 0 },
	{ "pessoa", FORM_TEXT, false, 2, "Pessoa", 0, 0 },
	{ "etiqueta", FORM_INT, false, 0, "Etiqueta", 1, INT64_MAX },
	{ "responsavel", FORM_INT, false, 0, "Responsável", 1, INT64_MAX },
	{ "regime", FORM_TEXT, false, 12, "Regime", 0, 0 },
	{ "ordem", FORM_TEXT, false, 10, "Ordem", 0, 0 },
	{ "pagina", FORM_INT, false, 0, "Página", 1, 100000 },
	{ "visao", FORM_TEXT, false, 10, "Visão", 0, 0 },
	{ NULL, 0, false, 0, NULL, 0, 0 },
};

/* One bound parameter of the query being put together. */
struct param {
	bool is_int;
	int64_t i;
	char *s;   /* owned */
};

struct query {
	struct strbuf where;   /* " AND ..." fragments, all ours */
	struct param p[24];
	size_t np;
	bool filtered;         /* anything beyond the status filter */
};

static void add_int(struct query *q, int64_t v)
{
	if (q->np < sizeof q->p / sizeof *q->p)
		q->p[q->np++] = (struct param){ true, v, NULL };
}

static void add_str(struct query *q, const char *v)
{
	if (q->np < sizeof q->p / sizeof *q->p)
		q->p[q->np++] = (struct param){ false, 0, strdup(v) };
}

static void query_free(struct query *q)
{
	for (size_t i = 0; i < q->np; i++)
		free(q->p[i].s);
	sb_free(&q->where);
}

static void bind_all(struct db_stmt *st, const struct query *q)
{
	for (size_t i = 0; i < q->np; i++) {
		if (q->p[i].is_int)
			db_bind_i64(st, (unsigned)i, q->p[i].i);
		else
			db_bind_str(st, (unsigned)i, q->p[i].s ? q->p[i].s : "");
	}
}

/* Words of the search: a LIKE prefix each (folded text has no % or _ left). */
struct words {
	struct query *q;
	int n;
};

static int search_word(void *ctx, const char *word, size_t len)
{
	struct words *w = ctx;
	if (w->n >= SEARCH_WORDS_MAX)
		return 1;
	char buf[FOLD_WORD_MAX + 2];
	memcpy(buf, word, len);
	buf[len] = '%';
	buf[len + 1] = '\0';
	sb_puts(&w->q->where, " AND c.id IN (SELECT client_id FROM client_words"
			      " WHERE office_id = ? AND word LIKE ?)");
	add_int(w->q, w->q->p[0].i);
	add_str(w->q, buf);
	w->n++;
	return 0;
}

/* Digits and punctuation only ("123.456", "12.ABC.345/01DE-35" is a document): one
 * word, so a partial CPF/CNPJ matches the document's own word. */
static bool document_like(const char *s)
{
	bool digit = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (!strchr(".-/ ", *s))
			return false;
	}
	return digit;
}

static void search(struct query *q, const char *text)
{
	char bare[DOC_BARE_MAX];
	size_t len = strlen(text);
	if (!len)
		return;
	q->filtered = true;
	if (doc_parse(text, len, bare) != DOC_INVALID) {
		sb_puts(&q->where, " AND c.document = ?");
		add_str(q, bare);
		return;
	}
	struct words w = { q, 0 };
	if (document_like(text)) {
		struct strbuf digits = STRBUF_INIT;
		for (const char *p = text; *p; p++)
			if (*p >= '0' && *p <= '9')
				sb_putc(&digits, *p);
		search_word(&w, sb_str(&digits), digits.len);
		sb_free(&digits);
		return;
	}
	fold_words(text, len, search_word, &w);
	if (w.n == 0)
		sb_puts(&q->where, " AND FALSE");  /* only punctuation: nothing matches */
}

static const char *const types[][2] = {
	{ "cliente", "c.is_client" },
	{ "fornecedor", "c.is_supplier" },
	{ "prestador", "c.is_provider" },
	{ "prospect", "c.is_prospect" },
};

/* The WHERE of the list from the validated inputs; unknown values are ignored. */
static void build(struct request *r, const struct form *in, bool trash, struct query *q)
{
	add_int(q, r->office.id);
	sb_puts(&q->where, trash ? " AND c.trashed = 1" : " AND c.trashed = 0");
	const char *status = form_get(in, "status");
	if (strcmp(status, "ativos") == 0)
		sb_puts(&q->where, " AND c.active = 1");
	else if (strcmp(status, "inativos") == 0)
		sb_puts(&q->where, " AND c.active = 0");
	const char *tipo = form_get(in, "tipo");
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(tipo, types[i][0]) == 0) {
			sb_printf(&q->where, " AND %s = 1", types[i][1]);
			q->filtered = true;
		}
	const char *pessoa = form_get(in, "pessoa");
	if (!strcmp(pessoa, "PF") || !strcmp(pessoa, "PJ") || !strcmp(pessoa, "EX")) {
		sb_puts(&q->where, " AND c.kind = ?");
		add_str(q, pessoa);
		q->filtered = true;
	}
	const char *regime = form_get(in, "regime");
	if (*client_regime_label(regime)) {
		sb_puts(&q->where, " AND c.tax_regime = ?");
		add_str(q, regime);
		q->filtered = true;
	}
	if (form_int(in, "responsavel")) {
		sb_puts(&q->where, " AND c.responsible_id = ?");
		add_int(q, form_int(in, "responsavel"));
		q->filtered = true;
	}
	if (form_int(in, "etiqueta")) {
		sb_puts(&q->where, " AND c.id IN (SELECT client_id FROM client_tags WHERE tag_id = ?)");
		add_int(q, form_int(in, "etiqueta"));
		q->filtered = true;
	}
	search(q, form_get(in, "q"));
}

static const char *order_by(const char *ordem)
{
	if (strcmp(ordem, "criado") == 0)
		return " ORDER BY c.created_at DESC, c.id DESC";
	if (strcmp(ordem, "alterado") == 0)
		return " ORDER BY c.updated_at DESC, c.id DESC";
	return " ORDER BY c.name, c.id";
}

static const char counts_sql[] =
	"SELECT active, inactive, trashed FROM client_counts WHERE office_id = ?";

/* The number of records matching: exact from client_counts when only the status
 * filters, else counted up to COUNT_CAP + 1. */
static int64_t count(struct request *r, const struct form *in, bool trash, struct query *q)
{
	if (!q->filtered) {
		struct db_stmt *st = db_prepare(r->db, counts_sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, r->office.id);
		if (db_exec(st) < 0)
			return -1;
		int got = db_fetch(st);
		if (got < 0)
			return -1;
		if (got == 0)
			return 0;
		if (trash)
			return db_col_i64(st, 2);
		const char *status = form_get(in, "status");
		if (strcmp(status, "ativos") == 0)
			return db_col_i64(st, 0);
		if (strcmp(status, "inativos") == 0)
			return db_col_i64(st, 1);
		return db_col_i64(st, 0) + db_col_i64(st, 1);
	}
	struct strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "SELECT COUNT(*) FROM (SELECT 1 FROM clients c WHERE c.office_id = ?%s"
		  " LIMIT %d) t", sb_str(&q->where), COUNT_CAP + 1);
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	bind_all(st, q);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0);
}

/* The list's own URL with one parameter changed (or removed with value NULL). */
static char *url_with(struct request *r, const struct form *in, const char *name,
		      const char *value)
{
	struct strbuf u = STRBUF_INIT;
	sb_puts(&u, r->path);
	char sep = '?';
	for (size_t i = 0; i < in->n; i++) {
		const char *k = in->rules[i].name;
		const char *v = strcmp(k, name) == 0 ? value : in->value[i];
		if (!v || !*v || strcmp(k, "visao") == 0)
			continue;
		char *e = urlenc_encode(v);
		sb_printf(&u, "%c%s=%s", sep, k, e ? e : "");
		free(e);
		sep = '&';
	}
	return sb_detach(&u);
}

static void set_url(struct request *r, const struct form *in, const char *key,
		    const char *name, const char *value)
{
	char *u = url_with(r, in, name, value);
	page_set(r, key, u);
	free(u);
}

static const char view_get_sql[] = "SELECT client_view FROM user_prefs WHERE user_id = ?";
static const char view_set_sql[] =
	"INSERT INTO user_prefs (user_id, client_view) VALUES (?, ?)"
	" ON DUPLICATE KEY UPDATE client_view = VALUES(client_view)";

/* The list or card view: the choice is remembered per user. */
static int view(struct request *r, const struct form *in)
{
	const char *v = form_get(in, "visao");
	if (!strcmp(v, "lista") || !strcmp(v, "cartoes")) {
		struct db_stmt *st = db_prepare(r->db, view_set_sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, r->session->user_id);
		db_bind_str(st, 1, v);
		if (db_exec(st) < 0)
			return -1;
		page_set(r, "List.View", v);
		return 0;
	}
	struct db_stmt *st = db_prepare(r->db, view_get_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->session->user_id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	page_set(r, "List.View", got ? db_col(st, 0) : "lista");
	return 0;
}

static const char *const list_cols =
	"c.id, c.kind, c.name, c.trade_name, c.document, c.email, c.phone_mobile,"
	" c.phone_work, c.city, c.uf, c.active, c.is_client, c.is_supplier, c.is_provider,"
	" c.is_prospect, c.deleted_at";

static void set_row(struct request *r, struct db_stmt *st, int n)
{
	static const char *const names[] = { "id", "kind", "name", "trade_name", "document",
					     "email", "mobile", "phone", "city", "uf", "active",
					     "is_client", "is_supplier", "is_provider",
					     "is_prospect", "deleted_at" };
	struct strbuf key = STRBUF_INIT;
	char buf[64];
	for (unsigned i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = db_col(st, i);
		sb_reset(&key);
		sb_printf(&key, "Rows.%d.%s", n, names[i]);
		if (i == 4 && v && *v && strcmp(db_col(st, 1), "EX") != 0) {
			doc_format(v, buf, sizeof buf);
			v = buf;
		} else if ((i == 6 || i == 7) && v && *v) {
			phone_format(v, buf, sizeof buf);
			v = buf;
		}
		page_set(r, key.buf, v);
	}
	sb_free(&key);
}

/* 100000 -> "100.000" */
static void thousands(int64_t n, char *out, size_t cap)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? 0 : n));
	size_t o = 0;
	for (int i = 0; i < len && o + 1 < cap; i++) {
		if (i && (len - i) % 3 == 0 && o + 2 < cap)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

static int list(struct request *r, const struct form *in, bool trash)
{
	struct query q;
	memset(&q, 0, sizeof q);
	build(r, in, trash, &q);
	int64_t total = count(r, in, trash, &q);
	int64_t pages = total > 0 ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
	int64_t pagina = form_int(in, "pagina") ? form_int(in, "pagina") : 1;
	struct strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "SELECT %s FROM clients c WHERE c.office_id = ?%s%s LIMIT %d OFFSET ?",
		  list_cols, sb_str(&q.where), order_by(form_get(in, "ordem")), PAGE_SIZE);
	add_int(&q, (pagina - 1) * PAGE_SIZE);
	struct db_stmt *st = total >= 0 && sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	int n = 0, got = -1;
	if (st) {
		bind_all(st, &q);
		if (db_exec(st) == 0)
			while ((got = db_fetch(st)) > 0)
				set_row(r, st, n++);
	}
	query_free(&q);
	if (got < 0)
		return -1;
	page_set_int(r, "List.Count", n);
	page_set_int(r, "List.Total", total);
	char fmt[32];
	thousands(total, fmt, sizeof fmt);
	page_set(r, "List.TotalFmt", fmt);
	page_set(r, "List.TotalCapped", q.filtered && total > COUNT_CAP ? "1" : "0");
	page_set_int(r, "List.Page", pagina);
	page_set_int(r, "List.Pages", total > COUNT_CAP && q.filtered ? pagina + (n == PAGE_SIZE) : pages);
	page_set(r, "List.Filtered", q.filtered || *form_get(in, "status") ? "1" : "0");
	for (size_t i = 0; i < in->n; i++) {
		struct strbuf key = STRBUF_INIT;
		sb_printf(&key, "List.Args.%s", in->rules[i].name);
		page_set(r, key.buf, in->value[i] ? in->value[i] : "");
		sb_free(&key);
	}
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)(pagina + 1));
	set_url(r, in, "List.NextUrl", "pagina", num);
	snprintf(num, sizeof num, "%lld", (long long)(pagina - 1));
	set_url(r, in, "List.PrevUrl", "pagina", pagina > 2 ? num : NULL);
	set_url(r, in, "List.Url", "pagina", NULL);
	char *u = url_with(r, in, "pagina", NULL);
	struct strbuf lv = STRBUF_INIT, cv = STRBUF_INIT;
	sb_printf(&lv, "%s%svisao=lista", u ? u : "", u && strchr(u, '?') ? "&" : "?");
	sb_printf(&cv, "%s%svisao=cartoes", u ? u : "", u && strchr(u, '?') ? "&" : "?");
	page_set(r, "List.ListViewUrl", sb_str(&lv));
	page_set(r, "List.CardViewUrl", sb_str(&cv));
	free(u);
	sb_free(&lv);
	sb_free(&cv);
	return 0;
}

/* What a bulk action or a redirect came back to say. */
static void notice(struct request *r)
{
	const char *feito = request_query(r, "feito"), *aviso = request_query(r, "aviso");
	const char *excluido = request_query(r, "excluido");
	if (feito) {
		struct strbuf m = STRBUF_INIT;
		long long n = strtoll(feito, NULL, 10);
		if (n == 1)
			sb_puts(&m, "1 cadastro alterado.");
		else
			sb_printf(&m, "%lld cadastros alterados.", n < 0 ? 0 : n);
		page_flash(r, "ok", sb_str(&m));
		sb_free(&m);
	} else if (aviso && !strcmp(aviso, "nenhum")) {
		page_flash(r, "aviso", "Selecione pelo menos um cadastro.");
	} else if (aviso && !strcmp(aviso, "grande")) {
		page_flash(r, "aviso", "A seleção passa de 5.000 cadastros: refine a busca e aplique em partes.");
	} else if (aviso && !strcmp(aviso, "etiqueta")) {
		page_flash(r, "aviso", "Escreva o nome da etiqueta.");
	} else if (excluido) {
		page_flash(r, "ok", "Cadastro excluído definitivamente.");
	}
}

int lista_get(struct request *r, const struct form *in)
{
	notice(r);
	if (view(r, in) < 0 || list(r, in, false) < 0 || cadastro_staff_and_tags(r) < 0)
		return -1;
	return page_render(r, 200, "lista.cs", "Clientes");
}

int lixeira_get(struct request *r, const struct form *in)
{
	notice(r);
	if (list(r, in, true) < 0)
		return -1;
	return page_render(r, 200, "lixeira.cs", "Lixeira");
}

/* ---------------------------------------------------------------- bulk actions */

const struct form_rule lote_rules[] = {
	{ "q", FORM_TEXT, false, 100, "Busca", 0, 0 },
	{ "status", FORM_TEXT, false, 10, "Situação", 0, 0 },
	{ "tipo", FORM_TEXT, false, 12, "Tipo de cadastro", 0, 0 },
	{ "pessoa", FORM_TEXT, false, 2, "Pessoa", 0, 0 },
	{ "etiqueta", FORM_INT, false, 0, "Etiqueta", 1, INT64_MAX },
	{ "responsavel", FORM_INT, false, 0, "Responsável", 1, INT64_MAX },
	{ "regime", FORM_TEXT, false, 12, "Regime", 0, 0 },
	{ "acao", FORM_TEXT, true, 20, "Ação", 0, 0 },
	{ "etiqueta_nome", FORM_TEXT, false, 60, "Etiqueta", 0, 0 },
	{ "todos", FORM_TEXT, false, 1, "Todos", 0, 0 },
	{ NULL, 0, false, 0, NULL, 0, 0 },
};

#define BULK_MAX 5000

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
		build(r, in, false, &q);
		struct strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "SELECT c.id FROM clients c WHERE c.office_id = ?%s ORDER BY c.id"
			  " LIMIT %d", sb_str(&q.where), BULK_MAX + 1);
		struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		sb_free(&sql);
		int got = -1;
		if (st) {
			bind_all(st, &q);
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
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].name, "ids") != 0)
			continue;
		char *end;
		long long id = strtoll(r->form.v[i].value, &end, 10);
		if (*end || id <= 0)
			continue;
		if (ids_add(ids, id) < 0)
			return -1;
	}
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
static int64_t tag_id(struct request *r, const char *name, bool create)
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

static int tag_one(struct request *r, const struct client *c, int64_t tag, const char *name,
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

int lote_post(struct request *r, const struct form *in)
{
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
