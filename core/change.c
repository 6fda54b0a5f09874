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
 */
#include "core/change.h"

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
		free(c->files[i].old);
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
		memset(f, 0, sizeof(*f));
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
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		struct stat a, b;
		enum lock_state ls;
		ssize_t n;

		if (fd < 0) {
			diag_error(errs, DK_EIO, "cannot create the lock %s: %s",
				   path, strerror(errno));
			free(path);
			return DK_EIO;
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

/* ---------------------------------------------------------------------
 * The commit journal
 *
 * Before git's index and the branch change, docket writes what it is
 * about to do to <git folder>/docket/commit-in-progress (fsynced):
 *
 *   docket-commit 1
 *   commit <id>          the commit object, made already
 *   parent <id>|none     HEAD when it was made
 *   ref <name>           the ref HEAD named ("refs/heads/main", "HEAD")
 *   path <path>          one line per path of the commit
 *
 * and removes it when both are done.  A docket killed in between (or
 * one whose index write failed) leaves it, and the next docket that
 * changes the backlog finishes the job under the lock (change_recover):
 * either the branch moved and only the index lags (the index entries of
 * those paths are set to the commit's), or nothing moved yet and the
 * files are still as written (the commit is finished), or the user
 * changed something since (the journal is dropped and the note says the
 * files are written but not committed).  Only docket's own paths are
 * ever touched.
 * ------------------------------------------------------------------- */

#define JOURNAL_DIR "docket"
#define JOURNAL_NAME "docket/commit-in-progress"

struct journal {
	git_oid commit, parent;
	int has_parent;
	char *ref;
	char **paths;
	size_t npaths, alloc;
};

static void
journal_release(struct journal *j)
{
	free(j->ref);
	for (size_t i = 0; i < j->npaths; i++)
		free(j->paths[i]);
	free(j->paths);
	memset(j, 0, sizeof(*j));
}

static int
journal_write(struct change *c, const struct repo_commit *rc,
	      const char *const *paths, size_t n, struct diag_list *errs)
{
	char *dir = git_file(c, JOURNAL_DIR, 0), *path = git_file(c, JOURNAL_NAME, 0);
	char hex[GIT_OID_HEXSZ + 1];
	struct sbuf sb = SBUF_INIT;
	int r;

	sbuf_adds(&sb, "docket-commit 1\n");
	git_oid_tostr(hex, sizeof(hex), &rc->id);
	sbuf_addf(&sb, "commit %s\n", hex);
	if (rc->has_parent) {
		git_oid_tostr(hex, sizeof(hex), &rc->parent);
		sbuf_addf(&sb, "parent %s\n", hex);
	} else {
		sbuf_adds(&sb, "parent none\n");
	}
	sbuf_addf(&sb, "ref %s\n", rc->ref);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&sb, "path %s\n", paths[i]);
	r = fsutil_mkdirs(dir, errs);
	if (!r)
		r = fsutil_write_atomic(path, sb.buf, sb.len, errs);
	sbuf_release(&sb);
	free(dir);
	free(path);
	return r ? DK_EIO : 0;
}

static void
journal_remove(struct change *c)
{
	char *path = git_file(c, JOURNAL_NAME, 0);

	unlink(path);
	free(path);
}

/* Read the journal: 1 when there is one (parsed into j), 0 when there
 * is none, -1 when it is damaged. */
static int
journal_read(struct change *c, struct journal *j)
{
	char *path = git_file(c, JOURNAL_NAME, 0), *data = NULL;
	size_t len = 0;
	int rc, have = 0;

	memset(j, 0, sizeof(*j));
	rc = fsutil_read(path, LIMIT_GIT_FILE, 0, &data, &len, NULL);
	free(path);
	if (rc == DK_ENOTFOUND)
		return 0;
	if (rc || len < 16 || memcmp(data, "docket-commit 1\n", 16)) {
		free(data);
		return -1;
	}
	for (char *line = data + 16, *nl; line < data + len; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + len - line));
		if (!nl)
			break;
		*nl = '\0';
		if (!strncmp(line, "commit ", 7)) {
			have |= git_oid_fromstr(&j->commit, line + 7) == 0;
		} else if (!strcmp(line, "parent none")) {
			j->has_parent = 0;
		} else if (!strncmp(line, "parent ", 7)) {
			j->has_parent = git_oid_fromstr(&j->parent, line + 7) == 0;
		} else if (!strncmp(line, "ref ", 4) && !j->ref) {
			j->ref = xstrdup(line + 4);
		} else if (!strncmp(line, "path ", 5) && line[5]) {
			j->paths = xgrow(j->paths, &j->alloc, j->npaths + 1,
					 sizeof(*j->paths));
			j->paths[j->npaths++] = xstrdup(line + 5);
		}
	}
	git_error_clear();
	free(data);
	if (!have || !j->ref || !j->npaths) {
		journal_release(j);
		return -1;
	}
	return 1;
}

/* The blob of path in commit id (zeroes when absent); 1 when present. */
static int
blob_in(git_repository *git, const git_oid *id, const char *path, git_oid *out)
{
	git_commit *cm = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (git_commit_lookup(&cm, git, id) == 0 && git_commit_tree(&t, cm) == 0 &&
	    git_tree_entry_bypath(&e, t, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(cm);
	return found;
}

/* "PATH, PATH" for notes. */
static void
list_paths(struct sbuf *sb, char *const *paths, size_t n)
{
	for (size_t i = 0; i < n && i < 30; i++)
		sbuf_addf(sb, "%s%s", i ? " " : "", paths[i]);
	if (n > 30)
		sbuf_addf(sb, " (and %zu more)", n - 30);
}

/*
 * Finish or drop what an interrupted docket left in the journal (see
 * above).  Called under the lock; leaves a note for the user in c->note.
 */
static int
change_recover(struct change *c, struct diag_list *errs)
{
	struct diag_list why = DIAG_LIST_INIT;
	struct journal j;
	struct sbuf pl = SBUF_INIT;
	git_index *idx = NULL;
	git_oid head;
	char hex[GIT_OID_HEXSZ + 1];
	int unborn, r, state = 0;   /* 0 finish the commit, 1 fix the index, 2 drop */
	int same_ref = 0;
	git_reference *hr = NULL;

	r = journal_read(c, &j);
	if (r == 0)
		return 0;
	if (r < 0) {
		journal_remove(c);
		snprintf(c->note, sizeof(c->note),
			 "removed a damaged record of an interrupted docket commit (.git/%s); run git status to see what is not committed",
			 JOURNAL_NAME);
		return 0;
	}
	git_oid_tostr(hex, sizeof(hex), &j.commit);
	list_paths(&pl, j.paths, j.npaths);
	if (repo_head_id(c->repo, &head, &unborn, NULL) ||
	    git_repository_index(&idx, c->repo->git) < 0 || git_index_read(idx, 0) < 0) {
		git_error_clear();
		journal_release(&j);
		sbuf_release(&pl);
		git_index_free(idx);
		return diag_error(errs, DK_EIO,
				  "cannot read HEAD or git's index to finish docket's interrupted commit %.7s",
				  hex);
	}
	if (git_reference_lookup(&hr, c->repo->git, "HEAD") == 0)
		same_ref = !strcmp(j.ref, git_reference_type(hr) == GIT_REFERENCE_SYMBOLIC ?
				   git_reference_symbolic_target(hr) : "HEAD");
	git_error_clear();
	git_reference_free(hr);
	if (!unborn && git_oid_equal(&head, &j.commit))
		state = 1;
	else if (!same_ref || (unborn ? j.has_parent :
			       !j.has_parent || !git_oid_equal(&head, &j.parent)))
		state = 2;
	/* each path: the index at the parent's or the commit's blob; for
	 * finishing the commit, the file as it was committed */
	for (size_t i = 0; i < j.npaths && state != 2; i++) {
		const git_index_entry *ie = git_index_get_bypath(idx, j.paths[i], 0);
		git_oid want, was, wt;
		int has_want = blob_in(c->repo->git, &j.commit, j.paths[i], &want);
		int has_was = j.has_parent &&
			      blob_in(c->repo->git, &j.parent, j.paths[i], &was);
		int idx_ok = ie ? (has_want && git_oid_equal(&ie->id, &want)) ||
				  (has_was && git_oid_equal(&ie->id, &was)) :
				  !has_want || !has_was;
		char *full;
		struct stat st;
		int in_wt;

		if (!idx_ok) {
			state = 2;
			break;
		}
		if (state == 1)
			continue;
		full = xasprintf("%s/%s", c->top, j.paths[i]);
		in_wt = lstat(full, &st) == 0;
		free(full);
		if (in_wt != has_want || (in_wt && !S_ISREG(st.st_mode)) ||
		    (in_wt && (git_repository_hashfile(&wt, c->repo->git, j.paths[i],
						       GIT_OBJECT_BLOB, NULL) < 0 ||
			       !git_oid_equal(&wt, &want))))
			state = 2;
		git_error_clear();
	}
	/* dropping the journal: entries docket staged (the commit's blobs)
	 * go back to HEAD's, so the files are plainly written but not
	 * committed; anything else in the index is the user's */
	if (state == 2) {
		const char **mine = xcalloc(j.npaths + 1, sizeof(*mine));
		size_t nm = 0;

		for (size_t i = 0; i < j.npaths; i++) {
			const git_index_entry *ie = git_index_get_bypath(idx, j.paths[i], 0);
			git_oid want, now;

			if (ie && blob_in(c->repo->git, &j.commit, j.paths[i], &want) &&
			    git_oid_equal(&ie->id, &want) &&
			    !(!unborn && blob_in(c->repo->git, &head, j.paths[i], &now) &&
			      git_oid_equal(&now, &want)))
				mine[nm++] = j.paths[i];
		}
		if (nm && repo_index_reset(c->repo, &head, !unborn, mine, nm, NULL))
			git_error_clear();
		free(mine);
	}
	git_index_free(idx);
	r = 0;
	if (state == 1) {
		r = repo_index_reset(c->repo, &j.commit, 1,
				     (const char *const *)j.paths, j.npaths, &why);
		if (!r)
			snprintf(c->note, sizeof(c->note),
				 "finished docket's interrupted commit %.7s: git's index now lists %s as committed",
				 hex, pl.buf);
	} else if (state == 0) {
		struct repo_commit rc;

		memset(&rc, 0, sizeof(rc));
		rc.id = j.commit;
		rc.parent = j.parent;
		rc.has_parent = j.has_parent;
		rc.ref = j.ref;
		r = repo_index_take(c->repo, (const char *const *)j.paths, j.npaths,
				    &why);
		if (!r)
			r = repo_head_advance(c->repo, &rc, &why);
		if (!r)
			snprintf(c->note, sizeof(c->note),
				 "finished docket's interrupted commit %.7s of %s", hex, pl.buf);
	} else {
		snprintf(c->note, sizeof(c->note),
			 "an interrupted docket commit (%.7s) could not be finished, as the files or HEAD changed since: %s may be written but not committed (git status shows them)",
			 hex, pl.buf);
	}
	if (r) {
		diag_error(errs, DK_EIO,
			   "cannot finish docket's interrupted commit %.7s: %s; free the space or fix the cause, and run docket again",
			   hex, diag_last_message(&why));
		diag_list_release(&why);
		journal_release(&j);
		sbuf_release(&pl);
		return DK_EIO;
	}
	journal_remove(c);
	journal_release(&j);
	sbuf_release(&pl);
	return 0;
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
		if ((rc = change_recover(c, errs))) {
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

int
change_check_dirty(struct change *c, struct diag_list *errs)
{
	git_index *idx = NULL;
	git_tree *head = NULL;
	git_object *obj = NULL;
	int rc = 0;

	if (c->include_dirty || !c->repo || !c->repo->git || !c->nfiles)
		return 0;
	if (git_repository_index(&idx, c->repo->git) < 0 ||
	    git_index_read(idx, 0) < 0) {
		diag_error(errs, DK_EIO, "cannot read git's index: %s",
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

/* Refuse a path that is a symbolic link or lies behind one leading out
 * of the repository (SPEC 10): docket never writes through links. */
static int
check_targets(struct change *c, struct diag_list *errs)
{
	int rc = 0;

	for (size_t i = 0; i < c->nfiles && !rc; i++) {
		char *full = xasprintf("%s/%s", c->top, c->files[i].path);

		rc = fsutil_check_inside(c->top, full, c->files[i].path, errs);
		free(full);
	}
	return rc;
}

/* "git commit -m 'SUBJECT' -- 'PATH'...": the one command that
 * commits files docket wrote but could not commit. */
static void
finish_command(struct sbuf *sb, const char *message, const char *const *paths,
	       size_t n)
{
	size_t sl = strcspn(message, "\n");

	sbuf_adds(sb, "git commit -m '");
	for (size_t i = 0; i < sl; i++) {
		if (message[i] == '\'')
			sbuf_adds(sb, "'\\''");
		else
			sbuf_addc(sb, message[i]);
	}
	sbuf_adds(sb, "' --");
	for (size_t i = 0; i < n && i < 30; i++)
		sbuf_addf(sb, " '%s'", paths[i]);
	if (n > 30)
		sbuf_addf(sb, " ... (and %zu more files: git status lists them)", n - 30);
}

static int
not_committed(struct diag_list *errs, const char *message,
	      const char *const *paths, size_t n, const char *why)
{
	struct sbuf cmd = SBUF_INIT;

	finish_command(&cmd, message, paths, n);
	diag_error(errs, DK_EIO,
		   "the files are written but not committed (HEAD and git's index are as before): %.1000s; once that is fixed, commit them with: %.2500s",
		   why, cmd.buf);
	sbuf_release(&cmd);
	return DK_EIO;
}

/*
 * The commit, in an order that a crash at any point leaves in a state
 * the next docket finishes or reports (docs/faults.md):
 *
 *   1. the commit object (unreferenced until 4; the repository's
 *      pre-commit and commit-msg hooks would run before it, once docket
 *      runs hooks)
 *   2. the journal (change_recover reads it)
 *   3. the index entries of the paths (atomic: git's index.lock)
 *   4. the branch (atomic, refused if it moved since 1)
 *   5. the journal removed (post-commit would run after it)
 *
 * Failures: at 1-3 nothing of git's changed (the journal is removed); at
 * 4 the index entries are set back (git reset -q -- PATHS) and, should
 * that fail too, the journal stays for the next docket.
 */
static int
commit_paths(struct change *c, const char *const *paths, size_t n,
	     const char *message, struct hook_commit *hk,
	     struct diag_list *errs)
{
	struct diag_list why = DIAG_LIST_INIT;   /* what stopped the commit */
	struct repo_commit rc;
	int r;

	if ((r = hook_commit_before(hk, paths, n, message, &why))) {
		if (r != DK_EREFUSED)   /* the hooks could not run */
			r = not_committed(errs, message, paths, n, diag_last_message(&why));
		else
			diag_list_move(errs, &why);
		diag_list_release(&why);
		return r;
	}
	r = repo_commit_build(c->repo, paths, n, hk->index_file, hk->author_date,
			      hk->message ? hk->message : message, &rc, &why);
	if (r == DK_EREFUSED && !strcmp(diag_last_message(&why), "nothing to commit")) {
		diag_list_release(&why);
		repo_commit_release(&rc);
		c->unchanged = 1;       /* the files now equal HEAD's */
		return 0;
	}
	if (!r && !(r = journal_write(c, &rc, paths, n, &why)) &&
	    (r = repo_index_take(c->repo, paths, n, &why)))
		journal_remove(c);
	if (r) {
		repo_commit_release(&rc);
		r = not_committed(errs, message, paths, n, diag_last_message(&why));
		diag_list_release(&why);
		return r;
	}
	if ((r = repo_head_advance(c->repo, &rc, &why))) {
		if (repo_index_reset(c->repo, &rc.parent, rc.has_parent, paths, n,
				     NULL) == 0) {
			journal_remove(c);
			r = not_committed(errs, message, paths, n, diag_last_message(&why));
		} else {
			struct sbuf cmd = SBUF_INIT, pl = SBUF_INIT;

			finish_command(&cmd, message, paths, n);
			list_paths(&pl, (char *const *)paths, n);
			diag_error(errs, DK_EIO,
				   "the files are written but not committed: %.600s; git's index lists them as staged: the next docket command finishes or undoes that (or run: git reset -q -- %.1000s), then commit them with: %.2000s",
				   diag_last_message(&why), pl.buf, cmd.buf);
			sbuf_release(&cmd);
			sbuf_release(&pl);
			r = DK_EIO;
		}
		diag_list_release(&why);
		repo_commit_release(&rc);
		return r;
	}
	journal_remove(c);
	repo_commit_short(&rc, c->commit_id, sizeof(c->commit_id));
	repo_commit_release(&rc);
	c->committed = 1;
	hook_commit_after(hk);
	return 0;
}

/* Keep the bytes of the files docket is about to write or remove, for
 * a hook that refuses the commit. */
static void
keep_old(struct change *c)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path);
		struct diag_list ignored = DIAG_LIST_INIT;

		if (f->op != CHANGE_ONDISK)
			f->had_old = fsutil_read(full, LIMIT_FILE, 0, &f->old,
						 &f->oldlen, &ignored) == 0;
		diag_list_release(&ignored);
		free(full);
	}
}

/* Put the kept bytes back (remove the files that were not there). */
static int
restore_old(struct change *c, struct diag_list *errs)
{
	int rc = 0;

	for (size_t i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path), *tmp = NULL;

		if (f->op == CHANGE_ONDISK) {
			free(full);
			continue;
		}
		if (f->had_old) {
			if (fsutil_stage(full, f->old, f->oldlen, &tmp, errs) ||
			    fsutil_install(tmp, full, errs))
				rc = DK_EIO;
		} else if (unlink(full) && errno != ENOENT) {
			rc = diag_error(errs, DK_EIO, "cannot remove %s: %s", f->path,
					strerror(errno));
		}
		free(full);
	}
	return rc;
}

int
change_commit(struct change *c, const char *message, struct diag_list *errs)
{
	struct diag_list why = DIAG_LIST_INIT;
	struct hook_commit hk;
	const char **paths;
	int rc;

	/* a commit happens under the lock change_begin took, so two docket
	 * processes never interleave their read-modify-write */
	assert(!c->commit || !c->repo || !c->repo->git || c->lock_path);
	if ((rc = check_targets(c, errs)))
		return rc;
	if (c->commit) {
		if ((rc = change_check_dirty(c, errs)))
			return rc;
		if ((rc = repo_check_identity(c->repo, errs)))
			return rc;
	}
	memset(&hk, 0, sizeof(hk));
	if (c->commit && hook_commit_init(&hk, c->repo, c->no_verify))
		keep_old(c);
	if ((rc = write_files(c, errs)) || !c->commit) {
		hook_commit_release(&hk);
		return rc;
	}
	if (!c->nfiles && !c->allow_empty) {
		hook_commit_release(&hk);
		c->unchanged = 1;       /* nothing queued: nothing to commit */
		return 0;
	}
	paths = xcalloc(c->nfiles + 1, sizeof(*paths));
	for (size_t i = 0; i < c->nfiles; i++)
		paths[i] = c->files[i].path;
	rc = commit_paths(c, paths, c->nfiles, message, &hk, &why);
	free(paths);
	hook_commit_release(&hk);
	if (rc == DK_EREFUSED) {        /* a hook refused: nothing happened */
		char *refusal = xstrdup(diag_last_message(&why));

		if (restore_old(c, &why)) {
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
