/* valid: validation and normalisation of common Brazilian inputs. Pure functions. */
#ifndef PORTAL_VALID_H
#define PORTAL_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A practical e-mail check: local@domain, <= 254 bytes, local part <= 64 bytes of RFC 5322
 * dot-atom (letters, digits, !#$%&'*+-/=?^_`{|}~ and dots, no dot at the ends or doubled;
 * so no spaces, quotes, '<', ',' or control bytes), domain of dot-separated labels
 * <= 63 (letters, digits, hyphen, not at label ends), at least one dot, TLD of letters
 * >= 2. No surrounding spaces are trimmed. */
bool valid_email(const char *s, size_t len);

/* Phones: keeps digits; accepts 10 or 11 digits (DDD + number; 11 => mobile starting 9),
 * optionally with a leading 55 country code that is removed, or a leading 0 (trunk).
 * Separators ' ', '(', ')', '-', '.' are allowed, and one '+' before the digits (which
 * must then be 55...); any other byte is invalid. The DDD has no 0 digit; a 10-digit
 * number is a fixed line starting 2..5. Writes the digits into out (cap >= 12) and
 * returns true; otherwise false with out "" (when cap > 0). */
bool valid_phone(const char *s, size_t len, char *out, size_t cap);
/* "(11) 98765-4321" / "(11) 3456-7890" from stored digits; others copied as they are.
 * Formatters here truncate to cap - 1 bytes, NUL-terminate, and write nothing at cap 0. */
void phone_format(const char *digits, char *out, size_t cap);

/* CEP: 8 digits, with or without "-" / "." where they belong ("01310-100", "01.310-100",
 * "01310100"), from 01000-000 on (none starts with 00); out gets the 8 digits (cap >= 9),
 * or "" on failure. */
bool valid_cep(const char *s, size_t len, char *out, size_t cap);
void cep_format(const char *digits, char *out, size_t cap); /* "01310-100" */

/* One of the 27 UFs, case-insensitive; out gets the uppercase pair (cap >= 3), or "". */
bool valid_uf(const char *s, size_t len, char *out, size_t cap);

/* Dates: "dd/mm/aaaa" (also d/m/aaaa) or ISO "aaaa-mm-dd" (two-digit month and day);
 * a real calendar date with year 1900..2100. Fills y, m, d (each may be NULL) only on
 * success. The formatters write "" for anything that is not such a date. */
bool valid_date(const char *s, size_t len, int *y, int *m, int *d);
void date_format_br(int y, int m, int d, char *out, size_t cap);   /* "05/03/2026" */
void date_format_iso(int y, int m, int d, char *out, size_t cap);  /* "2026-03-05" */
/* Today in Brasília time (UTC−3 all year since 2019), the offices' calendar: "2026-03-05". */
void date_today_iso(char out[11]);

#endif
