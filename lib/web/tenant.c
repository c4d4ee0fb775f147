#include "web/tenant.h"

#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/db.h"
#include "base/strbuf.h"

static int label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int tenant_slug(const char *host, char *out, size_t cap)
{
	const char *base = config_str("Tenant.BaseDomain", "localhost");
	const char *def = config_str("Tenant.Default", "demo");
	size_t hl = strcspn(host, ":"), bl = strlen(base);
	const char *slug = def;
	size_t sl = strlen(def);
	/* "<label>.<base>" names an office; every other host is the default office. */
	if (hl > bl + 1 && host[hl - bl - 1] == '.' && strncmp(host + hl - bl, base, bl) == 0) {
		size_t ll = hl - bl - 1;
		for (size_t i = 0; i < ll; i++)
			if (!label_char(host[i]))
				return 0;
		if (ll == 0 || ll > 63)
			return 0;
		slug = host;
		sl = ll;
	}
	if (sl + 1 > cap)
		return 0;
	memcpy(out, slug, sl);
	out[sl] = '\0';
	return 1;
}

static const char office_sql[] =
	"SELECT id, name, logo_version, NOT active FROM offices WHERE slug = ?";

int tenant_resolve(struct request *r)
{
	char slug[64];
	if (!tenant_slug(r->host_lc, slug, sizeof slug))
		return 0;
	struct db_stmt *st = db_prepare(r->db, office_sql);
	if (!st)
		return -1;
	db_bind_str(st, 0, slug);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	r->office.id = db_col_i64(st, 0);
	r->office.name = strdup(db_col(st, 1));
	r->office.slug = strdup(slug);
	r->office.disabled = db_col_i64(st, 3) != 0;
	if (db_col(st, 2) && !(r->office.logo_version = strdup(db_col(st, 2))))
		return -1;
	return r->office.name && r->office.slug ? 1 : -1;
}

char *tenant_base_url(const struct office *o)
{
	const char *def = config_str("Tenant.Default", "demo");
	struct strbuf url = STRBUF_INIT;
	if (strcmp(o->slug, def) == 0) {
		sb_puts(&url, config_str("Http.BaseUrl", "https://localhost:8443"));
	} else {
		/* Http.OfficeUrl holds "{office}" where the slug goes. */
		const char *t = config_str("Http.OfficeUrl", "https://{office}.localhost:8443");
		const char *mark = strstr(t, "{office}");
		if (mark) {
			sb_append(&url, t, (size_t)(mark - t));
			sb_puts(&url, o->slug);
			sb_puts(&url, mark + 8);
		} else {
			sb_puts(&url, t);
		}
	}
	return sb_detach(&url);
}
