/* serve.c: `docket serve`: the backlog as a local web application
 * (server/server.h, docs/serve.md). */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/xalloc.h"
#include "server/server.h"

enum { O_PORT = 1, O_BIND, O_OPEN, O_TOKENS, O_CERT, O_KEY, O_HOST };

static const struct opt opts[] = {
	{ "port", 'p', 1, O_PORT },
	{ "bind", 0, 1, O_BIND },
	{ "open", 0, 0, O_OPEN },
	{ "token-file", 0, 1, O_TOKENS },
	{ "tls-cert", 0, 1, O_CERT },
	{ "tls-key", 0, 1, O_KEY },
	{ "host", 0, 1, O_HOST },
	{ NULL, 0, 0, 0 },
};

int
cmd_serve(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct serve_opts o;
	const char **hosts = NULL, *arg;
	int id, r, rc;

	memset(&o, 0, sizeof(o));
	o.port = -1;
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		switch (id) {
		case O_PORT: {
			char *end;
			long p = strtol(arg, &end, 10);

			if (*end || end == arg || p < 0 || p > 65535) {
				rc = out_usage_error(ctx, "--port takes a port number from 0 (any free port) to 65535, not '%s'",
						     arg);
				goto out;
			}
			o.port = p;
			break;
		}
		case O_BIND:
			o.bind = arg;
			break;
		case O_OPEN:
			o.open = 1;
			break;
		case O_TOKENS:
			o.token_file = arg;
			break;
		case O_CERT:
			o.tls_cert = arg;
			break;
		case O_KEY:
			o.tls_key = arg;
			break;
		case O_HOST:
			if (!*arg || strpbrk(arg, " /:\t")) {
				rc = out_usage_error(ctx, "--host takes a host name (no port, no scheme), not '%s'",
						     arg);
				goto out;
			}
			hosts = xrealloc(hosts, (o.nhosts + 1) * sizeof(*hosts));
			hosts[o.nhosts++] = arg;
			break;
		}
	}
	if (r) {
		rc = r == 2 ? EXIT_OK : EXIT_USAGE;
		goto out;
	}
	if (it.npos) {
		rc = out_usage_error(ctx, "unexpected argument '%s'", it.pos[0]);
		goto out;
	}
	o.hosts = hosts;
	o.dir = ctx->dir;
	o.quiet = ctx->quiet;
	o.no_commit = ctx->no_commit;
	o.include_dirty = ctx->include_dirty;
	o.color = ctx->color_err;
	rc = server_run(&o);
out:
	free(hosts);
	opt_release(&it);
	return rc;
}
