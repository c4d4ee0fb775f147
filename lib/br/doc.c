#include "br/doc.h"

#include <string.h>

#define CPF_LEN 11
#define CNPJ_LEN 14

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* True when every byte of s equals the first (filler values such as 111.111.111-11). */
static bool all_equal(const char *s, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (s[i] != s[0])
			return false;
	return true;
}

/* Modulo-11 check digit shared by CPF and CNPJ: remainder < 2 gives 0. Characters are
 * valued ASCII - 48, so '0'..'9' are 0..9 and 'A'..'Z' are 17..42 (IN RFB 2.229/2024). */
static int check_digit(const char *s, const int *weights, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += ((unsigned char)s[i] - '0') * weights[i];
	int r = sum % 11;
	return r < 2 ? 0 : 11 - r;
}

bool cpf_valid(const char *bare, size_t len)
{
	static const int w1[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2 };
	static const int w2[] = { 11, 10, 9, 8, 7, 6, 5, 4, 3, 2 };

	if (!bare || len != CPF_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit(bare[i]))
			return false;
	if (all_equal(bare, len))
		return false;
	return check_digit(bare, w1, 9) == bare[9] - '0'
		&& check_digit(bare, w2, 10) == bare[10] - '0';
}

bool cnpj_valid(const char *bare, size_t len)
{
	static const int w1[] = { 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 };
	static const int w2[] = { 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 };

	if (!bare || len != CNPJ_LEN)
		return false;
	/* Bare form is canonical: uppercase only; the check digits stay numeric. */
	for (size_t i = 0; i < 12; i++)
		if (!is_digit(bare[i]) && !is_upper(bare[i]))
			return false;
	if (!is_digit(bare[12]) || !is_digit(bare[13]))
		return false;
	if (all_equal(bare, len))
		return false;
	return check_digit(bare, w1, 12) == bare[12] - '0'
		&& check_digit(bare, w2, 13) == bare[13] - '0';
}

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* Drops punctuation and spaces and uppercases letters into buf. Returns the number of
 * significant characters, or 0 on a forbidden byte or when there are more than
 * CNPJ_LEN of them (buf has room for CNPJ_LEN). */
static size_t strip_document(const char *in, size_t len, char *buf)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = in[i];
		if (c == '.' || c == '-' || c == '/' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!is_digit(c) && !is_upper(c))
			return 0;
		if (n == CNPJ_LEN)
			return 0;
		buf[n++] = c;
	}
	return n;
}

/* Tries buf[0..n) as a document of full length `want`, prefixing one '0' when n is one
 * short and all digits (a number whose leading zero Excel dropped). */
static bool try_kind(const char *buf, size_t n, size_t want,
		     bool (*valid)(const char *, size_t), char out[DOC_BARE_MAX])
{
	char tmp[DOC_BARE_MAX];

	if (n == want) {
		memcpy(tmp, buf, n);
	} else if (n + 1 == want && all_digits(buf, n)) {
		tmp[0] = '0';
		memcpy(tmp + 1, buf, n);
	} else {
		return false;
	}
	if (!valid(tmp, want))
		return false;
	memcpy(out, tmp, want);
	out[want] = '\0';
	return true;
}

enum doc_kind doc_parse(const char *in, size_t len, char out[DOC_BARE_MAX])
{
	char buf[CNPJ_LEN];
	size_t n;

	if (!out)
		return DOC_INVALID;
	out[0] = '\0';
	if (!in)
		return DOC_INVALID;
	n = strip_document(in, len, buf);
	if (n == 0)
		return DOC_INVALID;
	if (try_kind(buf, n, CPF_LEN, cpf_valid, out))
		return DOC_CPF;
	if (try_kind(buf, n, CNPJ_LEN, cnpj_valid, out))
		return DOC_CNPJ;
	return DOC_INVALID;
}

/* Copies src[0..len) into out, truncated to cap - 1 bytes, NUL-terminated; cap 0 writes
 * nothing. */
static void copy_truncated(const char *src, size_t len, char *out, size_t cap)
{
	if (cap == 0)
		return;
	if (len > cap - 1)
		len = cap - 1;
	memcpy(out, src, len);
	out[len] = '\0';
}

/* Copies bare into out at the positions of a mask such as "###.###.###-##", where '#'
 * takes the next character of bare and anything else is literal. */
static size_t apply_mask(const char *bare, const char *mask, char *out)
{
	size_t n = 0;

	for (const char *m = mask; *m; m++)
		out[n++] = *m == '#' ? *bare++ : *m;
	return n;
}

void doc_format(const char *bare, char *out, size_t cap)
{
	char tmp[DOC_FMT_MAX];
	size_t len;

	if (!out || cap == 0)
		return;
	if (!bare) {
		out[0] = '\0';
		return;
	}
	/* Bounded: anything longer than a CNPJ is copied, not formatted. */
	len = strnlen(bare, CNPJ_LEN + 1);
	if (cpf_valid(bare, len)) {
		copy_truncated(tmp, apply_mask(bare, "###.###.###-##", tmp), out, cap);
	} else if (cnpj_valid(bare, len)) {
		copy_truncated(tmp, apply_mask(bare, "##.###.###/####-##", tmp), out, cap);
	} else {
		copy_truncated(bare, strnlen(bare, cap - 1), out, cap);
	}
}
