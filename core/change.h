/*
 * change: a changeset (files to write, files to delete) applied to the
 * work tree safely, then committed (docs/faults.md).
 *
 * The life of a change, as a command uses it:
 *
 *   change_init(&c, repo, top)        repo may be NULL when not committing
 *   c.commit = ...; c.include_dirty = ...;
 *   change_begin(&c, order_path)      refuse during a merge, rebase,
 *                                     cherry-pick, revert or bisect; take
 *                                     the lock (.git/docket.lock); refuse
 *                                     when .git/index.lock exists or ORDER
 *                                     has conflict markers
 *   ... read the files, compute the new bytes (under the lock, so two
 *       docket processes never interleave their read-modify-write) ...
 *   change_write(&c, path, data, len) / change_delete / change_ondisk
 *   / change_put(&c, path, data, len, errs)
 *   change_commit(&c, message)        refuse a file that is a symbolic
 *                                     link or lies behind one leading out
 *                                     of the repository; refuse when a
 *                                     file to change has uncommitted
 *                                     (staged, unstaged or untracked)
 *                                     edits, unless include_dirty; check
 *                                     the git identity; write the files
 *                                     (all staged first, then renamed:
 *                                     a read-only file or folder, a full
 *                                     disk changes none); run the git
 *                                     hooks as git does (core/hook.h): a
 *                                     hook that fails gets the files
 *                                     their previous bytes back, and
 *                                     nothing is committed; commit
 *                                     exactly those paths
 *   change_release(&c)                drop the lock, free everything
 *
 * The lock holds "PID HOSTNAME"; it is judged and taken under flock(2),
 * so a stale lock (its process gone) is taken over by one process only,
 * and a live one is never broken.
 *
 * Paths are relative to the work tree's top.  The dirty check is made
 * only when committing: with commit off (--no-commit, `commit: false`)
 * nothing of the user's can end up in a docket commit, and the edits
 * themselves are surgical, so repeated uncommitted edits are allowed.
 *
 * Errors: every function that can fail returns 0 or a negative DK_*
 * code and appends a message for the user to errs that names the file
 * or the lock.
 * DK_EREFUSED: a safety check refused (nothing was written); DK_EIO: a
 * write failed (nothing was written unless c->written is set); after
 * the files were written, a failed commit returns DK_EIO with
 * c->written set and a message saying the files are written
 * but not committed.  When the written files turn out identical to
 * HEAD's, no commit is made and change_commit returns 0 with
 * c->unchanged set.  A hook that refused: DK_EREFUSED, the files as they
 * were before (those of CHANGE_ONDISK stay as the editor left them).
 *
 * Memory: change_write keeps a copy of the bytes until the change is
 * released; change_put (for changes of many files: an import) keeps
 * none: with a repository the bytes go at once into git's object
 * database as a blob (only its id is kept; change_commit reads each back
 * when it writes the file, commits that blob and gives git's index the
 * entry without reading the file again), and without one they are
 * staged at once as the temporary file next to the target that
 * change_commit renames into place.  A change that is released
 * uncommitted leaves such blobs unreferenced (git's gc removes them, as
 * those of an aborted `git commit`), and no temporary file.  The bytes
 * a hook may need put back are kept the same way (a blob id).  The
 * change finds a queued path by a hash map, so queueing n files costs
 * n, not n squared.
 *
 * Ownership: the change copies every path and byte it is given; it
 * borrows repo.
 */
#ifndef DOCKET_CHANGE_H
#define DOCKET_CHANGE_H

#include <stddef.h>

#include "core/repo.h"
#include "core/strmap.h"

enum change_op {
	CHANGE_WRITE,      /* write data to path */
	CHANGE_DELETE,     /* remove path */
	CHANGE_ONDISK,     /* path was already written (by an editor): commit it */
};

struct change_file {
	char *path;
	char *data;              /* CHANGE_WRITE's bytes, or NULL when put */
	size_t len;
	enum change_op op;
	int put;                 /* change_put: the bytes are in blob or tmp */
	git_oid blob;            /* put, with a repository: the blob's id */
	char *tmp;               /* put, without one: the staged file */
	/* the bytes before the write, kept (as a blob) when hooks run: a
	 * refused commit puts them back */
	git_oid old;
	int had_old;
};

struct change {
	struct repo *repo;       /* borrowed; NULL: no git repository */
	char *top;               /* absolute path of the work tree */
	int commit;              /* commit after writing (default 1) */
	int include_dirty;       /* --include-dirty */
	int no_verify;           /* --no-verify: no pre-commit, commit-msg */
	int allow_empty;         /* commit with no files (docket approve) */
	struct change_file *files;
	size_t nfiles, alloc;
	struct strmap byname;    /* path -> index + 1 in files */
	char *lock_path;         /* held while not NULL */
	int written;             /* the files are on disk */
	int committed;
	int unchanged;           /* the written files equal HEAD's: no commit */
	char commit_id[16];      /* short id of the commit made */
	/* set by change_begin when it finished (or could not finish) a
	 * commit an interrupted docket left: say it to the user */
	char note[1024];
};

void change_init(struct change *c, struct repo *r, const char *top);
/* Release the lock (when held) and free everything. */
void change_release(struct change *c);

/* Safety checks and the lock. order_path (relative to top, may be NULL)
 * is checked for merge-conflict markers. */
int change_begin(struct change *c, const char *order_path,
		 struct diag_list *errs);

/* Queue a file: a later entry for the same path replaces an earlier one. */
void change_write(struct change *c, const char *path, const char *data,
		  size_t len);
/* Queue a file whose bytes the change does not keep (see Memory
 * above): the caller may free data on return.  0, or DK_EIO (the blob or
 * the temporary file cannot be written: a full disk; errs names the file)
 * or DK_EREFUSED (without a repository, path lies behind a symbolic
 * link), and then nothing is queued for path. */
int change_put(struct change *c, const char *path, const char *data,
	       size_t len, struct diag_list *errs);
void change_delete(struct change *c, const char *path);
void change_ondisk(struct change *c, const char *path);

/* Refuse (DK_EREFUSED, naming the file) when a queued path has
 * uncommitted edits.  change_commit calls it; `edit` calls it before it
 * opens the editor. */
int change_check_dirty(struct change *c, struct diag_list *errs);
/* Write the queued files and commit them with message (see above). */
int change_commit(struct change *c, const char *message,
		  struct diag_list *errs);
/* Release the lock early (change_release does it too). */
void change_unlock(struct change *c);

/* The lock file docket uses in gitdir (for messages and tests). */
#define CHANGE_LOCK_NAME "docket.lock"

#endif
