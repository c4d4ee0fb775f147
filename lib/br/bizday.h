/* bizday: calendar dates, Brazilian bank holidays and the due dates of monthly fees.
 * Holidays are computed (fixed dates plus the ones that follow Easter), never typed in a
 * table that runs out. Dates are proleptic Gregorian; the functions are meant for years
 * 1..9999 and real dates (day 1..days_in_month): other values give results that are
 * safe but meaningless. */
#ifndef PORTAL_BIZDAY_H
#define PORTAL_BIZDAY_H

#include <stdbool.h>
#include <stddef.h>

struct date { int y, m, d; };

/* 28..31; 0 when m is not 1..12. */
int days_in_month(int y, int m);
int date_weekday(struct date dt);               /* 0 = Sunday .. 6 = Saturday */
struct date date_add_days(struct date dt, int n);   /* n may be negative */
int date_cmp(struct date a, struct date b);     /* <0, 0, >0 */
struct date easter_sunday(int year);            /* Gregorian computus */

/* One of the office's own closing days (city or state holidays). y 0: every year. */
struct holiday { int y, m, d; };

/* The holiday's Portuguese name ("Carnaval", "Sexta-feira Santa", "Natal", ...) when
 * banks close that day, else NULL. National holidays (20 November from 2024 on, Lei
 * 14.759/2023), Carnival Monday and Tuesday, Good Friday and Corpus Christi come first;
 * a day of extra (nextra entries; extra may be NULL when nextra is 0) is "Feriado
 * municipal". Weekends are not holidays here: see business_day. Ash Wednesday (banks
 * open at noon), 24 and 31 December are not holidays. */
const char *bank_holiday(struct date dt, const struct holiday *extra, size_t nextra);
/* Monday to Friday and not a bank holiday. */
bool business_day(struct date dt, const struct holiday *extra, size_t nextra);
/* dt itself when it is a business day, else the first one after it. An office list that
 * closes every day of the year cannot send this into an endless loop: after
 * BIZDAY_SEARCH_MAX days the date reached is returned. */
#define BIZDAY_SEARCH_MAX 800
struct date next_business_day(struct date dt, const struct holiday *extra, size_t nextra);
/* The due date of a monthly fee: day due_day (1..31) of year/month, the month's last day
 * when it has fewer days, moved forward to the next business day (possibly into the next
 * month or year). {0, 0, 0} when month or due_day is out of range. */
struct date due_date(int year, int month, int due_day, const struct holiday *extra,
		     size_t nextra);

#endif
