/*
 * order_hosted: what a git host's merge button does to ORDER, predicted
 * (issue 16, docs/hosting.md).
 *
 * GitHub and GitLab merge a pull request with git's own line merge
 * (merge-ort); docket's ORDER driver never runs there.  A line merge of
 * two reorderings may conflict where docket's merge is clean, or merge
 * cleanly into a list that names an id twice (both sides moved it).
 * order_hosted_predict runs the line merge through libgit2
 * (git_merge_file, with the patience diff: libgit2 1.5 has no
 * histogram, git's default; the two agree on the cases of the docs'
 * table, which the tests compare with `git merge-tree --write-tree`)
 * and docket's merge (core/merge_order.h) on the same three versions.
 *
 * ours is the base branch (what the host merges into), theirs the pull
 * request's branch, base their merge base.
 *
 * Ownership: struct order_hosted owns its strings; release it with
 * order_hosted_release.
 */
#ifndef DOCKET_ORDER_HOSTED_H
#define DOCKET_ORDER_HOSTED_H

#include <stddef.h>

#include "core/sbuf.h"

struct order_hosted {
	int line_conflict;      /* the host's line merge conflicts */
	struct sbuf conflict_ids;       /* ids in its conflicts: "MKT-3, MKT-5" */
	struct sbuf dup_ids;    /* ids its clean result lists twice */
	int driver_conflict;    /* docket's merge conflicts too */
};

/* Predict both merges.  Returns 0, or -1 when libgit2 cannot merge the
 * texts (then nothing is predicted). */
int order_hosted_predict(struct order_hosted *out, const char *base,
			 size_t blen, const char *ours, size_t olen,
			 const char *theirs, size_t tlen);
void order_hosted_release(struct order_hosted *h);

#endif
