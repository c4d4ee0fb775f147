#include "br/bizday.h"

#include <stdint.h>

#define NOV20_SINCE 2024     /* Lei 14.759/2023 made 20 November national */
#define EPOCH_WEEKDAY 4      /* 1970-01-01, day 0 below, was a Thursday */

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil): one integer per date makes
 * adding days and weekdays plain arithmetic, with no month-by-month loops. 64 bits so
 * that no int input can overflow. */
static int64_t day_number(struct date dt)
{
	int64_t y = (int64_t)dt.y - (dt.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = dt.m > 2 ? dt.m - 3 : dt.m + 9;   /* March = 0: leap day comes last */
	int64_t doy = (153 * mp + 2) / 5 + dt.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The inverse of day_number (civil_from_days). */
static struct date from_day_number(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	struct date dt;

	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

int date_weekday(struct date dt)
{
	int64_t w = (day_number(dt) + EPOCH_WEEKDAY) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

struct date date_add_days(struct date dt, int n)
{
	return from_day_number(day_number(dt) + n);
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
struct date easter_sunday(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;
	struct date dt = { year, n / 31, n % 31 + 1 };

	return dt;
}

static const char *fixed_holiday(struct date dt)
{
	static const struct { int m, d, since; const char *name; } fixed[] = {
		{ 1, 1, 0, "Confraternização Universal" },
		{ 4, 21, 0, "Tiradentes" },
		{ 5, 1, 0, "Dia do Trabalho" },
		{ 9, 7, 0, "Independência do Brasil" },
		{ 10, 12, 0, "Nossa Senhora Aparecida" },
		{ 11, 2, 0, "Finados" },
		{ 11, 15, 0, "Proclamação da República" },
		{ 11, 20, NOV20_SINCE, "Consciência Negra" },
		{ 12, 25, 0, "Natal" },
	};

	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		if (fixed[i].m == dt.m && fixed[i].d == dt.d && dt.y >= fixed[i].since)
			return fixed[i].name;
	return NULL;
}

/* The closings that follow Easter, found by their distance from it in days. */
static const char *movable_holiday(struct date dt)
{
	static const struct { int offset; const char *name; } movable[] = {
		{ -48, "Carnaval" },
		{ -47, "Carnaval" },
		{ -2, "Sexta-feira Santa" },
		{ 60, "Corpus Christi" },
	};
	int64_t off = day_number(dt) - day_number(easter_sunday(dt.y));

	for (size_t i = 0; i < sizeof movable / sizeof *movable; i++)
		if (movable[i].offset == off)
			return movable[i].name;
	return NULL;
}

static bool office_holiday(struct date dt, const struct holiday *extra, size_t nextra)
{
	for (size_t i = 0; extra && i < nextra; i++)
		if ((extra[i].y == 0 || extra[i].y == dt.y) && extra[i].m == dt.m
		    && extra[i].d == dt.d)
			return true;
	return false;
}

const char *bank_holiday(struct date dt, const struct holiday *extra, size_t nextra)
{
	const char *name = fixed_holiday(dt);

	if (!name)
		name = movable_holiday(dt);
	if (!name && office_holiday(dt, extra, nextra))
		name = "Feriado municipal";
	return name;
}

bool business_day(struct date dt, const struct holiday *extra, size_t nextra)
{
	int wd = date_weekday(dt);

	return wd != 0 && wd != 6 && !bank_holiday(dt, extra, nextra);
}

struct date next_business_day(struct date dt, const struct holiday *extra, size_t nextra)
{
	for (int i = 0; i < BIZDAY_SEARCH_MAX && !business_day(dt, extra, nextra); i++)
		dt = date_add_days(dt, 1);
	return dt;
}

struct date due_date(int year, int month, int due_day, const struct holiday *extra,
		     size_t nextra)
{
	struct date dt = { 0, 0, 0 };
	int last = days_in_month(year, month);

	if (last == 0 || due_day < 1 || due_day > 31)
		return dt;
	dt.y = year;
	dt.m = month;
	dt.d = due_day < last ? due_day : last;
	return next_business_day(dt, extra, nextra);
}
