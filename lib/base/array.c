#include "base/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int array_reserve(void *v, size_t *cap, size_t need, size_t elem, size_t first)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : (first ? first : 1);
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (elem && n > SIZE_MAX / elem)
		return -1;
	void *p;
	memcpy(&p, v, sizeof p);
	p = realloc(p, n * elem);
	if (!p)
		return -1;
	memcpy(v, &p, sizeof p);
	*cap = n;
	return 0;
}
