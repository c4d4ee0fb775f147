/* Unit tests for lib/importacao/mapping.c: an import's column targets as text and back, a
 * removed attribute or an unknown field left out, and the header row's key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cadastro/client.h"
#include "importacao/mapping.h"

static struct custom_set two_attributes(void)
{
	struct custom_set s;
	memset(&s, 0, sizeof s);
	s.n = 2;
	s.f[0].id = 7;
	s.f[1].id = 31;
	return s;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct custom_set extra = two_attributes();
	struct colmap_target map[6] = {
		{ COLMAP_FIELD, CL_NAME, 0 }, { COLMAP_NONE, 0, 0 }, { COLMAP_CUSTOM, 0, 1 },
		{ COLMAP_TAGS, 0, 0 }, { COLMAP_SECRET, 0, 0 }, { COLMAP_TYPES, 0, 0 },
	};
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(mapping_format(&sb, map, 6, &extra), 0);
	assert_string_equal(sb_str(&sb), "f:nome;;x:31;etiquetas;segredo;tipos");
	struct colmap_target back[8];
	mapping_parse(sb_str(&sb), &extra, back, 8);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(back[i].kind, map[i].kind);
		if (map[i].kind == COLMAP_FIELD)
			assert_int_equal(back[i].field, map[i].field);
		if (map[i].kind == COLMAP_CUSTOM)
			assert_int_equal(back[i].custom, map[i].custom);
	}
	/* Columns past the text's end are left out. */
	assert_int_equal(back[6].kind, COLMAP_NONE);
	assert_int_equal(back[7].kind, COLMAP_NONE);
	sb_free(&sb);
}

static void test_unknown_left_out(void **state)
{
	(void)state;
	struct custom_set extra = two_attributes();
	struct colmap_target t;
	/* An attribute removed since, a field that does not exist, anything else: refused by
	 * the form, left out of a stored mapping. */
	assert_false(mapping_parse_one("x:99", 4, &extra, &t));
	assert_false(mapping_parse_one("f:senha", 7, &extra, &t));
	assert_false(mapping_parse_one("x:7abc", 6, &extra, &t));
	assert_false(mapping_parse_one("nome", 4, &extra, &t));
	assert_true(mapping_parse_one("", 0, &extra, &t));
	assert_int_equal(t.kind, COLMAP_NONE);
	assert_true(mapping_parse_one("x:7", 3, &extra, &t));
	assert_int_equal(t.kind, COLMAP_CUSTOM);
	assert_int_equal(t.custom, 0);
	struct colmap_target map[3];
	mapping_parse("x:99;f:documento;bobagem", &extra, map, 3);
	assert_int_equal(map[0].kind, COLMAP_NONE);
	assert_int_equal(map[1].kind, COLMAP_FIELD);
	assert_int_equal(map[1].field, CL_DOCUMENT);
	assert_int_equal(map[2].kind, COLMAP_NONE);
}

static void test_header_key(void **state)
{
	(void)state;
	static const char *const a[] = { "Nome/Razão Social", "CPF/CNPJ", "E-mail" };
	static const char *const b[] = { "nome razao social", "cpf cnpj", "EMAIL" };
	static const char *const c[] = { "CPF/CNPJ", "Nome/Razão Social", "E-mail" };
	char ka[65], kb[65], kc[65];
	mapping_header_key(a, 3, ka);
	mapping_header_key(b, 3, kb);
	mapping_header_key(c, 3, kc);
	assert_int_equal(strlen(ka), 64);
	assert_string_equal(ka, kb);           /* the same headers, written otherwise */
	assert_string_not_equal(ka, kc);       /* another order is another header row */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unknown_left_out),
		cmocka_unit_test(test_header_key),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
