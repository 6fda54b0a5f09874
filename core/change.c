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
 * The files themselves (queued, written, put back) are in
 * change_write.c; the commit itself, with its journal, in
 * change_commit.c.
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
#include "core/hook.h"
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
	strmap_init(&c->byname);
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
		fsutil_discard(c->files[i].tmp);
	}
	free(c->files);
	free(c->top);
	strmap_release(&c->byname);
	memset(c, 0, sizeof(*c));
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
	const char *hook = getenv(HOOK_ENV);
	int rc;

	/* docket's commit that runs this hook holds the lock: say so
	 * rather than report a lock held by another process */
	if (hook && *hook)
		return diag_error(errs, DK_EREFUSED,
				  "docket is running the %.40s hook of its own commit: a hook may read the backlog (docket check, list, show) but not change it",
				  hook);
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

/* change_check_dirty once check_targets passed. */
static int
check_dirty(struct change *c, struct diag_list *errs)
{
	git_index *idx = NULL;
	git_tree *head = NULL;
	git_object *obj = NULL;
	int rc = 0;

	if (!c->repo || !c->repo->git || !c->nfiles || c->include_dirty)
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

int
change_check_dirty(struct change *c, struct diag_list *errs)
{
	int rc;

	if (!c->repo || !c->repo->git || !c->nfiles)
		return 0;
	/* a file whose hash cannot be computed as git would (an external
	 * filter) must not be called dirty: refuse it for what it is */
	if ((rc = check_targets(c, errs)))
		return rc;
	return check_dirty(c, errs);
}

/* ---------------------------------------------------------------------
 * Writing and committing
 * ------------------------------------------------------------------- */

/*
 * Refuse a path docket cannot write and commit faithfully, before
 * anything is written: a symbolic link, or a path behind one leading
 * out of the repository (docs/robustness.md: docket never writes through links); a
 * path inside a submodule or a nested repository (its files belong to
 * another repository: committing them here would replace the submodule
 * by a plain folder); a path git runs through an external filter
 * command (libgit2 does not run them: the unfiltered bytes would be
 * committed, plaintext for an encrypting filter).
 */
static int
check_targets(struct change *c, struct diag_list *errs)
{
	char *clean = NULL;     /* the folder whose prefixes were all found
				 * not to be submodules (files come in runs
				 * of one folder) */
	int rc = 0;

	for (size_t i = 0; i < c->nfiles && !rc; i++) {
		const char *path = c->files[i].path, *last = strrchr(path, '/');
		char *full = xasprintf("%s/%s", c->top, path);
		char name[256];

		rc = fsutil_check_inside(c->top, full, path, errs);
		free(full);
		if (rc || !c->repo || !c->repo->git)
			continue;
		if (last && clean && strlen(clean) == (size_t)(last - path) &&
		    !strncmp(clean, path, (size_t)(last - path)))
			last = NULL;    /* its folder was checked */
		for (const char *sl = last ? strchr(path, '/') : NULL; sl && !rc;
		     sl = strchr(sl + 1, '/')) {
			char *prefix = xstrndup(path, (size_t)(sl - path));

			if (repo_path_submodule(c->repo, prefix)) {
				rc = diag_error(errs, DK_EREFUSED,
						"%s is a submodule (a repository of its own): docket does not change files of another repository from here (committing them would replace the submodule by a plain folder); run docket inside it, or use git",
						prefix);
			}
			free(prefix);
		}
		if (!rc && last) {
			free(clean);
			clean = xstrndup(path, (size_t)(last - path));
		}
		if (!rc && repo_path_filter(c->repo, path, name, sizeof(name))) {
			rc = diag_error(errs, DK_EREFUSED,
					"%s goes through the git filter '%s' (.gitattributes), an external command that libgit2, the git library docket uses, does not run: docket does not write or commit such a file (it would commit the unfiltered bytes); change it with your editor and git",
					path, name);
		}
	}
	free(clean);
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
	struct diag_list why = DIAG_LIST_INIT;
	struct hook_commit hk;
	const char **paths;
	const git_oid **ids;
	int rc;

	/* a commit happens under the lock change_begin took, so two docket
	 * processes never interleave their read-modify-write */
	assert(!c->commit || !c->repo || !c->repo->git || c->lock_path);
	if ((rc = check_sizes(c, errs)) || (rc = check_targets(c, errs)))
		return rc;
	if (c->commit) {
		if ((rc = check_dirty(c, errs)))
			return rc;
		if ((rc = repo_check_identity(c->repo, errs)))
			return rc;
	}
	memset(&hk, 0, sizeof(hk));
	if (c->commit && hook_commit_init(&hk, c->repo, c->no_verify) &&
	    (rc = change__keep_old(c, errs))) {
		hook_commit_release(&hk);
		return rc;
	}
	if ((rc = change__write_files(c, errs)) || !c->commit) {
		hook_commit_release(&hk);
		return rc;
	}
	if (!c->nfiles && !c->allow_empty) {
		hook_commit_release(&hk);
		c->unchanged = 1;       /* nothing queued: nothing to commit */
		return 0;
	}
	paths = xcalloc(c->nfiles + 1, sizeof(*paths));
	ids = xcalloc(c->nfiles + 1, sizeof(*ids));
	for (size_t i = 0; i < c->nfiles; i++) {
		paths[i] = c->files[i].path;
		/* the blob of a file put is known: git need not read it */
		ids[i] = c->files[i].put && !c->files[i].tmp &&
			 c->files[i].op == CHANGE_WRITE ? &c->files[i].blob : NULL;
	}
	rc = change__commit_paths(c, paths, ids, c->nfiles, message, &hk, &why);
	free(paths);
	free(ids);
	hook_commit_release(&hk);
	if (rc == DK_EREFUSED) {        /* a hook refused: nothing happened */
		char *refusal = xstrdup(diag_last_message(&why));

		if (change__restore_old(c, &why)) {
			rc = diag_error(errs, DK_EIO,
					"%s; %s; the files are written but not committed (git status shows them)",
					refusal, diag_last_message(&why));
		} else {
			rc = diag_error(errs, DK_EREFUSED,
					"%s: nothing is committed, and the files docket wrote are as they were",
					refusal);
			c->written = 0;
			for (size_t i = 0; i < c->nfiles; i++)
				if (c->files[i].op == CHANGE_ONDISK)
					c->written = 1;
		}
		free(refusal);
	} else if (errs) {
		diag_list_move(errs, &why);
	}
	diag_list_release(&why);
	return rc;
}
