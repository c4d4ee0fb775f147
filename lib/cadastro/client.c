#include "cadastro/client.h"

#include <stdlib.h>
#include <string.h>

#include "cadastro/audit.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "br/doc.h"
#include "base/fold.h"
#include "web/page.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "br/valid.h"

const struct client_col client_cols[CLIENT_NCOLS] = {
	[CL_KIND] = { "kind", "tipo", "Tipo", CC_KIND, 2, true },
	[CL_NAME] = { "name", "nome", "Nome / razão social", CC_TEXT, 200, true },
	[CL_TRADE_NAME] = { "trade_name", "fantasia", "Nome fantasia", CC_TEXT, 200, false },
	[CL_DOCUMENT] = { "document", "documento", "CPF / CNPJ", CC_DOC, 40, false },
	[CL_COUNTRY] = { "country", "pais", "País", CC_TEXT, 60, false },
	[CL_STATE_REG] = { "state_reg", "inscricao_estadual", "Inscrição estadual", CC_TEXT, 30, false },
	[CL_CITY_REG] = { "city_reg", "inscricao_municipal", "Inscrição municipal", CC_TEXT, 30, false },
	[CL_REGIME] = { "tax_regime", "regime", "Regime tributário", CC_REGIME, 20, false },
	[CL_BIRTH] = { "birth_date", "nascimento", "Nascimento / abertura", CC_DATE, 10, false },
	[CL_EMAIL] = { "email", "email", "E-mail", CC_EMAIL, 254, false },
	[CL_OTHER_EMAILS] = { "other_emails", "outros_emails", "Outros e-mails", CC_EMAILS, 1000, false },
	[CL_PHONE_WORK] = { "phone_work", "fone_comercial", "Telefone comercial", CC_PHONE, 30, false },
	[CL_PHONE_HOME] = { "phone_home", "fone_residencial", "Telefone residencial", CC_PHONE, 30, false },
	[CL_PHONE_MOBILE] = { "phone_mobile", "celular", "Celular", CC_PHONE, 30, false },
	[CL_CEP] = { "cep", "cep", "CEP", CC_CEP, 10, false },
	[CL_STREET] = { "street", "logradouro", "Logradouro", CC_TEXT, 200, false },
	[CL_NUMBER] = { "number", "numero", "Número", CC_TEXT, 20, false },
	[CL_COMPLEMENT] = { "complement", "complemento", "Complemento", CC_TEXT, 100, false },
	[CL_DISTRICT] = { "district", "bairro", "Bairro", CC_TEXT, 100, false },
	[CL_CITY] = { "city", "cidade", "Cidade", CC_TEXT, 100, false },
	[CL_UF] = { "uf", "uf", "UF", CC_UF, 2, false },
	[CL_CONTACT] = { "contact_name", "contato", "Pessoa de contato", CC_TEXT, 200, false },
	[CL_IS_CLIENT] = { "is_client", "cliente", "Cliente", CC_BOOL, 1, false },
	[CL_IS_SUPPLIER] = { "is_supplier", "fornecedor", "Fornecedor", CC_BOOL, 1, false },
	[CL_IS_PROVIDER] = { "is_provider", "prestador", "Prestador de serviço", CC_BOOL, 1, false },
	[CL_IS_PROSPECT] = { "is_prospect", "prospect", "Prospect", CC_BOOL, 1, false },
	[CL_ACTIVE] = { "active", "ativo", "Ativo", CC_BOOL, 1, false },
	[CL_RESPONSIBLE] = { "responsible_id", "responsavel", "Responsável", CC_STAFF, 20, false },
	[CL_OBSERVATION] = { "observation", "observacao", "Observação fixa", CC_LONG, 2000, false },
};

static const char *const regimes[][2] = {
	{ "mei", "MEI" },
	{ "simples", "Simples Nacional" },
	{ "presumido", "Lucro Presumido" },
	{ "real", "Lucro Real" },
	{ "imune", "Imune / Isento" },
	{ "na", "Não se aplica" },
};

const char *client_regime_label(const char *stored)
{
	for (size_t i = 0; i < sizeof regimes / sizeof *regimes; i++)
		if (strcmp(stored, regimes[i][0]) == 0)
			return regimes[i][1];
	return "";
}

const char *client_kind_label(const char *stored)
{
	if (strcmp(stored, "PF") == 0)
		return "Pessoa física";
	if (strcmp(stored, "PJ") == 0)
		return "Pessoa jurídica";
	if (strcmp(stored, "EX") == 0)
		return "Estrangeiro";
	return "";
}

const char *client_channel_label(const char *c)
{
	if (!strcmp(c, "staff")) return "equipe";
	if (!strcmp(c, "import")) return "importação";
	if (!strcmp(c, "portal")) return "portal do cliente";
	if (!strcmp(c, "link")) return "link de atualização";
	return "sistema";
}

const char *client_field_label(const char *column)
{
	if (!strncmp(column, "extra.", 6))
		return column + 6;  /* a custom attribute, by its name */
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (strcmp(client_cols[i].column, column) == 0)
			return client_cols[i].label;
	if (!strcmp(column, "trashed")) return "Lixeira";
	if (!strcmp(column, "tags")) return "Etiquetas";
	if (!strcmp(column, "portal_login")) return "Login do portal";
	if (!strcmp(column, "update_link")) return "Link enviado para";
	return column;
}

void client_free(struct client *c)
{
	for (int i = 0; i < CLIENT_NCOLS; i++)
		free(c->v[i]);
	free(c->created_at);
	free(c->updated_at);
	free(c->deleted_at);
	memset(c, 0, sizeof *c);
}

/* ---------------------------------------------------------------- validation */

static char *trimmed_copy(const char *s, bool keep_lines)
{
	if (!s)
		s = "";
	size_t a = 0, len = strlen(s);
	if (!keep_lines) {
		while (a < len && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
	} else {
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
	}
	return strndup(s + a, len - a);
}

/* Each line an e-mail; stored lowercased, one per line, empty lines dropped. */
static const char *check_emails(char **v)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = *v;
	while (*p) {
		size_t n = strcspn(p, "\r\n,;");
		char *line = strndup(p, n), *t = line ? trimmed_copy(line, false) : NULL;
		free(line);
		if (!t) {
			sb_free(&out);
			return "Sem memória.";
		}
		if (*t) {
			for (char *q = t; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			if (!valid_email(t, strlen(t))) {
				free(t);
				sb_free(&out);
				return "Há um e-mail inválido na lista (um por linha).";
			}
			if (out.len)
				sb_putc(&out, '\n');
			sb_puts(&out, t);
		}
		free(t);
		p += n;
		while (*p == '\r' || *p == '\n' || *p == ',' || *p == ';')
			p++;
	}
	free(*v);
	*v = sb_detach(&out);
	return *v ? NULL : "Sem memória.";
}

static void replace(char **v, const char *with)
{
	char *n = strdup(with);
	if (n) {
		free(*v);
		*v = n;
	}
}

/* Checks one value in place (it is owned and may be replaced by its stored form). */
static const char *check(const struct client *c, int col, char **v)
{
	const struct client_col *cc = &client_cols[col];
	size_t len = strlen(*v);
	if (!utf8_valid(*v, len))
		return "Contém caracteres inválidos.";
	if (utf8_length(*v, len) > cc->max && cc->kind != CC_PHONE && cc->kind != CC_DOC &&
	    cc->kind != CC_CEP && cc->kind != CC_DATE)
		return "Texto longo demais.";
	if (!len)
		return cc->required ? "Preencha este campo." : NULL;
	char buf[32];
	int y, m, d;
	switch (cc->kind) {
	case CC_KIND:
		return strcmp(*v, "PF") && strcmp(*v, "PJ") && strcmp(*v, "EX")
			       ? "Escolha pessoa física, jurídica ou estrangeiro." : NULL;
	case CC_TEXT:
		return utf8_refusal(*v, len, false);
	case CC_LONG:
		return utf8_refusal(*v, len, true);
	case CC_DOC: {
		const char *kind = c->v[CL_KIND] ? c->v[CL_KIND] : "";
		if (strcmp(kind, "EX") == 0) {
			if (utf8_length(*v, len) > cc->max)
				return "Documento estrangeiro inválido (até 40 caracteres).";
			return utf8_refusal(*v, len, false);
		}
		char bare[DOC_BARE_MAX];
		enum doc_kind k = doc_parse(*v, len, bare);
		if (strcmp(kind, "PF") == 0 && k != DOC_CPF)
			return k == DOC_CNPJ ? "Isto é um CNPJ: para pessoa física, informe o CPF."
					     : "CPF inválido. Confira os 11 dígitos.";
		if (strcmp(kind, "PJ") == 0 && k != DOC_CNPJ)
			return k == DOC_CPF ? "Isto é um CPF: para pessoa jurídica, informe o CNPJ."
					    : "CNPJ inválido. Confira os 14 caracteres e os dígitos verificadores.";
		if (k == DOC_INVALID)
			return "Documento inválido.";
		replace(v, bare);
		return NULL;
	}
	case CC_REGIME:
		return *client_regime_label(*v) ? NULL : "Escolha um regime da lista.";
	case CC_DATE:
		if (!valid_date(*v, len, &y, &m, &d))
			return "Data inválida. Use dd/mm/aaaa.";
		date_format_iso(y, m, d, buf, sizeof buf);
		replace(v, buf);
		return NULL;
	case CC_EMAIL:
		for (char *q = *v; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		return valid_email(*v, len) ? NULL : "E-mail inválido. Exemplo: nome@empresa.com.br.";
	case CC_EMAILS:
		return check_emails(v);
	case CC_PHONE:
		if (!valid_phone(*v, len, buf, sizeof buf))
			return "Telefone inválido. Informe DDD e número, como (11) 98765-4321.";
		replace(v, buf);
		return NULL;
	case CC_CEP:
		if (!valid_cep(*v, len, buf, sizeof buf))
			return len >= 2 && (*v)[0] == '0' && (*v)[1] == '0'
			       ? "Este CEP não existe: os CEPs vão de 01000-000 a 99999-999."
			       : "CEP inválido. Use 8 dígitos, como 01310-100.";
		replace(v, buf);
		return NULL;
	case CC_UF:
		if (!valid_uf(*v, len, buf, sizeof buf))
			return "UF inválida. Escolha um dos 27 estados.";
		replace(v, buf);
		return NULL;
	case CC_BOOL:
		replace(v, strcmp(*v, "0") ? "1" : "0");
		return NULL;
	case CC_STAFF:
		for (const char *q = *v; *q; q++)
			if (*q < '0' || *q > '9')
				return "Escolha um responsável da lista.";
		return len > 18 ? "Escolha um responsável da lista." : NULL;
	}
	return NULL;
}

int client_from_fields(struct client *c, const struct fields *in, struct client_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		const struct client_col *cc = &client_cols[i];
		const char *raw = fields_get(in, cc->field);
		free(c->v[i]);
		if (cc->kind == CC_BOOL)
			c->v[i] = strdup(raw && *raw && strcmp(raw, "0") ? "1" : "0");
		else
			c->v[i] = trimmed_copy(raw, cc->kind == CC_LONG || cc->kind == CC_EMAILS);
		if (!c->v[i])
			return -1;
	}
	/* The kind first: the document's rule depends on it. */
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		const char *e = check(c, i, &c->v[i]);
		if (e) {
			errs->msg[i] = e;
			errs->n++;
		}
	}
	return 0;
}

int client_set_typed(struct client *c, int col, const char *typed, const char **err)
{
	const struct client_col *cc = &client_cols[col];
	char *v = cc->kind == CC_BOOL ? strdup(typed && *typed && strcmp(typed, "0") ? "1" : "0")
				      : trimmed_copy(typed, cc->kind == CC_LONG || cc->kind == CC_EMAILS);
	if (!v)
		return -1;
	*err = check(c, col, &v);
	free(c->v[col]);
	c->v[col] = v;
	return 0;
}

/* ---------------------------------------------------------------- display */

const char *client_display(const struct client *c, int col, char **out)
{
	const char *v = c->v[col] ? c->v[col] : "";
	char buf[64];
	int y, m, d;
	free(*out);
	*out = NULL;
	switch (client_cols[col].kind) {
	case CC_KIND:
		v = client_kind_label(v);
		break;
	case CC_DOC:
		if (strcmp(c->v[CL_KIND], "EX") != 0) {
			doc_format(v, buf, sizeof buf);
			v = buf;
		}
		break;
	case CC_REGIME:
		v = client_regime_label(v);
		break;
	case CC_DATE:
		if (*v && valid_date(v, strlen(v), &y, &m, &d)) {
			date_format_br(y, m, d, buf, sizeof buf);
			v = buf;
		}
		break;
	case CC_PHONE:
		phone_format(v, buf, sizeof buf);
		v = buf;
		break;
	case CC_CEP:
		if (*v) {
			cep_format(v, buf, sizeof buf);
			v = buf;
		}
		break;
	case CC_BOOL:
		v = strcmp(v, "1") == 0 ? "Sim" : "Não";
		break;
	default:
		break;
	}
	*out = strdup(v);
	return *out ? *out : "";
}

/* ---------------------------------------------------------------- statements */

/* Built once from client_cols (our constants, never input). */
static struct strbuf select_sql = STRBUF_INIT, insert_sql = STRBUF_INIT,
		     update_sql = STRBUF_INIT;

int client_init(void)
{
	if (select_sql.len)
		return 0;
	struct strbuf cols = STRBUF_INIT, marks = STRBUF_INIT, sets = STRBUF_INIT;
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		const char *sep = i ? ", " : "";
		SB_CAT(&cols, sep, client_cols[i].column);
		SB_CAT(&marks, sep, "?");
		SB_CAT(&sets, sep, client_cols[i].column, " = ?");
	}
	SB_CAT(&select_sql, "SELECT ", sb_str(&cols), ", id, version, trashed, created_at,"
	       " updated_at, deleted_at FROM clients WHERE id = ? AND office_id = ?");
	SB_CAT(&insert_sql, "INSERT INTO clients (office_id, ", sb_str(&cols), ", created_at,"
	       " updated_at) VALUES (?, ", sb_str(&marks), ", UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
	SB_CAT(&update_sql, "UPDATE clients SET ", sb_str(&sets), ", version = version + 1,"
	       " updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND office_id = ? AND version = ?"
	       " AND NOT trashed");
	sb_free(&cols);
	sb_free(&marks);
	sb_free(&sets);
	return select_sql.buf && insert_sql.buf && update_sql.buf ? 0 : -1;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* The row of a statement whose columns are select_sql's into c (zeroed first). */
static int fill_client(struct db_stmt *st, struct client *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (!(c->v[i] = dup_or_empty(db_col(st, (unsigned)i))))
			return -1;
	c->id = db_col_i64(st, CLIENT_NCOLS);
	c->version = (unsigned)db_col_i64(st, CLIENT_NCOLS + 1);
	c->trashed = db_col_i64(st, CLIENT_NCOLS + 2) != 0;
	c->created_at = dup_or_empty(db_col(st, CLIENT_NCOLS + 3));
	c->updated_at = dup_or_empty(db_col(st, CLIENT_NCOLS + 4));
	c->deleted_at = db_col(st, CLIENT_NCOLS + 5) ? strdup(db_col(st, CLIENT_NCOLS + 5)) : NULL;
	return c->created_at && c->updated_at ? 0 : -1;
}

int client_load_many(struct request *r, const int64_t *ids, size_t n, struct client *out)
{
	memset(out, 0, n * sizeof *out);
	if (n == 0)
		return 0;
	if (client_init() < 0)
		return -1;
	/* select_sql up to its WHERE, then this office's records of the list. */
	const char *where = strstr(select_sql.buf, " WHERE ");
	struct strbuf sql = STRBUF_INIT;
	if (!where || sb_append(&sql, select_sql.buf, (size_t)(where - select_sql.buf)) < 0 ||
	    sb_puts(&sql, " WHERE office_id = ? AND id IN (") < 0) {
		sb_free(&sql);
		return -1;
	}
	bool whole = db_put_marks(&sql, n) == 0 && sb_putc(&sql, ')') == 0;
	struct db_stmt *st = whole ? db_prepare_text(r->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	for (size_t i = 0; i < n; i++)
		db_bind_i64(st, (unsigned)(i + 1), ids[i]);
	if (db_exec(st) < 0)
		return -1;
	int got, rc = 0;
	while ((got = db_fetch(st)) > 0) {
		int64_t id = db_col_i64(st, CLIENT_NCOLS);
		for (size_t i = 0; rc == 0 && i < n; i++)
			if (ids[i] == id && out[i].id == 0 && fill_client(st, &out[i]) < 0)
				rc = -1;
	}
	return got < 0 ? -1 : rc;
}

int client_load(struct request *r, int64_t id, struct client *c)
{
	if (client_init() < 0)
		return -1;
	struct db_stmt *st = db_prepare(r->db, select_sql.buf);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	return fill_client(st, c) < 0 ? -1 : 1;
}

/* Empty dates and responsáveis are NULL in the table. */
static void bind_values(struct db_stmt *st, unsigned first, const struct client *c)
{
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		const char *v = c->v[i] ? c->v[i] : "";
		enum client_kind_col k = client_cols[i].kind;
		if ((k == CC_DATE || k == CC_STAFF) && !*v)
			db_bind_null(st, first + (unsigned)i);
		else if (k == CC_BOOL || k == CC_STAFF)
			db_bind_i64(st, first + (unsigned)i, strtoll(v, NULL, 10));
		else
			db_bind_str(st, first + (unsigned)i, v);
	}
}

/* ---------------------------------------------------------------- search words */

static const char words_delete_sql[] = "DELETE FROM client_words WHERE client_id = ?";
/* The same words in the order indexes, for broad searches (schema/004_search_walk.sql). */
static const char search_text_sql[] =
	"UPDATE clients SET search_text = (SELECT " CLIENT_SEARCH_TEXT
	" FROM client_words WHERE client_id = ?) WHERE id = ?";
static const char word_insert_sql[] =
	"INSERT IGNORE INTO client_words (office_id, word, client_id, trashed) VALUES (?, ?, ?, ?)";
/* The words' beginnings in name order, for searches (schema/009_prefixes.sql). */
static const char prefixes_delete_sql[] = "DELETE FROM client_prefixes WHERE client_id = ?";
static const char prefixes_insert_sql[] =
	"INSERT IGNORE INTO client_prefixes (office_id, trashed, prefix, name, client_id)"
	" SELECT c.office_id, c.trashed, " CLIENT_PREFIX_OF_WORD ", c.name, c.id"
	" FROM client_words w JOIN clients c ON c.id = w.client_id WHERE w.client_id = ?"
	" AND " CLIENT_PREFIX_WORDS;

struct words_ctx {
	struct request *r;
	int64_t id;
	bool trashed;
	struct db_stmt *st;
};

static int add_word(void *ctx, const char *word, size_t len)
{
	struct words_ctx *w = ctx;
	char buf[FOLD_WORD_MAX + 1];
	memcpy(buf, word, len);
	buf[len] = '\0';
	db_bind_i64(w->st, 0, w->r->office.id);
	db_bind_str(w->st, 1, buf);
	db_bind_i64(w->st, 2, w->id);
	db_bind_i64(w->st, 3, w->trashed);
	return db_exec(w->st) < 0 ? -1 : 0;
}

static int index_words(struct request *r, int64_t id, const struct client *c)
{
	struct db_stmt *del = db_prepare(r->db, words_delete_sql);
	if (!del)
		return -1;
	db_bind_i64(del, 0, id);
	if (db_exec(del) < 0)
		return -1;
	struct words_ctx w = { r, id, c->trashed, db_prepare(r->db, word_insert_sql) };
	if (!w.st)
		return -1;
	static const int cols[] = { CL_NAME, CL_TRADE_NAME, CL_EMAIL, CL_OTHER_EMAILS, CL_DOCUMENT };
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		const char *v = c->v[cols[i]] ? c->v[cols[i]] : "";
		if (fold_words(v, strlen(v), add_word, &w) < 0)
			return -1;
	}
	struct db_stmt *text = db_prepare(r->db, search_text_sql);
	if (!text)
		return -1;
	db_bind_i64(text, 0, id);
	db_bind_i64(text, 1, id);
	if (db_exec(text) < 0)
		return -1;
	/* After the record's own row has its name: the prefixes are keyed by it. */
	static const char *const prefix_sql[] = { prefixes_delete_sql, prefixes_insert_sql };
	for (size_t i = 0; i < 2; i++) {
		struct db_stmt *st = db_prepare(r->db, prefix_sql[i]);
		if (!st)
			return -1;
		db_bind_i64(st, 0, id);
		if (db_exec(st) < 0)
			return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- counts */

static const char counts_sql[] =
	"INSERT INTO client_counts (office_id, active, inactive, trashed) VALUES (?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE active = active + VALUES(active),"
	" inactive = inactive + VALUES(inactive), trashed = trashed + VALUES(trashed)";

static int count_delta(struct request *r, int active, int inactive, int trashed)
{
	struct db_stmt *st = db_prepare(r->db, counts_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, active);
	db_bind_i64(st, 2, inactive);
	db_bind_i64(st, 3, trashed);
	return db_exec(st);
}

static bool is_active(const struct client *c)
{
	return c->v[CL_ACTIVE] && strcmp(c->v[CL_ACTIVE], "1") == 0;
}

/* ---------------------------------------------------------------- changes */

/* One audit event for the save: the record's changes (n of them in ch) and then its
 * custom attributes' (written here). */
static int audit_save(struct request *r, const char *channel, const char *action,
		      int64_t id, struct audit_change *ch, size_t n,
		      const struct custom_set *before, const struct custom_set *extra)
{
	struct strbuf names[CUSTOM_MAX];
	int k = custom_write(r, id, before, extra, ch + n, names);
	if (k < 0)
		return -1;
	size_t changes = n + (size_t)k;
	int rc = 0;
	if (changes && audit_event(r, channel, action, "client", id, 0, NULL, ch, changes) < 0)
		rc = -1;
	for (int i = 0; i < k; i++)
		sb_free(&names[i]);
	return rc;
}

int64_t client_insert(struct request *r, struct client *c, const struct custom_set *extra,
		      const char *channel)
{
	if (client_init() < 0)
		return -1;
	struct db_stmt *st = db_prepare(r->db, insert_sql.buf);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	bind_values(st, 1, c);
	if (db_exec(st) < 0)
		return -1;
	c->id = (int64_t)db_insert_id(st);
	c->version = 1;
	struct audit_change ch[CLIENT_NCOLS + CUSTOM_MAX];
	size_t n = 0;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (c->v[i] && *c->v[i] && !(client_cols[i].kind == CC_BOOL && strcmp(c->v[i], "0") == 0))
			ch[n++] = (struct audit_change){ client_cols[i].column, NULL, c->v[i] };
	if (index_words(r, c->id, c) < 0 ||
	    count_delta(r, is_active(c) ? 1 : 0, is_active(c) ? 0 : 1, 0) < 0 ||
	    audit_save(r, channel, "create", c->id, ch, n, NULL, extra) < 0)
		return -1;
	return c->id;
}

/* ---------------------------------------------------------------- many at once */

/* A record's search words, folded, each once, in byte order: what client_words will hold
 * for it and, joined, its search_text (as CLIENT_SEARCH_TEXT computes it). */
struct word_list {
	char **w;
	size_t n, cap;
};

static int collect_word(void *ctx, const char *word, size_t len)
{
	struct word_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **w = realloc(l->w, cap * sizeof *w);
		if (!w)
			return -1;
		l->w = w;
		l->cap = cap;
	}
	if (!(l->w[l->n] = strndup(word, len)))
		return -1;
	l->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void word_list_free(struct word_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->w[i]);
	free(l->w);
	memset(l, 0, sizeof *l);
}

static int words_of(const struct client *c, struct word_list *l)
{
	static const int cols[] = { CL_NAME, CL_TRADE_NAME, CL_EMAIL, CL_OTHER_EMAILS, CL_DOCUMENT };
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		const char *v = c->v[cols[i]] ? c->v[cols[i]] : "";
		if (fold_words(v, strlen(v), collect_word, l) < 0)
			return -1;
	}
	if (l->n)
		qsort(l->w, l->n, sizeof *l->w, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (k && !strcmp(l->w[k - 1], l->w[i])) {
			free(l->w[i]);
			continue;
		}
		l->w[k++] = l->w[i];
	}
	l->n = k;
	return 0;
}

/* " w1 w2 ... " cut at 1500 characters (the words are ASCII): CLIENT_SEARCH_TEXT. */
static int search_text_of(const struct word_list *l, struct strbuf *out)
{
	sb_reset(out);
	if (!l->n)
		return sb_puts(out, "");
	for (size_t i = 0; i < l->n; i++)
		if (sb_putc(out, ' ') < 0 || sb_puts(out, l->w[i]) < 0)
			return -1;
	if (sb_putc(out, ' ') < 0)
		return -1;
	if (out->len > 1500) {
		out->len = 1500;
		out->buf[1500] = '\0';
	}
	return 0;
}

#define MANY_ROWS 500

static int insert_words(struct request *r, const int64_t *ids, const struct word_list *lists,
			size_t n)
{
	struct strbuf sql = STRBUF_INIT;
	int rc = 0;
	size_t i = 0, k = 0;   /* the next word: lists[i].w[k] */
	while (rc == 0) {
		while (i < n && k >= lists[i].n) {
			i++;
			k = 0;
		}
		if (i >= n)
			break;
		/* Up to MANY_ROWS words from here. */
		size_t rows = 0;
		for (size_t ti = i, tk = k; ti < n && rows < MANY_ROWS; ti++, tk = 0)
			rows += lists[ti].n - tk < MANY_ROWS - rows ? lists[ti].n - tk : MANY_ROWS - rows;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT IGNORE INTO client_words (office_id, word, client_id, trashed) VALUES ");
		struct db_stmt *st = db_put_rows(&sql, "(?, ?, ?, 0)", rows) == 0
				     ? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; k++) {
			if (k >= lists[i].n) {
				i++;
				k = (size_t)-1;   /* the loop's k++ makes it 0 */
				continue;
			}
			db_bind_i64(st, (unsigned)(3 * j), r->office.id);
			db_bind_str(st, (unsigned)(3 * j + 1), lists[i].w[k]);
			db_bind_i64(st, (unsigned)(3 * j + 2), ids[i]);
			j++;
		}
		rc = db_exec(st);
	}
	sb_free(&sql);
	return rc;
}

/* The triggers that keep counts for one record stand aside for a batch (schema/011):
 * its counts are kept here, once. */
static const char bulk_on_sql[] = "SET @portal_bulk_insert = 1";
static const char bulk_off_sql[] = "SET @portal_bulk_insert = NULL";
static const char version_once_sql[] =
	"UPDATE client_counts SET version = version + 1 WHERE office_id = ?";

static int run_plain(struct request *r, const char *sql)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	return st ? db_exec(st) : -1;
}

struct prefix_row {
	char prefix[CLIENT_PREFIX_LEN + 1];
	size_t client;   /* index in the batch */
};

static int cmp_prefix(const void *a, const void *b)
{
	return strcmp(((const struct prefix_row *)a)->prefix, ((const struct prefix_row *)b)->prefix);
}

/* Each record's distinct word beginnings (its words are sorted, so equal beginnings
 * are neighbours) into client_prefixes, and their counts added to client_prefix_counts:
 * what index_words and the count trigger do for one record. */
static int insert_prefixes(struct request *r, struct client *const *cs, const int64_t *ids,
			   const struct word_list *lists, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += lists[i].n;
	if (!total)
		return 0;
	struct prefix_row *rows = calloc(total, sizeof *rows);
	if (!rows)
		return -1;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < lists[i].n; k++) {
			if (strlen(lists[i].w[k]) < CLIENT_PREFIX_LEN)
				continue;   /* CLIENT_PREFIX_WORDS */
			struct prefix_row *p = &rows[m];
			snprintf(p->prefix, sizeof p->prefix, "%s", lists[i].w[k]);
			if (m && rows[m - 1].client == i && !strcmp(rows[m - 1].prefix, p->prefix))
				continue;
			p->client = i;
			m++;
		}
	struct strbuf sql = STRBUF_INIT;
	int rc = 0;
	for (size_t at = 0; rc == 0 && at < m;) {
		size_t count = m - at < MANY_ROWS ? m - at : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT IGNORE INTO client_prefixes (office_id, trashed, prefix, name, client_id) VALUES ");
		struct db_stmt *st = db_put_rows(&sql, "(?, 0, ?, ?, ?)", count) == 0
				     ? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < count; j++) {
			const struct prefix_row *p = &rows[at + j];
			db_bind_i64(st, (unsigned)(4 * j), r->office.id);
			db_bind_str(st, (unsigned)(4 * j + 1), p->prefix);
			db_bind_str(st, (unsigned)(4 * j + 2), cs[p->client]->v[CL_NAME]);
			db_bind_i64(st, (unsigned)(4 * j + 3), ids[p->client]);
		}
		rc = db_exec(st);
		at += count;
	}
	/* The counts: one row per distinct beginning of the batch. */
	qsort(rows, m, sizeof *rows, cmp_prefix);
	size_t distinct = 0;
	for (size_t i = 0; i < m; i++)
		distinct += i == 0 || strcmp(rows[i - 1].prefix, rows[i].prefix);
	for (size_t at = 0, done = 0; rc == 0 && done < distinct;) {
		size_t count = distinct - done < MANY_ROWS ? distinct - done : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT INTO client_prefix_counts (office_id, trashed, prefix, n) VALUES ");
		struct db_stmt *st = db_put_rows(&sql, "(?, 0, ?, ?)", count) == 0 &&
				     sb_puts(&sql, " ON DUPLICATE KEY UPDATE n = n + VALUES(n)") == 0
				     ? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < count; j++) {
			size_t end = at + 1;
			while (end < m && !strcmp(rows[end].prefix, rows[at].prefix))
				end++;
			db_bind_i64(st, (unsigned)(3 * j), r->office.id);
			db_bind_str(st, (unsigned)(3 * j + 1), rows[at].prefix);
			db_bind_i64(st, (unsigned)(3 * j + 2), (int64_t)(end - at));
			at = end;
		}
		rc = db_exec(st);
		done += count;
	}
	sb_free(&sql);
	free(rows);
	return rc;
}

/* The custom values of the new records, in multi-row INSERTs. */
static int insert_custom(struct request *r, const int64_t *ids,
			 const struct custom_set *const *extras, size_t n)
{
	/* Every value to write, as (record, attribute) pairs. */
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; extras[i] && k < extras[i]->n; k++)
			total += extras[i]->value[k] && *extras[i]->value[k];
	if (!total)
		return 0;
	size_t (*pairs)[2] = calloc(total, sizeof *pairs);
	if (!pairs)
		return -1;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; extras[i] && k < extras[i]->n; k++)
			if (extras[i]->value[k] && *extras[i]->value[k]) {
				pairs[m][0] = i;
				pairs[m++][1] = k;
			}
	struct strbuf sql = STRBUF_INIT;
	int rc = 0;
	for (size_t at = 0; rc == 0 && at < total;) {
		size_t rows = total - at < MANY_ROWS ? total - at : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT INTO client_custom_values (client_id, field_id, value) VALUES ");
		struct db_stmt *st = db_put_rows(&sql, "(?, ?, ?)", rows) == 0
				     ? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; j++) {
			size_t i = pairs[at + j][0], k = pairs[at + j][1];
			db_bind_i64(st, (unsigned)(3 * j), ids[i]);
			db_bind_i64(st, (unsigned)(3 * j + 1), extras[i]->f[k].id);
			db_bind_str(st, (unsigned)(3 * j + 2), extras[i]->value[k]);
		}
		rc = db_exec(st);
		at += rows;
	}
	free(pairs);
	sb_free(&sql);
	return rc;
}

int client_insert_many(struct request *r, struct client *const *cs,
		       const struct custom_set *const *extras, size_t n, const char *channel)
{
	if (n == 0)
		return 0;
	if (client_init() < 0)
		return -1;
	if (!db_autoinc_consecutive(r->db) || n > MANY_ROWS) {
		/* Ids not known from one INSERT (or too many rows for one): one at a time. */
		for (size_t i = 0; i < n; i++)
			if (client_insert(r, cs[i], extras ? extras[i] : NULL, channel) < 0)
				return -1;
		return 0;
	}
	int rc = -1;
	bool bulk = false;   /* the count triggers stand aside */
	struct word_list *lists = calloc(n, sizeof *lists);
	struct strbuf *texts = calloc(n, sizeof *texts);
	int64_t *ids = calloc(n, sizeof *ids);
	struct audit_change *changes = calloc(n * (CLIENT_NCOLS + CUSTOM_MAX), sizeof *changes);
	const struct audit_change **chp = calloc(n, sizeof *chp);
	size_t *nch = calloc(n, sizeof *nch);
	struct strbuf *names = calloc(n * CUSTOM_MAX, sizeof *names);
	struct strbuf sql = STRBUF_INIT;
	if (!lists || !texts || !ids || !changes || !chp || !nch || !names)
		goto out;
	int active = 0, inactive = 0;
	for (size_t i = 0; i < n; i++) {
		if (words_of(cs[i], &lists[i]) < 0 || search_text_of(&lists[i], &texts[i]) < 0)
			goto out;
		is_active(cs[i]) ? active++ : inactive++;
	}
	/* One row's placeholders: office, the record's columns, search_text. */
	struct strbuf row = STRBUF_INIT;
	bool whole = SB_CAT(&sql, "INSERT INTO clients (office_id, ") == 0 &&
		     sb_puts(&row, "(?") == 0;
	for (int i = 0; whole && i < CLIENT_NCOLS; i++)
		whole = SB_CAT(&sql, client_cols[i].column, ", ") == 0 && sb_puts(&row, ", ?") == 0;
	whole = whole && sb_puts(&row, ", ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))") == 0 &&
		SB_CAT(&sql, "search_text, created_at, updated_at) VALUES ") == 0 &&
		db_put_rows(&sql, row.buf, n) == 0;
	sb_free(&row);
	struct db_stmt *st = whole ? db_prepare_text(r->db, sql.buf) : NULL;
	if (!st || run_plain(r, bulk_on_sql) < 0)
		goto out;
	bulk = true;
	for (size_t i = 0; i < n; i++) {
		unsigned b = (unsigned)(i * (CLIENT_NCOLS + 2));
		db_bind_i64(st, b, r->office.id);
		bind_values(st, b + 1, cs[i]);
		db_bind_str(st, b + 1 + CLIENT_NCOLS, sb_str(&texts[i]));
	}
	if (db_exec(st) < 0)
		goto out;
	int64_t first = (int64_t)db_insert_id(st);
	for (size_t i = 0; i < n; i++) {
		ids[i] = first + (int64_t)i;
		cs[i]->id = ids[i];
		cs[i]->version = 1;
	}
	if (insert_words(r, ids, lists, n) < 0)
		goto out;
	st = db_prepare(r->db, version_once_sql);
	if (!st)
		goto out;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0 || insert_prefixes(r, cs, ids, lists, n) < 0 ||
	    count_delta(r, active, inactive, 0) < 0 ||
	    (extras && insert_custom(r, ids, extras, n) < 0))
		goto out;
	/* One "create" event each, listing every field given, as client_insert writes it. */
	for (size_t i = 0; i < n; i++) {
		struct audit_change *ch = changes + i * (CLIENT_NCOLS + CUSTOM_MAX);
		const struct client *c = cs[i];
		size_t m = 0;
		for (int k = 0; k < CLIENT_NCOLS; k++)
			if (c->v[k] && *c->v[k] && !(client_cols[k].kind == CC_BOOL && !strcmp(c->v[k], "0")))
				ch[m++] = (struct audit_change){ client_cols[k].column, NULL, c->v[k] };
		const struct custom_set *x = extras ? extras[i] : NULL;
		for (size_t k = 0; x && k < x->n; k++)
			if (x->value[k] && *x->value[k]) {
				struct strbuf *nm = &names[i * CUSTOM_MAX + k];
				if (sb_printf(nm, "extra.%.50s", x->f[k].name) < 0)
					goto out;
				ch[m++] = (struct audit_change){ sb_str(nm), NULL, x->value[k] };
			}
		chp[i] = ch;
		nch[i] = m;
	}
	rc = audit_event_many(r, channel, "create", "client", ids, n, chp, nch);
out:
	/* Always back to the triggers: a later single insert on this connection counts. */
	if (bulk && run_plain(r, bulk_off_sql) < 0)
		rc = -1;
	for (size_t i = 0; lists && i < n; i++)
		word_list_free(&lists[i]);
	for (size_t i = 0; texts && i < n; i++)
		sb_free(&texts[i]);
	for (size_t i = 0; names && i < n * CUSTOM_MAX; i++)
		sb_free(&names[i]);
	free(lists);
	free(texts);
	free(ids);
	free(changes);
	free(chp);
	free(nch);
	free(names);
	sb_free(&sql);
	return rc;
}

int client_update(struct request *r, const struct client *old, struct client *c,
		  unsigned version, const struct custom_set *before, const struct custom_set *extra,
		  const char *channel)
{
	return client_update_as(r, old, c, version, before, extra, channel, "update");
}

int client_update_as(struct request *r, const struct client *old, struct client *c,
		     unsigned version, const struct custom_set *before,
		     const struct custom_set *extra, const char *channel, const char *action)
{
	if (client_init() < 0)
		return -1;
	struct db_stmt *st = db_prepare(r->db, update_sql.buf);
	if (!st)
		return -1;
	bind_values(st, 0, c);
	db_bind_i64(st, CLIENT_NCOLS, old->id);
	db_bind_i64(st, CLIENT_NCOLS + 1, r->office.id);
	db_bind_i64(st, CLIENT_NCOLS + 2, version);
	if (db_exec(st) < 0)
		return -1;
	/* The statement always bumps the version, so no row means a newer version (another
	 * user saved first) or a record gone to the trash. */
	if (db_affected(st) == 0)
		return 0;
	c->id = old->id;
	c->version = version + 1;
	struct audit_change ch[CLIENT_NCOLS + CUSTOM_MAX];
	size_t n = 0;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (strcmp(old->v[i] ? old->v[i] : "", c->v[i] ? c->v[i] : "") != 0)
			ch[n++] = (struct audit_change){ client_cols[i].column, old->v[i], c->v[i] };
	bool was = is_active(old), now_active = is_active(c);
	if ((n && index_words(r, c->id, c) < 0) ||
	    (was != now_active && count_delta(r, now_active ? 1 : -1, now_active ? -1 : 1, 0) < 0) ||
	    audit_save(r, channel, action, c->id, ch, n, before, extra) < 0)
		return -1;
	return 1;
}

static const char responsible_sql[] =
	"UPDATE clients SET responsible_id = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND NOT trashed AND NOT (responsible_id <=> ?)";

int client_set_responsible(struct request *r, const struct client *c, int64_t staff_id)
{
	struct db_stmt *st = db_prepare(r->db, responsible_sql);
	if (!st)
		return -1;
	if (staff_id)
		db_bind_i64(st, 0, staff_id);
	else
		db_bind_null(st, 0);
	db_bind_i64(st, 1, c->id);
	db_bind_i64(st, 2, r->office.id);
	if (staff_id)
		db_bind_i64(st, 3, staff_id);
	else
		db_bind_null(st, 3);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	char now[24] = "";
	if (staff_id)
		snprintf(now, sizeof now, "%lld", (long long)staff_id);
	const char *was = c->v[CL_RESPONSIBLE];
	const struct audit_change ch = { client_cols[CL_RESPONSIBLE].column,
					 was && *was ? was : NULL, staff_id ? now : NULL };
	return audit_event(r, "staff", "update", "client", c->id, 0, NULL, &ch, 1) < 0 ? -1 : 1;
}

static const char trash_sql[] =
	"UPDATE clients SET trashed = ?, deleted_at = IF(?, UTC_TIMESTAMP(6), NULL),"
	" version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND trashed = ?";

/* Its search words and their beginnings follow it (schema/006_words_trashed.sql, 009). */
static const char *const words_trash_sql[] = {
	"UPDATE client_words SET trashed = ? WHERE client_id = ?",
	"UPDATE client_prefixes SET trashed = ? WHERE client_id = ?",
};

int client_set_trashed(struct request *r, const struct client *c, bool trashed)
{
	return client_set_trashed_as(r, c, trashed, "staff", trashed ? "trash" : "restore",
				     trashed ? "Movido para a lixeira." : "Restaurado da lixeira.");
}

int client_set_trashed_as(struct request *r, const struct client *c, bool trashed,
			  const char *channel, const char *action, const char *note)
{
	struct db_stmt *st = db_prepare(r->db, trash_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, trashed);
	db_bind_i64(st, 1, trashed);
	db_bind_i64(st, 2, c->id);
	db_bind_i64(st, 3, r->office.id);
	db_bind_i64(st, 4, !trashed);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	for (size_t i = 0; i < sizeof words_trash_sql / sizeof *words_trash_sql; i++) {
		struct db_stmt *words = db_prepare(r->db, words_trash_sql[i]);
		if (!words)
			return -1;
		db_bind_i64(words, 0, trashed);
		db_bind_i64(words, 1, c->id);
		if (db_exec(words) < 0)
			return -1;
	}
	int a = is_active(c) ? 1 : 0, d = trashed ? -1 : 1;
	const struct audit_change ch = { "trashed", trashed ? "0" : "1", trashed ? "1" : "0" };
	if (count_delta(r, a * d, (1 - a) * d, -d) < 0 ||
	    audit_event(r, channel, action, "client", c->id, 0, NULL, &ch, 1) < 0 ||
	    client_note(r, c->id, true, note) < 0)
		return -1;
	return 1;
}

static const char active_sql[] =
	"UPDATE clients SET active = ?, version = version + 1, updated_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND office_id = ? AND active = ? AND NOT trashed";

int client_set_active(struct request *r, const struct client *c, bool active)
{
	struct db_stmt *st = db_prepare(r->db, active_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, active);
	db_bind_i64(st, 1, c->id);
	db_bind_i64(st, 2, r->office.id);
	db_bind_i64(st, 3, !active);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	const struct audit_change ch = { "active", active ? "0" : "1", active ? "1" : "0" };
	if (count_delta(r, active ? 1 : -1, active ? -1 : 1, 0) < 0 ||
	    audit_event(r, "staff", active ? "activate" : "deactivate", "client", c->id, 0, NULL,
			&ch, 1) < 0 ||
	    client_note(r, c->id, true, active ? "Cadastro ativado." : "Cadastro desativado.") < 0)
		return -1;
	return 1;
}

static const char purge_sql[] =
	"DELETE FROM clients WHERE id = ? AND office_id = ? AND trashed";

int client_purge(struct request *r, const struct client *c)
{
	struct db_stmt *st = db_prepare(r->db, purge_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, c->id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0)
		return 0;
	/* The audit keeps what was purged: the record's last values. */
	struct audit_change ch[CLIENT_NCOLS];
	size_t n = 0;
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (c->v[i] && *c->v[i])
			ch[n++] = (struct audit_change){ client_cols[i].column, c->v[i], NULL };
	if (count_delta(r, 0, 0, -1) < 0 ||
	    audit_event(r, "staff", "purge", "client", c->id, 0, NULL, ch, n) < 0)
		return -1;
	return 1;
}

static const char note_sql[] =
	"INSERT INTO client_notes (office_id, client_id, at, user_id, author, automatic, body,"
	" form_key) VALUES (?, ?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?)";
static const char note_by_key_sql[] =
	"SELECT 1 FROM client_notes WHERE office_id = ? AND form_key = ?";

int client_note_by_key(struct request *r, const unsigned char *key)
{
	struct db_stmt *st = db_prepare(r->db, note_by_key_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_blob(st, 1, key, CLIENT_NOTE_KEY);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0)
		n = 1;
	return got < 0 ? -1 : n;
}

static int note_insert(struct request *r, int64_t client_id, bool automatic, const char *text,
		       const unsigned char *key);

int client_note(struct request *r, int64_t client_id, bool automatic, const char *text)
{
	return note_insert(r, client_id, automatic, text, NULL);
}

int client_note_keyed(struct request *r, int64_t client_id, const char *text,
		      const unsigned char *key)
{
	return note_insert(r, client_id, false, text, key);
}

static int note_insert(struct request *r, int64_t client_id, bool automatic, const char *text,
		       const unsigned char *key)
{
	struct db_stmt *st = db_prepare(r->db, note_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, client_id);
	if (r->session)
		db_bind_i64(st, 2, r->session->user_id);
	else
		db_bind_null(st, 2);
	db_bind_str(st, 3, request_actor(r));
	db_bind_i64(st, 4, automatic);
	db_bind_str(st, 5, text);
	if (key)
		db_bind_blob(st, 6, key, CLIENT_NOTE_KEY);
	else
		db_bind_null(st, 6);
	return db_exec(st);
}

static const char same_doc_sql[] =
	"SELECT id, name, trashed, active FROM clients"
	" WHERE office_id = ? AND document = ? AND id <> ? AND (? OR NOT trashed)"
	" ORDER BY trashed, name LIMIT 20";

int client_same_document(struct request *r, const char *document, int64_t except_id,
			 const char *prefix)
{
	return client_same_document_in(r, document, except_id, prefix, true);
}

int client_same_document_in(struct request *r, const char *document, int64_t except_id,
			    const char *prefix, bool with_trashed)
{
	if (!document || !*document)
		return 0;
	struct db_stmt *st = db_prepare(r->db, same_doc_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_str(st, 1, document);
	db_bind_i64(st, 2, except_id);
	db_bind_i64(st, 3, with_trashed);
	if (db_exec(st) < 0)
		return -1;
	int n = 0, got;
	struct strbuf key = STRBUF_INIT;
	while ((got = db_fetch(st)) > 0) {
		const char *status = db_col_i64(st, 2) ? "na lixeira"
				     : db_col_i64(st, 3) ? "ativo" : "inativo";
		sb_reset(&key);
		sb_printf(&key, "%s.%d.id", prefix, n);
		page_set(r, key.buf, db_col(st, 0));
		sb_reset(&key);
		sb_printf(&key, "%s.%d.name", prefix, n);
		page_set(r, key.buf, db_col(st, 1));
		sb_reset(&key);
		sb_printf(&key, "%s.%d.status", prefix, n);
		page_set(r, key.buf, status);
		n++;
	}
	sb_free(&key);
	return got < 0 ? -1 : n;
}
