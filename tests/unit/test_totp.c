/* Unit tests for lib/acesso/totp.c (RFC 6238 test vectors, the tolerance of one step, typed
 * codes), lib/web/qr.c (an SVG comes out) and lib/web/image.c (PNG checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "web/image.h"
#include "web/qr.h"
#include "base/strbuf.h"
#include "acesso/totp.h"

/* RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890". */
static const unsigned char rfc_secret[] = "12345678901234567890";

static void test_rfc6238_vectors(void **state)
{
	(void)state;
	static const struct { time_t t; const char *code; } v[] = {
		{ 59, "94287082" }, { 1111111109, "07081804" }, { 1111111111, "14050471" },
		{ 1234567890, "89005924" }, { 2000000000, "69279037" },
		{ (time_t)20000000000LL, "65353130" },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char out[9];
		assert_int_equal(totp_code(rfc_secret, 20, v[i].t, 8, out), 0);
		assert_string_equal(out, v[i].code);
		/* The 6-digit code is the last six digits of the 8-digit one. */
		assert_int_equal(totp_code(rfc_secret, 20, v[i].t, 6, out), 0);
		assert_string_equal(out, v[i].code + 2);
	}
}

static void test_verify_window(void **state)
{
	(void)state;
	const time_t now = 1111111111;
	char code[7];
	uint64_t step = 0;
	assert_int_equal(totp_code(rfc_secret, 20, now, 6, code), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, now, code, &step), 1);
	assert_int_equal(step, now / 30);
	/* One step either side is accepted (clocks drift), with its own counter. */
	assert_int_equal(totp_code(rfc_secret, 20, now - 30, 6, code), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, now, code, &step), 1);
	assert_int_equal(step, now / 30 - 1);
	assert_int_equal(totp_code(rfc_secret, 20, now + 30, 6, code), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, now, code, &step), 1);
	assert_int_equal(step, now / 30 + 1);
	/* Two steps away is not. */
	assert_int_equal(totp_code(rfc_secret, 20, now + 60, 6, code), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, now, code, &step), 0);
	assert_int_equal(totp_code(rfc_secret, 20, now - 90, 6, code), 0);
	assert_int_equal(totp_verify(rfc_secret, 20, now, code, &step), 0);
}

static void test_typed_codes(void **state)
{
	(void)state;
	char out[7];
	assert_true(totp_normalise("123 456", out));
	assert_string_equal(out, "123456");
	assert_true(totp_normalise("123-456", out));
	assert_false(totp_normalise("12345", out));
	assert_false(totp_normalise("1234567", out));
	assert_false(totp_normalise("12a456", out));
	assert_false(totp_normalise("", out));
	uint64_t step;
	assert_int_equal(totp_verify(rfc_secret, 20, 59, "abcdef", &step), 0);
}

static void test_uri_and_base32(void **state)
{
	(void)state;
	char *b32 = totp_base32(rfc_secret, 20);
	assert_non_null(b32);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	free(b32);
	char *uri = totp_uri("Silva & Filhos", "ana@silva.com.br", rfc_secret, 20);
	assert_non_null(uri);
	assert_string_equal(uri, "otpauth://totp/Silva%20%26%20Filhos:ana%40silva.com.br?"
			    "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Silva%20%26%20Filhos"
			    "&algorithm=SHA1&digits=6&period=30");
	free(uri);
}

static void test_qr_svg(void **state)
{
	(void)state;
	struct strbuf s = STRBUF_INIT;
	assert_int_equal(qr_svg("otpauth://totp/x:y?secret=ABC", &s), 0);
	assert_non_null(strstr(sb_str(&s), "<svg xmlns="));
	assert_non_null(strstr(sb_str(&s), "<path fill=\"#000\" d=\"M4 4h7v1h-7z"));  /* finder */
	assert_non_null(strstr(sb_str(&s), "</svg>"));
	sb_free(&s);
}

/* A grey PNG of w x h built here (zlib), optionally with a corrupted CRC. */
static unsigned char *png(unsigned w, unsigned h, bool bad_crc, size_t *len)
{
	size_t raw_len = (size_t)h * (w + 1);
	unsigned char *raw = calloc(1, raw_len);
	uLongf zlen = compressBound(raw_len);
	unsigned char *z = malloc(zlen);
	assert_non_null(raw);
	assert_non_null(z);
	assert_int_equal(compress(z, &zlen, raw, raw_len), Z_OK);
	free(raw);
	size_t cap = 8 + 25 + 12 + zlen + 12;
	unsigned char *p = malloc(cap), *q = p;
	assert_non_null(p);
	memcpy(q, "\x89PNG\r\n\x1a\n", 8);
	q += 8;
	const struct { const char *type; unsigned char data[13]; size_t n; } ihdr = {
		"IHDR", { (unsigned char)(w >> 24), (unsigned char)(w >> 16), (unsigned char)(w >> 8),
			  (unsigned char)w, (unsigned char)(h >> 24), (unsigned char)(h >> 16),
			  (unsigned char)(h >> 8), (unsigned char)h, 8, 0, 0, 0, 0 }, 13 };
	const unsigned char *datas[3] = { ihdr.data, z, NULL };
	const size_t lens[3] = { 13, zlen, 0 };
	const char *types[3] = { "IHDR", "IDAT", "IEND" };
	for (int i = 0; i < 3; i++) {
		size_t n = lens[i];
		q[0] = (unsigned char)(n >> 24); q[1] = (unsigned char)(n >> 16);
		q[2] = (unsigned char)(n >> 8); q[3] = (unsigned char)n;
		memcpy(q + 4, types[i], 4);
		if (n)
			memcpy(q + 8, datas[i], n);
		uLong crc = crc32(0, q + 4, (uInt)(4 + n));
		if (bad_crc && i == 1)
			crc ^= 1;
		q[8 + n] = (unsigned char)(crc >> 24); q[9 + n] = (unsigned char)(crc >> 16);
		q[10 + n] = (unsigned char)(crc >> 8); q[11 + n] = (unsigned char)crc;
		q += 12 + n;
	}
	free(z);
	*len = (size_t)(q - p);
	return p;
}

static void test_image_check(void **state)
{
	(void)state;
	struct image_info info;
	size_t n;
	unsigned char *ok = png(120, 40, false, &n);
	assert_null(image_check(ok, n, 2000, &info));
	assert_string_equal(info.content_type, "image/png");
	assert_int_equal(info.width, 120);
	assert_int_equal(info.height, 40);
	/* Cut short: refused. */
	assert_non_null(image_check(ok, n - 20, 2000, &info));
	free(ok);
	unsigned char *bad = png(40, 40, true, &n);
	assert_non_null(image_check(bad, n, 2000, &info));
	free(bad);
	unsigned char *big = png(3000, 10, false, &n);
	const char *why = image_check(big, n, 2000, &info);
	assert_non_null(why);
	assert_non_null(strstr(why, "grande demais"));
	free(big);
	assert_non_null(image_check((const unsigned char *)"GIF89a....", 10, 2000, &info));
	assert_non_null(image_check((const unsigned char *)"\xff\xd8\xff\xe0garbage", 11, 2000, &info));
	assert_non_null(image_check((const unsigned char *)"", 0, 2000, &info));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_verify_window),
		cmocka_unit_test(test_typed_codes),
		cmocka_unit_test(test_uri_and_base32),
		cmocka_unit_test(test_qr_svg),
		cmocka_unit_test(test_image_check),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
