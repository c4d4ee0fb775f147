/* /conta/segundo-fator: setting up the second factor. A secret is drawn and kept as
 * pending until a code from the app proves the app has it; then it becomes the
 * member's, and ten recovery codes are shown once (stored hashed). Open to members the
 * office forces to set it up before anything else (ROUTE_SETUP). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "fator.h"
#include "web/page.h"
#include "web/qr.h"
#include "web/response.h"
#include "base/strbuf.h"
#include "acesso/totp.h"

const struct form_rule segundo_fator_rules[] = {
	{ "codigo", FORM_TEXT, true, 20, "Código", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char state_sql[] =
	"SELECT totp_secret IS NOT NULL, totp_pending FROM staff_users WHERE id = ?";
static const char pending_sql[] =
	"UPDATE staff_users SET totp_pending = ? WHERE id = ? AND totp_secret IS NULL";

/* The pending secret (drawn now when there is none) into secret[]: 1, or 0 when the
 * member already has a second factor, -1 on error. */
static int pending_secret(struct request *r, unsigned char secret[TOTP_SECRET_BYTES], bool create)
{
	struct db_stmt *st = db_prepare(r->db, state_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->session->user_id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	if (db_col_i64(st, 0))
		return 0;
	if (db_col(st, 1) && db_col_len(st, 1) == TOTP_SECRET_BYTES) {
		memcpy(secret, db_col(st, 1), TOTP_SECRET_BYTES);
		return 1;
	}
	if (!create)
		return 0;
	totp_secret_new(secret);
	struct db_stmt *u = db_prepare(r->db, pending_sql);
	if (!u)
		return -1;
	db_bind_blob(u, 0, secret, TOTP_SECRET_BYTES);
	db_bind_i64(u, 1, r->session->user_id);
	return db_exec(u) < 0 ? -1 : 1;
}

/* "JBSW Y3DP ..." : the secret in groups of four, easier to type into an app. */
static char *grouped(const char *b32)
{
	struct strbuf g = STRBUF_INIT;
	for (size_t i = 0; b32[i]; i++) {
		if (i && i % 4 == 0)
			sb_putc(&g, ' ');
		sb_putc(&g, b32[i]);
	}
	return sb_detach(&g);
}

static int show_setup(struct request *r, int status, const unsigned char *secret)
{
	char *b32 = totp_base32(secret, TOTP_SECRET_BYTES);
	char *g = b32 ? grouped(b32) : NULL;
	free(b32);
	if (!g)
		return -1;
	page_set(r, "Setup.Secret", g);
	free(g);
	page_set(r, "Page.Section", "conta");
	return page_render(r, status, "segundo_fator.cs", "Segundo fator");
}

int segundo_fator_get(struct request *r, const struct form *in)
{
	(void)in;
	unsigned char secret[TOTP_SECRET_BYTES];
	int got = pending_secret(r, secret, true);
	if (got < 0)
		return -1;
	if (got == 0) {
		page_set(r, "Setup.Done", "1");
		page_set(r, "Page.Section", "conta");
		return page_render(r, 200, "segundo_fator.cs", "Segundo fator");
	}
	if (r->session->must_set_up_second_factor)
		page_flash(r, "aviso", "O escritório exige o segundo fator de autenticação para "
			   "toda a equipe. Configure-o agora para continuar usando o portal.");
	return show_setup(r, 200, secret);
}

/* The QR code of the pending secret's otpauth:// URI, for the app's camera. */
int segundo_fator_qr_get(struct request *r, const struct form *in)
{
	(void)in;
	unsigned char secret[TOTP_SECRET_BYTES];
	int got = pending_secret(r, secret, false);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	char *uri = totp_uri(r->office.name, r->session->user_email, secret, TOTP_SECRET_BYTES);
	struct strbuf svg = STRBUF_INIT;
	int rc = uri && qr_svg(uri, &svg) == 0
		 ? response_send(r, 200, "image/svg+xml", svg.buf, svg.len) : -1;
	free(uri);
	sb_free(&svg);
	return rc;
}

static const char confirm_sql[] =
	"UPDATE staff_users SET totp_secret = totp_pending, totp_pending = NULL,"
	" totp_enabled_at = UTC_TIMESTAMP(6), totp_last_counter = ?"
	" WHERE id = ? AND totp_pending = ? AND totp_secret IS NULL";

static int confirm(struct request *r, const unsigned char *secret, uint64_t step)
{
	char codes[RECOVERY_CODES][RECOVERY_SHOWN + 1];
	struct db_stmt *st = db_prepare(r->db, confirm_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, (int64_t)step);
	db_bind_i64(st, 1, r->session->user_id);
	db_bind_blob(st, 2, secret, TOTP_SECRET_BYTES);
	const struct audit_change ch = { "segundo_fator", "desativado", "ativado" };
	if (db_begin(r->db) < 0 || db_exec(st) < 0)
		return -1;
	if (db_affected(st) != 1) {
		db_rollback(r->db);
		return response_redirect(r, "/conta/segundo-fator");
	}
	if (fator_new_recovery(r, r->session->user_id, codes) < 0 ||
	    audit_event(r, "staff", "second_factor_on", "staff_user", r->session->user_id, 0,
			NULL, &ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	/* The office's requirement is met from now on: the layout shows the whole menu. */
	r->session->must_set_up_second_factor = false;
	for (int i = 0; i < RECOVERY_CODES; i++) {
		char key[32];
		snprintf(key, sizeof key, "Codes.%d", i);
		page_set(r, key, codes[i]);
	}
	page_set(r, "Page.Section", "conta");
	return page_render(r, 200, "segundo_fator_codigos.cs", "Códigos de recuperação");
}

int segundo_fator_post(struct request *r, const struct form *in)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	int got = pending_secret(r, secret, false);
	if (got <= 0)
		return got < 0 ? -1 : response_redirect(r, "/conta/segundo-fator");
	uint64_t step = 0;
	int ok = in->nerrors ? 0 : totp_verify(secret, TOTP_SECRET_BYTES, time(NULL),
					       form_get(in, "codigo"), &step);
	if (ok < 0)
		return -1;
	if (ok)
		return confirm(r, secret, step);
	page_field_error(r, "codigo", "Código incorreto. Confira se o relógio do celular está "
			 "certo e digite o código que o aplicativo mostra agora (6 dígitos).");
	return show_setup(r, 422, secret);
}
