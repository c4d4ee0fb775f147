/* What a cadastro worker remembers between requests: an office's counts, search counts
 * and the staff and tag choices, each kept for one version of the office's registry
 * (client_counts.version, moved by triggers on every change: schema/004; it comes with
 * the session). Anything remembered for another version is simply not used. A version
 * is read before what is remembered under it, so what is remembered is never older
 * than its version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "db.h"
#include "memo.h"
#include "page.h"

/* ---------------------------------------------------------------- the registry row */

static const char registry_sql[] =
	"SELECT active, inactive, trashed FROM client_counts WHERE office_id = ?";

#define REGISTRY_SLOTS 8

static struct {
	int64_t office;   /* 0: free */
	struct registry reg;
} registries[REGISTRY_SLOTS];
static unsigned registry_next;

int memo_registry(struct request *r, struct registry *out)
{
	for (unsigned i = 0; i < REGISTRY_SLOTS; i++)
		if (registries[i].office == r->office.id &&
		    registries[i].reg.version == r->office.registry_version) {
			*out = registries[i].reg;
			return 0;
		}
	struct db_stmt *st = db_prepare(r->db, registry_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->version = r->office.registry_version;
	if (got > 0) {
		out->active = db_col_i64(st, 0);
		out->inactive = db_col_i64(st, 1);
		out->trashed = db_col_i64(st, 2);
		while ((got = db_fetch(st)) > 0)
			;
		if (got < 0)
			return -1;
	}
	registries[registry_next].office = r->office.id;
	registries[registry_next].reg = *out;
	registry_next = (registry_next + 1) % REGISTRY_SLOTS;
	return 0;
}

/* ---------------------------------------------------------------- counts */

#define COUNT_SLOTS 128

struct count_slot {
	int64_t office, version, total;
	char *key;   /* the count's SQL and parameters; NULL when free */
};

static struct count_slot counts[COUNT_SLOTS];
static unsigned count_next;   /* replaced in turn: old searches fall out */

int64_t memo_count_get(int64_t office, int64_t version, const char *key)
{
	for (unsigned i = 0; i < COUNT_SLOTS; i++) {
		struct count_slot *s = &counts[i];
		if (s->key && s->office == office && s->version == version && !strcmp(s->key, key))
			return s->total;
	}
	return -1;
}

void memo_count_put(int64_t office, int64_t version, const char *key, int64_t total)
{
	char *copy = strdup(key);
	if (!copy)
		return;   /* not remembered: counted again next time */
	struct count_slot *s = &counts[count_next];
	count_next = (count_next + 1) % COUNT_SLOTS;
	free(s->key);
	*s = (struct count_slot){ office, version, total, copy };
}

/* ---------------------------------------------------------------- staff and tags */

#define CHOICE_SLOTS 8

struct choice {
	int64_t id;
	char *name;
};

struct choices_slot {
	int64_t office, version;
	bool used;
	struct choice *staff, *tags;
	size_t nstaff, ntags;
};

static struct choices_slot choices[CHOICE_SLOTS];
static unsigned choices_next;

static void choices_clear(struct choices_slot *s)
{
	for (size_t i = 0; i < s->nstaff; i++)
		free(s->staff[i].name);
	for (size_t i = 0; i < s->ntags; i++)
		free(s->tags[i].name);
	free(s->staff);
	free(s->tags);
	memset(s, 0, sizeof *s);
}

static const char staff_sql[] =
	"SELECT id, name FROM staff_users WHERE office_id = ? AND active ORDER BY name, id";
static const char tags_sql[] = "SELECT id, name FROM tags WHERE office_id = ? ORDER BY name";

static int load(struct request *r, const char *sql, struct choice **out, size_t *n)
{
	struct db_stmt *st = db_prepare(r->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	size_t cap = 0;
	int got;
	while ((got = db_fetch(st)) > 0) {
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct choice *p = realloc(*out, ncap * sizeof *p);
			if (!p)
				return -1;
			*out = p;
			cap = ncap;
		}
		const char *name = db_col(st, 1);
		char *copy = strdup(name ? name : "");
		if (!copy)
			return -1;
		(*out)[(*n)++] = (struct choice){ db_col_i64(st, 0), copy };
	}
	return got;
}

static void set_choices(struct request *r, const char *node, const struct choice *c, size_t n)
{
	static const char *const names[] = { "id", "name" };
	char prefix[32], id[24];
	for (size_t i = 0; i < n; i++) {
		snprintf(prefix, sizeof prefix, "%s.%zu", node, i);
		snprintf(id, sizeof id, "%lld", (long long)c[i].id);
		const char *values[] = { id, c[i].name };
		page_set_many(r, prefix, names, values, 2);
	}
}

static struct choices_slot *choices_of(struct request *r)
{
	for (unsigned i = 0; i < CHOICE_SLOTS; i++)
		if (choices[i].used && choices[i].office == r->office.id &&
		    choices[i].version == r->office.registry_version)
			return &choices[i];
	return NULL;
}

const char *memo_staff_name(struct request *r, int64_t id)
{
	const struct choices_slot *s = choices_of(r);
	for (size_t i = 0; s && i < s->nstaff; i++)
		if (s->staff[i].id == id)
			return s->staff[i].name;
	return NULL;
}

int cadastro_staff_and_tags(struct request *r)
{
	int64_t version = r->office.registry_version;
	struct choices_slot *s = choices_of(r);
	if (!s) {
		s = &choices[choices_next];
		choices_next = (choices_next + 1) % CHOICE_SLOTS;
		choices_clear(s);
		if (load(r, staff_sql, &s->staff, &s->nstaff) < 0 ||
		    load(r, tags_sql, &s->tags, &s->ntags) < 0) {
			choices_clear(s);
			return -1;
		}
		s->office = r->office.id;
		s->version = version;
		s->used = true;
	}
	set_choices(r, "Staff", s->staff, s->nstaff);
	set_choices(r, "Tags", s->tags, s->ntags);
	return 0;
}

/* ---------------------------------------------------------------- custom filters */

#define FILTER_SLOTS 8

struct filters_slot {
	int64_t office, version;
	bool used;
	struct memo_filter *f;
	size_t n;
};

static struct filters_slot filter_slots[FILTER_SLOTS];
static unsigned filters_next;

static const char filters_sql[] =
	"SELECT id, name, kind, options FROM custom_fields WHERE office_id = ? AND active"
	" AND kind IN ('lista', 'sim_nao') ORDER BY position, id LIMIT " CUSTOM_FILTERS_MAX_SQL;

static void filters_clear(struct filters_slot *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->f[i].name);
		free(s->f[i].options);
	}
	free(s->f);
	memset(s, 0, sizeof *s);
}

static int filters_load(struct request *r, struct filters_slot *s)
{
	struct db_stmt *st = db_prepare(r->db, filters_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	s->f = calloc(CUSTOM_FILTERS_MAX, sizeof *s->f);
	if (!s->f)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0 && s->n < CUSTOM_FILTERS_MAX) {
		struct memo_filter *f = &s->f[s->n];
		const char *name = db_col(st, 1), *opts = db_col(st, 3);
		f->id = db_col_i64(st, 0);
		f->yes_no = strcmp(db_col(st, 2), "sim_nao") == 0;
		f->name = strdup(name ? name : "");
		f->options = strdup(opts ? opts : "");
		s->n++;
		if (!f->name || !f->options)
			return -1;
	}
	return got < 0 ? -1 : 0;
}

const struct memo_filter *memo_filters(struct request *r, size_t *n)
{
	struct filters_slot *s = NULL;
	for (unsigned i = 0; i < FILTER_SLOTS && !s; i++)
		if (filter_slots[i].used && filter_slots[i].office == r->office.id &&
		    filter_slots[i].version == r->office.registry_version)
			s = &filter_slots[i];
	if (!s) {
		s = &filter_slots[filters_next];
		filters_next = (filters_next + 1) % FILTER_SLOTS;
		filters_clear(s);
		if (filters_load(r, s) < 0) {
			filters_clear(s);
			return NULL;
		}
		s->office = r->office.id;
		s->version = r->office.registry_version;
		s->used = true;
	}
	*n = s->n;
	return s->f;
}
