#include "web/qr.h"

#include <png.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 4

int qr_svg(const char *text, struct strbuf *out)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	int w = q->width, side = w + 2 * QUIET, rc = 0;
	rc |= sb_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
			" width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
			"<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
			side, side, side * 6, side * 6, side, side);
	/* One rectangle per run of dark modules in a row (bit 0 of each byte: dark). */
	for (int y = 0; y < w && rc == 0; y++) {
		for (int x = 0; x < w;) {
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 0;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			rc |= sb_printf(out, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	}
	rc |= sb_puts(out, "\"/></svg>");
	QRcode_free(q);
	return rc ? -1 : 0;
}

/* ---- PNG ---- */

/* Takes out back to len bytes: a failed PNG leaves no half image behind. */
static void cut(struct strbuf *out, size_t len)
{
	if (out->buf && len <= out->len) {
		out->len = len;
		out->buf[len] = '\0';
	}
}

/* libpng writes through this into the strbuf instead of a FILE. */
static void png_to_strbuf(png_structp png, png_bytep data, png_size_t len)
{
	if (sb_append(png_get_io_ptr(png), (const char *)data, len) != 0)
		png_error(png, "out of memory");
}

static void png_no_flush(png_structp png)
{
	(void)png;
}

/* libpng's default handlers print to stderr, which is the web server's log here; the
 * caller reports the failure instead. */
static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* The pixels of module row y (counting the quiet zone), 1 bit each, 1 = white. */
static void fill_row(const QRcode *q, int y, int scale, unsigned char *row, size_t rowbytes)
{
	int w = q->width;

	memset(row, 0xFF, rowbytes);
	if (y < QUIET || y >= QUIET + w)
		return;
	for (int x = 0; x < w; x++) {
		if (!(q->data[(y - QUIET) * w + x] & 1))
			continue;
		for (int s = 0; s < scale; s++) {
			size_t px = (size_t)(x + QUIET) * (size_t)scale + (size_t)s;
			row[px / 8] &= (unsigned char)~(0x80u >> (px % 8));
		}
	}
}

static void emit_png(png_structp png, png_infop info, const QRcode *q, int scale,
		     unsigned char *row, size_t rowbytes)
{
	int side = q->width + 2 * QUIET;
	png_uint_32 px = (png_uint_32)side * (png_uint_32)scale;

	png_set_IHDR(png, info, px, px, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < side; y++) {
		fill_row(q, y, scale, row, rowbytes);
		for (int s = 0; s < scale; s++)
			png_write_row(png, row);
	}
	png_write_end(png, info);
}

/* libpng reports errors by longjmp: png and info are set before setjmp and not changed
 * after it, so they are still good when it returns again. */
static int write_png(const QRcode *q, int scale, unsigned char *row, size_t rowbytes,
		     struct strbuf *out)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail,
						  png_warn);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return -1;
	}
	png_set_write_fn(png, out, png_to_strbuf, png_no_flush);
	emit_png(png, info, q, scale, row, rowbytes);
	png_destroy_write_struct(&png, &info);
	return 0;
}

int qr_png(const char *text, int scale, struct strbuf *out)
{
	size_t start, rowbytes;
	unsigned char *row;
	QRcode *q;
	int rc;

	if (!text || !out || scale < 1 || scale > QR_PNG_SCALE_MAX)
		return -1;
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	start = out->len;
	rowbytes = ((size_t)(q->width + 2 * QUIET) * (size_t)scale + 7) / 8;
	row = malloc(rowbytes);
	rc = row ? write_png(q, scale, row, rowbytes, out) : -1;
	if (rc != 0)
		cut(out, start);
	free(row);
	QRcode_free(q);
	return rc;
}
