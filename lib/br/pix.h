/* pix: PIX keys as offices type them, and the static PIX BR Code ("copia e cola") that a
 * QR code carries: EMV TLV fields closed by a CRC16 (Banco Central's BR Code manual). */
#ifndef PORTAL_PIX_H
#define PORTAL_PIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"

enum pix_key_type { PIX_KEY_NONE, PIX_KEY_CPF, PIX_KEY_CNPJ, PIX_KEY_EMAIL, PIX_KEY_PHONE,
		    PIX_KEY_RANDOM };

#define PIX_KEY_MAX 77        /* the longest key that fits field 26 (an e-mail's limit) */
#define PIX_AMOUNT_MAX INT64_C(999999999999)   /* "9999999999.99": field 54 holds 13 */

/* Validates and normalises a PIX key as an office types it. Spaces and tabs around it
 * are ignored. The rule, in this order:
 *   - with '@': an e-mail (valid_email), lowercased, at most 77 characters;
 *   - 8-4-4-4-12 hexadecimal digits with hyphens: a random key (EVP), lowercased;
 *   - with '+', '(' or ')': a phone, and only a phone;
 *   - letters, digits, '.', '-', '/' and spaces making 14 characters: a CNPJ, numeric or
 *     alphanumeric (uppercased), check digits right;
 *   - 11 digits typed bare or as a CPF is written ("12345678909", "123.456.789-09",
 *     "123456789-09": dots anywhere, a '-' only before the last two digits) whose check
 *     digits are right: a CPF; otherwise, when valid_phone takes it (10 or 11 national
 *     digits, "55" country code and trunk "0" dropped), a phone; an 11-digit CPF typed
 *     with other punctuation that is no phone is still that CPF. A 10-digit CPF is not
 *     zero-padded (10 digits are a fixed line).
 * Normalised forms: CPF 11 digits, CNPJ 14 characters [0-9A-Z], e-mail lowercase,
 * phone "+55" + DDD + number, random key lowercase 8-4-4-4-12. Returns the type and
 * appends the normalised key to out; or PIX_KEY_NONE with *error (when error is not
 * NULL) set to a static Portuguese message ("Chave PIX inválida: ...") and out left as it
 * was (also when memory runs out). */
enum pix_key_type pix_key_parse(const char *in, struct strbuf *out, const char **error);
/* Whether the key as typed is 11 bare digits that are both a CPF (check digits right)
 * and a phone with DDD: pix_key_parse reads it as the CPF, so the office is asked. */
bool pix_key_ambiguous(const char *in);
/* pix_key_parse for a key the office said is a CPF or a phone (as PIX_KEY_CPF or
 * PIX_KEY_PHONE; any other as parses as pix_key_parse does). Same contract. */
enum pix_key_type pix_key_parse_as(const char *in, enum pix_key_type as, struct strbuf *out,
				   const char **error);
/* "CPF", "CNPJ", "E-mail", "Telefone", "Chave aleatória"; "" for PIX_KEY_NONE. */
const char *pix_key_type_name(enum pix_key_type t);

struct pix_payee {
	const char *key;   /* normalised, as pix_key_parse writes it */
	const char *name;  /* UTF-8: folded to ASCII, cut to 25 bytes */
	const char *city;  /* UTF-8: folded to ASCII, cut to 15 bytes */
};

#define PIX_NAME_MAX 25   /* field 59: the beneficiary's name, in bytes of ASCII */
#define PIX_CITY_MAX 15   /* field 60: the city */

/* How many bytes text takes in a BR Code before any cut (folded to ASCII, ends
 * trimmed, as pix_brcode writes it), or -1 for ill-formed UTF-8. */
long pix_text_length(const char *text);
/* A form of text that fits max bytes of a BR Code, offered to the office to accept or
 * retype (pix_brcode would cut it blindly): folded to ASCII; then, only while it is too
 * long, a company's suffix dropped (Ltda, ME, EPP, EIRELI, S/A), long words abbreviated
 * (Contabilidade -> Contabil, Assessoria -> Assess, ...), the small linking words (de,
 * da, do, das, dos, e) dropped, the words before the last cut to their initial (middle
 * ones first), and last the text cut at a word boundary. "São José dos Campos" (19) ->
 * "Sao Jose Campos"; "Recibos Dois Contabilidade Ltda" (31) -> "Recibos Dois Contabil".
 * Appends to out: 0, or -1 (ill-formed UTF-8, nothing left, memory). */
int pix_text_shorten(const char *text, size_t max, struct strbuf *out);

/* Appends the static BR Code to out: 00 "01", 26 (00 "br.gov.bcb.pix", 01 key), 52
 * "0000", 53 "986", 54 the amount "123.45" (omitted when centavos is 0: the payer types
 * it), 58 "BR", 59 name, 60 city, 62 (05 txid, "***" when txid is NULL or ""), 63 the
 * CRC16 of everything before it including "6304", as 4 uppercase hex digits.
 * Name and city: accents folded ("José Ação" -> "Jose Acao"), other characters outside
 * printable ASCII dropped, spaces trimmed, cut to 25 / 15 bytes; ill-formed UTF-8 or
 * nothing left is refused. The key must already be normalised (pix_key_parse gives it
 * back unchanged): a BR Code with a key no bank resolves would fail only at payment.
 * A txid with anything but [A-Za-z0-9], or longer than 25, is refused, never cleaned:
 * it is what the office matches payments against, so a changed one would not match.
 * Returns 0, or -1 (bad input, centavos < 0 or > PIX_AMOUNT_MAX, out of memory) with out
 * left as it was. */
int pix_brcode(const struct pix_payee *p, int64_t centavos, const char *txid,
	       struct strbuf *out);
/* CRC16-CCITT as the BR Code uses it: polynomial 0x1021, initial 0xFFFF, no reflection,
 * no final xor. */
uint16_t pix_crc16(const void *data, size_t len);

#endif
