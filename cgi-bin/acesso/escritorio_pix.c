/* POST /escritorio/pix: the office's PIX receiving data (the honorários section of the
 * office's page): the key, validated and normalised, the beneficiary's name and city as
 * the BR Code carries them. An empty key turns PIX codes off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acesso.h"
#include "honorarios/fee.h"
#include "base/db.h"
#include "base/utf8.h"
#include "br/doc.h"
#include "br/pix.h"
#include "br/valid.h"
#include "cadastro/audit.h"
#include "web/page.h"
#include "web/response.h"

static const char *const key_kinds[] = { "", "cpf", "telefone", NULL };

/* Name and city longer than the BR Code holds are taken in and answered with a shorter
 * form to accept (pix_text_shorten), not refused as "too long". */
const struct form_rule escritorio_pix_rules[] = {
	{ "pix_chave", FORM_TEXT, false, 100, "Chave PIX", 0, 0, NULL },
	{ "pix_nome", FORM_TEXT, false, 200, "Nome do recebedor", 0, 0, NULL },
	{ "pix_cidade", FORM_TEXT, false, 100, "Cidade do recebedor", 0, 0, NULL },
	{ "pix_tipo", FORM_CHOICE, false, 0, "Tipo da chave", 0, 0, key_kinds },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char load_sql[] =
	"SELECT pix_key, pix_name, pix_city FROM offices WHERE id = ?";
static const char save_sql[] =
	"UPDATE offices SET pix_key = ?, pix_key_type = ?, pix_name = ?, pix_city = ?,"
	" updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

/* The fields' own checks, then the key's and the pair name/city a key needs. */
static int refused(struct request *r, const struct form *in, const char *key_error)
{
	for (size_t i = 0; i < in->n; i++)
		if (in->error[i])
			page_field_error(r, in->rules[i].name, in->error[i]);
	if (key_error)
		page_field_error(r, "pix_chave", key_error);
	page_flash(r, "erro", "Confira os campos de PIX marcados.");
	return escritorio_page(r, 422, in);
}

/* A name or city longer than the BR Code's max: the limit explained beside the field and
 * a shorter form put in it (Pix.Offer.<field>), to save as it is or retype. 1 when too
 * long, 0, -1. */
static int offer_shorter(struct request *r, const char *field, const char *what,
			 const char *typed, size_t max)
{
	long folded = pix_text_length(typed);
	size_t chars = utf8_length(typed, strlen(typed));
	if (folded >= 0 && (size_t)folded <= max && chars <= max)
		return 0;
	struct strbuf offer = STRBUF_INIT, msg = STRBUF_INIT;
	int rc = pix_text_shorten(typed, max, &offer) < 0 ? 0 : 1;
	if (rc == 1) {
		char key[48];
		snprintf(key, sizeof key, "Pix.Offer.%s", field);
		page_set(r, key, sb_str(&offer));
		rc = sb_printf(&msg, "O PIX leva até %zu caracteres %s (sem acentos); “%s” tem %zu. "
			       "Sugerimos “%s”, já no campo: salve para aceitar, ou escreva outra "
			       "forma.", max, what, typed,
			       folded > 0 && (size_t)folded > max ? (size_t)folded : chars,
			       sb_str(&offer)) < 0 ? -1 : 1;
	} else {
		rc = sb_printf(&msg, "O PIX leva até %zu caracteres %s: escreva uma forma mais curta.",
			       max, what) < 0 ? -1 : 1;
	}
	if (rc == 1)
		page_field_error(r, field, sb_str(&msg));
	sb_free(&offer);
	sb_free(&msg);
	return rc;
}

int escritorio_pix_post(struct request *r, const struct form *in)
{
	if (in->nerrors)
		return refused(r, in, NULL);
	const char *typed = form_get(in, "pix_chave"), *name = form_get(in, "pix_nome"),
		   *city = form_get(in, "pix_cidade"), *kind = form_get(in, "pix_tipo");
	struct strbuf key = STRBUF_INIT;
	const char *why = NULL;
	enum pix_key_type type = PIX_KEY_NONE;
	/* 11 digits that are a CPF and a phone alike: which one the bank has, the office
	 * says (a choice on the form), not a guess. */
	bool ambiguous = *typed && pix_key_ambiguous(typed);
	if (ambiguous) {
		/* Both readings shown as people write them (pix_key_ambiguous: 11 digits). */
		char digits[16], cpf[24], phone[24];
		snprintf(digits, sizeof digits, "%.11s", typed + strspn(typed, " \t"));
		doc_format(digits, cpf, sizeof cpf);
		phone_format(digits, phone, sizeof phone);
		page_set(r, "Pix.Ambiguous", "1");
		page_set(r, "Pix.AsCpf", cpf);
		page_set(r, "Pix.AsPhone", phone);
		if (!*kind)
			why = "Esta chave é um CPF válido e também um celular com DDD: diga qual das duas "
			      "está cadastrada no banco.";
	}
	int too_long = 0, got = 0;
	/* Without a key nothing of them is kept: nothing to shorten. */
	if (*typed && ((got = offer_shorter(r, "pix_nome", "no nome do recebedor", name, PIX_NAME_MAX)) < 0 ||
	    (too_long = got, got = offer_shorter(r, "pix_cidade", "na cidade", city, PIX_CITY_MAX)) < 0))
		return -1;
	too_long += got;
	if (!why && *typed) {
		enum pix_key_type as = !ambiguous ? PIX_KEY_NONE
				       : !strcmp(kind, "cpf") ? PIX_KEY_CPF : PIX_KEY_PHONE;
		/* why is set even on success (the parser's default): the type tells. */
		if ((type = pix_key_parse_as(typed, as, &key, &why)) != PIX_KEY_NONE)
			why = NULL;
	}
	if (why || too_long) {
		sb_free(&key);
		return refused(r, in, why);
	}
	if (*typed && (!*name || !*city)) {
		sb_free(&key);
		if (!*name)
			page_field_error(r, "pix_nome", "Informe o nome do recebedor, como o banco o mostra.");
		if (!*city)
			page_field_error(r, "pix_cidade", "Informe a cidade do recebedor.");
		return refused(r, in, NULL);
	}
	/* What the BR Code will carry must make one: a name or city of nothing but
	 * characters it cannot hold (emoji, other scripts) is refused here, not on each fee. */
	if (*typed) {
		struct strbuf trial = STRBUF_INIT;
		const struct pix_payee payee = { sb_str(&key), name, city };
		int ok = pix_brcode(&payee, 100, "TESTE", &trial);
		sb_free(&trial);
		if (ok < 0) {
			sb_free(&key);
			page_field_error(r, "pix_nome", "Use letras (com ou sem acento), números e espaços no "
							"nome e na cidade: é o que o PIX mostra ao pagador.");
			return refused(r, in, NULL);
		}
	}
	struct db_stmt *st = db_prepare(r->db, load_sql);
	int rc = st ? 0 : -1;
	char *old[3] = { NULL, NULL, NULL };
	if (rc == 0) {
		db_bind_i64(st, 0, r->office.id);
		if (db_exec(st) < 0 || db_fetch(st) <= 0)
			rc = -1;
		for (unsigned i = 0; rc == 0 && i < 3; i++)
			if (!(old[i] = db_col_dup(st, i)))
				rc = -1;
		while (rc == 0 && db_fetch(st) > 0)
			;
	}
	const char *now[3] = { sb_str(&key), *typed ? name : "", *typed ? city : "" };
	static const char *const audit_names[3] = { "pix_key", "pix_name", "pix_city" };
	struct audit_change ch[3];
	size_t n = 0;
	for (unsigned i = 0; rc == 0 && i < 3; i++)
		if (strcmp(old[i], now[i]) != 0)
			ch[n++] = (struct audit_change){ audit_names[i], old[i], now[i] };
	struct db_stmt *save = rc == 0 && n ? db_prepare(r->db, save_sql) : NULL;
	if (rc == 0 && n) {
		if (!save)
			rc = -1;
		else {
			db_bind_str(save, 0, now[0]);
			db_bind_str(save, 1, pix_key_type_name(type));
			db_bind_str(save, 2, now[1]);
			db_bind_str(save, 3, now[2]);
			db_bind_i64(save, 4, r->office.id);
			/* The fee version moves: pages remembered with the old PIX codes (the
			 * client portal's) are not shown again. */
			if (db_begin(r->db) < 0 || db_exec(save) < 0 || fee_version_bump(r) < 0 ||
			    audit_event(r, "staff", "update", "office", r->office.id, 0, NULL, ch, n) < 0 ||
			    db_commit(r->db) < 0)
				rc = -1;
		}
	}
	for (unsigned i = 0; i < 3; i++)
		free(old[i]);
	sb_free(&key);
	return rc < 0 ? -1 : response_redirect(r, "/escritorio?aviso=pix");
}
