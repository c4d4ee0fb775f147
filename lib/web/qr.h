/* qr: a QR code (libqrencode, error correction M) drawn as SVG (one path of the dark
 * modules) or as a PNG, with the 4-module quiet zone. For the second factor's otpauth://
 * URI and PIX BR Codes. */
#ifndef PORTAL_QR_H
#define PORTAL_QR_H

#include "base/strbuf.h"

#define QR_PNG_SCALE_MAX 32   /* pixels per module; 177 modules + quiet zone: 5,920 px */

/* Appends the SVG of text's QR code to out. 0, or -1 (text too long, out of memory). */
int qr_svg(const char *text, struct strbuf *out);

/* Appends text's QR code to out as a PNG (1-bit grayscale, dark modules black), scale
 * (1..QR_PNG_SCALE_MAX) pixels per module. 0, or -1 (text too long, scale out of range,
 * out of memory) with out left as it was. */
int qr_png(const char *text, int scale, struct strbuf *out);

#endif
