#include "acesso/password.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "base/utf8.h"

char *password_hash(const char *password)
{
	char *out = malloc(crypto_pwhash_STRBYTES);
	if (!out)
		return NULL;
	if (crypto_pwhash_str(out, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* A hash of a random password, made once: verifying against it costs what a real check
 * costs, so "no such account" cannot be told apart by timing. */
static const char *dummy_hash(void)
{
	static char dummy[crypto_pwhash_STRBYTES];
	if (!dummy[0]) {
		char pw[33];
		unsigned char raw[16];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(pw, sizeof pw, raw, sizeof raw);
		if (crypto_pwhash_str(dummy, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
			dummy[0] = '\0';
	}
	return dummy;
}

bool password_verify(const char *hash, const char *password)
{
	if (!password)
		return false;
	if (!hash || !*hash) {
		const char *d = dummy_hash();
		if (*d && crypto_pwhash_str_verify(d, password, strlen(password)) == 0)
			return false;  /* cannot happen: nobody knows the random password */
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* The most common passwords of breach lists, English and Brazilian; compared without
 * case. A short list keeps the check cheap; the length rule does the rest. */
static const char *const common[] = {
	"12345678", "123456789", "1234567890", "12345678910", "87654321", "11111111",
	"00000000", "12341234", "11223344", "123123123", "147258369", "123456789a",
	"password", "password1", "password123", "passw0rd", "qwertyui", "qwerty123",
	"qwertyuiop", "iloveyou", "sunshine", "princess", "football", "baseball",
	"welcome1", "abc12345", "abcd1234", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4",
	"aaaaaaaa", "asdfghjk", "zaq12wsx", "senha123", "senha1234", "senha12345",
	"minhasenha", "mudar123", "mudar@123", "brasil123", "flamengo", "corinthians",
	"palmeiras", "saopaulo", "vasco123", "botafogo", "gremio123", "cruzeiro",
	"internacional", "contabil", "contabil123", "contabilidade", "escritorio",
	"admin123", "administrador", "changeme", "letmein1", "trustno1", "master123",
	"jesus123", "deusefiel", "te amo123", "teamo123", "amorzinho", "meuamor1",
};

const char *password_policy(const char *password, size_t len)
{
	if (!password || !utf8_valid(password, len))
		return "A senha contém caracteres inválidos.";
	size_t chars = utf8_length(password, len);
	if (chars < PASSWORD_MIN_CHARS)
		return "A senha precisa ter pelo menos 8 caracteres.";
	if (chars > PASSWORD_MAX_CHARS)
		return "A senha pode ter no máximo 128 caracteres.";
	for (size_t i = 0; i < sizeof common / sizeof *common; i++)
		if (strcasecmp(password, common[i]) == 0)
			return "Essa senha é muito comum e fácil de adivinhar. Escolha outra.";
	/* One character repeated ("aaaaaaaaaa") is as weak as a common one. */
	size_t same = 1;
	for (size_t i = 1; i < len && password[i] == password[0]; i++)
		same++;
	if (same == len)
		return "Essa senha é muito fácil de adivinhar. Escolha outra.";
	return NULL;
}
