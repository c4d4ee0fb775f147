/* The import's actions: the mapping and options saved and checked (a dry run by the
 * worker), the import started, and its undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importacao.h"
#include "base/db.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "importacao/importfile.h"
#include "importacao/importjob.h"
#include "importacao/mapping.h"
#include "web/page.h"
#include "web/response.h"

static const char *const encodings[] = { "utf8", "utf8bom", "utf16le", "utf16be", "cp1252", NULL };
static const char *const delimiters[] = { ";", ",", "tab", "|", NULL };
static const char *const yes_no[] = { "sim", "nao", NULL };
static const char *const one[] = { "1", NULL };
static const char *const one_zero[] = { "1", "0", NULL };

const struct form_rule mapa_rules[] = {
	{ "codificacao", FORM_CHOICE, false, 0, "Codificação", 0, 0, encodings },
	{ "separador", FORM_CHOICE, false, 0, "Separador", 0, 0, delimiters },
	{ "aba", FORM_INT, false, 0, "Aba", 0, 255, NULL },
	{ "atualizar", FORM_CHOICE, true, 0, "Atualizar registros existentes", 0, 0, yes_no },
	{ "chave_email", FORM_CHOICE, false, 0, "E-mail como chave", 0, 0, one },
	{ "apagar_vazios", FORM_CHOICE, false, 0, "Células vazias apagam", 0, 0, one },
	{ "sem_invalidos", FORM_CHOICE, false, 0, "Importar sem o valor inválido", 0, 0, one },
	{ "restaurar", FORM_CHOICE, false, 0, "Restaurar da lixeira em vez de criar", 0, 0, one },
	{ "ativo", FORM_CHOICE, true, 0, "Situação", 0, 0, one_zero },
	{ "etiqueta", FORM_TEXT, false, 60, "Etiqueta", 0, 0, NULL },
	{ "responsavel", FORM_INT, false, 0, "Responsável", 0, INT64_MAX, NULL },   /* 0: nobody */
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

const struct form_rule acao_rules[] = {
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};
/* "fase": the check the page showed; a later check (other choices) refuses the click. */
const struct form_rule importar_rules[] = {
	{ "fase", FORM_INT, false, 0, "Conferência", 0, INT64_MAX, NULL },
	{ NULL, 0, false, 0, NULL, 0, 0, NULL },
};

static const char save_sql[] =
	"UPDATE imports SET encoding = ?, delimiter = ?, sheet = ?, mapping = ?,"
	" update_existing = ?, key_email = ?, update_fields = ?, erase_empty = ?,"
	" skip_invalid = ?, default_active = ?, default_types = ?, default_tag = ?,"
	" default_responsible = ?, restore_trashed = ?, error = '',"
	" status = IF(? AND status = 'checked', 'draft', status) WHERE id = ? AND office_id = ?"
	" AND status IN ('draft', 'checked')";
static const char staff_ok_sql[] =
	"SELECT 1 FROM staff_users WHERE id = ? AND office_id = ?";

/* Every value of a repeated field (checkboxes), ',' between, each one of allowed (NULL:
 * anything mapping_parse_one takes). */
static int joined(struct request *r, const char *name, const char *const *allowed,
		  const struct custom_set *defs, struct strbuf *out)
{
	for (size_t i = 0; i < r->form.n; i++) {
		const struct field *f = &r->form.v[i];
		if (strcmp(f->name, name))
			continue;
		bool ok = false;
		struct colmap_target t;
		if (allowed) {
			for (size_t k = 0; allowed[k]; k++)
				ok = ok || !strcmp(allowed[k], f->value);
		} else {
			ok = (f->value_len == 9 && !strcmp(f->value, "etiquetas")) ||
			     (f->value_len && mapping_parse_one(f->value, f->value_len, defs, &t));
		}
		if (!ok)
			return 1;
		if ((out->len && sb_putc(out, ',') < 0) || sb_puts(out, f->value) < 0)
			return -1;
	}
	return 0;
}

/* The columns' targets from col_0, col_1, ... (a column the file names a password or a
 * login stays out whatever was sent). Returns 0, 1 with *why set, -1. */
static int read_mapping(struct request *r, const struct import *im, const struct custom_set *defs,
			struct strbuf *out, const char **why)
{
	size_t n = 0;
	while (n < MAPPING_MAX_COLS) {
		char name[32];
		snprintf(name, sizeof name, "col_%zu", n);
		if (!request_form(r, name))
			break;
		n++;
	}
	struct colmap_target *map = calloc(n ? n : 1, sizeof *map);
	struct colmap_target *was = calloc(n ? n : 1, sizeof *was);
	int rc = -1;
	if (!map || !was)
		goto out;
	mapping_parse(im->mapping, defs, was, n);
	bool has_name = false;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char name[32];
		snprintf(name, sizeof name, "col_%zu", i);
		const char *v = request_form(r, name);
		if (was[i].kind == COLMAP_SECRET) {
			map[i] = was[i];
			continue;
		}
		if (!mapping_parse_one(v, strlen(v), defs, &map[i]) || map[i].kind == COLMAP_SECRET) {
			*why = "Escolha um destino da lista para cada coluna.";
			rc = 1;
			break;
		}
		if (map[i].kind == COLMAP_FIELD && map[i].field == CL_NAME)
			has_name = true;
		for (size_t k = 0; k < i && map[i].kind != COLMAP_NONE; k++)
			if (map[k].kind == map[i].kind && map[k].field == map[i].field &&
			    map[k].custom == map[i].custom) {
				*why = "Duas colunas vão para o mesmo campo: escolha \"Ignorar\" para uma delas.";
				rc = 1;
			}
	}
	if (rc == 0 && !has_name) {
		*why = "Escolha a coluna que tem o nome ou a razão social: sem ela nenhum cadastro pode ser criado.";
		rc = 1;
	}
	if (rc == 0 && mapping_format(out, map, n, defs) < 0)
		rc = -1;
out:
	free(map);
	free(was);
	return rc;
}

static int staff_ok(struct request *r, int64_t id)
{
	struct db_stmt *st = db_prepare(r->db, staff_ok_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0)
		n++;
	return got < 0 ? -1 : n > 0;
}

static int redirect_to(struct request *r, int64_t id)
{
	char path[48];
	snprintf(path, sizeof path, "/importacao/%lld", (long long)id);
	return response_redirect(r, path);
}

int mapa_post(struct request *r, const struct form *in)
{
	struct import im;
	int got = import_load(r, r->path_id, &im);
	if (got <= 0)
		return got;
	int rc = -1;
	struct custom_set defs;
	memset(&defs, 0, sizeof defs);
	struct strbuf mapping = STRBUF_INIT, fields = STRBUF_INIT, types = STRBUF_INIT,
		      msg = STRBUF_INIT;
	if (strcmp(im.status, "draft") && strcmp(im.status, "checked")) {
		rc = redirect_to(r, im.id);   /* already running or done: its page says so */
		goto out;
	}
	if (custom_load_defs(r, &defs) < 0)
		goto out;
	const char *why = NULL;
	int bad = in->nerrors ? 1 : read_mapping(r, &im, &defs, &mapping, &why);
	if (bad < 0)
		goto out;
	static const char *const type_names[] = { "cliente", "fornecedor", "prestador", "prospect", NULL };
	int jf = joined(r, "campos", NULL, &defs, &fields);
	int jt = joined(r, "tipos", type_names, &defs, &types);
	if (jf < 0 || jt < 0)
		goto out;
	if (!bad && (jf || jt)) {
		why = "Escolha os campos e os tipos entre os da lista.";
		bad = 1;
	}
	int64_t who = form_int(in, "responsavel");
	if (!bad && who > 0) {
		int ok = staff_ok(r, who);
		if (ok < 0)
			goto out;
		if (!ok) {
			why = "Escolha o responsável entre as pessoas da equipe.";
			bad = 1;
		}
	}
	if (bad) {
		if (in->nerrors)
			form_errors_text(in, &msg);
		page_flash(r, "erro", why ? why : sb_str(&msg));
		rc = mapa_page(r, &im, 400);
		goto out;
	}
	const char *d = form_get(in, "separador");
	char delim[2] = { *d ? (!strcmp(d, "tab") ? '\t' : d[0]) : im.delimiter[0], 0 };
	const char *enc = *form_get(in, "codificacao") ? form_get(in, "codificacao") : im.encoding;
	int64_t sheet = *form_get(in, "aba") ? form_int(in, "aba") : im.sheet;
	bool update = !strcmp(form_get(in, "atualizar"), "sim");
	bool key_email = *form_get(in, "chave_email") != '\0';
	bool erase = *form_get(in, "apagar_vazios") != '\0';
	bool skip_invalid = *form_get(in, "sem_invalidos") != '\0';
	bool active = !strcmp(form_get(in, "ativo"), "1");
	bool restore = *form_get(in, "restaurar") != '\0';
	const char *type_list = types.len ? sb_str(&types) : "cliente";
	const char *tag = form_get(in, "etiqueta");
	/* The check read the file with the old choices: any change discards it, so that
	 * "Importar" never writes what nobody has seen (run_sql wants 'checked'). */
	bool changed = strcmp(enc, im.encoding) || strcmp(delim, im.delimiter) || sheet != im.sheet ||
		       strcmp(sb_str(&mapping), im.mapping) || update != im.update ||
		       key_email != im.key_email || strcmp(sb_str(&fields), im.update_fields) ||
		       erase != im.erase || skip_invalid != im.skip_invalid || active != im.active ||
		       strcmp(type_list, im.types) || strcmp(tag, im.tag) ||
		       (who > 0 ? who : 0) != im.default_responsible || restore != im.restore;
	struct db_stmt *st = db_prepare(r->db, save_sql);
	if (!st || db_begin(r->db) < 0)
		goto out;
	db_bind_str(st, 0, enc);
	db_bind_str(st, 1, delim);
	db_bind_i64(st, 2, sheet);
	db_bind_str(st, 3, sb_str(&mapping));
	db_bind_i64(st, 4, update);
	db_bind_i64(st, 5, key_email);
	db_bind_str(st, 6, sb_str(&fields));
	db_bind_i64(st, 7, erase);
	db_bind_i64(st, 8, skip_invalid);
	db_bind_i64(st, 9, active);
	db_bind_str(st, 10, type_list);
	db_bind_str(st, 11, tag);
	if (who > 0)
		db_bind_i64(st, 12, who);
	else
		db_bind_null(st, 12);
	db_bind_i64(st, 13, restore);
	db_bind_i64(st, 14, changed);
	db_bind_i64(st, 15, im.id);
	db_bind_i64(st, 16, r->office.id);
	if (db_exec(st) < 0)
		goto out;
	/* "Salvar" keeps the choices; "Conferir" also has the worker read the whole file. */
	bool save_only = request_form(r, "salvar") != NULL;
	if (!save_only && importjob_check(r, im.id) < 0)
		goto out;
	if (db_commit(r->db) < 0)
		goto out;
	if (save_only && changed && !strcmp(im.status, "checked")) {
		char path[64];
		snprintf(path, sizeof path, "/importacao/%lld?aviso=reconferir", (long long)im.id);
		rc = response_redirect(r, path);
	} else {
		rc = redirect_to(r, im.id);
	}
out:
	custom_free(&defs);
	sb_free(&mapping);
	sb_free(&fields);
	sb_free(&types);
	sb_free(&msg);
	import_free(&im);
	return rc;
}

static int act(struct request *r, int (*start)(struct request *, int64_t, int64_t), int64_t phase,
	       const char *refused)
{
	struct import im;
	int got = import_load(r, r->path_id, &im);
	if (got <= 0)
		return got;
	int rc = -1;
	if (db_begin(r->db) < 0)
		goto out;
	int started = start(r, im.id, phase);
	if (started < 0 || db_commit(r->db) < 0)
		goto out;
	if (!started) {
		rc = page_error(r, 409, refused);
		goto out;
	}
	rc = redirect_to(r, im.id);
out:
	import_free(&im);
	return rc;
}

int importar_post(struct request *r, const struct form *in)
{
	return act(r, importjob_run, form_int(in, "fase"),
		   "Esta importação não está pronta para começar: as escolhas mudaram depois da"
		   " conferência, ou ela ainda não foi conferida, ou já foi feita. Confira o arquivo"
		   " de novo e importe a partir da nova conferência.");
}

static int undo_start(struct request *r, int64_t id, int64_t phase)
{
	(void)phase;   /* an undo is of the import, whatever check came before */
	return importjob_undo(r, id);
}

int desfazer_post(struct request *r, const struct form *in)
{
	(void)in;
	return act(r, undo_start, 0,
		   "Só uma importação concluída ou interrompida pode ser desfeita, e uma vez só.");
}
