/* The 13º rule (issue 26 #10): months of the year in which the plan is active up to the
 * 13º's month, inclusive, ÷ 12; a plan that ends before its 13º month bills the
 * proportional 13º with its last month. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "honorarios/fee.h"
#include "honorarios/generate.h"

static int64_t t13(bool prop, int sy, int sm, int ey, int em, int month, int year, int *ym,
		   int *months)
{
	return gen_thirteenth(120000, prop, ym_of(sy, sm), ey ? ym_of(ey, em) : 0, month, year,
			      ym, months);
}

static void test_proportional(void **state)
{
	(void)state;
	int ym, n;
	/* The plan: 04/2026–09/2026, the 13º in June: April..June, 3/12. */
	assert_int_equal(t13(true, 2026, 4, 2026, 9, 6, 2026, &ym, &n), 30000);
	assert_int_equal(ym, ym_of(2026, 6));
	assert_int_equal(n, 3);
	/* No end, from April, the 13º in December: 9/12. */
	assert_int_equal(t13(true, 2026, 4, 0, 0, 12, 2026, &ym, &n), 90000);
	assert_int_equal(ym, ym_of(2026, 12));
	/* A whole year: the monthly value. */
	assert_int_equal(t13(true, 2025, 1, 0, 0, 12, 2026, &ym, &n), 120000);
	assert_int_equal(n, 12);
	/* Starting after the 13º's month: none that year; the next year in full. */
	assert_int_equal(t13(true, 2026, 7, 0, 0, 6, 2026, &ym, &n), 0);
	assert_int_equal(t13(true, 2026, 7, 0, 0, 6, 2027, &ym, &n), 60000);   /* Jan..Jun */
	/* Rounded half up to the centavo: 1.000,01 × 5/12 = 416,670833... */
	assert_int_equal(gen_thirteenth(100001, true, ym_of(2026, 8), 0, 12, 2026, &ym, &n), 41667);
}

static void test_plan_that_ends(void **state)
{
	(void)state;
	int ym, n;
	/* Ends 09/2027 with the 13º in December: billed with September, 9/12. */
	assert_int_equal(t13(true, 2026, 1, 2027, 9, 12, 2027, &ym, &n), 90000);
	assert_int_equal(ym, ym_of(2027, 9));
	assert_int_equal(n, 9);
	/* The plan with the 13º in December: April..September, 6/12 in September. */
	assert_int_equal(t13(true, 2026, 4, 2026, 9, 12, 2026, &ym, &n), 60000);
	assert_int_equal(ym, ym_of(2026, 9));
	/* An integral 13º of a plan that ends before its month is proportional too. */
	assert_int_equal(t13(false, 2026, 1, 2027, 9, 12, 2027, &ym, &n), 90000);
	assert_int_equal(ym, ym_of(2027, 9));
	/* Ending in the 13º's month or after it: the normal 13º. */
	assert_int_equal(t13(true, 2026, 1, 2027, 12, 12, 2027, &ym, &n), 120000);
	assert_int_equal(ym, ym_of(2027, 12));
	assert_int_equal(t13(true, 2026, 1, 2028, 3, 6, 2027, &ym, &n), 60000);   /* Jan..Jun */
	assert_int_equal(ym, ym_of(2027, 6));
	/* A year after the end, or before the start: none. */
	assert_int_equal(t13(true, 2026, 1, 2027, 9, 12, 2028, &ym, &n), 0);
	assert_int_equal(t13(false, 2026, 1, 2027, 9, 12, 2028, &ym, &n), 0);
	assert_int_equal(t13(true, 2026, 4, 0, 0, 12, 2025, &ym, &n), 0);
}

static void test_integral(void **state)
{
	(void)state;
	int ym, n;
	/* One monthly value, whatever month the plan started in. */
	assert_int_equal(t13(false, 2026, 4, 0, 0, 12, 2026, &ym, &n), 120000);
	assert_int_equal(ym, ym_of(2026, 12));
	assert_int_equal(n, 12);
	assert_int_equal(t13(false, 2026, 4, 2026, 12, 12, 2026, &ym, &n), 120000);
	/* Not active by the 13º's month: none. */
	assert_int_equal(t13(false, 2026, 8, 0, 0, 6, 2026, &ym, &n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_proportional),
		cmocka_unit_test(test_plan_that_ends),
		cmocka_unit_test(test_integral),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
