#include "importacao/importrow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "br/doc.h"

/* A cell folded to compare with words: "Pessoa Física" is "pessoafisica". */
static void key_of(const char *v, char *out, size_t cap)
{
	colmap_fold(v, out, cap);
}

static bool in(const char *key, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(key, words[i]))
			return true;
	return false;
}

int importrow_yes_no(const char *v)
{
	static const char *const yes[] = { "sim", "s", "x", "1", "ativo", "ativa", "a", "verdadeiro",
					   "v", "true", "yes", "y", NULL };
	static const char *const no[] = { "nao", "n", "0", "inativo", "inativa", "i", "falso", "f",
					  "false", "no", NULL };
	char key[16];
	key_of(v, key, sizeof key);
	return in(key, yes) ? 1 : in(key, no) ? 0 : -1;
}

/* "PF", "Pessoa física", "F"... as the form's PF/PJ/EX; NULL when it is none of them. */
static const char *kind_of(const char *v)
{
	static const char *const pf[] = { "pf", "pessoafisica", "fisica", "f", "cpf", NULL };
	static const char *const pj[] = { "pj", "pessoajuridica", "juridica", "j", "cnpj", "empresa", NULL };
	static const char *const ex[] = { "ex", "estrangeiro", "estrangeira", "exterior", "e", NULL };
	char key[24];
	key_of(v, key, sizeof key);
	return in(key, pf) ? "PF" : in(key, pj) ? "PJ" : in(key, ex) ? "EX" : NULL;
}

/* A regime by its code or its name ("Simples Nacional", "Lucro Presumido"...). */
static const char *regime_of(const char *v)
{
	static const struct { const char *key, *code; } names[] = {
		{ "mei", "mei" }, { "microempreendedorindividual", "mei" },
		{ "simples", "simples" }, { "simplesnacional", "simples" },
		{ "presumido", "presumido" }, { "lucropresumido", "presumido" },
		{ "real", "real" }, { "lucroreal", "real" },
		{ "imune", "imune" }, { "isento", "imune" }, { "imuneisento", "imune" },
		{ "na", "na" }, { "naoseaplica", "na" },
	};
	char key[40];
	key_of(v, key, sizeof key);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(key, names[i].key))
			return names[i].code;
	return NULL;
}

bool importrow_pad_document(const char *v, const char *kind, char out[16])
{
	char digits[16];
	size_t n = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof digits)
				return false;
			digits[n++] = *p;
		} else if (!strchr(".-/ ", *p)) {
			return false;   /* letters: an alphanumeric CNPJ is never short */
		}
	}
	bool pf = !kind || strcmp(kind, "PJ") != 0, pj = !kind || strcmp(kind, "PF") != 0;
	if ((n == 11 && pf && cpf_valid(digits, n)) || (n == 14 && pj && cnpj_valid(digits, n)))
		return false;   /* whole already */
	/* A CPF first when nothing says which: short of one or two zeros is the usual case,
	 * and with nine digits or fewer both paddings agree anyway. Any number of dropped
	 * zeros: a CPF from 000.000.001-91 on is a number of 3 to 10 digits in a sheet. */
	if (n == 0)
		return false;
	for (int as_cnpj = 0; as_cnpj < 2; as_cnpj++) {
		size_t want = as_cnpj ? 14 : 11;
		if ((as_cnpj ? !pj : !pf) || n >= want)
			continue;
		memset(out, '0', want - n);
		memcpy(out + (want - n), digits, n);
		out[want] = '\0';
		if (as_cnpj ? cnpj_valid(out, want) : cpf_valid(out, want))
			return true;
	}
	out[0] = '\0';
	return false;
}

static void add_error(struct importrow *r, size_t col, const char *message)
{
	if (r->nerrors < IMPORTROW_ERRORS_MAX) {
		r->error_col[r->nerrors] = col;
		r->error[r->nerrors] = message;
	}
	r->nerrors++;
}

static int put(struct importrow *r, const char *name, const char *value)
{
	return fields_add(&r->form, name, strlen(name), value, strlen(value));
}

/* The registration types of a list cell ("cliente, prestador_servico"). */
static bool types_of(const char *v, bool types[4])
{
	static const char *const words[4][6] = {
		{ "cliente", "clientes", NULL },
		{ "fornecedor", "fornecedores", NULL },
		{ "prestador", "prestadorservico", "prestadordeservico", "prestadordeservicos", "servico", NULL },
		{ "prospect", "prospects", "prospecto", "lead", NULL },
	};
	memset(types, 0, 4 * sizeof *types);
	while (*v) {
		size_t len = strcspn(v, ",;/|");
		char one[64], key[40];
		snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), v);
		key_of(one, key, sizeof key);
		bool known = !*key;
		for (int t = 0; t < 4; t++)
			if (in(key, words[t]))
				types[t] = known = true;
		if (!known)
			return false;
		v += len;
		if (*v)
			v++;
	}
	return true;
}

static const int type_cols[4] = { CL_IS_CLIENT, CL_IS_SUPPLIER, CL_IS_PROVIDER, CL_IS_PROSPECT };

int importrow_build(struct importrow *out, const struct colmap_target *map, size_t ncols,
		    const char *const *cells, size_t ncells, const struct custom_set *extra,
		    const struct importrow_defaults *d)
{
	memset(out, 0, sizeof *out);
	out->form = (struct fields)FIELDS_INIT;
	out->notes = (struct strbuf)STRBUF_INIT;
	const char *value[CLIENT_NCOLS] = { NULL };
	size_t column[CLIENT_NCOLS] = { 0 };
	bool types[4] = { false }, has_types = false;
	int rc = 0;
	for (size_t i = 0; i < ncols && rc == 0; i++) {
		const char *v = i < ncells && cells[i] ? cells[i] : "";
		/* Our export puts an apostrophe before a cell a spreadsheet would run as a
		 * formula (=, +, -, @, tab, CR): taken off again, so the value comes back whole. */
		if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1]))
			v++;
		const struct colmap_target *t = &map[i];
		switch (t->kind) {
		case COLMAP_FIELD:
			if (t->field >= 0 && t->field < CLIENT_NCOLS) {
				value[t->field] = v;
				column[t->field] = i;
			}
			break;
		case COLMAP_CUSTOM:
			if (extra && t->custom < extra->n && *v) {
				char name[32];
				snprintf(name, sizeof name, "extra_%lld", (long long)extra->f[t->custom].id);
				int yn = !strcmp(extra->f[t->custom].kind, "sim_nao") ? importrow_yes_no(v) : 2;
				if (yn == -1)
					add_error(out, i, "Use Sim ou Não.");
				else
					rc = put(out, name, yn == 2 ? v : yn ? "1" : "0");
			}
			break;
		case COLMAP_TAGS:
			out->tags = v;
			break;
		case COLMAP_TYPES:
			if (*v) {
				has_types = true;
				if (!types_of(v, types))
					add_error(out, i, "Tipo de cadastro desconhecido: use cliente, fornecedor, "
						  "prestador ou prospect.");
			}
			break;
		case COLMAP_NONE:
		case COLMAP_SECRET:
			break;
		}
	}
	/* The kind first: the document's padding and the form's document rule follow it. */
	const char *kind = NULL;
	if (value[CL_KIND] && *value[CL_KIND]) {
		kind = kind_of(value[CL_KIND]);
		if (!kind)
			add_error(out, column[CL_KIND], "Tipo: use PF, PJ ou EX (pessoa física, jurídica ou estrangeiro).");
	}
	char padded[16];
	const char *doc = value[CL_DOCUMENT];
	if (doc && *doc && importrow_pad_document(doc, kind, padded)) {
		out->corrected = true;
		sb_printf(&out->notes, "%s completado com zeros à esquerda (%s → %s).",
			  strlen(padded) == 11 ? "CPF" : "CNPJ", doc, padded);
		doc = padded;
	}
	/* A CEP from 01000-000 to 09999-999 stored as a number lost its leading zero. */
	const char *cep = value[CL_CEP];
	char cep_padded[9];
	if (cep && strlen(cep) == 7 && strspn(cep, "0123456789") == 7) {
		cep_padded[0] = '0';
		memcpy(cep_padded + 1, cep, 8);
		out->corrected = true;
		sb_printf(&out->notes, "%sCEP completado com zero à esquerda (%s → %.5s-%s).",
			  out->notes.len ? " " : "", cep, cep_padded, cep_padded + 5);
		value[CL_CEP] = cep_padded;
	}
	if (!kind && doc && *doc) {
		char bare[DOC_BARE_MAX];
		enum doc_kind k = doc_parse(doc, strlen(doc), bare);
		kind = k == DOC_CPF ? "PF" : k == DOC_CNPJ ? "PJ" : NULL;
	}
	for (int f = 0; f < CLIENT_NCOLS && rc == 0; f++) {
		const char *v = value[f];
		if (f == CL_KIND) {
			out->has[f] = kind != NULL || (v && *v);
			rc = put(out, client_cols[f].field, kind ? kind : v && *v ? v : "PJ");
			continue;
		}
		if (f == CL_DOCUMENT)
			v = doc;
		if (!v) {
			if (client_cols[f].kind == CC_BOOL) {
				/* Absent flags: the import's defaults (the form reads a missing box as no). */
				bool on = f == CL_ACTIVE ? (d ? d->active : true) : false;
				for (int t = 0; t < 4; t++)
					if (f == type_cols[t]) {
						on = has_types ? types[t] : d ? d->types[t] : t == 0;
						out->has[f] = has_types;   /* a types list sets all four */
					}
				rc = put(out, client_cols[f].field, on ? "1" : "0");
			}
			continue;
		}
		out->has[f] = true;
		if (f == CL_RESPONSIBLE) {
			out->responsible = v;   /* a name or an e-mail: the importer finds the id */
			continue;
		}
		if (client_cols[f].kind == CC_BOOL) {
			int yn = *v ? importrow_yes_no(v) : f == CL_ACTIVE ? (d ? d->active : 1) : 0;
			if (yn < 0) {
				add_error(out, column[f], f == CL_ACTIVE ? "Situação: use Ativo ou Inativo."
									 : "Use Sim ou Não.");
				yn = 0;
			}
			rc = put(out, client_cols[f].field, yn ? "1" : "0");
			continue;
		}
		if (f == CL_REGIME && *v && regime_of(v))
			v = regime_of(v);
		rc = put(out, client_cols[f].field, v);
	}
	return rc;
}

void importrow_free(struct importrow *r)
{
	fields_free(&r->form);
	sb_free(&r->notes);
	memset(r, 0, sizeof *r);
}
