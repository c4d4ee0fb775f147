/* colmap: where each column of an imported spreadsheet goes, guessed from its header —
 * the registry's own labels and field names (so our export comes back whole), the
 * office's custom attributes, the Portuguese names offices give their columns ("Razão
 * Social", "CPF/CNPJ", "Celular", "Situação"...) and a popular helpdesk suite's template
 * (Nome, cpfCnpj, fantasia, foneComercial, status, tipoRegistro, etiqueta). Headers are
 * compared folded: no accents, case, spaces or punctuation ("Nome/Razão Social" is
 * "nomerazaosocial"). Passwords and logins are recognised so that they are never
 * imported. */
#ifndef PORTAL_COLMAP_H
#define PORTAL_COLMAP_H

#include <stddef.h>

enum colmap_kind {
	COLMAP_NONE,     /* not recognised: left out unless the user picks a target */
	COLMAP_FIELD,    /* a field of the record: field is its CL_* index */
	COLMAP_CUSTOM,   /* one of the office's custom attributes: custom is its index */
	COLMAP_TAGS,     /* tags, separated by commas or semicolons */
	COLMAP_TYPES,    /* registration types as a list ("cliente, prestador_servico") */
	COLMAP_SECRET,   /* a password or a login: never imported, and the preview says so */
};

struct colmap_target {
	enum colmap_kind kind;
	int field;       /* COLMAP_FIELD */
	size_t custom;   /* COLMAP_CUSTOM */
};

/* The targets of a header row: out[i] for headers[i] (n of them). Each target goes to one
 * column at most: a header that could be two things ("Cliente": the name, or the flag
 * of our export) takes the one no other column of the row claims more surely, and a
 * second column for a taken target is left COLMAP_NONE. custom_names are the office's
 * active custom attributes (ncustom of them), matched by name before the synonyms. */
void colmap_guess(const char *const *headers, size_t n, const char *const *custom_names,
		  size_t ncustom, struct colmap_target *out);

/* The folded form of a header into out (cap bytes, NUL-terminated, cut to fit); its
 * length. */
size_t colmap_fold(const char *header, char *out, size_t cap);

/* For the mapping page: the target's name in Portuguese ("Nome / razão social",
 * "Etiquetas", "não importado: senha ou login", the custom attribute's name...). */
const char *colmap_label(const struct colmap_target *t, const char *const *custom_names,
			 size_t ncustom);

#endif
