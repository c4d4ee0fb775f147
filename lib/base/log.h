/* log: one line per request in access.log, internal errors in error.log (never on a page). */
#ifndef PORTAL_LOG_H
#define PORTAL_LOG_H

#include <stdint.h>

/* Opens <dir>/access.log and <dir>/error.log for appending; -1 if not possible. */
int log_open(const char *dir);
/* Errors carry the request id shown on the 500 page ("" outside requests). */
void log_error(const char *request_id, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_request(const char *request_id, const char *office, const char *user,
		 const char *method, const char *path, int status, int64_t micros);

#endif
