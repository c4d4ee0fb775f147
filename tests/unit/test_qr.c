/* Unit tests for lib/web/qr.c: PNG QR codes read back by a real decoder (zbarimg, Debian
 * zbar-tools). A missing zbarimg fails the test: without it nothing here is checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/strbuf.h"
#include "br/pix.h"
#include "web/qr.h"

#define ZBARIMG "zbarimg"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A PNG signature and an IHDR for a square 1-bit grayscale image a multiple of scale. */
static void check_png_header(const struct strbuf *png, int scale)
{
	const unsigned char *p = (const unsigned char *)png->buf;

	assert_true(png->len > 33);
	assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(p + 12, "IHDR", 4);
	uint32_t w = be32(p + 16), h = be32(p + 20);
	assert_int_equal(w, h);
	assert_int_equal(w % (uint32_t)scale, 0);
	assert_true(w / (uint32_t)scale >= 21 + 8);   /* version 1 and the quiet zone */
	assert_int_equal(p[24], 1);   /* bit depth */
	assert_int_equal(p[25], 0);   /* grayscale */
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* What zbarimg --raw reads from the PNG file at path, into text; NULL, or why not. */
static const char *zbar_read(const char *path, struct strbuf *text)
{
	struct strbuf cmd = STRBUF_INIT;
	char chunk[512];
	size_t n;

	/* stderr aside: zbarimg may complain there of a missing D-Bus, harmlessly. */
	if (SB_CAT(&cmd, ZBARIMG " --raw -q '", path, "' 2>/dev/null") != 0)
		return "out of memory";
	FILE *p = popen(cmd.buf, "r");
	sb_free(&cmd);
	if (!p)
		return "popen failed";
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		if (sb_append(text, chunk, n) != 0)
			break;
	int status = pclose(p);
	if (status == -1 || !WIFEXITED(status))
		return "zbarimg did not run";
	if (WEXITSTATUS(status) == 127)
		return "zbarimg not found: install zbar-tools (apt-get install zbar-tools)";
	if (WEXITSTATUS(status) != 0)
		return "zbarimg found no code (or failed)";
	return NULL;
}

/* Text -> PNG -> zbarimg -> the same text, byte for byte. */
static void expect_round_trip(const char *text, int scale)
{
	struct strbuf png = STRBUF_INIT, got = STRBUF_INIT, want = STRBUF_INIT;
	char path[] = "/tmp/test_qr_XXXXXX";

	assert_int_equal(qr_png(text, scale, &png), 0);
	check_png_header(&png, scale);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, png.buf, png.len);
	const char *err = zbar_read(path, &got);
	unlink(path);   /* before any assertion can jump out */
	if (err)
		fail_msg("%s", err);
	assert_int_equal(SB_CAT(&want, text, "\n"), 0);   /* zbarimg ends with a newline */
	assert_string_equal(sb_str(&got), sb_str(&want));
	sb_free(&png);
	sb_free(&got);
	sb_free(&want);
}

static void test_brcode_round_trip(void **state)
{
	(void)state;
	struct pix_payee p = { "123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal",
			       "BRASILIA" };
	struct strbuf code = STRBUF_INIT;

	assert_int_equal(pix_brcode(&p, 0, NULL, &code), 0);
	expect_round_trip(code.buf, 4);
	expect_round_trip(code.buf, 2);
	sb_reset(&code);
	p.key = "contato@escritorio-exemplo.com.br";
	p.name = "Escritório Exemplo Contabilidade";
	p.city = "São José dos Campos";
	assert_int_equal(pix_brcode(&p, 123456, "HON202603C000123", &code), 0);
	expect_round_trip(code.buf, 6);
	sb_free(&code);
}

static void test_other_text(void **state)
{
	(void)state;
	expect_round_trip("otpauth://totp/Portal%20Cont%C3%A1bil:ana%40demo.com.br?secret="
			  "JBSWY3DPEHPK3PXP&issuer=Portal%20Cont%C3%A1bil", 5);
	expect_round_trip("A", 3);
}

static void test_refused(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	char *big = malloc(4000);

	assert_non_null(big);
	memset(big, 'x', 3999);
	big[3999] = '\0';   /* beyond version 40-M's 2,331 bytes */
	assert_int_equal(sb_puts(&out, "antes"), 0);
	assert_int_equal(qr_png("abc", 0, &out), -1);
	assert_int_equal(qr_png("abc", QR_PNG_SCALE_MAX + 1, &out), -1);
	assert_int_equal(qr_png("abc", -3, &out), -1);
	assert_int_equal(qr_png(NULL, 4, &out), -1);
	assert_int_equal(qr_png(big, 4, &out), -1);
	assert_string_equal(sb_str(&out), "antes");
	free(big);
	sb_free(&out);
}

/* Appends: what out held stays in front of the PNG. */
static void test_appends(void **state)
{
	(void)state;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	assert_int_equal(qr_png("abc", 1, &a), 0);
	assert_int_equal(sb_puts(&b, "xyz"), 0);
	assert_int_equal(qr_png("abc", 1, &b), 0);
	assert_int_equal(b.len, a.len + 3);
	assert_memory_equal(b.buf, "xyz", 3);
	assert_memory_equal(b.buf + 3, a.buf, a.len);
	sb_reset(&a);
	assert_int_equal(qr_png("abc", QR_PNG_SCALE_MAX, &a), 0);
	check_png_header(&a, QR_PNG_SCALE_MAX);
	sb_free(&a);
	sb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brcode_round_trip),
		cmocka_unit_test(test_other_text),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_appends),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
