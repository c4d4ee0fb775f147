#include "web/app.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ClearSilver.h>
#include <fcgiapp.h>
#include <sodium.h>

#include "base/config.h"
#include "base/db.h"
#include "base/log.h"
#include "web/page.h"
#include "web/request.h"
#include "web/response.h"
#include "web/portal_session.h"
#include "web/session.h"
#include "web/tenant.h"
#include "base/token.h"
#include "web/urlenc.h"

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t in_request;

/* A worker asked to stop while idle in accept() leaves at once; during a request it
 * finishes the request first. */
static void worker_on_term(int sig)
{
	(void)sig;
	stop_requested = 1;
	if (!in_request)
		_exit(0);
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* "/clientes/#" matches "/clientes/123" and captures 123. */
static bool path_match(const char *pattern, const char *path, int64_t *id)
{
	const char *hash = strchr(pattern, '#');
	if (!hash)
		return strcmp(pattern, path) == 0;
	size_t pre = (size_t)(hash - pattern);
	if (strncmp(pattern, path, pre) != 0)
		return false;
	const char *p = path + pre;
	int64_t n = 0;
	size_t digits = 0;
	while (*p >= '0' && *p <= '9') {
		if (digits++ >= 18)
			return false;
		n = n * 10 + (*p++ - '0');
	}
	if (!digits || n == 0 || strcmp(p, hash + 1) != 0)
		return false;
	*id = n;
	return true;
}

/* The route for method and path; sets *allow when the path exists under other methods. */
static const struct route *route_find(const struct app *app, struct request *r,
				      struct strbuf *allow)
{
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	for (size_t i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];
		int64_t id = 0;
		if (!path_match(rt->path, r->path, &id))
			continue;
		if (strcmp(rt->method, method) == 0) {
			r->path_id = id;
			return rt;
		}
		if (!strstr(sb_str(allow), rt->method))
			sb_printf(allow, "%s%s", allow->len ? ", " : "", rt->method);
	}
	return NULL;
}

/* Anonymous forms: a double-submit token in a cookie and a hidden field. */
static void anon_csrf(struct request *r)
{
	const char *c = request_cookie(r, response_cookie_name(CSRF_COOKIE));
	unsigned char h[32];
	if (c && token_hash(c, h)) {
		r->anon_csrf = strdup(c);
		return;
	}
	char t[TOKEN_HEX];
	token_new(t);
	r->anon_csrf = strdup(t);
	response_cookie(r, CSRF_COOKIE, t, -1);
}

/* With a session, only its token counts; without one, the double-submit cookie. */
static bool csrf_ok(struct request *r)
{
	const char *sent = request_form(r, "csrf");
	if (r->client)
		return token_equal(sent, r->client->csrf);
	if (r->session)
		return token_equal(sent, r->session->csrf);
	return token_equal(sent, request_cookie(r, response_cookie_name(CSRF_COOKIE)));
}

/* The session of the program's realm: staff, or the office's clients (the portal). */
static int load_session(const struct app *app, struct request *r)
{
	return app->clients ? portal_session_load(r) : session_load(r);
}

/* A page for logged-in users only, asked without a session: a form gets a refusal,
 * anything else the realm's login page, which comes back here afterwards. */
static int to_login(struct request *r, const char *login)
{
	if (request_is_post(r))
		return page_error(r, 403, "Sua sessão expirou. Entre de novo.");
	struct strbuf to = STRBUF_INIT;
	char *next = urlenc_encode(r->uri);
	sb_puts(&to, login);
	if (next && strcmp(r->uri, "/") != 0)
		sb_printf(&to, "?next=%s", next);
	free(next);
	int rc = response_redirect(r, sb_str(&to));
	sb_free(&to);
	return rc;
}

static int handle(const struct app *app, struct request *r)
{
	struct strbuf allow = STRBUF_INIT;
	const struct route *rt = route_find(app, r, &allow);
	if (!rt) {
		int status = allow.len ? 405 : 404;
		if (allow.len)
			response_header(r, "Allow", allow.buf);
		sb_free(&allow);
		if (db_request_start(r->db) == 0 && load_session(app, r) == 0)
			tenant_resolve(r);
		return page_error(r, status, NULL);
	}
	sb_free(&allow);
	if (db_request_start(r->db) < 0)
		return page_error(r, 503, NULL);
	/* A session names its office too: one query instead of two on logged-in pages. The
	 * request's first statement may find the connection closed while it was idle (a
	 * KILL, the server restarted): nothing reached the server, so once more on a new
	 * connection rather than an error for a request that did nothing wrong. */
	if (load_session(app, r) < 0 &&
	    (!db_gone(r->db) || r->session || r->client || db_request_start(r->db) < 0 ||
	     load_session(app, r) < 0))
		return -1;
	int t = r->office.id ? 1 : tenant_resolve(r);
	if (t < 0)
		return -1;
	if (t == 0)
		return page_error(r, 404, "Escritório não encontrado. Confira o endereço.");
	if (r->office.disabled)
		return page_error(r, 403, "O acesso a este escritório está suspenso. Fale com o "
				  "responsável pelo escritório ou com o suporte do Portal Contábil.");
	if (!r->session && !r->client && !(rt->flags & (ROUTE_STAFF | ROUTE_ADMIN | ROUTE_CLIENT)))
		anon_csrf(r);
	if ((rt->flags & (ROUTE_STAFF | ROUTE_ADMIN)) && !r->session)
		return to_login(r, "/entrar");
	if ((rt->flags & ROUTE_CLIENT) && !r->client)
		return to_login(r, "/portal/entrar");
	if (r->session && r->session->must_set_up_second_factor && !(rt->flags & ROUTE_SETUP)) {
		if (request_is_post(r))
			return page_error(r, 403, "O escritório exige o segundo fator de "
					  "autenticação: configure-o antes de continuar.");
		return response_redirect(r, "/conta/segundo-fator");
	}
	if ((rt->flags & ROUTE_ADMIN) && !r->session->admin)
		return page_error(r, 403, "Só administradores do escritório podem fazer isso.");
	if (request_is_post(r) && !csrf_ok(r))
		return page_error(r, 403, NULL);
	struct form in;
	if (form_validate(&in, rt->rules, request_is_post(r) ? &r->form : &r->query) < 0)
		return -1;
	uint64_t durable = db_durable_count(r->db);
	size_t headers = r->headers.len;
	int rc = rt->handler(r, &in);
	bool conflict = rc < 0 && db_conflict(r->db);
	if (rc < 0 && !r->responded && db_durable_count(r->db) == durable &&
	    (conflict || (db_gone(r->db) && db_request_start(r->db) == 0))) {
		/* Its transaction lost to another one (a deadlock, a lock wait timeout, Galera's
		 * certification failure), or its connection was found closed by a statement that
		 * never reached the server (killed while idle, the server restarted; reopened
		 * just now), before anything was answered or kept: all of it rolled back, so the
		 * handler runs once more, as the user would press the button again. */
		db_rollback(r->db);
		log_error(r->request_id, "%s %s: %s: run again", r->method, r->path,
			  conflict ? "lost to another transaction" : "the connection was lost");
		page_free(r);
		r->headers.len = headers;
		if (r->headers.buf)
			r->headers.buf[headers] = '\0';
		rc = rt->handler(r, &in);
	}
	form_free(&in);
	return rc;
}

/* A request's id, for the logs and audit rows: 16 hex digits, a random start drawn once
 * per worker process plus a count, so that ids do not repeat across workers and hosts
 * without a system call per request. */
static void request_id_next(char out[17])
{
	static uint64_t next;
	static bool seeded;
	if (!seeded) {
		randombytes_buf(&next, sizeof next);
		seeded = true;
	}
	unsigned char id[8];
	uint64_t v = next++;
	for (int i = 7; i >= 0; i--, v >>= 8)
		id[i] = (unsigned char)(v & 0xff);
	sodium_bin2hex(out, 17, id, sizeof id);
}

static void serve(const struct app *app, FCGX_Request *fr, struct db **db,
		  const struct request_limits *lim)
{
	struct request r;
	memset(&r, 0, sizeof r);
	r.started_us = now_us();
	request_id_next(r.request_id);
	if (!*db)
		*db = db_open();
	r.db = *db;

	int status = request_read(&r, fr, lim);
	if (status) {
		page_error(&r, status, NULL);
	} else if (!r.db) {
		page_error(&r, 503, NULL);
	} else if (handle(app, &r) < 0 || !r.responded) {
		db_rollback(r.db);
		log_error(r.request_id, "%s %s: handler failed", r.method, r.path);
		page_error(&r, 500, NULL);
	}
	if (r.db)
		db_rollback(r.db);  /* a no-op unless a handler left one open */
	/* Who: a staff member's e-mail, or a client's portal login, marked as such. */
	const char *who = r.session ? r.session->user_email : NULL;
	struct strbuf client = STRBUF_INIT;
	if (!who && r.client && sb_printf(&client, "portal:%s", r.client->user_email) == 0)
		who = sb_str(&client);
	log_request(r.request_id, r.office.slug, who, r.method, r.path, r.status,
		    now_us() - r.started_us);
	sb_free(&client);
	page_free(&r);
	request_free(&r);
}

static int worker(const struct app *app, int sock)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = worker_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct request_limits lim;
	request_limits_from_config(&lim);
	/* An area that takes large files reads a little more than its limit, so that its
	 * own page (not the generic one) tells the size of a file just over it. */
	if (app->upload_limit)
		lim.upload_bytes = (size_t)config_int(app->upload_limit, 50 * 1024 * 1024) + 9 * 1024 * 1024;
	struct db *db = db_open();
	FCGX_Request fr;
	if (FCGX_InitRequest(&fr, sock, 0) != 0)
		return 1;
	while (!stop_requested) {
		if (FCGX_Accept_r(&fr) < 0)
			break;
		in_request = 1;
		serve(app, &fr, &db, &lim);
		FCGX_Finish_r(&fr);
		in_request = 0;
	}
	db_close(db);
	return 0;
}

static volatile sig_atomic_t parent_stop;

static void parent_on_term(int sig)
{
	(void)sig;
	parent_stop = 1;
}

static pid_t spawn(const struct app *app, int sock)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(worker(app, sock));
	return pid;
}

/* The parent keeps `workers` children alive and takes them down on SIGTERM. */
static int supervise(const struct app *app, int sock, int workers)
{
	pid_t *kids = calloc((size_t)workers, sizeof *kids);
	if (!kids)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = parent_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (int i = 0; i < workers; i++)
		kids[i] = spawn(app, sock);
	while (!parent_stop) {
		int st;
		pid_t dead = waitpid(-1, &st, 0);
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < workers; i++) {
			if (kids[i] != dead)
				continue;
			if (WIFSIGNALED(st))   /* a crash: the tests look for these words */
				log_error("", "%s: worker %ld killed by signal %d (%s); starting another",
					  app->area, (long)dead, WTERMSIG(st), strsignal(WTERMSIG(st)));
			else
				log_error("", "%s: worker %ld exited (status %d); starting another",
					  app->area, (long)dead, WEXITSTATUS(st));
			sleep(1);  /* a worker that dies at once must not spin the CPU */
			if (!parent_stop)
				kids[i] = spawn(app, sock);
		}
	}
	for (int i = 0; i < workers; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	free(kids);
	return 0;
}

static void usage(const char *area)
{
	fprintf(stderr, "usage: %s -c CONFIG.hdf -s SOCKET [-w WORKERS]\n", area);
}

int app_main(int argc, char **argv, const struct app *app)
{
	const char *conf = NULL, *sockpath = NULL;
	int workers = 0, opt;
	while ((opt = getopt(argc, argv, "c:s:w:")) != -1) {
		switch (opt) {
		case 'c': conf = optarg; break;
		case 's': sockpath = optarg; break;
		case 'w': workers = atoi(optarg); break;
		default: usage(app->area); return 2;
		}
	}
	if (!conf || !sockpath) {
		usage(app->area);
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	if (sodium_init() < 0 || config_load(conf) < 0)
		return 1;
	nerr_init();
	const char *logdir = config_str("Paths.Log", ".");
	if (log_open(logdir) < 0)
		fprintf(stderr, "%s: cannot open logs in %s; logging to stderr\n", app->area, logdir);
	if (page_init(config_str("Paths.Root", "."), app->area) < 0)
		return 1;
	if (workers <= 0)
		workers = (int)config_int("Programs.Workers", 4);
	if (workers < 1 || workers > 256)
		workers = 4;
	if (FCGX_Init() != 0)
		return 1;
	unlink(sockpath);
	int sock = FCGX_OpenSocket(sockpath, 128);
	if (sock < 0) {
		fprintf(stderr, "%s: cannot listen on %s\n", app->area, sockpath);
		return 1;
	}
	chmod(sockpath, 0660);
	fprintf(stderr, "%s: listening on %s with %d workers\n", app->area, sockpath, workers);
	int rc = supervise(app, sock, workers);
	unlink(sockpath);
	config_free();
	return rc;
}
