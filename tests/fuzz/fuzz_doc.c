/* libFuzzer target for lib/br/doc.c, lib/br/valid.c and lib/br/money.c: every parser on the raw
 * input, every formatter at every small capacity, and the round trips that must hold.
 * Everything here is static: the Makefile links this file with all of lib/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "br/doc.h"
#include "br/money.h"
#include "br/valid.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* Calls fmt(out, cap) for cap 0..full with out exactly cap bytes on the heap (so ASan
 * sees any write past it), and checks each result is the NUL-terminated prefix of the
 * full output. cap 0 gets a one-byte buffer that must stay untouched. */
typedef void (*format_fn)(const void *arg, char *out, size_t cap);

static void check_truncation(format_fn fmt, const void *arg, size_t full_cap)
{
	char *full = malloc(full_cap);
	size_t full_len;

	CHECK(full);
	fmt(arg, full, full_cap);
	full_len = strnlen(full, full_cap);
	CHECK(full_len < full_cap);
	for (size_t cap = 0; cap <= full_len + 1; cap++) {
		char *out = malloc(cap ? cap : 1);
		CHECK(out);
		out[0] = '#';
		fmt(arg, out, cap);
		if (cap == 0) {
			CHECK(out[0] == '#');
		} else {
			size_t n = strnlen(out, cap);
			CHECK(n < cap);
			CHECK(n == (full_len < cap - 1 ? full_len : cap - 1));
			CHECK(memcmp(out, full, n) == 0);
		}
		free(out);
	}
	free(full);
}

static void call_doc_format(const void *arg, char *out, size_t cap)
{
	doc_format(arg, out, cap);
}

static void call_phone_format(const void *arg, char *out, size_t cap)
{
	phone_format(arg, out, cap);
}

static void call_cep_format(const void *arg, char *out, size_t cap)
{
	cep_format(arg, out, cap);
}

struct date { int y, m, d; };

static void call_date_br(const void *arg, char *out, size_t cap)
{
	const struct date *dt = arg;
	date_format_br(dt->y, dt->m, dt->d, out, cap);
}

static void call_date_iso(const void *arg, char *out, size_t cap)
{
	const struct date *dt = arg;
	date_format_iso(dt->y, dt->m, dt->d, out, cap);
}

struct amount { int64_t v; bool sym; };

static void call_money_format(const void *arg, char *out, size_t cap)
{
	const struct amount *a = arg;
	money_format(a->v, a->sym, out, cap);
}

/* A parsed document is valid, and parses back from its formatted form. */
static void fuzz_doc(const uint8_t *data, size_t size, const char *cstr)
{
	char bare[DOC_BARE_MAX], fmt[DOC_FMT_MAX], back[DOC_BARE_MAX];
	enum doc_kind kind = doc_parse((const char *)data, size, bare);

	check_truncation(call_doc_format, cstr, 64);
	if (kind == DOC_INVALID) {
		CHECK(bare[0] == '\0');
		return;
	}
	CHECK(kind == DOC_CPF || kind == DOC_CNPJ);
	CHECK(kind == DOC_CPF ? cpf_valid(bare, strlen(bare)) : cnpj_valid(bare, strlen(bare)));
	doc_format(bare, fmt, sizeof(fmt));
	CHECK(strlen(fmt) == (kind == DOC_CPF ? 14u : 18u));
	CHECK(doc_parse(fmt, strlen(fmt), back) == kind);
	CHECK(strcmp(back, bare) == 0);
	CHECK(doc_parse(bare, strlen(bare), back) == kind);
	check_truncation(call_doc_format, bare, DOC_FMT_MAX);
}

static void fuzz_valid(const uint8_t *data, size_t size, const char *cstr)
{
	const char *s = (const char *)data;
	char out[16], fmt[32], back[16];
	int y, m, d, y2, m2, d2;

	if (valid_email(s, size))
		CHECK(size <= 254 && memchr(s, '@', size) && !memchr(s, ' ', size));

	if (valid_phone(s, size, out, 12)) {
		size_t n = strlen(out);
		CHECK(n == 10 || n == 11);
		phone_format(out, fmt, sizeof(fmt));
		CHECK(valid_phone(fmt, strlen(fmt), back, sizeof(back)));
		CHECK(strcmp(out, back) == 0);
	}
	check_truncation(call_phone_format, cstr, 64);

	if (valid_cep(s, size, out, 9)) {
		CHECK(strlen(out) == 8);
		cep_format(out, fmt, sizeof(fmt));
		CHECK(valid_cep(fmt, strlen(fmt), back, sizeof(back)));
		CHECK(strcmp(out, back) == 0);
	}
	check_truncation(call_cep_format, cstr, 64);

	if (valid_uf(s, size, out, 3)) {
		CHECK(strlen(out) == 2);
		CHECK(valid_uf(out, 2, back, sizeof(back)) && strcmp(out, back) == 0);
	}

	if (valid_date(s, size, &y, &m, &d)) {
		struct date dt = { y, m, d };
		date_format_br(y, m, d, fmt, sizeof(fmt));
		CHECK(valid_date(fmt, strlen(fmt), &y2, &m2, &d2));
		CHECK(y == y2 && m == m2 && d == d2);
		date_format_iso(y, m, d, fmt, sizeof(fmt));
		CHECK(valid_date(fmt, strlen(fmt), &y2, &m2, &d2));
		CHECK(y == y2 && m == m2 && d == d2);
		check_truncation(call_date_br, &dt, 16);
		check_truncation(call_date_iso, &dt, 16);
	}
	/* Arbitrary integers: formatters must stay in bounds (and print "" if not a date). */
	if (size >= 12) {
		struct date dt;
		memcpy(&dt.y, data, 4);
		memcpy(&dt.m, data + 4, 4);
		memcpy(&dt.d, data + 8, 4);
		check_truncation(call_date_br, &dt, 16);
		check_truncation(call_date_iso, &dt, 16);
	}
}

/* Formatted amounts parse back to the same value, with and without the symbol. */
static void check_money_round_trip(int64_t v)
{
	char fmt[MONEY_FMT_MAX];
	int64_t back;

	for (int sym = 0; sym <= 1; sym++) {
		struct amount a = { v, sym };
		money_format(v, sym, fmt, sizeof(fmt));
		if (v >= -INT64_C(1000000000000000) && v <= INT64_C(1000000000000000)) {
			CHECK(money_parse(fmt, strlen(fmt), &back));
			CHECK(back == v);
		} else {
			CHECK(!money_parse(fmt, strlen(fmt), &back));
		}
		check_truncation(call_money_format, &a, MONEY_FMT_MAX);
	}
}

static void fuzz_money(const uint8_t *data, size_t size)
{
	int64_t v;

	if (money_parse((const char *)data, size, &v)) {
		CHECK(v >= -INT64_C(1000000000000000) && v <= INT64_C(1000000000000000));
		check_money_round_trip(v);
	}
	if (size >= 8) {
		memcpy(&v, data, 8);
		check_money_round_trip(v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The formatters take NUL-terminated strings: give them the input up to its first
	 * NUL, in an exact-size heap copy. */
	char *cstr = malloc(size + 1);

	if (!cstr)
		return 0;
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	fuzz_doc(data, size, cstr);
	fuzz_valid(data, size, cstr);
	fuzz_money(data, size);
	free(cstr);
	return 0;
}
