#include "br/money.h"

#include "base/strbuf.h"

#include <stdio.h>
#include <string.h>

#define MONEY_MAX_CENTAVOS 1000000000000000ULL      /* 10^15 */
#define MONEY_MAX_REAIS (MONEY_MAX_CENTAVOS / 100)  /* 10^13 */

/* A cursor over the input, so the small parsers below share position and bounds. */
struct cursor {
	const char *s;
	size_t len, pos;
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool at_end(const struct cursor *c)
{
	return c->pos >= c->len;
}

static bool peek_is(const struct cursor *c, char ch)
{
	return c->pos < c->len && c->s[c->pos] == ch;
}

static bool peek_digit_at(const struct cursor *c, size_t off)
{
	return off < c->len - c->pos && is_digit(c->s[c->pos + off]);
}

/* Number of digits starting off bytes past the cursor (not consumed). */
static size_t digit_run_at(const struct cursor *c, size_t off)
{
	size_t n = 0;

	while (peek_digit_at(c, off + n))
		n++;
	return n;
}

static size_t digit_run(const struct cursor *c)
{
	return digit_run_at(c, 0);
}

/* Consumes n digits into *value; false once the amount passes 10^13 reais (which also
 * keeps the arithmetic far from overflow). */
static bool take_digits(struct cursor *c, size_t n, uint64_t *value)
{
	for (size_t i = 0; i < n; i++) {
		*value = *value * 10 + (uint64_t)(c->s[c->pos++] - '0');
		if (*value > MONEY_MAX_REAIS)
			return false;
	}
	return true;
}

/* "R$" then spaces (ASCII or the UTF-8 no-break space that browsers and spreadsheets
 * put after the symbol). */
static void skip_symbol(struct cursor *c)
{
	if (c->len - c->pos < 2 || memcmp(c->s + c->pos, "R$", 2) != 0)
		return;
	c->pos += 2;
	for (;;) {
		if (peek_is(c, ' '))
			c->pos++;
		else if (c->len - c->pos >= 2 && memcmp(c->s + c->pos, "\xC2\xA0", 2) == 0)
			c->pos += 2;
		else
			break;
	}
}

/* An optional sign and symbol in either order: "-R$ 10", "R$ -10", "-10". */
static void parse_prefix(struct cursor *c, bool *negative)
{
	size_t before;

	*negative = false;
	if (peek_is(c, '-')) {
		*negative = true;
		c->pos++;
	}
	before = c->pos;
	skip_symbol(c);
	if (c->pos != before && !*negative && peek_is(c, '-')) {
		*negative = true;
		c->pos++;
	}
}

/* Thousands groups after the leading 1-3 digits: each '.' followed by exactly three
 * digits. */
static bool parse_groups(struct cursor *c, uint64_t *reais)
{
	while (peek_is(c, '.')) {
		c->pos++;
		if (digit_run(c) != 3 || !take_digits(c, 3, reais))
			return false;
	}
	return true;
}

/* One or two decimal digits after the separator, scaled to centavos ("5" is 50). */
static bool parse_fraction(struct cursor *c, unsigned *cents)
{
	size_t n = digit_run(c);
	uint64_t v = 0;

	if (n < 1 || n > 2 || !take_digits(c, n, &v))
		return false;
	*cents = (unsigned)(n == 1 ? v * 10 : v);
	return true;
}

/* The integer part and optional fraction. A first '.' followed by exactly three digits
 * starts thousands groups (which then need a leading group of 1-3 digits not starting
 * with 0, so "0.500" is refused rather than read as 500); any other '.' is a decimal
 * point, allowed only as the sole separator. */
static bool parse_amount(struct cursor *c, uint64_t *centavos)
{
	uint64_t reais = 0;
	unsigned cents = 0;
	char first = peek_digit_at(c, 0) ? c->s[c->pos] : '\0';
	size_t lead = digit_run(c);

	if (lead == 0 || !take_digits(c, lead, &reais))
		return false;
	if (peek_is(c, '.')) {
		if (digit_run_at(c, 1) == 3) {
			if (lead > 3 || first == '0' || !parse_groups(c, &reais))
				return false;
		} else {
			c->pos++;
			if (!parse_fraction(c, &cents) || !at_end(c))
				return false;
		}
	}
	if (peek_is(c, ',')) {
		c->pos++;
		if (!parse_fraction(c, &cents))
			return false;
	}
	if (!at_end(c))
		return false;
	*centavos = reais * 100 + cents;
	return *centavos <= MONEY_MAX_CENTAVOS;
}

bool money_parse(const char *s, size_t len, int64_t *centavos)
{
	struct cursor c = { s, len, 0 };
	bool negative;
	uint64_t value;

	if (!s || !centavos)
		return false;
	parse_prefix(&c, &negative);
	if (!parse_amount(&c, &value))
		return false;
	*centavos = negative ? -(int64_t)value : (int64_t)value;
	return true;
}

/* Writes the magnitude backwards from end: two decimals, a comma, then the integer part
 * with a dot every three digits. Returns the start of the written text. */
static char *format_magnitude(uint64_t u, char *end)
{
	char *p = end;
	uint64_t reais = u / 100;
	unsigned cents = (unsigned)(u % 100);
	int group = 0;

	*--p = (char)('0' + cents % 10);
	*--p = (char)('0' + cents / 10);
	*--p = ',';
	do {
		if (group == 3) {
			*--p = '.';
			group = 0;
		}
		*--p = (char)('0' + reais % 10);
		reais /= 10;
		group++;
	} while (reais > 0);
	return p;
}

/* Any int64_t fits: "-R$ 92.233.720.368.547.758,08" is 29 bytes. */
void money_format(int64_t centavos, bool with_symbol, char *out, size_t cap)
{
	char tmp[MONEY_FMT_MAX];
	char *p;
	size_t len;
	/* Negate in unsigned arithmetic so INT64_MIN has a magnitude too. */
	uint64_t u = centavos < 0 ? 0 - (uint64_t)centavos : (uint64_t)centavos;

	if (!out || cap == 0)
		return;
	p = format_magnitude(u, tmp + sizeof(tmp));
	if (with_symbol) {
		*--p = ' ';
		*--p = '$';
		*--p = 'R';
	}
	if (centavos < 0)
		*--p = '-';
	len = (size_t)(tmp + sizeof(tmp) - p);
	if (len > cap - 1)
		len = cap - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

void number_format(int64_t n, char *out, size_t cap)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? 0 : n));
	size_t o = 0;
	if (cap == 0)
		return;
	for (int i = 0; i < len && o + 1 < cap; i++) {
		if (i && (len - i) % 3 == 0 && o + 2 < cap)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* ------------------------------------------------------------ the amount in words */

static const char *const units[] = { "", "um", "dois", "três", "quatro", "cinco", "seis",
				     "sete", "oito", "nove", "dez", "onze", "doze", "treze",
				     "quatorze", "quinze", "dezesseis", "dezessete", "dezoito",
				     "dezenove" };
static const char *const tens[] = { "", "", "vinte", "trinta", "quarenta", "cinquenta",
				    "sessenta", "setenta", "oitenta", "noventa" };
static const char *const hundreds[] = { "", "cento", "duzentos", "trezentos", "quatrocentos",
					"quinhentos", "seiscentos", "setecentos", "oitocentos",
					"novecentos" };
/* Each group of three digits above the units: its name for one and for more. */
static const struct { const char *one, *many; } scales[] = {
	{ "", "" }, { "mil", "mil" }, { "milhão", "milhões" }, { "bilhão", "bilhões" },
	{ "trilhão", "trilhões" },
};
#define SCALES (sizeof scales / sizeof *scales)

/* 1..999: "cem", "cento e um", "duzentos e trinta e quatro". */
static int words_999(unsigned n, struct strbuf *out)
{
	unsigned h = n / 100, rest = n % 100;
	int rc = 0;

	if (n == 100)
		return sb_puts(out, "cem");
	if (h)
		rc |= sb_puts(out, hundreds[h]);
	if (h && rest)
		rc |= sb_puts(out, " e ");
	if (rest >= 20) {
		rc |= sb_puts(out, tens[rest / 10]);
		if (rest % 10)
			rc |= SB_CAT(out, " e ", units[rest % 10]);
	} else if (rest) {
		rc |= sb_puts(out, units[rest]);
	}
	return rc ? -1 : 0;
}

/* A whole number 1..10^15-1 in words, groups joined the way Portuguese writes them:
 * "e" before the last group when it is below one hundred or a round hundred ("mil e
 * quinhentos", "mil e um"), else a space after "mil" and a comma after the larger ones
 * ("mil duzentos e trinta", "um milhão, duzentos mil e trezentos"). "mil", never "um
 * mil". */
static int words_whole(uint64_t n, struct strbuf *out)
{
	unsigned group[SCALES];
	int top = -1, last = -1, rc = 0;

	for (size_t i = 0; i < SCALES; i++) {
		group[i] = (unsigned)(n % 1000);
		n /= 1000;
		if (group[i]) {
			top = (int)i;
			if (last < 0)
				last = (int)i;
		}
	}
	for (int i = top, prev = -1; i >= 0; i--) {
		if (!group[i])
			continue;
		if (prev >= 0) {
			if (i == last && (group[i] < 100 || group[i] % 100 == 0))
				rc |= sb_puts(out, " e ");
			else
				rc |= sb_puts(out, prev >= 2 ? ", " : " ");
		}
		if (!(i == 1 && group[i] == 1))
			rc |= words_999(group[i], out);
		if (i >= 1)
			rc |= SB_CAT(out, i == 1 && group[i] == 1 ? "" : " ",
				     group[i] == 1 ? scales[i].one : scales[i].many);
		prev = i;
	}
	return rc ? -1 : 0;
}

int money_words(int64_t centavos, struct strbuf *out)
{
	if (!out || centavos < 0 || (uint64_t)centavos >= MONEY_MAX_CENTAVOS)
		return -1;
	uint64_t reais = (uint64_t)centavos / 100;
	unsigned cents = (unsigned)((uint64_t)centavos % 100);
	size_t before = out->len;
	int rc = 0;

	if (reais == 0 && cents == 0)
		return sb_puts(out, "zero reais");
	if (reais) {
		rc |= words_whole(reais, out);
		/* "um milhão de reais": a whole million (or more) takes "de". */
		if (reais >= 1000000 && reais % 1000000 == 0)
			rc |= sb_puts(out, " de");
		rc |= sb_puts(out, reais == 1 ? " real" : " reais");
	}
	if (cents) {
		if (reais)
			rc |= sb_puts(out, " e ");
		rc |= words_999(cents, out);
		rc |= sb_puts(out, cents == 1 ? " centavo" : " centavos");
	}
	if (rc) {
		out->len = before;   /* nothing half-written */
		if (out->buf)
			out->buf[before] = '\0';
		return -1;
	}
	return 0;
}
