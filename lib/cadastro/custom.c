#include "cadastro/custom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "br/doc.h"
#include "br/money.h"
#include "web/page.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "br/valid.h"

static const char *const kinds[][2] = {
	{ "texto", "Texto" }, { "texto_longo", "Texto longo" }, { "numero", "Número" },
	{ "data", "Data" }, { "dinheiro", "Valor em R$" }, { "cpf", "CPF" }, { "cnpj", "CNPJ" },
	{ "email", "E-mail" }, { "telefone", "Telefone" }, { "sim_nao", "Sim/Não" },
	{ "lista", "Lista de opções" },
};

const char *custom_kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(kind, kinds[i][0]))
			return kinds[i][1];
	return NULL;
}

void custom_free(struct custom_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->f[i].name);
		free(s->f[i].kind);
		free(s->f[i].help);
		free(s->f[i].options);
		free(s->value[i]);
	}
	memset(s, 0, sizeof *s);
}

/* The office's active attributes with one client's values (client 0: none): the
 * definitions and the values of a record in one statement. */
static const char defs_sql[] =
	"SELECT f.id, f.name, f.kind, f.help, f.required, f.options, f.client_editable, v.value"
	" FROM custom_fields f"
	" LEFT JOIN client_custom_values v ON v.client_id = ? AND v.field_id = f.id"
	" WHERE f.office_id = ? AND f.active ORDER BY f.position, f.id LIMIT 40";

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int load(struct request *r, int64_t client_id, struct custom_set *s)
{
	memset(s, 0, sizeof *s);
	struct db_stmt *st = db_prepare(r->db, defs_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, client_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = 0;
	while (s->n < CUSTOM_MAX && (got = db_fetch(st)) > 0) {
		struct custom_field *f = &s->f[s->n];
		f->id = db_col_i64(st, 0);
		f->name = dup(db_col(st, 1));
		f->kind = dup(db_col(st, 2));
		f->help = dup(db_col(st, 3));
		f->required = db_col_i64(st, 4) != 0;
		f->options = dup(db_col(st, 5));
		f->client_editable = db_col_i64(st, 6) != 0;
		s->value[s->n] = dup(db_col(st, 7));
		s->n++;
		if (!f->name || !f->kind || !f->help || !f->options || !s->value[s->n - 1])
			return -1;
	}
	return got < 0 ? -1 : 0;
}

int custom_load_defs(struct request *r, struct custom_set *s)
{
	return load(r, 0, s);
}

int custom_load_client(struct request *r, int64_t client_id, struct custom_set *s)
{
	return load(r, client_id, s);
}

static const char values_sql[] =
	"SELECT v.field_id, v.value FROM client_custom_values v"
	" JOIN custom_fields f ON f.id = v.field_id AND f.office_id = ?"
	" WHERE v.client_id = ?";

int custom_load_values(struct request *r, int64_t client_id, struct custom_set *s)
{
	struct db_stmt *st = db_prepare(r->db, values_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, client_id);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		for (size_t i = 0; i < s->n; i++)
			if (s->f[i].id == db_col_i64(st, 0)) {
				free(s->value[i]);
				if (!(s->value[i] = dup(db_col(st, 1))))
					return -1;
			}
	return got < 0 ? -1 : 0;
}

int custom_load_values_many(struct request *r, const int64_t *ids, size_t n,
			    struct custom_set *sets)
{
	if (n == 0 || sets[0].n == 0)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT v.client_id, v.field_id, v.value FROM client_custom_values v"
		" JOIN custom_fields f ON f.id = v.field_id AND f.office_id = ? WHERE v.client_id IN (");
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
	int got;
	while ((got = db_fetch(st)) > 0) {
		int64_t client = db_col_i64(st, 0), field = db_col_i64(st, 1);
		for (size_t i = 0; i < n; i++) {
			if (ids[i] != client)
				continue;
			for (size_t k = 0; k < sets[i].n; k++)
				if (sets[i].f[k].id == field) {
					free(sets[i].value[k]);
					if (!(sets[i].value[k] = dup(db_col(st, 2))))
						return -1;
				}
		}
	}
	return got < 0 ? -1 : 0;
}

bool custom_has_option(const char *options, const char *v)
{
	size_t vl = strlen(v);
	for (const char *p = options; *p;) {
		size_t n = strcspn(p, "\n");
		size_t m = n;
		while (m && (p[m - 1] == '\r' || p[m - 1] == ' '))
			m--;
		if (m == vl && !strncmp(p, v, vl))
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

void custom_options_to_page(struct request *r, const char *options, const char *node)
{
	struct strbuf key = STRBUF_INIT;
	int k = 0;
	for (const char *p = options; *p; k++) {
		size_t n = strcspn(p, "\n");
		char *opt = strndup(p, n);
		if (opt) {
			size_t m = strlen(opt);
			while (m && (opt[m - 1] == '\r' || opt[m - 1] == ' '))
				opt[--m] = '\0';
			sb_reset(&key);
			sb_printf(&key, "%s.%d", node, k);
			page_set(r, key.buf, opt);
			free(opt);
		}
		p += n;
		if (*p)
			p++;
	}
	sb_free(&key);
}

/* Checks v (owned, trimmed) and turns it into stored form. NULL or a message. */
static const char *check(const struct custom_field *f, char **v)
{
	size_t len = strlen(*v);
	char buf[64];
	int y, m, d;
	int64_t cents;
	if (!utf8_valid(*v, len))
		return "Contém caracteres inválidos.";
	if (!len)
		return f->required ? "Preencha este campo." : NULL;
	const char *k = f->kind, *out = NULL;
	if (!strcmp(k, "texto") || !strcmp(k, "texto_longo")) {
		if (utf8_length(*v, len) > (!strcmp(k, "texto") ? 200u : 2000u))
			return "Texto longo demais.";
		return utf8_refusal(*v, len, !strcmp(k, "texto_longo"));
	} else if (!strcmp(k, "numero")) {
		/* Stored as typed in Brazilian notation, checked as a number (1.234,56). */
		if (!money_parse(*v, len, &cents))
			return "Informe um número, como 1.234,56.";
		money_format(cents, false, buf, sizeof buf);
		out = buf;
	} else if (!strcmp(k, "dinheiro")) {
		if (!money_parse(*v, len, &cents))
			return "Informe um valor, como 1.234,56.";
		snprintf(buf, sizeof buf, "%lld", (long long)cents);
		out = buf;
	} else if (!strcmp(k, "data")) {
		if (!valid_date(*v, len, &y, &m, &d))
			return "Data inválida. Use dd/mm/aaaa.";
		date_format_iso(y, m, d, buf, sizeof buf);
		out = buf;
	} else if (!strcmp(k, "cpf") || !strcmp(k, "cnpj")) {
		char bare[DOC_BARE_MAX];
		enum doc_kind want = !strcmp(k, "cpf") ? DOC_CPF : DOC_CNPJ;
		if (doc_parse(*v, len, bare) != want)
			return want == DOC_CPF ? "CPF inválido." : "CNPJ inválido.";
		out = bare;
		snprintf(buf, sizeof buf, "%s", bare);
		out = buf;
	} else if (!strcmp(k, "email")) {
		for (char *p = *v; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		return valid_email(*v, len) ? NULL : "E-mail inválido.";
	} else if (!strcmp(k, "telefone")) {
		if (!valid_phone(*v, len, buf, sizeof buf))
			return "Telefone inválido. Informe DDD e número.";
		out = buf;
	} else if (!strcmp(k, "sim_nao")) {
		if (strcmp(*v, "1") && strcmp(*v, "0"))
			return "Escolha sim ou não.";
	} else if (!strcmp(k, "lista")) {
		return custom_has_option(f->options, *v) ? NULL : "Escolha uma opção da lista.";
	}
	if (out) {
		char *n = strdup(out);
		if (!n)
			return "Sem memória.";
		free(*v);
		*v = n;
	}
	return NULL;
}

static char *trim_copy(const char *s)
{
	if (!s)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return strndup(s, n);
}

/* Typed input into the values of the fields `only` allows (all when NULL). */
static int from_fields(struct custom_set *s, const struct fields *in,
		       bool (*only)(const struct custom_field *f))
{
	s->nerrors = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (only && !only(&s->f[i]))
			continue;
		char name[32];
		snprintf(name, sizeof name, "extra_%lld", (long long)s->f[i].id);
		free(s->value[i]);
		if (!(s->value[i] = trim_copy(fields_get(in, name))))
			return -1;
		s->error[i] = check(&s->f[i], &s->value[i]);
		if (s->error[i])
			s->nerrors++;
	}
	return 0;
}

static bool by_client(const struct custom_field *f)
{
	return f->client_editable;
}

int custom_from_fields(struct custom_set *s, const struct fields *in)
{
	return from_fields(s, in, NULL);
}

int custom_from_client_fields(struct custom_set *s, const struct fields *in)
{
	return from_fields(s, in, by_client);
}

int custom_index(const struct custom_set *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->f[i].id == id)
			return (int)i;
	return -1;
}

const char *custom_display(const struct custom_field *f, const char *v, char **out)
{
	char buf[64];
	int y, m, d;
	const char *shown = v ? v : "";
	if (*shown) {
		if (!strcmp(f->kind, "dinheiro")) {
			char *end;
			long long c = strtoll(shown, &end, 10);
			if (!*end) {
				money_format(c, true, buf, sizeof buf);
				shown = buf;
			}
		} else if (!strcmp(f->kind, "data") && valid_date(shown, strlen(shown), &y, &m, &d)) {
			date_format_br(y, m, d, buf, sizeof buf);
			shown = buf;
		} else if (!strcmp(f->kind, "cpf") || !strcmp(f->kind, "cnpj")) {
			doc_format(shown, buf, sizeof buf);
			shown = buf;
		} else if (!strcmp(f->kind, "telefone")) {
			phone_format(shown, buf, sizeof buf);
			shown = buf;
		} else if (!strcmp(f->kind, "sim_nao")) {
			shown = !strcmp(shown, "1") ? "Sim" : "Não";
		}
	}
	free(*out);
	*out = strdup(shown);
	return *out ? *out : "";
}

static const char upsert_sql[] =
	"INSERT INTO client_custom_values (client_id, field_id, value) VALUES (?, ?, ?)"
	" ON DUPLICATE KEY UPDATE value = VALUES(value)";
static const char delete_sql[] =
	"DELETE FROM client_custom_values WHERE client_id = ? AND field_id = ?";

int custom_write(struct request *r, int64_t client_id, const struct custom_set *old,
		 const struct custom_set *now, struct audit_change *changes, struct strbuf *names)
{
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; rc == 0 && now && i < now->n; i++) {
		const char *before = old && old->value[i] ? old->value[i] : "";
		const char *after = now->value[i];
		if (!strcmp(before, after))
			continue;
		struct db_stmt *st = db_prepare(r->db, *after ? upsert_sql : delete_sql);
		if (!st) {
			rc = -1;
			break;
		}
		db_bind_i64(st, 0, client_id);
		db_bind_i64(st, 1, now->f[i].id);
		if (*after)
			db_bind_str(st, 2, after);
		names[n] = (struct strbuf)STRBUF_INIT;
		if (db_exec(st) < 0 || sb_printf(&names[n], "extra.%.50s", now->f[i].name) < 0)
			rc = -1;
		changes[n] = (struct audit_change){ sb_str(&names[n]), *before ? before : NULL,
						    *after ? after : NULL };
		n++;
	}
	if (rc == 0)
		return (int)n;
	for (size_t i = 0; i < n; i++)
		sb_free(&names[i]);
	return -1;
}

static void to_page(struct request *r, const struct custom_set *s, bool for_form,
		    bool (*only)(const struct custom_field *f))
{
	struct strbuf key = STRBUF_INIT;
	char *shown = NULL;
	size_t k = 0;   /* the fields shown, numbered without gaps */
	for (size_t i = 0; i < s->n; i++) {
		const struct custom_field *f = &s->f[i];
		if (only && !only(f))
			continue;
#define SET(field, value) do { sb_reset(&key); \
		sb_printf(&key, "CustomFields.%zu.%s", k, field); page_set(r, key.buf, value); } while (0)
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)f->id);
		SET("id", id);
		SET("name", f->name);
		SET("kind", f->kind);
		SET("help", f->help);
		SET("required", f->required ? "1" : "0");
		SET("client_editable", f->client_editable ? "1" : "0");
		/* A form shows what was typed when it is wrong, else the display form. */
		SET("value", for_form && s->error[i] ? s->value[i] : custom_display(f, s->value[i], &shown));
		SET("stored", s->value[i]);
		if (s->error[i])
			SET("error", s->error[i]);
		sb_reset(&key);
		sb_printf(&key, "CustomFields.%zu.options", k);
		custom_options_to_page(r, f->options, sb_str(&key));
#undef SET
		k++;
	}
	free(shown);
	sb_free(&key);
}

void custom_to_page(struct request *r, const struct custom_set *s, bool for_form)
{
	to_page(r, s, for_form, NULL);
}

void custom_client_to_page(struct request *r, const struct custom_set *s)
{
	to_page(r, s, true, by_client);
}

/* The attributes' definitions shared (not owned) by a working set of values. */
void custom_share_defs(struct custom_set *dst, const struct custom_set *defs)
{
	memset(dst, 0, sizeof *dst);
	memcpy(dst->f, defs->f, sizeof dst->f);
	dst->n = defs->n;
}

void custom_values_free(struct custom_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->value[i]);
	memset(s, 0, sizeof *s);
}

int custom_copy_values(struct custom_set *dst, const struct custom_set *src)
{
	custom_share_defs(dst, src);
	for (size_t i = 0; i < src->n; i++)
		if (!(dst->value[i] = strdup(src->value[i] ? src->value[i] : "")))
			return -1;
	return 0;
}

int custom_fill_empty(struct custom_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (!s->value[i] && !(s->value[i] = strdup("")))
			return -1;
	return 0;
}
