/* /senha: forgotten password. An e-mailed single-use link (1 hour) leads to
 * /senha/nova, where a new password is chosen. The answer never tells whether an
 * e-mail is registered. */
#include <stdlib.h>
#include <string.h>

#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "mail/outbox.h"
#include "web/page.h"
#include "acesso/password.h"
#include "web/response.h"
#include "web/session.h"
#include "base/strbuf.h"
#include "web/tenant.h"
#include "base/token.h"

const struct form_rule senha_rules[] = {
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule senha_nova_get_rules[] = {
	{ "t", FORM_TOKEN, true, 0, "Código", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule senha_nova_post_rules[] = {
	{ "t", FORM_TOKEN, true, 0, "Código", 0, 0, NULL },
	{ "senha", FORM_PASSWORD, true, 0, "Nova senha", 0, 0, NULL },
	{ "senha2", FORM_PASSWORD, true, 0, "Repita a nova senha", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

int senha_get(struct request *r, const struct form *in)
{
	(void)in;
	return page_render(r, 200, "senha.cs", "Esqueci minha senha");
}

static const char user_sql[] =
	"SELECT id, name FROM staff_users WHERE office_id = ? AND email = ? AND active";

/* Reset mails sent to one account in the last hour (acesso/login.h). */
static const char recent_sql[] =
	"SELECT COUNT(*) FROM password_tokens WHERE user_id = ? AND purpose = 'reset'"
	" AND created_at > UTC_TIMESTAMP(6) - INTERVAL 1 HOUR";

static const char token_sql[] =
	"INSERT INTO password_tokens (token_hash, office_id, user_id, purpose, created_at,"
	" expires_at) VALUES (?, ?, ?, 'reset', UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)";

static int mail_link(struct request *r, int64_t user_id, const char *email, const char *name)
{
	char token[TOKEN_HEX];
	unsigned char hash[32];
	token_new(token);
	token_hash(token, hash);
	struct db_stmt *st = db_prepare(r->db, token_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(st, 2, user_id);
	if (db_exec(st) < 0)
		return -1;
	char *base = tenant_base_url(&r->office);
	struct strbuf body = STRBUF_INIT;
	sb_printf(&body,
		  "Olá, %s.\n\n"
		  "Recebemos um pedido para redefinir a sua senha do portal de %s.\n"
		  "Para escolher uma nova senha, abra o link abaixo (vale por 1 hora e pode ser "
		  "usado uma vez):\n\n"
		  "%s/senha/nova?t=%s\n\n"
		  "Se você não pediu isso, ignore esta mensagem: a sua senha continua a mesma.\n",
		  name, r->office.name, base ? base : "", token);
	free(base);
	int rc = body.buf && outbox_enqueue(r->db, r->office.id, email, name,
					    "Redefinição de senha", body.buf, NULL) > 0
		 ? 0 : -1;
	sb_free(&body);
	return rc;
}

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
		char *name = strdup(db_col(st, 1));
		int many = name ? login_reset_mails_exceeded(r, recent_sql, user_id) : -1;
		/* Over the limit the answer is the same page (it never says whether the address
		 * exists); only the audit trail knows. */
		int rc = many < 0 || db_begin(r->db) < 0 ||
			 (!many && mail_link(r, user_id, email, name) < 0) ||
			 audit_event(r, "staff", many ? "password_reset_throttled"
						      : "password_reset_requested",
				     "staff_user", user_id, user_id, email, NULL, 0) < 0 ||
			 db_commit(r->db) < 0;
		free(name);
		if (rc)
			return -1;
	}
	page_set(r, "Form.Values.email", email);
	return page_render(r, 200, "senha_enviada.cs", "Verifique seu e-mail");
}

static const char valid_sql[] =
	"SELECT t.user_id, u.email, t.purpose = 'invite' FROM password_tokens t"
	" JOIN staff_users u ON u.id = t.user_id AND u.office_id = t.office_id"
	" WHERE t.token_hash = ? AND t.office_id = ? AND t.used_at IS NULL"
	" AND t.expires_at > UTC_TIMESTAMP(6) AND u.active";

static const char valid_lock_sql[] =
	"SELECT t.user_id, u.email, t.purpose = 'invite' FROM password_tokens t"
	" JOIN staff_users u ON u.id = t.user_id AND u.office_id = t.office_id"
	" WHERE t.token_hash = ? AND t.office_id = ? AND t.used_at IS NULL"
	" AND t.expires_at > UTC_TIMESTAMP(6) AND u.active FOR UPDATE";

/* The user a usable token belongs to: > 0, 0 when unusable, -1 on error. *email (when
 * asked) gets their e-mail, *invite whether the token is an invitation. */
static int64_t token_user(struct request *r, const char *sql, const char *token, char **email,
			  bool *invite)
{
	unsigned char hash[32];
	if (!token_hash(token, hash))
		return 0;
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	if (email && !(*email = strdup(db_col(st, 1))))
		return -1;
	if (invite)
		*invite = db_col_i64(st, 2) != 0;
	return db_col_i64(st, 0);
}

static int show_new_form(struct request *r, int status, const char *token, bool invite,
			 const char *email)
{
	page_set(r, "Form.Values.t", token);
	page_set(r, "Form.Login", email);
	if (invite)
		page_set(r, "Form.Invite", "1");
	return page_render(r, status, "senha_nova.cs", invite ? "Crie sua senha" : "Nova senha");
}

static int unusable(struct request *r)
{
	return page_error(r, 410, "Link inválido, expirado ou já usado. Se era um convite, peça "
			  "um novo ao administrador do escritório; se era para trocar a senha, "
			  "peça outro em \"Esqueci minha senha\".");
}

/* One page for a forgotten password and an invitation (purpose 'invite'): both choose
 * a password through an e-mailed single-use link. A GET uses nothing up. */
int senha_nova_get(struct request *r, const struct form *in)
{
	char *email = NULL;
	bool invite = false;
	int64_t user = in->nerrors ? 0 : token_user(r, valid_sql, form_get(in, "t"), &email,
						   &invite);
	int rc = user < 0 ? -1 : user == 0 ? unusable(r)
		 : show_new_form(r, 200, form_get(in, "t"), invite, email);
	free(email);
	return rc;
}

static const char set_password_sql[] =
	"UPDATE staff_users SET password_hash = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";
static const char use_token_sql[] =
	"UPDATE password_tokens SET used_at = UTC_TIMESTAMP(6) WHERE token_hash = ?";

struct saving {
	struct request *r;
	const char *token, *hash;
	bool invite;
};

/* In one transaction (db_transaction): 0 saved, 1 the token is no longer usable, -1. */
static int save_tx(struct db *db, void *ctx)
{
	struct saving *sv = ctx;
	struct request *r = sv->r;
	unsigned char th[32];
	token_hash(sv->token, th);
	char *email = NULL;
	int64_t user = token_user(r, valid_lock_sql, sv->token, &email, &sv->invite);
	if (user <= 0) {
		free(email);
		return user < 0 ? -1 : 1;
	}
	struct db_stmt *a = db_prepare(db, set_password_sql);
	struct db_stmt *b = db_prepare(db, use_token_sql);
	int rc = -1;
	if (a && b) {
		db_bind_str(a, 0, sv->hash);
		db_bind_i64(a, 1, user);
		db_bind_blob(b, 0, th, sizeof th);
		const struct audit_change ch = { "password", NULL, "(alterada)" };
		if (db_exec(a) == 0 && db_exec(b) == 0 && session_end_all(r, user) == 0 &&
		    audit_event(r, "staff", sv->invite ? "invite_accepted" : "password_reset",
				"staff_user", user, user, email, &ch, 1) >= 0)
			rc = 0;
	}
	free(email);
	return rc;
}

/* 2 an invitation accepted, 1 a password reset, 0 the token is no longer usable, -1. */
static int save_password(struct request *r, const char *token, const char *hash)
{
	struct saving sv = { r, token, hash, false };
	int rc = db_transaction(r->db, save_tx, &sv);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return 0;
	return sv.invite ? 2 : 1;
}

int senha_nova_post(struct request *r, const struct form *in)
{
	const char *token = form_get(in, "t");
	if (form_error(in, "t"))
		return page_error(r, 410, NULL);
	const char *pw = form_get(in, "senha");
	const char *why = form_error(in, "senha");
	if (!why)
		why = password_policy(pw, strlen(pw));
	/* Checked before the 70 ms hash, and again under a lock after it. */
	char *email = NULL;
	bool invite = false;
	int64_t user = token_user(r, valid_sql, token, &email, &invite);
	if (user <= 0) {
		free(email);
		return user < 0 ? -1 : unusable(r);
	}
	if (why || strcmp(pw, form_get(in, "senha2")) != 0) {
		if (why)
			page_field_error(r, "senha", why);
		else
			page_field_error(r, "senha2", "As duas senhas não são iguais.");
		int rc = show_new_form(r, 422, token, invite, email);
		free(email);
		return rc;
	}
	free(email);
	char *hash = password_hash(pw);
	if (!hash)
		return -1;
	int saved = save_password(r, token, hash);
	free(hash);
	if (saved < 0)
		return -1;
	if (saved == 0)
		return unusable(r);
	return response_redirect(r, saved == 2 ? "/entrar?aviso=senha-criada" : "/entrar?senha=ok");
}
