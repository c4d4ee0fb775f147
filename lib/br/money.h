/* money: amounts as integer centavos; Brazilian notation R$ 1.234,56. */
#ifndef PORTAL_MONEY_H
#define PORTAL_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MONEY_FMT_MAX 32

/* Parses "1.234,56", "1234,5", "1234", "R$ 1.234,56", "-10,00"; also "1234.56" when the
 * only separator is a single dot followed by 1-2 digits. Thousands dots must be in groups
 * of three (after a first group of 1-3 digits not starting with 0). The sign may come
 * before or after "R$" ("-R$ 10,00", "R$ -10,00"); spaces or U+00A0 may follow "R$" and
 * nowhere else. At most 2 decimals (no rounding). Max |value| 10^15 centavos.
 * *centavos is set only on success. */
bool money_parse(const char *s, size_t len, int64_t *centavos);
/* "R$ 1.234,56" (with_symbol) or "1.234,56"; negative as "-R$ 10,00". Any int64_t fits
 * in MONEY_FMT_MAX; a smaller cap truncates (NUL-terminated; cap 0 writes nothing). */
void money_format(int64_t centavos, bool with_symbol, char *out, size_t cap);

/* The amount in words, as a receipt writes it: "quatrocentos e cinquenta reais e trinta
 * centavos", "um centavo", "mil e um reais", "um milhão de reais". Appended to out.
 * 0, or -1 for a negative amount, one past 10^15 centavos, or memory running out. */
struct strbuf;
int money_words(int64_t centavos, struct strbuf *out);

/* A count as people read it: 100000 -> "100.000" (negative counts as 0). */
void number_format(int64_t n, char *out, size_t cap);

#endif
