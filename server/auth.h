/*
 * auth: who may use `docket serve` (docs/serve.md, "Security").
 *
 *   Host        every request's Host header must name the server: on a
 *               loopback address 127.0.0.1, localhost or [::1] (the one
 *               bound) and each --host NAME, with the server's port; on
 *               another address only the --host names.  No DNS
 *               rebinding: a page of another site that resolves to this
 *               address sends its own name.
 *   Sessions    `serve` prints a URL with a one-time secret; opening it
 *               starts a session: an HttpOnly, SameSite=Strict cookie
 *               (Secure and __Host- under TLS) whose value is 32 random
 *               bytes.  The secret is then spent and a new one is
 *               printed for the next browser.  With a token file there
 *               is no secret: /login takes a person's token, and the
 *               session commits as that person.
 *   Writes      a POST needs the session, a form token (per session, 32
 *               random bytes) equal to the session's, and an Origin
 *               equal to the server's own (scheme and Host), or, without
 *               Origin, Sec-Fetch-Site: same-origin; with neither it is
 *               refused.  So no page of another site can write, and no
 *               CORS header is ever sent.
 *
 * Secrets and tokens are compared in constant time.  At most
 * AUTH_MAX_SESSIONS sessions are kept (the least recently used goes).
 *
 * Ownership: struct auth owns everything in it.
 */
#ifndef DOCKET_SERVER_AUTH_H
#define DOCKET_SERVER_AUTH_H

#include <stddef.h>
#include <stdint.h>

#define AUTH_MAX_SESSIONS 64
#define AUTH_SECRET_LEN 43      /* 32 bytes, base64url without padding */
#define AUTH_MIN_TOKEN 16       /* characters of a token-file token */
#define AUTH_MAX_PEOPLE 1000
#define AUTH_MAX_FAILURES 20    /* failed sign-ins a minute, then 429 */

struct person {
	uint8_t hash[32];           /* SHA-256 of the token */
	char *name, *email;
};

struct auth_session {
	char id[AUTH_SECRET_LEN + 1];       /* the cookie's value; "" free */
	char token[AUTH_SECRET_LEN + 1];    /* the form token */
	const struct person *who;   /* NULL: git's identity */
	long long last;             /* last request (for eviction) */
};

struct auth {
	char secret[AUTH_SECRET_LEN + 1];   /* "" with a token file */
	struct person *people;
	size_t npeople;
	struct auth_session s[AUTH_MAX_SESSIONS];
	char **hosts;               /* allowed names, lower case */
	size_t nhosts;
	long port;
	int tls;
	char cookie[64];            /* the cookie's name */
	/* when the last AUTH_MAX_FAILURES failed sign-ins were (a ring) */
	long long fail_t[AUTH_MAX_FAILURES];
	size_t fail_next;
};

void auth_init(struct auth *a, long port, int tls);
void auth_release(struct auth *a);
/* Allow a host name (any case; an IPv6 address in brackets). */
void auth_allow_host(struct auth *a, const char *name);
/* Read the token file: lines "TOKEN Name <email>", '#' comments.  0, or
 * -1 with err naming the line. */
int auth_load_tokens(struct auth *a, const char *path, char *err, size_t n);
/* Make a new one-time secret. */
void auth_new_secret(struct auth *a);

/* Is host (a Host header, possibly NULL) one of ours, with our port? */
int auth_host_ok(const struct auth *a, const char *host);
/* The session of this cookie value, or NULL. */
struct auth_session *auth_session(struct auth *a, const char *cookie,
				  long long now);
/* Start a session with the one-time secret (which is then spent: a new
 * one is made); NULL when it is not the current secret. */
struct auth_session *auth_login_secret(struct auth *a, const char *secret,
				       long long now);
/* Start a session for the person with this token; NULL when none has
 * it, or after AUTH_MAX_FAILURES failures within a minute (then
 * *limited is set). */
struct auth_session *auth_login_token(struct auth *a, const char *token,
				      long long now, int *limited);
/* Does the form's token equal the session's (constant time)? */
int auth_form_ok(const struct auth_session *s, const char *form_token);
/* May a state-changing request with these headers (each may be NULL)
 * write?  0, or -1 with why. */
int auth_origin_ok(const struct auth *a, const char *origin, const char *host,
		   const char *fetch_site, char *why, size_t n);
/* 32 random bytes as base64url, without padding (AUTH_SECRET_LEN). */
void auth_random(char out[AUTH_SECRET_LEN + 1]);

#endif
