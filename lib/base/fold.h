/* fold: text folded for search — lowercase ASCII letters and digits, accents removed
 * ("João" -> "joao", "AÇÃO" -> "acao"), everything else a word separator. */
#ifndef PORTAL_FOLD_H
#define PORTAL_FOLD_H

#include <stddef.h>

#define FOLD_WORD_MAX 60   /* longer words are cut (the index column's size) */

/* Calls fn for each folded word of the UTF-8 text s (len bytes), in order; stops and
 * returns fn's value when it is not 0. Invalid UTF-8 bytes are separators. */
typedef int (*fold_word_fn)(void *ctx, const char *word, size_t len);
int fold_words(const char *s, size_t len, fold_word_fn fn, void *ctx);

#endif
