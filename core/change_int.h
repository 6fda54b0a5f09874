/*
 * change_int.h: what change.c and change_commit.c share (libgit2's
 * "module__" naming: internal to core/change*.c, see change.h).
 */
#ifndef DOCKET_CHANGE_INT_H
#define DOCKET_CHANGE_INT_H

#include <stddef.h>

#include "core/change.h"
#include "core/diag.h"

/* Write the queued files: all staged, then renamed (change_write.c).
 * 0, or DK_EIO with errs saying whether any file was changed (then
 * c->written is set). */
int change__write_files(struct change *c, struct diag_list *errs);
/* Keep the bytes of the files about to be written or removed, as blobs,
 * for a hook that refuses the commit; 0 or DK_EIO (nothing written). */
int change__keep_old(struct change *c, struct diag_list *errs);
/* Put the kept bytes back (remove the files that were not there): 0 or
 * DK_EIO. */
int change__restore_old(struct change *c, struct diag_list *errs);
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
