/* Unit tests for the audit's labels (lib/cadastro/audit.c): every action, kind of record
 * and changed field the code writes has its Portuguese label. The sources (lib/, cgi-bin/,
 * bin/) are read for their audit writes — audit_event(), audit_event_many(), and the few
 * helpers that pass an action on — so a new action written without a label fails here.
 * Run from the repository's root (make test-unit does). */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "base/strbuf.h"
#include "cadastro/audit.h"

/* Where an action reaches audit_event through a variable: the calls that carry it. A
 * write through a variable in a file not listed here fails the test (teach it the new
 * helper). action_arg/field_arg: the argument (from 0) holding the action and a change's
 * field; the opener may be a call or an initializer. */
static const struct {
	const char *file, *opener;
	int action_arg, field_arg;
} helpers[] = {
	{ "lib/honorarios/fee.c", "record(", 2, -1 },
	{ "lib/cadastro/client.c", "audit_save(", 2, -1 },
	{ "cgi-bin/acesso/escritorio_feriados.c", "change(", 6, -1 },
	{ "cgi-bin/acesso/equipe.c", "struct change c = {", 1, 2 },
	{ "bin/office.c", "audit(", 2, -1 },   /* its own INSERT INTO audit_events */
	{ "lib/importacao/importundo.c", "client_set_trashed_as(", 4, -1 },
	{ "lib/importacao/importundo.c", "client_update_as(", 7, -1 },
};

static int failures;
static int writes_seen;

static void missing(const char *what, const char *code, const char *file)
{
	print_error("%s: %s \"%s\" has no label in lib/cadastro/audit.c\n", file, what, code);
	failures++;
}

/* The file without its comments (string literals kept); malloc'd. */
static char *read_source(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf raw = STRBUF_INIT;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_append(&raw, buf, n);
	fclose(f);
	const char *s = sb_str(&raw);
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; s[i];) {
		if (s[i] == '/' && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");
			i = e ? (size_t)(e - s) + 2 : strlen(s);
			sb_putc(&out, ' ');
		} else if (s[i] == '/' && s[i + 1] == '/') {
			while (s[i] && s[i] != '\n')
				i++;
		} else if (s[i] == '"' || s[i] == '\'') {
			char q = s[i];
			sb_putc(&out, s[i++]);
			while (s[i] && s[i] != q) {
				if (s[i] == '\\' && s[i + 1])
					sb_putc(&out, s[i++]);
				sb_putc(&out, s[i++]);
			}
			if (s[i])
				sb_putc(&out, s[i++]);
		} else {
			sb_putc(&out, s[i++]);
		}
	}
	sb_free(&raw);
	char *text = strdup(sb_str(&out));
	sb_free(&out);
	return text;
}

/* Splits the arguments of the call or initializer whose opening bracket is at *p into
 * args[] (start and length of each, at its top level). Returns their number. */
#define MAX_ARGS 16
static int split_args(const char *p, const char **start, size_t *len)
{
	int depth = 0, n = 0;
	const char *a = p + 1;
	for (const char *c = p; *c; c++) {
		if (*c == '"' || *c == '\'') {
			char q = *c++;
			while (*c && *c != q)
				c += *c == '\\' && c[1] ? 2 : 1;
			if (!*c)
				break;
			continue;
		}
		if (*c == '(' || *c == '{' || *c == '[') {
			depth++;
		} else if (*c == ')' || *c == '}' || *c == ']') {
			if (--depth == 0) {
				if (n < MAX_ARGS) {
					start[n] = a;
					len[n++] = (size_t)(c - a);
				}
				return n;
			}
		} else if (*c == ',' && depth == 1 && n < MAX_ARGS) {
			start[n] = a;
			len[n++] = (size_t)(c - a);
			a = c + 1;
		}
	}
	return n;
}

/* Each string literal in [s, s + len): fn(literal) */
static int literals(const char *s, size_t len, void (*fn)(const char *, const char *),
		    const char *file)
{
	int found = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '"')
			continue;
		size_t j = i + 1;
		while (j < len && s[j] != '"')
			j += s[j] == '\\' ? 2 : 1;
		char *lit = strndup(s + i + 1, j - i - 1);
		assert_non_null(lit);
		fn(lit, file);
		free(lit);
		found++;
		i = j;
	}
	return found;
}

static void check_action(const char *code, const char *file)
{
	writes_seen++;
	if (!audit_action_label(code) || !audit_action_phrase(code))
		missing("the action", code, file);
}

static void check_entity(const char *code, const char *file)
{
	if (!audit_entity_label(code))
		missing("the kind of record", code, file);
}

static void check_field(const char *code, const char *file)
{
	if (!audit_field_label(NULL, code))
		missing("the field", code, file);
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Every place `opener` starts a call (not a longer name) in text: its arguments. */
static void each_opening(const char *text, const char *opener, const char *file, int action_arg,
			 int entity_arg, int field_arg, bool *through_variable)
{
	size_t olen = strlen(opener);
	for (const char *p = strstr(text, opener); p; p = strstr(p + 1, opener)) {
		if (p > text && ident_char(p[-1]))
			continue;
		const char *open = p + olen - 1;
		const char *start[MAX_ARGS];
		size_t len[MAX_ARGS];
		int n = split_args(open, start, len);
		if (n <= action_arg)
			continue;
		/* A definition (types, no literal) is not a write. */
		int found = literals(start[action_arg], len[action_arg], check_action, file);
		if (!found && through_variable) {
			const char *a = start[action_arg];
			while (isspace((unsigned char)*a))
				a++;
			if (ident_char(*a) && strncmp(a, "const ", 6) && strncmp(a, "struct ", 7))
				*through_variable = true;
		}
		if (entity_arg >= 0 && n > entity_arg)
			literals(start[entity_arg], len[entity_arg], check_entity, file);
		if (field_arg >= 0 && n > field_arg) {
			const char *b = start[field_arg];
			while (isspace((unsigned char)*b) || *b == '{')
				b++;
			const char *q = *b == '"' ? strchr(b + 1, '"') : NULL;
			if (q)   /* the first literal: the field */
				literals(b, (size_t)(q - b) + 1, check_field, file);
		}
	}
}

/* The fields of struct audit_change initializers: `{ "field", ...` and, for
 * `(struct audit_change){ names[i], ...`, every literal of the array names. */
static void check_fields(const char *text, const char *file)
{
	static const char tag[] = "struct audit_change";
	for (const char *p = strstr(text, tag); p; p = strstr(p + 1, tag)) {
		const char *end = strchr(p, ';');
		if (!end)
			break;
		for (const char *b = p; b < end; b++) {
			if (*b != '{')
				continue;
			const char *c = b + 1;
			while (c < end && (isspace((unsigned char)*c) || *c == '{'))
				c++;
			if (*c == '"') {
				const char *q = strchr(c + 1, '"');
				if (q && q < end)
					literals(c, (size_t)(q - c) + 1, check_field, file);
			} else if (ident_char(*c) && !isdigit((unsigned char)*c)) {
				const char *e = c;
				while (ident_char(*e))
					e++;
				if (*e != '[')
					continue;
				/* names[i], (not names[i].member) */
				const char *close = strchr(e, ']');
				if (!close || close[1] != ',')
					continue;
				/* names[i]: the array's definition `names[...] = { ... }` */
				char *name = strndup(c, (size_t)(e - c));
				assert_non_null(name);
				for (const char *d = strstr(text, name); d; d = strstr(d + 1, name)) {
					if ((d > text && ident_char(d[-1])) || d[strlen(name)] != '[')
						continue;
					const char *eq = strchr(d, '=');
					const char *semi = strchr(d, ';');
					const char *br = strchr(d, '{');
					if (!eq || !br || !semi || eq > semi || br > semi)
						continue;
					literals(br, (size_t)(semi - br), check_field, file);
					break;
				}
				free(name);
			}
		}
	}
}

static void check_file(const char *root, const char *rel)
{
	if (!strcmp(rel, "lib/cadastro/audit.c"))
		return;
	struct strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s%s", root, rel);
	char *text = read_source(sb_str(&path));
	sb_free(&path);
	assert_non_null(text);
	bool variable = false;
	each_opening(text, "audit_event(", rel, 2, 3, -1, &variable);
	each_opening(text, "audit_event_many(", rel, 2, 3, -1, &variable);
	bool own_insert = strstr(text, "INSERT INTO audit_events") != NULL;
	bool helped = false;
	for (size_t i = 0; i < sizeof helpers / sizeof *helpers; i++) {
		if (strcmp(rel, helpers[i].file) != 0)
			continue;
		helped = true;
		int before = writes_seen;
		each_opening(text, helpers[i].opener, rel, helpers[i].action_arg, -1,
			     helpers[i].field_arg, NULL);
		if (writes_seen == before) {
			print_error("%s: no action found through %s (has the helper changed?)\n",
				    rel, helpers[i].opener);
			failures++;
		}
	}
	if ((variable || own_insert) && !helped) {
		print_error("%s: an audit action through a variable or its own INSERT: add its "
			    "helper to tests/unit/test_audit.c so its actions are checked\n", rel);
		failures++;
	}
	check_fields(text, rel);
	free(text);
}

static void walk(const char *root, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s%s", root, dir);
	DIR *d = opendir(sb_str(&path));
	sb_free(&path);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct strbuf rel = STRBUF_INIT;
		sb_printf(&rel, "%s/%s", dir, e->d_name);
		struct strbuf full = STRBUF_INIT;
		sb_printf(&full, "%s%s", root, sb_str(&rel));
		struct stat st;
		if (stat(sb_str(&full), &st) == 0) {
			size_t n = strlen(e->d_name);
			if (S_ISDIR(st.st_mode))
				walk(root, sb_str(&rel));
			else if (n > 2 && !strcmp(e->d_name + n - 2, ".c"))
				check_file(root, sb_str(&rel));
		}
		sb_free(&full);
		sb_free(&rel);
	}
	closedir(d);
}

static void test_table(void **state)
{
	(void)state;
	assert_true(audit_nactions > 40);
	for (size_t i = 0; i < audit_nactions; i++) {
		const struct audit_action *a = &audit_actions[i];
		assert_non_null(a->code);
		assert_true(a->label && *a->label);
		assert_true(a->phrase && *a->phrase);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(a->code, audit_actions[j].code))
				fail_msg("the action %s is in the table twice", a->code);
	}
	assert_string_equal(audit_action_label("pay"), "Pagamento registrado");
	assert_null(audit_action_label("no_such_action"));
	assert_string_equal(audit_entity_label("fee"), "Honorário");
	assert_string_equal(audit_field_label("fee", "paid_on"), "Pago em");
	assert_string_equal(audit_field_label(NULL, "email"), "E-mail");
	assert_string_equal(audit_field_label(NULL, "extra.Setor"), "Setor");
	assert_null(audit_field_label(NULL, "no_such_field"));
}

static void test_links(void **state)
{
	(void)state;
	struct strbuf to = STRBUF_INIT;
	assert_true(audit_entity_link("fee", 12, 0, &to));
	assert_string_equal(sb_str(&to), "/honorarios/12");
	assert_true(audit_entity_link("client", 7, 0, &to));
	assert_string_equal(sb_str(&to), "/clientes/7");
	assert_true(audit_entity_link("portal_user", 3, 9, &to));
	assert_string_equal(sb_str(&to), "/clientes/9");
	assert_false(audit_entity_link("portal_user", 3, 0, &to));
	assert_true(audit_entity_link("staff_user", 4, 0, &to));
	assert_string_equal(sb_str(&to), "/equipe/4");
	assert_true(audit_entity_link("office", 1, 0, &to));
	assert_string_equal(sb_str(&to), "/escritorio");
	assert_false(audit_entity_link("nothing", 1, 0, &to));
	sb_free(&to);
}

/* The root of the repository: this file's path without tests/unit/test_audit.c. */
static char *source_root(void)
{
	const char *me = __FILE__, *tail = strstr(me, "tests/unit/test_audit.c");
	return strndup(me, tail ? (size_t)(tail - me) : 0);
}

static void test_every_write_has_labels(void **state)
{
	(void)state;
	char *root = source_root();
	assert_non_null(root);
	failures = 0;
	writes_seen = 0;
	walk(root, "lib");
	walk(root, "cgi-bin");
	walk(root, "bin");
	free(root);
	/* The walk found the writes (a parser that finds nothing would pass anything). */
	assert_true(writes_seen > 40);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_every_write_has_labels),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
