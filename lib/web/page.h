/* page: ClearSilver HDF data and templates. Every <?cs var: ?> is HTML-escaped
 * (Config.VarEscapeMode = html, set before cs_init); templates are never built from data.
 * The layout (lib/web/templates/layout.cs) wraps the page's own template. Everything but
 * Config and hdf is emptied after each request. */
#ifndef PORTAL_PAGE_H
#define PORTAL_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

struct request;

/* Once per process: where templates are found (Paths.Root). 0 or -1. */
int page_init(const char *root, const char *area);

/* Sets a value in the request's page data (copied). NULL value sets "". */
void page_set(struct request *r, const char *key, const char *value);
/* A value already set on the page (NULL: none); it lasts until the page is freed. */
const char *page_get(struct request *r, const char *key);
void page_set_int(struct request *r, const char *key, int64_t value);
/* Sets prefix.names[i] = values[i] for i < n (a row of a list); a NULL value is left
 * unset, which a template reads as empty (a row's empty cells cost nothing). */
void page_set_many(struct request *r, const char *prefix, const char *const *names,
		   const char *const *values, size_t n);
/* A flash message shown at the top of the page: kind "ok", "erro" or "aviso". */
void page_flash(struct request *r, const char *kind, const char *text);
/* A message next to a form field: Form.Errors.<field>. */
void page_field_error(struct request *r, const char *field, const char *text);

/* Renders template (a path relative to the templates folders: "entrar.cs" of the area or
 * "erro.cs" of lib/web/templates) inside the layout, with the given title, and sends it. */
int page_render(struct request *r, int status, const char *template, const char *title);

/* An error page (400, 403, 404, 405, 409, 410, 413, 415, 429, 431, 500, 503) in Portuguese. */
int page_error(struct request *r, int status, const char *message);

/* After a redirect: the notice whose key the query's "aviso" parameter names, from a
 * table ended by a NULL key (unknown keys show nothing: the text is never from input). */
struct page_notice {
	const char *key;
	const char *kind;   /* "ok", "erro", "aviso" */
	const char *text;
};
void page_notice_from_query(struct request *r, const struct page_notice *table);
/* The same for another query parameter than "aviso". */
void page_notice_from_param(struct request *r, const char *param, const struct page_notice *table);

/* Recording what part of a page sets, to remember it (base/memo.h) and set it again on a
 * later request without the queries that made it: page_set and page_set_many calls
 * between start and stop are recorded (flashes and field errors too, so record only
 * the part that is data). stop returns the record (malloc'd, the caller frees it), or
 * NULL when memory ran out meanwhile. */
void page_record_start(struct request *r);
char *page_record_stop(struct request *r, size_t *len);
void page_replay(struct request *r, const char *rec, size_t len);

/* Parts: a piece of a page rendered on its own (template: a file of the area, escaped
 * like any), to be remembered and put into later pages as it is, without its data or
 * its rendering. page_part puts html (what page_render_part made: never input) where
 * the page's template prints Part.<name>. 0 or -1. */
int page_render_part(struct request *r, const char *template, struct strbuf *out);
int page_part(struct request *r, const char *name, const char *html, size_t len);

void page_free(struct request *r);

#endif
