/* lib/portal/signlink.c with a real GnuPG: two keys made in a temporary home; a link
 * made and verified; one byte changed in the payload and in the signature; no signature;
 * a good signature by the other key of the keyring; that key accepted once it is a
 * previous key; tokens that are not tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "base/config.h"
#include "portal/signlink.h"

static char home[64], fpr_a[64], fpr_b[64], conf[96];

static int run(const char *cmd)
{
	return system(cmd);
}

static void make_key(const char *name, char out[64])
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "gpg --homedir %s --batch --passphrase '' --pinentry-mode loopback"
		 " --quick-gen-key '%s <%s@test.invalid>' ed25519 sign never >/dev/null 2>&1",
		 home, name, name);
	assert_int_equal(run(cmd), 0);
	snprintf(cmd, sizeof cmd, "gpg --homedir %s --batch --with-colons --list-secret-keys '%s'"
		 " 2>/dev/null | awk -F: '$1 == \"fpr\" { print $10; exit }'", home, name);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	assert_non_null(fgets(out, 64, f));
	pclose(f);
	out[strcspn(out, "\n")] = '\0';
	assert_int_equal(strlen(out), 40);
}

static void write_conf_agent(const char *previous, int agent)
{
	FILE *f = fopen(conf, "w");
	assert_non_null(f);
	fprintf(f, "Gpg {\n  Home = %s\n  Fingerprint = %s\n  PreviousFingerprints = %s\n"
		"  Agent = %d\n}\n", home, fpr_a, previous, agent);
	fclose(f);
	config_free();
	assert_int_equal(config_load(conf), 0);
	signlink_end();   /* the signer is set up again with these settings */
}

static void write_conf(const char *previous)
{
	write_conf_agent(previous, 1);
}

static int setup(void **state)
{
	(void)state;
	snprintf(home, sizeof home, "/tmp/signlink-XXXXXX");
	if (!mkdtemp(home) || sodium_init() < 0)
		return -1;
	snprintf(conf, sizeof conf, "%s/portal.hdf", home);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "gpgconf --homedir %s --kill all >/dev/null 2>&1; rm -rf %s", home, home);
	run(cmd);
	config_free();
	return 0;
}

static const struct signlink sample = { 7, 1234, 99, "atualizar", 1790000000 };

static void test_keys(void **state)
{
	(void)state;
	make_key("chave-a", fpr_a);
	make_key("chave-b", fpr_b);
	write_conf("");
	assert_int_equal(signlink_init(), 0);
}

static void test_good(void **state)
{
	(void)state;
	char *t = signlink_make(&sample);
	assert_non_null(t);
	assert_true(strlen(t) < 400);
	for (const char *c = t; *c; c++)
		assert_true((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.');
	struct signlink p;
	assert_int_equal(signlink_verify(t, &p), 1);
	assert_int_equal(p.office, 7);
	assert_int_equal(p.client, 1234);
	assert_int_equal(p.request, 99);
	assert_string_equal(p.purpose, "atualizar");
	assert_int_equal(p.expires, 1790000000);
	free(t);
}

/* One character of the payload or of the signature changed: refused. */
static void test_tampered(void **state)
{
	(void)state;
	char *t = signlink_make(&sample);
	assert_non_null(t);
	size_t dot = (size_t)(strchr(t, '.') - t);
	struct signlink p;
	char *u = strdup(t);
	/* client=1234 -> the payload's 20th character (inside the base64 of the numbers) */
	u[20] = u[20] == 'A' ? 'B' : 'A';
	assert_int_equal(signlink_verify(u, &p), 0);
	strcpy(u, t);
	u[dot + 30] = u[dot + 30] == 'A' ? 'B' : 'A';
	assert_int_equal(signlink_verify(u, &p), 0);
	strcpy(u, t);
	u[dot + 1] = '\0';   /* no signature */
	assert_int_equal(signlink_verify(u, &p), 0);
	u[dot] = '\0';       /* no dot */
	assert_int_equal(signlink_verify(u, &p), 0);
	free(u);
	free(t);
}

/* A good signature by the keyring's other key: refused, until it is a previous key. */
static void test_other_key(void **state)
{
	(void)state;
	char a[64];
	snprintf(a, sizeof a, "%s", fpr_a);
	snprintf(fpr_a, sizeof fpr_a, "%s", fpr_b);   /* sign with B */
	write_conf("");
	char *t = signlink_make(&sample);
	assert_non_null(t);
	snprintf(fpr_a, sizeof fpr_a, "%s", a);       /* A is the key again */
	write_conf("");
	struct signlink p;
	assert_int_equal(signlink_verify(t, &p), 0);
	char prev[200];
	snprintf(prev, sizeof prev, "0000000000000000000000000000000000000000 %s", fpr_b);
	write_conf(prev);
	assert_int_equal(signlink_verify(t, &p), 1);
	write_conf("");
	free(t);
}

static void test_not_tokens(void **state)
{
	(void)state;
	struct signlink p;
	const char *bad[] = { "", ".", "a.b", "x", "....", "cG9ydGFs.YWJj", NULL };
	for (int i = 0; bad[i]; i++) {
		assert_int_equal(signlink_parse(bad[i], &p), -1);
		assert_int_equal(signlink_verify(bad[i], &p), 0);
	}
	assert_int_equal(signlink_parse(NULL, &p), -1);
	char *long_one = malloc(SIGNLINK_TOKEN_MAX + 10);
	memset(long_one, 'A', SIGNLINK_TOKEN_MAX + 9);
	long_one[SIGNLINK_TOKEN_MAX + 9] = '\0';
	long_one[20] = '.';
	assert_int_equal(signlink_parse(long_one, &p), -1);
	free(long_one);
}

/* An ed25519 key signs through its gpg-agent (the packet put together by signlink: new
 * format, SHA-512); with Gpg.Agent = 0 through a gpg process (old format). Both verify,
 * both are 119 bytes. */
static void test_agent_and_gpg(void **state)
{
	(void)state;
	for (int agent = 1; agent >= 0; agent--) {
		write_conf_agent("", agent);
		char *t = signlink_make(&sample);
		assert_non_null(t);
		struct signlink p;
		assert_int_equal(signlink_verify(t, &p), 1);
		assert_int_equal(p.request, sample.request);
		const char *dot = strchr(t, '.');
		assert_non_null(dot);
		unsigned char sig[512];
		size_t n = 0;
		assert_int_equal(sodium_base642bin(sig, sizeof sig, dot + 1, strlen(dot + 1), NULL, &n,
						   NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
		assert_int_equal(n, 119);
		if (agent) {
			assert_int_equal(sig[0], 0xc2);   /* tag 2, new format: ours */
			assert_int_equal(sig[5], 10);     /* SHA-512 */
		} else {
			assert_int_equal(sig[0], 0x88);   /* tag 2, old format: gpg's */
		}
		free(t);
	}
	write_conf("");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_agent_and_gpg),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_other_key),
		cmocka_unit_test(test_not_tokens),
	};
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
