#include "base/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sb_grow(struct strbuf *sb, size_t extra)
{
	if (extra > SIZE_MAX - sb->len - 1)
		return -1;
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(sb->buf, cap);
	if (!p)
		return -1;
	if (!sb->buf)
		p[0] = '\0';
	sb->buf = p;
	sb->cap = cap;
	return 0;
}

int sb_append(struct strbuf *sb, const char *data, size_t len)
{
	if (sb_grow(sb, len) < 0)
		return -1;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int sb_puts(struct strbuf *sb, const char *s)
{
	return sb_append(sb, s, strlen(s));
}

int sb_putc(struct strbuf *sb, char c)
{
	return sb_append(sb, &c, 1);
}

int sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	/* Usually it fits in what is free already: one formatting, not two. */
	size_t room = sb->cap > sb->len ? sb->cap - sb->len : 0;
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, copy);
	va_end(copy);
	if (n < 0)
		return -1;
	if ((size_t)n >= room) {
		if (sb_grow(sb, (size_t)n) < 0) {
			if (sb->buf)
				sb->buf[sb->len] = '\0';   /* what the attempt wrote is not kept */
			return -1;
		}
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
	return 0;
}

int sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = sb_vprintf(sb, fmt, ap);
	va_end(ap);
	return r;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *sb_detach(struct strbuf *sb)
{
	if (!sb->buf && sb_grow(sb, 0) < 0)
		return NULL;
	char *p = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

int sb_cat_(struct strbuf *sb, ...)
{
	va_list ap;
	va_start(ap, sb);
	int rc = 0;
	for (const char *s; rc == 0 && (s = va_arg(ap, const char *)) != NULL;)
		rc = sb_puts(sb, s);
	va_end(ap);
	return rc;
}

char *str_printf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	int rc = sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

int sb_xml(struct strbuf *out, const char *text)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		switch (*p) {
		case '<': rc |= sb_puts(out, "&lt;"); break;
		case '>': rc |= sb_puts(out, "&gt;"); break;
		case '&': rc |= sb_puts(out, "&amp;"); break;
		case '"': rc |= sb_puts(out, "&quot;"); break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				continue;  /* not allowed in XML 1.0 */
			rc |= sb_putc(out, (char)*p);
		}
	}
	return rc ? -1 : 0;
}
