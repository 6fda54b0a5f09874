/*
 * diff.c: `docket diff [BASE [HEAD]]`: priority changes between two
 * versions of the backlog (SPEC 7).
 *
 * Like git diff: no argument compares HEAD with the working tree, one
 * compares BASE with the working tree, two compare two revisions, and
 * BASE...HEAD compares HEAD with the merge base of the two (what a pull
 * request shows).  Both sides are read in full: BASE (and HEAD when it
 * is a revision) from the object database.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/changes.h"
#include "core/history.h"
#include "core/xalloc.h"
#include "formats/history_out.h"

enum { O_FORMAT = 1 };

static const struct opt opts[] = {
	{ "format", 0, 1, O_FORMAT },
	{ NULL, 0, 0, 0 },
};

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

int
cmd_diff(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *format = "text", *arg;
	char *base = NULL, *head = NULL, *base_name = NULL, *head_name = NULL;
	struct session sb, sh;
	struct backlog_diff d;
	struct sbuf out = SBUF_INIT;
	int id, r, rc, loaded_h = 0;

	memset(&sb, 0, sizeof(sb));
	memset(&sh, 0, sizeof(sh));
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		if (id == O_FORMAT)
			format = arg;
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if ((rc = opt_format(ctx, format, (const char *const[]){ "text", "md", "json", NULL }))) {
		opt_release(&it);
		return rc;
	}
	if (it.npos > 2) {
		opt_release(&it);
		return out_usage_error(ctx, "diff takes at most two revisions");
	}
	if (it.npos == 1 && strstr(it.pos[0], "...")) {
		if ((rc = three_dots(ctx, it.pos[0], &base, &head))) {
			opt_release(&it);
			return rc;
		}
		base_name = xasprintf("merge base %.7s", base);
		head_name = xstrdup(head);
	} else {
		base = xstrdup(it.npos ? it.pos[0] : "HEAD");
		head = it.npos == 2 ? xstrdup(it.pos[1]) : NULL;
		base_name = xstrdup(base);
		head_name = xstrdup(head ? head : "the working tree");
	}
	rc = session_load(ctx, &sb, base, BL_ITEMS);
	if (rc == EXIT_OK) {
		rc = session_load(ctx, &sh, head, BL_ITEMS);
		loaded_h = 1;
	}
	if (rc == EXIT_OK) {
		struct hist_opts ho = { ctx->color, ctx->width, base_name, head_name };

		backlog_diff(&d, &sb.bl, &sh.bl);
		if (!strcmp(format, "json"))
			diff_json(&out, &d, &ho);
		else if (!strcmp(format, "md"))
			diff_md(&out, &d, &ho);
		else
			diff_text(&out, &d, &ho);
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
	opt_release(&it);
	return rc;
}
