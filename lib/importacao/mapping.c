/* mapping: an import's column targets as text, and the header row's key. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "importacao/mapping.h"
#include "cadastro/client.h"

int mapping_put(struct strbuf *out, const struct colmap_target *t, const struct custom_set *extra)
{
	switch (t->kind) {
	case COLMAP_FIELD:
		return sb_printf(out, "f:%s", client_cols[t->field].field);
	case COLMAP_CUSTOM:
		if (!extra || t->custom >= extra->n)
			return 0;
		return sb_printf(out, "x:%lld", (long long)extra->f[t->custom].id);
	case COLMAP_TAGS:
		return sb_puts(out, "etiquetas");
	case COLMAP_TYPES:
		return sb_puts(out, "tipos");
	case COLMAP_SECRET:
		return sb_puts(out, "segredo");
	case COLMAP_NONE:
		break;
	}
	return 0;
}

int mapping_format(struct strbuf *out, const struct colmap_target *map, size_t n,
		   const struct custom_set *extra)
{
	sb_reset(out);
	for (size_t i = 0; i < n; i++)
		if ((i && sb_putc(out, ';') < 0) || mapping_put(out, &map[i], extra) < 0)
			return -1;
	return 0;
}

static bool is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(s, word, len);
}

bool mapping_parse_one(const char *s, size_t len, const struct custom_set *extra,
		       struct colmap_target *t)
{
	memset(t, 0, sizeof *t);
	t->kind = COLMAP_NONE;
	if (len > 2 && !memcmp(s, "f:", 2)) {
		for (int i = 0; i < CLIENT_NCOLS; i++)
			if (is(s + 2, len - 2, client_cols[i].field)) {
				t->kind = COLMAP_FIELD;
				t->field = i;
				return true;
			}
		return false;
	}
	if (len > 2 && len < 24 && !memcmp(s, "x:", 2)) {
		char num[24];
		memcpy(num, s + 2, len - 2);
		num[len - 2] = '\0';
		char *end;
		long long id = strtoll(num, &end, 10);
		for (size_t i = 0; *end == '\0' && extra && i < extra->n; i++)
			if (extra->f[i].id == id) {
				t->kind = COLMAP_CUSTOM;
				t->custom = i;
				return true;
			}
		return false;
	}
	if (is(s, len, "etiquetas"))
		t->kind = COLMAP_TAGS;
	else if (is(s, len, "tipos"))
		t->kind = COLMAP_TYPES;
	else if (is(s, len, "segredo"))
		t->kind = COLMAP_SECRET;
	else
		return len == 0;
	return true;
}

void mapping_parse(const char *text, const struct custom_set *extra, struct colmap_target *map,
		   size_t n)
{
	const char *p = text ? text : "";
	for (size_t i = 0; i < n; i++) {
		size_t len = strcspn(p, ";");
		if (!mapping_parse_one(p, len, extra, &map[i]))
			map[i].kind = COLMAP_NONE;
		p += len;
		if (*p == ';')
			p++;
	}
}

void mapping_header_key(const char *const *headers, size_t n, char out[65])
{
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	char folded[256];
	for (size_t i = 0; i < n; i++) {
		size_t len = colmap_fold(headers[i] ? headers[i] : "", folded, sizeof folded);
		crypto_hash_sha256_update(&sha, (const unsigned char *)folded, len);
		crypto_hash_sha256_update(&sha, (const unsigned char *)"\n", 1);
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&sha, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}
