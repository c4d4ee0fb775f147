/* libFuzzer target for lib/br/pix.c: pix_key_parse and pix_text_shorten on the raw
 * input, and pix_brcode on
 * the input split as 8 bytes of amount, then key, name, city and txid separated by NUL
 * bytes; with what must hold of every key and every BR Code.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "br/pix.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)
#define PREFIX "x"   /* what out held before: calls append, or leave it as it was */
#define FIELDS 4     /* key, name, city, txid */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int all_of(const char *s, size_t len, int (*ok)(char))
{
	for (size_t i = 0; i < len; i++)
		if (!ok(s[i]))
			return 0;
	return 1;
}

static int printable(char c)
{
	return c >= 0x20 && c < 0x7F;
}

static int doc_char(char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z');
}

static int not_upper(char c)
{
	return printable(c) && !(c >= 'A' && c <= 'Z');
}

static int uuid_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || c == '-';
}

/* The shape each type's normalised form must have. */
static void check_key_shape(enum pix_key_type t, const char *k, size_t len)
{
	switch (t) {
	case PIX_KEY_CPF:
		CHECK(len == 11 && all_of(k, len, is_digit));
		break;
	case PIX_KEY_CNPJ:
		CHECK(len == 14 && all_of(k, len, doc_char) && is_digit(k[12]) && is_digit(k[13]));
		break;
	case PIX_KEY_EMAIL:
		CHECK(len <= PIX_KEY_MAX && memchr(k, '@', len) && all_of(k, len, not_upper));
		break;
	case PIX_KEY_PHONE:
		CHECK((len == 13 || len == 14) && strncmp(k, "+55", 3) == 0);
		CHECK(all_of(k + 1, len - 1, is_digit));
		break;
	case PIX_KEY_RANDOM:
		CHECK(len == 36 && all_of(k, len, uuid_char));
		break;
	case PIX_KEY_NONE:
		abort();
	}
	CHECK(pix_key_type_name(t)[0] != '\0');
}

/* Parses s; a key found is checked, parsed again unchanged, and copied to *norm (caller
 * frees; NULL when refused). */
static void fuzz_key(const char *s, char **norm)
{
	struct strbuf out = STRBUF_INIT, again = STRBUF_INIT;
	const char *err = NULL;

	*norm = NULL;
	CHECK(sb_puts(&out, PREFIX) == 0);
	enum pix_key_type t = pix_key_parse(s, &out, &err);
	CHECK(strncmp(sb_str(&out), PREFIX, 1) == 0);
	if (t == PIX_KEY_NONE) {
		CHECK(err && strncmp(err, "Chave PIX", 9) == 0);
		CHECK(out.len == 1);
		sb_free(&out);
		return;
	}
	const char *k = out.buf + 1;
	check_key_shape(t, k, out.len - 1);
	CHECK(pix_key_parse(k, &again, &err) == t);
	CHECK(strcmp(sb_str(&again), k) == 0);
	*norm = strdup(k);
	sb_free(&out);
	sb_free(&again);
}

/* Walks the BR Code's fields: ids in the order pix_brcode writes them, lengths to the
 * end, sizes within their limits, the CRC right. */
static void check_brcode(const char *code, size_t len, int64_t centavos)
{
	static const char *const order[] = { "00", "26", "52", "53", "54", "58", "59", "60",
					     "62", "63" };
	size_t i = 0, k = 0;

	CHECK(all_of(code, len, printable));
	while (i < len) {
		CHECK(i + 4 <= len && is_digit(code[i + 2]) && is_digit(code[i + 3]));
		size_t n = (size_t)(code[i + 2] - '0') * 10 + (size_t)(code[i + 3] - '0');
		CHECK(i + 4 + n <= len);
		while (k < 10 && strncmp(code + i, order[k], 2) != 0)
			k++;
		CHECK(k < 10);
		CHECK(strncmp(order[k], "59", 2) != 0 || (n >= 1 && n <= 25));
		CHECK(strncmp(order[k], "60", 2) != 0 || (n >= 1 && n <= 15));
		CHECK(strncmp(order[k], "54", 2) != 0 || centavos > 0);
		i += 4 + n;
		k++;
	}
	CHECK(i == len && k == 10);   /* 63 came, and came last */
	char crc[4];
	const char *hex = "0123456789ABCDEF";
	uint16_t c = pix_crc16(code, len - 4);
	for (int d = 0; d < 4; d++)
		crc[d] = hex[(c >> (12 - 4 * d)) & 0xF];
	CHECK(memcmp(code + len - 4, crc, 4) == 0);
}

static void brcode_once(const struct pix_payee *p, int64_t centavos, const char *txid)
{
	struct strbuf out = STRBUF_INIT;

	CHECK(sb_puts(&out, PREFIX) == 0);
	if (pix_brcode(p, centavos, txid, &out) == 0) {
		CHECK(centavos >= 0 && centavos <= PIX_AMOUNT_MAX);
		check_brcode(out.buf + 1, out.len - 1, centavos);
	} else {
		CHECK(out.len == 1 && strcmp(out.buf, PREFIX) == 0);
	}
	sb_free(&out);
}

/* Splits rest (size bytes) at NUL bytes into up to FIELDS exact-size heap strings. */
static size_t split(const uint8_t *rest, size_t size, char *field[FIELDS])
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= size && n < FIELDS; i++) {
		if (i < size && rest[i] != 0)
			continue;
		field[n] = malloc(i - start + 1);
		CHECK(field[n]);
		memcpy(field[n], rest + start, i - start);
		field[n][i - start] = '\0';
		n++;
		start = i + 1;
	}
	return n;
}

static void fuzz_brcode(const uint8_t *data, size_t size)
{
	char *field[FIELDS] = { NULL, NULL, NULL, NULL }, *norm;
	int64_t raw;

	if (size < 8)
		return;
	memcpy(&raw, data, 8);
	size_t n = split(data + 8, size - 8, field);
	if (n < 3)
		goto done;
	fuzz_key(field[0], &norm);
	struct pix_payee p = { field[0], field[1], field[2] };
	/* The raw key (refused unless already normalised), then the key pix_key_parse made. */
	brcode_once(&p, raw, field[3]);
	if (norm) {
		p.key = norm;
		int64_t fair = (int64_t)((uint64_t)raw % (uint64_t)(PIX_AMOUNT_MAX + 2)) - 1;
		brcode_once(&p, fair, field[3]);
		brcode_once(&p, 0, NULL);
		free(norm);
	}
done:
	for (size_t i = 0; i < n; i++)
		free(field[i]);
}

/* The shorter form offered for a name or city: within max, ASCII, and one the BR Code
 * takes whole; an ambiguous key parses both ways. */
static void fuzz_shorten(const char *s)
{
	static const size_t maxes[] = { PIX_NAME_MAX, PIX_CITY_MAX, 1 };
	for (size_t i = 0; i < sizeof maxes / sizeof *maxes; i++) {
		struct strbuf out = STRBUF_INIT;
		CHECK(sb_puts(&out, PREFIX) == 0);
		if (pix_text_shorten(s, maxes[i], &out) == 0) {
			const char *v = out.buf + 1;
			size_t len = out.len - 1;
			CHECK(len >= 1 && len <= maxes[i] && all_of(v, len, printable));
			CHECK(v[0] != ' ' && v[len - 1] != ' ');
			CHECK(pix_text_length(v) == (long)len);
		} else {
			CHECK(out.len == 1);
		}
		sb_free(&out);
	}
	if (pix_key_ambiguous(s)) {
		struct strbuf out = STRBUF_INIT;
		const char *err;
		CHECK(pix_key_parse_as(s, PIX_KEY_CPF, &out, &err) == PIX_KEY_CPF);
		sb_reset(&out);
		CHECK(pix_key_parse_as(s, PIX_KEY_PHONE, &out, &err) == PIX_KEY_PHONE);
		sb_free(&out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* pix_key_parse takes a C string: the input up to its first NUL, exact-size copy. */
	char *cstr = malloc(size + 1), *norm;

	if (!cstr)
		return 0;
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	fuzz_key(cstr, &norm);
	free(norm);
	fuzz_shorten(cstr);
	free(cstr);
	fuzz_brcode(data, size);
	return 0;
}
