/* /equipe: the office's team (admins). Invite by e-mail (the invitee chooses the
 * password through a 72-hour single-use link), resend, change a role, deactivate (their
 * sessions end at once; the clients they are responsável for are listed to hand over),
 * reactivate, reset a colleague's second factor. The office keeps at least one active
 * admin. Every change is audited. */
#include <stdlib.h>
#include <string.h>

#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "fator.h"
#include "web/page.h"
#include "web/response.h"
#include "acesso/staff.h"
#include "base/strbuf.h"

static const char *const roles[] = { "admin", "staff", NULL };

const struct form_rule equipe_convidar_rules[] = {
	{ "nome", FORM_TEXT, true, 200, "Nome", 0, 0, NULL },
	{ "email", FORM_EMAIL, true, 0, "E-mail", 0, 0, NULL },
	{ "papel", FORM_CHOICE, true, 0, "Papel", 0, 0, roles },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule equipe_papel_rules[] = {
	{ "papel", FORM_CHOICE, true, 0, "Papel", 0, 0, roles },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule equipe_acao_rules[] = {
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const struct page_notice notices[] = {
	{ "convidado", "ok", "Convite enviado. A pessoa recebe um e-mail com o link para criar a senha (vale por 72 horas)." },
	{ "reenviado", "ok", "Convite reenviado. O link anterior deixou de valer." },
	{ "papel", "ok", "Papel alterado." },
	{ "desativado", "ok", "Acesso desativado. As sessões abertas dessa pessoa foram encerradas." },
	{ "reativado", "ok", "Acesso reativado." },
	{ "fator", "ok", "Segundo fator redefinido. Na próxima entrada, a pessoa entra só com a senha e pode configurá-lo de novo." },
	{ "ultimo-admin", "erro", "Esta é a única pessoa administradora ativa do escritório: promova outra antes de mudar o papel ou desativar esta." },
	{ "voce-mesmo", "erro", "Você não pode desativar nem rebaixar a si mesmo. Peça a outra pessoa administradora." },
	{ "ja-aceito", "aviso", "Esta pessoa já criou a senha: não há convite para reenviar." },
	{ NULL, NULL, NULL },
};

static const char list_sql[] =
	"SELECT id, name, email, role, active, password_hash = '', totp_secret IS NOT NULL,"
	" DATE_FORMAT(CONVERT_TZ(last_login_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i')"
	" FROM staff_users WHERE office_id = ? ORDER BY active DESC, name, id";

static int team_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, list_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "id", "name", "email", "admin", "active", "invited",
					     "second", "last_login" };
	int n = 0, got;
	while ((got = db_fetch(st)) > 0) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "Team.%d", n++);
		const char *v[] = { db_col(st, 0), db_col(st, 1), db_col(st, 2),
				    strcmp(db_col(st, 3), "admin") == 0 ? "1" : NULL,
				    db_col_i64(st, 4) ? "1" : NULL, db_col_i64(st, 5) ? "1" : NULL,
				    db_col_i64(st, 6) ? "1" : NULL, db_col(st, 7) };
		page_set_many(r, prefix, names, v, 8);
	}
	return got;
}

static int show_team(struct request *r, int status)
{
	page_set(r, "Page.Section", "equipe");
	if (team_to_page(r) < 0)
		return -1;
	return page_render(r, status, "equipe.cs", "Equipe");
}

int equipe_get(struct request *r, const struct form *in)
{
	(void)in;
	page_notice_from_query(r, notices);
	return show_team(r, 200);
}

struct invite {
	struct request *r;
	const char *name, *email, *role;
};

/* The invitation, its mail and its audit: 0, 1 (the e-mail is taken), -1. */
static int invite_tx(struct db *db, void *ctx)
{
	struct invite *iv = ctx;
	struct request *r = iv->r;
	int64_t id = staff_insert_invited(db, r->office.id, iv->name, iv->email, iv->role);
	if (id <= 0)
		return id < 0 ? -1 : 1;
	const struct audit_change ch[] = { { "name", NULL, iv->name },
					   { "email", NULL, iv->email },
					   { "role", NULL, iv->role } };
	if (staff_invite_mail(db, &r->office, id, iv->name, iv->email,
			      r->session->user_name) < 0 ||
	    audit_event(r, "staff", "invite", "staff_user", id, 0, NULL, ch, 3) < 0)
		return -1;
	return 0;
}

int equipe_convidar_post(struct request *r, const struct form *in)
{
	const char *name = form_get(in, "nome"), *email = form_get(in, "email"),
		   *role = form_get(in, "papel");
	page_set(r, "Form.Values.nome", name);
	page_set(r, "Form.Values.email", email);
	page_set(r, "Form.Values.papel", role);
	page_field_error(r, "nome", form_error(in, "nome"));
	page_field_error(r, "email", form_error(in, "email"));
	bool bad = in->nerrors;
	if (form_error(in, "papel")) {
		page_field_error(r, "papel", "Escolha o papel: administrador ou equipe.");
		bad = true;
	}
	if (bad)
		return show_team(r, 422);
	struct invite iv = { r, name, email, role };
	int rc = db_transaction(r->db, invite_tx, &iv);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		page_field_error(r, "email", "Já existe alguém da equipe com este e-mail.");
		return show_team(r, 422);
	}
	return response_redirect(r, "/equipe?aviso=convidado");
}

/* ------------------------------------------------------------------ one member */

struct member {
	int64_t id;
	char *name, *email;
	bool admin, active, invited, second;
};

static void member_free(struct member *m)
{
	free(m->name);
	free(m->email);
}

static const char member_sql[] =
	"SELECT id, name, email, role = 'admin', active, password_hash = '',"
	" totp_secret IS NOT NULL,"
	" DATE_FORMAT(CONVERT_TZ(last_login_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" DATE_FORMAT(CONVERT_TZ(invited_at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i'),"
	" DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-03:00'), '%d/%m/%Y')"
	" FROM staff_users WHERE id = ? AND office_id = ?";

/* The member of the path in this office: 1, 0 (none: the caller answers 404), -1.
 * to_page: also into the page's Member.*. */
static int member_load(struct request *r, const char *sql, struct member *m, bool to_page)
{
	memset(m, 0, sizeof *m);
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->path_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	m->id = db_col_i64(st, 0);
	m->name = strdup(db_col(st, 1));
	m->email = strdup(db_col(st, 2));
	m->admin = db_col_i64(st, 3) != 0;
	m->active = db_col_i64(st, 4) != 0;
	m->invited = db_col_i64(st, 5) != 0;
	m->second = db_col_i64(st, 6) != 0;
	if (!m->name || !m->email)
		return -1;
	if (to_page) {
		static const char *const names[] = { "id", "name", "email", "admin", "active",
						     "invited", "second", "last_login",
						     "invited_at", "created" };
		const char *v[] = { db_col(st, 0), m->name, m->email, m->admin ? "1" : NULL,
				    m->active ? "1" : NULL, m->invited ? "1" : NULL,
				    m->second ? "1" : NULL, db_col(st, 7), db_col(st, 8),
				    db_col(st, 9) };
		page_set_many(r, "Member", names, v, 10);
		if (m->id == r->session->user_id)
			page_set(r, "Member.self", "1");
	}
	return 1;
}

static const char clients_sql[] =
	"SELECT id, name FROM clients WHERE office_id = ? AND responsible_id = ? AND NOT trashed"
	" ORDER BY name, id LIMIT 50";
static const char clients_count_sql[] =
	"SELECT COUNT(*) FROM clients WHERE office_id = ? AND responsible_id = ? AND NOT trashed";

/* The clients the member is responsável for: who takes them over is the admin's call. */
static int clients_to_page(struct request *r, int64_t member)
{
	struct db_stmt *c = db_prepare(r->db, clients_count_sql);
	if (!c)
		return -1;
	db_bind_i64(c, 0, r->office.id);
	db_bind_i64(c, 1, member);
	if (db_exec(c) < 0 || db_fetch(c) <= 0)
		return -1;
	page_set_int(r, "Clients.count", db_col_i64(c, 0));
	struct db_stmt *st = db_prepare(r->db, clients_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, member);
	if (db_exec(st) < 0)
		return -1;
	static const char *const names[] = { "id", "name" };
	int n = 0, got;
	while ((got = db_fetch(st)) > 0) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "Clients.rows.%d", n++);
		const char *v[] = { db_col(st, 0), db_col(st, 1) };
		page_set_many(r, prefix, names, v, 2);
	}
	return got;
}

int equipe_membro_get(struct request *r, const struct form *in)
{
	(void)in;
	struct member m;
	int got = member_load(r, member_sql, &m, true);
	int rc;
	if (got <= 0)
		rc = got < 0 ? -1 : page_error(r, 404, NULL);
	else if (clients_to_page(r, m.id) < 0)
		rc = -1;
	else {
		page_notice_from_query(r, notices);
		page_set(r, "Page.Section", "equipe");
		rc = page_render(r, 200, "equipe_membro.cs", m.name);
	}
	member_free(&m);
	return rc;
}

/* Redirects back to the member's page with a notice. */
static int back(struct request *r, const char *notice)
{
	struct strbuf to = STRBUF_INIT;
	sb_printf(&to, "/equipe/%lld?aviso=%s", (long long)r->path_id, notice);
	int rc = to.buf ? response_redirect(r, to.buf) : -1;
	sb_free(&to);
	return rc;
}

/* Every member of the office, locked in id order, before any one of them is read for a
 * change: two admins changing each other at once then wait for one another instead of
 * locking the two rows in opposite orders (a deadlock). The team is small. */
static const char lock_team_sql[] =
	"SELECT id FROM staff_users WHERE office_id = ? ORDER BY id FOR UPDATE";
static const char other_admins_sql[] =
	"SELECT COUNT(*) FROM staff_users WHERE office_id = ? AND role = 'admin' AND active"
	" AND id <> ?";

/* Whether the office keeps an active admin without this member: 1, 0, -1. */
static int others_admin(struct request *r, int64_t member)
{
	struct db_stmt *st = db_prepare(r->db, other_admins_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, member);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0) > 0;
}

static int lock_team(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, lock_team_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		;
	return got;
}

/* One change to a member: locks the team, checks the rule, runs `sql` (binds: member id),
 * audits, commits, and goes back with `notice`. */
struct change {
	const char *sql;
	const char *action;
	struct audit_change audit;
	bool keeps_admin;     /* refused when it would leave the office with no active admin */
	bool ends_sessions;
	bool only_invited;    /* and mails a new invitation */
	bool drops_factor;    /* removes the member's second factor */
	const char *notice;
};

static const char end_sessions_sql[] = "DELETE FROM sessions WHERE user_id = ?";
static const char end_challenges_sql[] = "DELETE FROM login_challenges WHERE user_id = ?";

struct applying {
	struct request *r;
	const struct change *c;
	const char *arg;
	const char *refused;   /* the notice of a change refused by a rule */
};

enum { APPLY_NONE = 1, APPLY_REFUSED = 2 };

/* The change in one transaction (db_transaction): 0 done, APPLY_NONE (no such member),
 * APPLY_REFUSED (a->refused says why), -1. */
static int apply_tx(struct db *db, void *ctx)
{
	struct applying *a = ctx;
	struct request *r = a->r;
	const struct change *c = a->c;
	(void)db;
	a->refused = NULL;
	if (lock_team(r) < 0)
		return -1;
	struct member m;
	int got = member_load(r, member_sql, &m, false);
	if (got <= 0) {
		member_free(&m);
		return got < 0 ? -1 : APPLY_NONE;
	}
	int rc = 0;
	if (c->keeps_admin && m.admin && m.active) {
		if (m.id == r->session->user_id) {
			a->refused = "voce-mesmo";
		} else {
			int others = others_admin(r, m.id);
			if (others < 0)
				rc = -1;
			else if (!others)
				a->refused = "ultimo-admin";
		}
	}
	if (c->only_invited && !m.invited)
		a->refused = "ja-aceito";
	if (rc == 0 && !a->refused) {
		struct db_stmt *st = c->sql ? db_prepare(r->db, c->sql) : NULL;
		if (c->sql && !st)
			rc = -1;
		if (st) {
			unsigned i = 0;
			if (a->arg)
				db_bind_str(st, i++, a->arg);
			db_bind_i64(st, i, m.id);
			if (db_exec(st) < 0)
				rc = -1;
		}
		if (rc == 0 && c->ends_sessions) {
			struct db_stmt *x = db_prepare(r->db, end_sessions_sql),
				       *y = db_prepare(r->db, end_challenges_sql);
			if (!x || !y)
				rc = -1;
			else {
				db_bind_i64(x, 0, m.id);
				db_bind_i64(y, 0, m.id);
				if (db_exec(x) < 0 || db_exec(y) < 0)
					rc = -1;
			}
		}
		if (rc == 0 && c->only_invited &&
		    staff_invite_mail(r->db, &r->office, m.id, m.name, m.email,
				      r->session->user_name) < 0)
			rc = -1;
		if (rc == 0 && c->drops_factor &&
		    fator_remove(r, m.id) < 0)
			rc = -1;
		if (rc == 0 &&
		    audit_event(r, "staff", c->action, "staff_user", m.id, 0, NULL, &c->audit,
				c->audit.field ? 1 : 0) < 0)
			rc = -1;
	}
	member_free(&m);
	if (rc == 0 && a->refused)
		rc = APPLY_REFUSED;
	return rc;
}

static int apply(struct request *r, const struct change *c, const char *arg)
{
	struct applying a = { r, c, arg, NULL };
	int rc = db_transaction(r->db, apply_tx, &a);
	if (rc < 0)
		return -1;
	if (rc == APPLY_NONE)
		return page_error(r, 404, NULL);
	return back(r, rc == APPLY_REFUSED ? a.refused : c->notice);
}

static const char role_sql[] =
	"UPDATE staff_users SET role = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";
static const char deactivate_sql[] =
	"UPDATE staff_users SET active = FALSE, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";
static const char reactivate_sql[] =
	"UPDATE staff_users SET active = TRUE, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

int equipe_papel_post(struct request *r, const struct form *in)
{
	const char *role = form_get(in, "papel");
	if (in->nerrors)
		return page_error(r, 400, "Escolha o papel: administrador ou equipe.");
	bool demote = strcmp(role, "staff") == 0;
	struct change c = { role_sql, "role_change",
			    { "role", demote ? "admin" : "staff", role }, demote, false, false,
			    false, "papel" };
	return apply(r, &c, role);
}

int equipe_desativar_post(struct request *r, const struct form *in)
{
	(void)in;
	static const struct change c = { deactivate_sql, "deactivate", { "active", "1", "0" },
					 true, true, false, false, "desativado" };
	return apply(r, &c, NULL);
}

int equipe_reativar_post(struct request *r, const struct form *in)
{
	(void)in;
	static const struct change c = { reactivate_sql, "reactivate", { "active", "0", "1" },
					 false, false, false, false, "reativado" };
	return apply(r, &c, NULL);
}

int equipe_reenviar_post(struct request *r, const struct form *in)
{
	(void)in;
	static const struct change c = { NULL, "invite_resent", { NULL, NULL, NULL }, false,
					 false, true, false, "reenviado" };
	return apply(r, &c, NULL);
}

int equipe_fator_post(struct request *r, const struct form *in)
{
	(void)in;
	static const struct change c = { NULL, "second_factor_reset",
					 { "segundo_fator", "ativado", "redefinido" }, false, true,
					 false, true, "fator" };
	return apply(r, &c, NULL);
}
