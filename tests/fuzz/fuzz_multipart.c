/* libFuzzer target for lib/web/multipart.c. Input: one byte of seed, the boundary up to the
 * first '\n', then the body. The push parser must report the same parts and status
 * whatever the chunking (random-ish sizes, one chunk, single bytes), and
 * multipart_read_all through a memory reader must agree with it: OK exactly when the
 * parts fit the limits, with the same contents.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fields.h"
#include "web/multipart.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

#define MAX_HEADER 512
#define MAX_FIELDS 16
#define MAX_NAME 64
#define MAX_VALUE 4096
#define MAX_FILES 3
#define MAX_FILE 8192

static uint32_t next_rand(uint32_t *s)
{
	/* xorshift32: chunk sizes that vary but repeat for the same input. */
	uint32_t x = *s ? *s : 0x9e3779b9u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/* What the push parser reported, as text, plus what read_all would have to check. */
struct rec {
	struct strbuf t;
	bool in_part, is_file;
	size_t part_len;
	size_t fields, files, max_name, max_value, max_file;
	bool bad_value, empty_name, bad_call;
	struct strbuf value;  /* the current plain value, for the UTF-8 check */
	struct strbuf kinds;  /* 'F' or 'U' per part, in order */
};

static int rec_begin(void *ctx, const char *name, const char *filename, const char *ctype)
{
	struct rec *r = ctx;
	size_t nl;

	CHECK(name);
	if (r->in_part)
		r->bad_call = true;
	nl = strlen(name);
	CHECK(utf8_valid(name, nl));
	CHECK(!filename || utf8_valid(filename, strlen(filename)));
	CHECK(!ctype || utf8_valid(ctype, strlen(ctype)));
	r->in_part = true;
	r->is_file = filename != NULL;
	r->part_len = 0;
	sb_reset(&r->value);
	if (nl == 0)
		r->empty_name = true;
	if (nl > r->max_name)
		r->max_name = nl;
	CHECK(sb_putc(&r->kinds, filename ? 'U' : 'F') == 0);
	if (filename) {
		r->files++;
		CHECK(sb_printf(&r->t, "[%s|%s|%s]", name, filename, ctype ? ctype : "~") == 0);
	} else {
		r->fields++;
		CHECK(sb_printf(&r->t, "[%s|~]", name) == 0);
	}
	return PARSE_OK;
}

static int rec_data(void *ctx, const char *data, size_t len)
{
	struct rec *r = ctx;

	if (!r->in_part || len == 0)
		r->bad_call = true;
	CHECK(sb_append(&r->t, data, len) == 0);
	r->part_len += len;
	if (!r->is_file)
		CHECK(sb_append(&r->value, data, len) == 0);
	return PARSE_OK;
}

static int rec_end(void *ctx)
{
	struct rec *r = ctx;

	if (!r->in_part)
		r->bad_call = true;
	r->in_part = false;
	if (r->is_file) {
		if (r->part_len > r->max_file)
			r->max_file = r->part_len;
	} else {
		if (r->part_len > r->max_value)
			r->max_value = r->part_len;
		if (!utf8_valid(r->value.buf, r->value.len))
			r->bad_value = true;
	}
	CHECK(sb_puts(&r->t, "{}") == 0);
	return PARSE_OK;
}

static const struct multipart_callbacks rec_cb = { rec_begin, rec_data, rec_end };

static void rec_free(struct rec *r)
{
	sb_free(&r->t);
	sb_free(&r->value);
	sb_free(&r->kinds);
}

/* mode 0: random-ish chunks, 1: one chunk, 2: single bytes. Each chunk is an exact-size
 * heap copy so that ASan sees any read past it. */
static int push(const char *boundary, const char *body, size_t len, int mode, uint32_t seed,
		size_t max_header, struct rec *r)
{
	struct multipart *mp = multipart_new(boundary, &rec_cb, r, max_header);
	size_t i = 0;
	int st = PARSE_OK, st2;

	CHECK(mp);
	while (i < len && st == PARSE_OK) {
		size_t n = mode == 1 ? len : mode == 2 ? 1 : 1 + next_rand(&seed) % 97;
		char *c;

		if (n > len - i)
			n = len - i;
		c = malloc(n);
		CHECK(c);
		memcpy(c, body + i, n);
		st = multipart_feed(mp, c, n);
		free(c);
		i += n;
	}
	st2 = multipart_finish(mp);
	/* Sticky: after an error, finish reports the same one. */
	CHECK(st == PARSE_OK || st2 == st);
	multipart_free(mp);
	return st2;
}

struct mem {
	const char *p;
	size_t len, pos;
	uint32_t seed;
};

static ssize_t mem_read(void *ctx, char *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t n = 1 + next_rand(&m->seed) % 300;

	if (n > cap)
		n = cap;
	if (n > m->len - m->pos)
		n = m->len - m->pos;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

/* Writes the read_all result the way the push parser's text has it, taking fields and
 * files in the order the push parser saw them. */
static void render(const struct rec *r, const struct fields *f, const struct uploads *u,
		   struct strbuf *out)
{
	size_t fi = 0, ui = 0;

	for (size_t i = 0; i < r->kinds.len; i++) {
		if (r->kinds.buf[i] == 'F') {
			CHECK(fi < f->n);
			CHECK(sb_printf(out, "[%s|~]", f->v[fi].name) == 0);
			CHECK(sb_append(out, f->v[fi].value, f->v[fi].value_len) == 0);
			fi++;
		} else {
			const struct upload *up;
			char *buf;

			CHECK(ui < u->n);
			up = &u->v[ui++];
			CHECK(sb_printf(out, "[%s|%s|%s]", up->field, up->filename,
					up->content_type ? up->content_type : "~") == 0);
			/* Rewound, and holding exactly size bytes. */
			CHECK(ftell(up->fp) == 0);
			buf = malloc(up->size + 1);
			CHECK(buf);
			CHECK(fread(buf, 1, up->size + 1, up->fp) == up->size);
			CHECK(sb_append(out, buf, up->size) == 0);
			free(buf);
		}
		CHECK(sb_puts(out, "{}") == 0);
	}
	CHECK(fi == f->n && ui == u->n);
}

static int is_status(int st)
{
	return st <= PARSE_OK && st >= PARSE_IO;
}

static int read_all(const char *boundary, const char *body, size_t len, uint32_t seed,
		    const struct body_limits *lim, struct fields *f, struct uploads *u)
{
	struct mem m = { body, len, 0, seed };

	return multipart_read_all(boundary, mem_read, &m, lim, f, u);
}

/* Tight limits from the seed: only the invariants are checked. */
static void fuzz_tight(const char *boundary, const char *body, size_t len, uint32_t seed)
{
	struct body_limits lim;
	struct fields f = FIELDS_INIT;
	struct uploads u = UPLOADS_INIT;
	int st;

	lim.fields.max_fields = next_rand(&seed) % 4;
	lim.fields.max_name = next_rand(&seed) % 8;
	lim.fields.max_value = next_rand(&seed) % 16;
	lim.max_files = next_rand(&seed) % 3;
	lim.max_file_size = next_rand(&seed) % 32;
	lim.max_part_header = next_rand(&seed) % 128;
	st = read_all(boundary, body, len, seed, &lim, &f, &u);
	CHECK(is_status(st) && st != PARSE_IO && st != PARSE_NOMEM);
	if (st == PARSE_OK) {
		CHECK(f.n <= lim.fields.max_fields && u.n <= lim.max_files);
		for (size_t i = 0; i < f.n; i++) {
			CHECK(strlen(f.v[i].name) <= lim.fields.max_name);
			CHECK(f.v[i].value_len <= lim.fields.max_value);
			CHECK(utf8_valid(f.v[i].value, f.v[i].value_len));
		}
		for (size_t i = 0; i < u.n; i++) {
			CHECK(strlen(u.v[i].field) <= lim.fields.max_name);
			CHECK(u.v[i].size <= lim.max_file_size);
			CHECK(fseek(u.v[i].fp, 0, SEEK_END) == 0);
			CHECK(ftell(u.v[i].fp) == (long)u.v[i].size);
		}
	} else {
		CHECK(f.n == 0 && u.n == 0);
	}
	fields_free(&f);
	uploads_free(&u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct body_limits roomy = {
		{ MAX_FIELDS, MAX_NAME, MAX_VALUE }, MAX_FILES, MAX_FILE, MAX_HEADER
	};
	struct rec a = { 0 }, b = { 0 }, c = { 0 };
	struct fields f = FIELDS_INIT;
	struct uploads u = UPLOADS_INIT;
	struct strbuf out = STRBUF_INIT;
	const char *nl, *body;
	char *boundary;
	size_t blen, len;
	uint32_t seed;
	int sa, sb, sc, st;
	bool fits;

	if (size < 1)
		return 0;
	seed = data[0] * 0x01000193u + 1;
	nl = memchr(data + 1, '\n', size - 1);
	if (!nl)
		return 0;
	blen = (size_t)(nl - (const char *)data) - 1;
	boundary = malloc(blen + 1);
	CHECK(boundary);
	memcpy(boundary, data + 1, blen);
	boundary[blen] = '\0';
	body = nl + 1;
	len = size - blen - 2;

	/* Same status and same parts whatever the chunking. */
	sa = push(boundary, body, len, 0, seed, MAX_HEADER, &a);
	sb = push(boundary, body, len, 1, seed, MAX_HEADER, &b);
	CHECK(is_status(sa) && sa != PARSE_IO && sa != PARSE_NOMEM);
	CHECK(!a.bad_call && !b.bad_call);
	CHECK(sa == sb && a.t.len == b.t.len && memcmp(sb_str(&a.t), sb_str(&b.t), a.t.len) == 0);
	if (len <= 4096) {
		sc = push(boundary, body, len, 2, seed, MAX_HEADER, &c);
		CHECK(!c.bad_call);
		CHECK(sa == sc && a.t.len == c.t.len &&
		      memcmp(sb_str(&a.t), sb_str(&c.t), a.t.len) == 0);
	}
	if (sa == PARSE_OK)
		CHECK(!a.in_part);

	/* read_all succeeds exactly when the parts fit, and then holds the same parts. */
	fits = sa == PARSE_OK && !a.empty_name && !a.bad_value && a.fields <= MAX_FIELDS &&
	       a.files <= MAX_FILES && a.max_name <= MAX_NAME && a.max_value <= MAX_VALUE &&
	       a.max_file <= MAX_FILE;
	st = read_all(boundary, body, len, seed, &roomy, &f, &u);
	CHECK(is_status(st) && st != PARSE_IO && st != PARSE_NOMEM);
	if (fits) {
		CHECK(st == PARSE_OK);
		render(&a, &f, &u, &out);
		CHECK(out.len == a.t.len && memcmp(sb_str(&out), sb_str(&a.t), out.len) == 0);
	} else {
		CHECK(st != PARSE_OK && f.n == 0 && u.n == 0);
	}
	fields_free(&f);
	uploads_free(&u);
	sb_free(&out);

	fuzz_tight(boundary, body, len, seed);

	rec_free(&a);
	rec_free(&b);
	rec_free(&c);
	free(boundary);
	return 0;
}
