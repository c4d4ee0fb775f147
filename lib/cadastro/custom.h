/* custom: the attributes an office adds to its clients (name, type, help tip, required,
 * options): their definitions, typed input into stored values, display, and saving
 * with audit changes. A required attribute added later applies to existing records on
 * their next edit (validation happens on save). */
#ifndef PORTAL_CUSTOM_H
#define PORTAL_CUSTOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cadastro/audit.h"
#include "base/fields.h"
#include "web/request.h"
#include "base/strbuf.h"

#define CUSTOM_MAX 40

struct custom_field {
	int64_t id;
	char *name;
	char *kind;      /* texto, texto_longo, numero, data, dinheiro, cpf, cnpj, email, telefone, sim_nao, lista */
	char *help;
	bool required;
	bool client_editable;   /* the client may change it through an update link */
	char *options;   /* lista: one per line */
};

struct custom_set {
	struct custom_field f[CUSTOM_MAX];
	size_t n;
	char *value[CUSTOM_MAX];          /* stored form, owned ("" when empty) */
	const char *error[CUSTOM_MAX];    /* static messages */
	size_t nerrors;
};

/* The office's active attributes, in order. 0 or -1. */
int custom_load_defs(struct request *r, struct custom_set *s);
/* The office's active attributes with the stored values of one client (one statement).
 * 0 or -1. */
int custom_load_client(struct request *r, int64_t client_id, struct custom_set *s);
/* The stored values of one client into s (holding the definitions). 0 or -1. */
int custom_load_values(struct request *r, int64_t client_id, struct custom_set *s);
/* The stored values of the clients ids[i] into sets[i] (each holding the office's
 * definitions already): one statement for an import's batch. 0 or -1. */
int custom_load_values_many(struct request *r, const int64_t *ids, size_t n,
			    struct custom_set *sets);
/* Typed input (fields "extra_<id>") into stored form, with errors. 0 or -1 (memory). */
int custom_from_fields(struct custom_set *s, const struct fields *in);
/* The same for the fields the client may change only (the others keep their values). */
int custom_from_client_fields(struct custom_set *s, const struct fields *in);
/* The index of the attribute id in s, or -1. */
int custom_index(const struct custom_set *s, int64_t id);
/* The value as people read it (masked, dd/mm/aaaa, R$, Sim/Não). */
const char *custom_display(const struct custom_field *f, const char *stored, char **out);
/* Writes the values of client_id in `now` that differ from `old` (NULL: none before) and
 * describes each change into changes[k] (field "extra.<name>", its text in names[k], to
 * sb_free after use; room for CUSTOM_MAX each), for the caller's one audit event of the
 * save. Returns the number of changes or -1. */
int custom_write(struct request *r, int64_t client_id, const struct custom_set *old,
		 const struct custom_set *now, struct audit_change *changes, struct strbuf *names);
/* Sets CustomFields.N.* for a form or a profile (value: the display form). */
void custom_to_page(struct request *r, const struct custom_set *s, bool for_form);
/* The same, for a form, of the fields the client may change only. */
void custom_client_to_page(struct request *r, const struct custom_set *s);
void custom_free(struct custom_set *s);
/* A "lista" attribute's options (one per line): whether value is one of them, and them
 * into node.0, node.1, ... of the page. */
bool custom_has_option(const char *options, const char *value);
void custom_options_to_page(struct request *r, const char *options, const char *node);
/* "texto" -> "Texto" ... for the admin page; NULL for an unknown kind. */
const char *custom_kind_label(const char *kind);

/* For sets of values that share one set of definitions (an import's rows): dst gets
 * defs's definitions, not owned, and no values; custom_values_free frees the values
 * only (not custom_free); custom_fill_empty gives every value "" that has none. */
void custom_share_defs(struct custom_set *dst, const struct custom_set *defs);
void custom_values_free(struct custom_set *s);
int custom_fill_empty(struct custom_set *s);
/* dst: src's definitions (shared) and a copy of its values (custom_values_free). 0, -1. */
int custom_copy_values(struct custom_set *dst, const struct custom_set *src);

#endif
