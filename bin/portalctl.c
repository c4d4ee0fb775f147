/* portalctl: the administration command of the portal.
 *
 *   portalctl -c CONFIG.hdf migrate      apply schema/NNN_*.sql not yet applied, in order
 *   portalctl -c CONFIG.hdf seed-demo    the demo offices, staff and clients (idempotent)
 *   portalctl -c CONFIG.hdf seed-clients OFFICE COUNT [SEED]
 *                                        COUNT generated clients into the office (slug)
 *   portalctl -c CONFIG.hdf worker       deliver the mail outbox and do the jobs until SIGTERM
 *                                        (and sweep what expired, once a minute)
 *   portalctl -c CONFIG.hdf sweep        delete expired sessions, login challenges, old
 *                                        password links and login attempts, now (sweep.c)
 *   portalctl -c CONFIG.hdf office ...   create, list, disable and enable offices (office.c)
 */
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ClearSilver.h>
#include <curl/curl.h>
#include <sodium.h>

#include "cadastro/bulk.h"
#include "base/config.h"
#include "base/db.h"
#include "base/log.h"
#include "office.h"
#include "roles.h"
#include "mail/outbox.h"
#include "acesso/password.h"
#include "seed_clients.h"
#include "seed_fees.h"
#include "acesso/sweep.h"
#include "honorarios/generate.h"
#include "importacao/importjob.h"
#include "acesso/staff.h"
#include "base/strbuf.h"

static const char migrations_table_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version VARCHAR(200) NOT NULL PRIMARY KEY,"
	" checksum CHAR(64) NOT NULL,"
	" applied_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

static const char applied_sql[] = "SELECT checksum FROM schema_migrations WHERE version = ?";
static const char record_sql[] =
	"INSERT INTO schema_migrations (version, checksum) VALUES (?, ?)";

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_file(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (sb_append(out, buf, n) < 0)
			rc = -1;
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/* Applies one file unless it was; a file changed after it was applied is refused. */
static int migrate_one(struct db *db, const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT, sql = STRBUF_INIT;
	int rc = -1;
	if (sb_printf(&path, "%s/%s", dir, name) < 0 || read_file(path.buf, &sql) < 0) {
		fprintf(stderr, "migrate: cannot read %s\n", sb_str(&path));
		goto out;
	}
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	crypto_hash_sha256(sum, (const unsigned char *)sb_str(&sql), sql.len);
	sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);

	struct db_stmt *st = db_prepare(db, applied_sql);
	if (!st)
		goto out;
	db_bind_str(st, 0, name);
	if (db_exec(st) < 0)
		goto out;
	int got = db_fetch(st);
	if (got < 0)
		goto out;
	if (got) {
		if (strcmp(db_col(st, 0), hex) != 0) {
			fprintf(stderr, "migrate: %s changed after it was applied; add a new "
				"migration instead of editing an old one\n", name);
			goto out;
		}
		rc = 0;
		goto out;
	}
	/* DDL commits by itself in MariaDB: a file stops at its first failing statement and
	 * is not recorded, so after fixing it, it runs again from the top. Write migrations
	 * that can run again (IF NOT EXISTS). */
	if (db_exec_script(db, sql.buf, sql.len) < 0) {
		fprintf(stderr, "migrate: %s failed: %s\n", name, db_error(db));
		goto out;
	}
	struct db_stmt *rec = db_prepare(db, record_sql);
	if (!rec)
		goto out;
	db_bind_str(rec, 0, name);
	db_bind_str(rec, 1, hex);
	if (db_exec(rec) < 0)
		goto out;
	printf("migrate: applied %s\n", name);
	rc = 0;
out:
	sb_free(&path);
	sb_free(&sql);
	return rc;
}

static int cmd_migrate(struct db *db)
{
	struct strbuf dir = STRBUF_INIT;
	sb_printf(&dir, "%s/schema", config_str("Paths.Root", "."));
	if (db_exec_script(db, migrations_table_sql, strlen(migrations_table_sql)) < 0) {
		sb_free(&dir);
		return 1;
	}
	struct dirent **list = NULL;
	int n = scandir(sb_str(&dir), &list, NULL, NULL);
	if (n < 0) {
		fprintf(stderr, "migrate: cannot list %s\n", sb_str(&dir));
		sb_free(&dir);
		return 1;
	}
	char **names = calloc((size_t)n + 1, sizeof *names);
	size_t count = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = list[i]->d_name;
		size_t len = strlen(nm);
		if (names && len > 4 && strcmp(nm + len - 4, ".sql") == 0 && nm[0] >= '0' && nm[0] <= '9')
			names[count++] = strdup(nm);
		free(list[i]);
	}
	free(list);
	int rc = names ? 0 : 1;
	if (names)
		qsort(names, count, sizeof *names, by_name);
	for (size_t i = 0; i < count && rc == 0; i++)
		if (!names[i] || migrate_one(db, sb_str(&dir), names[i]) < 0)
			rc = 1;
	for (size_t i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
	sb_free(&dir);
	if (rc == 0)
		printf("migrate: schema up to date (%zu files)\n", count);
	return rc;
}

/* migrate: with an administrator configured (Db.Admin.User), the roles' accounts are
 * made first (the migrations' own among them), the schema is applied as the migrations'
 * account (so the triggers it creates are that account's, DEFINER), and the programs and
 * the worker get their rights on the tables there are then. Without one, the schema is
 * applied as Db.User and no account is touched (an install that manages its own). */
static int migrate_as_roles(void)
{
	struct db *admin = NULL;
	if (roles_configured()) {
		admin = db_open_as(config_str("Db.Admin.User", NULL), config_str("Db.Admin.Password", NULL));
		if (!admin) {
			fprintf(stderr, "migrate: cannot connect as Db.Admin.User to make the accounts\n");
			return 1;
		}
		if (roles_ensure(admin) < 0) {
			db_close(admin);
			return 1;
		}
	}
	struct db *db = db_open();
	if (!db) {
		fprintf(stderr, "portalctl: cannot connect to the database\n");
		db_close(admin);
		return 1;
	}
	int rc = cmd_migrate(db);
	db_close(db);
	if (rc == 0 && admin && roles_grant_tables(admin) < 0)
		rc = 1;
	db_close(admin);
	return rc;
}

static const char office_sql[] =
	"INSERT INTO offices (slug, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = id";
static const char office_id_sql[] = "SELECT id FROM offices WHERE slug = ?";
static const char demo_password_sql[] =
	"UPDATE staff_users SET password_hash = ?, invited_at = NULL WHERE id = ?";

#define DEMO_PASSWORD "Contabil#Demo2026"

static int64_t seed_office(struct db *db, const char *slug, const char *name)
{
	struct db_stmt *st = db_prepare(db, office_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, slug);
	db_bind_str(st, 1, name);
	if (db_exec(st) < 0)
		return -1;
	st = db_prepare(db, office_id_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, slug);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	return db_col_i64(st, 0);
}

/* A demo member: inserted as an invited one would be, then given the demo password
 * (no invitation pending). Existing users are left as they are (their password may
 * have been changed). */
static int seed_user(struct db *db, int64_t office, const char *name, const char *email,
		     const char *role)
{
	int64_t id = staff_insert_invited(db, office, name, email, role);
	if (id <= 0)
		return id < 0 ? -1 : 0;
	char *hash = password_hash(DEMO_PASSWORD);
	if (!hash)
		return -1;
	struct db_stmt *st = db_prepare(db, demo_password_sql);
	int rc = -1;
	if (st) {
		db_bind_str(st, 0, hash);
		db_bind_i64(st, 1, id);
		rc = db_exec(st);
	}
	free(hash);
	return rc;
}

/* The demo client's portal login: the demo office's client with the most fees (the
 * first by name of those), whose login and password the startup text prints. */
static const char portal_demo_sql[] =
	"INSERT IGNORE INTO portal_users (office_id, client_id, name, email, password_hash,"
	" created_at, password_set_at)"
	" SELECT f.office_id, f.client_id, 'Cliente Demonstração', ?, ?, UTC_TIMESTAMP(6),"
	" UTC_TIMESTAMP(6) FROM fees f JOIN clients c ON c.id = f.client_id"
	" WHERE f.office_id = ? AND NOT c.trashed"
	" GROUP BY f.office_id, f.client_id, c.name ORDER BY COUNT(*) DESC, c.name LIMIT 1";

static int seed_portal_user(struct db *db, int64_t office, const char *email)
{
	char *hash = password_hash(DEMO_PASSWORD);
	struct db_stmt *st = hash ? db_prepare(db, portal_demo_sql) : NULL;
	int rc = -1;
	if (st) {
		db_bind_str(st, 0, email);
		db_bind_str(st, 1, hash);
		db_bind_i64(st, 2, office);
		rc = db_exec(st);
	}
	free(hash);
	return rc;
}

static int cmd_seed_demo(struct db *db)
{
	if (db_begin(db) < 0)
		return 1;
	int64_t demo = seed_office(db, "demo", "Escritório Demonstração");
	int64_t outra = seed_office(db, "outra", "Outra Contabilidade");
	if (demo < 0 || outra < 0 ||
	    seed_user(db, demo, "Ana Souza", "ana@demo.com.br", "admin") < 0 ||
	    seed_user(db, demo, "Bruno Lima", "bruno@demo.com.br", "staff") < 0 ||
	    seed_user(db, outra, "Carla Dias", "carla@outra.com.br", "admin") < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		fprintf(stderr, "seed-demo: failed: %s\n", db_error(db));
		return 1;
	}
	/* Generated clients for offices that have none yet (so a second run adds nothing). */
	if (seed_clients_if_none(db, "demo", 300, 1) < 0 ||
	    seed_clients_if_none(db, "outra", 20, 2) < 0) {
		fprintf(stderr, "seed-demo: seeding the demo clients failed\n");
		return 1;
	}
	if (seed_fees_if_none(db, "demo", "ana@demo.com.br") < 0)
		return 1;
	if (seed_portal_user(db, demo, "cliente@demo.com.br") < 0) {
		fprintf(stderr, "seed-demo: the demo portal login failed: %s\n", db_error(db));
		return 1;
	}
	printf("seed-demo: offices demo and outra with their staff and clients are in place"
	       " (demo with plans, fees and a client's portal login)\n");
	return 0;
}

/* seed-clients OFFICE COUNT [SEED] */
static int cmd_seed_clients(struct db *db, int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: portalctl -c CONFIG.hdf seed-clients OFFICE COUNT [SEED]\n");
		return 2;
	}
	char *end;
	long count = strtol(argv[1], &end, 10);
	if (end == argv[1] || *end || count < 1 || count > SEED_CLIENTS_MAX) {
		fprintf(stderr, "seed-clients: COUNT must be a number from 1 to %ld\n",
			SEED_CLIENTS_MAX);
		return 2;
	}
	unsigned long seed = 1;
	if (argc == 3) {
		seed = strtoul(argv[2], &end, 10);
		if (end == argv[2] || *end || seed > 0xFFFFFFFFul) {
			fprintf(stderr, "seed-clients: SEED must be a number from 0 to 4294967295\n");
			return 2;
		}
	}
	return seed_clients(db, argv[0], count, (unsigned)seed) < 0 ? 1 : 0;
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* Between two batches of an import a stop request ends the pass. */
static int import_between(struct db *db)
{
	(void)db;
	return stop != 0;
}

/* The worker's work besides the mail: the bulk jobs, the imports, the fee generations,
 * and now and then the sweep. */
static int worker_work(struct db *db)
{
	if (sweep_due(db) < 0)
		return -1;
	int jobs = jobs_work(db);
	int imports = importjob_work(db, import_between);
	int fees = gen_work(db);
	if (jobs < 0 || imports < 0 || fees < 0)
		return -1;
	return jobs > 0 || imports > 0 || fees > 0;
}

/* The mail goes out from a process of its own, with its own connection, so neither
 * waits for the other: a job of 10,000 signed links does not stop for the SMTP server
 * between its batches, nor does the mail wait for the job. It ends with the worker
 * (PR_SET_PDEATHSIG), even when the worker is killed. The child never touches the
 * parent's connection (closing it would end the parent's session too). Its pid, or -1. */
static pid_t start_mailer(void)
{
	pid_t parent = getpid(), pid = fork();
	if (pid != 0)
		return pid;
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent)
		_exit(0);
	struct db *db = db_open();
	if (!db) {
		log_error("", "outbox: cannot connect to the database");
		_exit(1);
	}
	int rc = outbox_worker_loop(db, &stop, true, NULL) < 0 ? 1 : 0;
	db_close(db);
	_exit(rc);
}

/* Each round of the worker: the mail process restarted if it ended, then the work. */
static pid_t mailer = -1;

static int with_mailer(struct db *db)
{
	int st;
	if (mailer < 0)
		mailer = start_mailer();
	else if (waitpid(mailer, &st, WNOHANG) == mailer) {   /* never -1: gpg's are GPGME's */
		log_error("", "worker: the mail process ended (status %d); starting another", st);
		mailer = start_mailer();
	}
	return worker_work(db);
}

static int cmd_worker(struct db *db)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return 1;
	fprintf(stderr, "worker: delivering the outbox and doing the jobs\n");
	mailer = start_mailer();
	if (mailer < 0) {
		log_error("", "worker: cannot start the mail process");
		return 1;
	}
	int rc = outbox_worker_loop(db, &stop, false, with_mailer) < 0 ? 1 : 0;
	if (mailer > 0) {
		kill(mailer, SIGTERM);
		while (waitpid(mailer, NULL, 0) < 0 && errno == EINTR)
			;
	}
	curl_global_cleanup();
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: portalctl -c CONFIG.hdf migrate|seed-demo|worker|sweep\n"
		"       portalctl -c CONFIG.hdf seed-clients OFFICE COUNT [SEED]\n"
		"       portalctl -c CONFIG.hdf office create --slug SLUG --name NAME --admin EMAIL\n"
		"       portalctl -c CONFIG.hdf office list | office disable SLUG | office enable SLUG\n");
}

int main(int argc, char **argv)
{
	const char *conf = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "+c:")) != -1) {
		if (opt != 'c') {
			usage();
			return 2;
		}
		conf = optarg;
	}
	if (!conf || optind >= argc) {
		usage();
		return 2;
	}
	const char *cmd = argv[optind];
	int nargs = argc - optind - 1;   /* after the command: seed-clients and office take some */
	if (nargs != 0 && strcmp(cmd, "seed-clients") != 0 && strcmp(cmd, "office") != 0) {
		usage();
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	if (sodium_init() < 0 || config_load(conf) < 0)
		return 1;
	nerr_init();
	if (strcmp(cmd, "worker") == 0 && log_open(config_str("Paths.Log", ".")) < 0)
		fprintf(stderr, "portalctl: cannot open the logs; logging to stderr\n");
	if (strcmp(cmd, "migrate") == 0) {
		int rc = migrate_as_roles();
		config_free();
		return rc;
	}
	struct db *db = db_open();
	if (!db) {
		fprintf(stderr, "portalctl: cannot connect to the database\n");
		return 1;
	}
	int rc;
	if (strcmp(cmd, "seed-demo") == 0)
		rc = cmd_seed_demo(db);
	else if (strcmp(cmd, "seed-clients") == 0)
		rc = cmd_seed_clients(db, nargs, argv + optind + 1);
	else if (strcmp(cmd, "worker") == 0)
		rc = cmd_worker(db);
	else if (strcmp(cmd, "sweep") == 0) {
		long n = sweep_expired(db);
		if (n >= 0)
			printf("sweep: %ld expired rows deleted\n", n);
		rc = n < 0 ? 1 : 0;
	}
	else if (strcmp(cmd, "office") == 0)
		rc = office_command(db, nargs, argv + optind + 1);
	else {
		usage();
		rc = 2;
	}
	db_close(db);
	config_free();
	return rc;
}
