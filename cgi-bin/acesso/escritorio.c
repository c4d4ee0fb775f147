/* /escritorio: the office's settings (admins): name, trade name, CNPJ, address,
 * contact, the logo, and whether the team must use a second factor. Later areas add
 * their sections to this page. The logo itself is public (/escritorio/logo): the login
 * page, e-mails and the client portal show it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "acesso.h"
#include "cadastro/audit.h"
#include "base/db.h"
#include "br/doc.h"
#include "web/image.h"
#include "web/page.h"
#include "web/response.h"
#include "br/valid.h"

#define LOGO_MAX_BYTES (200 * 1024)
#define LOGO_MAX_SIDE 2000
/* A setting in stored form: up to 300 characters of up to 4 bytes each. */
#define VALUE_BYTES 1204

const struct form_rule escritorio_rules[] = {
	{ "nome", FORM_TEXT, true, 200, "Nome", 0, 0, NULL },
	{ "fantasia", FORM_TEXT, false, 200, "Nome fantasia", 0, 0, NULL },
	{ "cnpj", FORM_TEXT, false, 20, "CNPJ", 0, 0, NULL },
	{ "endereco", FORM_TEXT, false, 300, "Endereço", 0, 0, NULL },
	{ "cidade", FORM_TEXT, false, 100, "Cidade", 0, 0, NULL },
	{ "uf", FORM_TEXT, false, 2, "UF", 0, 0, NULL },
	{ "cep", FORM_TEXT, false, 10, "CEP", 0, 0, NULL },
	{ "email", FORM_EMAIL, false, 0, "E-mail de contato", 0, 0, NULL },
	{ "telefone", FORM_TEXT, false, 20, "Telefone", 0, 0, NULL },
	{ "fator", FORM_TEXT, false, 1, "Segundo fator obrigatório", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule escritorio_logo_rules[] = {
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

/* The settings as stored, in the order of `fields` and of load_sql's columns. */
enum { F_NAME, F_TRADE, F_CNPJ, F_ADDRESS, F_CITY, F_UF, F_CEP, F_EMAIL, F_PHONE, F_2FA, NF };
static const char *const fields[NF] = { "nome", "fantasia", "cnpj", "endereco", "cidade",
					"uf", "cep", "email", "telefone", "fator" };
static const char *const audit_names[NF] = { "name", "trade_name", "cnpj", "address", "city",
					     "uf", "cep", "contact_email", "phone",
					     "require_second_factor" };

static const char load_sql[] =
	"SELECT name, trade_name, cnpj, address, city, uf, cep, contact_email, phone,"
	" IF(require_second_factor, '1', ''), logo_version FROM offices WHERE id = ?";

struct settings {
	char *v[NF];
	char *logo;
};

static void settings_free(struct settings *s)
{
	for (int i = 0; i < NF; i++)
		free(s->v[i]);
	free(s->logo);
}

static int settings_load(struct request *r, struct settings *s)
{
	memset(s, 0, sizeof *s);
	struct db_stmt *st = db_prepare(r->db, load_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	for (int i = 0; i < NF; i++)
		if (!(s->v[i] = strdup(db_col(st, (unsigned)i))))
			return -1;
	if (db_col(st, NF) && !(s->logo = strdup(db_col(st, NF))))
		return -1;
	return 0;
}

/* As the form shows them: CNPJ, CEP and phone punctuated. */
static void settings_to_page(struct request *r, struct settings *s)
{
	char buf[32];
	for (int i = 0; i < NF; i++) {
		const char *v = s->v[i];
		if (i == F_CNPJ && *v)
			doc_format(v, buf, sizeof buf), v = buf;
		else if (i == F_CEP && *v)
			cep_format(v, buf, sizeof buf), v = buf;
		else if (i == F_PHONE && *v)
			phone_format(v, buf, sizeof buf), v = buf;
		char key[40];
		snprintf(key, sizeof key, "Form.Values.%s", fields[i]);
		page_set(r, key, v);
	}
}

static const struct page_notice notices[] = {
	{ "salvo", "ok", "Dados do escritório salvos." },
	{ "logo", "ok", "Logotipo atualizado." },
	{ "logo-removido", "ok", "Logotipo removido." },
	{ "pix", "ok", "Dados de PIX salvos." },
	{ "feriado", "ok", "Feriado salvo: os próximos vencimentos nesse dia passam para o dia útil seguinte." },
	{ "feriado-removido", "ok", "Feriado removido." },
	{ "atualizar", "ok", "Configuração de atualização de cadastro salva." },
	{ NULL, NULL, NULL },
};

static int show(struct request *r, int status, struct settings *s, bool typed)
{
	page_set(r, "Page.Section", "escritorio");
	if (!typed)
		settings_to_page(r, s);
	if (s->logo)
		page_set(r, "Settings.Logo", s->logo);
	page_set_int(r, "Settings.LogoMaxKb", LOGO_MAX_BYTES / 1024);
	page_set_int(r, "Settings.LogoMaxSide", LOGO_MAX_SIDE);
	return page_render(r, status, "escritorio.cs", "Escritório");
}

static const char pix_sql[] =
	"SELECT pix_key, pix_key_type, pix_name, pix_city FROM offices WHERE id = ?";

/* The honorários section: the PIX data as stored (the key as typed is shown again only
 * after a refusal). */
static int pix_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, pix_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0) {
		page_set(r, "Form.Values.pix_chave", db_col(st, 0));
		page_set(r, "Settings.PixType", db_col(st, 1));
		page_set(r, "Form.Values.pix_nome", db_col(st, 2));
		page_set(r, "Form.Values.pix_cidade", db_col(st, 3));
	}
	return got;
}

int escritorio_get(struct request *r, const struct form *in)
{
	(void)in;
	struct settings s;
	int rc = settings_load(r, &s) < 0 || pix_to_page(r) < 0 ||
			 escritorio_feriados_to_page(r) < 0 || escritorio_atualizar_to_page(r) < 0 ? -1 : 0;
	if (rc == 0) {
		page_notice_from_query(r, notices);
		rc = show(r, 200, &s, false);
	}
	settings_free(&s);
	return rc;
}

int escritorio_page(struct request *r, int status, const struct form *pix_typed)
{
	struct settings s;
	/* The other sections as stored, the refused one as typed. */
	int rc = settings_load(r, &s) < 0 || pix_to_page(r) < 0 ||
			 escritorio_feriados_to_page(r) < 0 || escritorio_atualizar_to_page(r) < 0 ? -1 : 0;
	if (rc == 0) {
		for (size_t i = 0; i < pix_typed->n; i++) {
			char key[48];
			snprintf(key, sizeof key, "Form.Values.%s", pix_typed->rules[i].name);
			page_set(r, key, request_form(r, pix_typed->rules[i].name));
		}
		rc = show(r, status, &s, false);
	}
	settings_free(&s);
	return rc;
}

/* The form's values checked and put in stored form into v[]; messages per field. */
static size_t validate(struct request *r, const struct form *in, char v[NF][VALUE_BYTES])
{
	size_t bad = 0;
	for (int i = 0; i < NF; i++) {
		const char *x = form_get(in, fields[i]);
		const char *why = form_error(in, fields[i]);
		snprintf(v[i], VALUE_BYTES, "%s", x);
		if (!why && *x) {
			char out[DOC_BARE_MAX > 16 ? DOC_BARE_MAX : 16];
			size_t n = strlen(x);
			if (i == F_CNPJ) {
				if (doc_parse(x, n, out) != DOC_CNPJ)
					why = "CNPJ inválido: confira os dígitos (ex.: 12.ABC.345/01DE-35).";
				else
					snprintf(v[i], VALUE_BYTES, "%s", out);
			} else if (i == F_UF) {
				if (!valid_uf(x, n, out, sizeof out))
					why = "UF inválida: use a sigla do estado (ex.: SP).";
				else
					snprintf(v[i], VALUE_BYTES, "%s", out);
			} else if (i == F_CEP) {
				if (!valid_cep(x, n, out, sizeof out))
					why = "CEP inválido: use 8 dígitos (ex.: 01310-100).";
				else
					snprintf(v[i], VALUE_BYTES, "%s", out);
			} else if (i == F_PHONE) {
				if (!valid_phone(x, n, out, sizeof out))
					why = "Telefone inválido: use DDD e número (ex.: (11) 3456-7890).";
				else
					snprintf(v[i], VALUE_BYTES, "%s", out);
			} else if (i == F_2FA) {
				snprintf(v[i], VALUE_BYTES, "%s", strcmp(x, "1") == 0 ? "1" : "");
			}
		}
		if (why) {
			page_field_error(r, fields[i], why);
			bad++;
		}
		char key[40];
		snprintf(key, sizeof key, "Form.Values.%s", fields[i]);
		page_set(r, key, x);
	}
	return bad;
}

static const char save_sql[] =
	"UPDATE offices SET name = ?, trade_name = ?, cnpj = ?, address = ?, city = ?, uf = ?,"
	" cep = ?, contact_email = ?, phone = ?, require_second_factor = ?,"
	" updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

int escritorio_post(struct request *r, const struct form *in)
{
	struct settings s;
	if (settings_load(r, &s) < 0) {
		settings_free(&s);
		return -1;
	}
	char v[NF][VALUE_BYTES];
	int rc;
	if (validate(r, in, v)) {
		page_flash(r, "erro", "Confira os campos marcados.");
		rc = show(r, 422, &s, true);
		settings_free(&s);
		return rc;
	}
	struct audit_change ch[NF];
	size_t n = 0;
	for (int i = 0; i < NF; i++)
		if (strcmp(s.v[i], v[i]) != 0)
			ch[n++] = (struct audit_change){ audit_names[i], s.v[i], v[i] };
	struct db_stmt *st = db_prepare(r->db, save_sql);
	rc = st ? 0 : -1;
	if (st && n) {
		for (int i = 0; i < F_2FA; i++)
			db_bind_str(st, (unsigned)i, v[i]);
		db_bind_i64(st, F_2FA, v[F_2FA][0] == '1');
		db_bind_i64(st, NF, r->office.id);
		if (db_begin(r->db) < 0 || db_exec(st) < 0 ||
		    audit_event(r, "staff", "update", "office", r->office.id, 0, NULL, ch, n) < 0 ||
		    db_commit(r->db) < 0)
			rc = -1;
	}
	settings_free(&s);
	return rc < 0 ? -1 : response_redirect(r, "/escritorio?aviso=salvo");
}

static const struct upload *logo_upload(struct request *r)
{
	for (size_t i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i].field, "logo") == 0)
			return &r->files.v[i];
	return NULL;
}

static int logo_refused(struct request *r, const char *why)
{
	struct settings s;
	int rc = -1;
	if (settings_load(r, &s) == 0) {
		page_field_error(r, "logo", why);
		rc = show(r, 422, &s, false);
	}
	settings_free(&s);
	return rc;
}

static const char logo_save_sql[] =
	"REPLACE INTO office_logos (office_id, content_type, width, height, data, updated_at)"
	" VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";
static const char logo_version_sql[] =
	"UPDATE offices SET logo_version = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

static int logo_store(struct request *r, const unsigned char *data, size_t len,
		      const struct image_info *img)
{
	unsigned char sum[crypto_hash_sha256_BYTES];
	char version[17];
	crypto_hash_sha256(sum, data, len);
	sodium_bin2hex(version, sizeof version, sum, 8);
	struct db_stmt *a = db_prepare(r->db, logo_save_sql), *b = db_prepare(r->db, logo_version_sql);
	if (!a || !b)
		return -1;
	db_bind_i64(a, 0, r->office.id);
	db_bind_str(a, 1, img->content_type);
	db_bind_i64(a, 2, img->width);
	db_bind_i64(a, 3, img->height);
	db_bind_blob(a, 4, data, len);
	db_bind_str(b, 0, version);
	db_bind_i64(b, 1, r->office.id);
	char dims[64];
	snprintf(dims, sizeof dims, "%s %u×%u, %zu bytes", img->content_type, img->width,
		 img->height, len);
	const struct audit_change ch = { "logo", NULL, dims };
	if (db_begin(r->db) < 0 || db_exec(a) < 0 || db_exec(b) < 0 ||
	    audit_event(r, "staff", "logo_update", "office", r->office.id, 0, NULL, &ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return 0;
}

int escritorio_logo_post(struct request *r, const struct form *in)
{
	(void)in;
	const struct upload *up = logo_upload(r);
	if (!up || !up->size)
		return logo_refused(r, "Escolha o arquivo do logotipo (PNG ou JPEG).");
	if (up->size > LOGO_MAX_BYTES) {
		char why[160];
		snprintf(why, sizeof why, "O arquivo tem %zu KB; o logotipo pode ter até %d KB. "
			 "Reduza a imagem e envie de novo.", (up->size + 1023) / 1024,
			 LOGO_MAX_BYTES / 1024);
		return logo_refused(r, why);
	}
	unsigned char *data = malloc(up->size);
	if (!data)
		return -1;
	rewind(up->fp);
	if (fread(data, 1, up->size, up->fp) != up->size) {
		free(data);
		return -1;
	}
	struct image_info img;
	const char *why = image_check(data, up->size, LOGO_MAX_SIDE, &img);
	int rc = why ? logo_refused(r, why) : logo_store(r, data, up->size, &img);
	free(data);
	if (rc < 0 || why)
		return rc;
	return response_redirect(r, "/escritorio?aviso=logo");
}

static const char logo_delete_sql[] = "DELETE FROM office_logos WHERE office_id = ?";
static const char logo_clear_sql[] =
	"UPDATE offices SET logo_version = NULL, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";

int escritorio_logo_remover_post(struct request *r, const struct form *in)
{
	(void)in;
	struct db_stmt *a = db_prepare(r->db, logo_delete_sql), *b = db_prepare(r->db, logo_clear_sql);
	if (!a || !b)
		return -1;
	db_bind_i64(a, 0, r->office.id);
	db_bind_i64(b, 0, r->office.id);
	const struct audit_change ch = { "logo", "(logotipo)", NULL };
	if (db_begin(r->db) < 0 || db_exec(a) < 0 || db_exec(b) < 0 ||
	    audit_event(r, "staff", "logo_remove", "office", r->office.id, 0, NULL, &ch, 1) < 0 ||
	    db_commit(r->db) < 0)
		return -1;
	return response_redirect(r, "/escritorio?aviso=logo-removido");
}

const struct form_rule escritorio_logo_get_rules[] = {
	{ "v", FORM_TEXT, false, 16, "Versão", 0, 0, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char logo_sql[] =
	"SELECT l.content_type, l.data, o.logo_version FROM office_logos l"
	" JOIN offices o ON o.id = l.office_id WHERE l.office_id = ?";

/* The office's logo for anyone (its host names the office). Asked for by its current
 * version, it may be kept a year: a new logo has a new URL. */
int escritorio_logo_get(struct request *r, const struct form *in)
{
	struct db_stmt *st = db_prepare(r->db, logo_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got < 0 ? -1 : page_error(r, 404, NULL);
	bool current = strcmp(form_get(in, "v"), db_col(st, 2) ? db_col(st, 2) : "") == 0;
	return response_send_cached(r, 200, db_col(st, 0), db_col(st, 1), db_col_len(st, 1),
				    current ? "public, max-age=31536000, immutable" : "no-cache");
}
