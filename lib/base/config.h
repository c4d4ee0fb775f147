/* config: the application configuration (conf/portal.hdf), read once per process. */
#ifndef PORTAL_CONFIG_H
#define PORTAL_CONFIG_H

#include <stdint.h>

/* Loads the HDF file; returns 0 or -1 (the reason on stderr). */
int config_load(const char *path);
void config_free(void);
/* A value, or def when unset or empty. The pointer lives until config_free. */
const char *config_str(const char *key, const char *def);
int64_t config_int(const char *key, int64_t def);

#endif
