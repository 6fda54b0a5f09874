/*
 * repo: every git operation docket makes, through libgit2 (SPEC 9).
 *
 * A struct repo wraps an open git_repository.  Errors are values: each
 * function that can fail returns 0 or a negative DK_* code and appends
 * the reason to errs (with libgit2's last error where there is one).
 * repo_close frees everything.  A source made by
 * repo_source_rev holds its own reference to the tree and is released
 * with source->release.
 */
#ifndef DOCKET_REPO_H
#define DOCKET_REPO_H

#include <stddef.h>

#include "core/diag.h"
#include "core/source.h"

struct git_repository;

struct repo {
	struct git_repository *git;
	char *workdir;           /* absolute, no trailing slash; NULL if bare */
};

/* Start and stop libgit2 (once per process).  libgit2 itself starts
 * lazily, on the first repo_open or repo_init; shutdown stops it if it
 * started.  Any git_* call needs a repository from those two. */
void repo_global_init(void);
void repo_global_shutdown(void);

/* Open the repository containing path (discovery honours
 * GIT_CEILING_DIRECTORIES). DK_ENOTFOUND when there is none,
 * DK_EREFUSED when another user owns it (git's safe.directory). */
int repo_open(struct repo *r, const char *path, struct diag_list *errs);
/* Create a repository at path (like `git init`), or open it if present. */
int repo_init(struct repo *r, const char *path, struct diag_list *errs);
void repo_close(struct repo *r);

/* A source reading the folder relroot ("" or "sub/") of revision rev. */
int repo_source_rev(struct repo *r, struct source *out, const char *rev,
		    const char *relroot, struct diag_list *errs);

/* Set a key in the repository's own config (.git/config). */
int repo_config_set(struct repo *r, const char *key, const char *value,
		    struct diag_list *errs);

/* Commit exactly these work-tree paths (relative to the work tree) on
 * HEAD, leaving every other staged or unstaged change as it was.  A path
 * that no longer exists is committed as deleted.  The author and
 * committer are user.name/user.email from git config (GIT_AUTHOR_NAME,
 * GIT_AUTHOR_EMAIL, GIT_AUTHOR_DATE and the GIT_COMMITTER_* variables
 * override them, as in git).  out_id, if not NULL, receives the short
 * id (at least 8 bytes). Returns 0, or DK_EREFUSED when nothing changed. */
int repo_commit(struct repo *r, const char *const *paths, size_t npaths,
		const char *message, char *out_id, size_t out_len,
		struct diag_list *errs);

/* Is the git identity (user.name and user.email, or GIT_AUTHOR_* and
 * GIT_COMMITTER_*) available for a commit?  0, or DK_EREFUSED with a
 * message saying how to set it. */
int repo_check_identity(struct repo *r, struct diag_list *errs);

/*
 * The highest N of the PREFIX-N item files (items_rel: the items folder
 * relative to the work tree, like "backlog/") on every local and
 * remote-tracking branch tip and in the work tree, so that a new id
 * never reuses one that exists anywhere (SPEC 9).  Sets *out (0 when
 * there is none).  Returns 0, or DK_EIO (the reason in errs).
 * (repo_ids.c)
 */
int repo_max_id(struct repo *r, const char *items_rel, const char *prefix,
		long *out, struct diag_list *errs);
/* Call fn(arg, branch, name) for each file name in the items folder of
 * every local and remote-tracking branch tip (each distinct folder tree
 * once; branch is the first branch found with it, without refs/heads/
 * or refs/remotes/).  fn returns nonzero to stop.  Returns 0, or DK_EIO
 * (the reason in errs).  (repo_ids.c) */
int repo_branch_items_each(struct repo *r, const char *items_rel,
			   int (*fn)(void *arg, const char *branch, const char *name),
			   void *arg, struct diag_list *errs);

#endif
