/* mail: builds one RFC 5322 message (UTF-8, quoted-printable text, optionally with an
 * HTML alternative) and sends it over SMTP with libcurl. Requests never send mail: they
 * write an outbox row (lib/mail/outbox.h) and the worker process calls mail_send. */
#ifndef PORTAL_MAIL_H
#define PORTAL_MAIL_H

#include <stddef.h>

struct strbuf;

/* Checks what mail_build would say about the recipient side of a message: to_addr passes
 * valid_email(); to_name (may be NULL or "") and subject contain no CR or LF and are
 * well-formed UTF-8; body_text and body_html (each may be NULL) are well-formed UTF-8.
 * Returns 0 when acceptable, -1 if not. */
int mail_check(const char *to_addr, const char *to_name, const char *subject,
	       const char *body_text, const char *body_html);

/* Appends a complete message to out: Date (UTC), Message-ID (<128 random bits in hex
 * @message_id_domain>; the domain of from_addr when message_id_domain is NULL or ""),
 * From, To, Subject, MIME-Version, Content-Type, Auto-Submitted auto-generated, then the
 * body. body_html NULL or "": a text/plain; charset=UTF-8 message,
 * Content-Transfer-Encoding quoted-printable, whose body is body_text (NULL is "").
 * Otherwise multipart/alternative; boundary="=_portal_<128 random bits in hex>" (QP text
 * never holds "=_", so no part can contain it): a text/plain part (body_text) then a
 * text/html part (body_html), each charset=UTF-8 and quoted-printable, then the closing
 * "--boundary--". Display names (from_name, to_name: NULL or "" for none) and the
 * subject are RFC 2047 encoded-words (=?UTF-8?B?...?=, each <= 75 characters, whole
 * characters only) when they are not plain printable ASCII. Every line ends in CRLF;
 * the bodies' line ends (LF, CRLF or CR) become CRLF and all lines are at most 76
 * characters.
 * Returns 0, or -1 with out unchanged: an address failing valid_email(), a header value
 * containing CR or LF (header injection), text that is not UTF-8, a bad Message-ID
 * domain, or no memory. Calls sodium_init() itself (it may be called again safely). */
int mail_build(struct strbuf *out, const char *from_addr, const char *from_name,
	       const char *to_addr, const char *to_name, const char *subject,
	       const char *body_text, const char *body_html, const char *message_id_domain);

/* mail_build with the Message-ID's local part given (message_id_local: 1..64 ASCII
 * letters and digits; NULL or "": random, as mail_build), so that each attempt at one
 * message carries the same Message-ID. -1 also for a local part that is not that. */
int mail_build_id(struct strbuf *out, const char *from_addr, const char *from_name,
		  const char *to_addr, const char *to_name, const char *subject,
		  const char *body_text, const char *body_html, const char *message_id_local,
		  const char *message_id_domain);

/* mail_send's result when the server refused the message for good (a 5xx reply other
 * than an authentication failure): sending it again would be refused again. */
#define MAIL_PERMANENT (-2)

/* Sends a message built by mail_build to one recipient. smtp_url is "smtp://host:port"
 * (optionally "/ehlo-name"); on smtp:// port 587 TLS is required (STARTTLS), smtps://
 * is TLS from the start; certificates are verified. username/password are used only
 * when non-empty. Connect timeout 10 s, whole transfer 60 s; no signals are used.
 * Returns 0, or MAIL_PERMANENT (-2) when the server answered a permanent 5xx (see
 * MAIL_PERMANENT), or -1 on any other failure (4xx, no connection, timeout: worth
 * trying again), with a short printable-ASCII reason in err (when errcap > 0).
 * libcurl is initialised on first use (curl_global_init, once per process, thread-safe
 * through pthread_once); a caller may also call curl_global_init itself before. */
int mail_send(const char *smtp_url, const char *username, const char *password,
	      const char *from_addr, const char *to_addr, const struct strbuf *message,
	      char *err, size_t errcap);

#endif
