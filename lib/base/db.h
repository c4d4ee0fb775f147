/* db: one MariaDB connection per worker process, prepared statements only.
 * Statements are cached per connection by their SQL text's address (static strings). */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A number fixed at compile time, as SQL text: " LIMIT " SQL_NUMBER_OF(PAGE_SIZE). */
#define SQL_NUMBER(n) #n
#define SQL_NUMBER_OF(n) SQL_NUMBER(n)

struct db;
struct db_stmt;

/* Connects with the Db.* configuration. NULL on failure (logged). */
struct db *db_open(void);
/* The same as another account (the migrations' runner's administrator); user and
 * password are borrowed and must outlive the connection. NULL user: Db.User. */
struct db *db_open_as(const char *user, const char *password);
void db_close(struct db *db);
/* At the start of each request: checks the connection (ping after idle) and reopens a
 * lost one. Never reconnects inside a transaction. Returns 0 or -1. */
int db_request_start(struct db *db);

/* Cached by the text's address: the text must live as long as the process (a literal,
 * or text built once and kept). Text built for one request and freed goes through
 * db_prepare_text: its address, reused for other text, would fetch another statement. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
/* For SQL text put together from fixed fragments (a list's filters and order; never from
 * input): cached by content, the oldest such statement closed when the cache is full. */
struct db_stmt *db_prepare_text(struct db *db, const char *sql);
void db_bind_i64(struct db_stmt *st, unsigned i, int64_t v);
void db_bind_str(struct db_stmt *st, unsigned i, const char *s);        /* NULL binds NULL */
void db_bind_blob(struct db_stmt *st, unsigned i, const void *p, size_t len);
void db_bind_null(struct db_stmt *st, unsigned i);
/* Appends n placeholders "?, ?, ..." to sql (for "IN (...)" and multi-row VALUES of SQL
 * put together from our own fragments). 0 or -1. */
struct strbuf;
int db_put_marks(struct strbuf *sql, size_t n);
/* Appends n copies of row ("(?, ?, 0)") with ", " between: the VALUES of a multi-row
 * INSERT. 0, or -1 when memory ran out (the text is then incomplete: do not run it). */
int db_put_rows(struct strbuf *sql, const char *row, size_t n);
/* Runs the statement (binding borrowed values); a result set is buffered. 0 or -1. */
int db_exec(struct db_stmt *st);
/* The same, rows read from the server one at a time while fetching (exports of any
 * size in constant memory). Fetch to the end before using the connection again. */
int db_exec_stream(struct db_stmt *st);
/* 1 when a row is ready, 0 at the end, -1 on error. */
int db_fetch(struct db_stmt *st);
const char *db_col(struct db_stmt *st, unsigned i);   /* NULL for SQL NULL */
size_t db_col_len(struct db_stmt *st, unsigned i);
int64_t db_col_i64(struct db_stmt *st, unsigned i);   /* 0 for NULL */
/* A copy of the column (malloc'd; "" for NULL): NULL only when memory runs out. */
char *db_col_dup(struct db_stmt *st, unsigned i);
uint64_t db_affected(struct db_stmt *st);
uint64_t db_insert_id(struct db_stmt *st);

int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);   /* no-op outside a transaction */
/* Runs fn(db, ctx) as one transaction: begun here, committed when fn returns 0, rolled
 * back when it returns anything else. When a statement of fn or the commit lost to
 * another transaction (deadlock 1213 — also Galera's certification failure —, lock wait
 * timeout 1205), everything is rolled back and fn runs once more from the start: so fn
 * must do all its reads and writes through db, and set nothing outside it that a second
 * run would not set again the same way. Returns fn's result (0, or its positive
 * "refused" code), or -1. */
typedef int (*db_tx_fn)(struct db *db, void *ctx);
int db_transaction(struct db *db, db_tx_fn fn, void *ctx);
/* How many changes this connection has made durable so far: commits, and statements that
 * changed rows outside a transaction. A request whose count did not move changed nothing
 * (lib/web/app.c runs such a request again after it lost to another transaction). */
uint64_t db_durable_count(struct db *db);
/* Plain SQL with no input in it (migrations, fixed statements); multi-statement allowed. */
int db_exec_script(struct db *db, const char *sql, size_t len);
const char *db_error(struct db *db);
/* Whether one multi-row INSERT gets consecutive AUTO_INCREMENT ids (the first is
 * db_insert_id): true unless innodb_autoinc_lock_mode is 2 ("interleaved", as Galera
 * needs). Asked once per connection. */
bool db_autoinc_consecutive(struct db *db);
/* The last statement lost to another transaction (deadlock, lock wait timeout): worth
 * running again after a rollback. */
bool db_conflict(struct db *db);
/* Whether the last statement failed because its table is full (a MEMORY table at its
 * size). */
bool db_table_full(struct db *db);
/* The connection was lost (or never made): reopened by the next db_request_start. */
bool db_broken(struct db *db);
/* The connection was found lost by a statement that never reached the server
 * (CR_SERVER_GONE_ERROR: the write failed — it had been closed while idle, by a restart
 * or a KILL): that statement did nothing, and an open transaction was rolled back by the
 * server. Not when a statement was lost on its way back (CR_SERVER_LOST): a COMMIT may
 * then have been done. */
bool db_gone(struct db *db);

#endif
