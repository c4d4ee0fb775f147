#include "web/urlenc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decoded size of a %-encoded run, checking every escape first: limits are compared
 * with the decoded size before anything is allocated. -1 on a bad escape. */
static int decoded_len(const char *s, size_t len, size_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; n++) {
		if (s[i] == '%') {
			if (len - i < 3 || hexval((unsigned char)s[i + 1]) < 0 ||
			    hexval((unsigned char)s[i + 2]) < 0)
				return -1;
			i += 3;
		} else {
			i++;
		}
	}
	*out = n;
	return 0;
}

/* Decodes an already checked run into sb (replacing its contents). */
static int decode(const char *s, size_t len, size_t dlen, struct strbuf *sb)
{
	sb_reset(sb);
	if (sb_grow(sb, dlen) < 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			c = (char)(hexval((unsigned char)s[i + 1]) << 4 |
				   hexval((unsigned char)s[i + 2]));
			i += 2;
		}
		sb->buf[sb->len++] = c;
	}
	sb->buf[sb->len] = '\0';
	return 0;
}

int urlenc_parse(const char *buf, size_t len, const struct parse_limits *lim,
		 struct fields *out)
{
	struct strbuf name = STRBUF_INIT, value = STRBUF_INIT;
	size_t n0, i = 0;
	int r = PARSE_OK;

	if (!lim || !out || (!buf && len))
		return PARSE_BAD;
	n0 = out->n;
	while (i < len) {
		const char *pair = buf + i;
		const char *amp = memchr(pair, '&', len - i);
		size_t plen = amp ? (size_t)(amp - pair) : len - i;
		const char *eq, *val;
		size_t nlen, vlen, dn, dv;

		i += plen + (amp != NULL);
		if (plen == 0)
			continue;
		eq = memchr(pair, '=', plen);
		nlen = eq ? (size_t)(eq - pair) : plen;
		val = pair + nlen + (eq != NULL);
		vlen = plen - nlen - (eq != NULL);
		/* "=x" names nothing: skipped like an empty pair, not worth a 400. */
		if (nlen == 0)
			continue;
		if (out->n >= lim->max_fields) {
			r = PARSE_TOO_MANY;
			break;
		}
		if (decoded_len(pair, nlen, &dn) < 0 || decoded_len(val, vlen, &dv) < 0) {
			r = PARSE_BAD;
			break;
		}
		if (dn > lim->max_name || dv > lim->max_value) {
			r = PARSE_TOO_BIG;
			break;
		}
		if (decode(pair, nlen, dn, &name) < 0 || decode(val, vlen, dv, &value) < 0) {
			r = PARSE_NOMEM;
			break;
		}
		/* utf8_valid also refuses NUL, so the copies are true C strings. */
		if (!utf8_valid(name.buf, name.len) || !utf8_valid(value.buf, value.len)) {
			r = PARSE_BAD;
			break;
		}
		if (fields_add(out, name.buf, name.len, value.buf, value.len) < 0) {
			r = PARSE_NOMEM;
			break;
		}
	}
	sb_free(&name);
	sb_free(&value);
	if (r != PARSE_OK)
		fields_truncate(out, n0);
	return r;
}

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

char *urlenc_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0, len;
	char *out, *o;

	if (!s)
		return NULL;
	len = strlen(s);
	for (size_t i = 0; i < len; i++) {
		size_t add = unreserved((unsigned char)s[i]) ? 1 : 3;
		if (n > SIZE_MAX - 1 - add)
			return NULL;
		n += add;
	}
	out = malloc(n + 1);
	if (!out)
		return NULL;
	o = out;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (unreserved(c)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* RFC 7230 tchar: what a cookie name may be made of. */
static int tchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int ows(char c)
{
	return c == ' ' || c == '\t';
}

int cookie_parse(const char *header, const struct parse_limits *lim, struct fields *out)
{
	const char *p = header;
	size_t n0;

	if (!header || !lim || !out)
		return PARSE_OK;
	n0 = out->n;
	while (*p && out->n < lim->max_fields) {
		const char *semi = strchr(p, ';');
		const char *a = p, *b = semi ? semi : p + strlen(p);
		const char *eq, *na, *nb, *va, *vb;
		int ok = 1;

		p = semi ? semi + 1 : b;
		eq = memchr(a, '=', (size_t)(b - a));
		if (!eq)
			continue;
		na = a;
		nb = eq;
		va = eq + 1;
		vb = b;
		while (na < nb && ows(*na))
			na++;
		while (nb > na && ows(nb[-1]))
			nb--;
		while (va < vb && ows(*va))
			va++;
		while (vb > va && ows(vb[-1]))
			vb--;
		if (vb - va >= 2 && *va == '"' && vb[-1] == '"') {
			va++;
			vb--;
		}
		if (nb == na || (size_t)(nb - na) > lim->max_name ||
		    (size_t)(vb - va) > lim->max_value)
			continue;
		for (const char *q = na; q < nb && ok; q++)
			ok = tchar((unsigned char)*q);
		/* Control characters or broken UTF-8 have no business in our pages. */
		for (const char *q = va; q < vb && ok; q++)
			ok = (unsigned char)*q >= 0x20 && *q != 0x7f;
		if (!ok || !utf8_valid(va, (size_t)(vb - va)))
			continue;
		if (fields_add(out, na, (size_t)(nb - na), va, (size_t)(vb - va)) < 0) {
			fields_truncate(out, n0);
			return PARSE_NOMEM;
		}
	}
	return PARSE_OK;
}
