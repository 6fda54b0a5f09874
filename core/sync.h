/*
 * sync: merge a revision into the current branch as `git merge REV`
 * does, through libgit2, with docket's ORDER merge (core/merge_order.h)
 * registered in-process as the merge driver "docket-order", so that it
 * works in a clone whose .git/config lacks the driver (`docket sync`).
 *
 *   already up to date   nothing changes
 *   fast-forward         the work tree and the branch move to REV
 *                        (refused, naming the file, when that would
 *                        overwrite a local change)
 *   merge                git_merge with the driver, then, when clean,
 *                        the pre-merge-commit, prepare-commit-msg and
 *                        commit-msg hooks, the two-parent commit and
 *                        post-merge, as git runs them
 *   conflicts            git's merge state is left (MERGE_HEAD, the
 *                        conflicted index), so that `git merge --abort`
 *                        and `git commit` work; a conflicted ORDER is
 *                        written in docket's conflict form (libgit2
 *                        would write line-merge markers)
 *
 * The merge needs the line `ORDER merge=docket-order` in .gitattributes
 * (docket init commits it): without it a merge is refused, saying so.
 * sync fetches nothing.
 *
 * Ownership: struct sync_out owns its strings (sync_out_release).
 */
#ifndef DOCKET_SYNC_H
#define DOCKET_SYNC_H

#include <stddef.h>

#include "core/diag.h"
#include "core/repo.h"

enum sync_result {
	SYNC_UP_TO_DATE,
	SYNC_FAST_FORWARD,
	SYNC_MERGED,
	SYNC_CONFLICT,          /* stopped: conflicts listed in out->conflicts */
	SYNC_HOOK_REFUSED,      /* stopped before the commit: merge staged */
};

struct sync_out {
	enum sync_result result;
	char commit[16];        /* short id of the new HEAD */
	char **conflicts;       /* conflicted paths */
	size_t nconflicts;
	int order_conflict;     /* ORDER is one of them (docket's form) */
};

/* The upstream of the current branch ("origin/main", malloc'ed) in
 * *name: 0, or DK_ENOTFOUND saying there is none. */
int sync_upstream(struct repo *r, char **name, struct diag_list *errs);
/* Merge rev into the current branch; order_path is ORDER relative to
 * the top.  0 with out->result set, or a DK_* code (the reason in errs). */
int sync_run(struct repo *r, const char *rev, const char *order_path,
	     int no_verify, struct sync_out *out, struct diag_list *errs);
void sync_out_release(struct sync_out *o);

#endif
