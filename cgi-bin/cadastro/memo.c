/* What a cadastro worker remembers between requests: an office's counts and what
 * searches answered (counts, list pages), each kept for one version of the office's
 * registry (client_counts.version, moved by triggers on every change: schema/004); its
 * staff, tag and custom-filter choices, kept for one version of those
 * (client_counts.choices_version, schema/020), which record changes leave alone. Both
 * versions come with the session. Anything remembered for another version is simply not
 * used. A version is read before what is remembered under it, so what is remembered is
 * never older than its version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastro.h"
#include "base/db.h"
#include "memo.h"
#include "web/page.h"

/* ---------------------------------------------------------------- per office */

#define OFFICE_SLOTS 8

struct choice {
	int64_t id;
	char *name;
};

/* What is remembered of one office at one version; each part is read on first use. */
struct office_memo {
	int64_t office, version;   /* office 0: free */
	bool have_counts, have_choices, have_filters;
	struct registry reg;
	struct choice *staff, *tags;
	size_t nstaff, ntags;
	struct memo_filter *filters;
	size_t nfilters;
};

/* The counts by registry version; the choices (staff, tags, filters) by their own. */
static struct office_memo offices[OFFICE_SLOTS], choice_sets[OFFICE_SLOTS];
static unsigned office_next, choice_next;   /* replaced in turn */

static void office_clear(struct office_memo *m)
{
	for (size_t i = 0; i < m->nstaff; i++)
		free(m->staff[i].name);
	for (size_t i = 0; i < m->ntags; i++)
		free(m->tags[i].name);
	for (size_t i = 0; i < m->nfilters; i++) {
		free(m->filters[i].name);
		free(m->filters[i].options);
	}
	free(m->staff);
	free(m->tags);
	free(m->filters);
	memset(m, 0, sizeof *m);
}

/* The slot of an office at a version among slots (the same entry for the whole request,
 * so what it hands out stays valid until the request ends). */
static struct office_memo *slot_of(struct office_memo *slots, unsigned *next, int64_t office,
				   int64_t version)
{
	for (unsigned i = 0; i < OFFICE_SLOTS; i++)
		if (slots[i].office == office && slots[i].version == version)
			return &slots[i];
	struct office_memo *m = &slots[*next];
	*next = (*next + 1) % OFFICE_SLOTS;
	office_clear(m);
	m->office = office;
	m->version = version;
	return m;
}

static struct office_memo *office_of(struct request *r)
{
	return slot_of(offices, &office_next, r->office.id, r->office.registry_version);
}

/* Without the version of the choices (no counts row read), they last one registry
 * version, as everything else. */
static struct office_memo *choice_set_of(struct request *r)
{
	if (!r->office.counted)
		return office_of(r);
	return slot_of(choice_sets, &choice_next, r->office.id, r->office.choices_version);
}

/* ---------------------------------------------------------------- the registry row */

static const char registry_sql[] =
	"SELECT active, inactive, trashed FROM client_counts WHERE office_id = ?";

int memo_registry(struct request *r, struct registry *out)
{
	struct office_memo *m = office_of(r);
	if (!m->have_counts && r->office.counted) {   /* read with the session */
		m->reg = (struct registry){ r->office.active, r->office.inactive, r->office.trashed,
					    m->version };
		m->have_counts = true;
	}
	if (!m->have_counts) {
		struct db_stmt *st = db_prepare(r->db, registry_sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, r->office.id);
		if (db_exec(st) < 0)
			return -1;
		int got = db_fetch(st);
		if (got < 0)
			return -1;
		memset(&m->reg, 0, sizeof m->reg);
		m->reg.version = m->version;
		if (got > 0) {
			m->reg.active = db_col_i64(st, 0);
			m->reg.inactive = db_col_i64(st, 1);
			m->reg.trashed = db_col_i64(st, 2);
			while ((got = db_fetch(st)) > 0)
				;
			if (got < 0)
				return -1;
		}
		m->have_counts = true;
	}
	*out = m->reg;
	return 0;
}

/* ---------------------------------------------------------------- staff and tags */

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

/* The office's staff and tags, read once per version (a failed read is tried again). */
static struct office_memo *choices_of(struct request *r)
{
	struct office_memo *m = choice_set_of(r);
	if (!m->have_choices) {
		if (load(r, staff_sql, &m->staff, &m->nstaff) < 0 ||
		    load(r, tags_sql, &m->tags, &m->ntags) < 0) {
			office_clear(m);
			return NULL;
		}
		m->have_choices = true;
	}
	return m;
}

const char *memo_staff_name(struct request *r, int64_t id)
{
	struct office_memo *m = choice_set_of(r);
	for (size_t i = 0; m->have_choices && i < m->nstaff; i++)
		if (m->staff[i].id == id)
			return m->staff[i].name;
	return NULL;
}

int cadastro_staff_and_tags(struct request *r)
{
	struct office_memo *m = choices_of(r);
	if (!m)
		return -1;
	set_choices(r, "Staff", m->staff, m->nstaff);
	set_choices(r, "Tags", m->tags, m->ntags);
	return 0;
}

/* ---------------------------------------------------------------- custom filters */

static const char filters_sql[] =
	"SELECT id, name, kind, options FROM custom_fields WHERE office_id = ? AND active"
	" AND kind IN ('lista', 'sim_nao') ORDER BY position, id LIMIT " CUSTOM_FILTERS_MAX_SQL;

static int filters_load(struct request *r, struct office_memo *m)
{
	struct db_stmt *st = db_prepare(r->db, filters_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	m->filters = calloc(CUSTOM_FILTERS_MAX, sizeof *m->filters);
	if (!m->filters)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0 && m->nfilters < CUSTOM_FILTERS_MAX) {
		struct memo_filter *f = &m->filters[m->nfilters++];
		const char *name = db_col(st, 1), *opts = db_col(st, 3);
		f->id = db_col_i64(st, 0);
		f->yes_no = strcmp(db_col(st, 2), "sim_nao") == 0;
		f->name = strdup(name ? name : "");
		f->options = strdup(opts ? opts : "");
		if (!f->name || !f->options)
			return -1;
	}
	return got < 0 ? -1 : 0;
}

const struct memo_filter *memo_filters(struct request *r, size_t *n)
{
	struct office_memo *m = choice_set_of(r);
	if (!m->have_filters) {
		if (filters_load(r, m) < 0) {
			office_clear(m);
			return NULL;
		}
		m->have_filters = true;
	}
	*n = m->nfilters;
	return m->filters;
}
