/* approve.c: `docket approve`: an owner approves ORDER as it stands on
 * this branch, in a commit of theirs whose message names ORDER's blob
 * ("Approved-order: <blob> by <e-mail>"), so that owner-order passes the
 * reorderings of others that led to it (core/check_approve.c). */
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/fsutil.h"
#include "core/xalloc.h"

static int
run(struct ctx *ctx)
{
	struct ws *w = ctx->ws;
	const struct backlog *bl = &w->ss.bl;
	char *name = NULL, *email = NULL, *data = NULL, *full;
	char hex[GIT_OID_HEXSZ + 1], wt[41];
	struct diag_list errs = DIAG_LIST_INIT;
	struct sbuf msg = SBUF_INIT, sum = SBUF_INIT;
	git_oid blob;
	size_t len = 0;
	int rc = EXIT_PROBLEMS;

	if (!w->ch.commit || !w->have_repo) {
		out_error(ctx, "an approval is a commit: docket approve cannot run with --no-commit or commit: false");
		return EXIT_USAGE;
	}
	if (repo_identity(&w->repo, &name, &email)) {
		repo_check_identity(&w->repo, &errs);
		out_errs(ctx, &errs, NULL);
		return EXIT_PROBLEMS;
	}
	if (!config_is_owner(&bl->config, NULL, email)) {
		out_error(ctx, "only an owner may approve the order, by e-mail under owners: in docket.yaml; %s <%s> is not one: ask an owner to review this branch and run docket approve",
			  name, email);
		goto done;
	}
	if (!repo_head_blob(&w->repo, bl->order_path, &blob)) {
		out_error(ctx, "%s is not committed on this branch: nothing to approve",
			  bl->order_path);
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), &blob);
	full = xasprintf("%s/%s", w->repo.workdir, bl->order_path);
	if (fsutil_read(full, LIMIT_ORDER, 0, &data, &len, &errs) == 0)
		repo_blob_id(&w->repo, wt, data, len);
	else
		wt[0] = '\0';
	diag_list_release(&errs);
	free(full);
	if (strcmp(wt, hex)) {
		out_error(ctx, "%s has uncommitted changes: an approval is of the committed order; commit them first (or git checkout %s)",
			  bl->order_path, bl->order_path);
		goto done;
	}
	sbuf_addf(&sum, "Approve the order of the backlog (%.7s)", hex);
	sbuf_addf(&msg, "%s\n\nThe Marketing Owner approves ORDER as it stands on this branch,\nand the changes of it that led here.\n\nApproved-order: %s by %s\n",
		  sum.buf, hex, email);
	w->ch.allow_empty = 1;
	rc = ws_commit(ctx, w, msg.buf, sum.buf);
done:
	free(data);
	free(name);
	free(email);
	sbuf_release(&msg);
	sbuf_release(&sum);
	return rc;
}

const struct command cmd_approve = {
	.name = "approve",
	.summary = "approve ORDER as it stands (owners only)",
	.needs = NEED_WRITE,
	.details =
	"An owner's approval of the order on this branch: a commit of theirs with\n"
	"no file change whose message holds 'Approved-order: BLOB by E-MAIL'\n"
	"(BLOB: ORDER's git blob id). check --base then accepts the changes of\n"
	"ORDER by others that led to it (rule owner-order). The line survives a\n"
	"squash merge. Refused for someone not under owners: (by e-mail), and\n"
	"when ORDER has uncommitted changes. See docs/hosting.md.\n",
	.run = run,
};
