/* utf8: validity and length of UTF-8 text from outside. */
#ifndef PORTAL_UTF8_H
#define PORTAL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF) and no NUL byte. */
bool utf8_valid(const char *s, size_t len);
/* Bytes of the well-formed sequence at s (n bytes left): 1..4, or 0 when ill-formed,
 * truncated or a NUL byte. */
size_t utf8_next(const char *s, size_t n);
/* Whether b can start a multi-byte sequence (Unicode Table 3-7): then *need continuation
 * bytes follow, the first of them in [*lo, *hi], the others in 80..BF. */
bool utf8_lead(unsigned char b, size_t *need, unsigned char *lo, unsigned char *hi);
/* Code points in valid UTF-8 text (call utf8_valid first). */
size_t utf8_length(const char *s, size_t len);

/* Why text from outside cannot be kept as typed, or NULL: ill-formed UTF-8, control
 * characters (C0 but, when multiline, line breaks and tabs; DEL; C1), characters that
 * reorder the text shown after them (bidirectional overrides and isolates) and, on one
 * line, every character that shows nothing (format characters: zero-width ones, soft
 * hyphen, ...; line separators): a name must look like what it is. */
const char *utf8_refusal(const char *s, size_t len, bool multiline);
/* A copy of s without what utf8_refusal refuses (each refused character and each
 * ill-formed byte left out), to hand a refused text back to the person who typed it;
 * malloc'd, NULL when memory ran out. */
char *utf8_without_refused(const char *s, size_t len, bool multiline);

#endif
