/* What several cadastro pages share: a record's values for the page, the checked ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "base/db.h"
#include "web/page.h"
#include "base/strbuf.h"

void cadastro_set_client(struct request *r, const struct client *c)
{
	struct strbuf key = STRBUF_INIT;
	char *shown = NULL;
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		sb_reset(&key);
		sb_printf(&key, "Client.%s", client_cols[i].field);
		page_set(r, key.buf, c->v[i]);
		sb_puts(&key, "_fmt");
		page_set(r, key.buf, client_display(c, i, &shown));
	}
	free(shown);
	sb_free(&key);
	page_set_int(r, "Client.id", c->id);
	page_set_int(r, "Client.version", c->version);
	page_set(r, "Client.trashed", c->trashed ? "1" : "0");
}

/* A record in the trash is read-only: it can be looked at, restored and purged, and
 * nothing else, whatever the route. What each refused action says; a route not named
 * here that changes something gets the last message. */
static const struct {
	const char *action;   /* the path's last segment */
	const char *refusal;
} trashed_refusals[] = {
	{ "editar", "Este cadastro está na lixeira: restaure-o para editar os dados." },
	{ "notas", "Este cadastro está na lixeira: restaure-o para escrever notas." },
	{ "etiquetas", "Este cadastro está na lixeira: restaure-o para mudar as etiquetas." },
	{ "ativar", "Este cadastro está na lixeira: restaure-o para ativá-lo." },
	{ "desativar", "Este cadastro está na lixeira: restaure-o para desativá-lo." },
	{ "lixeira", "Este cadastro já está na lixeira." },
	{ NULL, "Este cadastro está na lixeira: restaure-o antes de alterá-lo." },
};

/* The refusal for this request on a trashed record, or NULL when it may go on. */
static const char *trashed_refusal(struct request *r)
{
	const char *slash = strrchr(r->path, '/');
	const char *action = slash ? slash + 1 : "";
	if (!strcmp(action, "restaurar") || !strcmp(action, "excluir"))
		return NULL;
	size_t i = 0;
	for (; trashed_refusals[i].action; i++)
		if (!strcmp(action, trashed_refusals[i].action))
			return trashed_refusals[i].refusal;
	return request_is_post(r) ? trashed_refusals[i].refusal : NULL;
}

int cadastro_path_client(struct request *r, struct client *c)
{
	int got = client_load(r, r->path_id, c);
	if (got == 0)
		return page_error(r, 404, NULL) < 0 ? -1 : 0;
	const char *refusal = got > 0 && c->trashed ? trashed_refusal(r) : NULL;
	if (!refusal)
		return got;
	client_free(c);
	char back[48];
	snprintf(back, sizeof back, "/clientes/%lld", (long long)r->path_id);
	page_set(r, "Error.Back", back);
	page_set(r, "Error.BackLabel", "Voltar ao cadastro");
	return page_error(r, 409, refusal) < 0 ? -1 : 0;
}
