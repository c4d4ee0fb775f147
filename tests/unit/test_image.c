/* Unit tests for lib/web/image.c: a JPEG made here with libjpeg is taken whole and
 * refused cut short (its first half, or without its end marker). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jpeglib.h>

#include "web/image.h"

/* A w × h colour JPEG of a gradient (so the compressed data is not trivially short). */
static unsigned char *make_jpeg(unsigned w, unsigned h, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, len);
	c.image_width = w;
	c.image_height = h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	jpeg_start_compress(&c, TRUE);
	JSAMPLE *row = malloc((size_t)w * 3);
	assert_non_null(row);
	while (c.next_scanline < h) {
		for (unsigned x = 0; x < w; x++) {
			row[3 * x] = (JSAMPLE)(x * 255 / w);
			row[3 * x + 1] = (JSAMPLE)(c.next_scanline * 255 / h);
			row[3 * x + 2] = (JSAMPLE)((x ^ c.next_scanline) & 0xff);
		}
		JSAMPROW rows[1] = { row };
		jpeg_write_scanlines(&c, rows, 1);
	}
	free(row);
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return out;
}

static void test_whole_jpeg(void **state)
{
	(void)state;
	unsigned long len = 0;
	unsigned char *jpg = make_jpeg(120, 40, &len);
	struct image_info info = { 0 };
	assert_null(image_check(jpg, len, 512, &info));
	assert_string_equal(info.content_type, "image/jpeg");
	assert_int_equal(info.width, 120);
	assert_int_equal(info.height, 40);
	/* Too big a side: refused with the limit. */
	assert_non_null(strstr(image_check(jpg, len, 100, &info), "100"));
	free(jpg);
}

static void test_first_half(void **state)
{
	(void)state;
	unsigned long len = 0;
	unsigned char *jpg = make_jpeg(120, 40, &len);
	struct image_info info = { 0 };
	assert_non_null(image_check(jpg, len / 2, 512, &info));
	free(jpg);
}

static void test_no_end_marker(void **state)
{
	(void)state;
	unsigned long len = 0;
	unsigned char *jpg = make_jpeg(120, 40, &len);
	assert_true(len > 2);
	assert_int_equal(jpg[len - 2], 0xFF);
	assert_int_equal(jpg[len - 1], 0xD9);   /* EOI */
	struct image_info info = { 0 };
	assert_non_null(image_check(jpg, len - 2, 512, &info));
	free(jpg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_jpeg),
		cmocka_unit_test(test_first_half),
		cmocka_unit_test(test_no_end_marker),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
