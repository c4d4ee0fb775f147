/* The search, filters and order of the client list, shared by the list, the bulk
 * actions and the export: SQL put together from fixed fragments, values bound. */
#include <stdlib.h>
#include <string.h>

#include "busca.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "base/db.h"
#include "memo.h"
#include "web/page.h"
#include "base/strbuf.h"
#include "web/urlenc.h"

const char *const query_status_choices[] = { "ativos", "inativos", NULL };
const char *const query_type_choices[] = { "cliente", "fornecedor", "prestador", "prospect", NULL };
const char *const query_person_choices[] = { "PF", "PJ", "EX", NULL };
const char *const query_regime_choices[] = { "mei", "simples", "presumido", "real", "imune", "na", NULL };
const char *const query_order_choices[] = { "nome", "criado", "alterado", NULL };

void query_walk(const struct query *q, struct query *walk)
{
	memset(walk, 0, sizeof *walk);
	walk->filtered = q->filtered;
	sb_append(&walk->where, sb_str(&q->where), q->match_at);
	query_add_params(walk, q, q->match_p);
	for (int i = 0; i < q->nwalk; i++) {
		sb_puts(&walk->where, " AND c.search_text LIKE ?");
		query_add_str(walk, q->walk[i] ? q->walk[i] : "");
	}
}

static const char *const types[][2] = {
	{ "cliente", "c.is_client" },
	{ "fornecedor", "c.is_supplier" },
	{ "prestador", "c.is_provider" },
	{ "prospect", "c.is_prospect" },
};

size_t query_custom_filters(struct request *r, struct custom_filter *out, size_t cap)
{
	size_t nf = 0, n = 0;
	const struct memo_filter *f = memo_filters(r, &nf);
	char name[32];
	for (size_t i = 0; f && i < nf && n < cap; i++) {
		snprintf(name, sizeof name, "campo_%lld", (long long)f[i].id);
		const char *v = request_query(r, name);
		if (!v || !*v)
			v = request_form(r, name);
		if (!v || !*v)
			continue;
		bool ok = f[i].yes_no ? !strcmp(v, "1") || !strcmp(v, "0") : custom_has_option(f[i].options, v);
		if (ok)
			out[n++] = (struct custom_filter){ f[i].id, f[i].yes_no, v };
	}
	return n;
}

void query_url_args(struct request *r, const struct form *in, struct strbuf *url,
		    const char *const *skip, const char *name, const char *value)
{
	for (size_t i = 0; i < in->n; i++) {
		const char *k = in->rules[i].name;
		const char *v = name && strcmp(k, name) == 0 ? value : in->value[i];
		bool skipped = false;
		for (size_t j = 0; skip && skip[j]; j++)
			skipped = skipped || strcmp(k, skip[j]) == 0;
		if (!v || !*v || skipped)
			continue;
		char *e = urlenc_encode(v);
		sb_printf(url, "%c%s=%s", strchr(sb_str(url), '?') ? '&' : '?', k, e ? e : "");
		free(e);
	}
	query_custom_args(r, url);
}

void query_custom_args(struct request *r, struct strbuf *url)
{
	struct custom_filter cf[CUSTOM_FILTERS_MAX];
	size_t n = query_custom_filters(r, cf, CUSTOM_FILTERS_MAX);
	for (size_t i = 0; i < n; i++) {
		char *e = urlenc_encode(cf[i].value);
		sb_printf(url, "%ccampo_%lld=%s", strchr(sb_str(url), '?') ? '&' : '?',
			  (long long)cf[i].field, e ? e : "");
		free(e);
	}
}

/* A custom filter parameter (campo_<id>) of the request that is not one of the office's
 * filters with one of its values: its message into why. */
static bool custom_refusal(struct request *r, const struct fields *src, struct strbuf *why)
{
	size_t nf = 0;
	const struct memo_filter *f = memo_filters(r, &nf);
	for (size_t k = 0; k < src->n; k++) {
		const char *name = src->v[k].name, *v = src->v[k].value;
		if (strncmp(name, "campo_", 6) != 0 || !*v)
			continue;
		const struct memo_filter *known = NULL;
		for (size_t i = 0; f && i < nf && !known; i++) {
			char own[32];
			snprintf(own, sizeof own, "campo_%lld", (long long)f[i].id);
			if (!strcmp(own, name))
				known = &f[i];
		}
		if (!known) {
			sb_printf(why, "%sUm dos filtros não existe mais (campo apagado ou desativado): "
				  "limpe os filtros e escolha de novo.", why->len ? " " : "");
			return true;
		}
		bool ok = known->yes_no ? !strcmp(v, "1") || !strcmp(v, "0")
					: custom_has_option(known->options, v);
		if (!ok) {
			sb_printf(why, "%s%s: escolha uma opção da lista.", why->len ? " " : "", known->name);
			return true;
		}
	}
	return false;
}

bool query_refusal(struct request *r, const struct form *in, struct strbuf *why)
{
	bool refused = in->nerrors > 0;
	if (refused)
		form_errors_text(in, why);
	const struct fields *src = request_is_post(r) ? &r->form : &r->query;
	if (custom_refusal(r, src, why))
		refused = true;
	return refused;
}

int query_refused_page(struct request *r, const struct form *in)
{
	struct strbuf why = STRBUF_INIT;
	int rc = 0;
	if (query_refusal(r, in, &why)) {
		page_set(r, "Error.Back", "/clientes");
		page_set(r, "Error.BackLabel", "Voltar aos clientes");
		rc = page_error(r, 400, sb_str(&why)) < 0 ? -1 : 1;
	}
	sb_free(&why);
	return rc;
}

/* The WHERE of the list from the validated inputs (query_refusal first). */
void query_build(struct request *r, const struct form *in, bool trash, struct query *q)
{
	query_add_int(q, r->office.id);
	sb_puts(&q->where, trash ? " AND c.trashed = 1" : " AND c.trashed = 0");
	q->trash = trash;
	q->unfiltered_len = q->where.len;
	const char *status = form_get(in, "status");
	if (strcmp(status, "ativos") == 0)
		sb_puts(&q->where, " AND c.active = 1");
	else if (strcmp(status, "inativos") == 0)
		sb_puts(&q->where, " AND c.active = 0");
	const char *tipo = form_get(in, "tipo");
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(tipo, types[i][0]) == 0) {
			SB_CAT(&q->where, " AND ", types[i][1], " = 1");
			q->filtered = true;
		}
	const char *pessoa = form_get(in, "pessoa");
	if (!strcmp(pessoa, "PF") || !strcmp(pessoa, "PJ") || !strcmp(pessoa, "EX")) {
		sb_puts(&q->where, " AND c.kind = ?");
		query_add_str(q, pessoa);
		q->filtered = true;
	}
	const char *regime = form_get(in, "regime");
	if (*client_regime_label(regime)) {
		sb_puts(&q->where, " AND c.tax_regime = ?");
		query_add_str(q, regime);
		q->filtered = true;
	}
	if (form_int(in, "responsavel")) {
		sb_puts(&q->where, " AND c.responsible_id = ?");
		query_add_int(q, form_int(in, "responsavel"));
		q->filtered = true;
	}
	if (form_int(in, "etiqueta")) {
		sb_puts(&q->where, " AND c.id IN (SELECT client_id FROM client_tags WHERE tag_id = ?)");
		query_add_int(q, form_int(in, "etiqueta"));
		q->filtered = true;
	}
	struct custom_filter cf[CUSTOM_FILTERS_MAX];
	size_t ncf = query_custom_filters(r, cf, CUSTOM_FILTERS_MAX);
	for (size_t i = 0; i < ncf; i++) {
		/* "não" of a yes/no attribute is every record not marked "sim": an empty one
		 * reads as a checkbox left unchecked. */
		if (cf[i].yes_no && !strcmp(cf[i].value, "0")) {
			sb_puts(&q->where, " AND c.id NOT IN (SELECT client_id FROM client_custom_values"
				" WHERE field_id = ? AND value = '1')");
			query_add_int(q, cf[i].field);
		} else {
			sb_puts(&q->where, " AND c.id IN (SELECT client_id FROM client_custom_values"
				" WHERE field_id = ? AND value = ?)");
			query_add_int(q, cf[i].field);
			query_add_str(q, cf[i].value);
		}
		q->filtered = true;
	}
	query_search(q, form_get(in, "q"));
}

bool query_by_name(const char *ordem)
{
	return strcmp(ordem, "criado") != 0 && strcmp(ordem, "alterado") != 0;
}

const char *query_order(const char *ordem)
{
	if (strcmp(ordem, "criado") == 0)
		return " ORDER BY c.created_at DESC, c.id DESC";
	if (strcmp(ordem, "alterado") == 0)
		return " ORDER BY c.updated_at DESC, c.id DESC";
	return " ORDER BY c.name, c.id";
}

/* The order's index by name, for pages that walk it (the whole list, a broad search):
 * naming it spares the optimizer weighing every index that starts with office_id on
 * every page view. */
const char *query_order_index(const char *ordem)
{
	if (strcmp(ordem, "criado") == 0)
		return " FORCE INDEX (clients_by_created)";
	if (strcmp(ordem, "alterado") == 0)
		return " FORCE INDEX (clients_by_updated)";
	return " FORCE INDEX (clients_by_name)";
}
