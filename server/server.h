/*
 * server: `docket serve`, the backlog as a local web application
 * (docs/serve.md).  It sits on top beside cmd/: it may print (the URL,
 * one log line per request, on stderr) like cmd/, and nothing in core/
 * or formats/ includes it.
 *
 *   server/http.c     libmicrohttpd: the daemon, limits, requests and
 *                     responses, the request log, Ctrl-C
 *   server/auth.c     who may use it: Host allow-list, the one-time URL
 *                     secret, sessions (cookie), form tokens, Origin and
 *                     Sec-Fetch-Site, the token file
 *   server/state.c    the backlog kept in memory, equal to the files
 *   server/pages.c    the pages (rendered by formats/html_app.h)
 *   server/actions.c  the forms and drags: each one commit, through the
 *                     same write code as the commands
 *
 * Model: libmicrohttpd's internal polling thread handles every
 * connection in one thread, so nothing needs a lock around the backlog
 * or libgit2; the calling thread waits for SIGINT or SIGTERM and then
 * stops the daemon, which finishes the request in progress.
 */
#ifndef DOCKET_SERVER_H
#define DOCKET_SERVER_H

#include <stddef.h>

struct serve_opts {
	const char *dir;            /* where to look for the backlog */
	const char *bind;           /* the address; NULL: 127.0.0.1 */
	long port;                  /* -1: the default; 0: any free port */
	int open;                   /* open a browser on the URL */
	const char *token_file;     /* people and their tokens */
	const char *tls_cert, *tls_key;     /* PEM files */
	const char *const *hosts;   /* --host NAME... allowed in Host */
	size_t nhosts;
	int quiet;                  /* no request log */
	int no_commit;              /* write the files only */
	int include_dirty;          /* as --include-dirty */
	int color;                  /* the log on a terminal */
};

#define SERVE_DEFAULT_PORT 8420

/* Run until SIGINT or SIGTERM.  Returns an exit status (0 after a clean
 * stop, 1 when it could not start (the port is taken...), 2 for a usage
 * problem: a non-loopback address without --token-file, --tls-cert,
 * --tls-key and --host), after printing why on stderr. */
int server_run(const struct serve_opts *o);

#endif
