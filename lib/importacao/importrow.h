/* importrow: one row of an imported spreadsheet, its columns placed by colmap, turned into
 * the fields the client form takes (so the record is validated by the form's own rules,
 * client_from_fields and custom_from_fields, with the form's messages). What a form
 * never sees is settled here: "Situação" as Ativo/Inativo/A/I/Sim/Não, "Tipo" as
 * PF/PJ/Pessoa física/Jurídica/Estrangeiro (or, when absent, from the document),
 * registration types as a list, regimes by their names, custom yes/no attributes, and the
 * leading zeros Excel drops from a document typed as a number (put back when the padded
 * document passes its check digits) or from a CEP (seven digits: one zero put back); the
 * row is then "corrigido". */
#ifndef PORTAL_IMPORTROW_H
#define PORTAL_IMPORTROW_H

#include <stdbool.h>
#include <stddef.h>

#include "cadastro/client.h"
#include "importacao/colmap.h"
#include "cadastro/custom.h"
#include "base/fields.h"
#include "base/strbuf.h"

#define IMPORTROW_ERRORS_MAX 8   /* a row reports at most this many of its own errors */

/* What a row lacks, for new records (the import's options). */
struct importrow_defaults {
	bool active;          /* when no status column (or it is empty) */
	bool types[4];        /* cliente, fornecedor, prestador, prospect: when no type column */
};

struct importrow {
	struct fields form;   /* the client form's fields (client_cols[].field, extra_<id>) */
	const char *tags;     /* the tags cell, or NULL (this and the next point into cells) */
	const char *responsible;   /* the responsável cell (a staff member's name or e-mail) */
	bool has[CLIENT_NCOLS];   /* which of the record's fields the row gave (CL_* index), for
			       * "update existing records": an absent column changes nothing */
	bool corrected;       /* a document's or a CEP's leading zeros were put back */
	struct strbuf notes;  /* what was corrected, for the result file */
	size_t nerrors;       /* the row's own errors (values no form has a rule for) */
	size_t error_col[IMPORTROW_ERRORS_MAX];   /* the column of each */
	const char *error[IMPORTROW_ERRORS_MAX];  /* static messages */
};

/* Builds out (zeroed first; importrow_free it) from the row's cells (ncells of them; a
 * column past the row's end is empty) placed by map (ncols columns). extra: the office's
 * custom attributes, for the kinds of the mapped ones (NULL: none). 0, or -1 when memory
 * runs out. */
int importrow_build(struct importrow *out, const struct colmap_target *map, size_t ncols,
		    const char *const *cells, size_t ncells, const struct custom_set *extra,
		    const struct importrow_defaults *d);
void importrow_free(struct importrow *r);

/* "sim", "S", "x", "1", "Ativo", "A", "verdadeiro"... 1; "não", "N", "0", "Inativo", "I",
 * "falso"... 0; anything else -1. */
int importrow_yes_no(const char *v);

/* Puts back the leading zeros a spreadsheet dropped from a document typed as a number
 * (a digit string shorter than a CPF or a CNPJ, however many zeros) when the padded form
 * passes the check digits; kind "PF" or "PJ" settles which when both could be (nine
 * digits always can: with that many zeros the check digits of both agree), else a CPF
 * is tried first. A document already whole for its kind is left alone. Writes the bare
 * document into out and returns true when it put zeros back. */
bool importrow_pad_document(const char *v, const char *kind, char out[16]);

#endif
