#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

bool utf8_lead(unsigned char b, size_t *need, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF) {
		*need = 1;
	} else if (b >= 0xE0 && b <= 0xEF) {
		*need = 2;
		if (b == 0xE0)
			*lo = 0xA0;
		else if (b == 0xED)
			*hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		*need = 3;
		if (b == 0xF0)
			*lo = 0x90;
		else if (b == 0xF4)
			*hi = 0x8F;
	} else {
		return false;
	}
	return true;
}

/* Follows Table 3-7 of the Unicode standard (well-formed byte sequences): the second
 * byte's range depends on the first, which is what excludes overlongs (C0, C1, E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF (F4 90.., F5..FF). */
size_t utf8_next(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo, hi;
	size_t need;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return p[0] ? 1 : 0;
	if (!utf8_lead(p[0], &need, &lo, &hi))
		return 0;
	if (n - 1 < need || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k <= need; k++)
		if ((p[k] & 0xC0) != 0x80)
			return 0;
	return need + 1;
}

bool utf8_valid(const char *s, size_t len)
{
	if (!s)
		return len == 0;
	for (size_t i = 0; i < len;) {
		size_t l = utf8_next(s + i, len - i);
		if (!l)
			return false;
		i += l;
	}
	return true;
}

size_t utf8_length(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	if (!s)
		return 0;
	/* Every code point has exactly one byte that is not a continuation byte. */
	for (size_t i = 0; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* The code point of the well-formed sequence of l bytes at s. */
static unsigned long decode(const unsigned char *p, size_t l)
{
	if (l == 1)
		return p[0];
	unsigned long cp = p[0] & (0x7F >> l);
	for (size_t k = 1; k < l; k++)
		cp = (cp << 6) | (p[k] & 0x3F);
	return cp;
}

/* Bidirectional embeddings, overrides and isolates: text after them shows in another
 * order than it was typed ("exe.txt" from "txt.exe"). */
static bool bidi_control(unsigned long cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Characters that show nothing (Unicode's format characters, category Cf, and the
 * fillers and separators that render as blank space or a break), so that two texts that
 * look alike are not the same. */
static bool invisible(unsigned long cp)
{
	static const unsigned long ranges[][2] = {
		{ 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x0600, 0x0605 }, { 0x061C, 0x061C },
		{ 0x06DD, 0x06DD }, { 0x070F, 0x070F }, { 0x0890, 0x0891 }, { 0x08E2, 0x08E2 },
		{ 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F }, { 0x200B, 0x200F },
		{ 0x2028, 0x202E }, { 0x2060, 0x206F }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F },
		{ 0xFEFF, 0xFEFF }, { 0xFFA0, 0xFFA0 }, { 0xFFF9, 0xFFFB }, { 0x110BD, 0x110BD },
		{ 0x110CD, 0x110CD }, { 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 },
		{ 0x1D173, 0x1D17A }, { 0xE0001, 0xE0001 }, { 0xE0020, 0xE007F },
		{ 0xE0100, 0xE01EF },
	};
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

const char *utf8_refusal(const char *s, size_t len, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; s && i < len;) {
		size_t l = utf8_next(s + i, len - i);
		if (!l)
			return "Contém caracteres inválidos.";
		unsigned long cp = decode(p + i, l);
		i += l;
		if (multiline && (cp == '\n' || cp == '\r' || cp == '\t'))
			continue;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			return "Contém caracteres inválidos.";
		if (bidi_control(cp) || (!multiline && invisible(cp)))
			return multiline ? "Contém um caractere que inverte a direção do texto "
					   "(como U+202E): apague-o e digite de novo."
					 : "Contém um caractere invisível ou que inverte a direção "
					   "do texto (como U+202E): apague-o e digite de novo.";
	}
	return NULL;
}

char *utf8_without_refused(const char *s, size_t len, bool multiline)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t i = 0; s && i < len;) {
		size_t l = utf8_next(s + i, len - i);
		if (!l) {
			i++;   /* an ill-formed byte (or NUL): left out */
			continue;
		}
		if (!utf8_refusal(s + i, l, multiline)) {
			memcpy(out + n, s + i, l);
			n += l;
		}
		i += l;
	}
	out[n] = '\0';
	return out;
}
