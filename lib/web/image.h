/* image: is an upload really a PNG or JPEG image of sensible size? Checked by its
 * bytes (signature), its declared dimensions (before anything is decoded: a
 * decompression bomb is refused unread) and a whole decode (libpng, libjpeg), so what is
 * stored and later shown in pages, e-mails and the client portal is a valid image. */
#ifndef PORTAL_IMAGE_H
#define PORTAL_IMAGE_H

#include <stddef.h>

struct image_info {
	const char *content_type;   /* "image/png" or "image/jpeg" */
	unsigned width, height;
};

/* NULL when data (len bytes) is a whole PNG or JPEG of at most max_side pixels a side;
 * else the reason, in Portuguese, for the person who sent it. */
const char *image_check(const unsigned char *data, size_t len, unsigned max_side,
			struct image_info *info);

#endif
