#include "base/config.h"

#include <stdio.h>
#include <stdlib.h>

#include <ClearSilver.h>

static HDF *config_hdf;

int config_load(const char *path)
{
	HDF *hdf = NULL;
	NEOERR *err = hdf_init(&hdf);
	if (!err)
		err = hdf_read_file(hdf, path);
	if (err) {
		STRING msg;
		string_init(&msg);
		nerr_error_string(err, &msg);
		fprintf(stderr, "config: cannot read %s: %s\n", path, msg.buf ? msg.buf : "");
		string_clear(&msg);
		nerr_ignore(&err);
		hdf_destroy(&hdf);
		return -1;
	}
	config_free();
	config_hdf = hdf;
	return 0;
}

void config_free(void)
{
	if (config_hdf)
		hdf_destroy(&config_hdf);
}

const char *config_str(const char *key, const char *def)
{
	const char *v = config_hdf ? hdf_get_value(config_hdf, key, NULL) : NULL;
	return v && *v ? v : def;
}

int64_t config_int(const char *key, int64_t def)
{
	const char *v = config_str(key, NULL);
	if (!v)
		return def;
	char *end;
	long long n = strtoll(v, &end, 10);
	return *end == '\0' ? (int64_t)n : def;
}
