/* tenant: which office a request is for, from its host name. */
#ifndef PORTAL_TENANT_H
#define PORTAL_TENANT_H

#include <stddef.h>

#include "web/request.h"

/* The office slug for a host name: the first label under Tenant.BaseDomain
 * ("silva.localhost" -> "silva"), else Tenant.Default. Writes into out; false if the
 * host is malformed. */
int tenant_slug(const char *host, char *out, size_t cap);
/* Sets r->office from the database (r->office.disabled when the operator disabled it).
 * 1 found, 0 no such office, -1 error. */
int tenant_resolve(struct request *r);
/* The base URL of links to the office in e-mails (malloc'd). */
char *tenant_base_url(const struct office *o);

#endif
