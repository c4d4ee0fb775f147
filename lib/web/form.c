#include "web/form.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "web/response.h"
#include "base/utf8.h"
#include "br/valid.h"

static size_t default_max(enum form_kind kind)
{
	switch (kind) {
	case FORM_LONGTEXT: return 10000;
	case FORM_EMAIL: return 254;
	case FORM_PASSWORD: return 128;
	case FORM_TOKEN: return 64;
	case FORM_INT: return 20;
	case FORM_PATH: return 2000;
	case FORM_CHOICE: return 100;
	case FORM_TEXT: break;
	}
	return 200;
}

/* Trims ASCII spaces around s in place; returns the new length. */
static size_t trim(char *s, size_t len)
{
	size_t a = 0;
	while (a < len && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	memmove(s, s + a, len - a);
	s[len - a] = '\0';
	return len - a;
}

static bool has_control(const char *s, size_t len, bool lines_ok)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (lines_ok && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}

/* Checks and normalises one value (owned, modified in place). NULL or a message. */
static const char *check(const struct form_rule *rule, char *v, size_t *len, int64_t *num)
{
	if (!utf8_valid(v, *len))
		return "Contém caracteres inválidos.";
	if (rule->kind != FORM_PASSWORD && rule->kind != FORM_LONGTEXT)
		*len = trim(v, *len);
	size_t max = rule->max_chars ? rule->max_chars : default_max(rule->kind);
	if (utf8_length(v, *len) > max)
		return "Texto longo demais.";
	switch (rule->kind) {
	case FORM_TEXT:
		return utf8_refusal(v, *len, false);
	case FORM_LONGTEXT:
		return utf8_refusal(v, *len, true);
	case FORM_EMAIL:
		for (size_t i = 0; i < *len; i++)
			v[i] = (char)tolower((unsigned char)v[i]);
		return *len && !valid_email(v, *len) ? "Informe um e-mail válido, como nome@empresa.com.br." : NULL;
	case FORM_PASSWORD:
		return has_control(v, *len, false) ? "A senha contém caracteres inválidos." : NULL;
	case FORM_TOKEN:
		if (*len != 64)
			return "Código inválido.";
		for (size_t i = 0; i < 64; i++)
			if (!isxdigit((unsigned char)v[i]) || isupper((unsigned char)v[i]))
				return "Código inválido.";
		return NULL;
	case FORM_INT: {
		if (*len == 0)
			return NULL;
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (*end || errno || n < rule->min || n > rule->max)
			return "Informe um número válido.";
		*num = n;
		return NULL;
	}
	case FORM_PATH:
		return *len && !response_local_path(v) ? "Endereço inválido." : NULL;
	case FORM_CHOICE:
		for (size_t i = 0; rule->choices && rule->choices[i]; i++)
			if (strcmp(v, rule->choices[i]) == 0)
				return NULL;
		return "Escolha uma opção da lista.";
	}
	return NULL;
}

int form_validate(struct form *f, const struct form_rule *rules, const struct fields *src)
{
	memset(f, 0, sizeof *f);
	f->rules = rules;
	for (size_t i = 0; rules && rules[i].name && i < FORM_MAX_FIELDS; i++) {
		const struct form_rule *rule = &rules[i];
		f->n = i + 1;
		const char *raw = fields_get(src, rule->name);
		if (!raw || !*raw) {
			if (rule->required) {
				f->error[i] = "Preencha este campo.";
				f->nerrors++;
			}
			continue;
		}
		size_t len = strlen(raw);
		char *v = malloc(len + 1);
		if (!v)
			return -1;
		memcpy(v, raw, len + 1);
		const char *err = check(rule, v, &len, &f->number[i]);
		if (!err && rule->required && strspn(v, " \t\r\n") == len)
			err = "Preencha este campo.";  /* only blanks is as empty as nothing */
		if (err) {
			free(v);
			f->error[i] = err;
			f->nerrors++;
			continue;
		}
		f->value[i] = v;
	}
	return 0;
}

void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->value[i]);
	memset(f, 0, sizeof *f);
}

static int find(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->rules[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *form_get(const struct form *f, const char *name)
{
	int i = find(f, name);
	return i >= 0 && f->value[i] ? f->value[i] : "";
}

int64_t form_int(const struct form *f, const char *name)
{
	int i = find(f, name);
	return i >= 0 ? f->number[i] : 0;
}

const char *form_error(const struct form *f, const char *name)
{
	int i = find(f, name);
	return i >= 0 ? f->error[i] : NULL;
}

int form_errors_text(const struct form *f, struct strbuf *out)
{
	for (size_t i = 0; i < f->n; i++) {
		const char *e = f->error[i];
		if (!e)
			continue;
		const struct form_rule *rule = &f->rules[i];
		int rc = sb_printf(out, "%s%s: ", out->len ? " " : "", rule->label);
		if (rc == 0 && !strcmp(e, "Texto longo demais."))
			rc = sb_printf(out, "use até %zu caracteres.",
				       rule->max_chars ? rule->max_chars : default_max(rule->kind));
		else if (rc == 0)   /* the message with its first letter (ASCII) in lower case */
			rc = sb_printf(out, "%c%s", tolower((unsigned char)e[0]), e + 1);
		if (rc < 0)
			return -1;
	}
	return 0;
}
