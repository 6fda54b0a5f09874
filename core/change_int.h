/*
 * change_int.h: what change.c and change_commit.c share (libgit2's
 * "module__" naming: internal to core/change*.c, see change.h).
 */
#ifndef DOCKET_CHANGE_INT_H
#define DOCKET_CHANGE_INT_H

#include <stddef.h>

#include "core/change.h"
#include "core/diag.h"

/* Finish or drop what an interrupted docket commit left in the
 * journal; called by change_begin under the lock.  0 (c->note may say
 * what was done), or DK_EIO with the reason in errs. */
int change__recover(struct change *c, struct diag_list *errs);
/* Commit the written paths: commit object, journal, index, branch
 * (change_commit.c), with the hooks of hk around them (core/hook.h).
 * 0, with c->committed or c->unchanged set; DK_EREFUSED when a hook
 * refused (nothing of git's changed); or DK_EIO with errs saying the
 * state and the command to finish. */
struct hook_commit;
/* ids: as repo_commit_build takes them (core/repo.h), or NULL. */
int change__commit_paths(struct change *c, const char *const *paths,
			 const git_oid **ids, size_t n, const char *message,
			 struct hook_commit *hk, struct diag_list *errs);

#endif
