/* /clientes/tarefas/N: a bulk action the worker is doing (lib/cadastro/bulk.h), its progress
 * while it runs (the page reloads itself), and what it changed. A sending of update links
 * also shows each link's state, the totals (whom to chase) and "resend". */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cadastro/bulk.h"
#include "cadastro.h"
#include "base/db.h"
#include "br/money.h"
#include "portal/update.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule tarefa_rules[] = {
	{ "estado", FORM_CHOICE, false, 0, "Situação", 0, 0, update_states },
	{ "pagina", FORM_INT, false, 0, "Página", 1, 10000, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char job_sql[] =
	"SELECT action, tag_name, status, total, done, changed FROM jobs WHERE id = ? AND office_id = ?";

static const char *action_text(const char *action)
{
	switch (bulk_action_parse(action)) {
	case BULK_ACTIVATE: return "Ativar";
	case BULK_DEACTIVATE: return "Desativar";
	case BULK_TRASH: return "Mover para a lixeira";
	case BULK_TAG: return "Adicionar a etiqueta";
	case BULK_UNTAG: return "Remover a etiqueta";
	case BULK_PORTAL: return "Enviar acesso ao portal";
	case BULK_UPDATE_LINK: return "Enviar link de atualização de cadastro";
	case BULK_RESPONSIBLE: return "Definir o responsável";
	case BULK_NONE: break;
	}
	return action;
}

static const struct page_notice resend_notices[] = {
	{ "nada", "aviso", "Ninguém para lembrar: todos deste envio concluíram ou já receberam um link mais novo." },
	{ NULL, NULL, NULL },
};

/* The sending's part of the page: its links by state, a page of them. */
static int sending(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return page_error(r, 400, form_error(in, "estado")
				  ? "Situação desconhecida: escolha uma das situações do envio."
				  : "Página inválida: volte à primeira página do envio.");
	const char *state = form_get(in, "estado");
	int64_t page = *form_get(in, "pagina") ? form_int(in, "pagina") : 1;
	int n = update_sending_to_page(r, r->path_id, state, page - 1);
	if (n < 0)
		return -1;
	page_set(r, "Sending.filter", state);
	page_set_int(r, "Sending.page", page);
	if (page > 1)
		page_set_int(r, "Sending.prev", page - 1);
	if (n == UPDATE_SENDING_PAGE)
		page_set_int(r, "Sending.next", page + 1);
	return 1;
}

/* The job of the path, in the office: its row read (*got 1), none (0) or -1. */
static struct db_stmt *job_row(struct request *r, int *got)
{
	struct db_stmt *st = db_prepare(r->db, job_sql);
	*got = -1;
	if (!st)
		return NULL;
	db_bind_i64(st, 0, r->path_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return NULL;
	*got = db_fetch(st);
	return st;
}

int tarefa_get(struct request *r, const struct form *in)
{
	int got;
	struct db_stmt *st = job_row(r, &got);
	if (got < 0)
		return -1;
	if (got == 0)
		return page_error(r, 404, NULL);
	static const char *const names[] = { "action", "tag", "status", "total", "done", "changed" };
	const char *values[] = { action_text(db_col(st, 0)), db_col(st, 1), db_col(st, 2),
				 db_col(st, 3), db_col(st, 4), db_col(st, 5) };
	page_set_many(r, "Job", names, values, 6);
	static const char *const counts[] = { "Job.total_fmt", "Job.done_fmt", "Job.changed_fmt" };
	for (unsigned i = 0; i < 3; i++) {
		char fmt[32];
		number_format(db_col_i64(st, 3 + i), fmt, sizeof fmt);
		page_set(r, counts[i], fmt);
	}
	page_set_int(r, "Job.id", r->path_id);
	const char *status = db_col(st, 2);
	bool running = status && (!strcmp(status, "queued") || !strcmp(status, "running"));
	if (running)
		page_set(r, "Page.Refresh", "2");
	bool links = bulk_action_parse(db_col(st, 0)) == BULK_UPDATE_LINK;
	while ((got = db_fetch(st)) > 0)
		;
	if (got < 0)
		return -1;
	if (links) {
		page_set(r, "Job.links", "1");
		page_notice_from_query(r, resend_notices);
		if (!running && (got = sending(r, in)) <= 0)
			return got;
	}
	return page_render(r, 200, "tarefa.cs", links ? "Envio de atualização de cadastro" : "Ação em lote");
}

/* POST /clientes/tarefas/N/reenviar: a new sending to this one's clients who did not
 * complete (each gets a new link; the old one stops working), its page. */
int tarefa_reenviar_post(struct request *r, const struct form *in)
{
	(void)in;
	int got;
	struct db_stmt *st = job_row(r, &got);
	if (got < 0)
		return -1;
	bool links = got > 0 && bulk_action_parse(db_col(st, 0)) == BULK_UPDATE_LINK;
	while (got > 0 && (got = db_fetch(st)) > 0)
		;
	if (got < 0)
		return -1;
	if (!links)
		return page_error(r, 404, NULL);
	if (db_begin(r->db) < 0)
		return -1;
	int64_t job = job_new(r, BULK_UPDATE_LINK, 0, NULL);
	int n = job > 0 ? update_sending_resend(r, r->path_id, job) : -1;
	if (n < 0)
		return -1;
	char to[80];
	if (n == 0) {
		db_rollback(r->db);
		snprintf(to, sizeof to, "/clientes/tarefas/%lld?aviso=nada", (long long)r->path_id);
		return response_redirect(r, to);
	}
	if (job_counted(r, job) < 0 || db_commit(r->db) < 0)
		return -1;
	snprintf(to, sizeof to, "/clientes/tarefas/%lld", (long long)job);
	return response_redirect(r, to);
}
