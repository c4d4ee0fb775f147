#include "web/request.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/config.h"
#include "base/log.h"
#include "web/multipart.h"
#include "web/urlenc.h"

void request_limits_from_config(struct request_limits *lim)
{
	lim->header_bytes = (size_t)config_int("Limits.HeaderBytes", 16384);
	lim->form_bytes = (size_t)config_int("Limits.FormBytes", 65536);
	lim->upload_bytes = (size_t)config_int("Limits.UploadBytes", 20 * 1024 * 1024);
	lim->fields = (size_t)config_int("Limits.Fields", 200);
	lim->field_bytes = (size_t)config_int("Limits.FieldBytes", 65536);
}

const char *request_param(const struct request *r, const char *name)
{
	const char *v = r->fcgi ? FCGX_GetParam(name, r->fcgi->envp) : NULL;
	return v ? v : "";
}

static int status_of(int parse)
{
	switch (parse) {
	case PARSE_OK: return 0;
	case PARSE_TOO_MANY:
	case PARSE_TOO_BIG: return 413;
	case PARSE_NOMEM: return 500;
	default: return 400;
	}
}

static ssize_t fcgi_read(void *ctx, char *buf, size_t cap)
{
	FCGX_Stream *in = ctx;
	int want = cap > 65536 ? 65536 : (int)cap;
	int n = FCGX_GetStr(buf, want, in);
	if (n < 0)
		return -1;
	return n;
}

/* Reads and drops what is left of the body, so the web server is never cut off while it
 * still writes (nginx would answer 502 instead of our page). */
static void drain(struct request *r, size_t limit)
{
	char buf[8192];
	size_t total = 0;
	int n;
	while (total < limit && (n = FCGX_GetStr(buf, sizeof buf, r->fcgi->in)) > 0)
		total += (size_t)n;
}

static int parse_length(const char *s, size_t *out)
{
	if (!*s) {
		*out = 0;
		return 0;
	}
	size_t n = 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || n > (SIZE_MAX - 9) / 10)
			return -1;
		n = n * 10 + (size_t)(*s - '0');
	}
	*out = n;
	return 0;
}

static int read_body(struct request *r, const struct request_limits *lim)
{
	size_t length;
	if (parse_length(request_param(r, "CONTENT_LENGTH"), &length) < 0)
		return 400;
	if (length == 0)
		return 0;
	struct parse_limits pl = { lim->fields, 200, lim->field_bytes };
	const char *ct = r->content_type;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		if (length > lim->form_bytes) {
			drain(r, lim->upload_bytes);
			return 413;
		}
		char *body = malloc(length + 1);
		if (!body)
			return 500;
		int got = FCGX_GetStr(body, (int)length, r->fcgi->in);
		if (got < 0 || (size_t)got != length) {
			free(body);
			return 400;
		}
		body[length] = '\0';
		int st = status_of(urlenc_parse(body, length, &pl, &r->form));
		free(body);
		return st;
	}
	if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		if (length > lim->upload_bytes) {
			drain(r, lim->upload_bytes);
			return 413;
		}
		char *boundary = multipart_boundary(ct);
		if (!boundary)
			return 400;
		struct body_limits bl = { pl, 4, lim->upload_bytes, 4096 };
		int st = status_of(multipart_read_all(boundary, fcgi_read, r->fcgi->in, &bl,
						     &r->form, &r->files));
		free(boundary);
		if (st)
			drain(r, lim->upload_bytes);
		return st;
	}
	/* A body of another type is not read: nothing of ours accepts one. */
	drain(r, lim->upload_bytes);
	return 415;
}

static char *dup_lower(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		p[i] = (char)tolower((unsigned char)s[i]);
	return p;
}

int request_read(struct request *r, FCGX_Request *fr, const struct request_limits *lim)
{
	r->fcgi = fr;
	size_t header_total = 0;
	for (char **e = fr->envp; e && *e; e++)
		header_total += strlen(*e);
	r->method = request_param(r, "REQUEST_METHOD");
	r->uri = request_param(r, "REQUEST_URI");
	r->host = request_param(r, "HTTP_HOST");
	r->remote_addr = request_param(r, "REMOTE_ADDR");
	r->content_type = request_param(r, "CONTENT_TYPE");
	size_t plen = strcspn(r->uri, "?");
	r->path = strndup(r->uri, plen);
	r->host_lc = dup_lower(r->host);
	if (!r->path || !r->host_lc)
		return 500;
	if (!*r->path)
		r->path[0] = '\0';
	if (header_total > lim->header_bytes)
		return 431;

	struct parse_limits pl = { lim->fields, 200, lim->field_bytes };
	/* Cookies: lenient (a browser may hold cookies of other sites on the host). */
	struct parse_limits cl = { 50, 100, 4096 };
	if (cookie_parse(request_param(r, "HTTP_COOKIE"), &cl, &r->cookies) != PARSE_OK)
		return 500;
	const char *qs = request_param(r, "QUERY_STRING");
	int st = status_of(urlenc_parse(qs, strlen(qs), &pl, &r->query));
	if (st)
		return st;
	if (strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 ||
	    strcmp(r->method, "PATCH") == 0)
		return read_body(r, lim);
	return 0;
}

void request_free(struct request *r)
{
	fields_free(&r->query);
	fields_free(&r->form);
	fields_free(&r->cookies);
	uploads_free(&r->files);
	free(r->path);
	free(r->host_lc);
	free(r->office.slug);
	free(r->office.name);
	free(r->office.logo_version);
	if (r->session) {
		free(r->session->user_name);
		free(r->session->user_email);
		free(r->session->csrf);
		free(r->session->cookie);
		free(r->session->client_view);
		free(r->session);
	}
	if (r->client) {
		free(r->client->user_name);
		free(r->client->user_email);
		free(r->client->client_name);
		free(r->client->csrf);
		free(r->client->cookie);
		free(r->client);
	}
	free(r->anon_csrf);
	sb_free(&r->headers);
}

const char *request_form(const struct request *r, const char *name)
{
	return fields_get(&r->form, name);
}

const char *request_query(const struct request *r, const char *name)
{
	return fields_get(&r->query, name);
}

const char *request_cookie(const struct request *r, const char *name)
{
	return fields_get(&r->cookies, name);
}

bool request_is_post(const struct request *r)
{
	return strcmp(r->method, "POST") == 0;
}

void request_for_job(struct request *r, struct session *s, struct db *db, int64_t office,
		     int64_t user, const char *actor, const char *address, const char *kind,
		     int64_t id)
{
	memset(s, 0, sizeof *s);
	s->user_id = user;
	s->user_name = (char *)actor;   /* borrowed: nothing frees it through the session */
	memset(r, 0, sizeof *r);
	r->db = db;
	r->office.id = office;
	r->session = s;
	r->remote_addr = address;
	snprintf(r->request_id, sizeof r->request_id, "%.3s%013llu", kind,
		 (unsigned long long)id % 10000000000000ULL);
}

const char *request_actor(const struct request *r)
{
	if (r->session)
		return r->session->user_name;
	if (r->client)
		return r->client->user_name;
	return r->actor ? r->actor : "";
}
