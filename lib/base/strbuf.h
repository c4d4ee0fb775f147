/* strbuf: a growable, always NUL-terminated byte buffer with one owner. */
#ifndef PORTAL_STRBUF_H
#define PORTAL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;   /* NUL-terminated; NULL until the first append */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Each returns 0, or -1 when memory runs out (the buffer is left as it was). */
int sb_grow(struct strbuf *sb, size_t extra);
int sb_append(struct strbuf *sb, const char *data, size_t len);
int sb_puts(struct strbuf *sb, const char *s);
int sb_putc(struct strbuf *sb, char c);
int sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* Appends each string in turn: SB_CAT(sb, "SELECT ", cols, " FROM t", where). For text
 * put together from fragments we own, such as SQL: no format, so no value can be
 * formatted into it by mistake (values are bound). No piece may be NULL (it ends the
 * list): sb_str() gives "" for an empty buffer. */
#define SB_CAT(sb, ...) sb_cat_((sb), __VA_ARGS__, (const char *)NULL)
int sb_cat_(struct strbuf *sb, ...) __attribute__((sentinel));
/* Appends text escaped for XML and HTML (&, <, >, "; the control characters XML 1.0
 * forbids are dropped). NULL appends nothing. 0 or -1. */
int sb_xml(struct strbuf *sb, const char *text);
void sb_reset(struct strbuf *sb);           /* len = 0, keeps memory */
void sb_free(struct strbuf *sb);
char *sb_detach(struct strbuf *sb);
/* A new string (malloc'd, the caller frees it) formatted as printf would; NULL when memory
 * runs out. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));         /* caller owns; never NULL ("" if empty) or NULL on OOM */
const char *sb_str(const struct strbuf *sb); /* "" when empty */

#endif
