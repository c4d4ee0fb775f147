#include "acesso/staff.h"

#include <stdlib.h>

#include "base/db.h"
#include "mail/outbox.h"
#include "base/strbuf.h"
#include "web/tenant.h"
#include "base/token.h"

static const char exists_sql[] =
	"SELECT id FROM staff_users WHERE office_id = ? AND email = ?";
static const char insert_sql[] =
	"INSERT INTO staff_users (office_id, name, email, password_hash, role, invited_at)"
	" VALUES (?, ?, ?, '', ?, UTC_TIMESTAMP(6))";

int64_t staff_insert_invited(struct db *db, int64_t office_id, const char *name,
			     const char *email, const char *role)
{
	struct db_stmt *st = db_prepare(db, exists_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, office_id);
	db_bind_str(st, 1, email);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got != 0)
		return got < 0 ? -1 : 0;
	st = db_prepare(db, insert_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, office_id);
	db_bind_str(st, 1, name);
	db_bind_str(st, 2, email);
	db_bind_str(st, 3, role);
	if (db_exec(st) < 0)
		return -1;
	return (int64_t)db_insert_id(st);
}

static const char retire_sql[] =
	"UPDATE password_tokens SET used_at = UTC_TIMESTAMP(6)"
	" WHERE user_id = ? AND purpose = 'invite' AND used_at IS NULL";
static const char token_sql[] =
	"INSERT INTO password_tokens (token_hash, office_id, user_id, purpose, created_at,"
	" expires_at) VALUES (?, ?, ?, 'invite', UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6) + INTERVAL 72 HOUR)";
static const char invited_sql[] =
	"UPDATE staff_users SET invited_at = UTC_TIMESTAMP(6) WHERE id = ?";

static int new_token(struct db *db, int64_t office_id, int64_t user_id,
		     char token[TOKEN_HEX])
{
	unsigned char hash[32];
	token_new(token);
	token_hash(token, hash);
	struct db_stmt *a = db_prepare(db, retire_sql), *b = db_prepare(db, token_sql),
		       *c = db_prepare(db, invited_sql);
	if (!a || !b || !c)
		return -1;
	db_bind_i64(a, 0, user_id);
	db_bind_blob(b, 0, hash, sizeof hash);
	db_bind_i64(b, 1, office_id);
	db_bind_i64(b, 2, user_id);
	db_bind_i64(c, 0, user_id);
	return db_exec(a) < 0 || db_exec(b) < 0 || db_exec(c) < 0 ? -1 : 0;
}

int staff_invite_mail(struct db *db, const struct office *o, int64_t user_id,
		      const char *name, const char *email, const char *inviter)
{
	char token[TOKEN_HEX];
	if (new_token(db, o->id, user_id, token) < 0)
		return -1;
	char *base = tenant_base_url(o);
	if (!base)
		return -1;
	struct strbuf body = STRBUF_INIT;
	sb_printf(&body, "Olá, %s.\n\n", name);
	if (inviter)
		sb_printf(&body, "%s convidou você para a equipe de %s no Portal Contábil.\n\n",
			  inviter, o->name);
	else
		sb_printf(&body, "O escritório %s foi criado no Portal Contábil, e você é a "
			  "pessoa que o administra.\n\n", o->name);
	sb_printf(&body,
		  "Endereço do portal: %s\n"
		  "Seu login: %s\n\n"
		  "Para escolher a sua senha, abra o link abaixo (vale por %d horas e pode ser "
		  "usado uma vez):\n\n"
		  "%s/senha/nova?t=%s\n\n"
		  "Por segurança, nenhuma senha é enviada por e-mail: é você quem escolhe a sua.\n"
		  "Se não esperava este convite, ignore esta mensagem.\n",
		  base, email, STAFF_INVITE_HOURS, base, token);
	free(base);
	struct strbuf subject = STRBUF_INIT;
	sb_printf(&subject, "Convite para o portal de %s", o->name);
	int rc = body.buf && subject.buf &&
		 outbox_enqueue(db, o->id, email, name, subject.buf, body.buf, NULL) > 0
		 ? 0 : -1;
	sb_free(&body);
	sb_free(&subject);
	return rc;
}
