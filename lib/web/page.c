#include "web/page.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "base/log.h"
#include "web/request.h"
#include "web/response.h"
#include "base/strbuf.h"
#include "base/token.h"

/* One HDF per process, emptied after each request, and the parsed templates that
 * render from it, cached by template name: parsing costs more than rendering. The
 * cache holds only our own template files, never anything built from data. */
struct page {
	HDF *hdf;
};

static struct page proc_page;

#define PAGE_CACHE_MAX 64
static struct {
	char *template;
	CSPARSE *cs;
} cache[PAGE_CACHE_MAX];
static size_t cached;

static struct strbuf area_dir = STRBUF_INIT;
static struct strbuf shared_dir = STRBUF_INIT;
static const char *area_name = "";

int page_init(const char *root, const char *area)
{
	sb_reset(&area_dir);
	sb_reset(&shared_dir);
	area_name = area;
	if (sb_printf(&area_dir, "%s/cgi-bin/%s", root, area) < 0 ||
	    sb_printf(&shared_dir, "%s/lib/web/templates", root) < 0)
		return -1;
	return 0;
}

static void log_nerr(struct request *r, const char *what, NEOERR **err)
{
	STRING msg;
	string_init(&msg);
	nerr_error_string(*err, &msg);
	log_error(r->request_id, "page: %s: %s", what, msg.buf ? msg.buf : "");
	string_clear(&msg);
	nerr_ignore(err);
}

/* The process's HDF, created with the settings that must precede cs_init. */
static HDF *hdf_of(struct request *r)
{
	if (!proc_page.hdf) {
		HDF *hdf = NULL;
		NEOERR *err = hdf_init(&hdf);
		if (!err)
			err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
		if (!err)
			err = hdf_set_value(hdf, "Config.TimeFooter", "0");
		if (!err)
			err = hdf_set_value(hdf, "Config.DebugEnabled", "0");
		if (!err)
			err = hdf_set_value(hdf, "hdf.loadpaths.0", sb_str(&area_dir));
		if (!err)
			err = hdf_set_value(hdf, "hdf.loadpaths.1", sb_str(&shared_dir));
		if (err) {
			log_nerr(r, "hdf_init", &err);
			hdf_destroy(&hdf);
			return NULL;
		}
		proc_page.hdf = hdf;
	}
	r->page = &proc_page;
	return proc_page.hdf;
}

/* What page_set and page_set_many wrote since page_record_start, as triples
 * "prefix\0name\0value\0" (prefix "" for page_set's whole keys): the replay walks to a
 * list row's node once, as page_set_many does. */
static struct {
	bool on, failed;
	struct strbuf sb;
} record;

static void record_triple(const char *prefix, const char *name, const char *value)
{
	if (!record.on || record.failed)
		return;
	if (sb_append(&record.sb, prefix, strlen(prefix) + 1) < 0 ||
	    sb_append(&record.sb, name, strlen(name) + 1) < 0 ||
	    sb_append(&record.sb, value, strlen(value) + 1) < 0)
		record.failed = true;
}

void page_record_start(struct request *r)
{
	(void)r;
	sb_reset(&record.sb);
	record.on = true;
	record.failed = false;
}

char *page_record_stop(struct request *r, size_t *len)
{
	(void)r;
	record.on = false;
	if (record.failed) {
		sb_free(&record.sb);
		return NULL;
	}
	*len = record.sb.len;
	char *out = malloc(record.sb.len ? record.sb.len : 1);
	if (out && record.sb.len)
		memcpy(out, record.sb.buf, record.sb.len);
	sb_reset(&record.sb);
	return out;
}

/* The next NUL-terminated part of rec from *at, or NULL when rec ends first. */
static const char *part(const char *rec, size_t len, size_t *at)
{
	if (*at >= len)
		return NULL;
	const char *p = rec + *at;
	size_t n = strnlen(p, len - *at);
	if (*at + n >= len)
		return NULL;   /* cut short: never from our own records */
	*at += n + 1;
	return p;
}

void page_replay(struct request *r, const char *rec, size_t len)
{
	HDF *hdf = hdf_of(r), *node = NULL;
	if (!hdf)
		return;
	const char *prefix, *name, *value, *last = NULL;
	size_t at = 0;
	while ((prefix = part(rec, len, &at)) && (name = part(rec, len, &at)) &&
	       (value = part(rec, len, &at))) {
		NEOERR *err = NULL;
		if (!*prefix) {
			err = hdf_set_value(hdf, name, value);
		} else {
			if (!last || strcmp(last, prefix) != 0) {
				err = hdf_get_node(hdf, prefix, &node);
				last = prefix;
			}
			if (!err)
				err = hdf_set_value(node, name, value);
		}
		if (err) {
			log_nerr(r, name, &err);
			return;
		}
	}
}

const char *page_get(struct request *r, const char *key)
{
	HDF *hdf = hdf_of(r);
	return hdf ? hdf_get_value(hdf, key, NULL) : NULL;
}

void page_set(struct request *r, const char *key, const char *value)
{
	HDF *hdf = hdf_of(r);
	if (!hdf)
		return;
	record_triple("", key, value ? value : "");
	NEOERR *err = hdf_set_value(hdf, key, value ? value : "");
	if (err)
		log_nerr(r, key, &err);
}

void page_set_many(struct request *r, const char *prefix, const char *const *names,
		   const char *const *values, size_t n)
{
	HDF *hdf = hdf_of(r), *node = NULL;
	if (!hdf)
		return;
	/* One walk to the node, then short names under it: a list row sets many values. */
	NEOERR *err = hdf_get_node(hdf, prefix, &node);
	for (size_t i = 0; !err && i < n; i++)
		if (values[i]) {
			err = hdf_set_value(node, names[i], values[i]);
			record_triple(prefix, names[i], values[i]);
		}
	if (err)
		log_nerr(r, prefix, &err);
}

void page_set_int(struct request *r, const char *key, int64_t value)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)value);
	page_set(r, key, buf);
}

void page_flash(struct request *r, const char *kind, const char *text)
{
	page_set(r, "Flash.Kind", kind);
	page_set(r, "Flash.Text", text);
}

void page_field_error(struct request *r, const char *field, const char *text)
{
	struct strbuf key = STRBUF_INIT;
	if (sb_printf(&key, "Form.Errors.%s", field) == 0)
		page_set(r, key.buf, text);
	sb_free(&key);
}

void page_notice_from_query(struct request *r, const struct page_notice *table)
{
	page_notice_from_param(r, "aviso", table);
}

void page_notice_from_param(struct request *r, const char *param, const struct page_notice *table)
{
	const char *key = request_query(r, param);
	for (size_t i = 0; key && table[i].key; i++)
		if (strcmp(table[i].key, key) == 0) {
			page_flash(r, table[i].kind, table[i].text);
			return;
		}
}

static NEOERR *render_cb(void *ctx, char *s)
{
	if (sb_puts(ctx, s) < 0)
		return nerr_raise(NERR_NOMEM, "out of memory");
	return STATUS_OK;
}

/* What every page shows: the office, the user, the area, the CSRF token for forms. */
static void set_common(struct request *r, const char *template, const char *title)
{
	page_set(r, "Page.Template", template);
	page_set(r, "Page.Title", title);
	page_set(r, "Page.Area", area_name);
	page_set(r, "Page.Path", r->path);
	page_set(r, "Page.RequestId", r->request_id);
	if (r->office.id)
		page_set(r, "Office.Name", r->office.name);
	if (r->office.logo_version)
		page_set(r, "Office.Logo", r->office.logo_version);
	if (r->session) {
		if (r->session->must_set_up_second_factor)
			page_set(r, "User.MustSetUp", "1");
		page_set(r, "User.Name", r->session->user_name);
		page_set(r, "User.Email", r->session->user_email);
		page_set(r, "User.Admin", r->session->admin ? "1" : "0");
		page_set(r, "Csrf", r->session->csrf);
	} else if (r->client) {
		page_set(r, "Client.UserName", r->client->user_name);
		page_set(r, "Client.Name", r->client->client_name);
		page_set(r, "Csrf", r->client->csrf);
	} else if (r->anon_csrf) {
		page_set(r, "Csrf", r->anon_csrf);
	}
}

/* A page is the layout with its template included (key: the template); a part is its
 * own file (key: "part:" and the file). */
static CSPARSE *parsed(struct request *r, HDF *hdf, const char *template)
{
	for (size_t i = 0; i < cached; i++)
		if (strcmp(cache[i].template, template) == 0)
			return cache[i].cs;
	CSPARSE *cs = NULL;
	NEOERR *err = cs_init(&cs, hdf);
	if (!err)
		err = cgi_register_strfuncs(cs);
	if (!err)
		err = cs_parse_file(cs, strncmp(template, "part:", 5) == 0 ? template + 5 : "layout.cs");
	if (err) {
		log_nerr(r, template, &err);
		cs_destroy(&cs);
		return NULL;
	}
	if (cached < PAGE_CACHE_MAX) {
		cache[cached].template = strdup(template);
		if (cache[cached].template) {
			cache[cached++].cs = cs;
			return cs;
		}
	}
	/* Not cached: one use, then gone (page_free). */
	return cs;
}

static bool is_cached(CSPARSE *cs)
{
	for (size_t i = 0; i < cached; i++)
		if (cache[i].cs == cs)
			return true;
	return false;
}

static int render(struct request *r, const char *template, struct strbuf *out)
{
	HDF *hdf = hdf_of(r);
	if (!hdf)
		return -1;
	CSPARSE *cs = parsed(r, hdf, template);
	if (!cs)
		return -1;
	NEOERR *err = cs_render(cs, out, render_cb);
	if (!is_cached(cs))
		cs_destroy(&cs);
	if (err) {
		log_nerr(r, "render", &err);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- parts */

/* Parts put into this request's page: where the page's template prints Part.<name>, a
 * marker of this process (random, so no data can hold it) is replaced by the part. */
#define PARTS_MAX 4
static struct {
	char name[32];
	char *html;
	size_t len;
} parts[PARTS_MAX];
static size_t nparts;
static char part_token[TOKEN_HEX];

int page_render_part(struct request *r, const char *template, struct strbuf *out)
{
	struct strbuf key = STRBUF_INIT;
	SB_CAT(&key, "part:", template);
	int rc = key.buf ? render(r, key.buf, out) : -1;
	sb_free(&key);
	return rc;
}

int page_part(struct request *r, const char *name, const char *html, size_t len)
{
	if (nparts == PARTS_MAX || strlen(name) >= sizeof parts[0].name)
		return -1;
	if (!part_token[0])
		token_new(part_token);
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return -1;
	memcpy(copy, html, len);
	snprintf(parts[nparts].name, sizeof parts[nparts].name, "%s", name);
	parts[nparts].html = copy;
	parts[nparts++].len = len;
	struct strbuf key = STRBUF_INIT, marker = STRBUF_INIT;
	SB_CAT(&key, "Part.", name);
	SB_CAT(&marker, "part", part_token, name);
	if (key.buf && marker.buf)
		page_set(r, key.buf, marker.buf);
	int rc = key.buf && marker.buf ? 0 : -1;
	sb_free(&key);
	sb_free(&marker);
	return rc;
}

/* Where needle first starts in hay, or NULL. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	for (const char *p = hay; n && len >= n && (size_t)(p - hay) <= len - n; p++) {
		p = memchr(p, needle[0], len - n - (size_t)(p - hay) + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
	}
	return NULL;
}

/* Each part's marker in out replaced by the part (the first time it appears). */
static int splice_parts(struct strbuf *out, struct strbuf *tmp)
{
	for (size_t i = 0; i < nparts; i++) {
		char marker[4 + TOKEN_HEX + sizeof parts[0].name];
		int m = snprintf(marker, sizeof marker, "part%s%s", part_token, parts[i].name);
		if (m < 0 || (size_t)m >= sizeof marker)
			return -1;
		const char *at = find(out->buf ? out->buf : "", out->len, marker, (size_t)m);
		if (!at)
			continue;
		size_t before = (size_t)(at - out->buf);
		sb_reset(tmp);
		if (sb_append(tmp, out->buf, before) < 0 ||
		    sb_append(tmp, parts[i].html, parts[i].len) < 0 ||
		    sb_append(tmp, at + m, out->len - before - (size_t)m) < 0)
			return -1;
		sb_reset(out);
		if (sb_append(out, tmp->buf, tmp->len) < 0)
			return -1;
	}
	return 0;
}

static void parts_free(void)
{
	for (size_t i = 0; i < nparts; i++)
		free(parts[i].html);
	nparts = 0;
}

/* The rendered page: kept from one request to the next so that it does not grow again
 * each time (a list page is tens of kilobytes), unless one page made it very large. */
static struct strbuf page_out = STRBUF_INIT;
#define PAGE_OUT_KEEP (1024 * 1024)

int page_render(struct request *r, int status, const char *template, const char *title)
{
	set_common(r, template, title);
	sb_reset(&page_out);
	int rc = render(r, template, &page_out);
	if (rc == 0 && nparts) {
		static struct strbuf spliced = STRBUF_INIT;
		rc = splice_parts(&page_out, &spliced);
		if (spliced.cap > PAGE_OUT_KEEP)
			sb_free(&spliced);
	}
	if (rc == 0)
		rc = response_send(r, status, "text/html; charset=utf-8", sb_str(&page_out),
				   page_out.len);
	if (page_out.cap > PAGE_OUT_KEEP)
		sb_free(&page_out);
	else
		sb_reset(&page_out);
	return rc;
}

static const char *error_title(int status)
{
	switch (status) {
	case 400: return "Pedido inválido";
	case 403: return "Acesso negado";
	case 404: return "Página não encontrada";
	case 405: return "Método não permitido";
	case 409: return "Ação não disponível";
	case 410: return "Link inválido";
	case 413: return "Envio grande demais";
	case 415: return "Formato não aceito";
	case 429: return "Muitas tentativas";
	case 431: return "Pedido grande demais";
	case 503: return "Serviço indisponível";
	}
	return "Erro interno";
}

static const char *error_text(int status)
{
	switch (status) {
	case 400: return "O pedido chegou malformado. Volte e tente de novo.";
	case 403: return "Você não tem permissão para fazer isso, ou o formulário expirou. "
			 "Recarregue a página e tente de novo.";
	case 404: return "O endereço não existe ou o registro não está disponível.";
	case 405: return "Esta página não aceita esse tipo de pedido.";
	case 409: return "O registro não permite essa ação no estado em que está agora.";
	case 410: return "Link inválido, expirado ou já usado.";
	case 413: return "O que foi enviado passa do limite permitido.";
	case 415: return "O formato do que foi enviado não é aceito aqui.";
	case 429: return "Muitas tentativas. Aguarde alguns minutos e tente de novo.";
	case 431: return "O pedido tem cabeçalhos grandes demais.";
	case 503: return "O serviço está indisponível no momento. Tente de novo em instantes.";
	}
	return "Algo deu errado do nosso lado. Tente de novo; se continuar, informe o código abaixo ao suporte.";
}

/* A last resort when even the template fails: a fixed page with no data but the id. */
static int plain_error(struct request *r, int status)
{
	struct strbuf b = STRBUF_INIT;
	sb_printf(&b, "<!DOCTYPE html><html lang=\"pt-BR\"><meta charset=\"utf-8\">"
		  "<title>%s</title><h1>%s</h1><p>%s</p><p>Código do erro: %s</p></html>",
		  error_title(status), error_title(status), error_text(status), r->request_id);
	int rc = response_send(r, status, "text/html; charset=utf-8", sb_str(&b), b.len);
	sb_free(&b);
	return rc;
}

int page_error(struct request *r, int status, const char *message)
{
	if (r->responded)
		return 0;
	page_set_int(r, "Error.Status", status);
	page_set(r, "Error.Message", message ? message : error_text(status));
	if (page_render(r, status, "erro.cs", error_title(status)) < 0)
		return plain_error(r, status);
	return 0;
}

/* Empties the data of the request; the settings (Config, hdf) stay for the next one. */
void page_free(struct request *r)
{
	parts_free();
	record.on = false;   /* a handler that failed half-way through a record */
	if (!r->page || !proc_page.hdf)
		return;
	HDF *c = hdf_obj_child(proc_page.hdf);
	while (c) {
		const char *n = hdf_obj_name(c);
		if (strcmp(n, "Config") == 0 || strcmp(n, "hdf") == 0) {
			c = hdf_obj_next(c);
			continue;
		}
		NEOERR *err = hdf_remove_tree(proc_page.hdf, n);
		if (err) {
			/* A tree that cannot be removed would leak into the next page: start over. */
			log_nerr(r, "hdf_remove_tree", &err);
			for (size_t i = 0; i < cached; i++) {
				cs_destroy(&cache[i].cs);
				free(cache[i].template);
			}
			cached = 0;
			hdf_destroy(&proc_page.hdf);
			break;
		}
		c = hdf_obj_child(proc_page.hdf);  /* the list changed under us */
	}
	/* hdf_remove_tree leaves the root's lookup cache (the child found last and the one
	 * before it) naming freed nodes, which the next request's first set would read. */
	if (proc_page.hdf)
		proc_page.hdf->last_hp = proc_page.hdf->last_hs = NULL;
	r->page = NULL;
}
