/* importjob: an import's passes, done by the worker (portalctl worker): the dry run
 * (what each row would do, nothing written but import_rows), the import itself, and its
 * undo. Rows are worked in batches (IMPORTPASS_BATCH), one transaction each that also
 * records the progress in the imports row; a worker holds an import by a lease it renews
 * with each batch, so two workers never work on the same import, and one killed (or a
 * database restarted) leaves it to the next worker, which resumes at the first row not
 * recorded: nothing lost, nothing twice. Every created or updated client gets its audit
 * event with channel "import" and the import's id in request_id ("imp" and the id). */
#ifndef PORTAL_IMPORTJOB_H
#define PORTAL_IMPORTJOB_H

#include <stdint.h>

struct db;
struct request;

/* Called after each committed batch: non-zero stops the pass (the worker is leaving:
 * the lease is given back so that another worker resumes at once). */
typedef int (*importjob_between_fn)(struct db *db);

/* Claims the oldest import waiting for a pass and works it to its end (or until between
 * says stop). 1 when it worked on one, 0 when none waits, -1 on an error (the batch
 * rolled back; the import is taken again later, or marked failed when the error is not
 * the database's). */
int importjob_work(struct db *db, importjob_between_fn between);

/* For the pages, in the caller's transaction: start a pass of import id of the
 * request's office, from its status. 1 started, 0 not in a status that allows it. */
int importjob_check(struct request *r, int64_t id);    /* draft/checked -> checking */
/* checked -> queued; phase: the check the person saw (0: any), a later one refuses. */
int importjob_run(struct request *r, int64_t id, int64_t phase);
int importjob_undo(struct request *r, int64_t id);     /* done -> undoing */

#endif
