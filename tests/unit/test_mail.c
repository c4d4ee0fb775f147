/* Unit tests for lib/mail/mail.c: mail_build (headers, RFC 2047, quoted-printable, CRLF,
 * header injection, addresses, the multipart/alternative HTML part) and mail_check. No
 * network: mail_send is tested against the local SMTP catcher by the HTTP tests. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "mail/mail.h"
#include "base/strbuf.h"

#define FROM "nao-responda@portal.example.com.br"
#define TO "joao.silva@example.com"

/* The value of header name, unfolded (the CRLF before a continuation removed), or NULL.
 * Caller frees. */
static char *header(const char *msg, const char *name)
{
	size_t nl = strlen(name);
	const char *end = strstr(msg, "\r\n\r\n");
	const char *p = msg;

	assert_non_null(end);
	while (p < end) {
		const char *eol = strstr(p, "\r\n");
		if (strncmp(p, name, nl) == 0 && p[nl] == ':' && p[nl + 1] == ' ') {
			struct strbuf v = STRBUF_INIT;
			const char *s = p + nl + 2;
			for (;;) {
				assert_int_equal(sb_append(&v, s, (size_t)(eol - s)), 0);
				if (eol[2] != ' ' && eol[2] != '\t')
					break;
				s = eol + 2;       /* drop the CRLF, keep the space */
				eol = strstr(s, "\r\n");
			}
			return sb_detach(&v);
		}
		p = eol + 2;
	}
	return NULL;
}

/* The body after the blank line. */
static const char *body_of(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");
	assert_non_null(end);
	return end + 4;
}

/* Decodes a header value made of RFC 2047 B encoded-words (=?UTF-8?B?...?=) separated
 * by spaces; checks each word's length and that it holds whole UTF-8 characters. */
static char *decode_words(const char *v)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = v;

	while (*p) {
		assert_memory_equal(p, "=?UTF-8?B?", 10);
		const char *q = strstr(p + 10, "?=");
		assert_non_null(q);
		assert_true((size_t)(q + 2 - p) <= 75);
		unsigned char bin[64];
		size_t binlen = 0;
		assert_int_equal(sodium_base642bin(bin, sizeof bin, p + 10, (size_t)(q - p - 10),
						   NULL, &binlen, NULL,
						   sodium_base64_VARIANT_ORIGINAL), 0);
		/* Whole characters: the word's bytes start and end on a character boundary. */
		assert_true(binlen > 0);
		assert_true((bin[0] & 0xC0) != 0x80);
		size_t i = 0;
		while (i < binlen) {
			unsigned c = bin[i];
			size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			assert_true(i + l <= binlen);
			i += l;
		}
		assert_int_equal(sb_append(&out, (const char *)bin, binlen), 0);
		p = q + 2;
		while (*p == ' ')
			p++;
	}
	return sb_detach(&out);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;   /* lowercase hex is not what we write */
}

/* Decodes quoted-printable (CRLF lines, "=" soft breaks). */
static char *decode_qp(const char *s)
{
	struct strbuf out = STRBUF_INIT;

	while (*s) {
		if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
			s += 3;
		} else if (s[0] == '=') {
			int hi = hexval(s[1]), lo = hexval(s[2]);
			assert_true(hi >= 0 && lo >= 0);
			assert_int_equal(sb_putc(&out, (char)(hi * 16 + lo)), 0);
			s += 3;
		} else {
			assert_int_equal(sb_putc(&out, *s), 0);
			s++;
		}
	}
	return sb_detach(&out);
}

/* CRLF everywhere, 7-bit printable text, every line within the limits. */
static void check_lines(const char *msg, size_t header_max, size_t body_max)
{
	const char *body = body_of(msg);
	const char *line = msg;

	for (const char *p = msg; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (*p == '\r') {
			assert_int_equal(p[1], '\n');
		} else if (*p == '\n') {
			assert_true(p > msg && p[-1] == '\r');
			size_t len = (size_t)(p - 1 - line);
			assert_true(len <= (line < body ? header_max : body_max));
			line = p + 1;
		} else {
			assert_true(c >= 0x20 && c < 0x7F);
		}
	}
	assert_true(line == msg + strlen(msg));   /* the message ends with CRLF */
}

static char *build(const char *from_name, const char *to_addr, const char *to_name,
		   const char *subject, const char *body)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(mail_build(&sb, FROM, from_name, to_addr, to_name, subject, body,
				    NULL, "portal.example.com.br"), 0);
	return sb_detach(&sb);
}

static void test_headers_present(void **state)
{
	(void)state;
	char *msg = build("Portal", TO, "Joao Silva", "Hello", "Body.\n");
	char *v;

	v = header(msg, "Date");
	assert_non_null(v);
	/* "Sun, 23 Nov 2025 09:17:00 +0000" */
	assert_int_equal(strlen(v), 31);
	assert_string_equal(v + 25, " +0000");
	assert_int_equal(v[3], ',');
	free(v);

	v = header(msg, "Message-ID");
	assert_non_null(v);
	assert_int_equal(strlen(v), 1 + 32 + 1 + strlen("portal.example.com.br") + 1);
	assert_int_equal(v[0], '<');
	for (int i = 1; i <= 32; i++)
		assert_non_null(strchr("0123456789abcdef", v[i]));
	assert_string_equal(v + 33, "@portal.example.com.br>");
	free(v);

	v = header(msg, "From");
	assert_string_equal(v, "\"Portal\" <" FROM ">");
	free(v);
	v = header(msg, "To");
	assert_string_equal(v, "\"Joao Silva\" <" TO ">");
	free(v);
	v = header(msg, "Subject");
	assert_string_equal(v, "Hello");
	free(v);
	v = header(msg, "MIME-Version");
	assert_string_equal(v, "1.0");
	free(v);
	v = header(msg, "Content-Type");
	assert_string_equal(v, "text/plain; charset=UTF-8");
	free(v);
	v = header(msg, "Content-Transfer-Encoding");
	assert_string_equal(v, "quoted-printable");
	free(v);
	assert_string_equal(body_of(msg), "Body.\r\n");
	check_lines(msg, 78, 76);
	free(msg);
}

static void test_message_id_random_and_default_domain(void **state)
{
	(void)state;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	assert_int_equal(mail_build(&a, FROM, NULL, TO, NULL, "x", "y", NULL, NULL), 0);
	assert_int_equal(mail_build(&b, FROM, "", TO, "", "x", "y", NULL, ""), 0);
	char *ia = header(a.buf, "Message-ID"), *ib = header(b.buf, "Message-ID");
	assert_string_not_equal(ia, ib);
	assert_non_null(strstr(ia, "@portal.example.com.br>"));
	free(ia);
	free(ib);
	/* No display name: the bare address. */
	char *to = header(a.buf, "To");
	assert_string_equal(to, TO);
	free(to);
	sb_free(&a);
	sb_free(&b);
}

/* The outbox's: one Message-ID for every attempt at a message; a bad local part refused. */
static void test_message_id_given(void **state)
{
	(void)state;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const char *local = "0123456789abcdef0123456789abcdef";

	assert_int_equal(mail_build_id(&a, FROM, NULL, TO, NULL, "x", "y", NULL, local, NULL), 0);
	assert_int_equal(mail_build_id(&b, FROM, NULL, TO, NULL, "x", "y", NULL, local, NULL), 0);
	char *ia = header(a.buf, "Message-ID"), *ib = header(b.buf, "Message-ID");
	assert_string_equal(ia, "<0123456789abcdef0123456789abcdef@portal.example.com.br>");
	assert_string_equal(ia, ib);
	free(ia);
	free(ib);
	static const char *const bad[] = { "a b", "a>b", "a@b", "x\r\nBcc: y",
		"0123456789012345678901234567890123456789012345678901234567890123456789" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t len = a.len;
		assert_int_equal(mail_build_id(&a, FROM, NULL, TO, NULL, "x", "y", NULL, bad[i],
					       NULL), -1);
		assert_int_equal(a.len, len);
	}
	sb_free(&a);
	sb_free(&b);
}

static void test_subject_rfc2047(void **state)
{
	(void)state;
	char *msg = build(NULL, TO, NULL, "Redefinição de senha", "x");
	char *v = header(msg, "Subject");

	assert_string_equal(v, "=?UTF-8?B?UmVkZWZpbmnDp8OjbyBkZSBzZW5oYQ==?=");
	char *d = decode_words(v);
	assert_string_equal(d, "Redefinição de senha");
	free(d);
	free(v);
	check_lines(msg, 76, 76);
	free(msg);
}

static void test_long_subject_split(void **state)
{
	(void)state;
	const char *subject =
		"Atualização cadastral necessária: confirme seus dados até sexta-feira, "
		"ação obrigatória para emissão das guias de março — Escritório Conceição & "
		"Associados 😀 ✓";
	char *msg = build(NULL, TO, NULL, subject, "x");
	char *v = header(msg, "Subject");
	/* Several encoded-words, each <= 75 characters, lines <= 76. */
	assert_non_null(strstr(v, "?= =?UTF-8?B?"));
	char *d = decode_words(v);
	assert_string_equal(d, subject);
	free(d);
	free(v);
	check_lines(msg, 76, 76);
	free(msg);

	/* A long ASCII subject is folded through encoded-words too, and comes back whole. */
	const char *ascii = "This subject is long enough that it cannot stay on one header "
			    "line of seventy-eight characters at all";
	msg = build(NULL, TO, NULL, ascii, "x");
	v = header(msg, "Subject");
	d = decode_words(v);
	assert_string_equal(d, ascii);
	free(d);
	free(v);
	check_lines(msg, 76, 76);
	free(msg);

	/* "=?" in plain text would look like an encoded-word: it is encoded. */
	msg = build(NULL, TO, NULL, "a =?UTF-8?B?eA==?= b", "x");
	v = header(msg, "Subject");
	d = decode_words(v);
	assert_string_equal(d, "a =?UTF-8?B?eA==?= b");
	free(d);
	free(v);
	free(msg);
}

/* Decodes a display name: plain words and encoded-words; the white space between two
 * adjacent encoded-words is not part of the text (RFC 2047, section 6.2). */
static char *decode_phrase(const char *v)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = v;
	bool prev_encoded = false, first = true;

	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *tok = strndup(p, n);
		bool encoded = n > 10 && strncmp(tok, "=?UTF-8?B?", 10) == 0;
		if (!first && !(encoded && prev_encoded))
			assert_int_equal(sb_putc(&out, ' '), 0);
		if (encoded) {
			char *d = decode_words(tok);
			assert_int_equal(sb_puts(&out, d), 0);
			free(d);
		} else {
			assert_null(strchr(tok, '"'));
			assert_int_equal(sb_puts(&out, tok), 0);
		}
		free(tok);
		prev_encoded = encoded;
		first = false;
		p += n;
	}
	return sb_detach(&out);
}

/* Header name of msg is "<display name> <addr>": checks the address, returns the
 * decoded name. */
static char *mailbox_name(const char *msg, const char *field, const char *addr)
{
	char *v = header(msg, field);
	assert_non_null(v);
	const char *lt = strrchr(v, '<');
	assert_non_null(lt);
	assert_true(lt > v && lt[-1] == ' ');
	assert_memory_equal(lt + 1, addr, strlen(addr));
	assert_string_equal(lt + 1 + strlen(addr), ">");
	char *name = strndup(v, (size_t)(lt - 1 - v));
	char *d = decode_phrase(name);
	free(name);
	free(v);
	return d;
}

static void test_display_names(void **state)
{
	(void)state;
	char *msg = build("Portal Contábil", TO, "João da Silva Conceição", "Olá", "x");
	char *v = header(msg, "From");

	/* Only the words that need it are encoded. */
	assert_string_equal(v, "Portal =?UTF-8?B?Q29udMOhYmls?= <" FROM ">");
	free(v);
	char *d = mailbox_name(msg, "From", FROM);
	assert_string_equal(d, "Portal Contábil");
	free(d);
	d = mailbox_name(msg, "To", TO);
	assert_string_equal(d, "João da Silva Conceição");
	free(d);
	check_lines(msg, 76, 76);
	free(msg);

	/* A long run of non-ASCII words is split into several encoded-words of whole
	 * characters; specials, repeated spaces and a long name survive; lines <= 76. */
	const char *names[] = {
		"Conceição Assunção Gonçalves Magalhães Ávila Brandão Citroën Ångström",
		"Silva,  João (Sócio) <diretor>",
		("Escritório Contábil São João da Boa Vista e Região Metropolitana de Ribeirão"
		 " Preto Ltda. — Matriz 😀"),
		"Maria das Graças ",
		"Sr. =?UTF-8?B?eA==?= Silva",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		msg = build(NULL, TO, names[i], "x", "x");
		d = mailbox_name(msg, "To", TO);
		assert_string_equal(d, names[i]);
		free(d);
		check_lines(msg, 76, 76);
		free(msg);
	}

	/* Short ASCII names are quoted strings, with " and \ escaped. */
	msg = build("Silva \"Jr\" \\ Filhos", TO, NULL, "x", "x");
	v = header(msg, "From");
	assert_string_equal(v, "\"Silva \\\"Jr\\\" \\\\ Filhos\" <" FROM ">");
	free(v);
	free(msg);
}

static void test_quoted_printable_body(void **state)
{
	(void)state;
	struct strbuf body = STRBUF_INIT, want = STRBUF_INIT;

	/* A 300-character line of accents, "=" and spaces; a line with trailing spaces;
	 * LF, CRLF and a lone CR as line ends; a leading dot; an empty line. */
	for (int i = 0; i < 30; i++)
		assert_int_equal(sb_puts(&body, "ação=1 "), 0);
	assert_int_equal(sb_puts(&body, "fim\nlinha com espaço no fim  \r\n.ponto\r\rúltima"
				 " linha: 1+1=2\n"), 0);
	char *msg = build(NULL, TO, NULL, "x", body.buf);
	const char *qp = body_of(msg);

	check_lines(msg, 78, 76);
	assert_non_null(strstr(qp, "a=C3=A7=C3=A3o=3D1 "));
	assert_non_null(strstr(qp, "=\r\n"));                       /* soft breaks */
	assert_non_null(strstr(qp, "espa=C3=A7o no fim =20\r\n"));  /* trailing space */
	assert_non_null(strstr(qp, "\r\n.ponto\r\n\r\n=C3=BAltima linha: 1+1=3D2\r\n"));
	assert_null(strstr(qp, "=\r\n\r\n"));

	/* Decoding gives the text back with CRLF line ends. */
	for (int i = 0; i < 30; i++)
		assert_int_equal(sb_puts(&want, "ação=1 "), 0);
	assert_int_equal(sb_puts(&want, "fim\r\nlinha com espaço no fim  \r\n.ponto\r\n\r\n"
				 "última linha: 1+1=2\r\n"), 0);
	char *decoded = decode_qp(qp);
	assert_string_equal(decoded, want.buf);
	free(decoded);
	free(msg);

	/* A line of exactly 76 characters stays whole; 77 gets a soft break. */
	char line[78];
	memset(line, 'a', 77);
	line[76] = '\0';
	msg = build(NULL, TO, NULL, "x", line);
	assert_int_equal(strlen(body_of(msg)), 78);
	free(msg);
	line[76] = 'a';
	line[77] = '\0';
	msg = build(NULL, TO, NULL, "x", line);
	assert_int_equal(strlen(body_of(msg)), 75 + 3 + 2 + 2);
	check_lines(msg, 78, 76);
	free(msg);

	/* An empty body is an empty body. */
	msg = build(NULL, TO, NULL, "x", "");
	assert_string_equal(body_of(msg), "");
	free(msg);

	sb_free(&body);
	sb_free(&want);
}

static void expect_refused(const char *from, const char *from_name, const char *to,
			   const char *to_name, const char *subject, const char *body,
			   const char *domain)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(sb_puts(&sb, "kept"), 0);
	assert_int_equal(mail_build(&sb, from, from_name, to, to_name, subject, body, NULL,
				    domain), -1);
	assert_string_equal(sb.buf, "kept");   /* out is left as it was */
	assert_int_equal(sb.len, 4);
	sb_free(&sb);
}

static void test_header_injection(void **state)
{
	(void)state;
	expect_refused(FROM, NULL, TO, NULL, "Oi\r\nBcc: x@example.com", "b", NULL);
	expect_refused(FROM, NULL, TO, NULL, "Oi\nBcc: x@example.com", "b", NULL);
	expect_refused(FROM, NULL, TO, NULL, "Oi\r", "b", NULL);
	expect_refused(FROM, NULL, TO, "Joao\r\nBcc: x@example.com", "s", "b", NULL);
	expect_refused(FROM, "Portal\n", TO, NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, TO, NULL, "s", "b", "example.com>\r\nBcc: x");
	expect_refused(FROM, NULL, TO, NULL, "s", "b", "exa mple.com");
	/* Not UTF-8 (Latin-1 "ç"; an overlong "/"). */
	expect_refused(FROM, NULL, TO, NULL, "Redefini\xe7\xe3o", "b", NULL);
	expect_refused(FROM, NULL, TO, NULL, "s", "\xc0\xaf", NULL);
	expect_refused(FROM, "\xed\xa0\x80", TO, NULL, "s", "b", NULL);

	assert_int_equal(mail_check(TO, "João", "Olá", "corpo", NULL), 0);
	assert_int_equal(mail_check(TO, NULL, "", "", NULL), 0);
	assert_int_equal(mail_check(TO, "a\nb", "s", "b", NULL), -1);
	assert_int_equal(mail_check(TO, NULL, "s\r\n", "b", NULL), -1);
	assert_int_equal(mail_check(TO, NULL, "s", "\xff", NULL), -1);
}

static void test_invalid_address(void **state)
{
	(void)state;
	expect_refused(FROM, NULL, "joao@", NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, "joao silva@example.com", NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, TO "\r\nBcc: x@example.com", NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, "<" TO ">", NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, "a@b.com,c@d.com", NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, "", NULL, "s", "b", NULL);
	expect_refused(FROM, NULL, NULL, NULL, "s", "b", NULL);
	expect_refused("portal", NULL, TO, NULL, "s", "b", NULL);
	expect_refused(NULL, NULL, TO, NULL, "s", "b", NULL);
	assert_int_equal(mail_check("joao@", NULL, "s", "b", NULL), -1);
	assert_int_equal(mail_build(NULL, FROM, NULL, TO, NULL, "s", "b", NULL, NULL), -1);
}

static void test_appends(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(sb_puts(&sb, "X-Before: 1\r\n"), 0);
	assert_int_equal(mail_build(&sb, FROM, NULL, TO, NULL, "s", "b", NULL, NULL), 0);
	assert_memory_equal(sb.buf, "X-Before: 1\r\nDate: ", 19);
	sb_free(&sb);
}

/* ---- multipart/alternative: a text/plain and a text/html part ---- */

static char *build_html(const char *text, const char *html)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(mail_build(&sb, FROM, "Portal", TO, "Joao", "Olá", text, html,
				    "portal.example.com.br"), 0);
	return sb_detach(&sb);
}

/* The boundary declared in the Content-Type header (checked: "=_portal_" + 32 hex). */
static char *boundary_of(const char *msg)
{
	char *v = header(msg, "Content-Type");
	const char *pre = "multipart/alternative; boundary=\"";
	assert_non_null(v);
	assert_memory_equal(v, pre, strlen(pre));
	char *b = strdup(v + strlen(pre));
	assert_non_null(b);
	assert_int_equal(strlen(b), 9 + 32 + 1);
	assert_memory_equal(b, "=_portal_", 9);
	for (int i = 9; i < 9 + 32; i++)
		assert_non_null(strchr("0123456789abcdef", b[i]));
	assert_int_equal(b[41], '"');
	b[41] = '\0';
	free(v);
	return b;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* The content of the part that starts at *p (just after its "--boundary\r\n"): checks its
 * headers, returns it decoded, and moves *p past the next delimiter's "--boundary". */
static char *part_of(const char **p, const char *boundary, const char *type)
{
	struct strbuf want = STRBUF_INIT, delim = STRBUF_INIT;
	assert_int_equal(sb_printf(&want, "Content-Type: %s; charset=UTF-8\r\n"
				   "Content-Transfer-Encoding: quoted-printable\r\n\r\n", type), 0);
	assert_memory_equal(*p, want.buf, want.len);
	const char *content = *p + want.len;
	assert_int_equal(sb_printf(&delim, "\r\n--%s", boundary), 0);
	const char *end = strstr(content, delim.buf);
	assert_non_null(end);
	char *qp = strndup(content, (size_t)(end - content));
	char *d = decode_qp(qp);
	free(qp);
	*p = end + delim.len;
	sb_free(&want);
	sb_free(&delim);
	return d;
}

static void test_multipart(void **state)
{
	(void)state;
	struct strbuf html = STRBUF_INIT, want = STRBUF_INIT;
	assert_int_equal(sb_puts(&html, "<p>Olá, João.</p>\n<a href=\"x=1\">link</a> =_portal_"
				 "0123456789abcdef0123456789abcdef\n<p>"), 0);
	for (int i = 0; i < 400; i++)   /* one 2800-character line */
		assert_int_equal(sb_puts(&html, "ação = "), 0);
	assert_int_equal(sb_puts(&html, "</p>"), 0);

	char *msg = build_html("Olá, João.\nVeja o link: x=1\n", html.buf);
	char *b = boundary_of(msg);
	char *v = header(msg, "MIME-Version");
	assert_string_equal(v, "1.0");
	free(v);
	assert_null(header(msg, "Content-Transfer-Encoding"));   /* only in the parts */
	v = header(msg, "Auto-Submitted");
	assert_string_equal(v, "auto-generated");
	free(v);
	/* CRLF only, 7-bit, headers <= 78 and every body line <= 76 (so far under 998). */
	check_lines(msg, 78, 76);

	/* --b, text part, --b, html part, --b-- and nothing after; b nowhere else. */
	const char *body = body_of(msg);
	const char *p = body;
	assert_memory_equal(p, "--", 2);
	assert_memory_equal(p + 2, b, strlen(b));
	assert_memory_equal(p + 2 + strlen(b), "\r\n", 2);
	p += 2 + strlen(b) + 2;
	char *text = part_of(&p, b, "text/plain");
	assert_string_equal(text, "Olá, João.\r\nVeja o link: x=1\r\n");
	assert_memory_equal(p, "\r\n", 2);
	p += 2;
	const char *html_start = p;
	char *h = part_of(&p, b, "text/html");
	assert_string_equal(p, "--\r\n");
	assert_int_equal(count(body, b), 3);

	/* The HTML part: "=" as =3D, so the look-alike boundary in it is harmless. */
	assert_non_null(strstr(html_start, "<a href=3D\"x=3D1\">link</a> =3D_portal_"));
	assert_non_null(strstr(html_start, "a=C3=A7=C3=A3o =3D "));
	assert_non_null(strstr(html_start, "=\r\n"));   /* the long line is soft-broken */
	assert_int_equal(sb_puts(&want, "<p>Olá, João.</p>\r\n<a href=\"x=1\">link</a> =_portal_"
				 "0123456789abcdef0123456789abcdef\r\n<p>"), 0);
	for (int i = 0; i < 400; i++)
		assert_int_equal(sb_puts(&want, "ação = "), 0);
	assert_int_equal(sb_puts(&want, "</p>\r\n"), 0);
	assert_string_equal(h, want.buf);
	free(text);
	free(h);

	/* Each message gets its own boundary. */
	char *msg2 = build_html("t", "<p>h</p>");
	char *b2 = boundary_of(msg2);
	assert_string_not_equal(b, b2);
	free(b2);
	free(msg2);
	free(b);
	free(msg);

	/* No text (NULL or ""): an empty text/plain part, the HTML still there. */
	const char *texts[] = { NULL, "" };
	for (size_t i = 0; i < 2; i++) {
		msg = build_html(texts[i], "<p>só HTML</p>");
		b = boundary_of(msg);
		check_lines(msg, 78, 76);
		p = body_of(msg) + 2 + strlen(b) + 2;
		text = part_of(&p, b, "text/plain");
		assert_string_equal(text, "");
		p += 2;
		h = part_of(&p, b, "text/html");
		assert_string_equal(h, "<p>só HTML</p>\r\n");
		assert_string_equal(p, "--\r\n");
		free(text);
		free(h);
		free(b);
		free(msg);
	}
	sb_free(&html);
	sb_free(&want);
}

static void test_html_refused(void **state)
{
	(void)state;
	/* Not UTF-8: Latin-1, a lone continuation byte, an overlong "/", a surrogate. */
	const char *bad[] = { "<p>a\xe7\xe3o</p>", "<p>\x80</p>", "\xc0\xaf", "\xed\xa0\x80" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		assert_int_equal(sb_puts(&sb, "kept"), 0);
		assert_int_equal(mail_build(&sb, FROM, NULL, TO, NULL, "s", "b", bad[i], NULL),
				 -1);
		assert_string_equal(sb.buf, "kept");
		assert_int_equal(sb.len, 4);
		sb_free(&sb);
		assert_int_equal(mail_check(TO, NULL, "s", "b", bad[i]), -1);
	}
	assert_int_equal(mail_check(TO, NULL, "s", "b", "<p>ação</p>"), 0);
	assert_int_equal(mail_check(TO, NULL, "s", "b", ""), 0);
}

/* The message without its Date and Message-ID lines (which differ on every call). */
static char *without_date_and_id(const char *msg)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = msg;
	while (*p) {
		const char *eol = strstr(p, "\r\n");
		assert_non_null(eol);
		if (strncmp(p, "Date: ", 6) != 0 && strncmp(p, "Message-ID: ", 12) != 0)
			assert_int_equal(sb_append(&out, p, (size_t)(eol + 2 - p)), 0);
		p = eol + 2;
	}
	return sb_detach(&out);
}

static void test_no_html_is_plain_text(void **state)
{
	(void)state;
	const char *htmls[] = { NULL, "" };
	for (size_t i = 0; i < 2; i++) {
		struct strbuf sb = STRBUF_INIT;
		assert_int_equal(mail_build(&sb, FROM, NULL, TO, NULL, "Oi", "x=1\nfim", htmls[i],
					    NULL), 0);
		char *rest = without_date_and_id(sb.buf);
		assert_string_equal(rest,
				    "From: " FROM "\r\n"
				    "To: " TO "\r\n"
				    "Subject: Oi\r\n"
				    "MIME-Version: 1.0\r\n"
				    "Content-Type: text/plain; charset=UTF-8\r\n"
				    "Content-Transfer-Encoding: quoted-printable\r\n"
				    "Auto-Submitted: auto-generated\r\n"
				    "\r\n"
				    "x=3D1\r\n"
				    "fim\r\n");
		assert_null(strstr(sb.buf, "multipart"));
		assert_null(strstr(sb.buf, "=_portal_"));
		check_lines(sb.buf, 78, 76);
		free(rest);
		sb_free(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers_present),
		cmocka_unit_test(test_message_id_random_and_default_domain),
		cmocka_unit_test(test_subject_rfc2047),
		cmocka_unit_test(test_long_subject_split),
		cmocka_unit_test(test_display_names),
		cmocka_unit_test(test_quoted_printable_body),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_invalid_address),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_message_id_given),
		cmocka_unit_test(test_html_refused),
		cmocka_unit_test(test_no_html_is_plain_text),
	};

	if (sodium_init() < 0)
		return 1;
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
