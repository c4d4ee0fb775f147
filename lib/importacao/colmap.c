#include "importacao/colmap.h"

#include <stdbool.h>
#include <string.h>

#include "cadastro/client.h"
#include "base/fold.h"

#define KEY_MAX 64      /* folded headers are compared up to this many characters */
#define CANDIDATES 4    /* targets a header can stand for, in order */

/* Headers as offices and other products write them, folded, and what they stand for,
 * in order of preference. The registry's own labels and field names are matched as
 * well (after these), so that our export comes back whole. */
static const struct synonym {
	const char *key;
	enum colmap_kind kind;
	int field;
	int also;        /* a second field it may be, or -1 ("Cliente": the name, or the flag) */
} synonyms[] = {
	{ "tipo", COLMAP_FIELD, CL_KIND, -1 },
	{ "tipopessoa", COLMAP_FIELD, CL_KIND, -1 },
	{ "tipodepessoa", COLMAP_FIELD, CL_KIND, -1 },
	{ "pessoa", COLMAP_FIELD, CL_KIND, -1 },
	{ "pfpj", COLMAP_FIELD, CL_KIND, -1 },
	{ "nome", COLMAP_FIELD, CL_NAME, -1 },
	{ "nomerazaosocial", COLMAP_FIELD, CL_NAME, -1 },
	{ "razaosocial", COLMAP_FIELD, CL_NAME, -1 },
	{ "razaosocialnome", COLMAP_FIELD, CL_NAME, -1 },
	{ "nomeourazaosocial", COLMAP_FIELD, CL_NAME, -1 },
	{ "nomecompleto", COLMAP_FIELD, CL_NAME, -1 },
	{ "nomedocliente", COLMAP_FIELD, CL_NAME, -1 },
	{ "nomecliente", COLMAP_FIELD, CL_NAME, -1 },
	{ "cliente", COLMAP_FIELD, CL_NAME, CL_IS_CLIENT },
	{ "empresa", COLMAP_FIELD, CL_NAME, -1 },
	{ "fantasia", COLMAP_FIELD, CL_TRADE_NAME, -1 },
	{ "nomefantasia", COLMAP_FIELD, CL_TRADE_NAME, -1 },
	{ "apelido", COLMAP_FIELD, CL_TRADE_NAME, -1 },
	{ "cpfcnpj", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "cnpjcpf", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "cpfoucnpj", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "cpf", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "cnpj", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "documento", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "doc", COLMAP_FIELD, CL_DOCUMENT, -1 },
	{ "pais", COLMAP_FIELD, CL_COUNTRY, -1 },
	{ "inscricaoestadual", COLMAP_FIELD, CL_STATE_REG, -1 },
	{ "inscestadual", COLMAP_FIELD, CL_STATE_REG, -1 },
	{ "ie", COLMAP_FIELD, CL_STATE_REG, -1 },
	{ "inscricaomunicipal", COLMAP_FIELD, CL_CITY_REG, -1 },
	{ "inscmunicipal", COLMAP_FIELD, CL_CITY_REG, -1 },
	{ "im", COLMAP_FIELD, CL_CITY_REG, -1 },
	{ "regime", COLMAP_FIELD, CL_REGIME, -1 },
	{ "regimetributario", COLMAP_FIELD, CL_REGIME, -1 },
	{ "tributacao", COLMAP_FIELD, CL_REGIME, -1 },
	{ "nascimento", COLMAP_FIELD, CL_BIRTH, -1 },
	{ "datanascimento", COLMAP_FIELD, CL_BIRTH, -1 },
	{ "datadenascimento", COLMAP_FIELD, CL_BIRTH, -1 },
	{ "abertura", COLMAP_FIELD, CL_BIRTH, -1 },
	{ "dataabertura", COLMAP_FIELD, CL_BIRTH, -1 },
	{ "datadeabertura", COLMAP_FIELD, CL_BIRTH, -1 },
	{ "email", COLMAP_FIELD, CL_EMAIL, -1 },
	{ "emailprincipal", COLMAP_FIELD, CL_EMAIL, -1 },
	{ "correioeletronico", COLMAP_FIELD, CL_EMAIL, -1 },
	{ "outrosemails", COLMAP_FIELD, CL_OTHER_EMAILS, -1 },
	{ "emailsadicionais", COLMAP_FIELD, CL_OTHER_EMAILS, -1 },
	{ "email2", COLMAP_FIELD, CL_OTHER_EMAILS, -1 },
	{ "telefone", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "fone", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "tel", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "telefone1", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "fonecomercial", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "telefonecomercial", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "telcomercial", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "telefonefixo", COLMAP_FIELD, CL_PHONE_WORK, -1 },
	{ "foneresidencial", COLMAP_FIELD, CL_PHONE_HOME, -1 },
	{ "telefoneresidencial", COLMAP_FIELD, CL_PHONE_HOME, -1 },
	{ "telresidencial", COLMAP_FIELD, CL_PHONE_HOME, -1 },
	{ "telefone2", COLMAP_FIELD, CL_PHONE_HOME, -1 },
	{ "celular", COLMAP_FIELD, CL_PHONE_MOBILE, -1 },
	{ "cel", COLMAP_FIELD, CL_PHONE_MOBILE, -1 },
	{ "telefonecelular", COLMAP_FIELD, CL_PHONE_MOBILE, -1 },
	{ "fonecelular", COLMAP_FIELD, CL_PHONE_MOBILE, -1 },
	{ "whatsapp", COLMAP_FIELD, CL_PHONE_MOBILE, -1 },
	{ "cep", COLMAP_FIELD, CL_CEP, -1 },
	{ "logradouro", COLMAP_FIELD, CL_STREET, -1 },
	{ "endereco", COLMAP_FIELD, CL_STREET, -1 },
	{ "rua", COLMAP_FIELD, CL_STREET, -1 },
	{ "numero", COLMAP_FIELD, CL_NUMBER, -1 },
	{ "num", COLMAP_FIELD, CL_NUMBER, -1 },
	{ "nro", COLMAP_FIELD, CL_NUMBER, -1 },
	{ "complemento", COLMAP_FIELD, CL_COMPLEMENT, -1 },
	{ "compl", COLMAP_FIELD, CL_COMPLEMENT, -1 },
	{ "bairro", COLMAP_FIELD, CL_DISTRICT, -1 },
	{ "cidade", COLMAP_FIELD, CL_CITY, -1 },
	{ "municipio", COLMAP_FIELD, CL_CITY, -1 },
	{ "uf", COLMAP_FIELD, CL_UF, -1 },
	{ "estado", COLMAP_FIELD, CL_UF, -1 },
	{ "contato", COLMAP_FIELD, CL_CONTACT, -1 },
	{ "pessoadecontato", COLMAP_FIELD, CL_CONTACT, -1 },
	{ "nomecontato", COLMAP_FIELD, CL_CONTACT, -1 },
	{ "situacao", COLMAP_FIELD, CL_ACTIVE, -1 },
	{ "status", COLMAP_FIELD, CL_ACTIVE, -1 },
	{ "ativo", COLMAP_FIELD, CL_ACTIVE, -1 },
	{ "responsavel", COLMAP_FIELD, CL_RESPONSIBLE, -1 },
	{ "observacao", COLMAP_FIELD, CL_OBSERVATION, -1 },
	{ "observacoes", COLMAP_FIELD, CL_OBSERVATION, -1 },
	{ "obs", COLMAP_FIELD, CL_OBSERVATION, -1 },
	{ "etiqueta", COLMAP_TAGS, 0, -1 },
	{ "etiquetas", COLMAP_TAGS, 0, -1 },
	{ "tag", COLMAP_TAGS, 0, -1 },
	{ "tags", COLMAP_TAGS, 0, -1 },
	{ "tiporegistro", COLMAP_TYPES, 0, -1 },
	{ "tipoderegistro", COLMAP_TYPES, 0, -1 },
	{ "tipocadastro", COLMAP_TYPES, 0, -1 },
	{ "tipodecadastro", COLMAP_TYPES, 0, -1 },
	{ "senha", COLMAP_SECRET, 0, -1 },
	{ "password", COLMAP_SECRET, 0, -1 },
	{ "usuario", COLMAP_SECRET, 0, -1 },
	{ "login", COLMAP_SECRET, 0, -1 },
	{ "user", COLMAP_SECRET, 0, -1 },
};

static int append_word(void *ctx, const char *word, size_t len)
{
	struct { char *out; size_t cap, len; } *k = ctx;
	for (size_t i = 0; i < len && k->len + 1 < k->cap; i++)
		k->out[k->len++] = word[i];
	return 0;
}

size_t colmap_fold(const char *header, char *out, size_t cap)
{
	struct { char *out; size_t cap, len; } k = { out, cap, 0 };
	if (!cap)
		return 0;
	if (header)
		fold_words(header, strlen(header), append_word, &k);
	out[k.len] = '\0';
	return k.len;
}

struct candidates {
	struct colmap_target t[CANDIDATES];
	size_t n;
};

static void add(struct candidates *c, enum colmap_kind kind, int field, size_t custom)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->t[i].kind == kind && c->t[i].field == field && c->t[i].custom == custom)
			return;
	if (c->n < CANDIDATES)
		c->t[c->n++] = (struct colmap_target){ kind, field, custom };
}

/* What a folded header may stand for, most likely first. */
static void candidates_of(const char *key, const char *const *custom_names, size_t ncustom,
			  struct candidates *c)
{
	char other[KEY_MAX];
	c->n = 0;
	if (!*key)
		return;
	for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
		if (!strcmp(key, synonyms[i].key)) {
			add(c, synonyms[i].kind, synonyms[i].kind == COLMAP_FIELD ? synonyms[i].field : 0, 0);
			if (synonyms[i].also >= 0)
				add(c, COLMAP_FIELD, synonyms[i].also, 0);
		}
	for (size_t k = 0; k < ncustom; k++) {
		colmap_fold(custom_names[k], other, sizeof other);
		if (!strcmp(key, other))
			add(c, COLMAP_CUSTOM, 0, k);
	}
	for (int f = 0; f < CLIENT_NCOLS; f++) {
		colmap_fold(client_cols[f].label, other, sizeof other);
		bool label = !strcmp(key, other);
		colmap_fold(client_cols[f].field, other, sizeof other);
		if (label || !strcmp(key, other))
			add(c, COLMAP_FIELD, f, 0);
	}
}

static bool same(const struct colmap_target *a, const struct colmap_target *b)
{
	return a->kind == b->kind && a->field == b->field && a->custom == b->custom;
}

/* Whether another column already has t (passwords and the unrecognised may repeat). */
static bool taken(const struct colmap_target *t, const struct colmap_target *out, size_t n)
{
	if (t->kind == COLMAP_SECRET || t->kind == COLMAP_NONE)
		return false;
	for (size_t i = 0; i < n; i++)
		if (same(t, &out[i]))
			return true;
	return false;
}

void colmap_guess(const char *const *headers, size_t n, const char *const *custom_names,
		  size_t ncustom, struct colmap_target *out)
{
	char key[KEY_MAX];
	struct candidates c;
	for (size_t i = 0; i < n; i++)
		out[i] = (struct colmap_target){ COLMAP_NONE, 0, 0 };
	/* First the headers that can mean one thing only, left to right; then the others
	 * take the first of their meanings that no column has. */
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < n; i++) {
			colmap_fold(headers[i], key, sizeof key);
			candidates_of(key, custom_names, ncustom, &c);
			if (c.n == 0 || (round == 0) != (c.n == 1))
				continue;
			for (size_t k = 0; k < c.n; k++)
				if (!taken(&c.t[k], out, n)) {
					out[i] = c.t[k];
					break;
				}
		}
}

const char *colmap_label(const struct colmap_target *t, const char *const *custom_names,
			 size_t ncustom)
{
	switch (t->kind) {
	case COLMAP_FIELD:
		return t->field >= 0 && t->field < CLIENT_NCOLS ? client_cols[t->field].label : "";
	case COLMAP_CUSTOM:
		return t->custom < ncustom ? custom_names[t->custom] : "";
	case COLMAP_TAGS:
		return "Etiquetas";
	case COLMAP_TYPES:
		return "Tipos de cadastro (lista)";
	case COLMAP_SECRET:
		return "Não importado: senha ou login";
	case COLMAP_NONE:
		break;
	}
	return "Ignorar";
}
