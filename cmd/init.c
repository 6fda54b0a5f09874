/* init.c: `docket init`: create a backlog and commit it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/fsutil.h"
#include "core/repo.h"
#include "core/xalloc.h"

enum { O_PREFIX = 1 };

static const struct opt opts[] = {
	{ "prefix", 'p', 1, O_PREFIX },
	{ NULL, 0, 0, 0 },
};

static int
valid_prefix(const char *p)
{
	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		return 0;
	for (size_t i = 0; p[i]; i++)
		if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z') ||
		      (p[i] >= '0' && p[i] <= '9') || p[i] == '_') || i > 16)
			return 0;
	return 1;
}

/* Append the merge-driver line to .gitattributes unless it is there. */
static int
add_gitattributes(struct ctx *ctx, const char *path, const char *line)
{
	struct diag_list errs = DIAG_LIST_INIT;
	char *data = NULL;
	size_t len = 0;
	struct sbuf sb = SBUF_INIT;
	int rc;

	rc = fsutil_read(path, &data, &len, NULL);
	if (rc == 0 && strstr(data, line)) {
		free(data);
		return 0;
	}
	if (rc == 0) {
		sbuf_add(&sb, data, len);
		if (len && data[len - 1] != '\n')
			sbuf_addc(&sb, '\n');
	}
	sbuf_addf(&sb, "%s\n", line);
	rc = fsutil_write_atomic(path, sb.buf, sb.len, &errs);
	if (rc)
		out_errs(ctx, &errs, NULL);
	free(data);
	sbuf_release(&sb);
	return rc ? -1 : 1;
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

/* `docket init` in an existing backlog (a fresh clone): .git/config is
 * not cloned, so register the merge driver there and change nothing else. */
static int
init_clone(struct ctx *ctx)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct repo repo;
	int rc = EXIT_OK;

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
	repo_close(&repo);
	return rc;
}

int
cmd_init(struct ctx *ctx, int argc, char **argv)
{
	static const char order_text[] =
		"# The ranked backlog, highest priority first: one item id per line.\n"
		"# The Marketing Owner orders it; '#' starts a comment.\n";
	struct opt_iter it;
	const char *prefix = "MKT", *arg;
	struct repo repo;
	struct diag_list errs = DIAG_LIST_INIT;
	char cwd[PATH_MAX], *cfg = NULL, *rel = NULL;
	char *paths[3];
	size_t np = 0;
	int id, r, rc = EXIT_OK;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		if (id == O_PREFIX)
			prefix = arg;
	if (r || it.npos) {
		opt_release(&it);
		if (r == 2)
			return EXIT_OK;
		return r ? EXIT_USAGE : out_usage_error(ctx, "unexpected argument '%s'", it.pos[0]);
	}
	opt_release(&it);
	if (!valid_prefix(prefix))
		return out_usage_error(ctx, "prefix '%s' must be letters and digits starting with a letter, like MKT", prefix);
	if (!getcwd(cwd, sizeof(cwd))) {
		out_error(ctx, "cannot read the current folder");
		return EXIT_USAGE;
	}
	if (fsutil_exists("docket.yaml"))
		return init_clone(ctx);
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
	if (fsutil_mkdirs("backlog", &errs) ||
	    fsutil_write_atomic("docket.yaml", cfg, strlen(cfg), &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
		goto done;
	}
	paths[np++] = xasprintf("%sdocket.yaml", rel);
	if (!fsutil_exists("backlog/ORDER")) {
		if (fsutil_write_atomic("backlog/ORDER", order_text,
					strlen(order_text), &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
			goto done;
		}
		paths[np++] = xasprintf("%sbacklog/ORDER", rel);
	}
	r = add_gitattributes(ctx, ".gitattributes", "backlog/ORDER merge=docket-order");
	if (r < 0) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (r > 0)
		paths[np++] = xasprintf("%s.gitattributes", rel);
	if (register_driver(ctx, &repo)) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (ctx->no_commit) {
		out_note(ctx, "Created a backlog with prefix %s (not committed)", prefix);
	} else {
		char cid[16] = "";

		r = repo_commit(&repo, (const char *const *)paths, np,
				"Set up the docket backlog\n", cid, sizeof(cid), &errs);
		if (r) {
			out_errs(ctx, &errs, "the files are written but not committed");
			rc = EXIT_PROBLEMS;
			goto done;
		}
		out_note(ctx, "Created a backlog with prefix %s [%s]", prefix, cid);
	}
	out_note(ctx, "Next: docket new \"Your first idea\"");
done:
	for (size_t i = 0; i < np; i++)
		free(paths[i]);
	free(cfg);
	free(rel);
	repo_close(&repo);
	return rc;
}
