/* multipart: a streaming multipart/form-data parser (RFC 7578), fed in chunks of any size. */
#ifndef PORTAL_MULTIPART_H
#define PORTAL_MULTIPART_H

#include <stdio.h>
#include <sys/types.h>

#include "base/fields.h"

/* Extracts the boundary parameter of a Content-Type header value such as
 * 'multipart/form-data; boundary="abc"'. Returns malloc'd boundary (1..70 chars, RFC 2046)
 * or NULL when the header is not multipart/form-data or the boundary is missing/invalid. */
char *multipart_boundary(const char *content_type);

/* Low-level push parser. */
struct multipart_callbacks {
	/* A part starts. name is the Content-Disposition name (never NULL: a part without
	 * one is PARSE_BAD), filename is NULL for a plain field ("" when the browser sent
	 * an empty filename), content_type may be NULL. Return PARSE_OK or an error. */
	int (*part_begin)(void *ctx, const char *name, const char *filename,
			  const char *content_type);
	int (*part_data)(void *ctx, const char *data, size_t len);
	int (*part_end)(void *ctx);
};

struct multipart;
/* max_header: bytes allowed for one part's header block (its CRLFs and the empty line
 * that ends it included). NULL on out of memory; an invalid boundary gives a parser
 * whose every call returns PARSE_BAD. Callbacks may be NULL. */
struct multipart *multipart_new(const char *boundary, const struct multipart_callbacks *cb,
				void *ctx, size_t max_header);
/* Feeds the next chunk. Returns PARSE_OK or the first error (sticky: later calls return it). */
int multipart_feed(struct multipart *mp, const char *data, size_t len);
/* At end of input: PARSE_OK only if the closing boundary was seen (else PARSE_BAD). */
int multipart_finish(struct multipart *mp);
void multipart_free(struct multipart *mp);

/* High level: read a whole body, plain fields into `fields`, files into `uploads`
 * (appending; both owned by the caller: fields_free, uploads_free). A part with a
 * filename parameter is a file, even with filename "" and no data. */
struct upload {
	char *field;         /* form field name */
	char *filename;      /* as sent by the browser (untrusted; may be "") */
	char *content_type;  /* may be NULL */
	FILE *fp;            /* an unlinked temporary file (tmpfile()), rewound to the start */
	size_t size;
};

struct uploads {
	struct upload *v;
	size_t n;
};

#define UPLOADS_INIT { NULL, 0 }

struct body_limits {
	struct parse_limits fields;  /* plain fields: count, name and value sizes (value must be UTF-8) */
	size_t max_files;
	size_t max_file_size;
	size_t max_part_header;
};

/* Returns bytes read (0 at end of body) or -1 on error. */
typedef ssize_t (*body_read_fn)(void *ctx, char *buf, size_t cap);

/* Reads until rd returns 0. Limits count whole lists (entries already there included);
 * an empty part name is PARSE_BAD; failing to write a temporary file is PARSE_NOMEM.
 * On error both lists are left as they were. The body size is the caller's to cap. */
int multipart_read_all(const char *boundary, body_read_fn rd, void *rctx,
		       const struct body_limits *lim, struct fields *fields,
		       struct uploads *files);
/* Closes the files and frees everything; the list is empty and reusable after. */
void uploads_free(struct uploads *u);

#endif
