/* fields: an ordered list of name/value pairs (query, form, cookies), owning its copies. */
#ifndef PORTAL_FIELDS_H
#define PORTAL_FIELDS_H

#include <stddef.h>
#include <stdint.h>

struct field {
	char *name;       /* NUL-terminated copy */
	char *value;      /* NUL-terminated copy (may contain no NUL: parsers reject NUL bytes) */
	size_t value_len;
};

struct fields {
	struct field *v;
	size_t n, cap;
};

#define FIELDS_INIT { NULL, 0, 0 }

void fields_init(struct fields *f);
void fields_free(struct fields *f);
/* Copies name and value. Returns 0, or -1 on out of memory. */
int fields_add(struct fields *f, const char *name, size_t name_len,
	       const char *value, size_t value_len);
/* First value with that name, or NULL. */
const char *fields_get(const struct fields *f, const char *name);
size_t fields_count(const struct fields *f, const char *name);
/* The next positive number in a field called name from *k on (the checked rows of a
 * list: "ids"), or 0 at the end: for (size_t k = 0; (id = fields_next_id(f, "ids", &k));) */
int64_t fields_next_id(const struct fields *f, const char *name, size_t *k);
/* Frees the entries from index n on (n >= count does nothing): undoes appends. */
void fields_truncate(struct fields *f, size_t n);

/* Outcome of every parser of outside input. */
enum parse_status {
	PARSE_OK = 0,
	PARSE_BAD = -1,       /* malformed: answer 400 */
	PARSE_TOO_MANY = -2,  /* more fields/files than allowed: 413 */
	PARSE_TOO_BIG = -3,   /* a name, value, header or file over its limit: 413 */
	PARSE_NOMEM = -4,     /* 500 */
	PARSE_IO = -5,        /* reading the body failed: 400 */
};

struct parse_limits {
	size_t max_fields;  /* fields in one list */
	size_t max_name;    /* bytes of one name */
	size_t max_value;   /* bytes of one (decoded) value */
};

#endif
