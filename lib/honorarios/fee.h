/* fee: one fee (honorário) and what staff do to it — register a payment, cancel, reopen,
 * send to collection — each in the caller's transaction, audited, and written as a note
 * on the client's timeline. Money is integer centavos throughout. */
#ifndef PORTAL_FEE_H
#define PORTAL_FEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

/* A competência as one number: year × 12 + month − 1 (months add and compare). */
static inline int ym_of(int y, int m) { return y * 12 + m - 1; }
static inline int ym_year(int ym) { return ym / 12; }
static inline int ym_month(int ym) { return ym % 12 + 1; }
/* "01/2026" or "1/2026" (years 2000..2099). */
bool ym_parse(const char *s, int *ym);
void ym_format(int ym, char *out, size_t cap);       /* "01/2026" */
void ym_sql(int ym, char *out, size_t cap);          /* "2026-01-01" */
bool ym_from_sql(const char *s, int *ym);            /* "2026-01-01" (day ignored) */
#define YM_TEXT 12

/* A fee as every list names it (SQL, over the fees columns with prefix t: "f." or ""):
 * a 13º reads "13º honorário 2026" (the year of its competência), any other its
 * description, so a monthly fee and a 13º due the same day do not look like one fee
 * charged twice. */
#define FEE_LABEL_SQL(t) \
	"IF(" t "kind = '13', CONCAT('13º honorário ', YEAR(" t "competencia)), " t "description)"

/* Statuses as stored, and as people read them. An unpaid fee past its due date reads
 * "Vencido" (never stored: it depends on today). */
const char *fee_status_label(const char *status, bool overdue);
bool fee_unpaid_status(const char *status);   /* aberto, negativado, cobranca */

enum fee_method { FEE_PIX, FEE_BOLETO, FEE_TRANSFER, FEE_CASH, FEE_CARD, FEE_NMETHODS };
extern const char *const fee_method_names[];   /* "pix", ..., NULL-terminated (form choices) */
const char *fee_method_label(const char *stored);

struct fee {
	int64_t id, client_id, plan_id, amount, paid;
	int64_t written_off;                  /* the rest written off (fee_write_off) */
	int version;
	char competencia[11], due_date[11];   /* "2026-01-01" */
	char status[12];
	char *description, *client_name;      /* owned */
};

/* The fee id of the request's office: 1, 0 when there is none (or another office's), -1. */
int fee_load(struct request *r, int64_t id, struct fee *f);
void fee_free(struct fee *f);

/* A payment of amount centavos on date (ISO) by method. Refused (the message in *why,
 * static Portuguese) when the fee is not unpaid or the amount is more than what is
 * left. Settles the fee when it pays the rest. 1 done, 0 refused, -1 error. */
int fee_pay(struct request *r, const struct fee *f, const char *date, int64_t amount,
	    const char *method, const char **why);
/* The same, recorded with the payment form's key (FEE_FORM_KEY bytes, the SHA-256 of the
 * form's token; NULL: none): unique in the office, so a form is paid at most once. */
#define FEE_FORM_KEY 32
int fee_pay_keyed(struct request *r, const struct fee *f, const char *date, int64_t amount,
		  const char *method, const unsigned char *key, const char **why);
/* The payment the office recorded with a form's key: 1 with its fee in *fee_id and
 * whether it settled the fee in *settled, 0 when none, -1. Read in the transaction's
 * snapshot, without locks (a locking read here would take a gap lock that the payment's
 * own INSERT then waits on, deadlocking two payments of the office); committed: read as
 * committed now (a locking read — only where nothing is inserted after it), to see a
 * payment of the same form that another request committed meanwhile. */
int fee_payment_by_key(struct request *r, const unsigned char *key, bool committed,
		       int64_t *fee_id, bool *settled);
/* Cancels an unpaid fee (reason required by the caller); a partly paid one keeps its
 * payments (listed in the note). 1, 0 refused, -1. */
int fee_cancel(struct request *r, const struct fee *f, const char *reason, const char **why);
/* "Abater o saldo": a partly paid fee is settled with what was paid, its rest written
 * off for a reason (required by the caller). 1, 0 refused (*why), -1. */
int fee_write_off(struct request *r, const struct fee *f, const char *reason, const char **why);
/* A cancelled fee (its payments, if any, kept), a written-off one (the write-off undone,
 * the payments kept), or a received one (its payments are removed and listed in the
 * audit) becomes unpaid again. 1, 0 refused, -1. */
int fee_reopen(struct request *r, const struct fee *f, const char **why);
/* An unpaid fee to "negativado", "cobranca" or back to "aberto". 1, 0 refused, -1. */
int fee_set_collection(struct request *r, const struct fee *f, const char *status,
		       const char **why);
/* Moves the office's fee version (client_counts.fee_version): what workers remember of
 * the fees is then read again. Once in each transaction that changes fees or plans. */
int fee_version_bump(struct request *r);

/* Whether a client of the request's office has fees (then its record is never purged:
 * the office's money history stays). 1, 0, -1. */
int fee_client_has_fees(struct request *r, int64_t client_id);

/* A note about the fee on the client's timeline (and the fee's audit). 1, -1. */
int fee_note(struct request *r, const struct fee *f, const char *text);

#endif
