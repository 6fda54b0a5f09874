/*
 * change_commit.c: the commit docket makes of a change, in a safe order,
 * with a journal from which the next docket finishes an interrupted
 * commit (see change.h, and docs/faults.md for every window).
 */
#include "core/change.h"
#include "core/change_int.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/hook.h"
#include "core/limits.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

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
 * changes the backlog finishes the job under the lock (change__recover):
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
	char *dir = repo_git_path(c->repo, JOURNAL_DIR, 0), *path = repo_git_path(c->repo, JOURNAL_NAME, 0);
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
	char *path = repo_git_path(c->repo, JOURNAL_NAME, 0);

	unlink(path);
	free(path);
}

/* Read the journal: 1 when there is one (parsed into j), 0 when there
 * is none, -1 when it is damaged. */
static int
journal_read(struct change *c, struct journal *j)
{
	char *path = repo_git_path(c->repo, JOURNAL_NAME, 0), *data = NULL;
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
int
change__recover(struct change *c, struct diag_list *errs)
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
				    NULL, &why);
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
 *   0. the repository's pre-commit, prepare-commit-msg and commit-msg
 *      hooks (core/hook.h); one that fails: DK_EREFUSED, nothing of
 *      git's changed, and change_commit puts the files back
 *   1. the commit object (unreferenced until 4), of the paths as the
 *      hooks' index holds them when hooks ran
 *   2. the journal (change__recover reads it)
 *   3. the index entries of the paths (atomic: git's index.lock)
 *   4. the branch (atomic, refused if it moved since 1)
 *   5. the journal removed, then post-commit
 *
 * Failures: at 1-3 nothing of git's changed (the journal is removed); at
 * 4 the index entries are set back (git reset -q -- PATHS) and, should
 * that fail too, the journal stays for the next docket.
 */
int
change__commit_paths(struct change *c, const char *const *paths,
		     const git_oid **ids, size_t n, const char *message,
		     struct hook_commit *hk, struct diag_list *errs)
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
	r = repo_commit_build(c->repo, paths, n, ids, hk->index_file, hk->author_date,
			      hk->message ? hk->message : message, &rc, &why);
	if (r == DK_EREFUSED && !strcmp(diag_last_message(&why), "nothing to commit")) {
		diag_list_release(&why);
		repo_commit_release(&rc);
		c->unchanged = 1;       /* the files now equal HEAD's */
		return 0;
	}
	if (!r && !(r = journal_write(c, &rc, paths, n, &why)) &&
	    (r = repo_index_take(c->repo, paths, n, ids, &why)))
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
