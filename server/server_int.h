/*
 * server_int: what the parts of server/ share (see server/server.h).
 *
 * A request is read by http.c (method, path, the query and form fields,
 * the headers that matter), checked by auth (Host, session, form token,
 * Origin), and answered by a page (pages.c) or an action (actions.c)
 * that fills a struct reply; http.c sends it with the security headers
 * and logs it.
 *
 * Ownership: http.c owns requests and replies; handlers fill
 * reply->body and may set its headers (copied when sent).
 */
#ifndef DOCKET_SERVER_INT_H
#define DOCKET_SERVER_INT_H

#include <stddef.h>

#include "core/repo.h"
#include "core/sbuf.h"
#include "server/auth.h"
#include "server/server.h"
#include "server/state.h"

/* Limits (documented in docs/serve.md) */
#define SERVE_MAX_BODY ((size_t)2 * 1024 * 1024)     /* 413 above */
#define SERVE_MAX_FIELDS 256                         /* form fields */
#define SERVE_MAX_CONNECTIONS 32
#define SERVE_PER_IP_CONNECTIONS 16                  /* off loopback */
#define SERVE_TIMEOUT_S 30                           /* idle connection */
#define SERVE_CONNECTION_MEMORY ((size_t)64 * 1024)  /* headers, buffers */

struct field {
	char *key;
	struct sbuf value;
};

/* Query or form fields, in the order received. */
struct fields {
	struct field *v;
	size_t n, alloc;
	int too_many;            /* more than SERVE_MAX_FIELDS */
};

void fields_release(struct fields *f);
void fields_add(struct fields *f, const char *key, const char *data, size_t len);
/* The first value of key, or NULL. */
const char *fields_get(const struct fields *f, const char *key);

struct request {
	struct server *srv;
	struct MHD_Connection *conn;
	char method[8];
	char *path;              /* decoded path, without the query */
	struct fields query;     /* ?a=b */
	struct fields form;      /* the POST body's fields */
	struct MHD_PostProcessor *pp;
	int is_post;
	int bad_body;            /* the body could not be parsed */
	int answered;            /* a response is queued */
	unsigned status;         /* what was sent (for the log) */
	size_t sent;
	long long t0_ns;
	char addr[64];
	struct auth_session *session;
	int wants_json;          /* the page's script asked (Accept) */
};

#define REPLY_MAX_HEADERS 4

struct reply {
	unsigned status;
	const char *type;        /* Content-Type */
	struct sbuf body;
	const char *hname[REPLY_MAX_HEADERS];
	char *hvalue[REPLY_MAX_HEADERS];    /* owned */
	size_t nheaders;
};

void reply_header(struct reply *r, const char *name, const char *value);
/* A page of text for an error: status and message (HTML, or JSON when
 * the request asked for it). */
void reply_error(struct request *rq, struct reply *r, unsigned status,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* 303 See Other to path. */
void reply_redirect(struct reply *r, const char *path);

struct server {
	struct serve_opts o;
	struct MHD_Daemon *d;
	struct repo repo;
	struct state st;
	struct auth auth;
	long port;
	int tls;
	int loopback;
	char base[160];          /* "http://127.0.0.1:8420" */
	char *title;             /* the site's name (the repository's folder) */
	char *tls_cert, *tls_key;
	char *exe;               /* this program (the writes run it) */
	/* a message for the next page of a session (after a redirect) */
	struct {
		const struct auth_session *s;
		char *text;
		int error;
	} flash[8];
};

/* http.c: the header of the request, or NULL. */
const char *request_header(const struct request *rq, const char *name);
/* Start libmicrohttpd's daemon on addr (a struct sockaddr) with the
 * limits (s->d); 0, or -1 when it cannot listen. */
int http_start(struct server *s, const void *addr, int v6, int loopback);

/* login.c: print the URL that starts a session (the current secret). */
void server_print_login(struct server *s, const char *what);
/* GET or POST /login; POST /logout (token and Origin checked). */
void login_route(struct request *rq, struct reply *r);
void logout_route(struct request *rq, struct reply *r);

/* Set and take a session's message for its next page. */
void server_flash(struct server *s, const struct auth_session *ss, int error,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
char *server_take_flash(struct server *s, const struct auth_session *ss,
			int *error);

/* pages.c: GET routes.  0 when path is none of them. */
int pages_route(struct request *rq, struct reply *r);
/* actions.c: POST routes (the session and token are checked already). */
int actions_route(struct request *rq, struct reply *r);

#endif
