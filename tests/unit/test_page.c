/* Unit tests for lib/web/page.c: the page data a process keeps between requests. */
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "web/page.h"
#include "web/request.h"

/* ClearSilver's HDF remembers, in each node, the child it found last and the one before
 * it (last_hp, last_hs), and hdf_remove_tree does not forget them: emptying the page
 * between requests must, or the next request's first page_set reads freed nodes. A read
 * of freed memory faults only where the heap gave the memory back to the system, as it
 * did in a worker under load; here the nodes are made the last thing on the heap, freed
 * without caches (tunables set in main) and the heap trimmed, so it faults every time. */
static void test_requests_after_emptying(void **state)
{
	(void)state;
	struct request r;
	memset(&r, 0, sizeof r);
	for (int round = 0; round < 3; round++) {
		char key[40];
		for (int i = 0; i < 4000; i++) {
			snprintf(key, sizeof key, "Rows.%d.name", i);
			page_set(&r, key, "Mercearia Central Ltda");
		}
		page_set(&r, "Form.Errors.nome", "Preencha este campo.");
		page_set(&r, "Flash.Kind", "erro");
		page_set(&r, "Flash.Text", "Confira os campos.");
		page_free(&r);
		malloc_trim(0);
	}
	page_set(&r, "Flash.Kind", "ok");
	page_free(&r);
}

int main(int argc, char **argv)
{
	/* Freed memory straight back to the heap (no per-thread or fast caches). */
	(void)argc;
	if (!getenv("TEST_PAGE_TUNED")) {
		setenv("TEST_PAGE_TUNED", "1", 1);
		setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0:glibc.malloc.mxfast=0", 1);
		execv("/proc/self/exe", argv);
		perror("execv");
		return 1;
	}
	cmocka_set_message_output(CM_OUTPUT_TAP);
	if (page_init("/nonexistent", "teste") < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requests_after_emptying),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
