/* importpass: what importjob shares with its passes over an import (importpass.c: the
 * check and the import; importundo.c: the undo). Internal to lib/importacao. */
#ifndef PORTAL_IMPORTPASS_H
#define PORTAL_IMPORTPASS_H

#include <stdbool.h>
#include <stdint.h>

#include "importacao/importjob.h"

struct db;

#define IMPORTJOB_STR_(x) #x
#define IMPORTJOB_STR(x) IMPORTJOB_STR_(x)
/* The lease's end from now, in SQL. */
#define LEASE IMPORTJOB_STR(IMPORTJOB_LEASE_SECONDS)

enum pass { PASS_CHECK, PASS_IMPORT, PASS_UNDO };

struct import_job {
	int64_t id, office, user, file, responsible;
	char *actor, *address, *format, *encoding, *delimiter, *mapping, *update_fields,
	     *types, *tag, *status;
	int64_t sheet, phase, rows_done;
	bool update, key_email, erase, skip_invalid, active;
	enum pass pass;
};

/* Who this worker is, for the lease: host name and process id. */
const char *importjob_worker(void);
/* Gives the import's lease back (the worker is leaving): the next worker resumes it. */
void importjob_release(struct db *db, int64_t id);

/* A pass over the rows (j->pass PASS_CHECK or PASS_IMPORT), or the undo: 0 when it ended
 * or stopped on purpose (its state is in the imports row), -1 on an error. */
int importpass_rows(struct db *db, struct import_job *j, importjob_between_fn between);
int importpass_undo(struct db *db, struct import_job *j, importjob_between_fn between);

#endif
