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

static const struct opt opts[] = {
	{ NULL, 0, 0, 0 },
};

static int
read_arg(struct ctx *ctx, const char *what, const char *path, char **data,
	 size_t *len)
{
	struct diag_list errs = DIAG_LIST_INIT;

	if (fsutil_read(path, data, len, &errs)) {
		out_errs(ctx, &errs, "cannot read the %s version of ORDER", what);
		return -1;
	}
	return 0;
}

int
cmd_merge_order(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *arg;
	char *base = NULL, *ours = NULL, *theirs = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t blen = 0, olen = 0, tlen = 0;
	struct sbuf out = SBUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	int id, r, rc = EXIT_OK;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		;
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos != 3) {
		opt_release(&it);
		return out_usage_error(ctx, "merge-order takes three files: BASE OURS THEIRS");
	}
	/* without ours or theirs there is nothing to merge: leave OURS
	 * alone and let git report the conflict */
	if (read_arg(ctx, "our", it.pos[1], &ours, &olen) ||
	    read_arg(ctx, "their", it.pos[2], &theirs, &tlen)) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (read_arg(ctx, "base", it.pos[0], &base, &blen)) {
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
	if (fsutil_write_atomic(it.pos[1], out.buf, out.len, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
	}
done:
	free(base);
	free(ours);
	free(theirs);
	sbuf_release(&out);
	diag_list_release(&diags);
	opt_release(&it);
	return rc;
}
