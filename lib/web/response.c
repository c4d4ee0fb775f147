#include "web/response.h"

#include <stdbool.h>
#include <string.h>

#include "base/config.h"
#include "base/log.h"
#include "web/request.h"
#include "base/strbuf.h"

static const char security_headers[] =
	"Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; "
	"script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n"
	"X-Content-Type-Options: nosniff\r\n"
	"Referrer-Policy: no-referrer\r\n"
	"X-Frame-Options: DENY\r\n";

const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Unknown";
}

static bool header_safe(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n')
			return false;
	return true;
}

void response_header(struct request *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		log_error(r->request_id, "response: header %s dropped (CR/LF in it)", name);
		return;
	}
	sb_printf(&r->headers, "%s: %s\r\n", name, value);
}

static bool secure_cookies(void)
{
	return config_int("Session.SecureCookie", 1) != 0;
}

const char *response_cookie_name(const char *name)
{
	/* Both forms are static strings for the few cookie names we use. */
	static struct strbuf names[8];
	static const char *keys[8];
	if (!secure_cookies())
		return name;
	for (int i = 0; i < 8; i++) {
		if (keys[i] && strcmp(keys[i], name) == 0)
			return sb_str(&names[i]);
		if (!keys[i]) {
			if (sb_printf(&names[i], "__Host-%s", name) < 0)
				return name;
			keys[i] = name;
			return sb_str(&names[i]);
		}
	}
	return name;
}

void response_cookie(struct request *r, const char *name, const char *value, long max_age)
{
	struct strbuf c = STRBUF_INIT;
	sb_printf(&c, "%s=%s; Path=/; HttpOnly; SameSite=Lax", response_cookie_name(name), value);
	if (max_age >= 0)
		sb_printf(&c, "; Max-Age=%ld", max_age);
	if (secure_cookies())
		sb_puts(&c, "; Secure");
	response_header(r, "Set-Cookie", sb_str(&c));
	sb_free(&c);
}

int response_send(struct request *r, int status, const char *content_type,
		  const char *body, size_t len)
{
	return response_send_cached(r, status, content_type, body, len, "no-store");
}

int response_send_cached(struct request *r, int status, const char *content_type,
			 const char *body, size_t len, const char *cache_control)
{
	struct strbuf head = STRBUF_INIT;
	sb_printf(&head, "Status: %d %s\r\n", status, status_text(status));
	if (content_type)
		sb_printf(&head, "Content-Type: %s\r\n", content_type);
	sb_printf(&head, "Content-Length: %zu\r\nCache-Control: %s\r\n", len, cache_control);
	sb_puts(&head, security_headers);
	sb_append(&head, sb_str(&r->headers), r->headers.len);
	sb_puts(&head, "\r\n");
	r->status = status;
	r->responded = true;
	int rc = 0;
	if (FCGX_PutStr(head.buf, (int)head.len, r->fcgi->out) < 0 ||
	    (len && strcmp(r->method, "HEAD") != 0 &&
	     FCGX_PutStr(body, (int)len, r->fcgi->out) < 0))
		rc = -1;
	sb_free(&head);
	return rc;
}

int response_local_path(const char *path)
{
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return 0;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

int response_redirect(struct request *r, const char *local_path)
{
	response_header(r, "Location", response_local_path(local_path) ? local_path : "/");
	return response_send(r, 303, "text/plain; charset=utf-8", "", 0);
}

/* The filename for Content-Disposition: printable ASCII without quotes or backslashes
 * in the plain form; the full UTF-8 name percent-encoded in filename*. */
static void disposition(struct strbuf *sb, const char *filename)
{
	sb_puts(sb, "Content-Disposition: attachment; filename=\"");
	for (const char *p = filename; *p; p++) {
		unsigned char c = (unsigned char)*p;
		sb_putc(sb, c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char)c : '_');
	}
	sb_puts(sb, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
			sb_putc(sb, (char)*p);
		else
			sb_printf(sb, "%%%02X", *p);
	}
	sb_puts(sb, "\r\n");
}

int response_stream_begin(struct request *r, const char *content_type, const char *filename)
{
	struct strbuf head = STRBUF_INIT;
	sb_printf(&head, "Status: 200 OK\r\nContent-Type: %s\r\nCache-Control: no-store\r\n",
		  content_type);
	disposition(&head, filename);
	sb_puts(&head, security_headers);
	sb_append(&head, sb_str(&r->headers), r->headers.len);
	sb_puts(&head, "\r\n");
	r->status = 200;
	r->responded = true;
	int rc = FCGX_PutStr(head.buf, (int)head.len, r->fcgi->out) < 0 ? -1 : 0;
	sb_free(&head);
	return rc;
}

int response_stream_write(struct request *r, const char *data, size_t len)
{
	while (len) {
		int n = len > 1 << 20 ? 1 << 20 : (int)len;
		if (FCGX_PutStr(data, n, r->fcgi->out) < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}
