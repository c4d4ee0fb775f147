/* importpass: one pass over an import's rows — the check (what each row would do,
 * nothing written but import_rows) or the import — a batch at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "importacao/importpass.h"
#include "importacao/importfile.h"
#include "importacao/importrow.h"
#include "importacao/mapping.h"
#include "base/db.h"
#include "web/urlenc.h"
#include "cadastro/bulk.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "web/request.h"

/* ------------------------------------------------------------------ one pass over the rows */

struct counts {
	int64_t created, updated, unchanged, rejected, corrected, duplicates, in_trash;
};

/* A row of the batch being worked: read and validated as it comes, decided and written
 * with the others of its batch. */
struct pend {
	size_t line;
	struct importrow ir;       /* the row as form fields (tags point at `tags`) */
	char *tags;                /* the tags cell, copied (the reader's cells do not last) */
	struct client c;           /* validated */
	struct custom_set extra;   /* its custom values (definitions shared with run.defs) */
	char key[300];             /* the document, or the e-mail (key_email), or "" */
	bool by_email;
	const char *status;        /* NULL until decided */
	bool restored;             /* its record brought back from the trash */
	int64_t client_id, version;
	struct strbuf msg;         /* the reasons and notes for the result file */
	struct strbuf previous;    /* an update's old values */
};

struct run {
	struct db *db;
	struct import_job *j;
	struct request r;          /* the job acts for the user who asked, in that office */
	struct session s;
	struct custom_set defs;    /* the office's attributes */
	struct colmap_target map[MAPPING_MAX_COLS];
	size_t ncols;
	struct importrow_defaults defaults;
	bool may_update[CLIENT_NCOLS];
	bool may_update_custom[CUSTOM_MAX];
	bool may_update_tags;
	char **headers;            /* the header row's cells, for messages */
	size_t nheaders;
	bool header_seen;
	int64_t seen;              /* data rows read in this pass */
	struct pend pend[IMPORTPASS_BATCH];
	size_t npend;
	struct pend *cur;          /* the row being worked on */
	size_t last_line;
	struct counts batch;
	importpass_between_fn between;
	int failed;                /* -1: an error; 1: stopped (lease lost or leaving) */
};

static const char progress_sql[] =
	"UPDATE imports SET rows_done = rows_done + ?, line_done = ?, n_created = n_created + ?,"
	" n_updated = n_updated + ?, n_unchanged = n_unchanged + ?, n_rejected = n_rejected + ?,"
	" n_corrected = n_corrected + ?, n_duplicates = n_duplicates + ?, n_in_trash = n_in_trash + ?,"
	" lease_until = UTC_TIMESTAMP(6) + INTERVAL " LEASE " SECOND"
	" WHERE id = ? AND claimed_by = ? AND phase = ?";
static const char finish_sql[] =
	"UPDATE imports SET status = IF(status = 'checking', 'checked', 'done'), total_rows = ?,"
	" claimed_by = '', lease_until = NULL, finished_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND claimed_by = ? AND phase = ?";
static const char fail_sql[] =
	"UPDATE imports SET status = IF(status = 'checking', 'draft', 'failed'), error = ?,"
	" claimed_by = '', lease_until = NULL, finished_at = UTC_TIMESTAMP(6)"
	" WHERE id = ? AND claimed_by = ?";
static const char by_email_sql[] =
	"SELECT id FROM clients WHERE office_id = ? AND email = ? AND NOT trashed LIMIT 2";
static const char staff_sql[] =
	"SELECT id FROM staff_users WHERE office_id = ? AND active AND (email = ? OR name = ?)"
	" ORDER BY (email = ?) DESC, id LIMIT 1";
static const char old_rows_sql[] =
	"DELETE FROM import_rows WHERE import_id = ? AND phase <> ? LIMIT 5000";

/* Rows of earlier passes (a dry run before the import) go before a pass starts, in
 * small transactions. */
static int drop_old_rows(struct db *db, const struct import_job *j)
{
	for (;;) {
		struct db_stmt *st = db_prepare(db, old_rows_sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, j->id);
		db_bind_i64(st, 1, j->phase);
		if (db_exec(st) < 0)
			return -1;
		if (db_affected(st) == 0)
			return 0;
	}
}

static int flush(struct run *u, bool last)
{
	struct db_stmt *st = db_prepare(u->db, progress_sql);
	if (!st)
		return -1;
	const struct counts *c = &u->batch;
	int64_t v[] = { (int64_t)u->npend, (int64_t)u->last_line, c->created, c->updated, c->unchanged,
			c->rejected, c->corrected, c->duplicates, c->in_trash, u->j->id };
	for (unsigned i = 0; i < 10; i++)
		db_bind_i64(st, i, v[i]);
	db_bind_str(st, 10, u->j->worker);
	db_bind_i64(st, 11, u->j->phase);
	if (db_exec(st) < 0)
		return -1;
	if (db_affected(st) == 0) {
		u->failed = 1;   /* the lease went to another worker: it goes on */
		return -1;
	}
	if (last) {
		st = db_prepare(u->db, finish_sql);
		if (!st)
			return -1;
		db_bind_i64(st, 0, u->seen);
		db_bind_i64(st, 1, u->j->id);
		db_bind_str(st, 2, u->j->worker);
		db_bind_i64(st, 3, u->j->phase);
		if (db_exec(st) < 0)
			return -1;
	}
	if (db_commit(u->db) < 0)
		return -1;
	memset(&u->batch, 0, sizeof u->batch);
	return 0;
}

/* Sets a form field's value (the first of that name) to "": a value left out. */
static int clear_field(struct fields *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name)) {
			char *e = strdup("");
			if (!e)
				return -1;
			free(f->v[i].value);
			f->v[i].value = e;
			f->v[i].value_len = 0;
			return 0;
		}
	return 0;
}

static int set_field(struct fields *f, const char *name, const char *value)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name)) {
			char *e = strdup(value);
			if (!e)
				return -1;
			free(f->v[i].value);
			f->v[i].value = e;
			f->v[i].value_len = strlen(e);
			return 0;
		}
	return fields_add(f, name, strlen(name), value, strlen(value));
}

static int note(struct run *u, const char *text)
{
	if (u->cur->msg.len && sb_puts(&u->cur->msg, "; ") < 0)
		return -1;
	return sb_puts(&u->cur->msg, text);
}

static const char *header_of(const struct run *u, size_t col, char buf[24])
{
	if (col < u->nheaders && u->headers[col][0])
		return u->headers[col];
	snprintf(buf, 24, "coluna %zu", col + 1);
	return buf;
}

/* The custom attribute k is mapped to some column. */
static bool custom_mapped(const struct run *u, size_t k)
{
	for (size_t i = 0; i < u->ncols; i++)
		if (u->map[i].kind == COLMAP_CUSTOM && u->map[i].custom == k)
			return true;
	return false;
}

/* The form's errors of the row into the message; with "importar sem o valor inválido",
 * the optional values in error are left out instead (cleared in the form, *again set
 * so the caller validates once more). Returns the errors that still reject the row, or
 * -1 when memory ran out. */
static int row_errors(struct run *u, struct importrow *ir, const struct client_errors *errs,
		      const struct custom_set *now, bool *again)
{
	int rejecting = 0;
	bool oom = false;
	*again = false;
	char buf[24];
	for (size_t k = 0; k < ir->nerrors; k++) {
		struct strbuf t = STRBUF_INIT;
		sb_printf(&t, "%s: %s", header_of(u, ir->error_col[k], buf), ir->error[k]);
		note(u, sb_str(&t));
		sb_free(&t);
		rejecting++;
	}
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		if (!errs->msg[i])
			continue;
		bool optional = !client_cols[i].required && i != CL_DOCUMENT && i != CL_KIND;
		struct strbuf t = STRBUF_INIT;
		if (u->j->skip_invalid && optional) {
			sb_printf(&t, "valor deixado de fora: %s (%s)", client_cols[i].label, errs->msg[i]);
			if (clear_field(&ir->form, client_cols[i].field) < 0)
				oom = true;
			*again = true;
		} else {
			sb_printf(&t, "%s: %s", client_cols[i].label, errs->msg[i]);
			rejecting++;
		}
		note(u, sb_str(&t));
		sb_free(&t);
	}
	for (size_t i = 0; i < now->n; i++) {
		if (!now->error[i])
			continue;
		struct strbuf t = STRBUF_INIT;
		if (u->j->skip_invalid && !now->f[i].required) {
			char name[32];
			snprintf(name, sizeof name, "extra_%lld", (long long)now->f[i].id);
			sb_printf(&t, "valor deixado de fora: %s (%s)", now->f[i].name, now->error[i]);
			if (clear_field(&ir->form, name) < 0)
				oom = true;
			*again = true;
		} else {
			sb_printf(&t, "%s: %s", now->f[i].name, now->error[i]);
			rejecting++;
		}
		note(u, sb_str(&t));
		sb_free(&t);
	}
	return oom ? -1 : rejecting;
}

/* The responsável cell (a staff member's name or e-mail) as the member's id in the
 * form; the import's default when the cell is empty. 0, 1 when nobody has it (noted),
 * -1. */
static int resolve_responsible(struct run *u, struct importrow *ir)
{
	const char *field = client_cols[CL_RESPONSIBLE].field;
	const char *cell = ir->responsible;
	char idbuf[24] = "";
	if (!cell || !*cell) {
		if (u->j->responsible > 0)
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)u->j->responsible);
		return idbuf[0] ? set_field(&ir->form, field, idbuf) : 0;
	}
	struct db_stmt *st = db_prepare(u->db, staff_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, u->j->office);
	db_bind_str(st, 1, cell);
	db_bind_str(st, 2, cell);
	db_bind_str(st, 3, cell);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)db_col_i64(st, 0));
	if (got < 0)
		return -1;
	if (!idbuf[0])
		return 1;
	ir->has[CL_RESPONSIBLE] = true;
	return set_field(&ir->form, field, idbuf);
}

/* Records of the office with the row's key: 0, 1 (its id in *id) or 2 (several). */
static int find_existing(struct run *u, const char *sql, const char *key, int64_t *id)
{
	struct db_stmt *st = db_prepare(u->db, sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, u->j->office);
	db_bind_str(st, 1, key);
	if (db_exec(st) < 0)
		return -1;
	int got, n = 0;
	while ((got = db_fetch(st)) > 0)
		if (n++ == 0)
			*id = db_col_i64(st, 0);
	return got < 0 ? -1 : n;
}

/* Adds the row's tags (or the import's default tag, for a row with none) to the record. */
static int add_tags(struct run *u, const struct client *c, const char *cell)
{
	const char *p = cell && *cell ? cell : u->j->tag;
	while (*p) {
		size_t n = strcspn(p, ",;");
		const char *s = p, *e = p + n;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > s && e - s <= 60) {
			char name[61];
			memcpy(name, s, (size_t)(e - s));
			name[e - s] = '\0';
			int64_t tag = bulk_tag_id(&u->r, name, true);
			if (tag < 0 || bulk_tag_one(&u->r, c, tag, name, true) < 0)
				return -1;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static int put_previous(struct run *u, const char *name, const char *old)
{
	if (u->cur->previous.len && sb_putc(&u->cur->previous, '&') < 0)
		return -1;
	char *n = urlenc_encode(name), *v = urlenc_encode(old ? old : "");
	int rc = n && v ? SB_CAT(&u->cur->previous, n, "=", v) : -1;
	free(n);
	free(v);
	return rc;
}

/* An update of record id by the row: only the fields the row has and the user allowed,
 * an empty cell only when erasing was asked; a record restored from the trash (restore)
 * takes every value the row has, as a new record would. Sets *status. */
static int update_existing(struct run *u, struct importrow *ir, const struct client *typed,
			   const struct custom_set *typed_extra, const struct client *loaded,
			   struct custom_set *before_loaded, const char **status, int64_t *version,
			   bool dry, bool restore)
{
	const struct client old = *loaded;   /* the caller's, read with the batch */
	struct custom_set *before = before_loaded;
	struct client now;
	memset(&now, 0, sizeof now);
	struct custom_set after;
	custom_share_defs(&after, &u->defs);
	int rc = -1;
	int got;
	if (old.id == 0) {
		rc = 0;   /* gone since it was found: not possible inside the transaction */
		goto out;
	}
	if (custom_fill_empty(before) < 0)
		goto out;
	now.id = old.id;
	size_t changed = 0;
	sb_reset(&u->cur->previous);
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		const char *v = old.v[i] ? old.v[i] : "";
		const char *t = typed->v[i] ? typed->v[i] : "";
		bool may = restore ? *t != '\0' : u->may_update[i] && (*t || u->j->erase);
		if (ir->has[i] && may && strcmp(v, t)) {
			v = t;
			changed++;
			if (put_previous(u, client_cols[i].field, old.v[i]) < 0)
				goto out;
		}
		if (!(now.v[i] = strdup(v)))
			goto out;
	}
	for (size_t k = 0; k < after.n; k++) {
		const char *v = before->value[k];
		const char *t = typed_extra->value[k] ? typed_extra->value[k] : "";
		bool may = restore ? *t != '\0' : u->may_update_custom[k] && (*t || u->j->erase);
		if (custom_mapped(u, k) && may && strcmp(v, t)) {
			char name[32];
			snprintf(name, sizeof name, "extra_%lld", (long long)after.f[k].id);
			v = t;
			changed++;
			if (put_previous(u, name, before->value[k]) < 0)
				goto out;
		}
		if (!(after.value[k] = strdup(v)))
			goto out;
	}
	bool tags = restore ? (ir->tags && *ir->tags) || u->j->tag[0]
			    : ir->tags && *ir->tags && u->may_update_tags;
	*version = old.version;
	if (!changed && !tags) {
		*status = "inalterado";
		rc = 1;
		goto out;
	}
	*status = changed ? "atualizado" : "inalterado";
	if (dry) {
		if (tags && !changed)
			*status = "atualizado";
		rc = 1;
		goto out;
	}
	if (changed) {
		got = client_update(&u->r, &old, &now, old.version, before, &after, "import");
		if (got <= 0) {
			rc = got < 0 ? -1 : 0;
			goto out;
		}
		*version = now.version;
	}
	if (tags) {
		if (add_tags(u, &old, ir->tags) < 0)
			goto out;
		if (!changed)
			*status = "atualizado";
	}
	rc = 1;
out:
	client_free(&now);
	custom_values_free(&after);
	return rc;
}

static void pend_free(struct pend *p)
{
	importrow_free(&p->ir);
	free(p->tags);
	client_free(&p->c);
	custom_values_free(&p->extra);
	sb_free(&p->msg);
	sb_free(&p->previous);
	memset(p, 0, sizeof *p);
}

/* A data row read: its form fields, validated as the client form would; rejected at once
 * when the form refuses it, else its key for the batch's lookups. 0 or -1. */
static int prepare_row(struct run *u, struct pend *p, size_t line, const char *const *cells,
		       size_t ncells)
{
	memset(p, 0, sizeof *p);
	p->line = line;
	u->cur = p;
	custom_share_defs(&p->extra, &u->defs);
	if (importrow_build(&p->ir, u->map, u->ncols, cells, ncells, &u->defs, &u->defaults) < 0)
		return -1;
	if (p->ir.tags && !(p->tags = strdup(p->ir.tags)))
		return -1;
	p->ir.tags = p->tags;
	int who = resolve_responsible(u, &p->ir);
	p->ir.responsible = NULL;
	if (who < 0)
		return -1;
	if (who == 1) {
		if (!u->j->skip_invalid) {
			note(u, "Responsável: ninguém da equipe com esse nome ou e-mail");
			p->status = "rejeitado";
			return 0;
		}
		note(u, "valor deixado de fora: Responsável (ninguém da equipe com esse nome ou e-mail)");
	}
	size_t kept = p->msg.len;
	for (int tries = 0; tries < 2; tries++) {
		struct client_errors errs;
		memset(&errs, 0, sizeof errs);
		client_free(&p->c);
		if (client_from_fields(&p->c, &p->ir.form, &errs) < 0 ||
		    custom_from_fields(&p->extra, &p->ir.form) < 0)
			return -1;
		if (errs.n == 0 && p->extra.nerrors == 0 && p->ir.nerrors == 0)
			break;
		bool again;
		p->msg.len = kept;   /* the notes of an earlier try are said again */
		if (p->msg.buf)
			p->msg.buf[kept] = '\0';
		int rejecting = row_errors(u, &p->ir, &errs, &p->extra, &again);
		if (rejecting < 0)
			return -1;
		if (rejecting > 0 || !again || tries == 1) {
			p->status = "rejeitado";
			return 0;
		}
	}
	if (p->ir.corrected && p->ir.notes.len)
		note(u, sb_str(&p->ir.notes));
	const char *doc = p->c.v[CL_DOCUMENT] ? p->c.v[CL_DOCUMENT] : "";
	const char *email = p->c.v[CL_EMAIL] ? p->c.v[CL_EMAIL] : "";
	if (*doc) {
		snprintf(p->key, sizeof p->key, "%s", doc);
	} else if (u->j->key_email && *email) {
		snprintf(p->key, sizeof p->key, "%s", email);
		p->by_email = true;
	}
	return 0;
}

static void repeated(struct run *u, struct pend *p, int64_t earlier)
{
	char t[120];
	snprintf(t, sizeof t, "repetido: a linha %lld do arquivo tem o mesmo %s",
		 (long long)earlier, p->by_email ? "e-mail" : "documento");
	u->cur = p;
	sb_reset(&p->msg);
	note(u, t);
	p->status = "rejeitado";
	p->key[0] = '\0';   /* the first row keeps the key */
	u->batch.duplicates++;
}

/* The SQL "... IN (?, ?, ...)" list of n placeholders, appended. */
static int put_marks(struct strbuf *sql, size_t n)
{
	return db_put_marks(sql, n) < 0 ? -1 : sb_putc(sql, ')');
}

/* A row still to decide that has a key (documents only: by e-mail is looked up alone). */
static bool keyed(const struct pend *p, bool documents_only)
{
	return !p->status && p->key[0] && !(documents_only && p->by_email);
}

/* One statement for the batch: head, then "IN (" the keys of the keyed rows ")", tail;
 * params bound before the keys, from index 0. NULL when no row has a key, or on error
 * (*failed set). */
static struct db_stmt *keys_query(struct run *u, const char *head, const char *tail,
				  const int64_t *params, unsigned nparams, bool documents_only,
				  bool *failed)
{
	size_t n = 0;
	for (size_t i = 0; i < u->npend; i++)
		n += keyed(&u->pend[i], documents_only);
	*failed = false;
	if (!n)
		return NULL;
	struct strbuf sql = STRBUF_INIT;
	struct db_stmt *st = NULL;
	if (SB_CAT(&sql, head, " IN (") == 0 && put_marks(&sql, n) == 0 && sb_puts(&sql, tail) == 0)
		st = db_prepare_text(u->db, sql.buf);
	sb_free(&sql);
	if (st) {
		for (unsigned k = 0; k < nparams; k++)
			db_bind_i64(st, k, params[k]);
		unsigned k = nparams;
		for (size_t i = 0; i < u->npend; i++)
			if (keyed(&u->pend[i], documents_only))
				db_bind_str(st, k++, u->pend[i].key);
	}
	if (!st || db_exec(st) < 0) {
		*failed = true;
		return NULL;
	}
	return st;
}

/* Keys an earlier batch of this pass recorded: those rows are repetitions. */
static int earlier_batches(struct run *u)
{
	const int64_t params[] = { u->j->id, u->j->phase };
	bool failed;
	struct db_stmt *st = keys_query(u, "SELECT row_key, MIN(line) FROM import_rows"
					" WHERE import_id = ? AND phase = ? AND row_key",
					" GROUP BY row_key", params, 2, false, &failed);
	if (!st)
		return failed ? -1 : 0;
	int got;
	while ((got = db_fetch(st)) > 0)
		for (size_t i = 0; i < u->npend; i++)
			if (keyed(&u->pend[i], false) && !strcasecmp(u->pend[i].key, db_col(st, 0)))
				repeated(u, &u->pend[i], db_col_i64(st, 1));
	return got < 0 ? -1 : 0;
}

/* The records of the office with each row's document: how many, and the first id. */
static int existing_documents(struct run *u, int *found, int64_t *ids)
{
	const int64_t params[] = { u->j->office };
	bool failed;
	struct db_stmt *st = keys_query(u, "SELECT document, COUNT(*), MIN(id) FROM clients"
					" WHERE office_id = ? AND NOT trashed AND document",
					" GROUP BY document", params, 1, true, &failed);
	if (!st)
		return failed ? -1 : 0;
	int got;
	while ((got = db_fetch(st)) > 0)
		for (size_t i = 0; i < u->npend; i++)
			if (keyed(&u->pend[i], true) && !strcasecmp(u->pend[i].key, db_col(st, 0))) {
				found[i] = (int)db_col_i64(st, 1);
				ids[i] = db_col_i64(st, 2);
			}
	return got < 0 ? -1 : 0;
}

/* The records in the trash with each row's document: how many, and the latest one. */
static int trashed_documents(struct run *u, int *found, int64_t *ids)
{
	const int64_t params[] = { u->j->office };
	bool failed;
	struct db_stmt *st = keys_query(u, "SELECT document, COUNT(*), MAX(id) FROM clients"
					" WHERE office_id = ? AND trashed AND document",
					" GROUP BY document", params, 1, true, &failed);
	if (!st)
		return failed ? -1 : 0;
	int got;
	while ((got = db_fetch(st)) > 0)
		for (size_t i = 0; i < u->npend; i++)
			if (keyed(&u->pend[i], true) && !strcasecmp(u->pend[i].key, db_col(st, 0))) {
				found[i] = (int)db_col_i64(st, 1);
				ids[i] = db_col_i64(st, 2);
			}
	return got < 0 ? -1 : 0;
}

/* A record of the trash back, before the row updates it ("restaurar em vez de criar"). */
static int restore_one(struct run *u, struct client *old)
{
	int got = client_set_trashed_as(&u->r, old, false, "import", "restore",
					"Restaurado da lixeira pela importação.");
	if (got > 0) {
		old->trashed = false;
		old->version++;   /* the statement moved it */
	}
	return got;
}

/* What each row of the batch does: repeated in the file, ambiguous, left alone, updated
 * or created — or, for a document in the trash, restored and updated; the records
 * written (unless this is the dry run). */
static int decide_batch(struct run *u)
{
	bool dry = u->j->pass == PASS_CHECK;
	/* Repetitions inside the batch, then of earlier batches. */
	for (size_t i = 0; i < u->npend; i++) {
		struct pend *p = &u->pend[i];
		for (size_t j = 0; !p->status && p->key[0] && j < i; j++)
			if (!u->pend[j].status && u->pend[j].key[0] && !strcasecmp(u->pend[j].key, p->key))
				repeated(u, p, (int64_t)u->pend[j].line);
	}
	if (earlier_batches(u) < 0)
		return -1;
	int found[IMPORTPASS_BATCH] = { 0 };
	int64_t ids[IMPORTPASS_BATCH] = { 0 };
	if (existing_documents(u, found, ids) < 0)
		return -1;
	int in_trash[IMPORTPASS_BATCH] = { 0 };
	int64_t trash_ids[IMPORTPASS_BATCH] = { 0 };
	if (trashed_documents(u, in_trash, trash_ids) < 0)
		return -1;
	for (size_t i = 0; i < u->npend; i++) {
		struct pend *p = &u->pend[i];
		if (!p->status && p->key[0] && p->by_email &&
		    (found[i] = find_existing(u, by_email_sql, p->key, &ids[i])) < 0)
			return -1;
	}
	/* The records an update may change, and their custom values, read at once. */
	int64_t upd_ids[IMPORTPASS_BATCH];
	size_t upd_of[IMPORTPASS_BATCH], nupd = 0;
	for (size_t i = 0; i < u->npend; i++) {
		bool restoring = u->j->restore && !found[i] && in_trash[i] && !u->pend[i].by_email;
		if (!u->pend[i].status && ((u->j->update && found[i] == 1) || restoring)) {
			upd_of[i] = nupd;
			upd_ids[nupd++] = restoring ? trash_ids[i] : ids[i];
		}
	}
	struct client *olds = calloc(nupd ? nupd : 1, sizeof *olds);
	struct custom_set *befores = calloc(nupd ? nupd : 1, sizeof *befores);
	int rc = -1;
	if (!olds || !befores)
		goto out;
	for (size_t k = 0; k < nupd; k++)
		custom_share_defs(&befores[k], &u->defs);
	if (client_load_many(&u->r, upd_ids, nupd, olds) < 0 ||
	    custom_load_values_many(&u->r, upd_ids, nupd, befores) < 0)
		goto out;
	struct client *create[IMPORTPASS_BATCH];
	const struct custom_set *extras[IMPORTPASS_BATCH];
	struct pend *created[IMPORTPASS_BATCH];
	size_t ncreate = 0;
	for (size_t i = 0; i < u->npend; i++) {
		struct pend *p = &u->pend[i];
		if (p->status)
			continue;
		u->cur = p;
		if (found[i] > 1) {
			note(u, p->by_email ? "e-mail em mais de um cadastro" : "documento duplicado no cadastro");
			p->status = "rejeitado";
		} else if (found[i] == 1 && !u->j->update) {
			note(u, "já cadastrado (atualizar registros existentes: Não)");
			p->status = "inalterado";
		} else if (found[i] == 1) {
			p->client_id = ids[i];
			int up = update_existing(u, &p->ir, &p->c, &p->extra, &olds[upd_of[i]],
						 &befores[upd_of[i]], &p->status, &p->version, dry, false);
			if (up < 0)
				goto out;
			if (up == 0) {
				note(u, "o cadastro mudou durante a importação; importe esta linha de novo");
				p->status = "rejeitado";
			}
		} else if (in_trash[i] && !p->by_email && u->j->restore) {
			/* "Restaurar em vez de criar": the latest record of the trash with the
			 * document comes back, updated by the row. */
			u->batch.in_trash++;
			struct client *old = &olds[upd_of[i]];
			p->client_id = old->id;
			p->restored = true;
			int up = old->id && old->trashed ? 1 : 0;
			if (up && !dry)
				up = restore_one(u, old);
			if (up > 0)
				up = update_existing(u, &p->ir, &p->c, &p->extra, old, &befores[upd_of[i]],
						     &p->status, &p->version, dry, true);
			if (up < 0)
				goto out;
			if (up == 0) {
				note(u, "o cadastro da lixeira mudou durante a importação; importe esta linha de novo");
				p->status = "rejeitado";
				p->restored = false;
			} else {
				p->status = "atualizado";   /* back from the trash, whatever else changed */
				char t[96];
				snprintf(t, sizeof t, "%s da lixeira (cadastro nº %lld)",
					 dry ? "será restaurado" : "restaurado", (long long)old->id);
				note(u, t);
			}
		} else {
			if (in_trash[i] && !p->by_email) {
				u->batch.in_trash++;
				note(u, dry ? "este documento está na lixeira: um cadastro novo será criado, a não ser"
					      " que você marque “Restaurar da lixeira em vez de criar”"
					    : "este documento também está na lixeira: um cadastro novo foi criado");
			}
			p->status = "criado";
			if (custom_fill_empty(&p->extra) < 0)
				goto out;
			create[ncreate] = &p->c;
			extras[ncreate] = &p->extra;
			created[ncreate++] = p;
		}
	}
	if (!dry && ncreate && client_insert_many(&u->r, create, extras, ncreate, "import") < 0)
		goto out;
	for (size_t i = 0; !dry && i < ncreate; i++) {
		created[i]->client_id = created[i]->c.id;
		created[i]->version = created[i]->c.version;
		if ((created[i]->tags && *created[i]->tags) || u->j->tag[0]) {
			u->cur = created[i];
			if (add_tags(u, &created[i]->c, created[i]->tags) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	for (size_t k = 0; olds && k < nupd; k++)
		client_free(&olds[k]);
	for (size_t k = 0; befores && k < nupd; k++)
		custom_values_free(&befores[k]);
	free(olds);
	free(befores);
	return rc;
}

/* import_rows of the batch, in one INSERT. */
static int write_rows(struct run *u)
{
	bool dry = u->j->pass == PASS_CHECK;
	struct strbuf sql = STRBUF_INIT;
	SB_CAT(&sql, "INSERT INTO import_rows (import_id, phase, line, status, corrected, row_key,"
	       " client_id, client_version, message, previous, restored) VALUES ");
	struct db_stmt *st = db_put_rows(&sql, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", u->npend) == 0
			     ? db_prepare_text(u->db, sql.buf) : NULL;
	sb_free(&sql);
	if (!st)
		return -1;
	for (size_t i = 0; i < u->npend; i++) {
		struct pend *p = &u->pend[i];
		unsigned b = (unsigned)(11 * i);
		bool rejected = !strcmp(p->status, "rejeitado");
		if (!strcmp(p->status, "criado"))
			u->batch.created++;
		else if (!strcmp(p->status, "atualizado"))
			u->batch.updated++;
		else if (!strcmp(p->status, "inalterado"))
			u->batch.unchanged++;
		else
			u->batch.rejected++;
		bool corrected = p->ir.corrected && !rejected;
		u->batch.corrected += corrected;
		db_bind_i64(st, b, u->j->id);
		db_bind_i64(st, b + 1, u->j->phase);
		db_bind_i64(st, b + 2, (int64_t)p->line);
		db_bind_str(st, b + 3, p->status);
		db_bind_i64(st, b + 4, corrected);
		/* A rejected row's key is not recorded: a later row with it is no repetition. */
		db_bind_str(st, b + 5, rejected ? "" : p->key);
		if (p->client_id > 0 && !dry && !rejected) {
			db_bind_i64(st, b + 6, p->client_id);
			db_bind_i64(st, b + 7, p->version);
		} else {
			db_bind_null(st, b + 6);
			db_bind_null(st, b + 7);
		}
		/* The column holds 2000 characters: a long message is cut at a character's start. */
		if (p->msg.len > 1900) {
			size_t len = 1900;
			while (len && ((unsigned char)p->msg.buf[len] & 0xC0) == 0x80)
				len--;
			p->msg.buf[len] = '\0';
			p->msg.len = len;
		}
		db_bind_str(st, b + 8, sb_str(&p->msg));
		if (p->previous.len && !dry && !strcmp(p->status, "atualizado"))
			db_bind_str(st, b + 9, sb_str(&p->previous));
		else
			db_bind_null(st, b + 9);
		db_bind_i64(st, b + 10, p->restored && !dry && !rejected);
	}
	return db_exec(st);
}

/* The batch decided, written and recorded with the progress, in its transaction. */
static int finish_batch(struct run *u, bool last)
{
	int rc = 0;
	if (u->npend && (decide_batch(u) < 0 || write_rows(u) < 0))
		rc = -1;
	if (rc == 0 && flush(u, last) < 0)
		rc = -1;
	for (size_t i = 0; i < u->npend; i++)
		pend_free(&u->pend[i]);
	u->npend = 0;
	return rc;
}

static int on_row(void *ctx, size_t line, const char *const *cells, const size_t *lens,
		  size_t ncells)
{
	(void)lens;
	struct run *u = ctx;
	if (!u->header_seen) {
		u->header_seen = true;
		u->headers = calloc(ncells, sizeof *u->headers);
		if (!u->headers) {
			u->failed = -1;
			return 1;
		}
		for (size_t i = 0; i < ncells; i++)
			if (!(u->headers[u->nheaders++] = strdup(cells[i]))) {
				u->failed = -1;
				return 1;
			}
		return 0;
	}
	if (++u->seen <= u->j->rows_done)
		return 0;   /* recorded by an earlier worker: resumed after it */
	if (u->npend == 0 && db_begin(u->db) < 0) {
		u->failed = -1;
		return 1;
	}
	if (prepare_row(u, &u->pend[u->npend++], line, cells, ncells) < 0) {
		u->failed = -1;
		return 1;
	}
	u->last_line = line;
	if (u->npend >= IMPORTPASS_BATCH) {
		if (finish_batch(u, false) < 0) {
			if (!u->failed)
				u->failed = -1;
			return 1;
		}
		if (u->between && u->between(u->db)) {
			u->failed = 1;
			return 1;
		}
	}
	return 0;
}

/* Which fields an update may change: the listed ones ("nome,email,x:12,etiquetas"). */
static void set_may_update(struct run *u)
{
	const char *p = u->j->update_fields;
	while (*p) {
		size_t n = strcspn(p, ",");
		struct colmap_target t;
		if (n == 9 && !memcmp(p, "etiquetas", 9))
			u->may_update_tags = true;
		else if (mapping_parse_one(p, n, &u->defs, &t)) {
			if (t.kind == COLMAP_FIELD)
				u->may_update[t.field] = true;
			else if (t.kind == COLMAP_CUSTOM)
				u->may_update_custom[t.custom] = true;
		}
		p += n;
		if (*p)
			p++;
	}
}

static void set_defaults(struct run *u)
{
	u->defaults.active = u->j->active;
	static const char *const types[] = { "cliente", "fornecedor", "prestador", "prospect" };
	for (int i = 0; i < 4; i++)
		u->defaults.types[i] = strstr(u->j->types, types[i]) != NULL;
}

static int fail_import(struct db *db, const struct import_job *j, const char *why)
{
	struct db_stmt *st = db_prepare(db, fail_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, why);
	db_bind_i64(st, 1, j->id);
	db_bind_str(st, 2, j->worker);
	return db_exec(st);
}

enum pass_end importpass_rows(struct db *db, struct import_job *j, importpass_between_fn between)
{
	struct run *u = calloc(1, sizeof *u);
	if (!u)
		return PASS_FAILED;
	u->db = db;
	u->j = j;
	u->between = between;
	request_for_job(&u->r, &u->s, db, j->office, j->user, j->actor, j->address, "imp", j->id);
	unsigned char *data = NULL;
	size_t len = 0;
	struct strbuf err = STRBUF_INIT;
	int rc = -1;
	if (custom_load_defs(&u->r, &u->defs) < 0)
		goto out;
	u->ncols = MAPPING_MAX_COLS;
	mapping_parse(j->mapping, &u->defs, u->map, u->ncols);
	set_may_update(u);
	set_defaults(u);
	int got = importfile_load(db, j->office, j->file, &data, &len);
	if (got < 0)
		goto out;
	if (got == 0) {
		rc = fail_import(db, j, "O arquivo desta importação não está mais guardado.");
		goto out;
	}
	if (drop_old_rows(db, j) < 0)
		goto out;
	struct importfile_format f;
	memset(&f, 0, sizeof f);
	f.xlsx = !strcmp(j->format, "xlsx");
	f.encoding_set = importfile_encoding_parse(j->encoding, &f.encoding);
	f.delimiter = j->delimiter[0];
	f.sheet = (size_t)j->sheet;
	int read = importfile_read(data, len, &f, on_row, u, NULL, &err);
	if (u->failed) {
		/* Stopped (leaving, or the lease lost: giving it back is then a no-op). */
		db_rollback(db);
		rc = u->failed == 1 ? PASS_LEAVING : PASS_FAILED;
		goto out;
	}
	if (read < 0) {
		/* A file the dry run read whole cannot fail here; a dry run keeps no rows. */
		db_rollback(db);
		rc = fail_import(db, j, sb_str(&err));
		goto out;
	}
	if (u->npend == 0 && db_begin(db) < 0)
		goto out;
	if (finish_batch(u, true) < 0) {
		db_rollback(db);
		if (u->failed == 1)
			rc = 0;
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < u->nheaders; i++)
		free(u->headers[i]);
	free(u->headers);
	free(data);
	sb_free(&err);
	for (size_t i = 0; i < u->npend; i++)
		pend_free(&u->pend[i]);
	custom_free(&u->defs);
	free(u);
	return rc < 0 ? PASS_FAILED : rc == PASS_LEAVING ? PASS_LEAVING : PASS_ENDED;
}

