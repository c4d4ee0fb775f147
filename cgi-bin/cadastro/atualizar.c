/* "Atualizar cadastro" from a client's profile: send the client a signed link to update
 * its own data (lib/portal/update.h; its earlier open link stops working), and revoke an
 * open one. The profile lists each link's state. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cadastro.h"
#include "base/db.h"
#include "cadastro/bulk.h"
#include "cadastro/selection.h"
#include "portal/update.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule atualizar_revogar_rules[] = {
	{ "pedido", FORM_INT, true, 0, "Link", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static int back(struct request *r, int64_t id, const char *notice)
{
	char to[80];
	snprintf(to, sizeof to, "/clientes/%lld?atualizar=%s#atualizar", (long long)id, notice);
	return response_redirect(r, to);
}

/* One change of a record's update links, in a transaction that runs once more when it
 * loses to another (db_transaction): the link's row is locked. */
struct link_change {
	struct request *r;
	int64_t client, request;
	int done;   /* what the change returned: 1 done, 0 nothing to do */
};

static int send_tx(struct db *db, void *ctx)
{
	(void)db;
	struct link_change *k = ctx;
	k->done = update_request_send(k->r, k->client);
	return k->done < 0 ? -1 : 0;
}

static int revoke_tx(struct db *db, void *ctx)
{
	(void)db;
	struct link_change *k = ctx;
	k->done = update_request_revoke(k->r, k->client, k->request);
	return k->done < 0 ? -1 : 0;
}

static bool approved(struct request *r, const char *field);

static int decide_tx(struct db *db, void *ctx)
{
	(void)db;
	struct link_change *k = ctx;
	k->done = update_decide(k->r, k->client, k->request, approved);
	return k->done < 0 ? -1 : 0;
}

/* POST /clientes/N/atualizar */
int atualizar_post(struct request *r, const struct form *in)
{
	(void)in;
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	client_free(&c);
	struct link_change k = { r, id, 0, 0 };
	if (db_transaction(r->db, send_tx, &k) < 0)
		return -1;
	return back(r, id, k.done ? "enviado" : "sem-email");
}

/* POST /clientes/N/atualizar/revogar */
int atualizar_revogar_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	client_free(&c);
	if (in->nerrors)
		return page_error(r, 400, NULL);
	struct link_change k = { r, id, form_int(in, "pedido"), 0 };
	if (db_transaction(r->db, revoke_tx, &k) < 0)
		return -1;
	return back(r, id, k.done ? "revogado" : "nao-revogado");
}

/* ---------------------------------------------------------------- many clients */

const struct form_rule atualizar_lote_rules[] = {
	{ "selecao", FORM_INT, true, 0, "Seleção", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char counts_sql[] =
	"SELECT COUNT(*), COALESCE(SUM(c.email <> ''), 0) FROM selection_items i"
	" JOIN clients c ON c.id = i.client_id AND c.office_id = ? AND NOT c.trashed"
	" WHERE i.selection_id = ?";
static const char without_sql[] =
	"SELECT c.id, c.name FROM selection_items i"
	" JOIN clients c ON c.id = i.client_id AND c.office_id = ? AND NOT c.trashed"
	" WHERE i.selection_id = ? AND c.email = '' ORDER BY c.name, c.id LIMIT 50";
/* Who receives it, named on the confirmation: the first 50 ("e mais N" after them). */
static const char with_sql[] =
	"SELECT c.id, c.name, c.email FROM selection_items i"
	" JOIN clients c ON c.id = i.client_id AND c.office_id = ? AND NOT c.trashed"
	" WHERE i.selection_id = ? AND c.email <> '' ORDER BY c.name, c.id LIMIT 50";
static const char message_sql[] = "SELECT COALESCE(update_message, '') FROM offices WHERE id = ?";

static struct db_stmt *run2(struct request *r, const char *sql, int64_t selection)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return NULL;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, selection);
	return db_exec(st) < 0 ? NULL : st;
}

/* The selection of the request's user: 1, or 0 with the page answered (gone, or empty). */
static int own_selection(struct request *r, const struct form *in, int64_t *selection)
{
	int64_t total = 0;
	*selection = form_int(in, "selecao");
	int got = in->nerrors ? 0 : selection_total(r, *selection, &total);
	if (got < 0)
		return -1;
	if (got == 0)
		return page_error(r, 404, "Esta seleção não existe mais (vale por um dia). Volte à "
				  "lista de clientes e escolha de novo.") < 0 ? -1 : 0;
	return 1;
}

/* GET /clientes/atualizar?selecao=N: how many receive the link, who has no e-mail (left
 * out), the message and its button; then "Enviar". */
int atualizar_lote_get(struct request *r, const struct form *in)
{
	int64_t selection;
	int ok = own_selection(r, in, &selection);
	if (ok <= 0)
		return ok;
	struct db_stmt *st = run2(r, counts_sql, selection);
	if (!st || db_fetch(st) <= 0)
		return -1;
	int64_t total = db_col_i64(st, 0), with = db_col_i64(st, 1);
	while (db_fetch(st) > 0)
		;
	page_set_int(r, "Send.selection", selection);
	page_set_int(r, "Send.total", total);
	page_set_int(r, "Send.with", with);
	page_set_int(r, "Send.without", total - with);
	if (!(st = run2(r, without_sql, selection)))
		return -1;
	int n = 0, got;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		static const char *const names[] = { "id", "name" };
		const char *values[] = { db_col(st, 0), db_col(st, 1) };
		snprintf(key, sizeof key, "Without.%d", n++);
		page_set_many(r, key, names, values, 2);
	}
	if (got < 0 || !(st = run2(r, with_sql, selection)))
		return -1;
	n = 0;
	while ((got = db_fetch(st)) > 0) {
		char key[32];
		static const char *const names[] = { "id", "name", "email" };
		const char *values[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2) };
		snprintf(key, sizeof key, "With.%d", n++);
		page_set_many(r, key, names, values, 3);
	}
	if (got < 0 || !(st = db_prepare(r->db, message_sql)))
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	page_set(r, "Send.message", *db_col(st, 0) ? db_col(st, 0) : UPDATE_DEFAULT_MESSAGE);
	return page_render(r, 200, "atualizar_lote.cs", "Atualizar cadastro");
}

static const char items_sql[] =
	"INSERT INTO job_items (job_id, client_id) SELECT ?, i.client_id FROM selection_items i"
	" JOIN clients c ON c.id = i.client_id AND c.office_id = ? AND NOT c.trashed AND c.email <> ''"
	" WHERE i.selection_id = ?";

/* POST /clientes/atualizar: a job for the worker (each link signed there), its page. */
int atualizar_lote_post(struct request *r, const struct form *in)
{
	int64_t selection;
	int ok = own_selection(r, in, &selection);
	if (ok <= 0)
		return ok;
	if (db_begin(r->db) < 0)
		return -1;
	int64_t job = job_new(r, BULK_UPDATE_LINK, 0, NULL);
	struct db_stmt *st = job > 0 ? db_prepare(r->db, items_sql) : NULL;
	if (!st)
		return -1;
	db_bind_i64(st, 0, job);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, selection);
	if (db_exec(st) < 0 || job_counted(r, job) < 0 || db_commit(r->db) < 0)
		return -1;
	char to[64];
	snprintf(to, sizeof to, "/clientes/tarefas/%lld", (long long)job);
	return response_redirect(r, to);
}

/* ---------------------------------------------------------------- approval */

const struct form_rule atualizar_decidir_rules[] = {
	{ "pedido", FORM_INT, true, 0, "Link", 1, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* The profile's form has one choice per pending field: d_<column> = aprovar | recusar. */
static bool approved(struct request *r, const char *field)
{
	char name[80];
	snprintf(name, sizeof name, "d_%s", field);
	const char *v = request_form(r, name);
	return v && strcmp(v, "aprovar") == 0;
}

/* POST /clientes/N/atualizar/decidir */
int atualizar_decidir_post(struct request *r, const struct form *in)
{
	struct client c;
	int got = cadastro_path_client(r, &c);
	if (got <= 0)
		return got;
	int64_t id = c.id;
	client_free(&c);
	if (in->nerrors)
		return page_error(r, 400, NULL);
	struct link_change k = { r, id, form_int(in, "pedido"), 0 };
	if (db_transaction(r->db, decide_tx, &k) < 0)
		return -1;
	return back(r, id, k.done ? "decidido" : "nada-pendente");
}
