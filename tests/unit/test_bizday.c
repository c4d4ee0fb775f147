/* Unit tests for lib/br/bizday.c: calendar arithmetic, bank holidays and due dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "br/bizday.h"

static struct date D(int y, int m, int d)
{
	struct date dt = { y, m, d };
	return dt;
}

static void expect_date(struct date got, int y, int m, int d)
{
	if (got.y != y || got.m != m || got.d != d)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, y, m, d);
}

static void expect_holiday(struct date dt, const char *name)
{
	const char *got = bank_holiday(dt, NULL, 0);

	if (!got)
		fail_msg("%04d-%02d-%02d: no holiday, want %s", dt.y, dt.m, dt.d, name);
	assert_string_equal(got, name);
	assert_false(business_day(dt, NULL, 0));
}

static void expect_no_holiday(struct date dt)
{
	const char *got = bank_holiday(dt, NULL, 0);

	if (got)
		fail_msg("%04d-%02d-%02d: unexpected holiday %s", dt.y, dt.m, dt.d, got);
}

static void test_days_in_month(void **state)
{
	(void)state;
	assert_int_equal(days_in_month(2026, 1), 31);
	assert_int_equal(days_in_month(2026, 2), 28);
	assert_int_equal(days_in_month(2028, 2), 29);
	assert_int_equal(days_in_month(1900, 2), 28);   /* century, not leap */
	assert_int_equal(days_in_month(2000, 2), 29);   /* 400th year, leap */
	assert_int_equal(days_in_month(2026, 4), 30);
	assert_int_equal(days_in_month(2026, 12), 31);
	assert_int_equal(days_in_month(2026, 0), 0);
	assert_int_equal(days_in_month(2026, 13), 0);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(D(1970, 1, 1)), 4);   /* Thursday */
	assert_int_equal(date_weekday(D(2026, 2, 28)), 6);  /* Saturday */
	assert_int_equal(date_weekday(D(2026, 3, 1)), 0);   /* Sunday */
	assert_int_equal(date_weekday(D(2026, 11, 20)), 5); /* Friday */
	assert_int_equal(date_weekday(D(2028, 2, 29)), 2);  /* Tuesday */
	assert_int_equal(date_weekday(D(1900, 1, 1)), 1);   /* Monday */
	assert_int_equal(date_weekday(D(1600, 1, 1)), 6);   /* Saturday */
}

/* Adding one day at a time agrees with counting through days_in_month, for 300 years. */
static void test_add_days_walk(void **state)
{
	(void)state;
	struct date dt = D(1900, 1, 1), start = dt;
	int n = 0, wd = date_weekday(dt);

	while (dt.y < 2200) {
		struct date next = dt;
		if (++next.d > days_in_month(next.y, next.m)) {
			next.d = 1;
			if (++next.m > 12) {
				next.m = 1;
				next.y++;
			}
		}
		struct date got = date_add_days(dt, 1);
		expect_date(got, next.y, next.m, next.d);
		assert_true(date_cmp(dt, got) < 0);
		dt = got;
		n++;
		wd = (wd + 1) % 7;
		assert_int_equal(date_weekday(dt), wd);
	}
	expect_date(date_add_days(dt, -n), start.y, start.m, start.d);
	expect_date(date_add_days(D(2026, 3, 1), -1), 2026, 2, 28);
	expect_date(date_add_days(D(2028, 3, 1), -1), 2028, 2, 29);
	expect_date(date_add_days(D(2027, 12, 31), 1), 2028, 1, 1);
	expect_date(date_add_days(D(2026, 1, 1), 365), 2027, 1, 1);
}

static void test_cmp(void **state)
{
	(void)state;
	assert_int_equal(date_cmp(D(2026, 5, 5), D(2026, 5, 5)), 0);
	assert_true(date_cmp(D(2026, 5, 5), D(2026, 5, 6)) < 0);
	assert_true(date_cmp(D(2026, 6, 1), D(2026, 5, 31)) > 0);
	assert_true(date_cmp(D(2025, 12, 31), D(2026, 1, 1)) < 0);
}

static void test_easter(void **state)
{
	(void)state;
	expect_date(easter_sunday(2024), 2024, 3, 31);
	expect_date(easter_sunday(2025), 2025, 4, 20);
	expect_date(easter_sunday(2026), 2026, 4, 5);
	expect_date(easter_sunday(2027), 2027, 3, 28);
	expect_date(easter_sunday(2028), 2028, 4, 16);
	expect_date(easter_sunday(2030), 2030, 4, 21);
	expect_date(easter_sunday(2038), 2038, 4, 25);   /* the latest possible */
	expect_date(easter_sunday(2285), 2285, 3, 22);   /* the earliest possible */
	/* Always a Sunday between 22 March and 25 April. */
	for (int y = 1583; y <= 9999; y++) {
		struct date e = easter_sunday(y);
		assert_int_equal(e.y, y);
		assert_int_equal(date_weekday(e), 0);
		assert_true(date_cmp(e, D(y, 3, 22)) >= 0 && date_cmp(e, D(y, 4, 25)) <= 0);
	}
}

static void test_fixed_holidays(void **state)
{
	(void)state;
	expect_holiday(D(2026, 1, 1), "Confraternização Universal");
	expect_holiday(D(2026, 4, 21), "Tiradentes");
	expect_holiday(D(2026, 5, 1), "Dia do Trabalho");
	expect_holiday(D(2026, 9, 7), "Independência do Brasil");
	expect_holiday(D(2026, 10, 12), "Nossa Senhora Aparecida");
	expect_holiday(D(2026, 11, 2), "Finados");
	expect_holiday(D(2026, 11, 15), "Proclamação da República");
	expect_holiday(D(2026, 11, 20), "Consciência Negra");
	expect_holiday(D(2024, 11, 20), "Consciência Negra");
	expect_holiday(D(2026, 12, 25), "Natal");
	expect_no_holiday(D(2023, 11, 20));   /* national only from 2024 (a Monday then) */
	assert_true(business_day(D(2023, 11, 20), NULL, 0));
	expect_no_holiday(D(2026, 12, 24));
	expect_no_holiday(D(2027, 12, 31));
	expect_no_holiday(D(2026, 2, 18));    /* Ash Wednesday: banks open (at noon) */
}

static void test_movable_holidays(void **state)
{
	(void)state;
	expect_holiday(D(2026, 2, 16), "Carnaval");
	expect_holiday(D(2026, 2, 17), "Carnaval");
	expect_no_holiday(D(2026, 2, 15));
	expect_holiday(D(2027, 2, 8), "Carnaval");
	expect_holiday(D(2027, 2, 9), "Carnaval");
	expect_holiday(D(2026, 4, 3), "Sexta-feira Santa");
	expect_holiday(D(2027, 3, 26), "Sexta-feira Santa");
	expect_holiday(D(2026, 6, 4), "Corpus Christi");
	expect_holiday(D(2027, 5, 27), "Corpus Christi");
	expect_holiday(D(2028, 2, 29), "Carnaval");   /* Easter 2028 is 16 April */
	expect_no_holiday(D(2026, 4, 5));              /* Easter itself: a Sunday anyway */
	assert_false(business_day(D(2026, 4, 5), NULL, 0));
}

static void test_weekends(void **state)
{
	(void)state;
	assert_false(business_day(D(2026, 3, 7), NULL, 0));   /* Saturday */
	assert_false(business_day(D(2026, 3, 8), NULL, 0));   /* Sunday */
	assert_true(business_day(D(2026, 3, 9), NULL, 0));    /* Monday */
	expect_no_holiday(D(2026, 3, 7));
	expect_date(next_business_day(D(2026, 3, 7), NULL, 0), 2026, 3, 9);
	expect_date(next_business_day(D(2026, 3, 9), NULL, 0), 2026, 3, 9);
	expect_date(next_business_day(D(2026, 3, 13), NULL, 0), 2026, 3, 13);
}

static void test_due_dates(void **state)
{
	(void)state;
	/* 20 November 2026, a Friday: to Monday 23. */
	expect_date(due_date(2026, 11, 20, NULL, 0), 2026, 11, 23);
	/* Christmas 2026, a Friday: to Monday 28. */
	expect_date(due_date(2026, 12, 25, NULL, 0), 2026, 12, 28);
	/* Day 31 in February 2026: the 28th, a Saturday, so Monday 2 March. */
	expect_date(due_date(2026, 2, 31, NULL, 0), 2026, 3, 2);
	/* February 2028 has a 29th, a Tuesday, but Carnival Tuesday: Wednesday 1 March. */
	expect_date(due_date(2028, 2, 31, NULL, 0), 2028, 3, 1);
	expect_date(due_date(2028, 2, 29, NULL, 0), 2028, 3, 1);
	/* February 2024: the 29th, a Thursday, stays. */
	expect_date(due_date(2024, 2, 31, NULL, 0), 2024, 2, 29);
	/* Carnival Monday 16 February 2026: past Tuesday to Wednesday 18. */
	expect_date(due_date(2026, 2, 16, NULL, 0), 2026, 2, 18);
	/* 31 December 2027, a Friday and a business day, stays. */
	expect_date(due_date(2027, 12, 31, NULL, 0), 2027, 12, 31);
	/* 1 January 2027, a Friday holiday: Monday 4. */
	expect_date(due_date(2027, 1, 1, NULL, 0), 2027, 1, 4);
	/* 31 December 2028, a Sunday, then New Year: into 2029, Tuesday 2 January. */
	expect_date(due_date(2028, 12, 31, NULL, 0), 2029, 1, 2);
	/* An ordinary day stays. */
	expect_date(due_date(2026, 3, 10, NULL, 0), 2026, 3, 10);
	/* Day 31 in a 30-day month. */
	expect_date(due_date(2026, 9, 31, NULL, 0), 2026, 9, 30);
}

static void test_due_date_bad_input(void **state)
{
	(void)state;
	expect_date(due_date(2026, 0, 10, NULL, 0), 0, 0, 0);
	expect_date(due_date(2026, 13, 10, NULL, 0), 0, 0, 0);
	expect_date(due_date(2026, 5, 0, NULL, 0), 0, 0, 0);
	expect_date(due_date(2026, 5, 32, NULL, 0), 0, 0, 0);
	expect_date(due_date(2026, 5, -1, NULL, 0), 0, 0, 0);
}

static void test_office_holidays(void **state)
{
	(void)state;
	/* São Paulo: 25 January every year; 9 July (state) every year; one-off 2026-03-10. */
	static const struct holiday sp[] = {
		{ 0, 1, 25 }, { 0, 7, 9 }, { 2026, 3, 10 },
	};
	size_t n = sizeof sp / sizeof *sp;

	assert_string_equal(bank_holiday(D(2027, 1, 25), sp, n), "Feriado municipal");
	assert_string_equal(bank_holiday(D(2031, 7, 9), sp, n), "Feriado municipal");
	assert_null(bank_holiday(D(2027, 3, 10), sp, n));   /* the one-off only in 2026 */
	/* 9 July 2026, a Thursday: to Friday 10. */
	expect_date(due_date(2026, 7, 9, sp, n), 2026, 7, 10);
	expect_date(due_date(2026, 7, 9, NULL, 0), 2026, 7, 9);
	expect_date(due_date(2026, 3, 10, sp, n), 2026, 3, 11);
	/* 25 January 2027 a Monday: to Tuesday 26. */
	expect_date(due_date(2027, 1, 25, sp, n), 2027, 1, 26);
	/* A national holiday keeps its own name when the office lists it too. */
	static const struct holiday dup[] = { { 0, 12, 25 } };
	assert_string_equal(bank_holiday(D(2026, 12, 25), dup, 1), "Natal");
}

/* An office list that closes every day cannot loop forever. */
static void test_everything_closed(void **state)
{
	(void)state;
	static struct holiday all[366];
	size_t n = 0;

	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= days_in_month(2028, m); d++)
			all[n++] = (struct holiday){ 0, m, d };
	struct date got = next_business_day(D(2026, 3, 9), all, n);
	assert_false(business_day(got, all, n));
	assert_true(date_cmp(got, D(2026, 3, 9)) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_add_days_walk),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_fixed_holidays),
		cmocka_unit_test(test_movable_holidays),
		cmocka_unit_test(test_weekends),
		cmocka_unit_test(test_due_dates),
		cmocka_unit_test(test_due_date_bad_input),
		cmocka_unit_test(test_office_holidays),
		cmocka_unit_test(test_everything_closed),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
