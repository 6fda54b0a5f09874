/*
 * main.c: global options, the command table, and what every command
 * gets from its descriptor (cmd.h): option parsing, argument and
 * --format checks, the write session, the loaded backlog, the
 * repository, their release, and the exit status.
 *
 *   docket [-C DIR] [--no-commit] [--no-verify] [--color=WHEN] [-q] COMMAND [ARGS]
 *
 * Exit status: 0 success; 1 the command ran and found problems or
 * refused; 2 usage error, unreadable input, not in a backlog.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/write.h"
#include "core/check.h"
#include "core/repo.h"
#include "core/xalloc.h"

/* in the order `docket help` lists them */
const struct command *const commands[] = {
	&cmd_init, &cmd_list, &cmd_show, &cmd_check, &cmd_import, &cmd_new,
	&cmd_set, &cmd_start, &cmd_block, &cmd_unblock, &cmd_done, &cmd_tick, &cmd_stop, &cmd_move,
	&cmd_followup, &cmd_edit, &cmd_diff, &cmd_log, &cmd_burnup, &cmd_plan,
	&cmd_huddle, &cmd_showcase, &cmd_report, &cmd_rank, &cmd_renumber,
	&cmd_merge_order, &cmd_sync, &cmd_approve, &cmd_export, &cmd_serve, &cmd_help, NULL,
};

const struct arg arg_id[] = {
	{ "ID", ARG_ID, "which item? give its id", NULL },
	ARG_END,
};

const struct command *
command_find(const char *name)
{
	for (size_t i = 0; commands[i]; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

const char *
command_suggest(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	size_t n = 0;

	for (; commands[n]; n++)
		names[n] = commands[n]->name;
	return check_suggest(name, names, n);
}

/* "unknown format 'F' (use a, b or c)"; EXIT_USAGE. */
static int
unknown(struct ctx *ctx, const char *noun, const char *name,
	const struct format_table *t)
{
	struct sbuf use = SBUF_INIT;

	add_names(&use, t, ", ", " or ");
	out_usage_error(ctx, "unknown %s '%s' (use %s)", noun, name, use.buf);
	sbuf_release(&use);
	return EXIT_USAGE;
}

/* The positional arguments against c->args, then --format against
 * c->formats, then the item ids; 0 or EXIT_USAGE (printed). */
static int
check_args(struct ctx *ctx, const struct command *c)
{
	const struct arg *a = c->args;
	int n = 0, many = 0;

	for (; a && a[n].name; n++) {
		many |= !!(a[n].flags & ARG_MANY);
		if (n >= ctx->npos && !(a[n].flags & ARG_OPTIONAL))
			return out_usage_error(ctx, "%s", a[n].missing);
	}
	if (ctx->npos > n && !many)
		return out_usage_error(ctx, c->extra ? c->extra : "unexpected argument '%s'",
				       ctx->pos[n]);
	for (int i = 0; i < ctx->npos && i < n; i++)
		if (a[i].values && !format_find(a[i].values, ctx->pos[i]))
			return unknown(ctx, a[i].noun, ctx->pos[i], a[i].values);
	if (c->formats) {
		const char *name = ctx->format_name;

		ctx->format = name ? format_find(c->formats, name) : format_at(c->formats, 0);
		if (!ctx->format)
			return unknown(ctx, "format", name, c->formats);
	}
	for (int i = 0; i < ctx->npos; i++)
		if ((a[i < n ? i : n - 1].flags & ARG_ID) && check_id_arg(ctx, ctx->pos[i]))
			return EXIT_USAGE;
	return 0;
}

/* Open the repository of the loaded backlog (NEED_REPO). */
static int
open_repo(struct ctx *ctx, struct repo *repo)
{
	struct diag_list errs = DIAG_LIST_INIT;

	if (repo_open(repo, ctx->ses->bl.root, &errs)) {
		out_errs(ctx, &errs, "%s reads git history", ctx->cmd->name);
		return EXIT_USAGE;
	}
	ctx->repo = repo;
	return EXIT_OK;
}

int
command_run(struct ctx *ctx, const struct command *c, int argc, char **argv)
{
	struct session ses;
	struct ws w;
	struct repo repo;
	int rc, prepared = 0, began = 0, loaded = 0;

	ctx->cmd = c;
	/* .prepare may keep pointers into the session it is to load */
	memset(&ses, 0, sizeof(ses));
	ctx->ses = c->needs & NEED_BACKLOG ? &ses : NULL;
	rc = opt_parse(ctx, c, argc, argv);
	if (rc == OPT_HELP_SHOWN) {
		rc = EXIT_OK;
		goto out;
	}
	if (rc || (rc = check_args(ctx, c)) || (c->prepare && (rc = c->prepare(ctx))))
		goto out;
	prepared = 1;
	if ((c->needs & NEED_WRITE) && (!c->write_if || *c->write_if)) {
		began = 1;
		if ((rc = ws_begin(ctx, &w)))
			goto out;
		ctx->ws = &w;
	}
	if (c->needs & NEED_BACKLOG) {
		/* session_load initialises the session, even when it fails */
		loaded = 1;
		if ((rc = session_load(ctx, &ses, ctx->rev, c->load, ctx->visit,
					ctx->visit_arg)))
			goto out;
		if (c->needs & NEED_DATES)
			session_fill_dates(ctx, &ses);
		if ((c->needs & NEED_REPO) && (rc = open_repo(ctx, &repo)))
			goto out;
	}
	rc = c->run(ctx);
out:
	if (prepared && c->finish)
		c->finish(ctx);
	if (ctx->repo)
		repo_close(ctx->repo);
	if (loaded)
		session_release(&ses);
	if (began)
		ws_end(&w);
	opt_release(ctx, c);
	ctx->repo = NULL;
	ctx->ses = NULL;
	ctx->ws = NULL;
	return rc;
}

static size_t
term_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (cols && atoi(cols) > 0)
		return (size_t)atoi(cols);
	return 80;
}

/* The handler core/xalloc.h calls when memory runs out: a message and
 * exit 2, never an abort.  It allocates nothing.  A write in progress
 * has either not renamed its files yet (nothing changed) or is between
 * renames (docs/faults.md); the lock it leaves is taken over by the next
 * docket, as its process is gone. */
static void
out_of_memory(size_t n)
{
	char msg[200];
	int len;

	if (n == (size_t)-1)
		len = snprintf(msg, sizeof(msg),
			       "docket: error: out of memory: a size computed from the input overflows\n");
	else if (n == 0)
		len = snprintf(msg, sizeof(msg),
			       "docket: error: out of memory (an allocation of a library failed); the limits docket sets are in docs/robustness.md\n");
	else
		len = snprintf(msg, sizeof(msg),
			       "docket: error: out of memory (allocating %zu bytes failed); the limits docket sets are in docs/robustness.md\n",
			       n);
	if (len > 0 && write(2, msg, (size_t)len) < 0)
		len = 0;
	_exit(EXIT_USAGE);
}

static int
finish(int rc)
{
	/* a full disk or closed pipe must not look like success */
	if (fflush(stdout) || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "docket: error: cannot write output: %s\n",
				strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctx ctx;
	const struct command *c;
	int i = 1, rc;

	/* a file-size limit (ulimit -f) makes write() fail with EFBIG, which
	 * docket reports, instead of killing it halfway through a change */
	signal(SIGXFSZ, SIG_IGN);
	xalloc_set_oom_handler(out_of_memory);
	memset(&ctx, 0, sizeof(ctx));
	ctx.dir = ".";
	ctx_set_color(&ctx, "auto");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-C")) {
			if (++i >= argc) {
				fprintf(stderr, "docket: error: -C needs a directory\n");
				return EXIT_USAGE;
			}
			ctx.dir = argv[i];
		} else if (!strncmp(a, "-C", 2)) {
			ctx.dir = a + 2;
		} else if (!strcmp(a, "--version")) {
			printf("docket %s\n", DOCKET_VERSION);
			return finish(EXIT_OK);
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help_main(stdout);
			return finish(EXIT_OK);
		} else if ((rc = opt_common(&ctx, a)) < 0) {
			fprintf(stderr, "docket: error: unknown option '%s'\n", a);
			help_main(stderr);
			return EXIT_USAGE;
		} else if (rc) {
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		help_main(stderr);
		return EXIT_USAGE;
	}
	c = command_find(argv[i]);
	if (!c) {
		const char *best = command_suggest(argv[i]);

		/* as git: "did you mean" the closest command */
		fprintf(stderr, "docket: error: '%s' is not a docket command; %s%s%s'docket help'\n",
			argv[i], best ? "did you mean '" : "see ", best ? best : "",
			best ? "'? See " : "");
		return EXIT_USAGE;
	}
	if (chdir(ctx.dir) != 0) {
		fprintf(stderr, "docket: error: cannot change to '%s': %s\n", ctx.dir,
			strerror(errno));
		return EXIT_USAGE;
	}
	ctx.dir = ".";
	ctx.out_tty = isatty(1);
	ctx.width = ctx.out_tty ? term_width() : 0;
	repo_global_init();
	rc = command_run(&ctx, c, argc - i, argv + i);
	rc = finish(rc);
	repo_global_shutdown();
	return rc;
}
