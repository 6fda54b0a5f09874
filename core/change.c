/*
 * change.c: apply a changeset safely (see change.h).
 *
 * The lock is a file in the repository's git folder holding
 * "PID HOSTNAME", judged and written under flock(2) (see take_lock).  A
 * lock whose process is gone (same host, kill(pid, 0) fails with ESRCH)
 * is stale and taken over; so is an unreadable one older than a minute;
 * an empty one is free (its creator died before writing it, or is about
 * to find ours).  Any other lock is a refusal naming the file and the
 * process.
 *
 * The dirty check compares three versions of each path, as git status
 * does, but only for the paths docket changes (no work-tree scan): the
 * blob in HEAD's tree, the stage-0 index entry (a conflict stage means
 * conflicted) and the hash of the work-tree file with git's filters.
 *
 * The commit itself, with its journal, is in change_commit.c.
 */
#include "core/change.h"
#include "core/change_int.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "core/order.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

void
change_init(struct change *c, struct repo *r, const char *top)
{
	memset(c, 0, sizeof(*c));
	c->repo = r;
	c->top = xstrdup(top ? top : (r && r->workdir ? r->workdir : "."));
	c->commit = 1;
}

void
change_unlock(struct change *c)
{
	if (c->lock_path) {
		unlink(c->lock_path);
		free(c->lock_path);
		c->lock_path = NULL;
	}
}

void
change_release(struct change *c)
{
	change_unlock(c);
	for (size_t i = 0; i < c->nfiles; i++) {
		free(c->files[i].path);
		free(c->files[i].data);
	}
	free(c->files);
	free(c->top);
	memset(c, 0, sizeof(*c));
}

static void
queue(struct change *c, const char *path, const char *data, size_t len,
      enum change_op op)
{
	struct change_file *f = NULL;

	for (size_t i = 0; i < c->nfiles; i++)
		if (!strcmp(c->files[i].path, path)) {
			f = &c->files[i];
			free(f->data);
			break;
		}
	if (!f) {
		c->files = xgrow(c->files, &c->alloc, c->nfiles + 1, sizeof(*c->files));
		f = &c->files[c->nfiles++];
		f->path = xstrdup(path);
	}
	f->data = data ? xmemdup0(data, len) : NULL;
	f->len = data ? len : 0;
	f->op = op;
}

void
change_write(struct change *c, const char *path, const char *data, size_t len)
{
	queue(c, path, data, len, CHANGE_WRITE);
}

void
change_delete(struct change *c, const char *path)
{
	queue(c, path, NULL, 0, CHANGE_DELETE);
}

void
change_ondisk(struct change *c, const char *path)
{
	queue(c, path, NULL, 0, CHANGE_ONDISK);
}

/* ---------------------------------------------------------------------
 * Safety checks
 * ------------------------------------------------------------------- */

static const char *
state_message(int st)
{
	switch (st) {
	case GIT_REPOSITORY_STATE_MERGE:
		return "a merge is in progress: finish it (git commit) or abort it (git merge --abort) first";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return "a revert is in progress: finish it (git revert --continue) or abort it (git revert --abort) first";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return "a cherry-pick is in progress: finish it (git cherry-pick --continue) or abort it (git cherry-pick --abort) first";
	case GIT_REPOSITORY_STATE_BISECT:
		return "a bisect is in progress: end it (git bisect reset) first";
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		return "a rebase (or git am) is in progress: finish it (git rebase --continue) or abort it (git rebase --abort) first";
	default:
		return "git is in the middle of another operation: finish or abort it first";
	}
}

/* A file in the repository's git folder: this work tree's own (where
 * its HEAD and index live) or, when common, the one all work trees of
 * the repository share. */
static char *
git_file(struct change *c, const char *name, int common)
{
	return repo_git_path(c->repo, name, common);
}

/* Show a path relative to the work tree when it lies inside it. */
static const char *
shown(const struct change *c, const char *path)
{
	size_t n = strlen(c->top);

	if (!strncmp(path, c->top, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

enum lock_state { LOCK_FREE, LOCK_STALE, LOCK_HELD };

/* Judge the lock's text "PID HOSTNAME" (read under flock). */
static enum lock_state
lock_judge(const char *buf, time_t mtime, long *pid)
{
	char host[256] = "", me[256] = "";

	*pid = 0;
	if (!*buf)
		return LOCK_FREE;       /* created, never written: see take_lock */
	if (sscanf(buf, "%ld %255s", pid, host) < 1 || *pid <= 0) {
		*pid = 0;
		return time(NULL) - mtime > 60 ? LOCK_STALE : LOCK_HELD;
	}
	gethostname(me, sizeof(me) - 1);
	if (*host && strcmp(host, me))
		return LOCK_HELD;       /* another machine's process: cannot tell */
	return kill((pid_t)*pid, 0) != 0 && errno == ESRCH ? LOCK_STALE : LOCK_HELD;
}

/* flock(LOCK_EX) for up to about two seconds: the section it guards is
 * a few system calls, so waiting longer means a stopped process. */
static int
flock_briefly(int fd)
{
	for (int i = 0; i < 200; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		usleep(10000);
	}
	errno = EWOULDBLOCK;
	return -1;
}

/*
 * Take .git/docket.lock.  Deciding whether the lock is free, held or
 * stale and writing our pid into it is one step under flock(2) on the
 * lock file, so two processes finding the same stale lock cannot both
 * take it over (the flock is released when the descriptor is closed,
 * or by the kernel when the process dies: it never goes stale itself).
 * The lock file then stays, holding our pid, until change_unlock
 * removes it.  A holder removes its lock without flock; the checks
 * below cope: a file we locked that is no longer the lock file (its
 * holder finished meanwhile) is dropped and the open retried.
 */
static int
take_lock(struct change *c, struct diag_list *errs)
{
	/* in the common folder: two work trees of one repository share
	 * the branches and the ids, so they share the lock */
	char *path = git_file(c, CHANGE_LOCK_NAME, 1);
	char host[256] = "", line[320], buf[300];
	long pid = 0;

	gethostname(host, sizeof(host) - 1);
	for (int attempt = 0; attempt < 20; attempt++) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
			      0644);
		struct stat a, b;
		enum lock_state ls;
		ssize_t n;

		if (fd < 0) {
			diag_error(errs, DK_EIO, "cannot create the lock %s: %s",
				   path, strerror(errno));
			free(path);
			return DK_EIO;
		}
		/* (only a regular file is a lock: a FIFO or a device there is
		 * not docket's, and is left alone) */
		if (fstat(fd, &a) || !S_ISREG(a.st_mode)) {
			diag_error(errs, DK_EREFUSED,
				   "the lock %s is not a regular file: remove it if no docket is running",
				   path);
			close(fd);
			free(path);
			return DK_EREFUSED;
		}
		if (flock_briefly(fd)) {
			close(fd);
			break;          /* another process is taking it right now */
		}
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		if (fstat(fd, &a))
			a.st_mtime = time(NULL);
		ls = lock_judge(buf, a.st_mtime, &pid);
		if (ls == LOCK_HELD) {
			close(fd);
			break;
		}
		/* still the lock file? (its holder may have just removed it) */
		if (stat(path, &b) || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
			close(fd);
			continue;
		}
		n = snprintf(line, sizeof(line), "%ld %s\n", (long)getpid(), host);
		if (ftruncate(fd, 0) || pwrite(fd, line, (size_t)n, 0) != n) {
			diag_error(errs, DK_EIO, "cannot write the lock %s: %s",
				   path, strerror(errno));
			close(fd);
			unlink(path);
			free(path);
			return DK_EIO;
		}
		close(fd);              /* releases the flock; the file stays */
		c->lock_path = path;
		return 0;
	}
	if (pid > 0)
		diag_error(errs, DK_EREFUSED,
			   "another docket process (pid %ld) is changing this repository (lock %s); wait for it, or remove the lock if no docket is running",
			   pid, path);
	else
		diag_error(errs, DK_EREFUSED,
			   "another docket process is changing this repository (lock %s); wait for it, or remove the lock if no docket is running",
			   path);
	free(path);
	return DK_EREFUSED;
}

static int
order_conflicted(struct change *c, const char *order_path,
		 struct diag_list *errs)
{
	char *full = xasprintf("%s/%s", c->top, order_path), *data = NULL;
	size_t len = 0;
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	int line = 0;

	if (fsutil_read(full, LIMIT_ORDER, 0, &data, &len, &d) == 0) {
		order_parse(&o, order_path, data, len, &d);
		line = o.conflict_line;
		order_release(&o);
	}
	diag_list_release(&d);
	free(data);
	free(full);
	if (line)
		diag_error(errs, DK_EREFUSED,
			   "%s:%d: ORDER has merge-conflict markers: resolve the conflict first (docket merge-order merges reorderings), then run docket again",
			   order_path, line);
	return line != 0;
}

int
change_begin(struct change *c, const char *order_path, struct diag_list *errs)
{
	int rc;

	if (c->repo && c->repo->git) {
		int st = git_repository_state(c->repo->git);

		if (st != GIT_REPOSITORY_STATE_NONE)
			return diag_error(errs, DK_EREFUSED, "%s", state_message(st));
		if ((rc = take_lock(c, errs)))
			return rc;
		{
			char *il = git_file(c, "index.lock", 0);
			int held = access(il, F_OK) == 0;

			if (held)
				diag_error(errs, DK_EREFUSED,
					   "git's index is locked (%s exists): another git process is running; if none is, remove that file",
					   shown(c, il));
			free(il);
			if (held) {
				change_unlock(c);
				return DK_EREFUSED;
			}
		}
		if ((rc = change__recover(c, errs))) {
			change_unlock(c);
			return rc;
		}
	} else if (c->commit) {
		return diag_error(errs, DK_EREFUSED,
				  "not in a git repository: nothing can be committed (use --no-commit to only write the files)");
	}
	if (order_path && order_conflicted(c, order_path, errs)) {
		change_unlock(c);
		return DK_EREFUSED;
	}
	return 0;
}

/* Is path dirty? Sets *why ("staged", ...) when it is. */
static int
path_dirty(struct change *c, git_tree *head, git_index *idx, const char *path,
	   const char **why)
{
	git_tree_entry *te = NULL;
	const git_index_entry *ie;
	git_oid wid;
	char *full = xasprintf("%s/%s", c->top, path);
	struct stat st;
	int in_wt = lstat(full, &st) == 0, dirty = 0;

	free(full);
	if (head && git_tree_entry_bypath(&te, head, path) < 0) {
		git_error_clear();
		te = NULL;
	}
	for (int stage = 1; stage <= 3; stage++)
		if (git_index_get_bypath(idx, path, stage)) {
			*why = "has a merge conflict";
			git_tree_entry_free(te);
			return 1;
		}
	ie = git_index_get_bypath(idx, path, 0);
	if ((!te) != (!ie) || (te && ie && !git_oid_equal(git_tree_entry_id(te), &ie->id))) {
		*why = "has staged changes";
		dirty = 1;
	} else if (!ie && in_wt) {
		*why = "is not committed (untracked)";
		dirty = 1;
	} else if (ie && !in_wt) {
		*why = "was deleted but not committed";
		dirty = 1;
	} else if (in_wt && !S_ISREG(st.st_mode)) {
		/* hashing would open it: a FIFO would block */
		*why = "is not a regular file";
		dirty = 1;
	} else if (ie && in_wt) {
		if (git_repository_hashfile(&wid, c->repo->git, path, GIT_OBJECT_BLOB,
					    NULL) < 0) {
			git_error_clear();
			*why = "cannot be read";
			dirty = 1;
		} else if (!git_oid_equal(&wid, &ie->id)) {
			*why = "has uncommitted changes";
			dirty = 1;
		}
	}
	git_tree_entry_free(te);
	return dirty;
}

static int check_targets(struct change *c, struct diag_list *errs);

int
change_check_dirty(struct change *c, struct diag_list *errs)
{
	git_index *idx = NULL;
	git_tree *head = NULL;
	git_object *obj = NULL;
	int rc = 0;

	if (!c->repo || !c->repo->git || !c->nfiles)
		return 0;
	/* a file whose hash cannot be computed as git would (an external
	 * filter) must not be called dirty: refuse it for what it is */
	if ((rc = check_targets(c, errs)))
		return rc;
	if (c->include_dirty)
		return 0;
	if (git_repository_index(&idx, c->repo->git) < 0 ||
	    git_index_read(idx, 0) < 0) {
		rc = repo_git_error(DK_EIO, "cannot read git's index", errs);
		git_index_free(idx);
		return rc;
	}
	if (git_revparse_single(&obj, c->repo->git, "HEAD^{tree}") == 0)
		head = (git_tree *)obj;
	else
		git_error_clear();
	for (size_t i = 0; i < c->nfiles && !rc; i++) {
		const char *why = NULL;

		if (path_dirty(c, head, idx, c->files[i].path, &why)) {
			rc = diag_error(errs, DK_EREFUSED,
					"%s %s; commit or stash it first, or run with --include-dirty to include those edits in docket's commit",
					c->files[i].path, why);
		}
	}
	git_tree_free(head);
	git_index_free(idx);
	return rc;
}

/* ---------------------------------------------------------------------
 * Writing and committing
 * ------------------------------------------------------------------- */

/*
 * Write the files in two steps: stage every new file as a temporary
 * file (this is where a read-only file or folder, a full disk or a
 * file-size limit fails), then rename them all into place.  A failure
 * while staging changes nothing; only a failed rename (rare: the
 * folder changed under us) can leave some files written.
 */
static int
write_files(struct change *c, struct diag_list *errs)
{
	struct diag_list err = DIAG_LIST_INIT;
	char **tmp = xcalloc(c->nfiles + 1, sizeof(*tmp));
	size_t i;
	int rc = 0;

	for (i = 0; i < c->nfiles && !rc; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path);

		if (f->op == CHANGE_WRITE) {
			char *slash = strrchr(full, '/');

			*slash = '\0';
			rc = fsutil_mkdirs(full, &err);
			*slash = '/';
			if (!rc)
				rc = fsutil_stage(full, f->data, f->len, &tmp[i], &err);
		}
		free(full);
	}
	if (rc) {
		for (size_t k = 0; k < c->nfiles; k++)
			fsutil_discard(tmp[k]);
		free(tmp);
		diag_error(errs, DK_EIO, "%s; no file was changed",
			   diag_last_message(&err));
		diag_list_release(&err);
		return DK_EIO;
	}
	for (i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path);

		if (f->op == CHANGE_WRITE) {
			rc = fsutil_install(tmp[i], full, &err);
			tmp[i] = NULL;
		} else if (f->op == CHANGE_DELETE && unlink(full) && errno != ENOENT) {
			rc = diag_error(&err, DK_EIO, "cannot remove %s: %s",
					f->path, strerror(errno));
		}
		free(full);
		if (rc)
			break;
	}
	if (rc) {
		for (size_t k = i + 1; k < c->nfiles; k++)
			fsutil_discard(tmp[k]);
		diag_error(errs, DK_EIO, "%s%s", diag_last_message(&err),
			   i ? " (the files before it were written)" : "; no file was changed");
		diag_list_release(&err);
		c->written = i > 0;
		free(tmp);
		return DK_EIO;
	}
	free(tmp);
	c->written = 1;
	return 0;
}

/*
 * Refuse a path docket cannot write and commit faithfully, before
 * anything is written: a symbolic link, or a path behind one leading
 * out of the repository (SPEC 10: docket never writes through links); a
 * path inside a submodule or a nested repository (its files belong to
 * another repository: committing them here would replace the submodule
 * by a plain folder); a path git runs through an external filter
 * command (libgit2 does not run them: the unfiltered bytes would be
 * committed, plaintext for an encrypting filter).
 */
static int
check_targets(struct change *c, struct diag_list *errs)
{
	int rc = 0;

	for (size_t i = 0; i < c->nfiles && !rc; i++) {
		const char *path = c->files[i].path;
		char *full = xasprintf("%s/%s", c->top, path);
		char name[256];

		rc = fsutil_check_inside(c->top, full, path, errs);
		free(full);
		if (rc || !c->repo || !c->repo->git)
			continue;
		for (const char *sl = strchr(path, '/'); sl && !rc; sl = strchr(sl + 1, '/')) {
			char *prefix = xstrndup(path, (size_t)(sl - path));

			if (repo_path_submodule(c->repo, prefix)) {
				rc = diag_error(errs, DK_EREFUSED,
						"%s is a submodule (a repository of its own): docket does not change files of another repository from here (committing them would replace the submodule by a plain folder); run docket inside it, or use git",
						prefix);
			}
			free(prefix);
		}
		if (!rc && repo_path_filter(c->repo, path, name, sizeof(name))) {
			rc = diag_error(errs, DK_EREFUSED,
					"%s goes through the git filter '%s' (.gitattributes), an external command that libgit2, the git library docket uses, does not run: docket does not write or commit such a file (it would commit the unfiltered bytes); change it with your editor and git",
					path, name);
		}
	}
	return rc;
}

/* docket never writes a file it would then refuse to read: each is
 * held to the limit of its kind (ORDER's, or the one of item, cycle and
 * config files), before anything is written. */
static int
check_sizes(struct change *c, struct diag_list *errs)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		const struct change_file *f = &c->files[i];
		const char *base = strrchr(f->path, '/');
		enum limit_kind lim = !strcmp(base ? base + 1 : f->path, "ORDER") ?
				      LIMIT_ORDER : LIMIT_FILE;

		if (f->op == CHANGE_WRITE && f->len > limit_bytes(lim)) {
			return diag_error(errs, DK_EREFUSED,
					  "%s would be %zu bytes, over %s: nothing is written",
					  f->path, f->len, limit_name(lim));
		}
	}
	return 0;
}

int
change_commit(struct change *c, const char *message, struct diag_list *errs)
{
	const char **paths;
	int rc;

	/* a commit happens under the lock change_begin took, so two docket
	 * processes never interleave their read-modify-write */
	assert(!c->commit || !c->repo || !c->repo->git || c->lock_path);
	if ((rc = check_sizes(c, errs)) || (rc = check_targets(c, errs)))
		return rc;
	if (c->commit) {
		if ((rc = change_check_dirty(c, errs)))
			return rc;
		if ((rc = repo_check_identity(c->repo, errs)))
			return rc;
	}
	if ((rc = write_files(c, errs)))
		return rc;
	if (!c->commit)
		return 0;
	paths = xcalloc(c->nfiles + 1, sizeof(*paths));
	for (size_t i = 0; i < c->nfiles; i++)
		paths[i] = c->files[i].path;
	rc = change__commit_paths(c, paths, c->nfiles, message, errs);
	free(paths);
	return rc;
}
