/* client: the registry's record — its columns, validation of typed input into stored
 * form, display formatting, and the database operations every channel (staff pages,
 * import, client portal, update links) shares: insert, update with optimistic locking,
 * trash, restore, purge, the search words and the office's counts, with audit rows. */
#ifndef PORTAL_CLIENT_H
#define PORTAL_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/fields.h"
#include "web/request.h"

struct custom_set;

enum client_kind_col {
	CC_KIND,     /* PF, PJ, EX */
	CC_TEXT,     /* one line */
	CC_LONG,     /* several lines */
	CC_DOC,      /* CPF for PF, CNPJ for PJ (stored bare), free for EX */
	CC_REGIME,   /* "", mei, simples, presumido, real, imune, na */
	CC_DATE,     /* stored ISO, typed dd/mm/aaaa */
	CC_EMAIL,
	CC_EMAILS,   /* one per line */
	CC_PHONE,    /* stored as digits */
	CC_CEP,
	CC_UF,
	CC_BOOL,     /* "1" / "0" */
	CC_STAFF,    /* a staff member's id, or "" */
};

struct client_col {
	const char *column;   /* in table clients */
	const char *field;    /* the form field and CSV header (Portuguese) */
	const char *label;    /* for people */
	enum client_kind_col kind;
	size_t max;           /* characters */
	bool required;
};

enum {
	CL_KIND, CL_NAME, CL_TRADE_NAME, CL_DOCUMENT, CL_COUNTRY, CL_STATE_REG, CL_CITY_REG,
	CL_REGIME, CL_BIRTH, CL_EMAIL, CL_OTHER_EMAILS, CL_PHONE_WORK, CL_PHONE_HOME,
	CL_PHONE_MOBILE, CL_CEP, CL_STREET, CL_NUMBER, CL_COMPLEMENT, CL_DISTRICT, CL_CITY,
	CL_UF, CL_CONTACT, CL_IS_CLIENT, CL_IS_SUPPLIER, CL_IS_PROVIDER, CL_IS_PROSPECT,
	CL_ACTIVE, CL_RESPONSIBLE, CL_OBSERVATION,
	CLIENT_NCOLS
};

extern const struct client_col client_cols[CLIENT_NCOLS];

/* A record in stored form: every value a NUL-terminated string ("" when empty). */
struct client {
	int64_t id;
	unsigned version;
	bool trashed;
	char *v[CLIENT_NCOLS];
	char *created_at, *updated_at, *deleted_at;   /* "aaaa-mm-dd hh:mm:ss" UTC, when loaded */
};

struct client_errors {
	const char *msg[CLIENT_NCOLS];   /* static, in Portuguese */
	size_t n;
};

void client_free(struct client *c);
/* Typed input (form fields named client_cols[].field) into stored form. Returns 0 (see
 * errs->n) or -1 when memory runs out. Unchecked boxes are "0". */
int client_from_fields(struct client *c, const struct fields *in, struct client_errors *errs);
/* One column from typed input, by the same rules (a form that edits only some fields:
 * the client portal): c->v[col] gets the stored form, or the typed text when *err (static,
 * in Portuguese) says why it is refused. 0, or -1 when memory runs out. */
int client_set_typed(struct client *c, int col, const char *typed, const char **err);
/* The value as people read it: masked document, phone and CEP, dd/mm/aaaa date, names
 * of enumerations. Writes into out (malloc'd via strbuf); returns out's text. */
const char *client_display(const struct client *c, int col, char **out);
const char *client_regime_label(const char *stored);
const char *client_kind_label(const char *stored);
/* For the history and audit pages: a column's label, a channel's name in Portuguese. */
const char *client_field_label(const char *column);
const char *client_channel_label(const char *channel);

/* Database, in the caller's transaction. Every change writes audit rows (channel:
 * "staff", "import", "portal", "link"), keeps the search words and the counts. */
int client_load(struct request *r, int64_t id, struct client *c);   /* 1, 0 (none), -1 */
/* The office's records of ids (n of them) into out[i] (zeroed first; id 0 where there is
 * none): one statement for an import's batch. client_free each. 0 or -1. */
int client_load_many(struct request *r, const int64_t *ids, size_t n, struct client *out);
/* A save writes the record and its custom attributes (extra, NULL for none; before: the
 * values they had) and one audit event listing every field it changed. */
int64_t client_insert(struct request *r, struct client *c, const struct custom_set *extra,
		      const char *channel);
/* n new records at once (an import's batch), each exactly as client_insert writes it
 * (its words, prefixes, counts, custom values and one "create" event), in a few
 * multi-row statements; ids set in cs[i]->id. extras may be NULL, or hold NULLs. 0, -1. */
int client_insert_many(struct request *r, struct client *const *cs,
		       const struct custom_set *const *extras, size_t n, const char *channel);
/* 1 saved, 0 the record changed since `version` was read (or is gone), -1 error. */
int client_update(struct request *r, const struct client *old, struct client *c,
		  unsigned version, const struct custom_set *before, const struct custom_set *extra,
		  const char *channel);
/* The same with the audit event's action named (an import's undo is "import_undo"). */
int client_update_as(struct request *r, const struct client *old, struct client *c,
		     unsigned version, const struct custom_set *before,
		     const struct custom_set *extra, const char *channel, const char *action);
/* To the trash or back (1 done, 0 already there, -1): audited as "trash"/"restore" by
 * staff with the usual note on the timeline, or by the _as form's channel, action and note. */
int client_set_trashed(struct request *r, const struct client *c, bool trashed);
int client_set_trashed_as(struct request *r, const struct client *c, bool trashed,
			  const char *channel, const char *action, const char *note);
int client_set_active(struct request *r, const struct client *c, bool active);
/* The record's responsável (a member of the office's team; 0: nobody), audited as an
 * update of that field: 1 changed, 0 it already was, -1. */
int client_set_responsible(struct request *r, const struct client *c, int64_t staff_id);
int client_purge(struct request *r, const struct client *c);
int client_note(struct request *r, int64_t client_id, bool automatic, const char *text);
/* A note written through the client page's form, recorded with the form's key (the
 * SHA-256 of its token, CLIENT_NOTE_KEY bytes; unique in the office). 0 or -1. */
#define CLIENT_NOTE_KEY 32
int client_note_keyed(struct request *r, int64_t client_id, const char *text,
		      const unsigned char *key);
/* Whether the office has a note with the form's key (in the transaction's snapshot, no
 * locks): 1, 0, -1. */
int client_note_by_key(struct request *r, const unsigned char *key);

/* Records of the office with this bare document (except `except_id`): ids and names into
 * the page data under `prefix` (prefix.N.id, .name, .status). Returns the count or -1. */
int client_same_document(struct request *r, const char *document, int64_t except_id,
			 const char *prefix);
/* The same, the trash left out when with_trashed is false (restoring asks about these). */
int client_same_document_in(struct request *r, const char *document, int64_t except_id,
			    const char *prefix, bool with_trashed);

/* Builds the column lists of the fixed statements once per process. */
int client_init(void);

/* The letters of a search word's beginning that client_prefixes keeps (schema/009:
 * VARCHAR(4)), the SQL that cuts a client_words row's word (alias w) to them, and which
 * words have one: a search word shorter than that is never looked up by its beginning
 * (cgi-bin/cadastro/busca.c), so shorter words ("com", "br", "da") keep none
 * (schema/012). */
#define CLIENT_PREFIX_LEN 4
#define CLIENT_PREFIX_OF_WORD "LEFT(w.word, 4)"
#define CLIENT_PREFIX_WORDS "CHAR_LENGTH(w.word) >= 4"

/* clients.search_text from a client's rows of client_words (as in
 * schema/004_search_walk.sql): its words between spaces, in the column's 1500. */
#define CLIENT_SEARCH_TEXT \
	"COALESCE(LEFT(CONCAT(' ', GROUP_CONCAT(word ORDER BY word SEPARATOR ' '), ' '), 1500), '')"

#endif
