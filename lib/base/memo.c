#include "base/memo.h"

#include <stdlib.h>
#include <string.h>

/* Enough for the last few dozen list pages looked at (a page and its count each); a
 * page's rows are ~10 KB. */
#define ANSWER_SLOTS 128

struct answer_slot {
	int64_t office, version;
	char *key;    /* the query's SQL and parameters; NULL when free */
	void *data;
	size_t len;
};

static struct answer_slot answers[ANSWER_SLOTS];
static unsigned answer_next;   /* replaced in turn: old searches fall out */

const void *memo_get(int64_t office, int64_t version, const char *key, size_t *len)
{
	for (unsigned i = 0; i < ANSWER_SLOTS; i++) {
		struct answer_slot *s = &answers[i];
		if (s->key && s->office == office && s->version == version && !strcmp(s->key, key)) {
			*len = s->len;
			return s->data;
		}
	}
	return NULL;
}

void memo_put(int64_t office, int64_t version, const char *key, const void *data, size_t len)
{
	char *k = strdup(key);
	void *d = malloc(len ? len : 1);
	if (!k || !d) {
		free(k);
		free(d);
		return;
	}
	if (len)
		memcpy(d, data, len);
	struct answer_slot *s = &answers[answer_next];
	answer_next = (answer_next + 1) % ANSWER_SLOTS;
	free(s->key);
	free(s->data);
	*s = (struct answer_slot){ office, version, k, d, len };
}

