/* /portal/atualizar?l=...: the signed link of "Atualizar cadastro" (lib/portal/update.h).
 * Every request of these anonymous pages is counted per address before anything else.
 * The GET (mail scanners open links) shows the office and "Continuar" and uses nothing
 * up; the POST verifies the signature (GPGME) and the request's row, then shows the
 * form; the form's POST verifies both again, under a lock, and applies the changes
 * (channel "link", the client as actor, its address) or stages them for staff approval.
 * The token stays out of the logs (its own nginx location) and of any Referer. */
#include <stdlib.h>
#include <string.h>

#include "portal.h"
#include "base/db.h"
#include "cadastro/audit.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "portal/signlink.h"
#include "portal/update.h"
#include "web/page.h"

const struct form_rule atualizar_rules[] = {
	{ "l", FORM_TEXT, false, SIGNLINK_TOKEN_MAX, "Link", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule atualizar_salvar_rules[] = {
	{ "l", FORM_TEXT, false, SIGNLINK_TOKEN_MAX, "Link", 0, 0, NULL },
	{ "versao", FORM_INT, true, 0, "Versão", 1, UINT32_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* What the client may change on the form, in its order. */
static const int editable[] = {
	CL_NAME, CL_EMAIL, CL_PHONE_MOBILE, CL_PHONE_WORK, CL_PHONE_HOME, CL_CONTACT, CL_CEP,
	CL_STREET, CL_NUMBER, CL_COMPLEMENT, CL_DISTRICT, CL_CITY, CL_UF,
};
#define NEDITABLE (sizeof editable / sizeof *editable)
static const int shown[] = { CL_DOCUMENT };

/* A link that cannot be used: its own page by what happened to it. */
static int bad_link(struct request *r, const char *why)
{
	page_set(r, "Link.Why", why);
	return page_render(r, 410, "atualizar_invalido.cs", "Link sem validade");
}

/* 1 go on, 0 answered (over the limit), -1. */
static int count_hit(struct request *r)
{
	int over = update_rate_limited(r);
	if (over < 0)
		return -1;
	if (over)
		return page_error(r, 429, "Muitas tentativas a partir deste endereço. Aguarde alguns "
				  "minutos e abra o link de novo.") < 0 ? -1 : 0;
	return 1;
}

int atualizar_get(struct request *r, const struct form *in)
{
	int go = count_hit(r);
	if (go <= 0)
		return go;
	struct signlink p;
	if (in->nerrors || signlink_parse(form_get(in, "l"), &p) < 0)
		return bad_link(r, "adulterado");
	page_set(r, "Link.Token", form_get(in, "l"));
	return page_render(r, 200, "atualizar.cs", "Atualizar cadastro");
}

/* The link verified (signature, office, row): 1 with *p and the client, 0 answered. */
static int verified(struct request *r, const struct form *in, bool lock, struct signlink *p,
		    struct client *c)
{
	int v = in->nerrors ? 0 : signlink_verify(form_get(in, "l"), p);
	if (v < 0)
		return -1;
	if (v == 0)
		return bad_link(r, "adulterado") < 0 ? -1 : 0;
	if (p->office != r->office.id || strcmp(p->purpose, UPDATE_PURPOSE) != 0)
		return bad_link(r, "invalido") < 0 ? -1 : 0;
	const char *why = "invalido";
	int ok = update_request_usable(r, p, lock, &why);
	if (ok <= 0)
		return ok < 0 ? -1 : bad_link(r, why) < 0 ? -1 : 0;
	memset(c, 0, sizeof *c);
	int got = client_load(r, p->client, c);
	if (got <= 0 || c->trashed) {
		if (got > 0)
			client_free(c);
		return got < 0 ? -1 : bad_link(r, "invalido") < 0 ? -1 : 0;
	}
	return 1;
}

static const char approval_sql[] = "SELECT update_approval FROM offices WHERE id = ?";

/* 1 when the office stages the changes for approval, 0 if not, -1. */
static int approval(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, approval_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0) != 0;
}

/* The form: the record's fields (or what was typed), and the custom attributes the
 * office lets its clients change (extra: the typed values with their errors; NULL: the
 * stored ones). */
static int show_form(struct request *r, int status, const struct client *c,
		     const struct form *in, const struct fields *typed, const struct custom_set *extra)
{
	int staged = approval(r);
	if (staged < 0)
		return -1;
	if (staged)
		page_set(r, "Link.Approval", "1");
	page_set(r, "Link.Token", form_get(in, "l"));
	client_fields_to_page(r, c, shown, 1, editable, NEDITABLE, typed);
	if (extra) {
		custom_client_to_page(r, extra);
	} else {
		struct custom_set stored;
		int got = custom_load_client(r, c->id, &stored) < 0
			  ? -1 : 0;
		if (got == 0)
			custom_client_to_page(r, &stored);
		custom_free(&stored);
		if (got < 0)
			return -1;
	}
	return page_render(r, status, "atualizar_form.cs", "Atualizar cadastro");
}

int atualizar_post(struct request *r, const struct form *in)
{
	int go = count_hit(r);
	if (go <= 0)
		return go;
	struct signlink p;
	struct client c;
	int ok = verified(r, in, false, &p, &c);
	if (ok <= 0)
		return ok;
	int rc = update_request_opened(r, p.request) < 0 ? -1 : show_form(r, 200, &c, in, NULL, NULL);
	client_free(&c);
	return rc;
}

/* What changed between the record and the client's form: the request's changes (fields
 * by column, or "extra:<id>" for a custom attribute) and the same for the audit (a custom
 * attribute by "extra.<name>", as custom_write names it), pointing into the records and
 * into names[]. The count. */
#define MAX_CHANGES (CLIENT_NCOLS + CUSTOM_MAX)
struct extra_names {
	char field[32], label[8 + 4 * 60];   /* a name: up to 60 characters of UTF-8 */
};

static size_t diff(const struct client *old, const struct client *c, const struct custom_set *before,
		   const struct custom_set *extra, struct audit_change *ch, struct audit_change *au,
		   struct extra_names *names)
{
	size_t n = 0;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (strcmp(old->v[i] ? old->v[i] : "", c->v[i] ? c->v[i] : "") != 0) {
			ch[n] = au[n] = (struct audit_change){ client_cols[i].column, old->v[i], c->v[i] };
			n++;
		}
	for (size_t i = 0; i < extra->n; i++) {
		if (strcmp(before->value[i], extra->value[i]) == 0)
			continue;
		snprintf(names[n].field, sizeof names[n].field, "extra:%lld", (long long)extra->f[i].id);
		snprintf(names[n].label, sizeof names[n].label, "extra.%s", extra->f[i].name);
		ch[n] = (struct audit_change){ names[n].field, before->value[i], extra->value[i] };
		au[n] = (struct audit_change){ names[n].label, before->value[i], extra->value[i] };
		n++;
	}
	return n;
}

/* Applies (or stages) the form in the open transaction: 1 done, 0 the record changed
 * meanwhile (rolled back by the caller), -1. */
static int save(struct request *r, const struct signlink *p, const struct client *old,
		struct client *c, const struct custom_set *before, const struct custom_set *extra,
		unsigned version, bool staged, size_t *changed)
{
	struct audit_change ch[MAX_CHANGES], au[MAX_CHANGES];
	struct extra_names names[MAX_CHANGES];
	size_t n = diff(old, c, before, extra, ch, au, names);
	*changed = n;
	int rc = 1;
	if (!staged && n) {
		rc = client_update(r, old, c, version, before, extra, "link");
	} else if (staged && n &&
		   audit_event(r, "link", "update_link_staged", "client", old->id, 0, NULL, au, n) < 0) {
		rc = -1;
	}
	if (rc > 0 && (update_request_complete(r, p->request, ch, n, staged) < 0 ||
		       audit_event(r, "link", "update_link_used", "client", old->id, 0, NULL, NULL, 0) < 0))
		rc = -1;
	return rc;
}

int atualizar_salvar_post(struct request *r, const struct form *in)
{
	int go = count_hit(r);
	if (go <= 0)
		return go;
	if (db_begin(r->db) < 0)
		return -1;
	struct signlink p;
	struct client old, c;
	memset(&c, 0, sizeof c);
	int ok = verified(r, in, true, &p, &old);
	if (ok <= 0) {
		db_rollback(r->db);
		return ok;
	}
	r->actor = old.v[CL_NAME];   /* the audit names the client */
	int staged = approval(r), rc;
	/* The custom attributes: as stored (before), and with what the client typed. */
	struct custom_set before, extra;
	memset(&before, 0, sizeof before);
	memset(&extra, 0, sizeof extra);
	int bad = staged < 0 || custom_load_client(r, old.id, &before) < 0 ||
		  custom_copy_values(&extra, &before) < 0 ||
		  custom_from_client_fields(&extra, &r->form) < 0
		  ? -1 : client_fields_apply(r, &old, &c, editable, NEDITABLE);
	if (bad >= 0)
		bad += (int)extra.nerrors;
	size_t changed = 0;
	if (bad < 0) {
		rc = -1;
	} else if (bad) {
		db_rollback(r->db);
		page_flash(r, "erro", bad == 1 ? "Corrija o campo indicado abaixo."
					     : "Corrija os campos indicados abaixo.");
		rc = show_form(r, 422, &old, in, &r->form, &extra);
	} else {
		int saved = save(r, &p, &old, &c, &before, &extra, (unsigned)form_int(in, "versao"),
				 staged, &changed);
		if (saved < 0 || (saved && db_commit(r->db) < 0)) {
			rc = -1;
		} else if (!saved) {
			db_rollback(r->db);
			page_flash(r, "erro", "O escritório alterou os seus dados enquanto você editava. "
				   "Confira os dados abaixo e envie de novo.");
			rc = show_form(r, 409, &old, in, &r->form, &extra);
		} else {
			if (staged)
				page_set(r, "Done.Staged", "1");
			page_set_int(r, "Done.Changes", (int64_t)changed);
			rc = page_render(r, 200, "atualizar_feito.cs", "Obrigado");
		}
	}
	r->actor = NULL;
	custom_values_free(&extra);
	custom_free(&before);
	client_free(&old);
	client_free(&c);
	return rc;
}
