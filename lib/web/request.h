/* request: one HTTP request as the FastCGI server hands it over, parsed with our own
 * limits (query, cookies, urlencoded or multipart body), and what the handlers share. */
#ifndef PORTAL_REQUEST_H
#define PORTAL_REQUEST_H

#include <stdbool.h>
#include <stdint.h>

#include <fcgiapp.h>

#include "base/fields.h"
#include "web/multipart.h"
#include "base/strbuf.h"

struct db;
struct page;

struct request_limits {
	size_t header_bytes;   /* all FastCGI parameters together */
	size_t form_bytes;     /* an application/x-www-form-urlencoded body */
	size_t upload_bytes;   /* a multipart/form-data body */
	size_t fields;         /* fields in the query, the body or the cookies */
	size_t field_bytes;    /* one decoded value */
};

/* Reads Limits.* from the configuration (with safe defaults). */
void request_limits_from_config(struct request_limits *lim);

struct office {
	int64_t id;
	char *slug;
	char *name;
	/* client_counts.version, read with the session: it moves with every change to the
	 * office's clients, tags and staff (schema/004), so what a worker remembers for
	 * one version is still true (cgi-bin/cadastro/memo.c). */
	int64_t registry_version;
	/* client_counts.fee_version, likewise for the fees (schema/013). */
	int64_t fee_version;
	/* client_counts.choices_version: moves with the office's staff, tags and custom
	 * attributes only (schema/020), so what the registry offers to choose from is kept
	 * across changes of its records. */
	int64_t choices_version;
	/* The office's exact counts of records, from the same row in the same statement as
	 * registry_version (with a staff session; counted says so). */
	bool counted;
	int64_t active, inactive, trashed;
	char *logo_version;  /* offices.logo_version: NULL when the office has no logo */
	bool disabled;       /* the operator disabled it: no page but a notice */
};

struct session {
	int64_t user_id;
	char *user_name;
	char *user_email;
	bool admin;
	char *csrf;          /* 64 hex characters */
	char *cookie;        /* the cookie value as the browser holds it */
	char *client_view;   /* preferences (user_prefs): "lista", "cartoes" or "" */
	/* The office requires a second factor and this member has none yet: every page
	 * but its setup (ROUTE_SETUP) sends them there. */
	bool must_set_up_second_factor;
};

/* A client of the office logged into the portal (lib/web/portal_session.h): one of the
 * logins of one client record. Only the portal program loads it. */
struct client_session {
	int64_t user_id;     /* portal_users.id */
	int64_t client_id;   /* clients.id, of r->office */
	char *user_name;
	char *user_email;
	char *client_name;
	char *csrf;          /* 64 hex characters */
	char *cookie;
};

struct request {
	FCGX_Request *fcgi;
	char request_id[17];
	int64_t started_us;

	/* From the FastCGI parameters; never NULL ("" when absent). */
	const char *method;
	const char *uri;        /* REQUEST_URI as sent */
	char *path;             /* REQUEST_URI up to '?' (owned) */
	const char *host;       /* lowercased copy in host_lc */
	char *host_lc;
	const char *remote_addr;
	const char *content_type;

	struct fields query;
	struct fields form;     /* urlencoded or multipart plain fields */
	struct fields cookies;
	struct uploads files;

	int64_t path_id;        /* the number of a "/x/#" route, else 0 */

	struct db *db;
	struct office office;   /* id 0 until resolved */
	struct session *session;        /* staff: the staff programs only */
	struct client_session *client;  /* a client: the portal program only */
	const char *actor;   /* who acts without a session (an update link: the client's name) */
	char *anon_csrf;        /* the double-submit token of anonymous forms */

	struct strbuf headers;  /* response headers added so far, CRLF-terminated */
	struct page *page;      /* the page being built, created on first use */
	int status;             /* the status sent (for the log) */
	bool responded;
};

/* Fills r from fr: parameters, query and cookies, and the body when the method has one.
 * Returns 0, or the HTTP status to answer with (400, 413, 500). */
int request_read(struct request *r, FCGX_Request *fr, const struct request_limits *lim);
void request_free(struct request *r);

const char *request_param(const struct request *r, const char *name); /* FastCGI env, or "" */
/* Form field, then query parameter: NULL when absent. */
const char *request_form(const struct request *r, const char *name);
const char *request_query(const struct request *r, const char *name);
const char *request_cookie(const struct request *r, const char *name);
bool request_is_post(const struct request *r);
/* Who acts, as the audit trail and notes name them: the staff member, the client's
 * login, or "" (nobody logged in). */
const char *request_actor(const struct request *r);
/* For the worker: a request that acts for the user who asked for a job, in that user's
 * office (the audit rows name them), its request_id "<kind><13 digits of id>". s lives
 * as long as r; both are zeroed first. */
void request_for_job(struct request *r, struct session *s, struct db *db, int64_t office,
		     int64_t user, const char *actor, const char *address, const char *kind,
		     int64_t id);

#endif
