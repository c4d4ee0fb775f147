/* libFuzzer target for lib/web/image.c: any bytes, as an uploaded logo, are either refused
 * with a message or accepted as a PNG or JPEG within the limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_info info;
	const char *why = image_check(data, size, 512, &info);
	if (!why && (info.width == 0 || info.height == 0 || info.width > 512 ||
		     info.height > 512 || !info.content_type))
		abort();
	return 0;
}
