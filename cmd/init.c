/* init.c: `docket init`: create a backlog and commit it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/backlog.h"
#include "core/change.h"
#include "core/config.h"
#include "core/fsutil.h"
#include "core/repo.h"
#include "core/xalloc.h"

static const char default_prefix[] = "MKT";
static const char *prefix = default_prefix;   /* another pointer: --prefix */

/* .gitattributes with the merge-driver line appended (into out), unless
 * it is there: 1 when out holds new content, 0 when nothing is to
 * change, -1 (printed) when the file cannot be read: a file docket
 * cannot read is never replaced. */
static int
gitattributes_with(struct ctx *ctx, struct sbuf *out, const char *path,
		   const char *line)
{
	char *data = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t len = 0;
	int rc;

	rc = fsutil_read(path, LIMIT_FILE, 0, &data, &len, &errs);
	if (rc && rc != DK_ENOTFOUND) {
		out_errs(ctx, &errs, NULL);
		return -1;
	}
	diag_list_release(&errs);
	if (rc == 0 && strstr(data, line)) {
		free(data);
		return 0;
	}
	if (rc == 0) {
		sbuf_add(out, data, len);
		if (len && data[len - 1] != '\n')
			sbuf_addc(out, '\n');
	}
	sbuf_addf(out, "%s\n", line);
	free(data);
	return 1;
}

/* Is there an executable "docket" on PATH (where git looks for the
 * driver's command)? */
static int
docket_on_path(void)
{
	const char *path = getenv("PATH");
	int found = 0;

	while (path && *path && !found) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		char *full = xasprintf("%.*s/docket", (int)n, n ? path : ".");

		found = access(full, X_OK) == 0;
		free(full);
		path = colon ? colon + 1 : NULL;
	}
	return found;
}

/* Register the ORDER merge driver in .git/config. */
static int
register_driver(struct ctx *ctx, struct repo *repo)
{
	struct diag_list errs = DIAG_LIST_INIT;

	if (repo_config_set(repo, "merge.docket-order.name",
			    "docket: merge reorderings of ORDER", &errs) ||
	    repo_config_set(repo, "merge.docket-order.driver",
			    "docket merge-order %O %A %B", &errs)) {
		out_errs(ctx, &errs, NULL);
		return -1;
	}
	if (!docket_on_path())
		out_warning(ctx, "git runs the ORDER merge driver as 'docket', which is not on your PATH: "
			    "install docket (make install) or put it on PATH, or merges of ORDER will stop with a conflict");
	return 0;
}

/* init --prefix P in an existing backlog changes nothing: say so when P
 * is not the prefix of its docket.yaml. */
static void
prefix_not_applied(struct ctx *ctx)
{
	struct config c;
	struct diag_list d = DIAG_LIST_INIT;
	char *data = NULL;
	size_t len = 0;

	if (prefix == default_prefix)
		return;
	config_init(&c);
	if (fsutil_read("docket.yaml", LIMIT_FILE, 0, &data, &len, &d) == 0)
		config_parse(&c, "docket.yaml", data, len, &d);
	if (!c.prefix || strcmp(c.prefix, prefix))
		out_warning(ctx, "--prefix %s is not applied: docket.yaml exists already, and its prefix (%s) stays",
			    prefix, c.prefix ? c.prefix : "unreadable");
	free(data);
	config_release(&c);
	diag_list_release(&d);
}

/* `cd backlog && docket init` makes a second backlog inside the items
 * folder of the first, which its commands then never see: refuse it
 * (exit 2).  A backlog elsewhere under another's folder is allowed. */
static int
inside_items_folder(struct ctx *ctx, const char *cwd)
{
	struct config c;
	struct diag_list d = DIAG_LIST_INIT;
	char *root = NULL, *path = NULL, *data = NULL, *items = NULL;
	char real[PATH_MAX];
	size_t len = 0, n;
	int rc = EXIT_OK;

	if (backlog_find_root(&root, ".."))
		return EXIT_OK;
	config_init(&c);
	path = xasprintf("%s/docket.yaml", root);
	if (fsutil_read(path, LIMIT_FILE, 0, &data, &len, &d) == 0)
		config_parse(&c, path, data, len, &d);
	items = xasprintf("%s/%s", root, c.items ? c.items : "backlog");
	if (realpath(items, real)) {
		n = strlen(real);
		if (!strncmp(cwd, real, n) && (cwd[n] == '\0' || cwd[n] == '/')) {
			out_error(ctx, "this folder is inside the items folder of the backlog at %s: "
				  "docket's commands already work here; a new backlog would be a second one inside it",
				  root);
			rc = EXIT_USAGE;
		}
	}
	free(items);
	free(data);
	free(path);
	free(root);
	config_release(&c);
	diag_list_release(&d);
	return rc;
}

/* `docket init` in an existing backlog (a fresh clone): .git/config is
 * not cloned, so register the merge driver there and change nothing else.
 * A docket.yaml with errors stops it, as every command (as git init
 * stops at a bad .git/config). */
static int
init_clone(struct ctx *ctx)
{
	struct repo repo;
	struct session ses;
	struct diag_list errs = DIAG_LIST_INIT;
	int rc = session_load(ctx, &ses, NULL, 0, NULL, NULL);

	session_release(&ses);
	if (rc)
		return rc;
	if (repo_open(&repo, ".", &errs) || !repo.workdir) {
		out_error(ctx, "docket.yaml exists here, but not in a git working tree: %s",
			  errs.n ? diag_last_message(&errs) : "a bare repository");
		diag_list_release(&errs);
		repo_close(&repo);
		return EXIT_USAGE;
	}
	if (register_driver(ctx, &repo))
		rc = EXIT_USAGE;
	else
		out_note(ctx, "docket.yaml exists already: registered the ORDER merge driver in .git/config, changed nothing else");
	prefix_not_applied(ctx);
	repo_close(&repo);
	return rc;
}

static int
run(struct ctx *ctx)
{
	static const char order_text[] =
		"# The ranked backlog, highest priority first: one item id per line.\n"
		"# The Marketing Owner orders it; '#' starts a comment.\n";
	struct repo repo;
	char cwd[PATH_MAX], *cfg = NULL, *rel = NULL, *path;
	struct change ch;
	struct sbuf attrs = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	int r, rc = EXIT_OK, began = 0;

	if (!config_prefix_valid(prefix))
		return out_usage_error(ctx, "prefix '%s' is not a valid prefix: %s", prefix,
				       CONFIG_PREFIX_RULE);
	if (!getcwd(cwd, sizeof(cwd))) {
		out_error(ctx, "cannot read the current folder");
		return EXIT_USAGE;
	}
	if (fsutil_exists("docket.yaml"))
		return init_clone(ctx);
	if ((rc = inside_items_folder(ctx, cwd)))
		return rc;
	if (repo_open(&repo, ".", &errs) == DK_ENOTFOUND) {
		diag_list_release(&errs);
		if (repo_init(&repo, ".", &errs)) {
			out_errs(ctx, &errs, NULL);
			return EXIT_USAGE;
		}
		out_note(ctx, "Initialized an empty git repository in %s", cwd);
	} else if (!repo.git) {
		out_errs(ctx, &errs, NULL);
		return EXIT_USAGE;
	}
	if (!repo.workdir) {
		out_error(ctx, "cannot create a backlog in a bare repository");
		repo_close(&repo);
		return EXIT_USAGE;
	}
	{
		size_t tl = strlen(repo.workdir);

		rel = (!strncmp(cwd, repo.workdir, tl) && cwd[tl] == '/') ?
		      xasprintf("%s/", cwd + tl + 1) : xstrdup("");
	}
	cfg = config_template(prefix);
	/* through a change: the lock, the safety checks, staged writes and
	 * docket's commit sequence, as every write */
	change_init(&ch, &repo, repo.workdir);
	ch.commit = !ctx->no_commit;
	ch.include_dirty = ctx->include_dirty;
	ch.no_verify = ctx->no_verify;
	began = 1;
	if (change_begin(&ch, NULL, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (ch.note[0])
		out_warning(ctx, "%s", ch.note);
	path = xasprintf("%sdocket.yaml", rel);
	change_write(&ch, path, cfg, strlen(cfg));
	free(path);
	if (!fsutil_exists("backlog/ORDER")) {
		path = xasprintf("%sbacklog/ORDER", rel);
		change_write(&ch, path, order_text, strlen(order_text));
		free(path);
	}
	r = gitattributes_with(ctx, &attrs, ".gitattributes", "backlog/ORDER merge=docket-order");
	if (r < 0) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (r > 0) {
		path = xasprintf("%s.gitattributes", rel);
		change_write(&ch, path, attrs.buf, attrs.len);
		free(path);
	}
	if (register_driver(ctx, &repo)) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (change_commit(&ch, "Set up the docket backlog\n", &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (ch.committed)
		out_note(ctx, "Created a backlog with prefix %s [%s]", prefix, ch.commit_id);
	else
		out_note(ctx, "Created a backlog with prefix %s (not committed)", prefix);
	out_note(ctx, "Next: docket new \"Your first idea\"");
done:
	if (began)
		change_release(&ch);
	sbuf_release(&attrs);
	free(cfg);
	free(rel);
	repo_close(&repo);
	return rc;
}

static const struct opt opts[] = {
	OPT_STRING("prefix", 'p', &prefix, "P", "the letters of every id (default MKT)"),
	OPT_END,
};

const struct command cmd_init = {
	.name = "init",
	.summary = "create a backlog in this git repository",
	.opts = opts,
	.details =
	"Creates docket.yaml, backlog/ORDER and the .gitattributes line for\n"
	"ORDER, registers the merge driver in .git/config, and commits.\n"
	"In an existing backlog (a fresh clone) it only registers the merge\n"
	"driver, which git does not clone.\n",
	.run = run,
};
