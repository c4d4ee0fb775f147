/* POST /escritorio/atualizar: the office's "Atualizar cadastro" settings — the text of
 * the e-mail that carries the links (empty: the product's) and "aprovar alterações" (the
 * changes a client sends wait for staff approval on the profile). */
#include <string.h>

#include "acesso.h"
#include "base/db.h"
#include "cadastro/audit.h"
#include "portal/update.h"
#include "web/page.h"
#include "web/response.h"

const struct form_rule escritorio_atualizar_rules[] = {
	{ "mensagem", FORM_LONGTEXT, false, 2000, "Mensagem", 0, 0, NULL },
	{ "aprovar", FORM_TEXT, false, 1, "Aprovar alterações", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char load_sql[] =
	"SELECT COALESCE(update_message, ''), update_approval FROM offices WHERE id = ?";

int escritorio_atualizar_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0) {
		page_set(r, "Form.Values.mensagem", *db_col(st, 0) ? db_col(st, 0) : UPDATE_DEFAULT_MESSAGE);
		page_set(r, "Form.Values.aprovar", db_col_i64(st, 1) ? "1" : "");
	}
	return got;
}

static const char save_sql[] =
	"UPDATE offices SET update_message = NULLIF(?, ''), update_approval = ?,"
	" updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

int escritorio_atualizar_post(struct request *r, const struct form *in)
{
	if (in->nerrors) {
		page_field_error(r, "mensagem", form_error(in, "mensagem"));
		page_flash(r, "erro", "Confira a mensagem de atualização de cadastro.");
		return escritorio_page(r, 422, in);
	}
	const char *text = form_get(in, "mensagem");
	/* The product's own text saved as is stays the product's: it follows its changes. */
	if (strcmp(text, UPDATE_DEFAULT_MESSAGE) == 0)
		text = "";
	bool approve = strcmp(form_get(in, "aprovar"), "1") == 0;
	const struct audit_change ch[2] = { { "update_message", NULL, *text ? text : "(padrão)" },
					    { "update_approval", NULL, approve ? "sim" : "não" } };
	struct db_stmt *st = db_prepare(r->db, save_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, text);
	db_bind_i64(st, 1, approve);
	db_bind_i64(st, 2, r->office.id);
	if (db_begin(r->db) < 0 || db_exec(st) < 0 ||
	    audit_event(r, "staff", "update", "office", r->office.id, 0, NULL, ch, 2) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/escritorio?aviso=atualizar#t-atualizar");
}
