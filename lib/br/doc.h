/* doc: Brazilian CPF and CNPJ (numeric and alphanumeric, IN RFB 2.229/2024). */
#ifndef PORTAL_DOC_H
#define PORTAL_DOC_H

#include <stdbool.h>
#include <stddef.h>

enum doc_kind { DOC_INVALID = 0, DOC_CPF = 1, DOC_CNPJ = 2 };

#define DOC_BARE_MAX 15  /* 14 characters + NUL */
#define DOC_FMT_MAX 19   /* "12.ABC.345/01DE-35" + NUL */

/* Check digits of an 11-digit CPF / a 14-character CNPJ in bare form. All-equal rejected.
 * The bare CNPJ is canonical: [0-9A-Z]{12} (uppercase only) + 2 digits, characters valued
 * ASCII - 48 (A = 17). NULL or any other length is false. */
bool cpf_valid(const char *bare, size_t len);
bool cnpj_valid(const char *bare, size_t len);

/* Accepts a document as users type or spreadsheets hold it: punctuation '.', '-', '/',
 * spaces (' ' only) are dropped anywhere, letters uppercased; a 10-digit CPF or 13-digit
 * CNPJ (all digits) whose form padded with one '0' is valid is that document (Excel drops
 * leading zeros; more than one missing zero is not guessed). On success
 * writes the bare form (11 or 14 chars + NUL) into out and returns DOC_CPF or DOC_CNPJ;
 * otherwise DOC_INVALID (out is then ""). Any other character is invalid. */
enum doc_kind doc_parse(const char *in, size_t len, char out[DOC_BARE_MAX]);

/* Writes "123.456.789-09" or "12.ABC.345/01DE-35" for a valid bare document; anything
 * else (including an invalid one) is copied as it is. Output is truncated to cap - 1 bytes
 * and NUL-terminated; cap 0 writes nothing; DOC_FMT_MAX bytes always suffice for a
 * document. bare NULL gives "". */
void doc_format(const char *bare, char *out, size_t cap);

#endif
