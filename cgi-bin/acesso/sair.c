/* /sair: logging out ends the session on the server, not only in the browser. */
#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "web/page.h"
#include "web/response.h"
#include "web/session.h"

const struct form_rule sair_rules[] = {
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* A GET never logs out (a link or a prefetch could); it shows the button. */
int sair_get(struct request *r, const struct form *in)
{
	(void)in;
	if (!r->session)
		return response_redirect(r, "/entrar");
	return page_render(r, 200, "sair.cs", "Sair");
}

int sair_post(struct request *r, const struct form *in)
{
	(void)in;
	if (r->session) {
		if (db_begin(r->db) < 0 || session_end(r) < 0 ||
		    audit_event(r, "staff", "logout", "staff_user", r->session->user_id, 0, NULL,
				NULL, 0) < 0 ||
		    db_commit(r->db) < 0)
			return -1;
	}
	return response_redirect(r, "/entrar");
}
