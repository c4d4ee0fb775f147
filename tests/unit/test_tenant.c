/* Unit tests for lib/web/tenant.c: which office a host name names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/config.h"
#include "web/request.h"
#include "web/tenant.h"

static int setup(void **state)
{
	(void)state;
	char path[] = "/tmp/test_tenant_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	static const char conf[] =
		"Tenant.BaseDomain = example.com.br\nTenant.Default = demo\n"
		"Http.BaseUrl = https://portal.example.com.br\n"
		"Http.OfficeUrl = https://{office}.example.com.br\n";
	int ok = write(fd, conf, sizeof conf - 1) == (ssize_t)(sizeof conf - 1);
	close(fd);
	int rc = ok ? config_load(path) : -1;
	unlink(path);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	config_free();
	return 0;
}

static void expect_slug(const char *host, const char *slug)
{
	char out[64];
	assert_true(tenant_slug(host, out, sizeof out));
	assert_string_equal(out, slug);
}

static void test_slug(void **state)
{
	(void)state;
	expect_slug("silva.example.com.br", "silva");
	expect_slug("silva.example.com.br:8443", "silva");
	expect_slug("example.com.br", "demo");
	expect_slug("127.0.0.1", "demo");
	expect_slug("", "demo");
	expect_slug("silvaexample.com.br", "demo");   /* not a label of the base domain */
	char out[64];
	assert_false(tenant_slug("a.b.example.com.br", out, sizeof out));
	assert_false(tenant_slug("sil_va.example.com.br", out, sizeof out));
	assert_false(tenant_slug("silva.example.com.br", out, 3));
}

static void test_base_url(void **state)
{
	(void)state;
	struct office demo = { .id = 1, .slug = "demo", .name = "Demo" };
	struct office silva = { .id = 2, .slug = "silva", .name = "Silva" };
	char *a = tenant_base_url(&demo), *b = tenant_base_url(&silva);
	assert_string_equal(a, "https://portal.example.com.br");
	assert_string_equal(b, "https://silva.example.com.br");
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_base_url),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
