/*
 * repo: every git operation docket makes, through libgit2 (SPEC 9).
 *
 * A struct repo wraps an open git_repository.  Errors are values: each
 * function returns 0 or a negative DK_* code and writes a message for
 * the user into repo->err (copied from libgit2's last error where there
 * is one).  repo_close frees everything.  A source made by
 * repo_source_rev holds its own reference to the tree and is released
 * with source->release.
 */
#ifndef DOCKET_REPO_H
#define DOCKET_REPO_H

#include <stddef.h>

#include "core/source.h"

struct git_repository;

struct repo {
	struct git_repository *git;
	char *workdir;           /* absolute, no trailing slash; NULL if bare */
	char err[1024];
};

/* Start and stop libgit2 (once per process).  libgit2 itself starts
 * lazily, on the first repo_open or repo_init; shutdown stops it if it
 * started.  Any git_* call needs a repository from those two. */
void repo_global_init(void);
void repo_global_shutdown(void);

/* Open the repository containing path (discovery honours
 * GIT_CEILING_DIRECTORIES). DK_ENOTFOUND when there is none. */
int repo_open(struct repo *r, const char *path);
/* Create a repository at path (like `git init`), or open it if present. */
int repo_init(struct repo *r, const char *path);
void repo_close(struct repo *r);

/* A source reading the folder relroot ("" or "sub/") of revision rev. */
int repo_source_rev(struct repo *r, struct source *out, const char *rev,
		    const char *relroot);

/* Set a key in the repository's own config (.git/config). */
int repo_config_set(struct repo *r, const char *key, const char *value);

/* Commit exactly these work-tree paths (relative to the work tree) on
 * HEAD, leaving every other staged or unstaged change as it was.  A path
 * that no longer exists is committed as deleted.  The author and
 * committer are user.name/user.email from git config (GIT_AUTHOR_NAME,
 * GIT_AUTHOR_EMAIL, GIT_AUTHOR_DATE and the GIT_COMMITTER_* variables
 * override them, as in git).  out_id, if not NULL, receives the short
 * id (at least 8 bytes). Returns 0, or DK_EREFUSED when nothing changed. */
int repo_commit(struct repo *r, const char *const *paths, size_t npaths,
		const char *message, char *out_id, size_t out_len);

/* Is the git identity (user.name and user.email, or GIT_AUTHOR_* and
 * GIT_COMMITTER_*) available for a commit?  0, or DK_EREFUSED with a
 * message saying how to set it. */
int repo_check_identity(struct repo *r);
/* The author a commit made now would have (as repo_check_identity
 * finds it): malloc'ed name and email, or DK_EREFUSED (both NULL). */
int repo_identity(struct repo *r, char **name, char **email);

/*
 * The highest N of the PREFIX-N item files (items_rel: the items folder
 * relative to the work tree, like "backlog/") on every local and
 * remote-tracking branch tip and in the work tree, so that a new id
 * never reuses one that exists anywhere (SPEC 9).  Sets *out (0 when
 * there is none).  Returns 0, or DK_EIO with r->err set.
 * (repo_ids.c)
 */
int repo_max_id(struct repo *r, const char *items_rel, const char *prefix,
		long *out);
/* Call fn(arg, branch, name) for each file name in the items folder of
 * every local and remote-tracking branch tip (each distinct folder tree
 * once; branch is the first branch found with it, without refs/heads/
 * or refs/remotes/).  fn returns nonzero to stop.  Returns 0, or DK_EIO
 * with r->err set.  (repo_ids.c) */
int repo_branch_items_each(struct repo *r, const char *items_rel,
			   int (*fn)(void *arg, const char *branch, const char *name),
			   void *arg);

/* ---- blobs (repo_blob.c) ------------------------------------------ */

/* The git blob id of data[0..len) (what `git hash-object` prints), as
 * 40 hex digits and a NUL in out: the version of a work-tree file.
 * r must be open (libgit2 is started by repo_open). */
void repo_blob_id(struct repo *r, char out[41], const void *data, size_t len);
/* Read the blob with this hex id from the object database into *data
 * (malloc'ed, NUL-terminated) and *len.  DK_ENOTFOUND when it is not
 * there (or id is not 40 hex digits), DK_EIO with r->err set. */
int repo_blob_read(struct repo *r, const char *id, char **data, size_t *len);

#endif
