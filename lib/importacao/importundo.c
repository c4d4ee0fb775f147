/* importundo: an import undone — the records it created to the trash, the fields it
 * updated back to their values before it; a record changed since is left as it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importacao/importpass.h"
#include "base/db.h"
#include "web/urlenc.h"
#include "cadastro/client.h"
#include "cadastro/custom.h"
#include "web/request.h"

/* ------------------------------------------------------------------ the undo */

static const char undo_rows_sql[] =
	"SELECT line, status, client_id, client_version, previous, restored FROM import_rows"
	" WHERE import_id = ? AND phase = ? AND status IN ('criado', 'atualizado') AND undo_state = ''"
	" AND client_id IS NOT NULL ORDER BY line LIMIT 200";
static const char undo_mark_sql[] =
	"UPDATE import_rows SET undo_state = ?, undo_note = ? WHERE import_id = ? AND phase = ?"
	" AND line = ?";
/* The record's latest event: who changed it after the import, for a record left alone. */
static const char last_change_sql[] =
	"SELECT actor, DATE_FORMAT(CONVERT_TZ(at, '+00:00', '-03:00'), '%d/%m/%Y %H:%i')"
	" FROM audit_events WHERE office_id = ? AND entity = 'client' AND entity_id = ?"
	" AND request_id <> ? ORDER BY at DESC, id DESC LIMIT 1";

/* The audit names what the undo does as an undo (cgi-bin/cadastro labels the action). */
static const char undo_progress_sql[] =
	"UPDATE imports SET n_undone = n_undone + ?, n_kept = n_kept + ?,"
	" lease_until = UTC_TIMESTAMP(6) + INTERVAL " LEASE " SECOND"
	" WHERE id = ? AND claimed_by = ?";
static const char undo_done_sql[] =
	"UPDATE imports SET status = 'undone', undone_at = UTC_TIMESTAMP(6), claimed_by = '',"
	" lease_until = NULL WHERE id = ? AND claimed_by = ?";

struct undo_item {
	int64_t line, client, version;
	bool created, restored;
	char *previous;
};

/* Why a record was left alone, for the page and the result file: "alterado depois por
 * Ana em 07/12/2026 10:15" (without who when the change left no event). */
static int kept_note(struct request *r, const struct undo_item *it, const struct client *now,
		     bool gone, struct strbuf *out)
{
	sb_reset(out);
	struct db_stmt *st = db_prepare(r->db, last_change_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	db_bind_i64(st, 1, it->client);
	db_bind_str(st, 2, r->request_id);
	if (db_exec(st) < 0)
		return -1;
	const char *what = gone ? "excluído depois" : now->trashed ? "movido para a lixeira depois"
			   : "alterado depois";
	if (sb_puts(out, what) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0)
		if (sb_printf(out, " por %s em %s", db_col(st, 0), db_col(st, 1)) < 0)
			return -1;
	return got < 0 ? -1 : 0;
}

/* The record back to its values before the import, or to the trash when the import
 * created it; left as it is (1: "mantido") when it changed since. 0 undone, 1 kept, -1. */
static int undo_one(struct request *r, const struct custom_set *defs, const struct undo_item *it,
		    struct strbuf *why)
{
	struct client old, now;
	memset(&old, 0, sizeof old);
	memset(&now, 0, sizeof now);
	struct custom_set before, after;
	custom_share_defs(&before, defs);
	custom_share_defs(&after, defs);
	struct fields prev = FIELDS_INIT;
	int rc = -1;
	int got = client_load(r, it->client, &old);
	if (got < 0)
		goto out;
	if (got == 0 || old.version != (unsigned)it->version || old.trashed) {
		rc = kept_note(r, it, &old, got == 0, why) < 0 ? -1 : 1;
		goto out;
	}
	if (it->created) {
		rc = client_set_trashed_as(r, &old, true, "import", "import_undo",
					   "Importação desfeita: movido para a lixeira.") < 0 ? -1 : 0;
		goto out;
	}
	struct parse_limits pl = { 200, 200, 65536 };
	if (urlenc_parse(it->previous ? it->previous : "", strlen(it->previous ? it->previous : ""),
			 &pl, &prev) != PARSE_OK)
		goto out;
	if (custom_load_values(r, it->client, &before) < 0 || custom_fill_empty(&before) < 0)
		goto out;
	now.id = old.id;
	for (int i = 0; i < CLIENT_NCOLS; i++) {
		const char *v = fields_get(&prev, client_cols[i].field);
		if (!(now.v[i] = strdup(v ? v : old.v[i] ? old.v[i] : "")))
			goto out;
	}
	for (size_t k = 0; k < after.n; k++) {
		char name[32];
		snprintf(name, sizeof name, "extra_%lld", (long long)after.f[k].id);
		const char *v = fields_get(&prev, name);
		if (!(after.value[k] = strdup(v ? v : before.value[k])))
			goto out;
	}
	got = 1;
	now.version = old.version;
	if (!it->restored || (it->previous && *it->previous))
		got = client_update_as(r, &old, &now, old.version, &before, &after, "import",
				       "import_undo");
	rc = got < 0 ? -1 : got == 0 ? 1 : 0;
	/* A record the import brought back from the trash goes back there. */
	if (rc == 0 && it->restored &&
	    client_set_trashed_as(r, &now, true, "import", "import_undo",
				  "Importação desfeita: de volta à lixeira.") < 0)
		rc = -1;
out:
	fields_free(&prev);
	client_free(&old);
	client_free(&now);
	custom_values_free(&before);
	custom_values_free(&after);
	return rc;
}

static int undo_batch(struct db *db, struct import_job *j, const struct custom_set *defs,
		      struct request *r, bool *more)
{
	struct undo_item items[200];
	int n = 0;
	struct db_stmt *st = db_prepare(db, undo_rows_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, j->id);
	db_bind_i64(st, 1, j->phase);
	if (db_exec(st) < 0)
		return -1;
	int got;
	while ((got = db_fetch(st)) > 0 && n < 200) {
		const char *p = db_col(st, 4);
		items[n] = (struct undo_item){ db_col_i64(st, 0), db_col_i64(st, 2), db_col_i64(st, 3),
					       !strcmp(db_col(st, 1), "criado"), db_col_i64(st, 5) != 0,
					       p ? strdup(p) : NULL };
		n++;
	}
	int rc = got < 0 ? -1 : 0;
	int64_t undone = 0, kept = 0;
	struct strbuf why = STRBUF_INIT;
	for (int i = 0; rc == 0 && i < n; i++) {
		int k = undo_one(r, defs, &items[i], &why);
		if (k < 0) {
			rc = -1;
			break;
		}
		k ? kept++ : undone++;
		st = db_prepare(db, undo_mark_sql);
		if (!st) {
			rc = -1;
			break;
		}
		/* The column holds 300 characters: a long name is cut at a character's start. */
		if (why.len > 290) {
			size_t len = 290;
			while (len && ((unsigned char)why.buf[len] & 0xC0) == 0x80)
				len--;
			why.buf[len] = '\0';
			why.len = len;
		}
		db_bind_str(st, 0, k ? "mantido" : "desfeito");
		db_bind_str(st, 1, k ? sb_str(&why) : "");
		db_bind_i64(st, 2, j->id);
		db_bind_i64(st, 3, j->phase);
		db_bind_i64(st, 4, items[i].line);
		rc = db_exec(st);
		sb_reset(&why);
	}
	sb_free(&why);
	for (int i = 0; i < n; i++)
		free(items[i].previous);
	if (rc < 0)
		return -1;
	*more = n > 0;
	st = db_prepare(db, n > 0 ? undo_progress_sql : undo_done_sql);
	if (!st)
		return -1;
	unsigned k = 0;
	if (n > 0) {
		db_bind_i64(st, k++, undone);
		db_bind_i64(st, k++, kept);
	}
	db_bind_i64(st, k++, j->id);
	db_bind_str(st, k, j->worker);
	if (db_exec(st) < 0)
		return -1;
	return db_affected(st) ? 0 : 1;
}

enum pass_end importpass_undo(struct db *db, struct import_job *j, importpass_between_fn between)
{
	struct session s;
	struct request r;
	request_for_job(&r, &s, db, j->office, j->user, j->actor, j->address, "imp", j->id);
	struct custom_set defs;
	if (custom_load_defs(&r, &defs) < 0)
		return PASS_FAILED;
	enum pass_end rc = PASS_ENDED;
	for (bool more = true; more;) {
		if (db_begin(db) < 0) {
			rc = PASS_FAILED;
			break;
		}
		int got = undo_batch(db, j, &defs, &r, &more);
		if (got != 0) {
			db_rollback(db);
			/* 1: the lease is another worker's now */
			rc = got < 0 ? PASS_FAILED : PASS_ENDED;
			break;
		}
		if (db_commit(db) < 0) {
			rc = PASS_FAILED;
			break;
		}
		if (more && between && between(db)) {
			rc = PASS_LEAVING;
			break;
		}
	}
	custom_free(&defs);
	return rc;
}

