#include "br/pix.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "br/doc.h"
#include "br/valid.h"

#define PIX_INPUT_MAX 128    /* far above any key's typed form: no need to look further */
#define PHONE_NATIONAL_CAP 12 /* valid_phone: 11 digits + NUL */
#define UUID_LEN 36
#define CPF_DIGITS 11
#define CNPJ_CHARS 14
#define NAME_MAX PIX_NAME_MAX
#define CITY_MAX PIX_CITY_MAX
#define TXID_MAX 25
#define TLV_VALUE_MAX 99

#define ERR(msg) ("Chave PIX inválida: " msg)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool has_any(const char *s, size_t len, const char *set)
{
	for (size_t i = 0; i < len; i++)
		if (strchr(set, s[i]))
			return true;
	return false;
}

/* Takes a buffer back to its first len bytes: on failure callers leave out as it was. */
static void sb_cut(struct strbuf *sb, size_t len)
{
	if (sb->buf && len <= sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

static int append_lower(struct strbuf *out, const char *s, size_t len)
{
	size_t start = out->len;

	for (size_t i = 0; i < len; i++) {
		if (sb_putc(out, to_lower(s[i])) != 0) {
			sb_cut(out, start);
			return -1;
		}
	}
	return 0;
}

/* ---- keys ---- */

/* Pasted keys often come with a space or a tab at either end. */
static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static bool is_uuid(const char *s, size_t len)
{
	if (len != UUID_LEN)
		return false;
	for (size_t i = 0; i < len; i++) {
		bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
		if (hyphen ? s[i] != '-' : !is_hex(s[i]))
			return false;
	}
	return true;
}

static enum pix_key_type parse_email(const char *s, size_t len, struct strbuf *out,
				     const char **error)
{
	if (len > PIX_KEY_MAX) {
		*error = ERR("e-mail com mais de 77 caracteres.");
		return PIX_KEY_NONE;
	}
	if (!valid_email(s, len)) {
		*error = ERR("e-mail mal formado.");
		return PIX_KEY_NONE;
	}
	return append_lower(out, s, len) == 0 ? PIX_KEY_EMAIL : PIX_KEY_NONE;
}

/* valid_phone's national digits, written as the DICT keeps phone keys: +55DDDNUMBER.
 * 1 when appended, 0 when s is no phone, -1 when memory ran out (no message then: the
 * caller's default says so). */
static int try_phone(const char *s, size_t len, struct strbuf *out)
{
	char digits[PHONE_NATIONAL_CAP];

	if (!valid_phone(s, len, digits, sizeof digits))
		return 0;
	return SB_CAT(out, "+55", digits) == 0 ? 1 : -1;
}

/* try_phone's result as a type, with why_not as the message when it was no phone. */
static enum pix_key_type phone_or(int phone, const char **error, const char *why_not)
{
	if (phone == 0)
		*error = why_not;
	return phone > 0 ? PIX_KEY_PHONE : PIX_KEY_NONE;
}

/* Letters, digits and the punctuation documents are written with. */
static bool document_chars(const char *s, size_t len, size_t *alnum, bool *letters)
{
	*alnum = 0;
	*letters = false;
	for (size_t i = 0; i < len; i++) {
		if (is_digit(s[i]) || is_alpha(s[i])) {
			(*alnum)++;
			*letters |= is_alpha(s[i]);
		} else if (!strchr(".-/ ", s[i])) {
			return false;
		}
	}
	return true;
}

/* Typed as a CPF is written: digits and dots, and at most one '-', right before the
 * last two digits. Phone punctuation ("11 98765-4321") fails this. */
static bool cpf_shaped(const char *s, size_t len)
{
	const char *hyphen = memchr(s, '-', len);

	if (has_any(s, len, "/ "))
		return false;
	if (!hyphen)
		return true;
	size_t after = len - (size_t)(hyphen - s) - 1;
	return after == 2 && is_digit(hyphen[1]) && is_digit(hyphen[2]);
}

static enum pix_key_type append_document(const char *bare, enum doc_kind kind,
					 struct strbuf *out)
{
	if (sb_puts(out, bare) != 0)
		return PIX_KEY_NONE;
	return kind == DOC_CPF ? PIX_KEY_CPF : PIX_KEY_CNPJ;
}

/* 11 digits: a CPF when typed like one, else a phone when it is one, else a CPF typed
 * with other punctuation. */
static enum pix_key_type parse_eleven(const char *s, size_t len, struct strbuf *out,
				      const char **error)
{
	char bare[DOC_BARE_MAX];
	bool cpf = doc_parse(s, len, bare) == DOC_CPF;
	int phone;

	if (cpf && cpf_shaped(s, len))
		return append_document(bare, DOC_CPF, out);
	phone = try_phone(s, len, out);
	if (phone != 0)
		return phone > 0 ? PIX_KEY_PHONE : PIX_KEY_NONE;
	if (cpf)
		return append_document(bare, DOC_CPF, out);
	*error = memchr(s, '.', len) ? ERR("CPF com dígitos verificadores errados.")
				     : ERR("não é CPF nem telefone com DDD.");
	return PIX_KEY_NONE;
}

static enum pix_key_type parse_number(const char *s, size_t len, struct strbuf *out,
				      const char **error)
{
	char bare[DOC_BARE_MAX];
	size_t alnum;
	bool letters;

	if (!document_chars(s, len, &alnum, &letters)) {
		*error = ERR("use CPF, CNPJ, e-mail, telefone com DDD ou chave aleatória.");
		return PIX_KEY_NONE;
	}
	if (alnum == CNPJ_CHARS) {
		if (doc_parse(s, len, bare) == DOC_CNPJ)
			return append_document(bare, DOC_CNPJ, out);
		*error = ERR("CNPJ com dígitos verificadores errados.");
		return PIX_KEY_NONE;
	}
	if (letters) {
		*error = ERR("use CPF, CNPJ, e-mail, telefone com DDD ou chave aleatória.");
		return PIX_KEY_NONE;
	}
	if (alnum == CPF_DIGITS)
		return parse_eleven(s, len, out, error);
	return phone_or(try_phone(s, len, out), error,
			ERR("número que não é CPF, CNPJ nem telefone com DDD."));
}

static enum pix_key_type parse_key(const char *s, size_t len, struct strbuf *out,
				   const char **error)
{
	if (len == 0) {
		*error = ERR("vazia.");
		return PIX_KEY_NONE;
	}
	if (len > PIX_INPUT_MAX) {
		*error = ERR("longa demais.");
		return PIX_KEY_NONE;
	}
	if (memchr(s, '@', len))
		return parse_email(s, len, out, error);
	if (is_uuid(s, len))
		return append_lower(out, s, len) == 0 ? PIX_KEY_RANDOM : PIX_KEY_NONE;
	if (has_any(s, len, "+()"))
		return phone_or(try_phone(s, len, out), error,
				ERR("telefone deve ter DDD e número, como (11) 98765-4321."));
	return parse_number(s, len, out, error);
}

enum pix_key_type pix_key_parse(const char *in, struct strbuf *out, const char **error)
{
	const char *dummy, *s = in;
	size_t start, len;
	enum pix_key_type t;

	if (!error)
		error = &dummy;
	*error = ERR("vazia.");
	if (!in || !out)
		return PIX_KEY_NONE;
	start = out->len;
	len = strlen(in);
	trim(&s, &len);
	*error = "Chave PIX: memória insuficiente.";   /* the parsers set the others */
	t = parse_key(s, len, out, error);
	if (t == PIX_KEY_NONE)
		sb_cut(out, start);
	return t;
}

bool pix_key_ambiguous(const char *in)
{
	const char *s = in;
	size_t len = in ? strlen(in) : 0;
	char bare[DOC_BARE_MAX], digits[PHONE_NATIONAL_CAP];

	trim(&s, &len);
	if (len != CPF_DIGITS)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return doc_parse(s, len, bare) == DOC_CPF && valid_phone(s, len, digits, sizeof digits);
}

enum pix_key_type pix_key_parse_as(const char *in, enum pix_key_type as, struct strbuf *out,
				   const char **error)
{
	const char *dummy, *s = in;
	size_t len;
	char bare[DOC_BARE_MAX];

	if (as != PIX_KEY_CPF && as != PIX_KEY_PHONE)
		return pix_key_parse(in, out, error);
	if (!error)
		error = &dummy;
	*error = ERR("vazia.");
	if (!in || !out)
		return PIX_KEY_NONE;
	len = strlen(in);
	trim(&s, &len);
	if (as == PIX_KEY_CPF) {
		if (doc_parse(s, len, bare) != DOC_CPF) {
			*error = ERR("não é um CPF (dígitos verificadores errados).");
			return PIX_KEY_NONE;
		}
		*error = "Chave PIX: memória insuficiente.";
		return append_document(bare, DOC_CPF, out);
	}
	*error = ERR("não é um telefone com DDD.");
	int phone = try_phone(s, len, out);
	if (phone < 0)
		*error = "Chave PIX: memória insuficiente.";
	return phone > 0 ? PIX_KEY_PHONE : PIX_KEY_NONE;
}

const char *pix_key_type_name(enum pix_key_type t)
{
	switch (t) {
	case PIX_KEY_CPF: return "CPF";
	case PIX_KEY_CNPJ: return "CNPJ";
	case PIX_KEY_EMAIL: return "E-mail";
	case PIX_KEY_PHONE: return "Telefone";
	case PIX_KEY_RANDOM: return "Chave aleatória";
	case PIX_KEY_NONE: break;
	}
	return "";
}

/* ---- names to ASCII ---- */

/* U+00C0..U+00FF: the base letter in the same case, 0 for signs (× ÷) and Þ þ. */
static const char latin1[64] = {
	'A', 'A', 'A', 'A', 'A', 'A', 'A', 'C', 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I', /* C0 */
	'D', 'N', 'O', 'O', 'O', 'O', 'O', 0,   'O', 'U', 'U', 'U', 'U', 'Y', 0,   's', /* D0 */
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', /* E0 */
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y', /* F0 */
};

/* Latin Extended-A (U+0100..U+017F), as lib/base/fold.c has it: upper/lower pairs,
 * the pairs shifted by one in 0139..0148 and 0179..017E. */
static bool ext_a_upper(uint32_t cp)
{
	if (cp <= 0x137 || (cp >= 0x14A && cp <= 0x177))
		return cp % 2 == 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1;
	return cp == 0x178;
}

static char ext_a(uint32_t cp)
{
	static const char base[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllll"
				   "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
	char c = base[cp - 0x100];

	return ext_a_upper(cp) ? (char)(c - 'a' + 'A') : c;
}

/* The ASCII a character is written with in a BR Code, or 0 to drop it. */
static char ascii_of(const char *s, size_t n)
{
	if (n == 1)
		return s[0] >= 0x20 && s[0] < 0x7F ? s[0] : 0;
	if (n != 2)
		return 0;
	uint32_t cp = ((uint32_t)(s[0] & 0x1F) << 6) | (uint32_t)(s[1] & 0x3F);
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return ext_a(cp);
	return cp == 0xA0 ? ' ' : 0;   /* a no-break space is still a space */
}

/* Appends text folded to printable ASCII, without spaces at the ends, cut to max bytes.
 * -1 for ill-formed UTF-8, nothing left, or out of memory. */
static int append_ascii(struct strbuf *out, const char *text, size_t max)
{
	size_t len = strlen(text), start = out->len;

	if (!utf8_valid(text, len))
		return -1;
	for (size_t i = 0, n; i < len && out->len - start < max; i += n) {
		n = utf8_next(text + i, len - i);
		char c = ascii_of(text + i, n);
		if (c && !(c == ' ' && out->len == start) && sb_putc(out, c) != 0) {
			sb_cut(out, start);
			return -1;
		}
	}
	while (out->len > start && out->buf[out->len - 1] == ' ')
		sb_cut(out, out->len - 1);
	return out->len > start ? 0 : -1;
}

long pix_text_length(const char *text)
{
	struct strbuf v = STRBUF_INIT;
	if (!text)
		return -1;
	if (!utf8_valid(text, strlen(text)))
		return -1;
	/* Nothing but spaces or dropped characters is 0 long (append_ascii refuses it). */
	long n = append_ascii(&v, text, (size_t)-1) == 0 ? (long)v.len : 0;
	sb_free(&v);
	return n;
}

/* A word of the folded text: a slice of it, or a replacement (an abbreviation, an
 * initial); gone when dropped. */
struct word {
	const char *s;
	size_t len;
	bool gone;
};

static bool word_is(const struct word *w, const char *lower)
{
	size_t n = strlen(lower);
	if (w->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (to_lower(w->s[i]) != lower[i])
			return false;
	return true;
}

static size_t words_length(const struct word *w, size_t n)
{
	size_t len = 0, kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!w[i].gone) {
			len += w[i].len;
			kept++;
		}
	return kept ? len + kept - 1 : 0;
}

/* Drops the words in list (lowercase) from index from on, last word first when
 * only_last; keeps at least one word. */
static void drop_words(struct word *w, size_t n, size_t from, const char *const *list,
		       bool only_last, size_t max)
{
	for (size_t k = n; k-- > from && words_length(w, n) > max;) {
		if (w[k].gone)
			continue;
		bool match = false;
		for (size_t j = 0; list[j] && !match; j++)
			match = word_is(&w[k], list[j]);
		if (match && words_length(w, n) > w[k].len)
			w[k].gone = true;
		else if (only_last)
			return;
	}
}

int pix_text_shorten(const char *text, size_t max, struct strbuf *out)
{
	static const char *const suffixes[] = { "ltda", "ltda.", "me", "epp", "eireli", "sa",
						"s/a", "s.a.", "s.a", "-", NULL };
	static const char *const linking[] = { "de", "da", "do", "das", "dos", "e", "d", NULL };
	/* Long words of offices' names, as Brazilian business names shorten them. */
	static const char *const abbrev[][2] = {
		{ "contabilidade", "Contabil" }, { "contabeis", "Contabeis" },
		{ "assessoria", "Assess" }, { "consultoria", "Consult" },
		{ "associados", "Assoc" }, { "servicos", "Servs" }, { "comercio", "Com" },
		{ "industria", "Ind" }, { "empresarial", "Empres" }, { "escritorio", "Escrit" },
		{ "sociedade", "Soc" }, { "organizacao", "Org" }, { "administracao", "Adm" },
		{ "tributaria", "Trib" }, { "auditoria", "Audit" }, { "financeira", "Financ" },
	};
	struct strbuf folded = STRBUF_INIT;
	size_t start = out ? out->len : 0;
	if (!text || !out || max == 0 || append_ascii(&folded, text, (size_t)-1) != 0) {
		sb_free(&folded);
		return -1;
	}
	/* Split on spaces (append_ascii left none at the ends). */
	size_t n = 0, cap = 1;
	for (size_t i = 0; i < folded.len; i++)
		cap += folded.buf[i] == ' ';
	struct word *w = calloc(cap, sizeof *w);
	if (!w) {
		sb_free(&folded);
		return -1;
	}
	for (size_t i = 0; i < folded.len;) {
		while (i < folded.len && folded.buf[i] == ' ')
			i++;
		size_t j = i;
		while (j < folded.len && folded.buf[j] != ' ')
			j++;
		if (j > i)
			w[n++] = (struct word){ folded.buf + i, j - i, false };
		i = j;
	}
	if (words_length(w, n) > max)
		drop_words(w, n, 1, suffixes, true, max);
	for (size_t i = 0; i < n && words_length(w, n) > max; i++)
		for (size_t j = 0; j < sizeof abbrev / sizeof *abbrev; j++)
			if (!w[i].gone && word_is(&w[i], abbrev[j][0])) {
				w[i].s = abbrev[j][1];
				w[i].len = strlen(abbrev[j][1]);
				break;
			}
	if (words_length(w, n) > max)
		drop_words(w, n, 1, linking, false, max);
	/* Initials: the middle words from the last but one kept back, then the first. */
	size_t last = n;
	while (last > 0 && w[last - 1].gone)
		last--;
	for (size_t k = last > 1 ? last - 1 : 0; k-- > 0 && words_length(w, n) > max;)
		if (!w[k].gone && w[k].len > 1)
			w[k].len = 1;
	/* Still too long: whole words from the end, then a plain cut. */
	for (size_t k = n; k-- > 1 && words_length(w, n) > max;)
		w[k].gone = true;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (w[i].gone)
			continue;
		if (out->len > start)
			rc = sb_putc(out, ' ');
		size_t room = max - (out->len - start);
		rc = rc ? rc : sb_append(out, w[i].s, w[i].len < room ? w[i].len : room);
	}
	free(w);
	sb_free(&folded);
	if (rc != 0)
		sb_cut(out, start);
	return rc ? -1 : 0;
}

/* ---- the BR Code ---- */

uint16_t pix_crc16(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint16_t crc = 0xFFFF;

	for (size_t i = 0; i < len; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (int bit = 0; bit < 8; bit++)
			crc = crc & 0x8000 ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
	}
	return crc;
}

/* One EMV field: two-digit id, two-digit length, the value. */
static int tlv(struct strbuf *out, const char *id, const char *value, size_t len)
{
	if (len > TLV_VALUE_MAX)
		return -1;
	if (sb_printf(out, "%s%02zu", id, len) != 0)
		return -1;
	return sb_append(out, value, len);
}

static int tlv_str(struct strbuf *out, const char *id, const char *value)
{
	return tlv(out, id, value, strlen(value));
}

/* A field whose value is the ASCII fold of text. */
static int tlv_ascii(struct strbuf *out, const char *id, const char *text, size_t max)
{
	struct strbuf v = STRBUF_INIT;
	int rc = append_ascii(&v, text, max);

	if (rc == 0)
		rc = tlv(out, id, v.buf, v.len);
	sb_free(&v);
	return rc;
}

/* Only the normalised form: parsing it again must give it back unchanged. */
static bool key_normalised(const char *key)
{
	struct strbuf sb = STRBUF_INIT;
	bool ok = pix_key_parse(key, &sb, NULL) != PIX_KEY_NONE && strcmp(sb_str(&sb), key) == 0;

	sb_free(&sb);
	return ok;
}

static bool txid_ok(const char *txid)
{
	size_t len = strnlen(txid, TXID_MAX + 1);

	if (len > TXID_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_digit(txid[i]) && !is_alpha(txid[i]))
			return false;
	return true;
}

/* Field 26, the merchant account: the PIX domain and the key. */
static int merchant_account(struct strbuf *out, const char *key)
{
	struct strbuf v = STRBUF_INIT;
	int rc = tlv_str(&v, "00", "br.gov.bcb.pix") | tlv_str(&v, "01", key);

	if (rc == 0)
		rc = tlv(out, "26", v.buf, v.len);
	sb_free(&v);
	return rc;
}

/* Field 62, additional data: the txid. */
static int additional_data(struct strbuf *out, const char *txid)
{
	struct strbuf v = STRBUF_INIT;
	int rc = tlv_str(&v, "05", txid && *txid ? txid : "***");

	if (rc == 0)
		rc = tlv(out, "62", v.buf, v.len);
	sb_free(&v);
	return rc;
}

/* Field 54: "123.45", integer arithmetic only. */
static int amount(struct strbuf *out, int64_t centavos)
{
	char v[32];
	int n;

	if (centavos == 0)
		return 0;
	n = snprintf(v, sizeof v, "%" PRId64 ".%02d", centavos / 100, (int)(centavos % 100));
	if (n < 0 || (size_t)n >= sizeof v)
		return -1;
	return tlv(out, "54", v, (size_t)n);
}

static int brcode_fields(const struct pix_payee *p, int64_t centavos, const char *txid,
			 struct strbuf *out)
{
	int rc = tlv_str(out, "00", "01");

	rc = rc ? rc : merchant_account(out, p->key);
	rc = rc ? rc : tlv_str(out, "52", "0000");
	rc = rc ? rc : tlv_str(out, "53", "986");
	rc = rc ? rc : amount(out, centavos);
	rc = rc ? rc : tlv_str(out, "58", "BR");
	rc = rc ? rc : tlv_ascii(out, "59", p->name, NAME_MAX);
	rc = rc ? rc : tlv_ascii(out, "60", p->city, CITY_MAX);
	rc = rc ? rc : additional_data(out, txid);
	return rc;
}

/* Field 63. The CRC covers this code only (out may hold text before it), from its "00"
 * to the "6304" of this very field. */
static int crc_field(struct strbuf *out, size_t start)
{
	if (sb_puts(out, "6304") != 0)
		return -1;
	return sb_printf(out, "%04X", (unsigned)pix_crc16(out->buf + start, out->len - start));
}

int pix_brcode(const struct pix_payee *p, int64_t centavos, const char *txid,
	       struct strbuf *out)
{
	size_t start;

	if (!p || !p->key || !p->name || !p->city || !out)
		return -1;
	if (centavos < 0 || centavos > PIX_AMOUNT_MAX)
		return -1;
	if ((txid && !txid_ok(txid)) || !key_normalised(p->key))
		return -1;
	start = out->len;
	if (brcode_fields(p, centavos, txid, out) != 0 || crc_field(out, start) != 0) {
		sb_cut(out, start);
		return -1;
	}
	return 0;
}
