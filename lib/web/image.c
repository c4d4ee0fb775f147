#include "web/image.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

static const char not_image[] =
	"O arquivo não é uma imagem PNG ou JPEG válida (pode estar corrompido).";
static const char too_big[] =
	"A imagem é grande demais: use no máximo %u × %u pixels.";

/* The message with the limit in it; one static buffer: a worker handles one request. */
static const char *too_big_msg(unsigned max_side)
{
	static char msg[128];
	snprintf(msg, sizeof msg, too_big, max_side, max_side);
	return msg;
}

static const char *check_png(const unsigned char *data, size_t len, unsigned max_side,
			     struct image_info *info)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len))
		return not_image;
	if (img.width == 0 || img.height == 0 || img.width > max_side || img.height > max_side) {
		png_image_free(&img);
		return img.width && img.height ? too_big_msg(max_side) : not_image;
	}
	/* Decoded to one byte a pixel: the whole image is read (every chunk's CRC and the
	 * compressed data checked) in width × height bytes. */
	img.format = PNG_FORMAT_GRAY;
	size_t size = PNG_IMAGE_SIZE(img);
	unsigned char *buf = malloc(size);
	if (!buf) {
		png_image_free(&img);
		return not_image;
	}
	int ok = png_image_finish_read(&img, NULL, buf, 0, NULL);
	free(buf);
	png_image_free(&img);
	if (!ok)
		return not_image;
	info->content_type = "image/png";
	info->width = img.width;
	info->height = img.height;
	return NULL;
}

struct jpeg_fail {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

static void jpeg_on_error(j_common_ptr c)
{
	longjmp(((struct jpeg_fail *)c->err)->jump, 1);
}

/* Nothing printed, but warnings (level -1: corrupt or cut-short data, which libjpeg
 * decodes anyway with grey rows) are counted as its own emit_message would. */
static void jpeg_quiet(j_common_ptr c, int level)
{
	if (level < 0)
		c->err->num_warnings++;
}

static const char *check_jpeg(const unsigned char *data, size_t len, unsigned max_side,
			      struct image_info *info)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail err;
	JSAMPLE *volatile row = NULL;
	const char *volatile why = not_image;
	memset(&cinfo, 0, sizeof cinfo);
	cinfo.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = jpeg_on_error;
	err.pub.emit_message = jpeg_quiet;
	if (setjmp(err.jump)) {
		free(row);
		jpeg_destroy_decompress(&cinfo);
		return why;
	}
	jpeg_create_decompress(&cinfo);
	cinfo.mem->max_memory_to_use = 32L * 1024 * 1024;
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
		longjmp(err.jump, 1);
	if (cinfo.image_width > max_side || cinfo.image_height > max_side) {
		why = too_big_msg(max_side);
		longjmp(err.jump, 1);
	}
	cinfo.out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(&cinfo);
	row = malloc(cinfo.output_width * (size_t)cinfo.output_components);
	if (!row)
		longjmp(err.jump, 1);
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW rows[1] = { row };
		if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
			longjmp(err.jump, 1);
	}
	/* A file cut short decodes with a warning and grey rows; one missing only its end
	 * marker warns when the rest is read to EOI: refuse both. */
	if (err.pub.num_warnings)
		longjmp(err.jump, 1);
	jpeg_finish_decompress(&cinfo);
	if (err.pub.num_warnings)
		longjmp(err.jump, 1);
	info->content_type = "image/jpeg";
	info->width = cinfo.image_width;
	info->height = cinfo.image_height;
	free(row);
	jpeg_destroy_decompress(&cinfo);
	return NULL;
}

const char *image_check(const unsigned char *data, size_t len, unsigned max_side,
			struct image_info *info)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (len >= 8 && memcmp(data, png_sig, 8) == 0)
		return check_png(data, len, max_side, info);
	if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
		return check_jpeg(data, len, max_side, info);
	return "O arquivo não é uma imagem PNG ou JPEG. Envie o logotipo num desses formatos.";
}
