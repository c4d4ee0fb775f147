/* form: inputs validated into typed values by declared per-field rules, before a
 * handler sees them (after kcgi's idea). Errors are collected per field, in Portuguese. */
#ifndef PORTAL_FORM_H
#define PORTAL_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/fields.h"
#include "base/strbuf.h"

enum form_kind {
	FORM_TEXT,       /* one line: no control characters; trimmed */
	FORM_LONGTEXT,   /* several lines */
	FORM_EMAIL,      /* trimmed, lowercased, valid_email */
	FORM_PASSWORD,   /* as typed, not trimmed */
	FORM_TOKEN,      /* 64 lowercase hex characters */
	FORM_INT,        /* a decimal integer in [min, max] */
	FORM_PATH,       /* a local path to return to (response_local_path) */
	FORM_CHOICE,     /* one of the rule's choices, exactly */
};

struct form_rule {
	const char *name;     /* NULL ends a list */
	enum form_kind kind;
	bool required;
	size_t max_chars;     /* characters (code points); 0: the kind's default */
	const char *label;    /* for messages: "E-mail" */
	int64_t min, max;     /* FORM_INT */
	const char *const *choices;   /* FORM_CHOICE: the values it takes, NULL-terminated */
};

#define FORM_MAX_FIELDS 64

struct form {
	size_t n;
	const struct form_rule *rules;
	char *value[FORM_MAX_FIELDS];        /* normalised, owned; NULL when absent or invalid */
	int64_t number[FORM_MAX_FIELDS];
	const char *error[FORM_MAX_FIELDS];  /* static message, NULL when fine */
	size_t nerrors;
};

/* Validates src against rules. Returns 0 (even with field errors: see f->nerrors), -1 when
 * memory runs out. */
int form_validate(struct form *f, const struct form_rule *rules, const struct fields *src);
void form_free(struct form *f);
/* The value of a declared field by name ("" when absent); error likewise (NULL). */
const char *form_get(const struct form *f, const char *name);
int64_t form_int(const struct form *f, const char *name);
const char *form_error(const struct form *f, const char *name);
/* Every field error as one text for a message: "Busca: use até 100 caracteres."; 0 or -1. */
int form_errors_text(const struct form *f, struct strbuf *out);

#endif
