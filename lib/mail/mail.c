#include "mail/mail.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "br/valid.h"

/* RFC 2047: a line holding encoded-words is at most 76 characters; an encoded-word is
 * at most 75. "=?UTF-8?B?" + "?=" is 12 characters of overhead. */
#define HDR_LINE_MAX 76
#define EW_OVERHEAD 12
#define EW_MAX_BYTES 45          /* 60 base64 characters: a 72-character word */
#define QP_LINE_MAX 76           /* RFC 2045, not counting the CRLF */
#define ATOM_MAX 60               /* longer plain words of a display name are encoded */
#define MSGID_RANDOM_BYTES 16
#define BOUNDARY_RANDOM_BYTES 16
/* "=_" never occurs in quoted-printable text (a literal "=" is always written "=3D"), so
 * no encoded part can contain a boundary that starts with it. */
#define BOUNDARY_PREFIX "=_portal_"
#define DOMAIN_MAX 253
#define MSGID_LOCAL_MAX 64

/* A header value: no CR or LF (header injection), well-formed UTF-8. NULL is "". */
static bool header_text_ok(const char *s)
{
	return !s || (!strpbrk(s, "\r\n") && utf8_valid(s, strlen(s)));
}

static bool address_ok(const char *s)
{
	return s && valid_email(s, strlen(s));
}

/* Anything but printable ASCII, or a "=?" that a reader could take for an encoded-word. */
static bool needs_encoding(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7F)
			return true;
	return strstr(s, "=?") != NULL;
}

static bool domain_ok(const char *d)
{
	size_t n = strlen(d);

	if (n == 0 || n > DOMAIN_MAX || d[0] == '.' || d[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = d[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-'))
			return false;
	}
	return true;
}

int mail_check(const char *to_addr, const char *to_name, const char *subject,
	       const char *body_text, const char *body_html)
{
	if (!address_ok(to_addr) || !header_text_ok(to_name) || !header_text_ok(subject))
		return -1;
	if (body_text && !utf8_valid(body_text, strlen(body_text)))
		return -1;
	if (body_html && !utf8_valid(body_html, strlen(body_html)))
		return -1;
	return 0;
}

/* ---- header writer: tracks the current line so it can fold before HDR_LINE_MAX ---- */

struct hw {
	struct strbuf *sb;
	size_t line_start;   /* offset in sb where the current line starts */
	bool failed;         /* out of memory */
};

static void hw_put(struct hw *w, const char *s, size_t n)
{
	if (!w->failed && sb_append(w->sb, s, n) < 0)
		w->failed = true;
}

static void hw_puts(struct hw *w, const char *s)
{
	hw_put(w, s, strlen(s));
}

static size_t hw_col(const struct hw *w)
{
	return w->sb->len - w->line_start;
}

/* Folding: CRLF then a space, which starts the continuation line. */
static void hw_fold(struct hw *w)
{
	hw_put(w, "\r\n ", 3);
	if (!w->failed)
		w->line_start = w->sb->len - 1;
}

static void hw_end(struct hw *w)
{
	hw_put(w, "\r\n", 2);
	if (!w->failed)
		w->line_start = w->sb->len;
}

/* s[0..n) as RFC 2047 B encoded-words, each holding whole UTF-8 characters and sized so
 * that no line holding one exceeds HDR_LINE_MAX; words after the first go on folded
 * lines (the folding white space between two encoded-words is not part of the text). */
static void hw_encoded_words(struct hw *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	char b64[sodium_base64_ENCODED_LEN(EW_MAX_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	while (i < n && !w->failed) {
		if (i > 0)
			hw_fold(w);
		size_t col = hw_col(w);
		size_t room = col + EW_OVERHEAD + 8 <= HDR_LINE_MAX
			      ? (HDR_LINE_MAX - col - EW_OVERHEAD) / 4 * 3 : 0;
		if (room < 4) {   /* not even one 4-byte character fits here */
			hw_fold(w);
			col = hw_col(w);
			room = (HDR_LINE_MAX - col - EW_OVERHEAD) / 4 * 3;
		}
		if (room > EW_MAX_BYTES)
			room = EW_MAX_BYTES;
		size_t take = 0;
		while (i + take < n) {
			size_t l = utf8_next((const char *)p + i + take, n - i - take);
			if (l == 0 || take + l > room)
				break;
			take += l;
		}
		if (take == 0) {   /* cannot happen with validated input; never loop forever */
			w->failed = true;
			return;
		}
		/* More to come: end this word after a space when there is one, so a decoder
		 * that wrongly keeps the folding space between words at least splits no word. */
		if (i + take < n) {
			size_t k = take;
			while (k > 1 && p[i + k - 1] != ' ')
				k--;
			if (k > 1)
				take = k;
		}
		sodium_bin2base64(b64, sizeof b64, p + i, take, sodium_base64_VARIANT_ORIGINAL);
		hw_puts(w, "=?UTF-8?B?");
		hw_puts(w, b64);
		hw_puts(w, "?=");
		i += take;
	}
}

/* A word of a display name that may stay as it is: RFC 5322 atext, not so long that it
 * would need folding, and no "=?" that a reader could take for an encoded-word. */
static bool atom_ok(const char *s, size_t n)
{
	if (n == 0 || n > ATOM_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\0' || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", c)))
			return false;
		if (c == '=' && i + 1 < n && s[i + 1] == '?')
			return false;
	}
	return true;
}

/* White space between two parts of a phrase: a space, or a fold when the next part
 * (of next_len characters) would pass the line limit. */
static void hw_space(struct hw *w, size_t next_len)
{
	if (hw_col(w) + 1 + next_len > HDR_LINE_MAX)
		hw_fold(w);
	else
		hw_put(w, " ", 1);
}

/* A display name. Short printable ASCII: a quoted-string. Otherwise a phrase of its
 * space-separated words: plain atoms stay as they are, and each run of other words
 * (non-ASCII, specials, empty words from repeated spaces) becomes encoded-words. Keeping
 * plain words between encoded ones means every decoder agrees on the spaces: some (such
 * as Python's email package) wrongly keep the space between two adjacent encoded-words
 * of a phrase, which only long runs of non-ASCII words still need. */
static void hw_display_name(struct hw *w, const char *name)
{
	size_t n = strlen(name);

	if (!needs_encoding(name) && hw_col(w) + n + 2 <= HDR_LINE_MAX) {
		hw_put(w, "\"", 1);
		for (size_t i = 0; i < n; i++) {
			if (name[i] == '"' || name[i] == '\\')
				hw_put(w, "\\", 1);
			hw_put(w, &name[i], 1);
		}
		hw_put(w, "\"", 1);
		return;
	}
	size_t i = 0;
	bool first = true;
	for (;;) {
		const char *sp = memchr(name + i, ' ', n - i);
		size_t e = sp ? (size_t)(sp - name) : n;
		if (atom_ok(name + i, e - i)) {
			if (!first)
				hw_space(w, e - i);
			hw_put(w, name + i, e - i);
		} else {
			/* Extend the run over the following words that are not atoms. */
			while (e < n) {
				sp = memchr(name + e + 1, ' ', n - e - 1);
				size_t e2 = sp ? (size_t)(sp - name) : n;
				if (atom_ok(name + e + 1, e2 - e - 1))
					break;
				e = e2;
			}
			if (!first)
				hw_space(w, EW_OVERHEAD + 4);
			hw_encoded_words(w, name + i, e - i);
		}
		first = false;
		if (e >= n || w->failed)
			break;
		i = e + 1;
	}
}

static void hw_mailbox(struct hw *w, const char *field, const char *addr, const char *name)
{
	hw_puts(w, field);
	hw_puts(w, ": ");
	if (name && *name) {
		hw_display_name(w, name);
		if (hw_col(w) + 1 + strlen(addr) + 2 > HDR_LINE_MAX)
			hw_fold(w);
		else
			hw_put(w, " ", 1);
		hw_put(w, "<", 1);
		hw_puts(w, addr);
		hw_put(w, ">", 1);
	} else {
		hw_puts(w, addr);
	}
	hw_end(w);
}

static void hw_subject(struct hw *w, const char *subject)
{
	hw_puts(w, "Subject: ");
	if (!needs_encoding(subject) && hw_col(w) + strlen(subject) <= HDR_LINE_MAX)
		hw_puts(w, subject);
	else
		hw_encoded_words(w, subject, strlen(subject));
	hw_end(w);
}

static void hw_date(struct hw *w)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm) || tm.tm_wday < 0 || tm.tm_wday > 6 || tm.tm_mon < 0 ||
	    tm.tm_mon > 11) {
		w->failed = true;
		return;
	}
	if (!w->failed &&
	    sb_printf(w->sb, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
		      tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		      tm.tm_sec) < 0)
		w->failed = true;
	hw_end(w);
}

/* The local part: local (checked by msgid_local_ok) or 128 random bits in hex. */
static void hw_message_id(struct hw *w, const char *local, const char *domain)
{
	unsigned char rnd[MSGID_RANDOM_BYTES];
	char hex[MSGID_RANDOM_BYTES * 2 + 1];

	if (!local || !*local) {
		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
		local = hex;
	}
	hw_puts(w, "Message-ID: <");
	hw_puts(w, local);
	hw_put(w, "@", 1);
	hw_puts(w, domain);
	hw_put(w, ">", 1);
	hw_end(w);
}

/* ---- body: quoted-printable, lines <= 76 characters, soft breaks, CRLF ---- */

static void qp_line(struct hw *w, const unsigned char *s, size_t n)
{
	static const char hexd[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t k = 0; k < n && !w->failed; k++) {
		unsigned c = s[k];
		bool last = k + 1 == n;
		char tok[3];
		size_t t;

		if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
			tok[0] = (char)c;
			t = 1;
		} else {   /* '=', other bytes, and whitespace at the end of a line */
			tok[0] = '=';
			tok[1] = hexd[c >> 4];
			tok[2] = hexd[c & 15];
			t = 3;
		}
		/* A soft break "=" needs one column, except after the line's last token. */
		if (col + t > (last ? QP_LINE_MAX : QP_LINE_MAX - 1)) {
			hw_put(w, "=\r\n", 3);
			col = 0;
		}
		hw_put(w, tok, t);
		col += t;
	}
	hw_put(w, "\r\n", 2);
}

static void qp_body(struct hw *w, const char *body)
{
	const unsigned char *p = (const unsigned char *)body;
	size_t n = strlen(body), i = 0;

	while (i < n && !w->failed) {
		size_t e = i;
		while (e < n && p[e] != '\r' && p[e] != '\n')
			e++;
		qp_line(w, p + i, e - i);
		if (e < n)   /* CRLF, LF or a lone CR: one line end */
			e += (p[e] == '\r' && e + 1 < n && p[e + 1] == '\n') ? 2 : 1;
		i = e;
	}
}

/* One part of a multipart/alternative body: its delimiter line, its headers, a blank
 * line and the quoted-printable text. The CRLF before the next delimiter belongs to the
 * delimiter (RFC 2046), so the caller writes it. */
static void mime_part(struct hw *w, const char *boundary, const char *type, const char *text)
{
	hw_puts(w, "--");
	hw_puts(w, boundary);
	hw_puts(w, "\r\nContent-Type: ");
	hw_puts(w, type);
	hw_puts(w, "; charset=UTF-8\r\n"
		   "Content-Transfer-Encoding: quoted-printable\r\n"
		   "\r\n");
	qp_body(w, text);
	hw_put(w, "\r\n", 2);
}

/* A Message-ID's local part given by the caller: 1..MSGID_LOCAL_MAX letters and digits. */
static bool msgid_local_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (n >= MSGID_LOCAL_MAX || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
					      (c >= '0' && c <= '9')))
			return false;
	}
	return n > 0;
}

int mail_build(struct strbuf *out, const char *from_addr, const char *from_name,
	       const char *to_addr, const char *to_name, const char *subject,
	       const char *body_text, const char *body_html, const char *message_id_domain)
{
	return mail_build_id(out, from_addr, from_name, to_addr, to_name, subject, body_text,
			     body_html, NULL, message_id_domain);
}

int mail_build_id(struct strbuf *out, const char *from_addr, const char *from_name,
		  const char *to_addr, const char *to_name, const char *subject,
		  const char *body_text, const char *body_html, const char *message_id_local,
		  const char *message_id_domain)
{
	if (!out || !address_ok(from_addr) || !header_text_ok(from_name) ||
	    mail_check(to_addr, to_name, subject, body_text, body_html) < 0 ||
	    (message_id_local && *message_id_local && !msgid_local_ok(message_id_local)))
		return -1;
	const char *domain = message_id_domain && *message_id_domain
			     ? message_id_domain : strrchr(from_addr, '@') + 1;
	if (!domain_ok(domain) || sodium_init() < 0)
		return -1;

	size_t start = out->len;
	struct hw w = { out, start, false };
	const char *text = body_text ? body_text : "";

	hw_date(&w);
	hw_mailbox(&w, "From", from_addr, from_name);
	hw_mailbox(&w, "To", to_addr, to_name);
	hw_subject(&w, subject ? subject : "");
	hw_message_id(&w, message_id_local, domain);
	if (body_html && *body_html) {
		unsigned char rnd[BOUNDARY_RANDOM_BYTES];
		char hex[BOUNDARY_RANDOM_BYTES * 2 + 1];
		char boundary[sizeof BOUNDARY_PREFIX - 1 + sizeof hex];

		randombytes_buf(rnd, sizeof rnd);
		sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
		memcpy(boundary, BOUNDARY_PREFIX, sizeof BOUNDARY_PREFIX - 1);
		memcpy(boundary + sizeof BOUNDARY_PREFIX - 1, hex, sizeof hex);
		/* '=' is a tspecial: the parameter is quoted, and folded to stay <= 76. */
		hw_puts(&w, "MIME-Version: 1.0\r\n"
			    "Content-Type: multipart/alternative;\r\n"
			    " boundary=\"");
		hw_puts(&w, boundary);
		hw_puts(&w, "\"\r\n"
			    "Auto-Submitted: auto-generated\r\n"
			    "\r\n");
		mime_part(&w, boundary, "text/plain", text);
		mime_part(&w, boundary, "text/html", body_html);
		hw_puts(&w, "--");
		hw_puts(&w, boundary);
		hw_puts(&w, "--\r\n");
	} else {
		hw_puts(&w, "MIME-Version: 1.0\r\n"
			    "Content-Type: text/plain; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: quoted-printable\r\n"
			    "Auto-Submitted: auto-generated\r\n"
			    "\r\n");
		qp_body(&w, text);
	}
	if (w.failed) {
		out->len = start;
		if (out->buf)
			out->buf[start] = '\0';
		return -1;
	}
	return 0;
}

/* ---- SMTP through libcurl ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* A short reason for the caller; outside text (server replies) is kept printable ASCII
 * so it can be logged and stored in a utf8mb4 column as it is. */
static void set_err(char *err, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;

	if (!err || cap == 0)
		return;
	va_start(ap, fmt);
	int r = vsnprintf(err, cap, fmt, ap);
	va_end(ap);
	if (r < 0)
		err[0] = '\0';
	for (char *p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
			*p = '?';
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_cb(char *buf, size_t size, size_t nitems, void *userdata)
{
	struct reader *r = userdata;
	size_t cap = size * nitems;   /* libcurl keeps this within its buffer size */
	size_t n = r->left < cap ? r->left : cap;

	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

/* 1 when the URL asks for STARTTLS to be required (smtp:// on port 587), 0 when not,
 * -1 when it is not an smtp:// or smtps:// URL. */
static int url_needs_starttls(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *port = NULL;
	int r = -1;

	if (!u)
		return -1;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
		if (strcmp(scheme, "smtps") == 0)
			r = 0;
		else if (strcmp(scheme, "smtp") == 0)
			r = strcmp(port, "587") == 0;
	}
	curl_free(scheme);
	curl_free(port);
	curl_url_cleanup(u);
	return r;
}

/* A reply that refuses this message for good (RFC 5321 4.2.1: 5yz is a permanent
 * negative completion): any 5xx but the authentication ones (530, 534, 535, 538), which
 * say that OUR configuration is wrong, not the message, and would otherwise fail every
 * message queued while the password is being fixed. */
static bool smtp_permanent(long code)
{
	return code >= 500 && code <= 599 && code != 530 && code != 534 && code != 535 &&
	       code != 538;
}

int mail_send(const char *smtp_url, const char *username, const char *password,
	      const char *from_addr, const char *to_addr, const struct strbuf *message,
	      char *err, size_t errcap)
{
	struct strbuf from = STRBUF_INIT, rcpt = STRBUF_INIT;
	struct curl_slist *rcpts = NULL;
	CURL *c = NULL;
	char curlerr[CURL_ERROR_SIZE];
	int ret = -1;

	set_err(err, errcap, "%s", "");
	if (!smtp_url || !*smtp_url || !message) {
		set_err(err, errcap, "no SMTP URL or message");
		return -1;
	}
	if (!address_ok(from_addr) || !address_ok(to_addr)) {
		set_err(err, errcap, "invalid address");
		return -1;
	}
	if (pthread_once(&curl_once, curl_init_once) != 0 || curl_init_rc != CURLE_OK) {
		set_err(err, errcap, "curl_global_init failed");
		return -1;
	}
	int starttls = url_needs_starttls(smtp_url);
	if (starttls < 0) {
		set_err(err, errcap, "Mail.SmtpUrl is not an smtp:// or smtps:// URL");
		return -1;
	}
	if (sb_printf(&from, "<%s>", from_addr) < 0 || sb_printf(&rcpt, "<%s>", to_addr) < 0 ||
	    !(rcpts = curl_slist_append(NULL, rcpt.buf)) || !(c = curl_easy_init())) {
		set_err(err, errcap, "out of memory");
		goto out;
	}

	struct reader rd = { message->buf ? message->buf : "", message->len };
	curlerr[0] = '\0';
	CURLcode rc = CURLE_OK;
#define SET(opt, val) do { if (rc == CURLE_OK) rc = curl_easy_setopt(c, opt, val); } while (0)
	SET(CURLOPT_ERRORBUFFER, curlerr);
	SET(CURLOPT_URL, smtp_url);
	SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	SET(CURLOPT_MAIL_FROM, from.buf);
	SET(CURLOPT_MAIL_RCPT, rcpts);
	SET(CURLOPT_READFUNCTION, read_cb);
	SET(CURLOPT_READDATA, &rd);
	SET(CURLOPT_UPLOAD, 1L);   /* without it nothing is sent */
	SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)message->len);
	SET(CURLOPT_CONNECTTIMEOUT, 10L);
	SET(CURLOPT_TIMEOUT, 60L);
	SET(CURLOPT_NOSIGNAL, 1L);
	if (username && *username)
		SET(CURLOPT_USERNAME, username);
	if (password && *password)
		SET(CURLOPT_PASSWORD, password);
	if (starttls)
		SET(CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
#undef SET
	if (rc != CURLE_OK) {
		set_err(err, errcap, "curl option: %s", curl_easy_strerror(rc));
		goto out;
	}

	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		long code = 0;
		size_t el = strlen(curlerr);
		while (el > 0 && (curlerr[el - 1] == '\n' || curlerr[el - 1] == '\r' ||
				  curlerr[el - 1] == ' '))
			curlerr[--el] = '\0';
		/* The last reply, when it was the refusal (not the 250 of an EHLO before a
		 * missing STARTTLS, say). */
		if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK)
			code = 0;
		if (code >= 400)
			set_err(err, errcap, "SMTP %ld: %s", code, el ? curlerr : curl_easy_strerror(rc));
		else
			set_err(err, errcap, "%s", el ? curlerr : curl_easy_strerror(rc));
		if (smtp_permanent(code))
			ret = MAIL_PERMANENT;
		goto out;
	}
	ret = 0;
out:
	if (c)
		curl_easy_cleanup(c);
	curl_slist_free_all(rcpts);
	sb_free(&from);
	sb_free(&rcpt);
	return ret;
}
