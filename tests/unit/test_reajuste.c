/* reajuste: percentages as offices type them, and values rounded half up to the centavo
 * with integers only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "honorarios/reajuste.h"

static void test_parse(void **state)
{
	(void)state;
	int bp = 0;
	assert_true(reajuste_parse_percent("4,5", &bp));
	assert_int_equal(bp, 450);
	assert_true(reajuste_parse_percent("4,50%", &bp));
	assert_int_equal(bp, 450);
	assert_true(reajuste_parse_percent("-0,32", &bp));
	assert_int_equal(bp, -32);
	assert_true(reajuste_parse_percent("10", &bp));
	assert_int_equal(bp, 1000);
	assert_true(reajuste_parse_percent("3.89", &bp));
	assert_int_equal(bp, 389);
	assert_true(reajuste_parse_percent("100", &bp));
	assert_int_equal(bp, 10000);
	const char *bad[] = { "", "0", "0,00", "4,555", "101", "-50,01", ",5", "4,", "1.2.3", "abc",
			      "4 5", "1000", "--1", NULL };
	for (int i = 0; bad[i]; i++)
		assert_false(reajuste_parse_percent(bad[i], &bp));
}

static void test_value(void **state)
{
	(void)state;
	assert_int_equal(reajuste_value(45000, 1000), 49500);     /* 450,00 + 10% */
	assert_int_equal(reajuste_value(45000, 450), 47025);      /* + 4,5% */
	assert_int_equal(reajuste_value(333, 150), 338);          /* 337,995 -> 338 */
	assert_int_equal(reajuste_value(100, 50), 101);           /* 100,5 -> 101 (half up) */
	assert_int_equal(reajuste_value(100, 49), 100);           /* 100,49 -> 100 */
	assert_int_equal(reajuste_value(100000, -32), 99680);     /* - 0,32% */
	assert_int_equal(reajuste_value(1, -5000), 1);            /* never below a centavo */
	assert_int_equal(reajuste_value(1000000000, 10000), 2000000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_value),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
