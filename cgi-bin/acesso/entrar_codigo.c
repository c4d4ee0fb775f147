/* /entrar/codigo: the second step of a login, for members with a second factor. The
 * password step left a challenge (a cookie naming a login_challenges row, 5 minutes);
 * a code from the authenticator app or a recovery code turns it into a session. Wrong
 * codes count against the same throttle as wrong passwords. */
#include <stdlib.h>
#include <string.h>

#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "fator.h"
#include "web/page.h"
#include "web/response.h"
#include "web/session.h"
#include "base/token.h"

const struct form_rule entrar_codigo_rules[] = {
	{ "codigo", FORM_TEXT, true, 20, "Código", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char challenge_sql[] =
	"SELECT c.user_id, u.email, c.next_path FROM login_challenges c"
	" JOIN staff_users u ON u.id = c.user_id AND u.office_id = c.office_id"
	" WHERE c.id_hash = ? AND c.office_id = ? AND c.expires_at > UTC_TIMESTAMP(6)"
	" AND u.active AND u.totp_secret IS NOT NULL";
static const char delete_sql[] = "DELETE FROM login_challenges WHERE id_hash = ?";

struct challenge {
	unsigned char hash[32];
	int64_t user_id;
	char *email;
	char *next;
};

/* The challenge the cookie names: 1, 0 when there is none (or it expired), -1. */
static int challenge_load(struct request *r, struct challenge *c)
{
	memset(c, 0, sizeof *c);
	const char *cookie = request_cookie(r, response_cookie_name(CHALLENGE_COOKIE));
	if (!cookie || !token_hash(cookie, c->hash))
		return 0;
	struct db_stmt *st = db_prepare(r->db, challenge_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, c->hash, sizeof c->hash);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	c->user_id = db_col_i64(st, 0);
	c->email = strdup(db_col(st, 1));
	c->next = strdup(db_col(st, 2));
	return c->email && c->next ? 1 : -1;
}

static void challenge_free(struct challenge *c)
{
	free(c->email);
	free(c->next);
}

static int expired(struct request *r)
{
	response_cookie(r, CHALLENGE_COOKIE, "", 0);
	return response_redirect(r, "/entrar?aviso=codigo-expirou");
}

int entrar_codigo_get(struct request *r, const struct form *in)
{
	(void)in;
	if (r->session)
		return response_redirect(r, "/");
	struct challenge c;
	int got = challenge_load(r, &c);
	challenge_free(&c);
	if (got < 0)
		return -1;
	if (got == 0)
		return expired(r);
	return page_render(r, 200, "entrar_codigo.cs", "Código de verificação");
}

static int finish_login(struct request *r, const struct challenge *c, const char *how)
{
	struct db_stmt *del = db_prepare(r->db, delete_sql);
	if (!del)
		return -1;
	db_bind_blob(del, 0, c->hash, sizeof c->hash);
	const struct audit_change ch = { "segundo_fator", NULL, how };
	if (db_exec(del) < 0 || login_record_attempt(r, LOGIN_STAFF, c->email, true) < 0 ||
	    session_start(r, c->user_id) < 0 ||
	    audit_event(r, "staff", "login", "staff_user", c->user_id, c->user_id, c->email,
			&ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	response_cookie(r, CHALLENGE_COOKIE, "", 0);
	return response_redirect(r, *c->next ? c->next : "/");
}

static int attempt(struct request *r, const struct form *in, struct challenge *c)
{
	int t = login_throttled(r, LOGIN_STAFF, c->email);
	if (t < 0)
		return -1;
	if (t) {
		page_flash(r, "erro", "Muitas tentativas. Aguarde 15 minutos e tente de novo.");
		return page_render(r, 429, "entrar_codigo.cs", "Código de verificação");
	}
	if (in->nerrors) {
		page_field_error(r, "codigo", "Digite o código de 6 dígitos do aplicativo ou um "
				 "código de recuperação.");
		return page_render(r, 422, "entrar_codigo.cs", "Código de verificação");
	}
	const char *how = "";
	if (db_begin(r->db) < 0)
		return -1;
	int ok = fator_check_login(r, c->user_id, form_get(in, "codigo"), &how);
	if (ok < 0)
		return -1;
	if (ok)
		return finish_login(r, c, how);
	if (login_record_attempt(r, LOGIN_STAFF, c->email, false) < 0 ||
	    audit_event(r, "staff", "login_code_refused", "staff_user", c->user_id, c->user_id,
			c->email, NULL, 0) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	page_field_error(r, "codigo", "Código incorreto, expirado ou já usado. Confira o "
			 "aplicativo e digite o código que aparece agora.");
	return page_render(r, 401, "entrar_codigo.cs", "Código de verificação");
}

int entrar_codigo_post(struct request *r, const struct form *in)
{
	if (r->session)
		return response_redirect(r, "/");
	struct challenge c;
	int got = challenge_load(r, &c);
	int rc = got < 0 ? -1 : got == 0 ? expired(r) : attempt(r, in, &c);
	challenge_free(&c);
	return rc;
}
