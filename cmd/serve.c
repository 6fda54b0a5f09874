/* serve.c: `docket serve`: the backlog as a local web application
 * (server/server.h, docs/serve.md). */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "server/server.h"

static const char *bind_addr, *token_file, *tls_cert, *tls_key;
static int open_browser;
static long port = -1;
static struct opt_list hosts;

static int
port_opt(struct ctx *ctx, const struct opt *o, const char *arg)
{
	char *end;
	long p = strtol(arg, &end, 10);

	(void)o;
	if (*end || end == arg || p < 0 || p > 65535)
		return out_usage_error(ctx, "--port takes a port number from 0 (any free port) to 65535, not '%s'",
				       arg);
	port = p;
	return 0;
}

static int
prepare(struct ctx *ctx)
{
	for (size_t i = 0; i < hosts.n; i++)
		if (!*hosts.v[i] || strpbrk(hosts.v[i], " /:\t"))
			return out_usage_error(ctx, "--host takes a host name (no port, no scheme), not '%s'",
					       hosts.v[i]);
	return EXIT_OK;
}

static int
run(struct ctx *ctx)
{
	struct serve_opts o;

	memset(&o, 0, sizeof(o));
	o.dir = ctx->dir;
	o.bind = bind_addr;
	o.port = port;
	o.open = open_browser;
	o.token_file = token_file;
	o.tls_cert = tls_cert;
	o.tls_key = tls_key;
	o.hosts = hosts.v;
	o.nhosts = hosts.n;
	o.quiet = ctx->quiet;
	o.no_commit = ctx->no_commit;
	o.include_dirty = ctx->include_dirty;
	o.color = ctx->color_err;
	return server_run(&o);
}

static const struct opt opts[] = {
	OPT_CALL("port", 'p', port_opt, NULL, 0, "N",
		 "the port (default 8420; 0: any free port, printed)", 0),
	OPT_STRING("bind", 0, &bind_addr, "ADDR",
		   "the address to listen on (default 127.0.0.1); any other than a\n"
		   "loopback address needs --token-file, --tls-cert, --tls-key and --host"),
	OPT_FLAG("open", 0, &open_browser, "open a browser on the sign-in link"),
	OPT_STRING("token-file", 0, &token_file, "F",
		   "who may use it: lines 'TOKEN Name <email>'; each person signs in\n"
		   "with their token and commits in their name"),
	OPT_STRING("tls-cert", 0, &tls_cert, "F", "serve HTTPS with this PEM certificate"),
	OPT_STRING("tls-key", 0, &tls_key, "F", "...and this PEM private key"),
	OPT_LIST("host", 0, &hosts, "NAME", "a host name the server answers to (repeatable)"),
	OPT_END,
};

const struct command cmd_serve = {
	.name = "serve",
	.summary = "the backlog as a web application: read, submit, reorder, each change a commit",
	.opts = opts,
	.details =
	"Prints a sign-in link with a one-time secret, then one line per request\n"
	"on stderr; Ctrl-C stops it. Every change runs the same code as the command\n"
	"that makes it and is one commit. When docket.yaml turns bad while it runs,\n"
	"pages show its errors and changes are refused until it is fixed.\n"
	"See docs/serve.md.\n",
	/* docket.yaml and ORDER only: a bad docket.yaml stops it at start,
	 * as every command (cmd.h: session_load); one that turns bad later
	 * stops its pages and writes (server/http.c) */
	.needs = NEED_BACKLOG,
	.load = 0,
	.prepare = prepare,
	.run = run,
};
