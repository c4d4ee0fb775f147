/* Unit tests for lib/sheet/export.c: CSV fields, XML text, formula neutralisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sheet/export.h"
#include "base/strbuf.h"

static void csv(const char *in, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(export_csv_field(&sb, in), 0);
	assert_string_equal(sb_str(&sb), out);
	sb_free(&sb);
}

static void test_csv(void **state)
{
	(void)state;
	csv("João da Silva", "João da Silva");
	csv("", "");
	csv(NULL, "");
	csv("a;b", "\"a;b\"");
	csv("diz \"oi\"", "\"diz \"\"oi\"\"\"");
	csv("linha 1\nlinha 2", "\"linha 1\nlinha 2\"");
	csv("=1+1", "\"'=1+1\"");
	csv("+5511", "\"'+5511\"");
	csv("-2", "\"'-2\"");
	csv("@SUM(A1)", "\"'@SUM(A1)\"");
	csv("\tx", "\"'\tx\"");
	csv("\rx", "\"'\rx\"");
	csv("=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
	csv("a=b", "a=b");
}

static void test_formula(void **state)
{
	(void)state;
	assert_true(export_formula_like("=A1"));
	assert_true(export_formula_like("@x"));
	assert_false(export_formula_like("x=1"));
	assert_false(export_formula_like(""));
	assert_false(export_formula_like(NULL));
}

static void test_xml(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(export_xml_text(&sb, "<script>&\"x\"</script>\x01\tç"), 0);
	assert_string_equal(sb_str(&sb), "&lt;script&gt;&amp;&quot;x&quot;&lt;/script&gt;\tç");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_xml),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
