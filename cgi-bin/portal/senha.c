/* /portal/senha: a client forgot the password. An e-mailed link (1 hour) leads to
 * /portal/acesso. The answer never tells whether the e-mail is a login. */
#include "portal.h"
#include "acesso/login.h"
#include "base/db.h"
#include "cadastro/audit.h"
#include "portal/user.h"
#include "web/page.h"

const struct form_rule senha_rules[] = {
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

int senha_get(struct request *r, const struct form *in)
{
	(void)in;
	return page_render(r, 200, "senha.cs", "Esqueci minha senha");
}

static const char user_sql[] =
	"SELECT id FROM portal_users WHERE office_id = ? AND email = ? AND NOT blocked";

/* Links asked for one login in the last hour (acesso/login.h). */
static const char recent_sql[] =
	"SELECT COUNT(*) FROM portal_tokens WHERE user_id = ? AND purpose = 'reset'"
	" AND created_at > UTC_TIMESTAMP(6) - INTERVAL 1 HOUR";

int senha_post(struct request *r, const struct form *in)
{
	if (in->nerrors) {
		page_field_error(r, "email", form_error(in, "email"));
		page_set(r, "Form.Values.email", form_get(in, "email"));
		return page_render(r, 422, "senha.cs", "Esqueci minha senha");
	}
	const char *email = form_get(in, "email");
	struct db_stmt *st = db_prepare(r->db, user_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, email);
	if (db_exec(st) < 0)
		return -1;
	int found = db_fetch(st);
	if (found < 0)
		return -1;
	if (found) {
		int64_t user_id = db_col_i64(st, 0);
		int many = login_reset_mails_exceeded(r, recent_sql, user_id);
		/* Over the limit the page is the same; only the audit trail knows. */
		if (many < 0 || db_begin(r->db) < 0 ||
		    (many ? audit_event(r, "portal", "portal_reset_throttled", "portal_user",
					user_id, 0, email, NULL, 0) < 0
			  : portal_link_mail(r, user_id, PORTAL_LINK_RESET) < 0) ||
		    db_commit(r->db) < 0)
			return -1;
	}
	page_set(r, "Form.Values.email", email);
	return page_render(r, 200, "senha_enviada.cs", "Verifique seu e-mail");
}
