/* seed_clients: realistic generated clients for an office (demo data, the bench's 100,000).
 *
 * Brazilian people and companies: names with accents, valid CPF / CNPJ (10% of the CNPJs
 * alphanumeric), e-mails derived from the names, phones with the city's DDD, CEP and
 * real city/UF pairs, tax regimes, dates, flags, a responsável among the office's active
 * staff; created_at/updated_at over the last 3 years. The search words are indexed as
 * lib/cadastro/client.c does (fold_words of name, trade name, e-mails and document) and the
 * office's client_counts kept.
 *
 * Deterministic for a seed and the office's number of records before the run; documents
 * never repeat within a run, and a second run with the same seed continues the sequence
 * instead of repeating it. Multi-row prepared INSERTs, a transaction per few thousand
 * rows. No audit rows: this is generated data, not a change anyone made. */
#ifndef PORTAL_SEED_CLIENTS_H
#define PORTAL_SEED_CLIENTS_H

struct db;

#define SEED_CLIENTS_MAX 10000000L

/* Inserts count (1..SEED_CLIENTS_MAX) clients into the office with that slug and prints
 * the time taken to stdout. Returns 0, or -1 (reason on stderr; the transaction in
 * progress is rolled back, earlier ones stay committed with their counts). */
int seed_clients(struct db *db, const char *office_slug, long count, unsigned seed);

/* seed_clients only when the office has no client records at all (trash included), so
 * running it again adds nothing. Returns 0 (seeded or left alone) or -1. */
int seed_clients_if_none(struct db *db, const char *office_slug, long count, unsigned seed);

#endif
