/* roles: the database accounts of the portal, one per role, made and granted by the
 * migrations' runner (portalctl migrate) through an administrator's connection
 * (Db.Admin.User: root of a local stack, or Debian's root over its socket).
 *
 *   Db.User                 the migrations: DDL on the portal's database, no more
 *   Db.Roles.Programs.User  the FastCGI programs: SELECT, INSERT, UPDATE, DELETE on each
 *                           of the portal's tables but schema_migrations
 *   Db.Roles.Worker.User    the worker (portalctl worker): the same as the programs
 *   Db.Roles.Backup.User    mariabackup: RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR
 *
 * Each with its password (Db.Password, Db.Roles.<Role>.Password), set again on every run
 * (a changed password in the file is a rotation). No account gets FILE, SUPER, GRANT
 * OPTION, or DROP but the migrations'. All are 'user'@'localhost': the socket only. */
#ifndef PORTALCTL_ROLES_H
#define PORTALCTL_ROLES_H

#include <stdbool.h>

struct db;

/* Whether the configuration names an administrator (Db.Admin.User): without one,
 * migrate applies the schema as Db.User and makes no accounts (an older install). */
bool roles_configured(void);
/* Before the migrations: every account made (or its password set) and the global and
 * database-wide grants given. 0 or -1 (the reason on stderr). */
int roles_ensure(struct db *admin);
/* After the migrations: the programs' and the worker's grants on every table there is
 * now. 0 or -1. */
int roles_grant_tables(struct db *admin);

#endif
