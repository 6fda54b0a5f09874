/*
 * auth.c: Host allow-list, sessions, form tokens, Origin checks and the
 * token file of `docket serve` (see auth.h).
 */
#include "server/auth.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"
#include "core/xalloc.h"

/* the token file is read whole: bounded */
#define TOKEN_FILE_MAX (1024 * 1024)

/*-----------------------------------------------------------------------
 * Randomness and comparisons
 *----------------------------------------------------------------------*/

static void
random_bytes(uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			abort();   /* no randomness: never hand out a guessable secret */
		got += (size_t)r;
	}
}

void
auth_random(char out[AUTH_SECRET_LEN + 1])
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint8_t b[33];
	size_t k = 0;

	random_bytes(b, 32);
	b[32] = 0;
	for (size_t i = 0; i < 32; i += 3) {
		uint32_t v = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 |
			     (i + 2 < 33 ? b[i + 2] : 0);

		out[k++] = b64[v >> 18 & 63];
		out[k++] = b64[v >> 12 & 63];
		if (k < AUTH_SECRET_LEN)
			out[k++] = b64[v >> 6 & 63];
		if (k < AUTH_SECRET_LEN)
			out[k++] = b64[v & 63];
	}
	out[AUTH_SECRET_LEN] = '\0';
}

/* Equal strings, in time independent of where they differ. */
static int
secret_eq(const char *a, const char *b)
{
	uint8_t ha[32], hb[32], d = 0;

	if (!a || !b || !*a)
		return 0;
	sha256(ha, a, strlen(a));
	sha256(hb, b, strlen(b));
	for (size_t i = 0; i < 32; i++)
		d |= ha[i] ^ hb[i];
	return d == 0;
}

/*-----------------------------------------------------------------------
 * Setup
 *----------------------------------------------------------------------*/

void
auth_init(struct auth *a, long port, int tls)
{
	memset(a, 0, sizeof(*a));
	a->port = port;
	a->tls = tls;
	/* a cookie is sent to every port of a host: one name per port, so
	 * two servers on one machine do not log each other out */
	snprintf(a->cookie, sizeof(a->cookie), "%sdocket_session_%ld",
		 tls ? "__Host-" : "", port);
}

void
auth_release(struct auth *a)
{
	for (size_t i = 0; i < a->npeople; i++) {
		free(a->people[i].name);
		free(a->people[i].email);
	}
	free(a->people);
	for (size_t i = 0; i < a->nhosts; i++)
		free(a->hosts[i]);
	free(a->hosts);
	memset(a, 0, sizeof(*a));
}

void
auth_allow_host(struct auth *a, const char *name)
{
	char *h = xstrdup(name);

	for (char *p = h; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < a->nhosts; i++)
		if (!strcmp(a->hosts[i], h)) {
			free(h);
			return;
		}
	a->hosts = xrealloc(a->hosts, (a->nhosts + 1) * sizeof(*a->hosts));
	a->hosts[a->nhosts++] = h;
}

void
auth_new_secret(struct auth *a)
{
	auth_random(a->secret);
}

static int
token_char(int c)
{
	return isalnum(c) || strchr("-_.~+/=", c);
}

int
auth_load_tokens(struct auth *a, const char *path, char *err, size_t n)
{
	struct stat st;
	char *data, *p, *end;
	int fd, line = 0;
	ssize_t got;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		snprintf(err, n, "cannot open the token file '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > TOKEN_FILE_MAX) {
		snprintf(err, n, "the token file '%s' is not a regular file of at most %d bytes",
			 path, TOKEN_FILE_MAX);
		close(fd);
		return -1;
	}
	data = xmalloc((size_t)st.st_size + 1);
	got = read(fd, data, (size_t)st.st_size);
	close(fd);
	if (got < 0) {
		snprintf(err, n, "cannot read the token file '%s': %s", path, strerror(errno));
		free(data);
		return -1;
	}
	data[got] = '\0';
	end = data + got;
	for (p = data; p < end;) {
		char *eol = memchr(p, '\n', (size_t)(end - p)), *tok, *rest, *lt, *gt;
		size_t toklen;

		if (!eol)
			eol = end;
		*eol = '\0';
		line++;
		if (eol > p && eol[-1] == '\r')
			eol[-1] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#') {
			p = eol + 1;
			continue;
		}
		tok = p;
		toklen = strcspn(tok, " \t");
		rest = tok + toklen;
		for (size_t i = 0; i < toklen; i++)
			if (!token_char((unsigned char)tok[i]))
				toklen = 0;
		if (toklen < AUTH_MIN_TOKEN) {
			snprintf(err, n, "%s:%d: a token is at least %d characters of letters, digits and -_.~+/= (for example: openssl rand -hex 24)",
				 path, line, AUTH_MIN_TOKEN);
			free(data);
			return -1;
		}
		while (*rest == ' ' || *rest == '\t')
			rest++;
		lt = strrchr(rest, '<');
		gt = lt ? strchr(lt, '>') : NULL;
		if (!lt || !gt || gt[1] || lt == rest || gt == lt + 1 ||
		    !memchr(lt, '@', (size_t)(gt - lt))) {
			snprintf(err, n, "%s:%d: expected 'TOKEN Name <email>'", path, line);
			free(data);
			return -1;
		}
		if (a->npeople >= AUTH_MAX_PEOPLE) {
			snprintf(err, n, "%s:%d: more than %d people", path, line, AUTH_MAX_PEOPLE);
			free(data);
			return -1;
		}
		{
			struct person *ps;
			char *name_end = lt;
			uint8_t h[32];

			while (name_end > rest && (name_end[-1] == ' ' || name_end[-1] == '\t'))
				name_end--;
			sha256(h, tok, toklen);
			for (size_t i = 0; i < a->npeople; i++)
				if (!memcmp(a->people[i].hash, h, 32)) {
					snprintf(err, n, "%s:%d: this token is given twice", path, line);
					free(data);
					return -1;
				}
			a->people = xrealloc(a->people, (a->npeople + 1) * sizeof(*a->people));
			ps = &a->people[a->npeople++];
			memcpy(ps->hash, h, 32);
			ps->name = xstrndup(rest, (size_t)(name_end - rest));
			ps->email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		}
		p = eol + 1;
	}
	free(data);
	if (!a->npeople) {
		snprintf(err, n, "the token file '%s' names nobody ('TOKEN Name <email>' per line)",
			 path);
		return -1;
	}
	return 0;
}

/*-----------------------------------------------------------------------
 * Checks
 *----------------------------------------------------------------------*/

int
auth_host_ok(const struct auth *a, const char *host)
{
	const char *colon, *name_end;
	char name[256];
	long port;

	if (!host || !*host)
		return 0;
	if (*host == '[') {
		name_end = strchr(host, ']');
		if (!name_end)
			return 0;
		name_end++;
		colon = *name_end == ':' ? name_end : NULL;
		if (*name_end && !colon)
			return 0;
	} else {
		colon = strchr(host, ':');
		name_end = colon ? colon : host + strlen(host);
	}
	if ((size_t)(name_end - host) >= sizeof(name))
		return 0;
	for (size_t i = 0; host + i < name_end; i++)
		name[i] = (char)tolower((unsigned char)host[i]);
	name[name_end - host] = '\0';
	if (colon) {
		char *e;

		if (!colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
			return 0;
		port = strtol(colon + 1, &e, 10);
	} else {
		port = a->tls ? 443 : 80;
	}
	if (port != a->port)
		return 0;
	for (size_t i = 0; i < a->nhosts; i++)
		if (!strcmp(a->hosts[i], name))
			return 1;
	return 0;
}

static struct auth_session *
new_session(struct auth *a, const struct person *who, long long now)
{
	struct auth_session *s = &a->s[0];

	for (size_t i = 0; i < AUTH_MAX_SESSIONS; i++) {
		if (!a->s[i].id[0]) {
			s = &a->s[i];
			break;
		}
		if (a->s[i].last < s->last)
			s = &a->s[i];
	}
	auth_random(s->id);
	auth_random(s->token);
	s->who = who;
	s->last = now;
	return s;
}

struct auth_session *
auth_session(struct auth *a, const char *cookie, long long now)
{
	if (!cookie || strlen(cookie) != AUTH_SECRET_LEN)
		return NULL;
	for (size_t i = 0; i < AUTH_MAX_SESSIONS; i++)
		if (a->s[i].id[0] && secret_eq(a->s[i].id, cookie)) {
			a->s[i].last = now;
			return &a->s[i];
		}
	return NULL;
}

struct auth_session *
auth_login_secret(struct auth *a, const char *secret, long long now)
{
	if (!a->secret[0] || !secret_eq(a->secret, secret))
		return NULL;
	auth_new_secret(a);
	return new_session(a, NULL, now);
}

struct auth_session *
auth_login_token(struct auth *a, const char *token, long long now, int *limited)
{
	uint8_t h[32];
	const struct person *found = NULL;

	*limited = 0;
	/* the oldest of the last AUTH_MAX_FAILURES failures is less than a
	 * minute old: wait */
	if (a->fail_t[a->fail_next] && a->fail_t[a->fail_next] > now - 60) {
		*limited = 1;
		return NULL;
	}
	if (!token)
		token = "";
	sha256(h, token, strlen(token));
	for (size_t i = 0; i < a->npeople; i++) {
		uint8_t d = 0;

		for (size_t k = 0; k < 32; k++)
			d |= h[k] ^ a->people[i].hash[k];
		if (!d)
			found = &a->people[i];
	}
	if (!found || strlen(token) < AUTH_MIN_TOKEN) {
		a->fail_t[a->fail_next] = now;
		a->fail_next = (a->fail_next + 1) % AUTH_MAX_FAILURES;
		return NULL;
	}
	return new_session(a, found, now);
}

int
auth_form_ok(const struct auth_session *s, const char *form_token)
{
	return s && form_token && secret_eq(s->token, form_token);
}

int
auth_origin_ok(const struct auth *a, const char *origin, const char *host,
	       const char *fetch_site, char *why, size_t n)
{
	const char *scheme = a->tls ? "https://" : "http://";

	if (fetch_site && strcmp(fetch_site, "same-origin")) {
		snprintf(why, n, "a request from another site (Sec-Fetch-Site: %.40s) cannot change the backlog",
			 fetch_site);
		return -1;
	}
	if (origin) {
		size_t sl = strlen(scheme);

		if (!host || strncasecmp(origin, scheme, sl) || strcasecmp(origin + sl, host)) {
			snprintf(why, n, "a request from another origin (%.80s) cannot change the backlog",
				 origin);
			return -1;
		}
		return 0;
	}
	if (!fetch_site) {
		snprintf(why, n, "a request that names no Origin (nor Sec-Fetch-Site) cannot change the backlog");
		return -1;
	}
	return 0;
}
