/* portalctl office: the hosting operator's commands.
 *
 *   office create --slug SLUG --name NAME --admin EMAIL [--admin-name NAME]
 *   office list
 *   office disable SLUG | office enable SLUG
 *
 * create e-mails the first admin a set-password link (72 hours, single use) through the
 * outbox: the worker delivers it. Bad input: a message and exit status 2. */
#include "office.h"

#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "web/request.h"
#include "acesso/staff.h"
#include "base/utf8.h"
#include "br/valid.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: portalctl -c CONFIG.hdf office create --slug SLUG --name NAME --admin EMAIL"
		" [--admin-name NAME]\n"
		"       portalctl -c CONFIG.hdf office list\n"
		"       portalctl -c CONFIG.hdf office disable|enable SLUG\n");
	return 2;
}

/* [a-z0-9-], 1 to 63 characters, no hyphen at either end: a DNS label. */
static bool slug_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static bool text_ok(const char *s, size_t max_chars)
{
	size_t n = strlen(s);
	if (!n || !utf8_valid(s, n))
		return false;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if ((*p & 0xC0) != 0x80)
			chars++;
	}
	return chars <= max_chars;
}

static const char slug_taken_sql[] = "SELECT 1 FROM offices WHERE slug = ?";
static const char insert_sql[] = "INSERT INTO offices (slug, name) VALUES (?, ?)";
static const char audit_sql[] =
	"INSERT INTO audit_events (office_id, at, actor, channel, action, entity, entity_id)"
	" VALUES (?, UTC_TIMESTAMP(6), 'portalctl', 'system', ?, 'office', ?)";

static int audit(struct db *db, int64_t office, const char *action)
{
	struct db_stmt *st = db_prepare(db, audit_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, office);
	db_bind_str(st, 1, action);
	db_bind_i64(st, 2, office);
	return db_exec(st);
}

static int create(struct db *db, const char *slug, const char *name, const char *email,
		  const char *admin_name)
{
	if (!slug || !name || !email)
		return usage();
	char lower[255];
	size_t el = strlen(email);
	if (el >= sizeof lower) {
		fprintf(stderr, "office create: the e-mail %s is too long\n", email);
		return 2;
	}
	for (size_t i = 0; i <= el; i++)
		lower[i] = (char)(email[i] >= 'A' && email[i] <= 'Z' ? email[i] + 32 : email[i]);
	if (!slug_ok(slug)) {
		fprintf(stderr, "office create: the slug '%s' is invalid: use 1 to 63 of a-z, 0-9"
			" and '-' (not at either end); it becomes the office's host name\n", slug);
		return 2;
	}
	if (!text_ok(name, 200)) {
		fprintf(stderr, "office create: the name must be 1 to 200 characters of UTF-8"
			" text on one line\n");
		return 2;
	}
	if (!valid_email(lower, el)) {
		fprintf(stderr, "office create: '%s' is not a valid e-mail address\n", email);
		return 2;
	}
	/* Without --admin-name, the address's local part, until they set their own name on
	 * "Minha conta". */
	char local[255];
	snprintf(local, sizeof local, "%.*s", (int)strcspn(lower, "@"), lower);
	if (admin_name && !text_ok(admin_name, 200)) {
		fprintf(stderr, "office create: the admin's name must be 1 to 200 characters\n");
		return 2;
	}
	const char *member = admin_name ? admin_name : local;
	if (db_begin(db) < 0)
		return 1;
	struct db_stmt *st = db_prepare(db, slug_taken_sql);
	if (!st)
		goto fail;
	db_bind_str(st, 0, slug);
	if (db_exec(st) < 0)
		goto fail;
	int taken = db_fetch(st);
	if (taken < 0)
		goto fail;
	if (taken) {
		db_rollback(db);
		fprintf(stderr, "office create: the slug '%s' is taken by another office\n", slug);
		return 2;
	}
	st = db_prepare(db, insert_sql);
	if (!st)
		goto fail;
	db_bind_str(st, 0, slug);
	db_bind_str(st, 1, name);
	if (db_exec(st) < 0)
		goto fail;
	struct office o = { .id = (int64_t)db_insert_id(st), .slug = (char *)slug, .name = (char *)name };
	int64_t admin = staff_insert_invited(db, o.id, member, lower, "admin");
	if (admin <= 0 || staff_invite_mail(db, &o, admin, member, lower, NULL) < 0 ||
	    audit(db, o.id, "office_create") < 0 || db_commit(db) < 0)
		goto fail;
	printf("office create: office '%s' (%s) created; an invitation to choose a password "
	       "is on its way to %s\n", slug, name, lower);
	return 0;
fail:
	fprintf(stderr, "office create: failed: %s\n", db_error(db));
	db_rollback(db);
	return 1;
}

static const char list_sql[] =
	"SELECT o.slug, o.name, o.active,"
	" (SELECT COUNT(*) FROM staff_users s WHERE s.office_id = o.id AND s.active),"
	" COALESCE(cc.active + cc.inactive, 0), DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i UTC')"
	" FROM offices o LEFT JOIN client_counts cc ON cc.office_id = o.id ORDER BY o.slug";

static int list(struct db *db)
{
	struct db_stmt *st = db_prepare(db, list_sql);
	if (!st || db_exec(st) < 0) {
		fprintf(stderr, "office list: failed: %s\n", db_error(db));
		return 1;
	}
	printf("%-20s %-8s %6s %8s  %-20s  %s\n", "SLUG", "STATUS", "STAFF", "CLIENTS",
	       "CREATED", "NAME");
	int got;
	while ((got = db_fetch(st)) > 0)
		printf("%-20s %-8s %6lld %8lld  %-20s  %s\n", db_col(st, 0),
		       db_col_i64(st, 2) ? "active" : "disabled", (long long)db_col_i64(st, 3),
		       (long long)db_col_i64(st, 4), db_col(st, 5), db_col(st, 1));
	return got < 0 ? 1 : 0;
}

static const char id_sql[] = "SELECT id, active FROM offices WHERE slug = ? FOR UPDATE";
static const char active_sql[] =
	"UPDATE offices SET active = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?";
static const char end_sessions_sql[] = "DELETE FROM sessions WHERE office_id = ?";
static const char end_challenges_sql[] = "DELETE FROM login_challenges WHERE office_id = ?";

/* Disabled: every session ends and logins get a notice; nothing is deleted. */
static int set_active(struct db *db, const char *slug, bool on)
{
	const char *cmd = on ? "enable" : "disable";
	if (db_begin(db) < 0)
		return 1;
	struct db_stmt *st = db_prepare(db, id_sql);
	if (!st)
		goto fail;
	db_bind_str(st, 0, slug);
	if (db_exec(st) < 0)
		goto fail;
	int got = db_fetch(st);
	if (got < 0)
		goto fail;
	if (!got) {
		db_rollback(db);
		fprintf(stderr, "office %s: there is no office '%s'\n", cmd, slug);
		return 2;
	}
	int64_t id = db_col_i64(st, 0);
	struct db_stmt *u = db_prepare(db, active_sql);
	if (!u)
		goto fail;
	db_bind_i64(u, 0, on);
	db_bind_i64(u, 1, id);
	if (db_exec(u) < 0)
		goto fail;
	if (!on) {
		struct db_stmt *a = db_prepare(db, end_sessions_sql),
			       *b = db_prepare(db, end_challenges_sql);
		if (!a || !b)
			goto fail;
		db_bind_i64(a, 0, id);
		db_bind_i64(b, 0, id);
		if (db_exec(a) < 0 || db_exec(b) < 0)
			goto fail;
	}
	if (audit(db, id, on ? "office_enable" : "office_disable") < 0 || db_commit(db) < 0)
		goto fail;
	printf("office %s: office '%s' is %s\n", cmd, slug, on ? "enabled" : "disabled; its "
	       "sessions ended");
	return 0;
fail:
	fprintf(stderr, "office %s: failed: %s\n", cmd, db_error(db));
	db_rollback(db);
	return 1;
}

int office_command(struct db *db, int argc, char **argv)
{
	if (argc < 1)
		return usage();
	const char *sub = argv[0];
	if (strcmp(sub, "list") == 0)
		return argc == 1 ? list(db) : usage();
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
		return argc == 2 ? set_active(db, argv[1], sub[0] == 'e') : usage();
	if (strcmp(sub, "create") != 0)
		return usage();
	const char *slug = NULL, *name = NULL, *email = NULL, *admin_name = NULL;
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage();
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--slug") == 0)
			slug = v;
		else if (strcmp(k, "--name") == 0)
			name = v;
		else if (strcmp(k, "--admin") == 0)
			email = v;
		else if (strcmp(k, "--admin-name") == 0)
			admin_name = v;
		else
			return usage();
	}
	return create(db, slug, name, email, admin_name);
}
