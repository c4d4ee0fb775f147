/* roles: the portal's database accounts (roles.h).
 *
 * Account statements take no placeholders (CREATE USER, GRANT), so their text is put
 * together here from names checked against a strict alphabet and from a password hash
 * the server computed from a bound parameter (SELECT PASSWORD(?)) and we checked is
 * '*' and 40 hex digits: no configured text reaches the SQL unchecked, and the password
 * itself never appears in a statement (nor in the server's logs). */
#include "roles.h"

#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/db.h"
#include "base/strbuf.h"

/* The migrations' rights: the schema's DDL (triggers included) and DML, on the portal's
 * database only. No routines or events (the schema has none), nothing global. */
static const char migrate_grants[] =
	"SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, TRIGGER,"
	" CREATE VIEW, SHOW VIEW, LOCK TABLES, CREATE TEMPORARY TABLES";
/* mariabackup --backup (MariaDB 10.11): FLUSH TABLES / BACKUP STAGE (RELOAD), the
 * process list (PROCESS), LOCK TABLES, the binary log's position (BINLOG MONITOR, the
 * 10.5+ name of REPLICATION CLIENT). It reads the data files itself. */
static const char backup_grants[] = "RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR";
/* What the programs and the worker do: rows, never the schema. */
static const char dml_grants[] = "SELECT, INSERT, UPDATE, DELETE";

static const char hash_sql[] = "SELECT PASSWORD(?)";
static const char tables_sql[] =
	"SELECT table_name FROM information_schema.tables"
	" WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'"
	" ORDER BY table_name";

struct role {
	const char *what;       /* for messages */
	const char *user_key, *password_key;
	const char *user, *password;
};

enum { R_MIGRATE, R_PROGRAMS, R_WORKER, R_BACKUP, R_COUNT };

static struct role roles[R_COUNT] = {
	[R_MIGRATE] = { "the migrations", "Db.User", "Db.Password", NULL, NULL },
	[R_PROGRAMS] = { "the programs", "Db.Roles.Programs.User", "Db.Roles.Programs.Password", NULL, NULL },
	[R_WORKER] = { "the worker", "Db.Roles.Worker.User", "Db.Roles.Worker.Password", NULL, NULL },
	[R_BACKUP] = { "the backup", "Db.Roles.Backup.User", "Db.Roles.Backup.Password", NULL, NULL },
};

static bool only(const char *s, const char *alphabet, size_t max)
{
	size_t n = strlen(s);
	return n > 0 && n <= max && strspn(s, alphabet) == n;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz0123456789_"
#define NAME "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"

bool roles_configured(void)
{
	return config_str("Db.Admin.User", NULL) != NULL;
}

/* Reads and checks the roles' names and passwords. */
static int load_roles(void)
{
	const char *admin = config_str("Db.Admin.User", "");
	for (int i = 0; i < R_COUNT; i++) {
		struct role *r = &roles[i];
		r->user = config_str(r->user_key, NULL);
		r->password = config_str(r->password_key, NULL);
		if (!r->user) {
			if (i == R_MIGRATE) {
				fprintf(stderr, "migrate: %s is not set\n", r->user_key);
				return -1;
			}
			continue;   /* a role this installation does not have */
		}
		if (!only(r->user, LOWER, 32) || strcmp(r->user, "root") == 0 || strcmp(r->user, admin) == 0) {
			fprintf(stderr, "migrate: %s must be 1 to 32 of a-z, 0-9, _ and neither root"
				" nor Db.Admin.User\n", r->user_key);
			return -1;
		}
		if (!r->password || strlen(r->password) < 16) {
			fprintf(stderr, "migrate: %s (%s's account) must have at least 16 characters"
				" (scripts/stack makes 256 random bits)\n", r->password_key, r->what);
			return -1;
		}
		for (int j = 0; j < i; j++)
			if (roles[j].user && strcmp(roles[j].user, r->user) == 0) {
				fprintf(stderr, "migrate: %s and %s name the same account; each role has"
					" its own\n", roles[j].user_key, r->user_key);
				return -1;
			}
	}
	return 0;
}

static const char *db_name(void)
{
	const char *name = config_str("Db.Name", "portal");
	if (!only(name, NAME, 64)) {
		fprintf(stderr, "migrate: Db.Name must be 1 to 64 of A-Z, a-z, 0-9 and _\n");
		return NULL;
	}
	return name;
}

static int run(struct db *db, const struct strbuf *sql)
{
	if (sql->len == 0 || db_exec_script(db, sql->buf, sql->len) < 0) {
		fprintf(stderr, "migrate: %s: %s\n", sb_str(sql), db_error(db));
		return -1;
	}
	return 0;
}

/* The account made if missing, its password set to the configured one, and its rights. */
static int ensure_account(struct db *admin, const struct role *r, const char *grants, const char *on)
{
	struct db_stmt *st = db_prepare(admin, hash_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, r->password);
	if (db_exec(st) < 0 || db_fetch(st) != 1) {
		fprintf(stderr, "migrate: PASSWORD(): %s\n", db_error(admin));
		return -1;
	}
	const char *col = db_col(st, 0);
	char hash[42] = "";
	if (col && strlen(col) == 41 && col[0] == '*' && only(col + 1, "0123456789ABCDEF", 40))
		memcpy(hash, col, sizeof hash);
	while (db_fetch(st) > 0)
		;
	if (!hash[0]) {
		fprintf(stderr, "migrate: the server's PASSWORD() gave no mysql_native_password hash\n");
		return -1;
	}
	struct strbuf sql = STRBUF_INIT;
	int rc = -1;
	if (sb_printf(&sql, "CREATE USER IF NOT EXISTS '%s'@'localhost' IDENTIFIED BY PASSWORD '%s';"
		      " ALTER USER '%s'@'localhost' IDENTIFIED BY PASSWORD '%s'",
		      r->user, hash, r->user, hash) < 0)
		goto out;
	if (run(admin, &sql) < 0)
		goto out;
	if (grants) {
		sb_reset(&sql);
		if (sb_printf(&sql, "GRANT %s ON %s TO '%s'@'localhost'", grants, on, r->user) < 0 ||
		    run(admin, &sql) < 0)
			goto out;
	}
	rc = 0;
out:
	sb_free(&sql);
	return rc;
}

int roles_ensure(struct db *admin)
{
	const char *name = db_name();
	if (!name || load_roles() < 0)
		return -1;
	struct strbuf on = STRBUF_INIT;
	int rc = -1;
	if (sb_printf(&on, "`%s`.*", name) < 0)
		goto out;
	if (ensure_account(admin, &roles[R_MIGRATE], migrate_grants, on.buf) < 0)
		goto out;
	/* The programs' and the worker's table grants come after the migrations
	 * (roles_grant_tables), when every table exists. */
	for (int i = R_PROGRAMS; i <= R_WORKER; i++)
		if (roles[i].user && ensure_account(admin, &roles[i], NULL, NULL) < 0)
			goto out;
	if (roles[R_BACKUP].user && ensure_account(admin, &roles[R_BACKUP], backup_grants, "*.*") < 0)
		goto out;
	rc = 0;
out:
	sb_free(&on);
	return rc;
}

int roles_grant_tables(struct db *admin)
{
	const char *name = db_name();
	if (!name)
		return -1;
	struct strbuf to = STRBUF_INIT, sql = STRBUF_INIT;
	int rc = -1, ntables = 0;
	for (int i = R_PROGRAMS; i <= R_WORKER; i++)
		if (roles[i].user && sb_printf(&to, "%s'%s'@'localhost'", to.len ? ", " : "", roles[i].user) < 0)
			goto out;
	if (to.len == 0)
		return 0;
	struct db_stmt *st = db_prepare(admin, tables_sql);
	if (!st)
		goto out;
	db_bind_str(st, 0, name);
	if (db_exec(st) < 0)
		goto out;
	/* Every table's grant in one script, run once the result is read. Grants only add:
	 * nothing is revoked, so a program running during a deploy never loses a right. */
	int got;
	bool bad = false;
	while ((got = db_fetch(st)) > 0) {
		const char *t = db_col(st, 0);
		if (!t || !only(t, NAME, 64)) {
			bad = true;
			continue;
		}
		if (sb_printf(&sql, "%sGRANT %s ON `%s`.`%s` TO %s", sql.len ? "; " : "",
			      dml_grants, name, t, to.buf) < 0)
			goto out;
		ntables++;
	}
	if (got < 0)
		goto out;
	if (bad) {
		fprintf(stderr, "migrate: a table's name is not of A-Z, a-z, 0-9 and _: no grants given\n");
		goto out;
	}
	if (ntables && run(admin, &sql) < 0)
		goto out;
	printf("migrate: %s of %d tables granted to %s\n", dml_grants, ntables, to.buf);
	rc = 0;
out:
	sb_free(&to);
	sb_free(&sql);
	return rc;
}
