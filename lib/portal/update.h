/* update: "Atualizar cadastro" — the requests behind the signed links (lib/portal/signlink.h)
 * that let a client update its own data: made and e-mailed (the client's open ones
 * revoked), checked (expired, used, revoked), opened, completed with what they changed,
 * revoked; listed with their state on the staff profile. */
#ifndef PORTAL_UPDATE_H
#define PORTAL_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

#define UPDATE_PURPOSE "atualizar"
/* The message's text when the office wrote none (offices.update_message). */
#define UPDATE_DEFAULT_MESSAGE \
	"Estamos atualizando o nosso cadastro de clientes e gostaríamos de pedir a sua ajuda: " \
	"confira os seus dados e corrija o que tiver mudado. Leva um minuto."

struct signlink;
struct audit_change;

/* A new request and link for the client of r->office, its message (text and HTML: the
 * office's text, a button) in the outbox, the client's earlier open links revoked; in the
 * caller's transaction, audited. 1 sent, 0 not (no e-mail, in the trash, none such), -1. */
int update_request_send(struct request *r, int64_t client_id);
/* The same for n clients, their links signed several at a time, the requests marked as
 * the sending job's (0: none): the number sent, or -1 (then the caller rolls back: no row
 * without its message). */
int update_request_send_many(struct request *r, int64_t job, const int64_t *client_ids, size_t n);

/* The anonymous link pages' limit: the hit counted, then 1 when this address made more
 * than Links.MaxPerAddress in this window of Links.WindowMinutes, else 0; -1 on error. */
int update_rate_limited(struct request *r);

/* The row of a verified link (of r->office): 1 usable; 0 not, *why "expirado", "usado",
 * "revogado" or "invalido"; -1. lock: FOR UPDATE, for the transaction that completes it. */
int update_request_usable(struct request *r, const struct signlink *p, bool lock,
			  const char **why);
/* The form was shown: opened_at, the first time. 0 or -1. */
int update_request_opened(struct request *r, int64_t id);
/* The link used: its changes recorded (state "aplicada", or "pendente" when staged). 0, -1. */
int update_request_complete(struct request *r, int64_t id, const struct audit_change *ch,
			    size_t n, bool staged);
/* Staff revoke an open request of the client: 1, 0 (none such, or not open), -1. */
int update_request_revoke(struct request *r, int64_t client_id, int64_t id);

/* The client's requests, newest first, into the page data under prefix: id, sent,
 * expires, state (enviado, entregue, aberto, concluído, à espera de aprovação, expirado,
 * revogado), changes, open ("1" while it can be revoked), by. The count or -1. */
int update_requests_to_page(struct request *r, int64_t client_id, const char *prefix);

/* The client's changes waiting for approval (offices.update_approval), into the page data
 * under prefix, one group per link: request, at, and Changes.N: field, label, old, new (as
 * people read them). The number of groups or -1. */
int update_pending_to_page(struct request *r, int64_t client_id, const char *prefix);
/* The custom attribute's id a change's field names ("extra:<id>"), or 0. */
int64_t update_extra_id(const char *field);
/* Staff decide one request's pending changes: those approve() says yes to are applied to
 * the record (channel "link", one audit event), the others rejected; each decision
 * recorded with who and when. In the caller's transaction. 1 done, 0 nothing pending
 * (or not this client's), -1 (also when the record could not be saved). */
int update_decide(struct request *r, int64_t client_id, int64_t request_id,
		  bool (*approve)(struct request *r, const char *field));

/* A sending (the job that sent many links; its requests name it). The states of a request
 * in the order pages show them, NULL-ended. */
extern const char *const update_states[];
#define UPDATE_SENDING_PAGE 100
/* Into the page data: Sending.total, Sending.chase (whom update_sending_resend reaches),
 * Sending.unreachable (links still open whose client is in the trash or has no e-mail
 * now), Sending.State.i and Sending.Count.i (how many
 * in update_states[i]), and Sending.Rows.N (client, name, email, state, completed,
 * changes) of the given state ("" all), page (from 0) of UPDATE_SENDING_PAGE, by name.
 * The number of rows, or -1. */
int update_sending_to_page(struct request *r, int64_t job, const char *state, int64_t page);
/* The clients of the sending job whose links are still open or expired unused (not in the
 * trash, with an e-mail) as the items of new_job: their count, or -1. */
int update_sending_resend(struct request *r, int64_t job, int64_t new_job);

#endif
