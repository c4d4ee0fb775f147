/* The start page after login: the office's day (honorarios/summary.h) and the areas. A
 * new office sees its first steps instead (its data, the PIX key, clients, fee plans,
 * the team), each until it is done: four cards of zeros tell a new office nothing. */
#include "acesso.h"
#include "base/db.h"
#include "honorarios/summary.h"
#include "web/page.h"

/* One row: each step done (1/0), and whether the office has any fee (its day then has
 * something to show). */
static const char steps_sql[] =
	"SELECT o.cnpj <> '' AND o.address <> '' AND o.city <> '', o.pix_key <> '',"
	" EXISTS (SELECT 1 FROM clients c WHERE c.office_id = o.id),"
	" EXISTS (SELECT 1 FROM fee_plans p WHERE p.office_id = o.id),"
	" (SELECT COUNT(*) FROM staff_users s WHERE s.office_id = o.id) > 1,"
	" EXISTS (SELECT 1 FROM fees f WHERE f.office_id = o.id)"
	" FROM offices o WHERE o.id = ?";

static const struct {
	const char *id, *title, *text, *href;
	bool admin;   /* only an admin can do it (office settings, team) */
} steps[] = {
	{ "escritorio", "Dados do escritório",
	  "CNPJ e endereço: aparecem nos recibos e no portal dos clientes.",
	  "/escritorio#t-dados", true },
	{ "pix", "Chave PIX",
	  "Para cada honorário sair com o seu código PIX de pagamento.",
	  "/escritorio#t-pix", true },
	{ "clientes", "Importar os clientes",
	  "Traga a planilha de clientes (CSV ou XLSX), ou cadastre um a um.",
	  "/importacao", false },
	{ "planos", "Planos de honorários",
	  "O valor e o vencimento de cada cliente, para gerar os honorários do mês: na "
	  "lista de clientes, marque-os e escolha \"Definir plano de honorários…\".",
	  "/clientes", false },
	{ "equipe", "Equipe",
	  "Convide quem trabalha com você: cada pessoa com o seu login.",
	  "/equipe", true },
};
#define NSTEPS (sizeof steps / sizeof *steps)

/* Steps.N.* while one is left; 1 when the office has fees, 0 when not, -1. */
static int steps_to_page(struct request *r)
{
	struct db_stmt *st = db_prepare(r->db, steps_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, r->office.id);
	if (db_exec(st) < 0 || db_fetch(st) <= 0)
		return -1;
	int left = 0;
	bool done[NSTEPS];
	for (unsigned i = 0; i < NSTEPS; i++) {
		done[i] = db_col_i64(st, i) != 0;
		left += !done[i];
	}
	int has_fees = db_col_i64(st, NSTEPS) != 0;
	if (!left)
		return has_fees;
	static const char *const names[] = { "id", "title", "text", "href", "done", "n" };
	for (unsigned i = 0; i < NSTEPS; i++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "Steps.%u", i);
		bool can = !steps[i].admin || r->session->admin;
		char n[8];
		snprintf(n, sizeof n, "%u", i + 1);
		const char *v[] = { steps[i].id, steps[i].title, steps[i].text,
				    can ? steps[i].href : NULL, done[i] ? "1" : NULL, n };
		page_set_many(r, prefix, names, v, 6);
	}
	page_set_int(r, "StepsDone", (int64_t)(NSTEPS - (size_t)left));
	page_set_int(r, "StepsTotal", (int64_t)NSTEPS);
	return has_fees;
}

int inicio_get(struct request *r, const struct form *in)
{
	(void)in;
	int has_fees = steps_to_page(r);
	if (has_fees < 0)
		return -1;
	if (has_fees && fee_home_to_page(r, "inicio_dia.cs") < 0)
		return -1;
	if (has_fees)
		page_set(r, "HasFees", "1");
	return page_render(r, 200, "inicio.cs", "Início");
}
