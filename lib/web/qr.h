/* qr: a QR code (libqrencode, error correction M) drawn as SVG: one path of the dark
 * modules, with the 4-module quiet zone. For the second factor's otpauth:// URI and,
 * later, PIX codes. */
#ifndef PORTAL_QR_H
#define PORTAL_QR_H

#include "base/strbuf.h"

/* Appends the SVG of text's QR code to out. 0, or -1 (text too long, out of memory). */
int qr_svg(const char *text, struct strbuf *out);

#endif
