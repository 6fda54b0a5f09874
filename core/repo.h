/*
 * repo: every git operation docket makes, through libgit2 (docs/faults.md).
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
#include "core/limits.h"
#include "core/source.h"

#include <git2/oid.h>

struct git_repository;

struct repo {
	struct git_repository *git;
	char *workdir;           /* absolute, no trailing slash; NULL if bare */
	int filters;             /* some filter.NAME.clean, .smudge or .process
				  * is configured (repo_path_filter then looks) */
};

/* Start and stop libgit2 (once per process).  libgit2 itself starts
 * lazily, on the first repo_open or repo_init; shutdown stops it if it
 * started.  Any git_* call needs a repository from those two. */
void repo_global_init(void);
void repo_global_shutdown(void);

/* Open the repository containing path (discovery honours
 * GIT_CEILING_DIRECTORIES). DK_ENOTFOUND when there is none,
 * DK_EREFUSED when another user owns it (git's safe.directory), and,
 * with docket's own message, for a repository libgit2 1.5 cannot open
 * faithfully: an extension it does not support (objectFormat=sha256,
 * worktreeConfig), a split or sparse index. */
int repo_open(struct repo *r, const char *path, struct diag_list *errs);
/* Does path (relative to the work tree) pass through a git filter whose
 * driver is an external command (filter.NAME.clean, .smudge or .process
 * configured for its `filter` attribute)?  libgit2 does not run them,
 * so docket can neither commit such a file (it would store the
 * unfiltered bytes: plaintext for an encrypting filter) nor read it
 * from history.  1 with the filter's name in name, else 0. */
int repo_path_filter(struct repo *r, const char *path, char *name,
		     size_t namelen);
/* Is the folder prefix (relative to the work tree, "backlog") a
 * submodule in the index, or does it hold a repository of its own (a
 * .git)?  1 when so.  (A commit never replaces a submodule of HEAD's
 * tree by a folder either: repo_commit_build refuses.) */
int repo_path_submodule(struct repo *r, const char *prefix);
/* Create a repository at path (like `git init`), or open it if present. */
int repo_init(struct repo *r, const char *path, struct diag_list *errs);
void repo_close(struct repo *r);

/* Report libgit2's last error in errs after what ("cannot read git's
 * index: ..."), explaining the ones docket knows, and return code (or
 * DK_EREFUSED for a repository feature libgit2 cannot honour). */
int repo_git_error(int code, const char *what, struct diag_list *errs);

/* A source reading the folder relroot ("" or "sub/") of revision rev. */
int repo_source_rev(struct repo *r, struct source *out, const char *rev,
		    const char *relroot, struct diag_list *errs);

/*
 * Read the blob id whole (malloc'ed, NUL-terminated), at most
 * limit_bytes(lim) bytes: its size is read from the object's header
 * (git_odb_read_header) before anything is inflated, so a small packed
 * object that would inflate to gigabytes is refused at once.  0, or
 * DK_EINVALID (over the limit, named; not a blob) or DK_EIO, the
 * message naming shown.
 */
int repo_blob_read(struct git_repository *git, const struct git_oid *id,
		   enum limit_kind lim, const char *shown, char **data,
		   size_t *len, struct diag_list *errs);

/* The grafted commits of a shallow clone (.git/shallow), sorted with
 * git_oid_cmp (malloc'ed, *n of them); NULL and 0 when the repository
 * is not shallow or the file cannot be read. */
struct git_oid *repo_shallow_commits(struct repo *r, size_t *n);

/* Set a key in the repository's own config (.git/config). */
int repo_config_set(struct repo *r, const char *key, const char *value,
		    struct diag_list *errs);

/*
 * Committing, in steps (core/change.c runs them in a safe order, with a
 * journal, and is the only caller; docs/faults.md says why):
 *
 *   repo_commit_build   the commit object: HEAD's tree with exactly
 *                       these work-tree paths replaced (a path that no
 *                       longer exists is removed), or these paths as
 *                       the index at index_file holds them (the
 *                       temporary index the hooks saw); no branch
 *                       moves yet
 *   repo_index_take     the index entries of those paths from the work
 *                       tree (every other entry as it was)
 *   repo_head_advance   the branch HEAD names moves from the parent to
 *                       the commit (refused when it moved meanwhile)
 *
 * The author and committer are user.name/user.email from git config
 * (GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_AUTHOR_DATE and the
 * GIT_COMMITTER_* variables override them, as in git); author_date,
 * when not NULL, is the author date ("@EPOCH +HHMM", as repo_author
 * gives it).
 */
struct repo_commit {
	struct git_oid id;       /* the commit made */
	struct git_oid parent;   /* HEAD when it was made */
	int has_parent;          /* 0: HEAD was unborn */
	char *ref;               /* the ref HEAD names ("refs/heads/main"),
				  * or "HEAD" when detached (malloc'ed) */
};
/* 0, or DK_EREFUSED "nothing to commit" when the tree equals HEAD's,
 * or DK_EIO; release with repo_commit_release in every case.  With no
 * paths at all the commit has HEAD's tree (an empty commit on purpose:
 * docket approve).
 *
 * ids (may be NULL; else one per path, each may be NULL): the blob of
 * the bytes the work-tree file was just written with, already in the
 * object database.  Without index_file it is the committed blob when no
 * git filter applies to the path (.gitattributes text, eol, ident;
 * core.autocrlf), and the file is not read again; where it cannot be
 * used (a filter applies, or index_file is given) ids[i] is set to NULL,
 * so that repo_index_take reads that file. */
int repo_commit_build(struct repo *r, const char *const *paths, size_t npaths,
		      const struct git_oid **ids,
		      const char *index_file, const char *author_date,
		      const char *message, struct repo_commit *out,
		      struct diag_list *errs);
void repo_commit_release(struct repo_commit *c);
/* The short id ("abc1234") of c. */
void repo_commit_short(const struct repo_commit *c, char *out, size_t len);
/* ids as repo_commit_build left them (may be NULL): an entry with a
 * blob id is given that id and the file's stat data (lstat) instead of
 * hashing the file again, when the file is a regular one without an
 * execute bit and the index holds no other mode for it. */
int repo_index_take(struct repo *r, const char *const *paths, size_t npaths,
		    const struct git_oid *const *ids, struct diag_list *errs);
/* Set the index entries of paths to those of commit (removed where the
 * commit has none; all removed when !has_commit): `git reset -q --
 * PATHS` for docket's own paths only. */
int repo_index_reset(struct repo *r, const struct git_oid *commit,
		     int has_commit, const char *const *paths, size_t npaths,
		     struct diag_list *errs);
/* 0, DK_ECONFLICT when the branch moved since repo_commit_build, or
 * DK_EIO.  The reflog says "commit: SUBJECT", as git's. */
int repo_head_advance(struct repo *r, const struct repo_commit *c,
		      struct diag_list *errs);
/* Point HEAD's branch (HEAD itself when detached) at to, with the
 * reflog line log: 0, DK_ECONFLICT when it moved meanwhile, DK_EIO. */
int repo_head_move(struct repo *r, const struct git_oid *to, const char *log,
		   struct diag_list *errs);
/* A commit of tree with the parents HEAD and theirs (a merge), as the
 * identity of repo_commit_build; no branch moves (repo_head_move). */
int repo_commit_merge(struct repo *r, const struct git_oid *tree,
		      const struct git_oid *theirs, const char *message,
		      struct git_oid *out, struct diag_list *errs);
/* HEAD's commit (zeroes and *unborn set when there is none yet). */
int repo_head_id(struct repo *r, struct git_oid *out, int *unborn,
		 struct diag_list *errs);
/* The ref HEAD names ("refs/heads/main"), or "HEAD" when it is
 * detached (malloc'ed); NULL when HEAD cannot be read. */
char *repo_head_ref(struct repo *r);
/* The blob of path (relative to the work tree) in HEAD's tree: 1 and
 * *out, or 0 when HEAD has no such file (or no commit yet). */
int repo_head_blob(struct repo *r, const char *path, struct git_oid *out);
/* "<git folder>/name" (malloc'ed): this work tree's own git folder, or
 * with common the folder every work tree of the repository shares. */
char *repo_git_path(struct repo *r, const char *name, int common);
/* Where docket edit keeps its draft of item id, in this work tree's git
 * folder: "<git folder>/docket/drafts/ID.md" (malloc'ed). */
char *repo_draft_path(struct repo *r, const char *id);

/* Is the git identity (user.name and user.email, or GIT_AUTHOR_* and
 * GIT_COMMITTER_*) available for a commit?  0, or DK_EREFUSED with a
 * message saying how to set it. */
int repo_check_identity(struct repo *r, struct diag_list *errs);
/* The author a commit made now would have (as repo_check_identity
 * finds it): malloc'ed name and email, or DK_EREFUSED (both NULL). */
int repo_identity(struct repo *r, char **name, char **email);
/* repo_identity and the date a commit made now would have, as git
 * exports it to hooks in GIT_AUTHOR_DATE ("@EPOCH +HHMM", malloc'ed). */
int repo_author(struct repo *r, char **name, char **email, char **date);

/*
 * The highest N of the PREFIX-N item files (items_rel: the items folder
 * relative to the work tree, like "backlog/") on every local and
 * remote-tracking branch tip and in the work tree, so that a new id
 * never reuses one that exists anywhere (docs/faults.md).  Sets *out (0 when
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

/* ---- blobs (repo_blob.c) ------------------------------------------ */

/* The git blob id of data[0..len) (what `git hash-object` prints), as
 * 40 hex digits and a NUL in out: the version of a work-tree file.
 * r must be open (libgit2 is started by repo_open). */
void repo_blob_id(struct repo *r, char out[41], const void *data, size_t len);
/* repo_blob_read of the blob with this hex id (40 digits).  DK_ENOTFOUND
 * when it is not in the object database (or id is not an id); else as
 * repo_blob_read. */
int repo_blob_hex(struct repo *r, const char *id, enum limit_kind lim,
		  char **data, size_t *len, struct diag_list *errs);

#endif
