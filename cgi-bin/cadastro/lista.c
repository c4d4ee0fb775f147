/* /clientes and /clientes/lixeira: the list, its search, filters, order and pages. The
 * URL carries all of them, so back/forward and shared links work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "busca.h"
#include "cadastro.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "br/doc.h"
#include "memo.h"
#include "br/money.h"
#include "web/page.h"
#include "web/response.h"
#include "base/strbuf.h"
#include "br/valid.h"

#define PAGE_SIZE 50
/* A page of the list in SQL (the offset bound). */
#define PAGE_LIMIT " LIMIT " SQL_NUMBER_OF(PAGE_SIZE) " OFFSET ?"
#define SHALLOW_PAGES 10    /* up to here rows are read directly; deeper, ids first */
#define COUNT_CAP 1000      /* beyond this a filtered count says "mais de 1.000" */

static const char *const views[] = { "lista", "cartoes", NULL };

const struct form_rule lista_rules[] = {
	QUERY_RULES,
	ORDER_RULE,
	{ "pagina", FORM_INT, false, 0, "Página", 1, 100000, NULL },
	{ "visao", FORM_CHOICE, false, 0, "Visão", 0, 0, views },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* A query's SQL and then its parameters: what its answer is remembered under. */
static void answer_key(struct strbuf *key, const char *sql, const struct query *q)
{
	sb_puts(key, sql);
	for (size_t i = 0; i < q->np; i++) {
		if (q->p[i].is_int)
			sb_printf(key, "\x1f%lld", (long long)q->p[i].i);
		else
			sb_printf(key, "\x1e%s", q->p[i].s ? q->p[i].s : "");
	}
}

/* The number of records matching: exact from client_counts when only the status
 * filters and from client_prefix_counts for one word of four letters, else counted up
 * to COUNT_CAP + 1 (*exact false above it) and remembered until the office's registry
 * changes (staff page through a search and come back to it). */
static int64_t counted(struct request *r, const struct form *in, bool trash, struct query *q)
{
	struct registry reg;
	if (memo_registry(r, &reg) < 0)
		return -1;
	if (!q->filtered) {
		if (trash)
			return reg.trashed;
		const char *status = form_get(in, "status");
		if (strcmp(status, "ativos") == 0)
			return reg.active;
		if (strcmp(status, "inativos") == 0)
			return reg.inactive;
		return reg.active + reg.inactive;
	}
	/* Only our fixed fragments go into the text (busca.c); every value is bound. */
	struct strbuf sql = STRBUF_INIT, key = STRBUF_INIT;
	struct query moved = *q;
	if (q->prefix_whole) {
		/* One word of four letters: its beginning's count, exact (schema/009). */
		sb_puts(&sql, "SELECT COALESCE((SELECT n FROM client_prefix_counts"
			" WHERE office_id = ? AND trashed = ? AND prefix = ?), 0)");
		moved.np = 3;
		moved.p[0] = q->p[0];
		moved.p[1] = (struct param){ .is_int = true, .i = q->trash };
		moved.p[2] = (struct param){ .is_int = false, .s = (char *)q->prefix };
	} else if (q->words_only) {
		/* The word index alone: each word row knows whether its record is in the trash. */
		sb_printf(&sql, "SELECT COUNT(*) FROM (SELECT DISTINCT client_id FROM client_words"
			  " WHERE office_id = ? AND word LIKE ? AND trashed = ? LIMIT %d) t",
			  COUNT_CAP + 1);
		moved.np = 3;
		moved.p[0] = q->p[q->match_p];
		moved.p[1] = q->p[q->match_p + 1];
		moved.p[2] = (struct param){ .is_int = true, .i = q->trash };
	} else if (q->match.len) {
		/* Driven by the words' records, each looked up by id, stopping at the cap: not
		 * every record of the office probed against the matches (the search is the
		 * last fragment of where; its parameters move to the front). */
		SB_CAT(&sql, "SELECT COUNT(*) FROM (SELECT DISTINCT c.id FROM (", sb_str(&q->match),
		       ") m STRAIGHT_JOIN clients c ON c.id = m.client_id WHERE c.office_id = ?");
		sb_append(&sql, sb_str(&q->where), q->match_at);
		sb_printf(&sql, " LIMIT %d) t", COUNT_CAP + 1);
		for (size_t i = 0; i < q->np; i++)
			moved.p[i] = q->p[(i + q->match_p) % q->np];
	} else {
		SB_CAT(&sql, "SELECT COUNT(*) FROM (SELECT 1 FROM clients c WHERE c.office_id = ?",
		       sb_str(&q->where));
		sb_printf(&sql, " LIMIT %d) t", COUNT_CAP + 1);
	}
	answer_key(&key, sb_str(&sql), &moved);
	int64_t total = -1;
	size_t len = 0;
	const void *known = key.buf ? memo_get(r->office.id, reg.version, key.buf, &len) : NULL;
	if (known && len == sizeof total) {
		memcpy(&total, known, sizeof total);
	} else {
		struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
		if (st) {
			query_bind(st, &moved);
			if (db_exec(st) == 0 && db_fetch(st) > 0)
				total = db_col_i64(st, 0);
		}
		if (total >= 0 && key.buf)
			memo_put(r->office.id, reg.version, key.buf, &total, sizeof total);
	}
	sb_free(&sql);
	sb_free(&key);
	return total;
}

/* The count and whether it is exact (not capped at COUNT_CAP + 1). */
static int64_t count(struct request *r, const struct form *in, bool trash, struct query *q,
		     bool *exact)
{
	int64_t total = counted(r, in, trash, q);
	*exact = !q->filtered || q->prefix_whole || total <= COUNT_CAP;
	return total;
}

/* The list's own URL with one parameter changed (or removed with value NULL). */
static char *url_with(struct request *r, const struct form *in, const char *name,
		      const char *value)
{
	static const char *const skip[] = { "visao", NULL };   /* the view is remembered */
	struct strbuf u = STRBUF_INIT;
	sb_puts(&u, r->path);
	query_url_args(r, in, &u, skip, name, value);
	return sb_detach(&u);
}

static void set_url(struct request *r, const struct form *in, const char *key,
		    const char *name, const char *value)
{
	char *u = url_with(r, in, name, value);
	page_set(r, key, u);
	free(u);
}

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
	/* The stored choice came with the session. */
	page_set(r, "List.View", *r->session->client_view ? r->session->client_view : "lista");
	return 0;
}

#define LIST_NCOLS 11   /* the columns of list_cols */
static const char *const list_cols =
	"c.id, c.active, c.name, c.trade_name, c.document, c.email, c.phone_mobile,"
	" c.phone_work, c.city, c.uf, c.kind";

/* What a row of the list and card views shows, each cell ready to print: the e-mail in
 * two parts, up to its "@" and after (a narrow column breaks it there), the phone the
 * mobile or else the work one, the place "Cidade/UF", and only an inactive record says
 * so. */
enum { CELL_ID, CELL_NAME, CELL_TRADE, CELL_DOC, CELL_EMAIL_USER, CELL_EMAIL_DOMAIN,
       CELL_PHONE, CELL_PLACE, CELL_INACTIVE, CELLS };
static const char *const cell_names[CELLS] = { "id", "name", "trade_name", "document",
					       "email_user", "email_domain", "phone", "place",
					       "inactive" };
#define NO_CELL UINT32_MAX

/* A page of the list as shown: its rows' cells, each an offset into the text that
 * follows it (NO_CELL: empty, left unset). Remembered as one block of bytes. */
struct shown {
	uint32_t n;
	int64_t total;   /* the search's count when it came with the page, else -1 */
	uint32_t cell[PAGE_SIZE][CELLS];
};

/* The fetched row (list_cols) appended to page, its cells' text to text. */
static int add_row(struct shown *page, struct strbuf *text, struct db_stmt *st)
{
	enum { C_ID, C_ACTIVE, C_NAME, C_TRADE, C_DOC, C_EMAIL, C_MOBILE, C_WORK, C_CITY, C_UF,
	       C_KIND, NCOLS };
	const char *col[NCOLS], *cell[CELLS];
	char doc[DOC_FMT_MAX], phone[24], *user = NULL;
	char place[4 * 100 + 8];   /* city: up to 100 characters of up to 4 bytes, "/", UF */
	if (page->n >= PAGE_SIZE)
		return -1;
	for (unsigned i = 0; i < NCOLS; i++) {
		col[i] = db_col(st, i);
		if (col[i] && !*col[i])
			col[i] = NULL;
	}
	cell[CELL_ID] = col[C_ID];
	cell[CELL_NAME] = col[C_NAME];
	cell[CELL_TRADE] = col[C_TRADE];
	cell[CELL_DOC] = col[C_DOC];
	if (col[C_DOC] && col[C_KIND] && strcmp(col[C_KIND], "EX") != 0) {
		doc_format(col[C_DOC], doc, sizeof doc);
		cell[CELL_DOC] = doc;
	}
	cell[CELL_EMAIL_USER] = col[C_EMAIL];
	cell[CELL_EMAIL_DOMAIN] = NULL;
	const char *at = col[C_EMAIL] ? strchr(col[C_EMAIL], '@') : NULL;
	if (at && at[1]) {
		user = strndup(col[C_EMAIL], (size_t)(at - col[C_EMAIL]) + 1);
		if (!user)
			return -1;
		cell[CELL_EMAIL_USER] = user;
		cell[CELL_EMAIL_DOMAIN] = at + 1;
	}
	cell[CELL_PHONE] = NULL;
	if (col[C_MOBILE] || col[C_WORK]) {
		phone_format(col[C_MOBILE] ? col[C_MOBILE] : col[C_WORK], phone, sizeof phone);
		cell[CELL_PHONE] = phone;
	}
	cell[CELL_PLACE] = NULL;
	if (col[C_CITY] || col[C_UF]) {
		snprintf(place, sizeof place, "%s%s%s", col[C_CITY] ? col[C_CITY] : "",
			 col[C_CITY] && col[C_UF] ? "/" : "", col[C_UF] ? col[C_UF] : "");
		cell[CELL_PLACE] = place;
	}
	cell[CELL_INACTIVE] = col[C_ACTIVE] && strcmp(col[C_ACTIVE], "0") == 0 ? "1" : NULL;
	int rc = 0;
	for (unsigned c = 0; rc == 0 && c < CELLS; c++) {
		page->cell[page->n][c] = NO_CELL;
		if (!cell[c])
			continue;
		page->cell[page->n][c] = (uint32_t)text->len;
		if (text->len >= NO_CELL || sb_append(text, cell[c], strlen(cell[c]) + 1) < 0)
			rc = -1;   /* the cell with its NUL */
	}
	free(user);
	if (rc == 0)
		page->n++;
	return rc;
}

/* The page's rows into Rows.N. */
static void shown_to_page(struct request *r, const struct shown *page, const char *text)
{
	char prefix[24];
	for (uint32_t i = 0; i < page->n && i < PAGE_SIZE; i++) {
		const char *values[CELLS];
		for (unsigned c = 0; c < CELLS; c++)
			values[c] = page->cell[i][c] == NO_CELL ? NULL : text + page->cell[i][c];
		snprintf(prefix, sizeof prefix, "Rows.%u", (unsigned)i);
		page_set_many(r, prefix, cell_names, values, CELLS);
	}
}

/* Runs the page's SQL, shows its rows and remembers them under key (when not NULL);
 * returns their number or -1. with_total: each row carries the search's count after the
 * list's columns, into *total (-1 without rows). */
static int page_query(struct request *r, const char *sql, const struct query *q, const char *key,
		      bool with_total, int64_t *total)
{
	struct db_stmt *st = db_prepare_text(r->db, sql);
	if (!st)
		return -1;
	query_bind(st, q);
	if (db_exec(st) < 0)
		return -1;
	struct shown page;
	struct strbuf text = STRBUF_INIT;
	int got, rc = 0;
	memset(&page, 0, sizeof page);   /* remembered whole, rows not shown included */
	page.total = -1;
	while ((got = db_fetch(st)) > 0) {
		if (rc == 0 && add_row(&page, &text, st) < 0)
			rc = -1;   /* fetched to the end all the same */
		if (with_total && db_col(st, LIST_NCOLS))
			page.total = db_col_i64(st, LIST_NCOLS);
	}
	*total = page.total;
	if (got < 0 || rc < 0) {
		sb_free(&text);
		return -1;
	}
	shown_to_page(r, &page, sb_str(&text));
	struct strbuf blob = STRBUF_INIT;
	if (key && sb_append(&blob, (const char *)&page, sizeof page) == 0 &&
	    sb_append(&blob, text.buf ? text.buf : "", text.len) == 0)
		memo_put(r->office.id, r->office.registry_version, key, blob.buf, blob.len);
	sb_free(&blob);
	sb_free(&text);
	return (int)page.n;
}

/* The count of a four-letter beginning, read with its page: one statement, not two. */
static const char prefix_count_col[] =
	"(SELECT n FROM client_prefix_counts WHERE office_id = ? AND trashed = ? AND prefix = ?)";

/* Which way a page of the list is read. */
enum page_way {
	WAY_ORDER,          /* the order's index (or a filter's), rows read as it goes */
	WAY_FEW,            /* a search's few matches (counted exactly), read and sorted */
	WAY_PREFIX,         /* one word of four letters: its range of client_prefixes */
	WAY_PREFIX_WALK,    /* a broad search in name order: the range of its longest word's
			     * beginning, each record checked for the whole search */
	WAY_WALK,           /* a broad search in another order: the order's index, the
			     * words checked in its entries */
};

static enum page_way page_way(const struct form *in, const struct query *q, int64_t total)
{
	bool by_name = query_by_name(form_get(in, "ordem"));
	if (by_name && q->prefix_whole)
		return WAY_PREFIX;
	if (!q->match.len)
		return WAY_ORDER;
	if (total <= COUNT_CAP)
		return WAY_FEW;
	return by_name && q->prefix[0] ? WAY_PREFIX_WALK : WAY_WALK;
}

/* The page's SQL (fixed fragments and columns only) into sql and its parameters, the
 * offset last, into run (q itself, or walk made from it). */
static void page_sql(const struct form *in, struct query *q, enum page_way way, int64_t pagina,
		     struct strbuf *sql, struct query *walk, struct query *run)
{
	const char *order = query_order(form_get(in, "ordem"));
	const char *order_index = query_order_index(form_get(in, "ordem"));
	int64_t offset = (pagina - 1) * PAGE_SIZE;
	*run = *q;
	switch (way) {
	case WAY_PREFIX:
		/* The range's entries are the page, already in order, each joined to its row;
		 * a deep page's entries come first (the skipped ones are never joined). */
		if (pagina <= SHALLOW_PAGES)
			SB_CAT(sql, "SELECT ", list_cols, ", ", prefix_count_col,
			       " FROM client_prefixes p STRAIGHT_JOIN clients c ON c.id = p.client_id"
			       " WHERE p.office_id = ? AND p.trashed = ? AND p.prefix = ?"
			       " ORDER BY p.name, p.client_id" PAGE_LIMIT);
		else
			SB_CAT(sql, "SELECT ", list_cols, ", ", prefix_count_col,
			       " FROM (SELECT client_id FROM client_prefixes"
			       " WHERE office_id = ? AND trashed = ? AND prefix = ?"
			       " ORDER BY name, client_id" PAGE_LIMIT ") p"
			       " JOIN clients c ON c.id = p.client_id", order);
		for (int i = 0; i < 2; i++) {   /* the count's, then the range's */
			query_add_int(walk, q->p[0].i);
			query_add_int(walk, q->trash);
			query_add_str(walk, q->prefix);
		}
		query_add_int(walk, offset);
		*run = *walk;
		return;
	case WAY_PREFIX_WALK:
		/* STRAIGHT_JOIN: along the range in its order, each record looked up and
		 * checked (the search's words, the filters), until the page is full. */
		query_add_int(walk, q->p[0].i);
		query_add_int(walk, q->trash);
		query_add_str(walk, q->prefix);
		{
			struct query words;
			query_walk(q, &words);
			query_add_params(walk, &words, words.np);
			SB_CAT(sql, "SELECT ", list_cols, " FROM client_prefixes p STRAIGHT_JOIN clients c"
			       " ON c.id = p.client_id WHERE p.office_id = ? AND p.trashed = ?"
			       " AND p.prefix = ? AND c.office_id = ?", sb_str(&words.where),
			       " ORDER BY p.name, p.client_id" PAGE_LIMIT);
			query_free(&words);
		}
		query_add_int(walk, offset);
		*run = *walk;
		return;
	case WAY_FEW: {
		/* STRAIGHT_JOIN: from the matches to their rows, then sorted; left to itself
		 * MariaDB may walk the whole order probing the matches instead. The words'
		 * parameters go first, the offset stays last. */
		SB_CAT(sql, "SELECT ", list_cols, " FROM (SELECT c.id FROM (SELECT DISTINCT client_id"
		       " FROM (", sb_str(&q->match), ") m0) m STRAIGHT_JOIN clients c"
		       " ON c.id = m.client_id WHERE c.office_id = ?");
		sb_append(sql, sb_str(&q->where), q->match_at);
		SB_CAT(sql, order, PAGE_LIMIT ") p JOIN clients c ON c.id = p.id", order);
		query_add_int(q, offset);
		*run = *q;
		size_t k = q->np - 1;
		for (size_t i = 0; i < k; i++)
			run->p[i] = q->p[(i + q->match_p) % k];
		return;
	}
	case WAY_WALK:
		query_walk(q, walk);
		q = walk;
		break;
	case WAY_ORDER:
		/* The order's index is named only for the whole list: a filter may have a
		 * better one (a CPF search its document's). */
		if (q->filtered)
			order_index = "";
		break;
	}
	if (pagina <= SHALLOW_PAGES)
		SB_CAT(sql, "SELECT ", list_cols, " FROM clients c", order_index,
		       " WHERE c.office_id = ?", sb_str(&q->where), order, PAGE_LIMIT);
	else
		SB_CAT(sql, "SELECT ", list_cols, " FROM (SELECT c.id FROM clients c", order_index,
		       " WHERE c.office_id = ?", sb_str(&q->where), order, PAGE_LIMIT ") p"
		       " JOIN clients c ON c.id = p.id", order);
	query_add_int(q, offset);
	*run = *q;
}

/* The rows of the page into Rows.N; returns their number or -1. A search with few
 * matches (counted exactly) sorts its matches; a broad one in name order walks the range
 * of client_prefixes of its longest word's beginning, and a word of four letters is that
 * range alone (schema/009_prefixes.sql); in another order it walks the order's index,
 * its words checked in the index entries (c.search_text), until the page is full. A deep
 * page's ids come first, from the index alone (the entries skipped by OFFSET are never
 * read), then their rows; the first pages read their rows directly, which spares a
 * temporary table and a sort. A page already shown in this version of the registry
 * (the same SQL and parameters) comes from the worker's memo without a query: staff go
 * back to the list from a record, page back and forth, open the list again. */
/* The view the page shows (view() put it on the page the same way). */
static const char *current_view(struct request *r, const struct form *in)
{
	const char *v = form_get(in, "visao");
	if (!strcmp(v, "lista") || !strcmp(v, "cartoes"))
		return v;
	return *r->session->client_view ? r->session->client_view : "lista";
}

/* The rows on the page (Rows.N) rendered once as the part "rows" of lista.cs, and
 * remembered under html_key for the next time. 0 or -1. */
static int rows_part(struct request *r, const char *html_key)
{
	struct strbuf html = STRBUF_INIT;
	int rc = page_render_part(r, "lista_linhas.cs", &html) < 0 ||
			 page_part(r, "rows", sb_str(&html), html.len) < 0 ? -1 : 0;
	if (rc == 0 && html_key)
		memo_put(r->office.id, r->office.registry_version, html_key, sb_str(&html), html.len);
	sb_free(&html);
	return rc;
}

static int page_rows(struct request *r, const struct form *in, struct query *q, int64_t total,
		     int64_t pagina, int64_t *page_total, bool trash)
{
	struct query walk, run;
	memset(&walk, 0, sizeof walk);
	struct strbuf sql = STRBUF_INIT;
	enum page_way way = page_way(in, q, total);
	page_sql(in, q, way, pagina, &sql, &walk, &run);
	/* A page looked at before in this version of the registry is shown as it was. */
	struct strbuf key = STRBUF_INIT, html_key = STRBUF_INIT;
	answer_key(&key, sb_str(&sql), &run);
	/* The list (not the trash) keeps its rows' HTML too, per view. */
	if (!trash && key.buf)
		SB_CAT(&html_key, key.buf, "|html|", current_view(r, in));
	size_t len = 0, hlen = 0;
	const char *known = sql.buf && key.buf ?
		memo_get(r->office.id, r->office.registry_version, key.buf, &len) : NULL;
	const char *html = known && html_key.buf ?
		memo_get(r->office.id, r->office.registry_version, html_key.buf, &hlen) : NULL;
	int n = -1;
	*page_total = -1;
	if (!sql.buf) {
		n = -1;
	} else if (known && len >= sizeof(struct shown)) {
		struct shown page;
		memcpy(&page, known, sizeof page);
		n = (int)page.n;
		*page_total = page.total;
		if (html) {
			if (page_part(r, "rows", html, hlen) < 0)
				n = -1;
		} else {
			shown_to_page(r, &page, known + sizeof page);
			if (!trash && rows_part(r, html_key.buf) < 0)
				n = -1;
		}
	} else {
		/* A page seen for the first time keeps its data only: its HTML is kept from
		 * its second view on (a search typed once should not pay for it). */
		n = page_query(r, sb_str(&sql), &run, key.buf, way == WAY_PREFIX, page_total);
		if (n >= 0 && !trash && rows_part(r, NULL) < 0)
			n = -1;
	}
	sb_free(&key);
	sb_free(&html_key);
	sb_free(&sql);
	query_free(&walk);
	return n;
}

static int list(struct request *r, const struct form *in, bool trash)
{
	struct query q;
	memset(&q, 0, sizeof q);
	query_build(r, in, trash, &q);
	bool exact = true;
	int64_t pagina = form_int(in, "pagina") ? form_int(in, "pagina") : 1;
	int64_t total = -1, with_page = -1;
	int n;
	if (q.prefix_whole && query_by_name(form_get(in, "ordem"))) {
		/* The page first: its count comes with it (a page past the end has none). */
		n = page_rows(r, in, &q, 0, pagina, &with_page, trash);
		if (with_page >= 0 || n < 0)
			total = n < 0 ? -1 : with_page;
		else if (n == 0 && pagina == 1)
			total = 0;   /* nothing matches */
		else
			total = count(r, in, trash, &q, &exact);
	} else {
		total = count(r, in, trash, &q, &exact);
		n = total < 0 ? -1 : page_rows(r, in, &q, total, pagina, &with_page, trash);
	}
	int64_t pages = total > 0 ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
	query_free(&q);
	if (n < 0)
		return -1;
	page_set_int(r, "List.Count", n);
	page_set_int(r, "List.Total", total);
	char fmt[32];
	number_format(total, fmt, sizeof fmt);
	page_set(r, "List.TotalFmt", fmt);
	page_set(r, "List.TotalCapped", exact ? "0" : "1");
	page_set_int(r, "List.Page", pagina);
	page_set_int(r, "List.Pages", exact ? pages : pagina + (n == PAGE_SIZE));
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
	char *eu = url_with(r, in, "pagina", NULL);
	if (eu) {
		/* The same search, filters and order, on the export's page. */
		const char *qs = strchr(eu, '?');
		struct strbuf x = STRBUF_INIT;
		sb_printf(&x, "/clientes/exportar%s", qs ? qs : "");
		page_set(r, "List.ExportUrl", sb_str(&x));
		sb_free(&x);
		free(eu);
	}
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
	} else if (aviso && !strcmp(aviso, "exportar")) {
		page_flash(r, "aviso", "Marque no máximo 500 cadastros para exportar, ou exporte a busca inteira.");
	} else if (aviso && !strcmp(aviso, "etiqueta")) {
		page_flash(r, "aviso", "Escreva o nome da etiqueta.");
	} else if (aviso && !strcmp(aviso, "responsavel")) {
		page_flash(r, "aviso", "Escolha o novo responsável (ou \"Ninguém\").");
	} else if (excluido) {
		page_flash(r, "ok", "Cadastro excluído definitivamente.");
	}
}

/* The custom attributes the list filters by, with their choices and the chosen value
 * (Filters.N), and the chosen ones again for the bulk form (List.Custom.N). */
static int custom_filters_to_page(struct request *r)
{
	size_t nf = 0;
	const struct memo_filter *f = memo_filters(r, &nf);
	if (!f)
		return -1;
	struct custom_filter cf[CUSTOM_FILTERS_MAX];
	size_t ncf = query_custom_filters(r, cf, CUSTOM_FILTERS_MAX);
	char key[64], name[32];
	for (size_t i = 0; i < nf; i++) {
		snprintf(name, sizeof name, "campo_%lld", (long long)f[i].id);
		const char *chosen = "";
		for (size_t k = 0; k < ncf; k++)
			if (cf[k].field == f[i].id)
				chosen = cf[k].value;
		static const char *const names[] = { "param", "name", "yes_no", "value" };
		const char *values[] = { name, f[i].name, f[i].yes_no ? "1" : "0", chosen };
		snprintf(key, sizeof key, "Filters.%zu", i);
		page_set_many(r, key, names, values, 4);
		if (!f[i].yes_no) {
			snprintf(key, sizeof key, "Filters.%zu.options", i);
			custom_options_to_page(r, f[i].options, key);
		}
	}
	for (size_t k = 0; k < ncf; k++) {
		snprintf(name, sizeof name, "campo_%lld", (long long)cf[k].field);
		static const char *const names[] = { "name", "value" };
		const char *values[] = { name, cf[k].value };
		snprintf(key, sizeof key, "List.Custom.%zu", k);
		page_set_many(r, key, names, values, 2);
	}
	return 0;
}

/* A refused search, filter or order: the form as typed with the message, and no records
 * (List.Refused): never the whole registry in place of what was asked. */
static void refused(struct request *r, const struct form *in, const char *why)
{
	page_flash(r, "erro", why);
	page_set(r, "List.Refused", "1");
	page_set(r, "List.Filtered", "1");
	page_set_int(r, "List.Count", 0);
	for (size_t i = 0; i < in->n; i++) {
		const char *name = in->rules[i].name;
		const char *typed = in->value[i] ? in->value[i] : request_query(r, name);
		struct strbuf key = STRBUF_INIT;
		sb_printf(&key, "List.Args.%s", name);
		page_set(r, key.buf, typed ? typed : "");
		sb_free(&key);
	}
}

/* Who moved each record of the trash's page there, and when (Rows.N.trashed_by, _at):
 * the latest audit event that set "trashed", whoever wrote it (staff, a bulk action, an
 * import's undo). */
static int trashed_by_to_page(struct request *r)
{
	int64_t ids[PAGE_SIZE];
	size_t n = 0;
	char key[40];
	for (; n < PAGE_SIZE; n++) {
		snprintf(key, sizeof key, "Rows.%zu.id", n);
		const char *v = page_get(r, key);
		if (!v)
			break;
		ids[n] = strtoll(v, NULL, 10);
	}
	if (n == 0)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT e.entity_id, e.actor,"
		" DATE_FORMAT(CONVERT_TZ(e.at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i')"
		" FROM audit_events e JOIN audit_changes ch ON ch.event_id = e.id"
		" AND ch.field = 'trashed' AND ch.new_value = '1'"
		" WHERE e.office_id = ? AND e.entity = 'client' AND e.entity_id IN (");
	struct db_stmt *st = db_put_marks(&sql, n) == 0 && sb_puts(&sql, ") ORDER BY e.id") == 0
			     ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 1), ids[i]);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)   /* in event order: the latest one stays */
		for (size_t i = 0; i < n; i++)
			if (ids[i] == db_col_i64(st, 0)) {
				snprintf(key, sizeof key, "Rows.%zu.trashed_by", i);
				page_set(r, key, db_col(st, 1));
				snprintf(key, sizeof key, "Rows.%zu.trashed_at", i);
				page_set(r, key, db_col(st, 2));
			}
	return got < 0 ? -1 : 0;
}

/* The list or the trash; a refused input shows its message with status 400. */
static int list_page(struct request *r, const struct form *in, bool trash)
{
	notice(r);
	struct strbuf why = STRBUF_INIT;
	bool refuse = query_refusal(r, in, &why);
	int rc = 0;
	if (refuse) {
		refused(r, in, sb_str(&why));
		page_set(r, "List.View", *r->session->client_view ? r->session->client_view : "lista");
	} else if ((!trash && view(r, in) < 0) || list(r, in, trash) < 0) {
		rc = -1;
	}
	sb_free(&why);
	if (rc == 0 && !trash && (cadastro_staff_and_tags(r) < 0 || custom_filters_to_page(r) < 0))
		rc = -1;
	if (rc == 0 && trash && !refuse && trashed_by_to_page(r) < 0)
		rc = -1;
	if (rc < 0)
		return -1;
	return page_render(r, refuse ? 400 : 200, trash ? "lixeira.cs" : "lista.cs",
			   trash ? "Lixeira" : "Clientes");
}

int lista_get(struct request *r, const struct form *in)
{
	return list_page(r, in, false);
}

int lixeira_get(struct request *r, const struct form *in)
{
	return list_page(r, in, true);
}

