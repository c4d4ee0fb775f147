#include "base/fields.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void fields_init(struct fields *f)
{
	f->v = NULL;
	f->n = f->cap = 0;
}

void fields_truncate(struct fields *f, size_t n)
{
	while (f->n > n) {
		f->n--;
		free(f->v[f->n].name);
		free(f->v[f->n].value);
	}
}

void fields_free(struct fields *f)
{
	if (!f)
		return;
	fields_truncate(f, 0);
	free(f->v);
	fields_init(f);
}

/* A NUL-terminated copy of len bytes; data may be NULL when len is 0. */
static char *copy(const char *data, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = malloc(len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, data, len);
	p[len] = '\0';
	return p;
}

int fields_add(struct fields *f, const char *name, size_t name_len,
	       const char *value, size_t value_len)
{
	char *n, *v;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap : 8;
		struct field *nv;

		if (f->cap) {
			if (cap > SIZE_MAX / 2 / sizeof(*nv))
				return -1;
			cap *= 2;
		}
		nv = realloc(f->v, cap * sizeof(*nv));
		if (!nv)
			return -1;
		f->v = nv;
		f->cap = cap;
	}
	n = copy(name, name_len);
	v = copy(value, value_len);
	if (!n || !v) {
		free(n);
		free(v);
		return -1;
	}
	f->v[f->n].name = n;
	f->v[f->n].value = v;
	f->v[f->n].value_len = value_len;
	f->n++;
	return 0;
}

const char *fields_get(const struct fields *f, const char *name)
{
	if (!f || !name)
		return NULL;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return f->v[i].value;
	return NULL;
}

size_t fields_count(const struct fields *f, const char *name)
{
	size_t c = 0;

	if (!f || !name)
		return 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			c++;
	return c;
}

int64_t fields_next_id(const struct fields *f, const char *name, size_t *k)
{
	for (; *k < f->n; (*k)++) {
		if (strcmp(f->v[*k].name, name) != 0)
			continue;
		char *end;
		long long id = strtoll(f->v[*k].value, &end, 10);
		if (*end || id <= 0 || end == f->v[*k].value)
			continue;
		(*k)++;
		return id;
	}
	return 0;
}
