/* office: portalctl's commands for the hosting operator (create, list, disable,
 * enable offices). */
#ifndef PORTALCTL_OFFICE_H
#define PORTALCTL_OFFICE_H

struct db;

/* argv[0] is the subcommand. Returns the exit status: 0, 1 (failure), 2 (bad input). */
int office_command(struct db *db, int argc, char **argv);

#endif
