#include "web/qr.h"

#include <qrencode.h>

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
