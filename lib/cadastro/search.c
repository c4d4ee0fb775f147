/* The registry's search words and documents as SQL over clients c (search.h). */
#include "cadastro/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "base/fold.h"
#include "br/doc.h"
#include "cadastro/client.h"

void query_add_int(struct query *q, int64_t v)
{
	if (q->np < sizeof q->p / sizeof *q->p)
		q->p[q->np++] = (struct param){ true, v, NULL };
}

void query_add_str(struct query *q, const char *v)
{
	if (q->np < sizeof q->p / sizeof *q->p)
		q->p[q->np++] = (struct param){ false, 0, strdup(v) };
}

void query_free(struct query *q)
{
	for (size_t i = 0; i < q->np; i++)
		free(q->p[i].s);
	for (int i = 0; i < q->nwalk; i++)
		free(q->walk[i]);
	sb_free(&q->where);
	sb_free(&q->match);
}

void query_add_params(struct query *to, const struct query *from, size_t n)
{
	for (size_t i = 0; i < n && i < from->np; i++) {
		if (from->p[i].is_int)
			query_add_int(to, from->p[i].i);
		else
			query_add_str(to, from->p[i].s ? from->p[i].s : "");
	}
}

void query_bind_from(struct db_stmt *st, unsigned first, const struct query *q)
{
	for (size_t i = 0; i < q->np; i++) {
		if (q->p[i].is_int)
			db_bind_i64(st, first + (unsigned)i, q->p[i].i);
		else
			db_bind_str(st, first + (unsigned)i, q->p[i].s ? q->p[i].s : "");
	}
}

void query_bind(struct db_stmt *st, const struct query *q)
{
	query_bind_from(st, 0, q);
}

/* Words of the search: a LIKE prefix each (folded text has no % or _ left), collected
 * first, then put into one subquery. */
struct words {
	char pattern[SEARCH_WORDS_MAX][FOLD_WORD_MAX + 2];
	int n;
};

static int search_word(void *ctx, const char *word, size_t len)
{
	struct words *w = ctx;
	if (w->n >= SEARCH_WORDS_MAX)
		return 1;
	if (len > FOLD_WORD_MAX)
		len = FOLD_WORD_MAX;   /* as the index cuts words (a long run of digits) */
	memcpy(w->pattern[w->n], word, len);
	w->pattern[w->n][len] = '%';
	w->pattern[w->n][len + 1] = '\0';
	w->n++;
	return 0;
}

/* "% silv%": a word of c.search_text that starts with the pattern. */
static char *like_word(const char *pattern)
{
	struct strbuf like = STRBUF_INIT;
	sb_printf(&like, "%% %s", pattern);
	return sb_detach(&like);
}

/* The records having a word that starts with each pattern. The match is one range of
 * the word index, for the longest word (usually the rarest: the fewest records to
 * read); the other words are checked on those records' search_text, placed before the
 * match in where. Users of the match deduplicate it or use it under IN (a record may
 * have several words with the prefix). The walk (query_walk) checks the longest word
 * on the index entries instead of the match. */
static void match_words(struct query *q, const struct words *w)
{
	int longest = 0;
	for (int i = 1; i < w->n; i++)
		if (strlen(w->pattern[i]) > strlen(w->pattern[longest]))
			longest = i;
	for (int i = 0; i < w->n; i++) {
		if (i == longest)
			continue;
		char *like = like_word(w->pattern[i]);
		sb_puts(&q->where, " AND c.search_text LIKE ?");
		query_add_str(q, like ? like : "");
		free(like);
	}
	q->match_at = q->where.len;
	q->match_p = q->np;
	sb_puts(&q->match, "SELECT client_id FROM client_words WHERE office_id = ? AND word LIKE ?");
	query_add_int(q, q->p[0].i);
	query_add_str(q, w->pattern[longest]);
	SB_CAT(&q->where, " AND c.id IN (", sb_str(&q->match), ")");
	q->walk[q->nwalk++] = like_word(w->pattern[longest]);
	q->words_only = w->n == 1 && q->match_at == q->unfiltered_len;
	size_t len = strlen(w->pattern[longest]) - 1;   /* without its '%' */
	if (len >= CLIENT_PREFIX_LEN) {
		memcpy(q->prefix, w->pattern[longest], CLIENT_PREFIX_LEN);
		q->prefix[CLIENT_PREFIX_LEN] = '\0';
		q->prefix_whole = len == CLIENT_PREFIX_LEN && q->words_only;
	}
}

/* Digits and punctuation only ("123.456", "12.ABC.345/01DE-35" is a document): one
 * word, so a partial CPF/CNPJ matches the document's own word. */
static bool document_like(const char *s)
{
	bool digit = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (!strchr(".-/ ", *s))
			return false;
	}
	return digit;
}

void query_search(struct query *q, const char *text)
{
	char bare[DOC_BARE_MAX];
	size_t len = strlen(text);
	if (!len)
		return;
	q->filtered = true;
	if (doc_parse(text, len, bare) != DOC_INVALID) {
		sb_puts(&q->where, " AND c.document = ?");
		query_add_str(q, bare);
		return;
	}
	struct words w;
	w.n = 0;
	if (document_like(text)) {
		struct strbuf digits = STRBUF_INIT;
		for (const char *p = text; *p; p++)
			if (*p >= '0' && *p <= '9')
				sb_putc(&digits, *p);
		search_word(&w, sb_str(&digits), digits.len);
		sb_free(&digits);
	} else {
		fold_words(text, len, search_word, &w);
	}
	if (w.n == 0)
		sb_puts(&q->where, " AND FALSE");  /* only punctuation: nothing matches */
	else
		match_words(q, &w);
}
