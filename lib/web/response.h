/* response: status, headers and body of the answer, with the security headers of
 * DESIGN.md on every one of them. A response is buffered and written at once, so a
 * failure half-way never sends half a page; downloads stream. */
#ifndef PORTAL_RESPONSE_H
#define PORTAL_RESPONSE_H

#include <stddef.h>

struct request;

/* Adds a header to the response about to be sent (name and value must not contain CR/LF;
 * a value with one is dropped and logged). */
void response_header(struct request *r, const char *name, const char *value);
/* Set-Cookie with HttpOnly, SameSite=Lax, Path=/ and Secure when Session.SecureCookie.
 * max_age < 0: a session cookie; 0: delete. */
void response_cookie(struct request *r, const char *name, const char *value, long max_age);
/* The cookie name as sent: "__Host-" + name when cookies are Secure. */
const char *response_cookie_name(const char *name);

/* Sends the status, the headers added so far, the security headers and body. */
int response_send(struct request *r, int status, const char *content_type,
		  const char *body, size_t len);
/* The same with another Cache-Control than no-store (a fixed text of ours: an image
 * whose URL changes with its content may be kept). */
int response_send_cached(struct request *r, int status, const char *content_type,
			 const char *body, size_t len, const char *cache_control);
/* 303 See Other to a local path ("/..." but not "//..."); anything else goes to "/". */
int response_redirect(struct request *r, const char *local_path);
/* True for a path that is safe to redirect to: starts with one '/', no '\\', no
 * control characters. */
int response_local_path(const char *path);

/* Streaming download: headers now (Content-Disposition attachment; filename ASCII-safe
 * plus filename*=UTF-8''...), then chunks. */
int response_stream_begin(struct request *r, const char *content_type, const char *filename);
int response_stream_write(struct request *r, const char *data, size_t len);

const char *status_text(int status);

#endif
