#include "fator.h"

#include <string.h>
#include <time.h>

#include <sodium.h>

#include "base/db.h"
#include "acesso/totp.h"

/* Crockford's base32 alphabet: no i, l, o, u; what is typed is read leniently. */
static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

/* A recovery code as typed to its 12 characters; false if it cannot be one. */
static bool recovery_normalise(const char *typed, char out[RECOVERY_CHARS + 1])
{
	size_t n = 0;
	for (const char *p = typed; *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == 'o')
			c = '0';
		else if (c == 'i' || c == 'l')
			c = '1';
		if (!strchr(alphabet, c) || c == '\0' || n == RECOVERY_CHARS)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == RECOVERY_CHARS;
}

static void recovery_hash(const char code[RECOVERY_CHARS + 1], unsigned char out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)code, RECOVERY_CHARS);
}

static const char secret_sql[] =
	"SELECT totp_secret, totp_last_counter FROM staff_users"
	" WHERE id = ? AND office_id = ? AND totp_secret IS NOT NULL FOR UPDATE";
/* The counter only moves forward: a code of a step already used is refused. */
static const char counter_sql[] =
	"UPDATE staff_users SET totp_last_counter = ? WHERE id = ? AND totp_last_counter < ?";
static const char use_recovery_sql[] =
	"UPDATE recovery_codes SET used_at = UTC_TIMESTAMP(6)"
	" WHERE user_id = ? AND code_hash = ? AND used_at IS NULL";

static int check_totp(struct request *r, int64_t user_id, const char *typed)
{
	struct db_stmt *st = db_prepare(r->db, secret_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	db_bind_i64(st, 1, r->office.id);
	if (db_exec(st) < 0)
		return -1;
	int got = db_fetch(st);
	if (got <= 0)
		return got;
	uint64_t step = 0, last = (uint64_t)db_col_i64(st, 1);
	int ok = totp_verify((const unsigned char *)db_col(st, 0), db_col_len(st, 0),
			     time(NULL), typed, &step);
	if (ok <= 0)
		return ok;
	if (step <= last)
		return 0;
	struct db_stmt *u = db_prepare(r->db, counter_sql);
	if (!u)
		return -1;
	db_bind_i64(u, 0, (int64_t)step);
	db_bind_i64(u, 1, user_id);
	db_bind_i64(u, 2, (int64_t)step);
	if (db_exec(u) < 0)
		return -1;
	return db_affected(u) == 1;
}

static int check_recovery(struct request *r, int64_t user_id, const char *typed)
{
	char code[RECOVERY_CHARS + 1];
	if (!recovery_normalise(typed, code))
		return 0;
	unsigned char hash[32];
	recovery_hash(code, hash);
	struct db_stmt *st = db_prepare(r->db, use_recovery_sql);
	if (!st)
		return -1;
	db_bind_i64(st, 0, user_id);
	db_bind_blob(st, 1, hash, sizeof hash);
	if (db_exec(st) < 0)
		return -1;
	return db_affected(st) == 1;
}

int fator_check_login(struct request *r, int64_t user_id, const char *typed, const char **how)
{
	char digits[TOTP_DIGITS + 1];
	if (totp_normalise(typed, digits)) {
		*how = "aplicativo";
		return check_totp(r, user_id, digits);
	}
	*how = "código de recuperação";
	return check_recovery(r, user_id, typed);
}

static const char delete_codes_sql[] = "DELETE FROM recovery_codes WHERE user_id = ?";
static const char insert_code_sql[] =
	"INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)";

int fator_new_recovery(struct request *r, int64_t user_id,
		       char shown[RECOVERY_CODES][RECOVERY_SHOWN + 1])
{
	struct db_stmt *del = db_prepare(r->db, delete_codes_sql);
	if (!del)
		return -1;
	db_bind_i64(del, 0, user_id);
	if (db_exec(del) < 0)
		return -1;
	for (int i = 0; i < RECOVERY_CODES; i++) {
		char code[RECOVERY_CHARS + 1];
		for (int j = 0; j < RECOVERY_CHARS; j++)
			code[j] = alphabet[randombytes_uniform(32)];
		code[RECOVERY_CHARS] = '\0';
		memcpy(shown[i], code, 4);
		shown[i][4] = '-';
		memcpy(shown[i] + 5, code + 4, 4);
		shown[i][9] = '-';
		memcpy(shown[i] + 10, code + 8, 4);
		shown[i][14] = '\0';
		unsigned char hash[32];
		recovery_hash(code, hash);
		struct db_stmt *ins = db_prepare(r->db, insert_code_sql);
		if (!ins)
			return -1;
		db_bind_i64(ins, 0, user_id);
		db_bind_blob(ins, 1, hash, sizeof hash);
		if (db_exec(ins) < 0)
			return -1;
	}
	return 0;
}

static const char remove_sql[] =
	"UPDATE staff_users SET totp_secret = NULL, totp_pending = NULL, totp_enabled_at = NULL"
	" WHERE id = ? AND office_id = ?";

int fator_remove(struct request *r, int64_t user_id)
{
	struct db_stmt *st = db_prepare(r->db, remove_sql), *del = db_prepare(r->db, delete_codes_sql);
	if (!st || !del)
		return -1;
	db_bind_i64(st, 0, user_id);
	db_bind_i64(st, 1, r->office.id);
	db_bind_i64(del, 0, user_id);
	return db_exec(st) < 0 || db_exec(del) < 0 ? -1 : 0;
}
