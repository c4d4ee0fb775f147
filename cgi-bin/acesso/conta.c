/* /conta: my account — name, password (the current one required; the other sessions
 * end), my open sessions with "encerrar", and the state of my second factor. */
#include <stdlib.h>
#include <string.h>

#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "web/page.h"
#include "acesso/password.h"
#include "web/response.h"
#include "web/session.h"
#include "base/token.h"

const struct form_rule conta_nome_rules[] = {
	{ "nome", FORM_TEXT, true, 200, "Nome", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule conta_senha_rules[] = {
	{ "atual", FORM_PASSWORD, true, 0, "Senha atual", 0, 0, NULL },
	{ "senha", FORM_PASSWORD, true, 0, "Nova senha", 0, 0, NULL },
	{ "senha2", FORM_PASSWORD, true, 0, "Repita a nova senha", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule conta_sessao_rules[] = {
	{ "sessao", FORM_TEXT, true, 16, "Sessão", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const struct page_notice notices[] = {
	{ "nome", "ok", "Nome salvo." },
	{ "senha", "ok", "Senha alterada. As suas outras sessões foram encerradas." },
	{ "sessao", "ok", "Sessão encerrada." },
	{ "fator", "ok", "Segundo fator ativado. A partir de agora, a entrada pede o código do aplicativo." },
	{ NULL, NULL, NULL },
};

/* A session is named in the page by the first 8 bytes of its stored hash (never by the
 * secret the browser holds). */
static const char sessions_sql[] =
	"SELECT HEX(LEFT(id_hash, 8)), id_hash = ?,"
	" DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" DATE_FORMAT(CONVERT_TZ(last_seen_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" address, user_agent FROM sessions"
	" WHERE user_id = ? AND office_id = ? AND expires_at > UTC_TIMESTAMP(6)"
	" ORDER BY last_seen_at DESC LIMIT 50";
static const char me_sql[] =
	"SELECT totp_secret IS NOT NULL,"
	" DATE_FORMAT(CONVERT_TZ(totp_enabled_at, '+00:00', '-03:00'), '%d/%m/%Y'),"
	" (SELECT COUNT(*) FROM recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL)"
	" FROM staff_users u WHERE id = ?";

/* "Chrome no Linux": enough of a User-Agent for a person to recognise the device. */
static const char *browser_of(const char *ua)
{
	if (strstr(ua, "Edg/"))
		return "Edge";
	if (strstr(ua, "Firefox/"))
		return "Firefox";
	if (strstr(ua, "Chrome/") || strstr(ua, "Chromium/"))
		return "Chrome";
	if (strstr(ua, "Safari/"))
		return "Safari";
	return *ua ? "Outro navegador" : "Navegador desconhecido";
}

static const char *system_of(const char *ua)
{
	if (strstr(ua, "Android"))
		return "Android";
	if (strstr(ua, "iPhone") || strstr(ua, "iPad"))
		return "iPhone/iPad";
	if (strstr(ua, "Windows"))
		return "Windows";
	if (strstr(ua, "Mac OS X"))
		return "macOS";
	if (strstr(ua, "Linux"))
		return "Linux";
	return "";
}

static int sessions_to_page(struct request *r)
{
	unsigned char mine[32];
	if (!token_hash(r->session->cookie, mine))
		return -1;
	struct db_stmt *st = db_prepare(r->db, sessions_sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, mine, sizeof mine);
	db_bind_i64(st, 1, r->session->user_id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "id", "current", "created", "seen", "address",
					     "browser", "system" };
	int n = 0, got;
	while ((got = db_fetch(st)) > 0) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "Sessions.%d", n++);
		const char *ua = db_col(st, 5);
		const char *v[] = { db_col(st, 0), db_col_i64(st, 1) ? "1" : NULL, db_col(st, 2),
				    db_col(st, 3), db_col(st, 4), browser_of(ua), system_of(ua) };
		page_set_many(r, prefix, names, v, 7);
	}
	return got;
}

static int me_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, me_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->session->user_id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	if (db_col_i64(st, 0)) {
		page_set(r, "Me.SecondFactor", "1");
		page_set(r, "Me.SecondFactorSince", db_col(st, 1));
		page_set_int(r, "Me.RecoveryLeft", db_col_i64(st, 2));
	}
	return 0;
}

/* typed_name: the name as typed when it was refused, else NULL (the saved one). */
static int show(struct request *r, int status, const char *typed_name)
{
	page_set(r, "Page.Section", "conta");
	page_set(r, "Form.Values.nome", typed_name ? typed_name : r->session->user_name);
	if (me_to_page(r) < 0 || sessions_to_page(r) < 0)
		return -1;
	return page_render(r, status, "conta.cs", "Minha conta");
}

int conta_get(struct request *r, const struct form *in)
{
	(void)in;
	page_notice_from_query(r, notices);
	return show(r, 200, NULL);
}

static const char name_sql[] =
	"UPDATE staff_users SET name = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

int conta_nome_post(struct request *r, const struct form *in)
{
	const char *name = form_get(in, "nome");
	if (in->nerrors) {
		page_field_error(r, "nome", form_error(in, "nome"));
		return show(r, 422, name);
	}
	if (strcmp(name, r->session->user_name) == 0)
		return response_redirect(r, "/conta?aviso=nome");
	struct db_stmt *st = db_prepare(r->db, name_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, name);
	db_bind_i64(st, 1, r->session->user_id);
	const struct audit_change ch = { "name", r->session->user_name, name };
	if (db_begin(r->db) < 0 || db_exec(st) < 0 ||
	    audit_event(r, "staff", "update", "staff_user", r->session->user_id, 0, NULL, &ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/conta?aviso=nome");
}

static const char hash_sql[] = "SELECT password_hash FROM staff_users WHERE id = ?";
static const char set_sql[] =
	"UPDATE staff_users SET password_hash = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";
static const char others_sql[] = "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?";

static bool current_ok(struct request *r, const char *typed)
{
	struct db_stmt *st = db_prepare(r->db, hash_sql);
	if (!st)
		return false;
	db_bind_i64(st, 0, r->session->user_id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return false;
	return password_verify(db_col(st, 0), typed);
}

int conta_senha_post(struct request *r, const struct form *in)
{
	const char *pw = form_get(in, "senha");
	const char *why = form_error(in, "senha");
	if (!why && !form_error(in, "atual"))
		why = password_policy(pw, strlen(pw));
	/* Guessing the current password from an open session is guessing it at the login
	 * form: the same count of failures, the same wait. */
	const char *login = r->session->user_email ? r->session->user_email : "";
	int throttled = form_error(in, "atual") ? 0 : login_throttled(r, LOGIN_STAFF, login);
	if (throttled < 0)
		return -1;
	if (throttled) {
		page_field_error(r, "atual", "Muitas tentativas com a senha errada. Aguarde 15 minutos "
				 "e tente de novo.");
		return show(r, 429, NULL);
	}
	bool current = !form_error(in, "atual") && current_ok(r, form_get(in, "atual"));
	if (!form_error(in, "atual") && !current &&
	    login_record_attempt(r, LOGIN_STAFF, login, false) < 0)
		return -1;
	if (form_error(in, "atual"))
		page_field_error(r, "atual", "Digite a sua senha atual.");
	else if (!current)
		page_field_error(r, "atual", "A senha atual não confere.");
	else if (why)
		page_field_error(r, "senha", why);
	else if (strcmp(pw, form_get(in, "senha2")) != 0)
		page_field_error(r, "senha2", "As duas senhas não são iguais.");
	else
		goto save;
	return show(r, 422, NULL);
save:;
	char *hash = password_hash(pw);
	unsigned char mine[32];
	if (!hash || !token_hash(r->session->cookie, mine)) {
		free(hash);
		return -1;
	}
	struct db_stmt *a = db_prepare(r->db, set_sql), *b = db_prepare(r->db, others_sql);
	int rc = -1;
	if (a && b) {
		db_bind_str(a, 0, hash);
		db_bind_i64(a, 1, r->session->user_id);
		db_bind_i64(b, 0, r->session->user_id);
		db_bind_blob(b, 1, mine, sizeof mine);
		const struct audit_change ch = { "password", NULL, "(alterada)" };
		if (db_begin(r->db) == 0 && db_exec(a) == 0 && db_exec(b) == 0 &&
		    audit_event(r, "staff", "password_change", "staff_user", r->session->user_id,
				0, NULL, &ch, 1) >= 0 &&
		    db_commit(r->db) == 0)
			rc = 0;
	}
	free(hash);
	return rc < 0 ? -1 : response_redirect(r, "/conta?aviso=senha");
}

static const char end_sql[] =
	"DELETE FROM sessions WHERE user_id = ? AND office_id = ? AND LEFT(id_hash, 8) = UNHEX(?)"
	" AND id_hash <> ?";

int conta_sessao_post(struct request *r, const struct form *in)
{
	const char *id = form_get(in, "sessao");
	unsigned char mine[32];
	if (in->nerrors || strlen(id) != 16 || strspn(id, "0123456789ABCDEF") != 16)
		return page_error(r, 400, "Sessão inválida.");
	if (!token_hash(r->session->cookie, mine))
		return -1;
	struct db_stmt *st = db_prepare(r->db, end_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->session->user_id);
	db_bind_i64(st, 1, r->office.id);
	db_bind_str(st, 2, id);
	db_bind_blob(st, 3, mine, sizeof mine);
	if (db_begin(r->db) < 0 || db_exec(st) < 0)
		return -1;
	if (db_affected(st) &&
	    audit_event(r, "staff", "session_ended", "staff_user", r->session->user_id, 0, NULL,
			NULL, 0) < 0)
		return -1;
	if (db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/conta?aviso=sessao");
}
