#include "cadastro/audit.h"

#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "base/strbuf.h"
#include "cadastro/client.h"

static const char event_sql[] =
	"INSERT INTO audit_events (office_id, at, user_id, actor, channel, action, entity,"
	" entity_id, address, request_id)"
	" VALUES (?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)";

static const char change_sql[] =
	"INSERT INTO audit_changes (event_id, field, old_value, new_value) VALUES (?, ?, ?, ?)";

int64_t audit_event(struct request *r, const char *channel, const char *action,
		    const char *entity, int64_t entity_id, int64_t user_id, const char *actor,
		    const struct audit_change *changes, size_t nchanges)
{
	if (!user_id && r->session)
		user_id = r->session->user_id;
	if (!actor)
		actor = request_actor(r);
	struct db_stmt *st = db_prepare(r->db, event_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (user_id)
		db_bind_i64(st, 1, user_id);
	else
		db_bind_null(st, 1);
	db_bind_str(st, 2, actor);
	db_bind_str(st, 3, channel);
	db_bind_str(st, 4, action);
	db_bind_str(st, 5, entity);
	if (entity_id)
		db_bind_i64(st, 6, entity_id);
	else
		db_bind_null(st, 6);
	db_bind_str(st, 7, r->remote_addr);
	db_bind_str(st, 8, r->request_id);
	if (db_exec(st) < 0)
		return -1;
	int64_t id = (int64_t)db_insert_id(st);
	for (size_t i = 0; i < nchanges; i++) {
		struct db_stmt *c = db_prepare(r->db, change_sql);
		if (!c)
			return -1;
		db_bind_i64(c, 0, id);
		db_bind_str(c, 1, changes[i].field);
		db_bind_str(c, 2, changes[i].old_value);
		db_bind_str(c, 3, changes[i].new_value);
		if (db_exec(c) < 0)
			return -1;
	}
	return id;
}

/* Rows of a multi-row INSERT: at most this many at once (placeholders stay far below the
 * server's 65,535). */
#define MANY_ROWS 500

static int insert_changes(struct request *r, const int64_t *event_ids,
			  const struct audit_change *const *changes, const size_t *nchanges, size_t n)
{
	struct strbuf sql = STRBUF_INIT;
	size_t total = 0, i = 0, k = 0;
	for (size_t e = 0; e < n; e++)
		total += nchanges[e];
	int rc = 0;
	while (rc == 0 && total > 0) {
		size_t rows = total < MANY_ROWS ? total : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT INTO audit_changes (event_id, field, old_value, new_value) VALUES ");
		struct db_stmt *st = db_put_rows(&sql, "(?, ?, ?, ?)", rows) == 0
				     ? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; j++) {
			while (k >= nchanges[i]) {
				i++;
				k = 0;
			}
			const struct audit_change *c = &changes[i][k++];
			db_bind_i64(st, (unsigned)(4 * j), event_ids[i]);
			db_bind_str(st, (unsigned)(4 * j + 1), c->field);
			db_bind_str(st, (unsigned)(4 * j + 2), c->old_value);
			db_bind_str(st, (unsigned)(4 * j + 3), c->new_value);
		}
		rc = db_exec(st);
		total -= rows;
	}
	sb_free(&sql);
	return rc;
}

int audit_event_many(struct request *r, const char *channel, const char *action,
		     const char *entity, const int64_t *entity_ids, size_t n,
		     const struct audit_change *const *changes, const size_t *nchanges)
{
	if (n == 0)
		return 0;
	int64_t *ids = calloc(n, sizeof *ids);
	if (!ids)
		return -1;
	int rc = 0;
	if (!db_autoinc_consecutive(r->db)) {
		/* Ids not known from one INSERT: one event at a time. */
		for (size_t e = 0; e < n && rc == 0; e++)
			rc = audit_event(r, channel, action, entity, entity_ids[e], 0, NULL, changes[e],
					 nchanges[e]) < 0 ? -1 : 0;
		free(ids);
		return rc;
	}
	int64_t user_id = r->session ? r->session->user_id : 0;
	const char *actor = request_actor(r);
	struct strbuf sql = STRBUF_INIT;
	for (size_t done = 0; rc == 0 && done < n;) {
		size_t rows = n - done < MANY_ROWS ? n - done : MANY_ROWS;
		sb_reset(&sql);
		sb_puts(&sql, "INSERT INTO audit_events (office_id, at, user_id, actor, channel, action,"
			" entity, entity_id, address, request_id) VALUES ");
		struct db_stmt *st =
			db_put_rows(&sql, "(?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)", rows) == 0
			? db_prepare_text(r->db, sql.buf) : NULL;
		if (!st) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; j++) {
			unsigned b = (unsigned)(9 * j);
			db_bind_i64(st, b, r->office.id);
			if (user_id)
				db_bind_i64(st, b + 1, user_id);
			else
				db_bind_null(st, b + 1);
			db_bind_str(st, b + 2, actor);
			db_bind_str(st, b + 3, channel);
			db_bind_str(st, b + 4, action);
			db_bind_str(st, b + 5, entity);
			db_bind_i64(st, b + 6, entity_ids[done + j]);
			db_bind_str(st, b + 7, r->remote_addr);
			db_bind_str(st, b + 8, r->request_id);
		}
		if (db_exec(st) < 0) {
			rc = -1;
			break;
		}
		int64_t first = (int64_t)db_insert_id(st);
		for (size_t j = 0; j < rows; j++)
			ids[done + j] = first + (int64_t)j;
		done += rows;
	}
	sb_free(&sql);
	if (rc == 0)
		rc = insert_changes(r, ids, changes, nchanges, n);
	free(ids);
	return rc;
}

/* ------------------------------------------------------------ reading it back */

const struct audit_action audit_actions[] = {
	/* records of the registry */
	{ "create", "Criação", "criou o cadastro" },
	{ "update", "Alteração", "alterou" },
	{ "trash", "Lixeira", "moveu para a lixeira" },
	{ "restore", "Restauração", "restaurou da lixeira" },
	{ "purge", "Exclusão definitiva", "excluiu definitivamente" },
	{ "activate", "Ativação", "ativou" },
	{ "deactivate", "Desativação", "desativou" },
	{ "tag", "Etiquetas", "alterou as etiquetas" },
	{ "import_undo", "Importação desfeita", "desfez a importação" },
	/* the client portal and the update links */
	{ "portal_user_add", "Acesso ao portal criado", "criou um acesso ao portal do cliente" },
	{ "portal_access_sent", "E-mail de acesso ao portal", "enviou o e-mail de acesso ao portal" },
	{ "portal_reset_sent", "Portal: pedido de nova senha", "pediu um link para trocar a senha do portal" },
	{ "portal_password_set", "Portal: senha criada", "criou a senha do portal" },
	{ "portal_block", "Portal: acesso bloqueado", "bloqueou um acesso ao portal" },
	{ "portal_unblock", "Portal: acesso desbloqueado", "desbloqueou um acesso ao portal" },
	{ "portal_reset_throttled", "Portal: pedidos de nova senha demais", "pediu novas senhas do portal demais" },
	{ "update_link_sent", "Link de atualização enviado", "enviou um link de atualização de cadastro" },
	{ "update_link_revoked", "Link de atualização revogado", "revogou o link de atualização" },
	{ "update_link_used", "Link de atualização usado", "usou o link de atualização" },
	{ "update_link_staged", "Alterações enviadas para aprovação", "enviou alterações para aprovação" },
	{ "update_link_decided", "Alterações do link decididas", "decidiu as alterações enviadas pelo link" },
	/* honorários */
	{ "generate_fees", "Honorários gerados", "gerou honorários" },
	{ "pay", "Pagamento registrado", "registrou um pagamento" },
	{ "cancel", "Honorário cancelado", "cancelou um honorário" },
	{ "reopen", "Honorário reaberto", "reabriu um honorário" },
	{ "collection", "Situação da cobrança", "mudou a situação da cobrança" },
	{ "note", "Anotação no honorário", "anotou no honorário" },
	{ "reajuste", "Reajuste", "reajustou" },
	{ "write_off", "Saldo abatido", "abateu o saldo de um honorário" },
	/* the team and the office */
	{ "login", "Entrada", "entrou" },
	{ "logout", "Saída", "saiu" },
	{ "login_code_refused", "Código de verificação recusado", "errou o código de verificação" },
	{ "password_reset", "Troca de senha", "trocou a senha pelo link" },
	{ "password_reset_requested", "Pedido de nova senha", "pediu uma nova senha" },
	{ "password_reset_throttled", "Pedidos de nova senha demais", "pediu novas senhas demais" },
	{ "password_change", "Senha alterada", "alterou a senha" },
	{ "session_ended", "Sessões encerradas", "encerrou as outras sessões" },
	{ "second_factor_on", "Segundo fator ativado", "ativou o segundo fator" },
	{ "second_factor_reset", "Segundo fator redefinido", "redefiniu o segundo fator" },
	{ "invite", "Convite à equipe", "convidou para a equipe" },
	{ "invite_resent", "Convite reenviado", "reenviou o convite" },
	{ "invite_accepted", "Convite aceito", "aceitou o convite" },
	{ "role_change", "Papel alterado", "alterou o papel" },
	{ "reactivate", "Reativação", "reativou" },
	{ "logo_update", "Logotipo alterado", "alterou o logotipo" },
	{ "logo_remove", "Logotipo removido", "removeu o logotipo" },
	{ "holiday_add", "Feriado incluído", "incluiu um feriado" },
	{ "holiday_remove", "Feriado removido", "removeu um feriado" },
	{ "office_create", "Escritório criado", "criou o escritório" },
	{ "office_enable", "Escritório reativado", "reativou o escritório" },
	{ "office_disable", "Escritório suspenso", "suspendeu o escritório" },
};
const size_t audit_nactions = sizeof audit_actions / sizeof *audit_actions;

static const struct audit_action *action_of(const char *code)
{
	for (size_t i = 0; code && i < audit_nactions; i++)
		if (!strcmp(code, audit_actions[i].code))
			return &audit_actions[i];
	return NULL;
}

const char *audit_action_label(const char *code)
{
	const struct audit_action *a = action_of(code);
	return a ? a->label : NULL;
}

const char *audit_action_phrase(const char *code)
{
	const struct audit_action *a = action_of(code);
	return a ? a->phrase : NULL;
}

static const struct {
	const char *code, *label;
	const char *page;   /* the record's page: prefix of its id, or the page itself */
	char kind;          /* 'i' page + id, 'c' the client's page, 'p' the page */
} entities[] = {
	{ "client", "Cliente", "/clientes/", 'i' },
	{ "fee", "Honorário", "/honorarios/", 'i' },
	{ "fee_plan", "Plano de honorários", "/honorarios/planos/", 'i' },
	{ "staff_user", "Pessoa da equipe", "/equipe/", 'i' },
	{ "portal_user", "Acesso ao portal", "/clientes/", 'c' },
	{ "office", "Escritório", "/escritorio", 'p' },
	{ "custom_field", "Campo personalizado", "/clientes/campos", 'p' },
	{ "import", "Importação", "/importacao/", 'i' },
};

const char *audit_entity_label(const char *entity)
{
	for (size_t i = 0; entity && i < sizeof entities / sizeof *entities; i++)
		if (!strcmp(entity, entities[i].code))
			return entities[i].label;
	return NULL;
}

bool audit_entity_link(const char *entity, int64_t id, int64_t client_id, struct strbuf *out)
{
	sb_reset(out);
	for (size_t i = 0; entity && i < sizeof entities / sizeof *entities; i++) {
		if (strcmp(entity, entities[i].code) != 0)
			continue;
		int64_t n = entities[i].kind == 'c' ? client_id : id;
		if (entities[i].kind != 'p' && !n)
			return false;
		sb_puts(out, entities[i].page);
		if (entities[i].kind != 'p')
			sb_printf(out, "%lld", (long long)n);
		return out->buf != NULL;
	}
	return false;
}

/* The fields of records other than a client's (a client's are its columns). */
static const char *const fields[][2] = {
	{ "trashed", "Lixeira" }, { "tags", "Etiquetas" }, { "portal_login", "Login do portal" },
	{ "update_link", "Link enviado para" }, { "update_message", "Mensagem do link" },
	{ "update_approval", "Aprovação das alterações" },
	/* fees and their plans */
	{ "status", "Situação" }, { "payment", "Pagamento" }, { "paid_on", "Pago em" },
	{ "method", "Forma de pagamento" }, { "cancel_reason", "Motivo do cancelamento" },
	{ "payments_removed", "Pagamentos desfeitos" }, { "note", "Anotação" },
	{ "payments_kept", "Pagamentos mantidos" }, { "written_off", "Saldo abatido" },
	{ "writeoff_reason", "Motivo do abatimento" },
	{ "amount", "Valor" }, { "fees", "Honorários gerados" },
	{ "description", "Descrição" }, { "due_day", "Dia do vencimento" },
	{ "due_next_month", "Vence no mês seguinte" }, { "start_month", "Início" },
	{ "end_month", "Fim" }, { "active", "Ativo" }, { "thirteenth", "13º honorário" },
	{ "thirteenth_month", "Mês do 13º" },
	/* the team, the office, custom attributes */
	{ "name", "Nome" }, { "role", "Papel" }, { "password", "Senha" },
	{ "segundo_fator", "Segundo fator" }, { "trade_name", "Nome fantasia" },
	{ "cnpj", "CNPJ" }, { "address", "Endereço" }, { "city", "Cidade" }, { "uf", "UF" },
	{ "cep", "CEP" }, { "contact_email", "E-mail de contato" }, { "phone", "Telefone" },
	{ "require_second_factor", "Segundo fator obrigatório" }, { "pix_key", "Chave PIX" },
	{ "pix_name", "Nome do recebedor PIX" }, { "pix_city", "Cidade do recebedor PIX" },
	{ "logo", "Logotipo" }, { "holiday", "Feriado" },
	{ "client_editable", "O cliente pode alterar" },
};

const char *audit_field_label(const char *entity, const char *field)
{
	if (!field)
		return NULL;
	if (!strncmp(field, "extra.", 6))
		return field + 6;   /* a custom attribute, by its name */
	bool client = !entity || !strcmp(entity, "client");
	for (int i = 0; client && i < CLIENT_NCOLS; i++)
		if (!strcmp(client_cols[i].column, field))
			return client_cols[i].label;
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (!strcmp(field, fields[i][0]))
			return fields[i][1];
	for (int i = 0; i < CLIENT_NCOLS; i++)
		if (!strcmp(client_cols[i].column, field))
			return client_cols[i].label;
	return NULL;
}
