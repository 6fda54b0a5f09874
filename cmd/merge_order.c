/*
 * merge_order.c: `docket merge-order BASE OURS THEIRS`, the git merge
 * driver for ORDER that `docket init` registers (`docket merge-order %O
 * %A %B`).  git runs it in the work tree's top folder with three
 * temporary files; it needs no backlog.  The result goes to OURS (as git
 * requires), atomically: exit 0 for a clean merge, 1 for a conflict
 * (OURS then holds git-style conflict markers), 2 when the files cannot
 * be read or written (OURS is then left as it was, or holds both sides
 * whole: no byte is lost either way).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/fsutil.h"
#include "core/merge_order.h"

static int
read_arg(struct ctx *ctx, const char *what, const char *path, char **data,
	 size_t *len)
{
	struct diag_list errs = DIAG_LIST_INIT;

	if (fsutil_read(path, LIMIT_ORDER, FSUTIL_FOLLOW, data, len, &errs)) {
		out_errs(ctx, &errs, "cannot read the %s version of ORDER", what);
		return -1;
	}
	return 0;
}

static int
run(struct ctx *ctx)
{
	char **pos = ctx->pos;
	char *base = NULL, *ours = NULL, *theirs = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t blen = 0, olen = 0, tlen = 0;
	struct sbuf out = SBUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	int r, rc = EXIT_OK;

	/* without ours or theirs there is nothing to merge: leave OURS
	 * alone and let git report the conflict */
	if (read_arg(ctx, "our", pos[1], &ours, &olen) ||
	    read_arg(ctx, "their", pos[2], &theirs, &tlen)) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (read_arg(ctx, "base", pos[0], &base, &blen)) {
		/* still write both sides so that neither is lost */
		merge_order_both(ours, olen, theirs, tlen, &out);
		rc = EXIT_PROBLEMS;
	} else {
		r = merge_order(base, blen, ours, olen, theirs, tlen, &out, &diags);
		if (r == DK_ECONFLICT || r == DK_EINVALID) {
			rc = EXIT_PROBLEMS;
		} else if (r) {
			sbuf_reset(&out);
			merge_order_both(ours, olen, theirs, tlen, &out);
			rc = EXIT_PROBLEMS;
		}
	}
	for (size_t i = 0; i < diags.n; i++)
		out_error(ctx, "conflict in ORDER: %s", diags.v[i].message);
	if (fsutil_write_atomic(pos[1], out.buf, out.len, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
	}
done:
	free(base);
	free(ours);
	free(theirs);
	sbuf_release(&out);
	diag_list_release(&diags);
	return rc;
}

#define USE "merge-order takes three files: BASE OURS THEIRS"

static const struct arg args[] = {
	{ "BASE", 0, USE, "the common ancestor's ORDER (git passes %O)" },
	{ "OURS", 0, USE, "our ORDER, where the result is written (%A)" },
	{ "THEIRS", 0, USE, "their ORDER (%B)" },
	ARG_END,
};

const struct command cmd_merge_order = {
	.name = "merge-order",
	.summary = "git's merge driver for ORDER: merge two branches' reorderings",
	.args = args,
	.extra = USE,
	.details =
	"The result is written to OURS. Both sides' moves, insertions and removals\n"
	"are applied; comment and blank lines stay where ours has them. A removal\n"
	"wins over a move. Only an id both sides moved to different places, or\n"
	"whose line both changed differently, is a conflict: OURS then gets\n"
	"<<<<<<< ours / ======= / >>>>>>> theirs markers around the stretch that\n"
	"differs. `docket init` registers the driver (see docs/merge-order.md).\n"
	"Exit status: 0 merged, 1 conflict, 2 unreadable or unwritable files.\n",
	.run = run,
};
