#include "br/valid.h"

#include <string.h>
#include <time.h>

#define EMAIL_MAX 254
#define EMAIL_LOCAL_MAX 64
#define DNS_LABEL_MAX 63
#define PHONE_DIGITS_MAX 13  /* 55 + DDD + 9 digits */
#define PHONE_OUT_MIN 12     /* 11 digits + NUL */
#define CEP_DIGITS 8
#define YEAR_MIN 1900
#define YEAR_MAX 2100

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Copies src[0..len) into out, truncated to cap - 1 bytes, NUL-terminated; cap 0 writes
 * nothing. */
static void copy_truncated(const char *src, size_t len, char *out, size_t cap)
{
	if (!out || cap == 0)
		return;
	if (len > cap - 1)
		len = cap - 1;
	memcpy(out, src, len);
	out[len] = '\0';
}

static void set_empty(char *out, size_t cap)
{
	if (out && cap > 0)
		out[0] = '\0';
}

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* Copies a NUL-terminated, bounded string of digits through a mask such as
 * "(##) #####-####" when it has exactly as many digits as the mask has '#'; otherwise
 * copies it as it is. Shared by the phone and CEP formatters. */
static void format_masked(const char *digits, const char *mask, size_t ndigits,
			  char *out, size_t cap)
{
	char tmp[32];
	size_t len, n = 0;

	if (!out || cap == 0)
		return;
	if (!digits) {
		out[0] = '\0';
		return;
	}
	len = strnlen(digits, ndigits + 1);
	if (len != ndigits || !all_digits(digits, len)) {
		copy_truncated(digits, strnlen(digits, cap - 1), out, cap);
		return;
	}
	for (const char *m = mask; *m && n < sizeof(tmp); m++)
		tmp[n++] = *m == '#' ? *digits++ : *m;
	copy_truncated(tmp, n, out, cap);
}

/* ---- e-mail ---- */

/* RFC 5322 "atext": the printable ASCII allowed unquoted in a local part. Quoted local
 * parts and characters such as '<', ',', '"' are refused: they are never needed in
 * practice and are trouble in mail headers. */
static bool is_atext(char c)
{
	return is_alpha(c) || is_digit(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* Dot-separated runs of atext: no leading, trailing or doubled dot. */
static bool valid_local_part(const char *s, size_t len)
{
	if (len == 0 || len > EMAIL_LOCAL_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (i == 0 || i + 1 == len || s[i + 1] == '.')
				return false;
		} else if (!is_atext(s[i])) {
			return false;
		}
	}
	return true;
}

static bool valid_label(const char *s, size_t len)
{
	if (len == 0 || len > DNS_LABEL_MAX)
		return false;
	if (s[0] == '-' || s[len - 1] == '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool valid_domain(const char *s, size_t len)
{
	size_t start = 0, labels = 0, last = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (!valid_label(s + start, i - start))
			return false;
		labels++;
		last = start;
		start = i + 1;
	}
	if (labels < 2)
		return false;
	/* The TLD: letters only, at least two. */
	if (len - last < 2)
		return false;
	for (size_t i = last; i < len; i++)
		if (!is_alpha(s[i]))
			return false;
	return true;
}

bool valid_email(const char *s, size_t len)
{
	const char *at;

	if (!s || len == 0 || len > EMAIL_MAX)
		return false;
	at = memchr(s, '@', len);
	if (!at)
		return false;
	size_t local_len = (size_t)(at - s);
	/* A second '@' falls in the domain and fails there. */
	return valid_local_part(s, local_len)
		&& valid_domain(at + 1, len - local_len - 1);
}

/* ---- phones ---- */

static bool is_phone_separator(char c)
{
	return c == ' ' || c == '(' || c == ')' || c == '-' || c == '.';
}

/* Collects the digits of s into buf (PHONE_DIGITS_MAX bytes). Separators are skipped;
 * one '+' is allowed before the first digit and sets *plus. Returns the digit count, or
 * 0 on any other byte or too many digits. */
static size_t collect_phone_digits(const char *s, size_t len, char *buf, bool *plus)
{
	size_t n = 0;

	*plus = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (is_phone_separator(c))
			continue;
		if (c == '+' && n == 0 && !*plus) {
			*plus = true;
			continue;
		}
		if (!is_digit(c) || n == PHONE_DIGITS_MAX)
			return 0;
		buf[n++] = c;
	}
	return n;
}

/* DDD + subscriber number. DDDs run from 11 to 99 and contain no 0; mobiles have 9 digits
 * starting with 9; fixed lines have 8 starting with 2..5 (the other leading digits are
 * service codes or old 8-digit mobiles, gone since 2016). */
static bool valid_national_phone(const char *d, size_t n)
{
	if (d[0] == '0' || d[1] == '0')
		return false;
	if (n == 11)
		return d[2] == '9';
	if (n == 10)
		return d[2] >= '2' && d[2] <= '5';
	return false;
}

bool valid_phone(const char *s, size_t len, char *out, size_t cap)
{
	char buf[PHONE_DIGITS_MAX];
	const char *d = buf;
	bool plus;
	size_t n;

	set_empty(out, cap);
	if (!s || !out || cap < PHONE_OUT_MIN)
		return false;
	n = collect_phone_digits(s, len, buf, &plus);
	/* Length tells the prefixes apart: a national number has 10 or 11 digits, and no
	 * DDD starts with 0 (the trunk prefix); a number in DDD 55 has 10 or 11 digits. */
	if ((n == 12 || n == 13) && buf[0] == '5' && buf[1] == '5') {
		d += 2;
		n -= 2;
	} else if (plus) {
		return false;  /* another country, or a "+" without 55 */
	} else if ((n == 11 || n == 12) && buf[0] == '0') {
		d += 1;
		n -= 1;
	}
	if (n != 10 && n != 11)
		return false;
	if (!valid_national_phone(d, n))
		return false;
	copy_truncated(d, n, out, cap);
	return true;
}

void phone_format(const char *digits, char *out, size_t cap)
{
	size_t len = digits ? strnlen(digits, 11) : 0;

	if (len == 11)
		format_masked(digits, "(##) #####-####", 11, out, cap);
	else
		format_masked(digits, "(##) ####-####", 10, out, cap);
}

/* ---- CEP ---- */

/* Accepts "01310100", "01310-100", "01.310-100" and "01.310100": a '.' only after the
 * second digit, a '-' only after the fifth. */
bool valid_cep(const char *s, size_t len, char *out, size_t cap)
{
	char buf[CEP_DIGITS];
	size_t n = 0;

	set_empty(out, cap);
	if (!s || !out || cap < CEP_DIGITS + 1)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool sep_ok = i > 0 && is_digit(s[i - 1]);
		if (c == '.' && n == 2 && sep_ok)
			continue;
		if (c == '-' && n == 5 && sep_ok)
			continue;
		if (!is_digit(c) || n == CEP_DIGITS)
			return false;
		buf[n++] = c;
	}
	/* The lowest CEP is 01000-000: "00000-000" (a form's placeholder, a blank
	 * spreadsheet cell turned number) is no address. */
	if (n != CEP_DIGITS || (buf[0] == '0' && buf[1] == '0'))
		return false;
	copy_truncated(buf, n, out, cap);
	return true;
}

void cep_format(const char *digits, char *out, size_t cap)
{
	format_masked(digits, "#####-###", CEP_DIGITS, out, cap);
}

/* ---- UF ---- */

bool valid_uf(const char *s, size_t len, char *out, size_t cap)
{
	static const char ufs[][3] = {
		"AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT",
		"PA", "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP",
		"TO",
	};
	char uf[3];

	set_empty(out, cap);
	if (!s || !out || cap < 3 || len != 2)
		return false;
	uf[0] = to_upper(s[0]);
	uf[1] = to_upper(s[1]);
	uf[2] = '\0';
	for (size_t i = 0; i < sizeof(ufs) / sizeof(ufs[0]); i++) {
		if (memcmp(uf, ufs[i], 2) == 0) {
			copy_truncated(uf, 2, out, cap);
			return true;
		}
	}
	return false;
}

/* ---- dates ---- */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool real_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && is_leap(y));
}

/* Reads min..max digits at s[*pos] as a number; advances *pos. */
static bool read_number(const char *s, size_t len, size_t *pos, size_t min, size_t max,
			int *value)
{
	size_t n = 0;
	int v = 0;

	while (*pos < len && n < max && is_digit(s[*pos])) {
		v = v * 10 + (s[*pos] - '0');
		(*pos)++;
		n++;
	}
	*value = v;
	return n >= min;
}

static bool expect_char(const char *s, size_t len, size_t *pos, char c)
{
	if (*pos >= len || s[*pos] != c)
		return false;
	(*pos)++;
	return true;
}

/* "dd/mm/aaaa" or "d/m/aaaa" */
static bool parse_br_date(const char *s, size_t len, int *y, int *m, int *d)
{
	size_t pos = 0;

	return read_number(s, len, &pos, 1, 2, d) && expect_char(s, len, &pos, '/')
		&& read_number(s, len, &pos, 1, 2, m) && expect_char(s, len, &pos, '/')
		&& read_number(s, len, &pos, 4, 4, y) && pos == len;
}

/* "aaaa-mm-dd" */
static bool parse_iso_date(const char *s, size_t len, int *y, int *m, int *d)
{
	size_t pos = 0;

	return read_number(s, len, &pos, 4, 4, y) && expect_char(s, len, &pos, '-')
		&& read_number(s, len, &pos, 2, 2, m) && expect_char(s, len, &pos, '-')
		&& read_number(s, len, &pos, 2, 2, d) && pos == len;
}

bool valid_date(const char *s, size_t len, int *y, int *m, int *d)
{
	int yy = 0, mm = 0, dd = 0;

	if (!s)
		return false;
	if (!parse_br_date(s, len, &yy, &mm, &dd) && !parse_iso_date(s, len, &yy, &mm, &dd))
		return false;
	if (!real_date(yy, mm, dd))
		return false;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return true;
}

/* Writes v as exactly `width` digits (v is non-negative and fits). */
static size_t put_digits(char *p, int v, size_t width)
{
	for (size_t i = width; i > 0; i--) {
		p[i - 1] = (char)('0' + v % 10);
		v /= 10;
	}
	return width;
}

/* Dates that are not real calendar dates in range format as "". */
void date_format_br(int y, int m, int d, char *out, size_t cap)
{
	char tmp[10];
	size_t n = 0;

	if (!real_date(y, m, d)) {
		set_empty(out, cap);
		return;
	}
	n += put_digits(tmp + n, d, 2);
	tmp[n++] = '/';
	n += put_digits(tmp + n, m, 2);
	tmp[n++] = '/';
	n += put_digits(tmp + n, y, 4);
	copy_truncated(tmp, n, out, cap);
}

void date_format_iso(int y, int m, int d, char *out, size_t cap)
{
	char tmp[10];
	size_t n = 0;

	if (!real_date(y, m, d)) {
		set_empty(out, cap);
		return;
	}
	n += put_digits(tmp + n, y, 4);
	tmp[n++] = '-';
	n += put_digits(tmp + n, m, 2);
	tmp[n++] = '-';
	n += put_digits(tmp + n, d, 2);
	copy_truncated(tmp, n, out, cap);
}

void date_today_iso(char out[11])
{
	time_t now = time(NULL) - 3 * 3600;
	struct tm tm;
	gmtime_r(&now, &tm);
	date_format_iso(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out, 11);
}
