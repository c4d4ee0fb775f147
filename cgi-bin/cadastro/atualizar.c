/* "Atualizar cadastro" from a client's profile: send the client a signed link to update
 * its own data (lib/portal/update.h; its earlier open link stops working), and revoke an
 * open one. The profile lists each link's state. */
#include <stdio.h>

#include "cadastro.h"
#include "base/db.h"
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
	if (db_begin(r->db) < 0)
		return -1;
	int sent = update_request_send(r, id);
	if (sent < 0 || db_commit(r->db) < 0)
		return -1;
	return back(r, id, sent ? "enviado" : "sem-email");
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
	if (db_begin(r->db) < 0)
		return -1;
	int done = update_request_revoke(r, id, form_int(in, "pedido"));
	if (done < 0 || db_commit(r->db) < 0)
		return -1;
	return back(r, id, done ? "revogado" : "nao-revogado");
}
