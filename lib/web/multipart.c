#include "web/multipart.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "base/utf8.h"

#define BOUNDARY_MAX 70  /* RFC 2046 */

/* ---- Header values: media types and parameters ---- */

static bool ows(char c)
{
	return c == ' ' || c == '\t';
}

static bool tchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* RFC 2046 bchars; a space may not be last. */
static bool boundary_valid(const char *b, size_t len)
{
	if (len < 1 || len > BOUNDARY_MAX || b[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)b[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      strchr("'()+_,-./:=? ", c)))
			return false;
	}
	return true;
}

/* Reads the next "; name=value" parameter from [*pp, end) into *name, *nlen and val.
 * Returns 1 for a parameter, 0 at the end, -1 when malformed (or out of memory: the
 * callers answer both by refusing the header, and a header is small).
 * Quoted strings: browsers send '"' as %22 and never escape '\', while an old browser
 * may send a Windows path (C:\dir\f.txt); so only \" is an escape and any other
 * backslash is kept as sent. */
static int next_param(const char **pp, const char *end, const char **name, size_t *nlen,
		      struct strbuf *val)
{
	const char *p = *pp;

	for (;;) {
		while (p < end && ows(*p))
			p++;
		if (p == end) {
			*pp = p;
			return 0;
		}
		if (*p != ';')
			return -1;
		p++;
		while (p < end && ows(*p))
			p++;
		/* Tolerate empty parameters ("a=1;;" or a trailing ';'). */
		if (p < end && *p != ';')
			break;
	}
	*name = p;
	while (p < end && tchar((unsigned char)*p))
		p++;
	*nlen = (size_t)(p - *name);
	if (*nlen == 0)
		return -1;
	while (p < end && ows(*p))
		p++;
	if (p == end || *p != '=')
		return -1;
	p++;
	while (p < end && ows(*p))
		p++;
	sb_reset(val);
	if (p < end && *p == '"') {
		p++;
		for (;;) {
			if (p == end)
				return -1;
			if (*p == '"')
				break;
			if (*p == '\\' && end - p >= 2 && p[1] == '"')
				p++;
			if (sb_putc(val, *p) < 0)
				return -1;
			p++;
		}
		p++;
	} else {
		const char *v = p;
		while (p < end && !ows(*p) && *p != ';' && *p != '"' &&
		       (unsigned char)*p > 0x20 && *p != 0x7f)
			p++;
		if (p == v || sb_append(val, v, (size_t)(p - v)) < 0)
			return -1;
	}
	/* Make sure val.buf exists even for "". */
	if (sb_grow(val, 0) < 0)
		return -1;
	*pp = p;
	return 1;
}

/* Matches a media type or disposition type at the start of [*pp, end), case-insensitive,
 * followed by OWS, ';' or the end. */
static bool match_type(const char **pp, const char *end, const char *type)
{
	const char *p = *pp;
	size_t n = strlen(type);

	while (p < end && ows(*p))
		p++;
	if ((size_t)(end - p) < n || strncasecmp(p, type, n) != 0)
		return false;
	p += n;
	if (p < end && !ows(*p) && *p != ';')
		return false;
	*pp = p;
	return true;
}

char *multipart_boundary(const char *content_type)
{
	struct strbuf val = STRBUF_INIT;
	const char *p, *end, *name;
	char *boundary = NULL;
	size_t nlen;
	int r;

	if (!content_type)
		return NULL;
	p = content_type;
	end = p + strlen(p);
	if (!match_type(&p, end, "multipart/form-data"))
		return NULL;
	while ((r = next_param(&p, end, &name, &nlen, &val)) == 1) {
		if (nlen != 8 || strncasecmp(name, "boundary", 8) != 0)
			continue;
		/* Two boundaries: which one would the sender mean? */
		if (boundary || !boundary_valid(val.buf, val.len))
			break;
		boundary = sb_detach(&val);
		if (!boundary)
			break;
	}
	sb_free(&val);
	if (r != 0) {
		free(boundary);
		return NULL;
	}
	return boundary;
}

/* ---- The push parser ---- */

enum mp_state {
	S_PREAMBLE,   /* looking for the first delimiter, ignoring data */
	S_DELIM_END,  /* just after a delimiter: "--" or padding then CRLF */
	S_CLOSE,      /* seen the first '-' of the closing "--" */
	S_PAD,        /* spaces or tabs after the delimiter */
	S_PAD_LF,     /* CR seen, LF expected */
	S_HEADERS,    /* a part's header block */
	S_DATA,       /* a part's content, looking for the next delimiter */
	S_EPILOGUE,   /* after the closing delimiter: ignored */
};

struct multipart {
	struct multipart_callbacks cb;
	void *ctx;
	char *delim;        /* "\r\n--" boundary */
	size_t dlen;
	size_t m;           /* bytes of delim matched so far (held back, not yet data) */
	enum mp_state state;
	int err;            /* sticky */
	struct strbuf hdr;
	size_t max_header;
};

struct multipart *multipart_new(const char *boundary, const struct multipart_callbacks *cb,
				void *ctx, size_t max_header)
{
	struct multipart *mp = calloc(1, sizeof(*mp));
	size_t blen;

	if (!mp)
		return NULL;
	if (cb)
		mp->cb = *cb;
	mp->ctx = ctx;
	mp->max_header = max_header;
	mp->state = S_PREAMBLE;
	/* An invalid boundary is the sender's fault, not ours: a parser that answers
	 * PARSE_BAD rather than NULL (which means out of memory). The matcher also relies
	 * on a boundary without CR: the delimiter's only CR is then its first byte. */
	blen = boundary ? strlen(boundary) : 0;
	if (!boundary_valid(boundary ? boundary : "", blen)) {
		mp->err = PARSE_BAD;
		return mp;
	}
	mp->dlen = blen + 4;
	mp->delim = malloc(mp->dlen + 1);
	if (!mp->delim) {
		free(mp);
		return NULL;
	}
	memcpy(mp->delim, "\r\n--", 4);
	memcpy(mp->delim + 4, boundary, blen + 1);
	/* The body may open with the delimiter without a CRLF before it: act as if the
	 * CRLF had already been matched. */
	mp->m = 2;
	return mp;
}

void multipart_free(struct multipart *mp)
{
	if (!mp)
		return;
	free(mp->delim);
	sb_free(&mp->hdr);
	free(mp);
}

static int fail(struct multipart *mp, int r)
{
	if (r == PARSE_OK)
		r = PARSE_BAD;
	mp->err = r;
	return r;
}

static int emit(struct multipart *mp, const char *data, size_t len)
{
	if (mp->state != S_DATA || len == 0 || !mp->cb.part_data)
		return PARSE_OK;
	return mp->cb.part_data(mp->ctx, data, len);
}

/* Scans [p, p+len) for the delimiter, passing data on (in S_DATA) except the bytes
 * that may be the start of a delimiter: those are held back in mp->m, and since they
 * equal delim[0..m) they need no copy. Data is passed on once per chunk (or up to the
 * delimiter), after any held bytes of earlier chunks. Sets *used and *found. */
static int scan(struct multipart *mp, const char *p, size_t len, size_t *used, bool *found)
{
	size_t prev = mp->m;  /* held bytes from earlier chunks */
	size_t i = 0;
	int r;

	*found = false;
	while (i < len) {
		if (mp->m == 0) {
			const char *cr = memchr(p + i, '\r', len - i);
			if (!cr) {
				i = len;
				break;
			}
			i = (size_t)(cr - p) + 1;
			mp->m = 1;
			continue;
		}
		if (p[i] == mp->delim[mp->m]) {
			i++;
			if (++mp->m == mp->dlen) {
				/* Everything before the delimiter is data. */
				r = emit(mp, p, i - (mp->m - prev));
				mp->m = 0;
				*used = i;
				*found = true;
				return r;
			}
			continue;
		}
		/* Mismatch: the held bytes were data after all. The delimiter's only CR is
		 * its first byte, so no later start of a match hides inside them; p[i] is
		 * looked at again from m == 0. */
		if (prev) {
			r = emit(mp, mp->delim, prev);
			if (r != PARSE_OK)
				return r;
			prev = 0;
		}
		mp->m = 0;
	}
	*used = len;
	/* This chunk's bytes are data except its last m - prev, held back. */
	return emit(mp, p, len - (mp->m - prev));
}

static bool header_is(const char *name, size_t nlen, const char *want)
{
	return nlen == strlen(want) && strncasecmp(name, want, nlen) == 0;
}

/* Content-Disposition: form-data; name="x"; filename="y" */
static int parse_disposition(const char *v, size_t len, char **name, char **filename)
{
	struct strbuf val = STRBUF_INIT;
	const char *p = v, *end = v + len, *pn;
	size_t nlen;
	int r;

	if (!match_type(&p, end, "form-data"))
		return PARSE_BAD;
	while ((r = next_param(&p, end, &pn, &nlen, &val)) == 1) {
		char **slot = NULL;

		if (header_is(pn, nlen, "name"))
			slot = name;
		else if (header_is(pn, nlen, "filename"))
			slot = filename;
		if (!slot)
			continue;  /* filename* and the like: RFC 7578 says not to send them */
		if (*slot || !utf8_valid(val.buf, val.len)) {
			r = -1;
			break;
		}
		*slot = sb_detach(&val);
		if (!*slot) {
			sb_free(&val);
			return PARSE_NOMEM;
		}
	}
	sb_free(&val);
	return r == 0 ? PARSE_OK : PARSE_BAD;
}

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Parses the header block in mp->hdr (each line ending CRLF, then the empty line) and
 * starts the part. */
static int begin_part(struct multipart *mp)
{
	const char *p = mp->hdr.buf, *end = p + mp->hdr.len - 2;  /* without the empty line */
	char *name = NULL, *filename = NULL, *ctype = NULL;
	bool have_disp = false;
	int r = PARSE_OK;

	while (p < end && r == PARSE_OK) {
		const char *eol = memchr(p, '\r', (size_t)(end - p));
		const char *colon, *v, *ve;

		/* Each line ends with CRLF, and the block ends with a CRLF (removed above). */
		if (!eol || eol[1] != '\n') {
			r = PARSE_BAD;
			break;
		}
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon || colon == p) {
			r = PARSE_BAD;
			break;
		}
		for (const char *q = p; q < colon; q++)
			if (!tchar((unsigned char)*q))
				r = PARSE_BAD;
		v = colon + 1;
		ve = eol;
		for (const char *q = v; q < ve; q++)
			if (((unsigned char)*q < 0x20 && *q != '\t') || *q == 0x7f)
				r = PARSE_BAD;
		if (r != PARSE_OK || !utf8_valid(v, (size_t)(ve - v))) {
			r = PARSE_BAD;
			break;
		}
		while (v < ve && ows(*v))
			v++;
		while (ve > v && ows(ve[-1]))
			ve--;
		if (header_is(p, (size_t)(colon - p), "Content-Disposition")) {
			if (have_disp)
				r = PARSE_BAD;
			else
				r = parse_disposition(v, (size_t)(ve - v), &name, &filename);
			have_disp = true;
		} else if (header_is(p, (size_t)(colon - p), "Content-Type")) {
			if (ctype) {
				r = PARSE_BAD;
			} else {
				ctype = dup_n(v, (size_t)(ve - v));
				if (!ctype)
					r = PARSE_NOMEM;
			}
		} else if (header_is(p, (size_t)(colon - p), "Content-Transfer-Encoding")) {
			/* RFC 7578 4.7: anything else would have to be decoded; nobody sends it. */
			size_t n = (size_t)(ve - v);
			if (!((n == 4 && !strncasecmp(v, "7bit", 4)) ||
			      (n == 4 && !strncasecmp(v, "8bit", 4)) ||
			      (n == 6 && !strncasecmp(v, "binary", 6))))
				r = PARSE_BAD;
		}
		p = eol + 2;
	}
	if (r == PARSE_OK && !name)
		r = PARSE_BAD;
	if (r == PARSE_OK && mp->cb.part_begin)
		r = mp->cb.part_begin(mp->ctx, name, filename, ctype);
	free(name);
	free(filename);
	free(ctype);
	return r;
}

/* Appends header bytes up to the end of the block; *done when the block is complete. */
static int feed_headers(struct multipart *mp, const char *p, size_t len, size_t *used,
			bool *done)
{
	struct strbuf *h = &mp->hdr;
	size_t i = 0;

	*done = false;
	while (i < len) {
		const char *nl = memchr(p + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - p) + 1 - i : len - i;

		if (h->len > mp->max_header || n > mp->max_header - h->len)
			return PARSE_TOO_BIG;
		if (sb_append(h, p + i, n) < 0)
			return PARSE_NOMEM;
		i += n;
		if (nl && ((h->len == 2 && h->buf[0] == '\r') ||
			   (h->len >= 4 && memcmp(h->buf + h->len - 4, "\r\n\r\n", 4) == 0))) {
			*done = true;
			break;
		}
	}
	*used = i;
	return PARSE_OK;
}

int multipart_feed(struct multipart *mp, const char *data, size_t len)
{
	size_t i = 0;

	if (!mp)
		return PARSE_BAD;
	if (mp->err)
		return mp->err;
	if (!data && len)
		return fail(mp, PARSE_BAD);
	while (i < len) {
		char c = data[i];
		size_t used;
		bool found, done;
		int r;

		switch (mp->state) {
		case S_PREAMBLE:
		case S_DATA:
			r = scan(mp, data + i, len - i, &used, &found);
			if (r != PARSE_OK)
				return fail(mp, r);
			i += used;
			if (found) {
				if (mp->state == S_DATA && mp->cb.part_end &&
				    (r = mp->cb.part_end(mp->ctx)) != PARSE_OK)
					return fail(mp, r);
				mp->state = S_DELIM_END;
			}
			break;
		case S_DELIM_END:
		case S_PAD:
			i++;
			if (c == '-' && mp->state == S_DELIM_END)
				mp->state = S_CLOSE;
			else if (ows(c))
				mp->state = S_PAD;
			else if (c == '\r')
				mp->state = S_PAD_LF;
			else  /* the boundary inside data, or garbage after it */
				return fail(mp, PARSE_BAD);
			break;
		case S_CLOSE:
			i++;
			if (c != '-')
				return fail(mp, PARSE_BAD);
			mp->state = S_EPILOGUE;
			break;
		case S_PAD_LF:
			i++;
			if (c != '\n')
				return fail(mp, PARSE_BAD);
			sb_reset(&mp->hdr);
			mp->state = S_HEADERS;
			break;
		case S_HEADERS:
			r = feed_headers(mp, data + i, len - i, &used, &done);
			if (r != PARSE_OK)
				return fail(mp, r);
			i += used;
			if (done) {
				r = begin_part(mp);
				if (r != PARSE_OK)
					return fail(mp, r);
				mp->state = S_DATA;
				mp->m = 0;
			}
			break;
		case S_EPILOGUE:
			i = len;
			break;
		}
	}
	return PARSE_OK;
}

int multipart_finish(struct multipart *mp)
{
	if (!mp)
		return PARSE_BAD;
	if (mp->err)
		return mp->err;
	if (mp->state != S_EPILOGUE)
		return fail(mp, PARSE_BAD);
	return PARSE_OK;
}

/* ---- High level: fields and uploads ---- */

struct collector {
	const struct body_limits *lim;
	struct fields *fields;
	struct uploads *files;
	bool in_file, in_field;
	struct strbuf value;  /* a plain field's value */
	char *name;           /* a plain field's name */
	struct upload up;     /* the file being received */
};

static void upload_clear(struct upload *u)
{
	free(u->field);
	free(u->filename);
	free(u->content_type);
	if (u->fp)
		fclose(u->fp);
	memset(u, 0, sizeof(*u));
}

static void collector_clear(struct collector *c)
{
	upload_clear(&c->up);
	free(c->name);
	c->name = NULL;
	sb_reset(&c->value);
	c->in_file = c->in_field = false;
}

static char *dup_str(const char *s)
{
	return s ? dup_n(s, strlen(s)) : NULL;
}

static int col_begin(void *ctx, const char *name, const char *filename,
		     const char *content_type)
{
	struct collector *c = ctx;
	size_t nlen = strlen(name);

	if (nlen == 0)
		return PARSE_BAD;  /* browsers do not send unnamed controls */
	if (nlen > c->lim->fields.max_name)
		return PARSE_TOO_BIG;
	if (filename) {
		if (c->files->n >= c->lim->max_files)
			return PARSE_TOO_MANY;
		c->in_file = true;
		c->up.field = dup_str(name);
		c->up.filename = dup_str(filename);
		c->up.content_type = dup_str(content_type);
		if (!c->up.field || !c->up.filename || (content_type && !c->up.content_type))
			return PARSE_NOMEM;
		/* Our own failure to store, not the sender's: answered like out of memory. */
		c->up.fp = tmpfile();
		if (!c->up.fp)
			return PARSE_NOMEM;
	} else {
		if (c->fields->n >= c->lim->fields.max_fields)
			return PARSE_TOO_MANY;
		c->in_field = true;
		c->name = dup_str(name);
		if (!c->name)
			return PARSE_NOMEM;
	}
	return PARSE_OK;
}

static int col_data(void *ctx, const char *data, size_t len)
{
	struct collector *c = ctx;

	if (c->in_file) {
		if (len > c->lim->max_file_size - c->up.size)
			return PARSE_TOO_BIG;
		if (fwrite(data, 1, len, c->up.fp) != len)
			return PARSE_NOMEM;
		c->up.size += len;
	} else if (c->in_field) {
		if (len > c->lim->fields.max_value - c->value.len)
			return PARSE_TOO_BIG;
		if (sb_append(&c->value, data, len) < 0)
			return PARSE_NOMEM;
	}
	return PARSE_OK;
}

static int col_end(void *ctx)
{
	struct collector *c = ctx;

	if (c->in_file) {
		struct upload *v;

		if (fflush(c->up.fp) != 0 || ferror(c->up.fp) || fseek(c->up.fp, 0, SEEK_SET) != 0)
			return PARSE_NOMEM;
		if (c->files->n >= SIZE_MAX / sizeof(*v) - 1)
			return PARSE_NOMEM;
		/* max_files keeps this short: growing one at a time is fine. */
		v = realloc(c->files->v, (c->files->n + 1) * sizeof(*v));
		if (!v)
			return PARSE_NOMEM;
		c->files->v = v;
		v[c->files->n++] = c->up;
		memset(&c->up, 0, sizeof(c->up));
	} else if (c->in_field) {
		if (!utf8_valid(c->value.buf, c->value.len))
			return PARSE_BAD;
		if (fields_add(c->fields, c->name, strlen(c->name), sb_str(&c->value),
			       c->value.len) < 0)
			return PARSE_NOMEM;
	}
	collector_clear(c);
	return PARSE_OK;
}

static void uploads_truncate(struct uploads *u, size_t n)
{
	while (u->n > n)
		upload_clear(&u->v[--u->n]);
}

void uploads_free(struct uploads *u)
{
	if (!u)
		return;
	uploads_truncate(u, 0);
	free(u->v);
	u->v = NULL;
}

#define READ_CHUNK 65536

int multipart_read_all(const char *boundary, body_read_fn rd, void *rctx,
		       const struct body_limits *lim, struct fields *fields,
		       struct uploads *files)
{
	static const struct multipart_callbacks cb = { col_begin, col_data, col_end };
	struct collector c = { 0 };
	struct multipart *mp = NULL;
	size_t fields0, files0;
	char *buf = NULL;
	int r;

	if (!boundary || !rd || !lim || !fields || !files)
		return PARSE_BAD;
	fields0 = fields->n;
	files0 = files->n;
	c.lim = lim;
	c.fields = fields;
	c.files = files;
	buf = malloc(READ_CHUNK);
	mp = multipart_new(boundary, &cb, &c, lim->max_part_header);
	if (!buf || !mp) {
		r = PARSE_NOMEM;
		goto out;
	}
	for (;;) {
		ssize_t n = rd(rctx, buf, READ_CHUNK);

		if (n < 0 || n > READ_CHUNK) {
			r = PARSE_IO;
			break;
		}
		if (n == 0) {
			r = multipart_finish(mp);
			break;
		}
		r = multipart_feed(mp, buf, (size_t)n);
		if (r != PARSE_OK)
			break;
	}
out:
	multipart_free(mp);
	free(buf);
	collector_clear(&c);
	sb_free(&c.value);
	if (r != PARSE_OK) {
		fields_truncate(fields, fields0);
		uploads_truncate(files, files0);
	}
	return r;
}
