/* sync.c: `docket sync [REV]`: merge REV (default: the upstream of the
 * current branch) into the current branch with docket's ORDER merge
 * (core/sync.h); the fix `check --base` suggests for order-merge. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/change.h"
#include "core/sync.h"

static int
run(struct ctx *ctx)
{
	struct session *ss = ctx->ses;
	struct diag_list errs = DIAG_LIST_INIT;
	struct change lock;
	struct sync_out out;
	char *up = NULL;
	const char *rev = ctx->npos ? ctx->pos[0] : NULL;
	int rc = EXIT_OK;

	memset(&out, 0, sizeof(out));
	change_init(&lock, ctx->repo, ctx->repo->workdir);
	if (!rev) {
		if (sync_upstream(ctx->repo, &up, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
			goto done;
		}
		rev = up;
	}
	/* the lock and the checks every docket write makes (no merge or
	 * rebase in progress, git's index not locked) */
	if (change_begin(&lock, NULL, &errs) ||
	    sync_run(ctx->repo, rev, ss->bl.order_path, ctx->no_verify, &out, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (lock.note[0])
		out_warning(ctx, "%s", lock.note);
	switch (out.result) {
	case SYNC_UP_TO_DATE:
		out_note(ctx, "Already up to date with %s", rev);
		break;
	case SYNC_FAST_FORWARD:
		out_note(ctx, "Fast-forwarded to %s [%s]", rev, out.commit);
		break;
	case SYNC_MERGED:
		out_note(ctx, "Merged %s [%s]", rev, out.commit);
		break;
	case SYNC_CONFLICT:
		for (size_t i = 0; i < out.nconflicts; i++)
			out_error(ctx, "merge conflict in %s%s", out.conflicts[i],
				  out.order_conflict && !strcmp(out.conflicts[i], ss->bl.order_path) ?
				  " (written in docket's form: keep one side of each block)" : "");
		out_error(ctx, "merging %s stopped at %zu conflict%s: fix %s, git add %s and git commit (or git merge --abort)",
			  rev, out.nconflicts, out.nconflicts == 1 ? "" : "s",
			  out.nconflicts == 1 ? "it" : "them", out.nconflicts == 1 ? "it" : "them");
		rc = EXIT_PROBLEMS;
		break;
	case SYNC_HOOK_REFUSED:
		out_errs(ctx, &errs, NULL);
		out_error(ctx, "the merge of %s is staged but not committed: fix what the hook says, then git commit (or git merge --abort)",
			  rev);
		rc = EXIT_PROBLEMS;
		break;
	}
done:
	diag_list_release(&errs);
	change_release(&lock);
	sync_out_release(&out);
	free(up);
	return rc;
}

static const struct arg args[] = {
	{ "REV", ARG_OPTIONAL, NULL,
	  "the revision to merge (default: the upstream of the current branch)" },
	ARG_END,
};

const struct command cmd_sync = {
	.name = "sync",
	.summary = "merge a branch into this one with docket's ORDER merge",
	.args = args,
	.extra = "sync takes one revision",
	.needs = NEED_BACKLOG | NEED_REPO,
	.details =
	"Merge REV into the current branch as git merge does, with docket's merge\n"
	"of ORDER built in (no merge driver in .git/config needed; .gitattributes\n"
	"must name it, as docket init writes it). A fast-forward when possible;\n"
	"otherwise a merge commit, with the pre-merge-commit, commit-msg and\n"
	"post-merge hooks. On conflicts it stops as git merge does: fix them and\n"
	"git commit, or git merge --abort. It fetches nothing: git fetch first.\n"
	"check --base suggests it when a host's merge button would break ORDER.\n"
	"See docs/hosting.md.\n",
	.run = run,
};
