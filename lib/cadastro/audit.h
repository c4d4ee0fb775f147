/* audit: who did what to which record, when, through which channel — written in the
 * transaction of the change itself. */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

struct audit_change {
	const char *field;
	const char *old_value;   /* NULL: none */
	const char *new_value;
};

/* channel: "staff", "import", "portal", "link", "system". user_id 0 and actor NULL take
 * them from the session. Returns the event id, or -1. */
int64_t audit_event(struct request *r, const char *channel, const char *action,
		    const char *entity, int64_t entity_id, int64_t user_id, const char *actor,
		    const struct audit_change *changes, size_t nchanges);

/* One event for each of n entities (the same channel, action and actor: the session's),
 * with changes[i] (nchanges[i] of them) for entity_ids[i]: a few multi-row INSERTs, for
 * an import's batch. 0 or -1. */
int audit_event_many(struct request *r, const char *channel, const char *action,
		     const char *entity, const int64_t *entity_ids, size_t n,
		     const struct audit_change *const *changes, const size_t *nchanges);

/* ------------------------------------------------------------ reading it back */

/* Every action the code writes, with its name in the audit log ("Pagamento registrado")
 * and the phrase of a record's history ("registrou um pagamento"). A writer of a new
 * action adds it here: tests/unit/test_audit.c walks the sources' audit writes and fails
 * on an action missing from this table. */
struct audit_action {
	const char *code, *label, *phrase;
};
extern const struct audit_action audit_actions[];
extern const size_t audit_nactions;

/* NULL for a code that is not in the table (the pages then show the code). */
const char *audit_action_label(const char *code);
const char *audit_action_phrase(const char *code);
/* The kind of record: "client" -> "Cliente"; NULL when unknown. */
const char *audit_entity_label(const char *entity);
/* A changed field's label, for a record of kind entity (NULL: a client): a client's
 * column, a fee's, a plan's, the office's, a team member's ("paid_on" -> "Pago em"); a
 * custom attribute ("extra.X") by its name. NULL when unknown. */
const char *audit_field_label(const char *entity, const char *field);
/* The page of a record, into out ("/honorarios/12"); client_id is the record's client
 * where the record hangs on one (a portal login). false when it has no page. */
struct strbuf;
bool audit_entity_link(const char *entity, int64_t id, int64_t client_id, struct strbuf *out);

#endif
