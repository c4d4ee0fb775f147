#include "portal/user.h"

#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/db.h"
#include "base/strbuf.h"
#include "base/token.h"
#include "cadastro/audit.h"
#include "cadastro/client.h"
#include "mail/outbox.h"
#include "web/page.h"
#include "web/portal_session.h"
#include "web/tenant.h"

static const char taken_sql[] =
	"SELECT client_id FROM portal_users WHERE office_id = ? AND email = ?";
static const char insert_sql[] =
	"INSERT INTO portal_users (office_id, client_id, name, email, created_at, created_by)"
	" SELECT ?, id, ?, ?, UTC_TIMESTAMP(6), ? FROM clients"
	" WHERE id = ? AND office_id = ? AND NOT trashed";

int64_t portal_user_add(struct request *r, int64_t client_id, const char *name,
			const char *email, int64_t *taken_by)
{
	struct db_stmt *st = db_prepare(r->db, taken_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, email);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got != 0) {
		if (got > 0 && taken_by)
			*taken_by = db_col_i64(st, 0);
		return got < 0 ? -1 : 0;
	}
	st = db_prepare(r->db, insert_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, name);
	db_bind_str(st, 2, email);
	if (r->session && r->session->user_id)
		db_bind_i64(st, 3, r->session->user_id);
	else
		db_bind_null(st, 3);
	db_bind_i64(st, 4, client_id);
	db_bind_i64(st, 5, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return -1;  /* the caller checked the client exists: gone meanwhile */
	int64_t id = (int64_t)db_insert_id(st);
	const struct audit_change ch = { "portal_login", NULL, email };
	return audit_event(r, "staff", "portal_user_add", "client", client_id, 0, NULL, &ch, 1) < 0
	       ? -1 : id;
}

/* ---------------------------------------------------------------- links */

static const char who_sql[] =
	"SELECT u.name, u.email, u.client_id, o.name, o.slug FROM portal_users u"
	" JOIN clients c ON c.id = u.client_id AND c.office_id = u.office_id"
	" JOIN offices o ON o.id = u.office_id"
	" WHERE u.id = ? AND u.office_id = ? AND NOT u.blocked AND NOT c.trashed";
static const char replace_sql[] =
	"UPDATE portal_tokens SET replaced_at = UTC_TIMESTAMP(6)"
	" WHERE user_id = ? AND used_at IS NULL AND replaced_at IS NULL";
static const char token_sql[] =
	"INSERT INTO portal_tokens (token_hash, office_id, user_id, purpose, created_at,"
	" expires_at, outbox_id) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6) + INTERVAL ? MINUTE, ?)";

struct link_mail {
	const char *user, *login, *office, *base, *url;
	bool reset;
	int64_t minutes;
};

/* "72 horas", "1 hora", "30 minutos": how long a link lasts, as the message says it. */
static void say_duration(struct strbuf *out, int64_t minutes)
{
	if (minutes % 60)
		sb_printf(out, "%lld minutos", (long long)minutes);
	else
		sb_printf(out, "%lld hora%s", (long long)(minutes / 60), minutes == 60 ? "" : "s");
}

static void mail_text(struct strbuf *t, const struct link_mail *m)
{
	sb_printf(t, "Olá, %s.\n\n", m->user);
	if (m->reset)
		sb_printf(t, "Recebemos um pedido para redefinir a sua senha do portal do cliente "
			  "de %s.\n\n", m->office);
	else
		sb_printf(t, "%s preparou o seu acesso ao portal do cliente: lá você consulta os "
			  "seus honorários, copia o PIX para pagar e mantém os seus dados em dia."
			  "\n\n", m->office);
	sb_printf(t, "Endereço do portal: %s/portal\nSeu login: %s\n\n", m->base, m->login);
	sb_puts(t, m->reset ? "Para escolher uma nova senha" : "Para criar a sua senha");
	sb_puts(t, ", abra o link abaixo (vale por ");
	say_duration(t, m->minutes);
	sb_printf(t, " e pode ser usado uma vez):\n\n%s\n\n", m->url);
	sb_puts(t, "Por segurança, nenhuma senha é enviada por e-mail: é você quem escolhe a "
		"sua.\n");
	sb_puts(t, m->reset ? "Se você não pediu isso, ignore esta mensagem: a sua senha "
			      "continua a mesma.\n"
			    : "Se o link expirar, peça um novo acesso ao escritório.\n");
}

static void mail_html(struct strbuf *h, const struct link_mail *m)
{
	sb_puts(h, "<!DOCTYPE html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"></head>"
		"<body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2933;"
		"line-height:1.5\"><div style=\"max-width:560px;margin:0 auto;padding:16px\">"
		"<h1 style=\"font-size:20px\">");
	sb_xml(h, m->office);
	sb_puts(h, "</h1><p>Olá, ");
	sb_xml(h, m->user);
	sb_puts(h, ".</p><p>");
	if (m->reset) {
		sb_puts(h, "Recebemos um pedido para redefinir a sua senha do portal do cliente.");
	} else {
		sb_xml(h, m->office);
		sb_puts(h, " preparou o seu acesso ao portal do cliente: lá você consulta os seus "
			"honorários, copia o PIX para pagar e mantém os seus dados em dia.");
	}
	sb_puts(h, "</p><p>Endereço do portal: <a href=\"");
	sb_xml(h, m->base);
	sb_puts(h, "/portal\">");
	sb_xml(h, m->base);
	sb_puts(h, "/portal</a><br>Seu login: <strong>");
	sb_xml(h, m->login);
	sb_puts(h, "</strong></p><p style=\"margin:24px 0\"><a href=\"");
	sb_xml(h, m->url);
	sb_puts(h, "\" style=\"background:#1d4ed8;color:#ffffff;padding:12px 20px;"
		"border-radius:6px;text-decoration:none;font-weight:bold\">");
	sb_puts(h, m->reset ? "Escolher nova senha" : "Criar minha senha");
	sb_puts(h, "</a></p><p style=\"font-size:14px;color:#52606d\">O link vale por ");
	say_duration(h, m->minutes);
	sb_puts(h, " e pode ser usado uma vez. Por segurança, nenhuma senha é enviada por "
		"e-mail: é você quem escolhe a sua. ");
	sb_puts(h, m->reset ? "Se você não pediu isso, ignore esta mensagem."
			    : "Se o link expirar, peça um novo acesso ao escritório.");
	sb_puts(h, "</p><p style=\"font-size:13px;color:#52606d\">Se o botão não abrir, copie "
		"este endereço no navegador:<br>");
	sb_xml(h, m->url);
	sb_puts(h, "</p></div></body></html>\n");
}

/* The link's row and its message, once the login is known to be usable. */
static int write_link(struct request *r, int64_t user_id, const char *purpose,
		      const struct link_mail *tmpl, const struct office *o, int64_t client_id)
{
	char token[TOKEN_HEX];
	unsigned char hash[32];
	token_new(token);
	token_hash(token, hash);
	struct link_mail m = *tmpl;
	struct strbuf url = STRBUF_INIT, text = STRBUF_INIT, html = STRBUF_INIT,
		      subject = STRBUF_INIT;
	SB_CAT(&url, m.base, "/portal/acesso?t=", token);
	m.url = sb_str(&url);
	mail_text(&text, &m);
	mail_html(&html, &m);
	sb_printf(&subject, m.reset ? "Nova senha do portal de %s" : "Seu acesso ao portal de %s",
		  o->name);
	int rc = -1;
	if (!url.buf || !text.buf || !html.buf || !subject.buf)
		goto out;
	int64_t mail = outbox_enqueue(r->db, o->id, m.login, m.user, subject.buf, text.buf,
				      html.buf);
	struct db_stmt *a = db_prepare(r->db, replace_sql), *b = db_prepare(r->db, token_sql);
	if (mail <= 0 || !a || !b)
		goto out;
	db_bind_i64(a, 0, user_id);
	db_bind_blob(b, 0, hash, sizeof hash);
	db_bind_i64(b, 1, o->id);
	db_bind_i64(b, 2, user_id);
	db_bind_str(b, 3, purpose);
	db_bind_i64(b, 4, m.minutes);
	db_bind_i64(b, 5, mail);
	const struct audit_change ch = { "portal_login", NULL, m.login };
	if (db_exec(a) < 0 || db_exec(b) < 0 ||
	    audit_event(r, r->client || !r->session ? "portal" : "staff",
			m.reset ? "portal_reset_sent" : "portal_access_sent", "client", client_id,
			0, r->session ? NULL : m.user, &ch, 1) < 0)
		goto out;
	rc = 1;
out:
	sb_free(&url);
	sb_free(&text);
	sb_free(&html);
	sb_free(&subject);
	return rc;
}

int portal_link_mail(struct request *r, int64_t user_id, const char *purpose)
{
	struct db_stmt *st = db_prepare(r->db, who_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	char *user = db_col_dup(st, 0), *login = db_col_dup(st, 1);
	int64_t client_id = db_col_i64(st, 2);
	struct office o = { .id = r->office.id, .name = db_col_dup(st, 3),
			    .slug = db_col_dup(st, 4) };
	char *base = o.slug ? tenant_base_url(&o) : NULL;
	int rc = -1;
	if (user && login && o.name && base) {
		bool reset = strcmp(purpose, PORTAL_LINK_RESET) == 0;
		struct link_mail m = {
			.user = user, .login = login, .office = o.name, .base = base, .reset = reset,
			.minutes = reset ? config_int("Portal.ResetLinkMinutes", 60)
					 : 60 * config_int("Portal.AccessLinkHours", 72),
		};
		rc = write_link(r, user_id, purpose, &m, &o, client_id);
	}
	free(user);
	free(login);
	free(o.name);
	free(o.slug);
	free(base);
	return rc;
}

/* ---------------------------------------------------------------- grant */

static const char login_sql[] =
	"SELECT id, client_id, password_hash <> '' FROM portal_users WHERE office_id = ? AND email = ?";

int portal_grant(struct request *r, const struct client *c, const char *email, bool only_new)
{
	struct db_stmt *st = db_prepare(r->db, login_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, email);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	int64_t user;
	if (got) {
		if (db_col_i64(st, 1) != c->id)
			return PORTAL_GRANT_TAKEN;
		if (only_new && db_col_i64(st, 2))
			return PORTAL_GRANT_HAS_ACCESS;
		user = db_col_i64(st, 0);
	} else {
		const char *name = *c->v[CL_CONTACT] ? c->v[CL_CONTACT] : c->v[CL_NAME];
		user = portal_user_add(r, c->id, name, email, NULL);
		if (user <= 0)
			return user < 0 ? -1 : PORTAL_GRANT_TAKEN;
	}
	int sent = portal_link_mail(r, user, PORTAL_LINK_ACCESS);
	return sent < 0 ? -1 : sent ? PORTAL_GRANT_SENT : PORTAL_GRANT_BLOCKED;
}

/* ---------------------------------------------------------------- block */

static const char of_sql[] =
	"SELECT 1 FROM portal_users WHERE id = ? AND client_id = ? AND office_id = ? AND NOT blocked";

int portal_user_of(struct request *r, int64_t client_id, int64_t user_id)
{
	struct db_stmt *st = db_prepare(r->db, of_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	db_bind_i64(st, 1, client_id);
	db_bind_i64(st, 2, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	return db_fetch(st);
}

static const char block_sql[] =
	"UPDATE portal_users SET blocked = ?, version = version + 1"
	" WHERE id = ? AND client_id = ? AND office_id = ? AND blocked <> ?";
static const char email_sql[] = "SELECT email FROM portal_users WHERE id = ?";

int portal_user_block(struct request *r, int64_t client_id, int64_t user_id, bool blocked)
{
	struct db_stmt *st = db_prepare(r->db, block_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, blocked);
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, client_id);
	db_bind_i64(st, 3, r->office.id);
	db_bind_i64(st, 4, blocked);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	if (blocked && portal_session_end_all(r->db, user_id) < 0)
		return -1;
	struct db_stmt *l = db_prepare(r->db, email_sql);
	if (!l)
		return -1;
	db_bind_i64(l, 0, user_id);
	if (db_exec(l) < 0 || db_fetch(l) <= 0)
		return -1;
	char *login = db_col_dup(l, 0);
	const struct audit_change ch = { "portal_login", NULL, login };
	int rc = login && audit_event(r, "staff", blocked ? "portal_block" : "portal_unblock",
				      "client", client_id, 0, NULL, &ch, 1) >= 0 ? 1 : -1;
	free(login);
	return rc;
}

/* ---------------------------------------------------------------- the profile's list */

/* Each login with its latest link: when it was sent, whether the worker delivered its
 * message, whether it was used. */
static const char list_sql[] =
	"SELECT u.id, u.name, u.email,"
	" CASE WHEN u.blocked THEN 'bloqueado' WHEN u.password_hash <> '' THEN 'ativo'"
	"  ELSE 'aguardando' END,"
	" DATE_FORMAT(CONVERT_TZ(u.last_login_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" DATE_FORMAT(CONVERT_TZ(t.created_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" DATE_FORMAT(CONVERT_TZ(m.sent_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" DATE_FORMAT(CONVERT_TZ(t.used_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" t.used_at IS NULL AND t.expires_at < UTC_TIMESTAMP(6), u.blocked,"
	" DATE_FORMAT(CONVERT_TZ(m.failed_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" IF(m.failed_at IS NULL, NULL, m.last_error)"
	" FROM portal_users u"
	" LEFT JOIN portal_tokens t ON t.token_hash = (SELECT token_hash FROM portal_tokens"
	"  WHERE user_id = u.id ORDER BY created_at DESC LIMIT 1)"
	" LEFT JOIN outbox m ON m.id = t.outbox_id"
	" WHERE u.office_id = ? AND u.client_id = ? ORDER BY u.created_at, u.id";

int portal_users_to_page(struct request *r, int64_t client_id, const char *prefix)
{
	struct db_stmt *st = db_prepare(r->db, list_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, client_id);
	if (db_exec(st) < 0)
		return -1;
	/* failed, failed_error: the message was refused for good (outbox.failed_at). */
	static const char *const names[] = { "id", "name", "email", "status", "last_login",
					     "sent", "delivered", "used", "expired", "blocked",
					     "failed", "failed_error" };
	enum { NAMES = sizeof names / sizeof names[0] };
	int n = 0, got;
	while ((got = db_fetch(st)) > 0) {
		const char *values[NAMES];
		for (unsigned i = 0; i < NAMES; i++)
			values[i] = db_col(st, i);
		char key[80];
		snprintf(key, sizeof key, "%s.%d", prefix, n++);
		page_set_many(r, key, names, values, NAMES);
	}
	return got < 0 ? -1 : n;
}

/* ---------------------------------------------------------------- using a link */

static const char check_sql[] =
	"SELECT t.user_id, t.purpose = 'reset', t.used_at IS NOT NULL, t.replaced_at IS NOT NULL,"
	" t.expires_at <= UTC_TIMESTAMP(6), u.blocked OR c.trashed"
	" FROM portal_tokens t JOIN portal_users u ON u.id = t.user_id AND u.office_id = t.office_id"
	" JOIN clients c ON c.id = u.client_id AND c.office_id = u.office_id"
	" WHERE t.token_hash = ? AND t.office_id = ?";

int64_t portal_link_check(struct request *r, const char *token, bool lock, const char **why,
			  bool *reset)
{
	*why = "invalido";
	unsigned char hash[32];
	if (!token_hash(token, hash))
		return 0;
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, check_sql, lock ? " FOR UPDATE" : "");
	struct db_stmt *st = sql.buf ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_blob(st, 0, hash, sizeof hash);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	if (reset)
		*reset = db_col_i64(st, 1) != 0;
	if (db_col_i64(st, 2))
		*why = "usado";
	else if (db_col_i64(st, 3))
		*why = "substituido";
	else if (db_col_i64(st, 4))
		*why = "expirado";
	else if (db_col_i64(st, 5))
		*why = "invalido";
	else
		return db_col_i64(st, 0);
	return 0;
}

static const char set_password_sql[] =
	"UPDATE portal_users SET password_hash = ?, password_set_at = UTC_TIMESTAMP(6),"
	" version = version + 1 WHERE id = ? AND office_id = ?";
static const char use_sql[] =
	"UPDATE portal_tokens SET used_at = UTC_TIMESTAMP(6) WHERE token_hash = ?";
static const char owner_sql[] =
	"SELECT client_id, email, name FROM portal_users WHERE id = ?";

int portal_link_use(struct request *r, const char *token, int64_t user_id, const char *hash)
{
	unsigned char th[32];
	if (!token_hash(token, th))
		return -1;
	struct db_stmt *a = db_prepare(r->db, set_password_sql);
	if (!a)
		return -1;
	db_bind_str(a, 0, hash);
	db_bind_i64(a, 1, user_id);
	db_bind_i64(a, 2, r->office.id);
	if (db_exec(a) < 0)
		return -1;
	struct db_stmt *b = db_prepare(r->db, use_sql);
	if (!b)
		return -1;
	db_bind_blob(b, 0, th, sizeof th);
	if (db_exec(b) < 0 || portal_session_end_all(r->db, user_id) < 0)
		return -1;
	struct db_stmt *o = db_prepare(r->db, owner_sql);
	if (!o)
		return -1;
	db_bind_i64(o, 0, user_id);
	if (db_exec(o) < 0 || db_fetch(o) <= 0)
		return -1;
	int64_t client_id = db_col_i64(o, 0);
	char *login = db_col_dup(o, 1), *name = db_col_dup(o, 2);
	const struct audit_change ch = { "portal_login", NULL, login };
	int rc = login && name && audit_event(r, "portal", "portal_password_set", "client",
					      client_id, 0, name, &ch, 1) >= 0 ? 0 : -1;
	free(login);
	free(name);
	return rc;
}
