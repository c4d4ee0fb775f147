/* bulk: one action on many clients, each record changed as staff would change it alone
 * (its audit row, its automatic note). A few records change inside the request; many
 * are a job (schema/007_jobs.sql) that the worker works through in batches, one
 * transaction each, writing its progress in the job's row for the job's page. */
#ifndef PORTAL_BULK_H
#define PORTAL_BULK_H

#include <stdbool.h>
#include <stdint.h>

#include "cadastro/client.h"
#include "web/request.h"

enum bulk_action { BULK_NONE, BULK_ACTIVATE, BULK_DEACTIVATE, BULK_TRASH, BULK_TAG, BULK_UNTAG,
		   BULK_PORTAL, BULK_UPDATE_LINK, BULK_RESPONSIBLE };

/* "ativar", "desativar", "lixeira", "etiquetar", "desetiquetar", "portal",
 * "responsavel" (BULK_RESPONSIBLE: the team member who looks after the records; BULK_NONE
 * otherwise), "atualizar" (BULK_UPDATE_LINK: the signed link of "Atualizar cadastro",
 * lib/portal/update.h, to each record with an e-mail), and back. "portal" sends the access e-mail of the client portal to the
 * record's main e-mail (lib/portal/user.h: portal_grant), except to a client whose login
 * of that e-mail already has a password, or whose e-mail is another client's login. */
enum bulk_action bulk_action_parse(const char *name);
const char *bulk_action_name(enum bulk_action a);

/* The office's tag of that name: its id, created when `create`; 0 when absent; -1. */
int64_t bulk_tag_id(struct request *r, const char *name, bool create);
/* Adds or removes tag (named name) on one record with its audit row: 1 changed, 0 no
 * change, -1 error. */
int bulk_tag_one(struct request *r, const struct client *c, int64_t tag, const char *name,
		 bool add);

/* The action on the record client_id of the request's office, in the caller's
 * transaction; a record missing or in the trash is left alone. tag and tag_name: the
 * action's argument — the tag of BULK_TAG / BULK_UNTAG (tag 0: nothing to remove), the
 * team member of BULK_RESPONSIBLE and their name (0, "": nobody); a job keeps them in
 * its tag_id and tag_name. 1 changed, 0 not, -1 error. */
int bulk_one(struct request *r, enum bulk_action a, int64_t client_id, int64_t tag,
	     const char *tag_name);

/* A new job of the request's office and user, queued, in the caller's transaction (its
 * records go into job_items, then job_counted sets its total). Returns its id or -1. */
int64_t job_new(struct request *r, enum bulk_action a, int64_t tag, const char *tag_name);
int job_counted(struct request *r, int64_t job);

/* For the worker: claims the oldest unfinished job (FOR UPDATE SKIP LOCKED) and works
 * through the next JOB_BATCH of its records in one transaction. 1 when it did some
 * work, 0 when no job waits, -1 on a database error (the batch is rolled back and the
 * job marked failed). */
#define JOB_BATCH 200
int jobs_work(struct db *db);

#endif
