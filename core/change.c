/*
 * change.c: apply a changeset safely (see change.h).
 *
 * The lock is a file created with O_CREAT|O_EXCL in the repository's git
 * folder, holding "PID HOSTNAME".  A lock whose process is gone (same
 * host, kill(pid, 0) fails with ESRCH) is stale and taken over; so is an
 * unreadable one older than a minute (a process that died between
 * creating and writing it).  Any other lock is a refusal naming the file
 * and the process.
 *
 * The dirty check compares three versions of each path, as git status
 * does, but only for the paths docket changes (no work-tree scan): the
 * blob in HEAD's tree, the stage-0 index entry (a conflict stage means
 * conflicted) and the hash of the work-tree file with git's filters.
 */
#include "core/change.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/order.h"
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

static char *
git_file(struct change *c, const char *name)
{
	const char *gd = git_repository_path(c->repo->git);
	size_t n = strlen(gd);

	return xasprintf("%s%s%s", gd, n && gd[n - 1] == '/' ? "" : "/", name);
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

static int
lock_stale(const char *path)
{
	char buf[300], host[256] = "", me[256] = "";
	struct stat st;
	long pid = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	if (fstat(fd, &st))
		st.st_mtime = time(NULL);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (sscanf(buf, "%ld %255s", &pid, host) < 1 || pid <= 0)
		return time(NULL) - st.st_mtime > 60;
	gethostname(me, sizeof(me) - 1);
	if (*host && strcmp(host, me))
		return 0;       /* another machine's process: cannot tell */
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

static int
take_lock(struct change *c)
{
	char *path = git_file(c, CHANGE_LOCK_NAME);
	char host[256] = "", line[320];

	gethostname(host, sizeof(host) - 1);
	for (int attempt = 0; attempt < 2; attempt++) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

		if (fd >= 0) {
			int n = snprintf(line, sizeof(line), "%ld %s\n",
					 (long)getpid(), host);

			if (write(fd, line, (size_t)n) != n || close(fd)) {
				snprintf(c->err, sizeof(c->err), "cannot write the lock %s: %s",
					 path, strerror(errno));
				unlink(path);
				free(path);
				return DK_EIO;
			}
			c->lock_path = path;
			return 0;
		}
		if (errno != EEXIST) {
			snprintf(c->err, sizeof(c->err), "cannot create the lock %s: %s",
				 path, strerror(errno));
			free(path);
			return DK_EIO;
		}
		if (attempt == 0 && lock_stale(path)) {
			unlink(path);
			continue;
		}
		break;
	}
	{
		char buf[300] = "";
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		long pid = 0;

		if (fd >= 0) {
			ssize_t n = read(fd, buf, sizeof(buf) - 1);

			buf[n > 0 ? n : 0] = '\0';
			close(fd);
		}
		sscanf(buf, "%ld", &pid);
		if (pid > 0)
			snprintf(c->err, sizeof(c->err),
				 "another docket process (pid %ld) is changing this repository (lock %s); wait for it, or remove the lock if no docket is running",
				 pid, path);
		else
			snprintf(c->err, sizeof(c->err),
				 "another docket process is changing this repository (lock %s); wait for it, or remove the lock if no docket is running",
				 path);
	}
	free(path);
	return DK_EREFUSED;
}

static int
order_conflicted(struct change *c, const char *order_path)
{
	char *full = xasprintf("%s/%s", c->top, order_path), *data = NULL;
	char err[256];
	size_t len = 0;
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	int line = 0;

	if (fsutil_read(full, &data, &len, err, sizeof(err)) == 0) {
		order_parse(&o, order_path, data, len, &d);
		line = o.conflict_line;
		order_release(&o);
	}
	diag_list_release(&d);
	free(data);
	free(full);
	if (line)
		snprintf(c->err, sizeof(c->err),
			 "%s:%d: ORDER has merge-conflict markers: resolve the conflict first (docket merge-order merges reorderings), then run docket again",
			 order_path, line);
	return line != 0;
}

int
change_begin(struct change *c, const char *order_path)
{
	int rc;

	if (c->repo && c->repo->git) {
		int st = git_repository_state(c->repo->git);

		if (st != GIT_REPOSITORY_STATE_NONE) {
			snprintf(c->err, sizeof(c->err), "%s", state_message(st));
			return DK_EREFUSED;
		}
		if ((rc = take_lock(c)))
			return rc;
		{
			char *il = git_file(c, "index.lock");
			int held = access(il, F_OK) == 0;

			if (held)
				snprintf(c->err, sizeof(c->err),
					 "git's index is locked (%s exists): another git process is running; if none is, remove that file",
					 shown(c, il));
			free(il);
			if (held) {
				change_unlock(c);
				return DK_EREFUSED;
			}
		}
	} else if (c->commit) {
		snprintf(c->err, sizeof(c->err),
			 "not in a git repository: nothing can be committed (use --no-commit to only write the files)");
		return DK_EREFUSED;
	}
	if (order_path && order_conflicted(c, order_path)) {
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

int
change_check_dirty(struct change *c)
{
	git_index *idx = NULL;
	git_tree *head = NULL;
	git_object *obj = NULL;
	int rc = 0;

	if (c->include_dirty || !c->repo || !c->repo->git || !c->nfiles)
		return 0;
	if (git_repository_index(&idx, c->repo->git) < 0 ||
	    git_index_read(idx, 0) < 0) {
		snprintf(c->err, sizeof(c->err), "cannot read git's index: %s",
			 git_error_last() ? git_error_last()->message : "?");
		git_error_clear();
		return DK_EIO;
	}
	if (git_revparse_single(&obj, c->repo->git, "HEAD^{tree}") == 0)
		head = (git_tree *)obj;
	else
		git_error_clear();
	for (size_t i = 0; i < c->nfiles && !rc; i++) {
		const char *why = NULL;

		if (path_dirty(c, head, idx, c->files[i].path, &why)) {
			snprintf(c->err, sizeof(c->err),
				 "%s %s; commit or stash it first, or run with --include-dirty to include those edits in docket's commit",
				 c->files[i].path, why);
			rc = DK_EREFUSED;
		}
	}
	git_tree_free(head);
	git_index_free(idx);
	return rc;
}

/* ---------------------------------------------------------------------
 * Writing and committing
 * ------------------------------------------------------------------- */

static int
write_files(struct change *c)
{
	char err[512];

	for (size_t i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path);
		int rc = 0;

		if (f->op == CHANGE_WRITE) {
			char *slash = strrchr(full, '/');

			*slash = '\0';
			rc = fsutil_mkdirs(full, err, sizeof(err));
			*slash = '/';
			if (!rc)
				rc = fsutil_write_atomic(full, f->data, f->len, err,
							 sizeof(err));
		} else if (f->op == CHANGE_DELETE) {
			if (unlink(full) && errno != ENOENT) {
				snprintf(err, sizeof(err), "cannot remove %s: %s",
					 f->path, strerror(errno));
				rc = DK_EIO;
			}
		}
		free(full);
		if (rc) {
			snprintf(c->err, sizeof(c->err), "%s%s", err,
				 i ? " (the files before it were written)" : "");
			c->written = i > 0;
			return DK_EIO;
		}
	}
	c->written = 1;
	return 0;
}

int
change_commit(struct change *c, const char *message)
{
	const char **paths;
	int rc;

	if (c->commit) {
		if ((rc = change_check_dirty(c)))
			return rc;
		if ((rc = repo_check_identity(c->repo))) {
			snprintf(c->err, sizeof(c->err), "%s", c->repo->err);
			return rc;
		}
	}
	if ((rc = write_files(c)))
		return rc;
	if (!c->commit)
		return 0;
	paths = xcalloc(c->nfiles + 1, sizeof(*paths));
	for (size_t i = 0; i < c->nfiles; i++)
		paths[i] = c->files[i].path;
	rc = repo_commit(c->repo, paths, c->nfiles, message, c->commit_id,
			 sizeof(c->commit_id));
	free(paths);
	if (rc == DK_EREFUSED && !strcmp(c->repo->err, "nothing to commit")) {
		c->unchanged = 1;       /* the files now equal HEAD's */
		return 0;
	}
	if (rc) {
		snprintf(c->err, sizeof(c->err),
			 "the files are written but not committed: %.900s", c->repo->err);
		return DK_EIO;
	}
	c->committed = 1;
	return 0;
}
