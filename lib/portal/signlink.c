#include "portal/signlink.h"

#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gpgme.h>
#include <sodium.h>

#include "base/config.h"
#include "base/log.h"
#include "base/strbuf.h"

/* ---------------------------------------------------------------- the payload */

#define PAYLOAD_MAGIC "portal-link-v1"
#define PAYLOAD_MAX 512
#define SIGNATURE_MAX 512

/* "portal-link-v1\noffice=1\nclient=2\nrequest=3\npurpose=atualizar\nexpires=1790000000\n" */
static int payload_text(const struct signlink *p, struct strbuf *out)
{
	return sb_printf(out, PAYLOAD_MAGIC "\noffice=%lld\nclient=%lld\nrequest=%lld\npurpose=%s"
			 "\nexpires=%lld\n", (long long)p->office, (long long)p->client,
			 (long long)p->request, p->purpose, (long long)p->expires);
}

/* A positive decimal of at most 18 digits, and nothing else up to the end of its line. */
static bool number(const char **s, const char *key, int64_t *out)
{
	size_t k = strlen(key);
	if (strncmp(*s, key, k) != 0)
		return false;
	const char *q = *s + k;
	int64_t v = 0;
	int digits = 0;
	while (*q >= '0' && *q <= '9' && digits < 18) {
		v = v * 10 + (*q++ - '0');
		digits++;
	}
	if (!digits || *q != '\n' || v <= 0)
		return false;
	*out = v;
	*s = q + 1;
	return true;
}

static int payload_read(const char *text, struct signlink *p)
{
	memset(p, 0, sizeof *p);
	const char *s = text;
	if (strncmp(s, PAYLOAD_MAGIC "\n", sizeof PAYLOAD_MAGIC) != 0)
		return -1;
	s += sizeof PAYLOAD_MAGIC;
	if (!number(&s, "office=", &p->office) || !number(&s, "client=", &p->client) ||
	    !number(&s, "request=", &p->request) || strncmp(s, "purpose=", 8) != 0)
		return -1;
	s += 8;
	size_t n = 0;
	while (s[n] >= 'a' && s[n] <= 'z' && n < SIGNLINK_PURPOSE_MAX)
		n++;
	if (!n || s[n] != '\n')
		return -1;
	memcpy(p->purpose, s, n);
	p->purpose[n] = '\0';
	s += n + 1;
	if (!number(&s, "expires=", &p->expires) || *s)
		return -1;
	return 0;
}

/* base64url (no padding) of len bytes into out. */
static int put_b64(struct strbuf *out, const void *bin, size_t len)
{
	size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (sb_grow(out, cap) < 0)
		return -1;
	sodium_bin2base64(out->buf + out->len, cap, bin, len,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out->len += strlen(out->buf + out->len);
	return 0;
}

/* Decodes base64url text (exactly, no spaces) into out (cap bytes): its length or -1. */
static long get_b64(const char *text, size_t len, unsigned char *out, size_t cap)
{
	size_t got = 0;
	const char *end = NULL;
	if (sodium_base642bin(out, cap, text, len, NULL, &got, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || end != text + len)
		return -1;
	return (long)got;
}

/* The token's two parts decoded: the payload as text (NUL-terminated) and the signature. */
struct parts {
	char payload[PAYLOAD_MAX + 1];
	unsigned char sig[SIGNATURE_MAX];
	size_t sig_len;
};

static int split(const char *token, struct parts *pt)
{
	if (!token)
		return -1;
	size_t len = strnlen(token, SIGNLINK_TOKEN_MAX + 1);
	if (len > SIGNLINK_TOKEN_MAX)
		return -1;
	const char *dot = memchr(token, '.', len);
	if (!dot || dot == token || dot == token + len - 1)
		return -1;
	long n = get_b64(token, (size_t)(dot - token), (unsigned char *)pt->payload, PAYLOAD_MAX);
	if (n <= 0 || memchr(pt->payload, '\0', (size_t)n))
		return -1;
	pt->payload[n] = '\0';
	long s = get_b64(dot + 1, len - (size_t)(dot - token) - 1, pt->sig, sizeof pt->sig);
	if (s <= 0)
		return -1;
	pt->sig_len = (size_t)s;
	return 0;
}

int signlink_parse(const char *token, struct signlink *p)
{
	struct parts pt;
	return split(token, &pt) < 0 ? -1 : payload_read(pt.payload, p);
}

/* ---------------------------------------------------------------- GPGME */

int signlink_init(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!gpgme_check_version("1.10.0"))
		return -1;
	gpgme_set_locale(NULL, LC_CTYPE, setlocale(LC_CTYPE, NULL));
	return gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP) ? -1 : 0;
}

static void log_gpg(const char *what, gpgme_error_t e)
{
	char msg[200];
	gpgme_strerror_r(e, msg, sizeof msg);
	log_error("", "signlink: %s: %s", what, msg);
}

/* A context on the configured keyring, binary output. */
static gpgme_ctx_t context(void)
{
	static bool ready;
	if (!ready) {
		if (signlink_init() < 0) {
			log_error("", "signlink: GPGME is not usable");
			return NULL;
		}
		ready = true;
	}
	gpgme_ctx_t ctx = NULL;
	gpgme_error_t e = gpgme_new(&ctx);
	if (!e)
		e = gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP);
	if (!e)
		e = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, NULL,
					      config_str("Gpg.Home", "var/gnupg"));
	if (e) {
		log_gpg("context", e);
		gpgme_release(ctx);
		return NULL;
	}
	gpgme_set_armor(ctx, 0);
	return ctx;
}

/* ---------------------------------------------------------------- signing by the agent
 * Signing through gpg costs a process per signature: a fork of the worker and an exec of
 * gpg (25 ms of CPU on a small VM, more than the rest of making a link). For an EdDSA key
 * the worker asks the keyring's gpg-agent, which holds the secret key, directly over its
 * socket (GPGME's Assuan protocol): SIGKEY, SETHASH and PKSIGN sign the SHA-512 of the
 * payload and the signature's hashed part, and the OpenPGP signature packet around it
 * (RFC 4880 5.2.3, EdDSA as GnuPG writes it: 119 bytes for ed25519) is put together here.
 * Links are still verified by gpg, and the tests verify what this makes. Another kind of
 * key, an agent that does not answer, or Gpg.Agent = 0 sign through gpg as before. */
#define SIG_HASHED_LEN 35   /* version .. the end of the hashed subpackets */

static struct {
	gpgme_ctx_t ctx;          /* NULL: sign through gpg */
	char grip[41];
	unsigned char fpr[20];
} agent;

static void agent_close(void)
{
	gpgme_release(agent.ctx);
	memset(&agent, 0, sizeof agent);
}

static gpgme_error_t collect(void *opaque, const void *data, size_t len)
{
	return sb_append(opaque, (const char *)data, len) < 0 ? gpg_error(GPG_ERR_ENOMEM) : 0;
}

/* One Assuan command; its data lines appended to out (NULL: none expected). */
static int agent_command(const char *command, struct strbuf *out)
{
	gpgme_error_t op = 0;
	gpgme_error_t e = gpgme_op_assuan_transact_ext(agent.ctx, command, out ? collect : NULL,
						       out, NULL, NULL, NULL, NULL, &op);
	if (e || op) {
		log_gpg("agent", e ? e : op);
		return -1;
	}
	return 0;
}

/* Ready to sign with key through the agent of the keyring at home, or not (agent.ctx
 * stays NULL: signing then goes through gpg). */
static void agent_open(gpgme_key_t key, const char *home)
{
	agent_close();
	gpgme_subkey_t k = key ? key->subkeys : NULL;
	if (!k || k->pubkey_algo != GPGME_PK_EDDSA || !k->curve || strcmp(k->curve, "ed25519") ||
	    !k->keygrip || strlen(k->keygrip) != 40 || !k->fpr || strlen(k->fpr) != 40 ||
	    sodium_hex2bin(agent.fpr, sizeof agent.fpr, k->fpr, 40, NULL, NULL, NULL) != 0)
		return;
	memcpy(agent.grip, k->keygrip, 41);
	struct strbuf socket = STRBUF_INIT;
	gpgme_error_t e = sb_printf(&socket, "%s/S.gpg-agent", home) < 0
			  ? gpg_error(GPG_ERR_ENOMEM) : gpgme_new(&agent.ctx);
	if (!e)
		e = gpgme_set_protocol(agent.ctx, GPGME_PROTOCOL_ASSUAN);
	if (!e)
		e = gpgme_ctx_set_engine_info(agent.ctx, GPGME_PROTOCOL_ASSUAN, socket.buf, NULL);
	sb_free(&socket);
	/* The agent is running: looking the secret key up asked it. */
	if (e || agent_command("NOP", NULL) < 0)
		agent_close();
}

/* The value of the first "(1:<name><len>:<bytes>" in the canonical S-expression sexp
 * from *at on (binary values may hold any bytes: the caller reads them in order) into
 * out (at most cap bytes): its length, or -1. *at moves past the value. */
static long sexp_value(const struct strbuf *sexp, size_t *at, char name, unsigned char *out,
		       size_t cap)
{
	const char tag[4] = { '(', '1', ':', name };
	for (size_t i = *at; i + 4 < sexp->len; i++) {
		if (memcmp(sexp->buf + i, tag, 4) != 0)
			continue;
		size_t j = i + 4, n = 0;
		while (j < sexp->len && sexp->buf[j] >= '0' && sexp->buf[j] <= '9' && n <= cap)
			n = n * 10 + (size_t)(sexp->buf[j++] - '0');
		if (j >= sexp->len || sexp->buf[j] != ':' || n == 0 || n > cap ||
		    n > sexp->len - j - 1)
			return -1;
		memcpy(out, sexp->buf + j + 1, n);
		*at = j + 1 + n;
		return (long)n;
	}
	return -1;
}

/* An OpenPGP MPI of the big-endian number in v (n bytes): bit count, then the bytes. */
static int put_mpi(struct strbuf *out, const unsigned char *v, size_t n)
{
	while (n && !*v) {
		v++;
		n--;
	}
	unsigned bits = n ? (unsigned)(n - 1) * 8 : 0;
	for (unsigned char top = n ? *v : 0; top; top >>= 1)
		bits++;
	unsigned char head[2] = { (unsigned char)(bits >> 8), (unsigned char)bits };
	return sb_append(out, (const char *)head, 2) < 0 ||
	       sb_append(out, (const char *)v, n) < 0 ? -1 : 0;
}

/* The detached signature of text (len bytes) made by the agent, into sig. 0 or -1. */
static int agent_sign(const char *text, size_t len, struct strbuf *sig)
{
	uint32_t now = (uint32_t)time(NULL);
	unsigned char hashed[SIG_HASHED_LEN] = {
		4, 0x00, 22, 10,   /* v4, a binary document, EdDSA, SHA-512 */
		0, 29,             /* the hashed subpackets: */
		22, 33, 4,         /* issuer fingerprint (v4) ... */
	};
	memcpy(hashed + 9, agent.fpr, 20);
	unsigned char *t = hashed + 29;   /* ... and the creation time */
	t[0] = 5;
	t[1] = 2;
	t[2] = (unsigned char)(now >> 24);
	t[3] = (unsigned char)(now >> 16);
	t[4] = (unsigned char)(now >> 8);
	t[5] = (unsigned char)now;
	const unsigned char trailer[6] = { 4, 0xff, 0, 0, 0, SIG_HASHED_LEN };
	unsigned char digest[crypto_hash_sha512_BYTES];
	crypto_hash_sha512_state h;
	crypto_hash_sha512_init(&h);
	crypto_hash_sha512_update(&h, (const unsigned char *)text, len);
	crypto_hash_sha512_update(&h, hashed, sizeof hashed);
	crypto_hash_sha512_update(&h, trailer, sizeof trailer);
	crypto_hash_sha512_final(&h, digest);

	char cmd[200], hex[2 * sizeof digest + 1];
	sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
	struct strbuf sexp = STRBUF_INIT, body = STRBUF_INIT;
	unsigned char r[64], s[64];
	long nr = -1, ns = -1;
	snprintf(cmd, sizeof cmd, "SIGKEY %s", agent.grip);
	if (agent_command(cmd, NULL) == 0) {
		snprintf(cmd, sizeof cmd, "SETHASH 10 %s", hex);   /* 10: SHA-512 */
		if (agent_command(cmd, NULL) == 0 && agent_command("PKSIGN", &sexp) == 0) {
			size_t at = 0;
			nr = sexp_value(&sexp, &at, 'r', r, sizeof r);
			ns = nr > 0 ? sexp_value(&sexp, &at, 's', s, sizeof s) : -1;
		}
	}
	const unsigned char unhashed[12] = {
		0, 10, 9, 16,   /* the unhashed subpackets: the issuer's key id */
		agent.fpr[12], agent.fpr[13], agent.fpr[14], agent.fpr[15],
		agent.fpr[16], agent.fpr[17], agent.fpr[18], agent.fpr[19],
	};
	int rc = nr > 0 && ns > 0 && sb_append(&body, (const char *)hashed, sizeof hashed) == 0 &&
		 sb_append(&body, (const char *)unhashed, sizeof unhashed) == 0 &&
		 sb_append(&body, (const char *)digest, 2) == 0 &&   /* the hash's first 16 bits */
		 put_mpi(&body, r, (size_t)nr) == 0 && put_mpi(&body, s, (size_t)ns) == 0 &&
		 body.len < 192
		 ? 0 : -1;
	if (rc == 0) {
		unsigned char head[2] = { 0xc2, (unsigned char)body.len };   /* tag 2, new format */
		rc = sb_append(sig, (const char *)head, 2) < 0 ||
		     sb_append(sig, body.buf, body.len) < 0 ? -1 : 0;
	} else if (nr > 0) {
		log_error("", "signlink: the agent's signature could not be read");
	}
	sb_free(&sexp);
	sb_free(&body);
	return rc;
}

/* One token made through the agent: malloc'd, or NULL (logged). */
static char *agent_token(const struct signlink *p)
{
	struct strbuf text = STRBUF_INIT, sig = STRBUF_INIT, out = STRBUF_INIT;
	char *token = NULL;
	if (payload_text(p, &text) == 0 && text.len <= PAYLOAD_MAX &&
	    agent_sign(text.buf, text.len, &sig) == 0 && sig.len <= SIGNATURE_MAX &&
	    put_b64(&out, text.buf, text.len) == 0 && sb_putc(&out, '.') == 0 &&
	    put_b64(&out, sig.buf, sig.len) == 0)
		token = sb_detach(&out);
	sb_free(&text);
	sb_free(&sig);
	sb_free(&out);
	return token;
}

/* The signing contexts, made once per process with the key as their signer (looking the
 * key up runs gpg: once per link would double the cost), SIGN_PARALLEL of them so that
 * as many gpg processes sign at once (each is a short burst of one core's work). */
#define SIGN_PARALLEL 4
static gpgme_ctx_t signers[SIGN_PARALLEL];
static char *signer_fpr;

void signlink_end(void)
{
	for (int i = 0; i < SIGN_PARALLEL; i++) {
		gpgme_release(signers[i]);
		signers[i] = NULL;
	}
	free(signer_fpr);
	signer_fpr = NULL;
	agent_close();
}

static int signing_contexts(const char *fpr)
{
	if (signer_fpr && strcmp(signer_fpr, fpr) == 0)
		return 0;
	signlink_end();
	gpgme_ctx_t first = context();
	if (!first)
		return -1;
	gpgme_key_t key = NULL;
	gpgme_error_t e = gpgme_get_key(first, fpr, &key, 1);
	signers[0] = first;
	for (int i = 0; !e && i < SIGN_PARALLEL; i++) {
		if (i > 0 && !(signers[i] = context()))
			break;
		e = gpgme_signers_add(signers[i], key);
	}
	if (!e && config_int("Gpg.Agent", 1))
		agent_open(key, config_str("Gpg.Home", "var/gnupg"));
	gpgme_key_unref(key);
	bool ready = !e && signers[SIGN_PARALLEL - 1] && (signer_fpr = strdup(fpr));
	if (!ready) {
		if (e)
			log_gpg("signing key", e);
		signlink_end();
		return -1;
	}
	return 0;
}

/* One signature, made synchronously in ctx: its token (malloc'd) or NULL (logged). */
static char *sign_one(gpgme_ctx_t ctx, const struct signlink *p)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	gpgme_data_t in = NULL, sig = NULL;
	char *token = NULL;
	if (payload_text(p, &text) < 0 || text.len > PAYLOAD_MAX)
		goto out;
	gpgme_error_t e = gpgme_data_new_from_mem(&in, text.buf, text.len, 0);
	if (!e)
		e = gpgme_data_new(&sig);
	if (!e)
		e = gpgme_op_sign(ctx, in, sig, GPGME_SIG_MODE_DETACH);
	if (e) {
		log_gpg("sign", e);
		goto out;
	}
	gpgme_sign_result_t r = gpgme_op_sign_result(ctx);
	if (!r || !r->signatures || r->invalid_signers) {
		log_error("", "signlink: the key %s made no signature", signer_fpr);
		goto out;
	}
	size_t n = 0;
	char *bytes = gpgme_data_release_and_get_mem(sig, &n);
	sig = NULL;
	if (bytes && n && n <= SIGNATURE_MAX && put_b64(&out, text.buf, text.len) == 0 &&
	    sb_putc(&out, '.') == 0 && put_b64(&out, bytes, n) == 0)
		token = sb_detach(&out);
	gpgme_free(bytes);
out:
	gpgme_data_release(in);
	gpgme_data_release(sig);
	sb_free(&text);
	sb_free(&out);
	return token;
}

/* A signing thread: every SIGN_PARALLEL-th payload from its own, in its own context
 * (GPGME allows one thread per context). */
struct signing {
	gpgme_ctx_t ctx;
	const struct signlink *p;
	char **tokens;
	size_t first, n;
	bool failed;
};

static void *signing_thread(void *arg)
{
	struct signing *g = arg;
	for (size_t i = g->first; i < g->n && !g->failed; i += SIGN_PARALLEL)
		if (!(g->tokens[i] = sign_one(g->ctx, &g->p[i])))
			g->failed = true;
	return NULL;
}

/* A batch that could not be signed whole: none of its tokens, and the next call starts
 * afresh (the agent may have restarted). -1. */
static int sign_failed(char **tokens, size_t n)
{
	signlink_end();
	for (size_t i = 0; i < n; i++) {
		free(tokens[i]);
		tokens[i] = NULL;
	}
	return -1;
}

int signlink_make_many(const struct signlink *p, size_t n, char **tokens)
{
	for (size_t i = 0; i < n; i++)
		tokens[i] = NULL;
	const char *fpr = config_str("Gpg.Fingerprint", "");
	if (!*fpr || signing_contexts(fpr) < 0)
		return -1;
	if (agent.ctx) {   /* one at a time: the agent answers in microseconds */
		size_t i = 0;
		while (i < n && (tokens[i] = agent_token(&p[i])))
			i++;
		return i == n ? (int)n : sign_failed(tokens, n);
	}
	struct signing g[SIGN_PARALLEL];
	pthread_t t[SIGN_PARALLEL];
	bool started[SIGN_PARALLEL] = { false };
	bool failed = false;
	for (size_t k = 0; k < SIGN_PARALLEL && k < n; k++) {
		g[k] = (struct signing){ signers[k], p, tokens, k, n, false };
		/* The first slice runs here; the others in threads (or here, if none starts). */
		if (k > 0 && pthread_create(&t[k], NULL, signing_thread, &g[k]) == 0)
			started[k] = true;
	}
	for (size_t k = 0; k < SIGN_PARALLEL && k < n; k++)
		if (!started[k])
			signing_thread(&g[k]);
	for (size_t k = 0; k < SIGN_PARALLEL && k < n; k++) {
		if (started[k])
			pthread_join(t[k], NULL);
		failed |= g[k].failed;
	}
	return failed ? sign_failed(tokens, n) : (int)n;
}

char *signlink_make(const struct signlink *p)
{
	char *token = NULL;
	return signlink_make_many(p, 1, &token) == 1 ? token : NULL;
}

/* Is fpr the signing key's, or one of the previous keys' (separated by spaces)? */
static bool accepted(const char *fpr)
{
	if (!fpr || !*fpr)
		return false;
	if (strcasecmp(fpr, config_str("Gpg.Fingerprint", "")) == 0 &&
	    *config_str("Gpg.Fingerprint", ""))
		return true;
	const char *list = config_str("Gpg.PreviousFingerprints", "");
	size_t n = strlen(fpr);
	for (const char *s = list; *s;) {
		while (*s == ' ')
			s++;
		size_t k = strcspn(s, " ");
		if (k == n && strncasecmp(s, fpr, n) == 0)
			return true;
		s += k;
	}
	return false;
}

int signlink_verify(const char *token, struct signlink *p)
{
	struct parts pt;
	if (split(token, &pt) < 0 || payload_read(pt.payload, p) < 0)
		return 0;
	gpgme_ctx_t ctx = context();
	if (!ctx)
		return -1;
	gpgme_data_t sig = NULL, text = NULL;
	int rc = -1;
	gpgme_error_t e = gpgme_data_new_from_mem(&sig, (const char *)pt.sig, pt.sig_len, 0);
	if (!e)
		e = gpgme_data_new_from_mem(&text, pt.payload, strlen(pt.payload), 0);
	if (!e) {
		e = gpgme_op_verify(ctx, sig, text, NULL);
		/* A signature that is not one is a refusal, not a failure of ours. */
		if (gpg_err_code(e) == GPG_ERR_NO_DATA || gpg_err_code(e) == GPG_ERR_BAD_DATA ||
		    gpg_err_code(e) == GPG_ERR_INV_PACKET) {
			rc = 0;
			goto out;
		}
	}
	if (e) {
		log_gpg("verify", e);
		goto out;
	}
	gpgme_verify_result_t r = gpgme_op_verify_result(ctx);
	gpgme_signature_t s = r ? r->signatures : NULL;
	/* Exactly one signature, good, by an accepted key: anything else is refused. */
	rc = s && !s->next && gpg_err_code(s->status) == GPG_ERR_NO_ERROR && accepted(s->fpr)
	     ? 1 : 0;
out:
	gpgme_data_release(sig);
	gpgme_data_release(text);
	gpgme_release(ctx);
	return rc;
}
