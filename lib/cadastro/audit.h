/* audit: who did what to which record, when, through which channel — written in the
 * transaction of the change itself. */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

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

#endif
