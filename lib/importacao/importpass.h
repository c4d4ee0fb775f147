/* importpass: an import's passes over its rows, driven by importjob (importpass.c: the
 * check and the import; importundo.c: the undo). The job claims the import, loads it into
 * struct import_job, runs one pass and deals with its end (the lease given back, a pass
 * stopped); a pass never calls back into the job. Internal to lib/importacao. */
#ifndef PORTAL_IMPORTPASS_H
#define PORTAL_IMPORTPASS_H

#include <stdbool.h>
#include <stdint.h>

struct db;

/* Rows in a batch: one transaction each, with the progress. */
#define IMPORTPASS_BATCH 500
/* A worker that stops renewing (killed, its host lost) leaves the import to the next one
 * this long after its last batch; one that is only slow loses nothing by it: its next
 * batch finds the lease gone and is rolled back. */
#define IMPORTPASS_LEASE_SECONDS 10

#define IMPORTPASS_STR_(x) #x
#define IMPORTPASS_STR(x) IMPORTPASS_STR_(x)
/* The lease's length, in SQL. */
#define LEASE IMPORTPASS_STR(IMPORTPASS_LEASE_SECONDS)

/* Called after each committed batch: non-zero stops the pass (the worker is leaving). */
typedef int (*importpass_between_fn)(struct db *db);

enum pass { PASS_CHECK, PASS_IMPORT, PASS_UNDO };

/* How a pass ended. */
enum pass_end {
	PASS_FAILED = -1,   /* an error: the batch rolled back, the job decides what follows */
	PASS_ENDED = 0,     /* done, failed on purpose or lease lost: its state is in the row */
	PASS_LEAVING = 1,   /* between() asked to stop: the job gives the lease back */
};

struct import_job {
	int64_t id, office, user, file, responsible;
	const char *worker;   /* who holds the lease (host:pid), the job's */
	char *actor, *address, *format, *encoding, *delimiter, *mapping, *update_fields,
	     *types, *tag, *status;
	int64_t sheet, phase, rows_done;
	bool update, key_email, erase, skip_invalid, active;
	bool restore;         /* a document in the trash: that record back, not a new one */
	enum pass pass;
};

/* A pass over the rows (j->pass PASS_CHECK or PASS_IMPORT), or the undo. */
enum pass_end importpass_rows(struct db *db, struct import_job *j, importpass_between_fn between);
enum pass_end importpass_undo(struct db *db, struct import_job *j, importpass_between_fn between);

#endif
