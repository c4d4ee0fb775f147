/* sweep: what has expired goes — staff sessions past their expiry or idle limit, login
 * challenges past theirs, password links a week after theirs (the link page can still
 * say "expirado" for a while), login attempts older than a day (the throttle looks at
 * 15 minutes). The worker sweeps once a minute; `portalctl sweep` once, now. */
#ifndef PORTAL_SWEEP_H
#define PORTAL_SWEEP_H

#include "base/db.h"

/* Deletes in batches until nothing expired is left. Returns the rows deleted, or -1. */
long sweep_expired(struct db *db);

/* For the worker's loop: sweep_expired at most once every Worker.SweepSeconds (60),
 * measured on the monotonic clock (a wall clock set back does not stop the sweeps).
 * Returns 0, or -1 when the sweep failed (the loop pauses and tries again). */
int sweep_due(struct db *db);

#endif
