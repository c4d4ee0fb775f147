#include "base/fold.h"

#include <stdint.h>

/* Latin-1 Supplement and the Latin Extended-A letters Portuguese and its neighbours use,
 * from U+00C0: their base letter, or 0 for a separator. */
static const char latin1[64] = {
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', /* C0 */
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   's', /* D0 */
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', /* E0 */
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y', /* F0 */
};

/* The folded ASCII letter of a code point, or 0 when it separates words. */
static char fold_cp(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return (char)(cp - 'A' + 'a');
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return (char)cp;
		return 0;
	}
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F) {
		/* Latin Extended-A comes in upper/lower pairs of one base letter each. */
		static const char ext[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllll"
					  "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
		size_t i = cp - 0x100;
		return i < sizeof ext - 1 ? ext[i] : 0;
	}
	return 0;
}

/* Decodes one UTF-8 sequence; returns its length (1 for an invalid byte, cp = 0). */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, *cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, *cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, *cp = c & 0x07;
	else {
		*cp = 0;
		return 1;
	}
	if (n < len) {
		*cp = 0;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0;
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return len;
}

int fold_words(const char *s, size_t len, fold_word_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)s;
	char word[FOLD_WORD_MAX];
	size_t wl = 0, i = 0;
	while (i <= len) {
		uint32_t cp = 0;
		char c = 0;
		if (i < len) {
			i += decode(p + i, len - i, &cp);
			c = fold_cp(cp);
		} else {
			i++;  /* the end closes the last word */
		}
		if (c) {
			if (wl < sizeof word)
				word[wl++] = c;
			continue;
		}
		if (wl) {
			int rc = fn(ctx, word, wl);
			if (rc)
				return rc;
			wl = 0;
		}
	}
	return 0;
}
