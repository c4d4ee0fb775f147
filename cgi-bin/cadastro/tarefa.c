/* /clientes/tarefas/N: a bulk action the worker is doing (lib/cadastro/bulk.h), its progress
 * while it runs (the page reloads itself), and what it changed. */
#include <stdio.h>
#include <string.h>

#include "cadastro/bulk.h"
#include "cadastro.h"
#include "base/db.h"
#include "br/money.h"
#include "web/page.h"

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
	case BULK_NONE: break;
	}
	return action;
}

int tarefa_get(struct request *r, const struct form *in)
{
	(void)in;
	struct db_stmt *st = db_prepare(r->db, job_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->path_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
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
	if (status && (!strcmp(status, "queued") || !strcmp(status, "running")))
		page_set(r, "Page.Refresh", "2");
	while ((got = db_fetch(st)) > 0)
		;
	return got < 0 ? -1 : page_render(r, 200, "tarefa.cs", "Ação em lote");
}
