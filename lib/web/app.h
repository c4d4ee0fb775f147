/* app: the life of a FastCGI program. main() of each area calls app_main with its
 * routes; app_main reads the configuration, opens the Unix socket, forks the workers,
 * and in each worker accepts requests: parse -> tenant -> session -> route -> CSRF ->
 * validate -> handler -> log. */
#ifndef PORTAL_APP_H
#define PORTAL_APP_H

#include <stddef.h>

#include "web/form.h"

struct request;

/* A handler answers (page_render, response_redirect, page_error) and returns 0, or
 * returns -1 on an internal error (the transaction is rolled back, a 500 page sent). */
typedef int (*handler_fn)(struct request *r, const struct form *in);

enum route_flags {
	ROUTE_PUBLIC = 0,        /* anyone */
	ROUTE_STAFF = 1 << 0,    /* a logged-in staff member; others go to /entrar */
	ROUTE_ADMIN = 1 << 1,    /* an admin of the office (403 for others) */
	/* Open to a member who must set up a second factor before anything else (the
	 * office requires one and they have none): its setup and leaving. */
	ROUTE_SETUP = 1 << 2,
	/* A client logged into the portal (an app with `clients`); others go to its login. */
	ROUTE_CLIENT = 1 << 3,
};

struct route {
	const char *method;      /* "GET" or "POST" */
	const char *path;        /* exact, or with one "#" segment for a number: "/clientes/#" */
	handler_fn handler;
	unsigned flags;
	const struct form_rule *rules;  /* the fields the handler reads (query for GET, body for POST) */
};

struct app {
	const char *area;        /* "acesso", "cadastro", ... */
	const struct route *routes;
	size_t nroutes;
	/* The configuration key of the largest file the area takes (its own page says so
	 * above it); NULL: Limits.UploadBytes. */
	const char *upload_limit;
	/* The portal: its users are the office's clients (lib/web/portal_session.h); staff
	 * sessions are never read, and ROUTE_CLIENT pages send others to /portal/entrar. */
	bool clients;
};

int app_main(int argc, char **argv, const struct app *app);

#endif
