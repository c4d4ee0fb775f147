#include "utf8.h"

/* Follows Table 3-7 of the Unicode standard (well-formed byte sequences): the second
 * byte's range depends on the first, which is what excludes overlongs (C0, C1, E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF (F4 90.., F5..FF). */
size_t utf8_next(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return p[0] ? 1 : 0;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 1;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 2;
		if (p[0] == 0xE0)
			lo = 0xA0;
		else if (p[0] == 0xED)
			hi = 0x9F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 3;
		if (p[0] == 0xF0)
			lo = 0x90;
		else if (p[0] == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
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
