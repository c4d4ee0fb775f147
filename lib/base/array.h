/* array: a growable array's room, grown by doubling (one realloc per doubling, the
 * size checked against overflow). */
#ifndef PORTAL_ARRAY_H
#define PORTAL_ARRAY_H

#include <stddef.h>

/* Makes *v (of *cap elements of elem bytes) hold at least need elements, starting at
 * first when empty. 0, or -1 when memory runs out (*v and *cap left as they were). */
int array_reserve(void *v, size_t *cap, size_t need, size_t elem, size_t first);

#endif
