/*
 * diff.c: `docket diff [BASE [HEAD]]`: priority changes between two
 * versions of the backlog (docs/reference.md).
 *
 * Like git diff: no argument compares HEAD with the working tree, one
 * compares BASE with the working tree, two compare two revisions, and
 * BASE...HEAD compares HEAD with the merge base of the two (what a pull
 * request shows); BASE..HEAD is BASE HEAD, as for git diff.  Both sides are read in full: BASE (and HEAD when it
 * is a revision) from the object database.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/changes.h"
#include "core/history.h"
#include "core/xalloc.h"
#include "formats/history_out.h"

/* Split "A...B": base becomes the merge base of A and B, head B. */
static int
three_dots(struct ctx *ctx, const char *arg, char **base, char **head)
{
	const char *dots = strstr(arg, "...");
	char *a, *b, hex[41];
	char *root = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	struct repo r;
	int rc;

	a = dots == arg ? xstrdup("HEAD") : xstrndup(arg, (size_t)(dots - arg));
	b = dots[3] ? xstrdup(dots + 3) : xstrdup("HEAD");
	if (backlog_find_root(&root, ctx->dir)) {
		out_error(ctx, "not in a docket backlog (no docket.yaml here or in any parent folder)");
		rc = EXIT_USAGE;
	} else if (repo_open(&r, root, &errs)) {
		out_errs(ctx, &errs, "diff needs a git repository");
		rc = EXIT_USAGE;
	} else {
		if (history_merge_base(&r, a, b, hex, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
		} else {
			*base = xstrdup(hex);
			*head = xstrdup(b);
			rc = EXIT_OK;
		}
		repo_close(&r);
	}
	free(root);
	free(a);
	free(b);
	return rc;
}

/* Both sides are loaded here: BASE and HEAD are revisions of their own. */
static int
run(struct ctx *ctx)
{
	const struct diff_format *df = FORMAT_ROW(struct diff_format, ctx->format);
	char *base = NULL, *head = NULL, *base_name = NULL, *head_name = NULL;
	struct session sb, sh;
	struct backlog_diff d;
	struct sbuf out = SBUF_INIT;
	int rc, loaded_h = 0;

	memset(&sb, 0, sizeof(sb));
	memset(&sh, 0, sizeof(sh));
	if (ctx->npos == 1 && strstr(ctx->pos[0], "...")) {
		if ((rc = three_dots(ctx, ctx->pos[0], &base, &head)))
			return rc;
		base_name = xasprintf("merge base %.7s", base);
		head_name = xstrdup(head);
	} else if (ctx->npos == 1 && strstr(ctx->pos[0], "..")) {
		/* "A..B" is "A B", as for git diff; an empty side is HEAD */
		const char *arg = ctx->pos[0], *dots = strstr(arg, "..");

		base = dots == arg ? xstrdup("HEAD") : xstrndup(arg, (size_t)(dots - arg));
		head = xstrdup(dots[2] ? dots + 2 : "HEAD");
		base_name = xstrdup(base);
		head_name = xstrdup(head);
	} else {
		base = xstrdup(ctx->npos ? ctx->pos[0] : "HEAD");
		head = ctx->npos == 2 ? xstrdup(ctx->pos[1]) : NULL;
		base_name = xstrdup(base);
		head_name = xstrdup(head ? head : "the working tree");
	}
	rc = session_load(ctx, &sb, base, BL_ITEMS, NULL, NULL);
	if (rc == EXIT_OK) {
		rc = session_load(ctx, &sh, head, BL_ITEMS, NULL, NULL);
		loaded_h = 1;
	}
	if (rc == EXIT_OK) {
		struct hist_opts ho = { ctx->color, ctx->width, base_name, head_name };

		backlog_diff(&d, &sb.bl, &sh.bl);
		df->render(&out, &d, &ho);
		out_sbuf(ctx, &out);
		backlog_diff_release(&d);
	}
	sbuf_release(&out);
	session_release(&sb);
	if (loaded_h)
		session_release(&sh);
	free(base);
	free(head);
	free(base_name);
	free(head_name);
	return rc;
}

static const struct arg args[] = {
	{ "BASE", ARG_OPTIONAL, NULL,
	  "a revision (default HEAD); BASE...HEAD in one argument compares HEAD "
	  "with the merge base, as a pull request does; BASE..HEAD is BASE HEAD" },
	{ "HEAD", ARG_OPTIONAL, NULL, "a revision (default: the working tree)" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_FORMAT(),
	OPT_END,
};

const struct command cmd_diff = {
	.name = "diff",
	.summary = "priority changes between two revisions",
	.args = args,
	.extra = "diff takes at most two revisions",
	.opts = opts,
	.formats = &diff_formats,
	.details =
	"Lists items moved (old -> new rank; only those out of their old relative\n"
	"order), newly ranked, unranked, added, removed, closed (done or stopped),\n"
	"other status changes and changes of effort, customer_value and\n"
	"business_value. See docs/history.md.\n",
	.run = run,
};
