/* busca: the WHERE and ORDER BY of the client list from its validated inputs (q, status,
 * tipo, pessoa, regime, responsavel, etiqueta, ordem). */
#ifndef CADASTRO_BUSCA_H
#define CADASTRO_BUSCA_H

#include <stdbool.h>
#include <stdint.h>

#include "form.h"
#include "request.h"

struct db_stmt;

/* One bound parameter of the query being put together. */
struct param {
	bool is_int;
	int64_t i;
	char *s;   /* owned */
};

struct query {
	struct strbuf where;   /* " AND ..." fragments, all ours */
	struct param p[24];
	size_t np;
	bool filtered;         /* anything beyond the status filter */
};

/* q->where gets " AND ..." fragments over clients c; the first parameter is the office. */
void query_build(struct request *r, const struct form *in, bool trash, struct query *q);
void query_add_int(struct query *q, int64_t v);
void query_add_str(struct query *q, const char *v);
void query_bind(struct db_stmt *st, const struct query *q);
void query_free(struct query *q);
const char *query_order(const char *ordem);

#endif
