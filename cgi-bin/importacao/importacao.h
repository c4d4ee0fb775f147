/* importacao: spreadsheets of clients into the registry (nginx location /importacao). */
#ifndef IMPORTACAO_H
#define IMPORTACAO_H

#include <stdbool.h>
#include <stdint.h>

#include "web/app.h"
#include "web/form.h"
#include "web/request.h"

extern const struct form_rule acao_rules[], importar_rules[], mapa_rules[], resultado_rules[],
	modelo_rules[];

int inicio_get(struct request *r, const struct form *in);
int enviar_post(struct request *r, const struct form *in);
int modelo_get(struct request *r, const struct form *in);
int importacao_get(struct request *r, const struct form *in);
int mapa_post(struct request *r, const struct form *in);
int importar_post(struct request *r, const struct form *in);
int desfazer_post(struct request *r, const struct form *in);
int resultado_get(struct request *r, const struct form *in);

/* The import of the path (/importacao/N...) of the request's office, as the pages use it. */
struct import {
	int64_t id, file_id, default_responsible;
	char *file_name, *format, *encoding, *delimiter, *mapping, *update_fields, *types, *tag,
	     *status, *error;
	int64_t sheet, phase, size, total_rows, rows_done;
	bool update, key_email, erase, skip_invalid, active, restore;
};

/* 1 loaded; 0 when the office has no such import (the 404 page is sent); -1. */
int import_load(struct request *r, int64_t id, struct import *im);
void import_free(struct import *im);
/* The import's row into Import.* of the page (counts formatted, dates for people). */
int import_to_page(struct request *r, int64_t id);
/* The mapping page (draft or checked import) with the given status (400 with a flash
 * message when a choice was refused). */
int mapa_page(struct request *r, const struct import *im, int status);
/* Import.MaxBytes: the largest file taken. */
size_t import_max_bytes(void);

#endif
