#include "base/db.h"
#include "base/strbuf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>

#include "base/config.h"
#include "base/log.h"

#define DB_MAX_STMTS 128
#define DB_COL_INITIAL 256

struct db_stmt {
	struct db *db;
	const char *sql;
	char *owned_sql;         /* db_prepare_text: our copy, compared by content */
	MYSQL_STMT *stmt;
	unsigned nparams, ncols;
	MYSQL_BIND *params;
	int64_t *ints;           /* storage for bound integers */
	MYSQL_BIND *cols;
	unsigned long *lengths;
	my_bool *nulls;
	char **bufs;             /* one growable buffer per column, NUL-terminated */
	bool has_result;
};

struct db {
	MYSQL *conn;
	bool in_tx;
	bool broken;
	unsigned broke_with;       /* the error that found the connection lost */
	time_t last_used;
	struct db_stmt *stmts[DB_MAX_STMTS];
	unsigned nstmts;
	int autoinc_consecutive;   /* 0 not asked yet, 1 yes, -1 no */
	unsigned last_err;         /* the last failed statement's error number */
	uint64_t durable;          /* commits and rows changed outside a transaction */
	const char *user, *password;   /* db_open_as (borrowed); NULL: Db.User, Db.Password */
};

static void stmt_free(struct db_stmt *st)
{
	if (!st)
		return;
	if (st->stmt)
		mysql_stmt_close(st->stmt);
	free(st->owned_sql);
	for (unsigned i = 0; i < st->ncols; i++)
		free(st->bufs[i]);
	free(st->bufs);
	free(st->params);
	free(st->ints);
	free(st->cols);
	free(st->lengths);
	free(st->nulls);
	free(st);
}

static void db_disconnect(struct db *db)
{
	for (unsigned i = 0; i < db->nstmts; i++)
		stmt_free(db->stmts[i]);
	db->nstmts = 0;
	if (db->conn)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_tx = false;
}

static int db_connect(struct db *db)
{
	MYSQL *c = mysql_init(NULL);
	if (!c)
		return -1;
	my_bool off = 0;
	unsigned timeout = 10;
	mysql_options(c, MYSQL_OPT_RECONNECT, &off);
	/* LOAD DATA LOCAL is the bench's (through the mariadb client), never the product's:
	 * the server could otherwise ask this process for any file it can read. */
	unsigned no_local = 0;
	mysql_options(c, MYSQL_OPT_LOCAL_INFILE, &no_local);
	mysql_options(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(c, MYSQL_INIT_COMMAND,
		      "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,"
		      "ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
		      "NO_ENGINE_SUBSTITUTION'");
	const char *user = db->user ? db->user : config_str("Db.User", "root");
	const char *pw = db->user ? db->password : config_str("Db.Password", NULL);
	if (!mysql_real_connect(c, NULL, user, pw,
				config_str("Db.Name", "portal"), 0,
				config_str("Db.Socket", NULL), CLIENT_MULTI_STATEMENTS)) {
		log_error("", "db: connect: %s", mysql_error(c));
		mysql_close(c);
		return -1;
	}
	db->conn = c;
	db->broken = false;
	db->broke_with = 0;
	db->in_tx = false;
	db->last_used = time(NULL);
	return 0;
}

struct db *db_open(void)
{
	return db_open_as(NULL, NULL);
}

struct db *db_open_as(const char *user, const char *password)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return NULL;
	db->user = user;
	db->password = password;
	if (db_connect(db) < 0) {
		free(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_disconnect(db);
	free(db);
}

/* The connection is of no more use: lost, or ended by the server (KILL CONNECTION answers
 * the statement it interrupts with ER_CONNECTION_KILLED; a shutdown, ER_SERVER_SHUTDOWN). */
static bool lost_connection(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	       err == ER_NEED_REPREPARE || err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ ||
	       err == ER_CONNECTION_KILLED || err == ER_SERVER_SHUTDOWN;
}

static void note_error(struct db *db, unsigned err, const char *what, const char *msg)
{
	if (lost_connection(err) && !db->broken) {
		db->broken = true;
		db->broke_with = err;
	}
	db->last_err = err;
	log_error("", "db: %s: %u %s", what, err, msg);
}

int db_request_start(struct db *db)
{
	if (db->in_tx) {
		/* A handler left a transaction open: never carry it into another request. */
		db_rollback(db);
	}
	db->last_err = 0;
	time_t now = time(NULL);
	if (db->conn && !db->broken && now - db->last_used >= 2 && mysql_ping(db->conn) != 0)
		db->broken = true;
	if (!db->conn || db->broken) {
		db_disconnect(db);
		if (db_connect(db) < 0)
			return -1;
	}
	db->last_used = now;
	return 0;
}

static int stmt_setup(struct db_stmt *st)
{
	st->nparams = mysql_stmt_param_count(st->stmt);
	if (st->nparams) {
		st->params = calloc(st->nparams, sizeof *st->params);
		st->ints = calloc(st->nparams, sizeof *st->ints);
		if (!st->params || !st->ints)
			return -1;
	}
	MYSQL_RES *meta = mysql_stmt_result_metadata(st->stmt);
	if (!meta)
		return 0;
	st->ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	st->cols = calloc(st->ncols, sizeof *st->cols);
	st->lengths = calloc(st->ncols, sizeof *st->lengths);
	st->nulls = calloc(st->ncols, sizeof *st->nulls);
	st->bufs = calloc(st->ncols, sizeof *st->bufs);
	if (!st->cols || !st->lengths || !st->nulls || !st->bufs)
		return -1;
	for (unsigned i = 0; i < st->ncols; i++) {
		st->bufs[i] = malloc(DB_COL_INITIAL);
		if (!st->bufs[i])
			return -1;
		st->cols[i].buffer_type = MYSQL_TYPE_STRING;
		st->cols[i].buffer = st->bufs[i];
		st->cols[i].buffer_length = DB_COL_INITIAL - 1;
		st->cols[i].length = &st->lengths[i];
		st->cols[i].is_null = &st->nulls[i];
	}
	return 0;
}

static struct db_stmt *prepare_new(struct db *db, const char *sql, bool copy)
{
	if (!db->conn)
		return NULL;
	struct db_stmt *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->db = db;
	st->sql = sql;
	if (copy && !(st->sql = st->owned_sql = strdup(sql))) {
		free(st);
		return NULL;
	}
	st->stmt = mysql_stmt_init(db->conn);
	if (!st->stmt || mysql_stmt_prepare(st->stmt, sql, strlen(sql)) != 0) {
		if (st->stmt)
			note_error(db, mysql_stmt_errno(st->stmt), "prepare",
				   mysql_stmt_error(st->stmt));
		stmt_free(st);
		return NULL;
	}
	if (stmt_setup(st) < 0) {
		stmt_free(st);
		return NULL;
	}
	return st;
}

/* Makes room in a full cache by closing the oldest statement of built text. */
static bool cache_room(struct db *db)
{
	if (db->nstmts < DB_MAX_STMTS)
		return true;
	for (unsigned i = 0; i < db->nstmts; i++) {
		if (!db->stmts[i]->owned_sql)
			continue;
		stmt_free(db->stmts[i]);
		memmove(&db->stmts[i], &db->stmts[i + 1],
			(db->nstmts - i - 1) * sizeof db->stmts[0]);
		db->nstmts--;
		return true;
	}
	return false;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	for (unsigned i = 0; i < db->nstmts; i++)
		if (db->stmts[i]->sql == sql)
			return db->stmts[i];
	if (!cache_room(db))
		return NULL;
	struct db_stmt *st = prepare_new(db, sql, false);
	if (st)
		db->stmts[db->nstmts++] = st;
	return st;
}

struct db_stmt *db_prepare_text(struct db *db, const char *sql)
{
	for (unsigned i = 0; i < db->nstmts; i++)
		if (db->stmts[i]->owned_sql && strcmp(db->stmts[i]->owned_sql, sql) == 0)
			return db->stmts[i];
	if (!cache_room(db))
		return NULL;
	struct db_stmt *st = prepare_new(db, sql, true);
	if (st)
		db->stmts[db->nstmts++] = st;
	return st;
}

static MYSQL_BIND *param(struct db_stmt *st, unsigned i)
{
	if (!st || i >= st->nparams)
		return NULL;
	MYSQL_BIND *b = &st->params[i];
	memset(b, 0, sizeof *b);
	return b;
}

void db_bind_i64(struct db_stmt *st, unsigned i, int64_t v)
{
	MYSQL_BIND *b = param(st, i);
	if (!b)
		return;
	st->ints[i] = v;
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = &st->ints[i];
}

void db_bind_blob(struct db_stmt *st, unsigned i, const void *p, size_t len)
{
	MYSQL_BIND *b = param(st, i);
	if (!b)
		return;
	b->buffer_type = MYSQL_TYPE_STRING;
	b->buffer = (void *)p;
	b->buffer_length = len;
}

void db_bind_str(struct db_stmt *st, unsigned i, const char *s)
{
	if (!s)
		db_bind_null(st, i);
	else
		db_bind_blob(st, i, s, strlen(s));
}

void db_bind_null(struct db_stmt *st, unsigned i)
{
	MYSQL_BIND *b = param(st, i);
	if (b)
		b->buffer_type = MYSQL_TYPE_NULL;
}

static int exec(struct db_stmt *st, bool buffered);

int db_exec(struct db_stmt *st)
{
	return exec(st, true);
}

int db_exec_stream(struct db_stmt *st)
{
	return exec(st, false);
}

static int exec(struct db_stmt *st, bool buffered)
{
	if (!st)
		return -1;
	if (st->has_result) {
		mysql_stmt_free_result(st->stmt);
		st->has_result = false;
	}
	if ((st->nparams && mysql_stmt_bind_param(st->stmt, st->params)) ||
	    mysql_stmt_execute(st->stmt) != 0) {
		note_error(st->db, mysql_stmt_errno(st->stmt), "execute",
			   mysql_stmt_error(st->stmt));
		return -1;
	}
	if (st->ncols) {
		if (mysql_stmt_bind_result(st->stmt, st->cols) ||
		    (buffered && mysql_stmt_store_result(st->stmt))) {
			note_error(st->db, mysql_stmt_errno(st->stmt), "store",
				   mysql_stmt_error(st->stmt));
			return -1;
		}
		st->has_result = true;
	} else if (!st->db->in_tx && mysql_stmt_affected_rows(st->stmt) != 0 &&
		   mysql_stmt_affected_rows(st->stmt) != (my_ulonglong)-1) {
		st->db->durable++;   /* autocommit: changed for good */
	}
	return 0;
}

/* A value longer than its buffer: grow the buffer and fetch that column again. */
static int refetch_column(struct db_stmt *st, unsigned i)
{
	size_t need = (size_t)st->lengths[i] + 1;
	char *p = realloc(st->bufs[i], need);
	if (!p)
		return -1;
	st->bufs[i] = p;
	st->cols[i].buffer = p;
	st->cols[i].buffer_length = need - 1;
	return mysql_stmt_fetch_column(st->stmt, &st->cols[i], i, 0) != 0 ? -1 : 0;
}

/* Keeps the grown buffers bound for the following rows. Binding again resets what the
 * row's columns say about themselves (NULL, length): kept across it, so that a second
 * long column of the same row is not read as NULL. */
static int rebind(struct db_stmt *st)
{
	size_t nn = st->ncols * sizeof *st->nulls, nl = st->ncols * sizeof *st->lengths;
	void *nulls = malloc(nn ? nn : 1), *lengths = malloc(nl ? nl : 1);
	int rc = -1;
	if (nulls && lengths) {
		memcpy(nulls, st->nulls, nn);
		memcpy(lengths, st->lengths, nl);
		if (!mysql_stmt_bind_result(st->stmt, st->cols)) {
			memcpy(st->nulls, nulls, nn);
			memcpy(st->lengths, lengths, nl);
			rc = 0;
		}
	}
	free(nulls);
	free(lengths);
	return rc;
}

int db_fetch(struct db_stmt *st)
{
	if (!st || !st->has_result)
		return -1;
	int r = mysql_stmt_fetch(st->stmt);
	if (r == MYSQL_NO_DATA)
		return 0;
	if (r == 1) {
		note_error(st->db, mysql_stmt_errno(st->stmt), "fetch", mysql_stmt_error(st->stmt));
		return -1;
	}
	bool grown = false;
	for (unsigned i = 0; i < st->ncols; i++) {
		if (st->nulls[i] || st->lengths[i] <= st->cols[i].buffer_length)
			continue;
		if (refetch_column(st, i) < 0)
			return -1;
		grown = true;
	}
	if (grown && rebind(st) < 0)
		return -1;
	for (unsigned i = 0; i < st->ncols; i++)
		if (!st->nulls[i])
			st->bufs[i][st->lengths[i]] = '\0';
	return 1;
}

const char *db_col(struct db_stmt *st, unsigned i)
{
	if (!st || i >= st->ncols || st->nulls[i])
		return NULL;
	return st->bufs[i];
}

size_t db_col_len(struct db_stmt *st, unsigned i)
{
	return db_col(st, i) ? st->lengths[i] : 0;
}

int64_t db_col_i64(struct db_stmt *st, unsigned i)
{
	const char *v = db_col(st, i);
	return v ? strtoll(v, NULL, 10) : 0;
}

char *db_col_dup(struct db_stmt *st, unsigned i)
{
	const char *v = db_col(st, i);
	return strdup(v ? v : "");
}

uint64_t db_affected(struct db_stmt *st)
{
	return st ? mysql_stmt_affected_rows(st->stmt) : 0;
}

uint64_t db_insert_id(struct db_stmt *st)
{
	return st ? mysql_stmt_insert_id(st->stmt) : 0;
}

static int plain_query(struct db *db, const char *sql)
{
	if (!db->conn || mysql_query(db->conn, sql) != 0) {
		if (db->conn)
			note_error(db, mysql_errno(db->conn), sql, mysql_error(db->conn));
		return -1;
	}
	return 0;
}

int db_begin(struct db *db)
{
	if (plain_query(db, "START TRANSACTION") < 0)
		return -1;
	db->in_tx = true;
	return 0;
}

int db_commit(struct db *db)
{
	int r = plain_query(db, "COMMIT");
	db->in_tx = false;
	if (r == 0)
		db->durable++;
	return r;
}

uint64_t db_durable_count(struct db *db)
{
	return db ? db->durable : 0;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	plain_query(db, "ROLLBACK");
	db->in_tx = false;
}

static bool conflict_err(unsigned e)
{
	return e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT;
}

int db_transaction(struct db *db, db_tx_fn fn, void *ctx)
{
	for (int attempt = 0;; attempt++) {
		db->last_err = 0;
		if (db_begin(db) < 0)
			return -1;
		int rc = fn(db, ctx);
		if (rc == 0 && db_commit(db) == 0)
			return 0;
		bool again = rc <= 0 && !db->broken && conflict_err(db->last_err);
		db_rollback(db);
		if (!again)
			return rc > 0 ? rc : -1;
		if (attempt >= 1)
			return -1;
		log_error("", "db: the transaction lost to another one (%u): run again",
			  db->last_err);
	}
}

int db_exec_script(struct db *db, const char *sql, size_t len)
{
	if (!db->conn || mysql_real_query(db->conn, sql, len) != 0)
		goto fail;
	int status;
	do {
		MYSQL_RES *res = mysql_store_result(db->conn);
		if (res)
			mysql_free_result(res);
		else if (mysql_field_count(db->conn) != 0)
			goto fail;
		status = mysql_next_result(db->conn);
		if (status > 0)
			goto fail;
	} while (status == 0);
	return 0;
fail:
	if (db->conn)
		note_error(db, mysql_errno(db->conn), "script", mysql_error(db->conn));
	return -1;
}

const char *db_error(struct db *db)
{
	return db && db->conn ? mysql_error(db->conn) : "no connection";
}

bool db_broken(struct db *db)
{
	return !db || !db->conn || db->broken;
}

bool db_gone(struct db *db)
{
	return db && db->broken && db->broke_with == CR_SERVER_GONE_ERROR;
}

bool db_conflict(struct db *db)
{
	return db && db->conn &&
	       (conflict_err(mysql_errno(db->conn)) || conflict_err(db->last_err));
}

bool db_table_full(struct db *db)
{
	return db && db->conn && mysql_errno(db->conn) == ER_RECORD_FILE_FULL;
}

bool db_autoinc_consecutive(struct db *db)
{
	if (db->autoinc_consecutive == 0) {
		db->autoinc_consecutive = -1;
		struct db_stmt *st = db_prepare(db, "SELECT @@innodb_autoinc_lock_mode");
		if (st && db_exec(st) == 0 && db_fetch(st) > 0) {
			if (db_col_i64(st, 0) != 2)
				db->autoinc_consecutive = 1;
			while (db_fetch(st) > 0)
				;
		}
	}
	return db->autoinc_consecutive > 0;
}

int db_put_marks(struct strbuf *sql, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sb_puts(sql, i ? ", ?" : "?") < 0)
			return -1;
	return 0;
}

int db_put_rows(struct strbuf *sql, const char *row, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((i && sb_puts(sql, ", ") < 0) || sb_puts(sql, row) < 0)
			return -1;
	return 0;
}
