/*
 * Unit tests for core/change (and repo_max_id): every safety check of
 * docs/faults.md against real throwaway repositories made with the git CLI.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/change.h"
#include "core/diag.h"
#include "core/fsutil.h"
#include "core/repo.h"
#include "core/xalloc.h"

#include "test_git_fixture.h"

static int counter;
/* every error the tests' calls report; ERR is the last message */
static struct diag_list E = DIAG_LIST_INIT;
#define ERR (diag_last_message(&E))

/* A fresh repository with one commit holding backlog/MKT-1.md and ORDER. */
static char *
mkrepo(int with_commit)
{
	char *dir = xasprintf("%s/r%d", tmp, ++counter);

	assert_int_equal(sh(tmp, "git init -q -b main '%s'", dir), 0);
	assert_int_equal(sh(dir, "mkdir backlog && printf -- '---\\nid: MKT-1\\n---\\n' >backlog/MKT-1.md && "
			    "printf 'MKT-1\\n' >backlog/ORDER"), 0);
	if (with_commit)
		assert_int_equal(sh(dir, "git add -A && git commit -qm init"), 0);
	return dir;
}

static void
open_repo(struct repo *r, const char *dir)
{
	assert_int_equal(repo_open(r, dir, &E), 0);
}

static int
file_is(const char *dir, const char *rel, const char *want)
{
	char *path = xasprintf("%s/%s", dir, rel), *data = NULL;
	size_t len = 0;
	int ok = fsutil_read(path, LIMIT_ORDER, 0, &data, &len, NULL) == 0 &&
		 len == strlen(want) && !memcmp(data, want, len);

	free(path);
	free(data);
	return ok;
}

static void
test_commit_exact_paths(void **state)
{
	char *dir = mkrepo(1), *s;
	struct repo r;
	struct change c;

	(void)state;
	/* unrelated staged and unstaged work */
	assert_int_equal(sh(dir, "echo staged >other.txt && git add other.txt && echo wip >notes.txt"), 0);
	open_repo(&r, dir);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, "backlog/ORDER", &E), 0);
	change_write(&c, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: x\n---\n", 27);
	change_write(&c, "backlog/sub/new.md", "n\n", 2);
	assert_int_equal(change_commit(&c, "Set MKT-1 title\n", &E), 0);
	assert_true(c.committed);
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: x\n---\n"));
	s = sh_out(dir, "git log -1 --format=%s");
	assert_string_equal(s, "Set MKT-1 title");
	free(s);
	s = sh_out(dir, "git show --name-only --format= HEAD | sort | tr '\\n' ' '");
	assert_string_equal(s, "backlog/MKT-1.md backlog/sub/new.md ");
	free(s);
	s = sh_out(dir, "git status --porcelain | tr '\\n' ' '");
	assert_string_equal(s, "A  other.txt ?? notes.txt ");
	free(s);
	/* the lock is held until the change is released */
	assert_int_equal(sh(dir, "test -e .git/docket.lock"), 0);
	change_release(&c);
	assert_int_equal(sh(dir, "test -e .git/docket.lock"), 1);
	repo_close(&r);
	free(dir);
}

static void
test_dirty_refused(void **state)
{
	char *dir = mkrepo(1);
	struct repo r;
	struct change c;

	(void)state;
	assert_int_equal(sh(dir, "echo '# mine' >>backlog/ORDER"), 0);
	open_repo(&r, dir);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_write(&c, "backlog/ORDER", "MKT-2\n", 6);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "backlog/ORDER has uncommitted changes"));
	assert_true(file_is(dir, "backlog/ORDER", "MKT-1\n# mine\n"));
	change_release(&c);

	/* staged */
	assert_int_equal(sh(dir, "git add backlog/ORDER && git checkout -q -- backlog/ORDER"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_write(&c, "backlog/ORDER", "MKT-2\n", 6);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "staged"));
	change_release(&c);

	/* untracked file in the way */
	assert_int_equal(sh(dir, "echo x >backlog/MKT-2.md"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_write(&c, "backlog/MKT-2.md", "y\n", 2);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "backlog/MKT-2.md is not committed"));
	change_release(&c);

	/* --include-dirty takes them */
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	c.include_dirty = 1;
	change_write(&c, "backlog/ORDER", "MKT-2\n", 6);
	assert_int_equal(change_commit(&c, "x\n", &E), 0);
	change_release(&c);
	/* not committing: no dirty check */
	assert_int_equal(sh(dir, "echo '# mine' >>backlog/ORDER"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	c.commit = 0;
	change_write(&c, "backlog/ORDER", "MKT-3\n", 6);
	assert_int_equal(change_commit(&c, "x\n", &E), 0);
	assert_true(c.written && !c.committed);
	assert_true(file_is(dir, "backlog/ORDER", "MKT-3\n"));
	change_release(&c);
	repo_close(&r);
	free(dir);
}

static void
test_state_and_locks_refused(void **state)
{
	char *dir = mkrepo(1), *lock;
	struct repo r;
	struct change c;
	pid_t pid;

	(void)state;
	open_repo(&r, dir);
	/* a merge in progress */
	assert_int_equal(sh(dir, "git rev-parse HEAD >.git/MERGE_HEAD"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "merge is in progress"));
	change_release(&c);
	assert_int_equal(sh(dir, "rm .git/MERGE_HEAD && mkdir .git/rebase-merge"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "rebase"));
	change_release(&c);
	assert_int_equal(sh(dir, "rmdir .git/rebase-merge"), 0);

	/* a live lock (this process) */
	lock = xasprintf("%s/.git/docket.lock", dir);
	assert_int_equal(sh(dir, "echo %ld $(hostname) >.git/docket.lock", (long)getpid()), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "another docket process"));
	assert_non_null(strstr(ERR, "docket.lock"));
	change_release(&c);
	assert_int_equal(access(lock, F_OK), 0);   /* not ours to remove */

	/* a stale lock (a process that has exited) is taken over */
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	assert_int_equal(sh(dir, "echo %ld $(hostname) >.git/docket.lock", (long)pid), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_release(&c);
	assert_int_equal(access(lock, F_OK), -1);

	/* git's index.lock */
	assert_int_equal(sh(dir, "touch .git/index.lock"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, ".git/index.lock"));
	change_release(&c);
	assert_int_equal(access(lock, F_OK), -1);
	assert_int_equal(sh(dir, "rm .git/index.lock"), 0);

	/* conflict markers in ORDER */
	assert_int_equal(sh(dir, "printf '<<<<<<< ours\\nMKT-1\\n=======\\n>>>>>>> b\\n' >backlog/ORDER"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, "backlog/ORDER", &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "backlog/ORDER:1: ORDER has merge-conflict markers"));
	change_release(&c);
	free(lock);
	repo_close(&r);
	free(dir);
}

static void
test_unborn_and_identity(void **state)
{
	char *dir = mkrepo(0), *s;
	struct repo r;
	struct change c;
	char *saved[4];
	static const char *const vars[4] = {
		"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
	};

	(void)state;
	open_repo(&r, dir);
	/* no identity anywhere: refused before anything is written */
	for (int i = 0; i < 4; i++) {
		saved[i] = getenv(vars[i]) ? xstrdup(getenv(vars[i])) : NULL;
		unsetenv(vars[i]);
	}
	change_init(&c, &r, r.workdir);
	c.include_dirty = 1;
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_write(&c, "backlog/MKT-1.md", "changed\n", 8);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "git config --global user.name"));
	assert_false(c.written);
	change_release(&c);
	for (int i = 0; i < 4; i++) {
		if (saved[i])
			setenv(vars[i], saved[i], 1);
		free(saved[i]);
	}
	/* unborn HEAD: the first commit, with only docket's path */
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	c.include_dirty = 1;
	change_write(&c, "backlog/MKT-1.md", "changed\n", 8);
	assert_int_equal(change_commit(&c, "First\n", &E), 0);
	change_release(&c);
	s = sh_out(dir, "git ls-tree -r --name-only HEAD | tr '\\n' ' '");
	assert_string_equal(s, "backlog/MKT-1.md ");
	free(s);
	s = sh_out(dir, "git status --porcelain | tr '\\n' ' '");
	assert_string_equal(s, "?? backlog/ORDER ");
	free(s);
	repo_close(&r);
	free(dir);
}

static void
test_failed_commit_keeps_files(void **state)
{
	char *dir = mkrepo(1);
	struct repo r;
	struct change c;

	(void)state;
	open_repo(&r, dir);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_write(&c, "backlog/MKT-1.md", "---\nid: MKT-1\n---\n", 18);
	/* identical content: nothing to commit, and that is fine */
	assert_int_equal(change_commit(&c, "x\n", &E), 0);
	assert_true(c.written && c.unchanged && !c.committed);
	change_release(&c);
	/* a ref that cannot be updated: the files stay written */
	assert_int_equal(sh(dir, "touch .git/refs/heads/main.lock"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	change_write(&c, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: t\n---\n", 27);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EIO);
	assert_true(c.written && !c.committed);
	assert_non_null(strstr(ERR, "written but not committed"));
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: t\n---\n"));
	change_release(&c);
	repo_close(&r);
	free(dir);
}

/* Write the journal docket writes before it touches the index and the
 * branch (docs/faults.md): commit and parent are revisions. */
static void
journal(const char *dir, const char *commit, const char *parent,
	const char *path)
{
	assert_int_equal(sh(dir, "mkdir -p .git/docket && c=$(git rev-parse %s) && "
			    "p=$(git rev-parse %s) && "
			    "printf 'docket-commit 1\\ncommit %%s\\nparent %%s\\nref refs/heads/main\\npath %s\\n' "
			    "$c $p >.git/docket/commit-in-progress",
			    commit, parent, path), 0);
}

/* The states an interrupted commit can leave, and what the next
 * change_begin does with each (change_recover). */
static void
test_recover(void **state)
{
	char *dir = mkrepo(1), *st;
	struct repo r;
	struct change c;

	(void)state;
	open_repo(&r, dir);
	/* the branch moved, the index lags (killed after 4, before 5; or a
	 * docket before this design): the index is set to the commit's */
	assert_int_equal(sh(dir, "echo MKT-2 >>backlog/ORDER && git commit -qam two && "
			    "git reset -q HEAD~1 -- backlog/ORDER"), 0);
	journal(dir, "HEAD", "HEAD~1", "backlog/ORDER");
	st = sh_out(dir, "git status --porcelain");
	assert_string_equal(st, "MM backlog/ORDER");
	free(st);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_non_null(strstr(c.note, "git's index now lists backlog/ORDER as committed"));
	change_release(&c);
	st = sh_out(dir, "git status --porcelain; ls .git/docket");
	assert_string_equal(st, "");
	free(st);

	/* nothing moved yet, the file as written, the index at the parent's
	 * (killed after 2): the commit is finished */
	assert_int_equal(sh(dir, "echo MKT-3 >>backlog/ORDER && git commit -qam three && "
			    "git tag three && git update-ref refs/heads/main HEAD~1 && "
			    "git reset -q HEAD -- backlog/ORDER"), 0);
	journal(dir, "three", "three~1", "backlog/ORDER");
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_non_null(strstr(c.note, "finished docket's interrupted commit"));
	change_release(&c);
	st = sh_out(dir, "git status --porcelain; git log -1 --format=%s");
	assert_string_equal(st, "three");
	free(st);

	/* the branch moved elsewhere meanwhile: the journal is dropped,
	 * the index entry docket staged set back, the file kept */
	assert_int_equal(sh(dir, "echo MKT-4 >>backlog/ORDER && git add backlog/ORDER && "
			    "t=$(git write-tree) && c=$(git commit-tree -p HEAD -m four $t) && "
			    "git tag four $c && git commit -q --only --allow-empty -m other -- "), 0);
	journal(dir, "four", "four~1", "backlog/ORDER");
	st = sh_out(dir, "git status --porcelain");
	assert_string_equal(st, "M  backlog/ORDER");
	free(st);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_non_null(strstr(c.note, "could not be finished"));
	change_release(&c);
	st = sh_out(dir, "git status --porcelain; ls .git/docket");
	assert_string_equal(st, " M backlog/ORDER");
	free(st);
	repo_close(&r);
	free(dir);
}

static void
test_max_id(void **state)
{
	char *dir = mkrepo(1);
	struct repo r;
	long max = -1;

	(void)state;
	assert_int_equal(sh(dir, "git checkout -q -b other && touch backlog/MKT-12-slug.md backlog/OPS-40.md && "
			    "git add -A && git commit -qm b && git checkout -q main && "
			    "git checkout -q -b gone && touch backlog/MKT-30.md && git add -A && git commit -qm c && "
			    "git update-ref refs/remotes/origin/gone HEAD && git checkout -q main && "
			    "git branch -D -q gone && touch backlog/MKT-7.md"), 0);
	open_repo(&r, dir);
	assert_int_equal(repo_max_id(&r, "backlog/", "MKT", &max, &E), 0);
	assert_int_equal(max, 30);
	assert_int_equal(repo_max_id(&r, "backlog", "OPS", &max, &E), 0);
	assert_int_equal(max, 40);
	assert_int_equal(repo_max_id(&r, "nothing/", "MKT", &max, &E), 0);
	assert_int_equal(max, 0);
	repo_close(&r);
	free(dir);
}

/* No temporary file (*.docket-tmp-*) left anywhere in the work tree. */
static int
no_tmp_left(const char *dir)
{
	char *s = sh_out(dir, "find . -name '*.docket-tmp-*' | head -1");
	int none = !*s;

	free(s);
	return none;
}

/* change_put: the bytes go to git at once and nowhere else until the
 * commit, which writes and commits them as change_write would, with
 * index entries git finds clean without reading the files again. */
static void
test_put_commits(void **state)
{
	char *dir = mkrepo(1), *s, *big = xmalloc(100001);
	struct repo r;
	struct change c;

	(void)state;
	memset(big, 'x', 100000);
	big[99999] = '\n';
	big[100000] = '\0';
	open_repo(&r, dir);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, "backlog/ORDER", &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: x\n---\n",
				    27, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-2.md", "first\n", 6, &E), 0);
	assert_int_equal(change_put(&c, "backlog/sub/MKT-3.md", big, 100000, &E), 0);
	/* a later entry for the same path replaces an earlier one */
	assert_int_equal(change_put(&c, "backlog/MKT-2.md", "---\nid: MKT-2\n---\n", 18, &E), 0);
	change_write(&c, "backlog/ORDER", "MKT-1\nMKT-2\n", 12);
	free(big);
	/* queued only: the work tree is as it was */
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\n---\n"));
	assert_int_equal(sh(dir, "test -e backlog/MKT-2.md || test -e backlog/sub"), 1);
	assert_int_equal(change_commit(&c, "Import\n", &E), 0);
	assert_true(c.committed && c.written);
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: x\n---\n"));
	assert_true(file_is(dir, "backlog/MKT-2.md", "---\nid: MKT-2\n---\n"));
	assert_true(file_is(dir, "backlog/ORDER", "MKT-1\nMKT-2\n"));
	s = sh_out(dir, "wc -c <backlog/sub/MKT-3.md");
	assert_string_equal(s, "100000");
	free(s);
	s = sh_out(dir, "git show --name-only --format= HEAD | sort | tr '\\n' ' '");
	assert_string_equal(s, "backlog/MKT-1.md backlog/MKT-2.md backlog/ORDER backlog/sub/MKT-3.md ");
	free(s);
	/* committed bytes are the written ones; the index agrees with the
	 * files (stat data and ids), as after git add */
	assert_int_equal(sh(dir, "git diff-files --quiet && git diff --quiet HEAD && "
			    "git diff --quiet --cached"), 0);
	s = sh_out(dir, "git status --porcelain | tr '\\n' ' '");
	assert_string_equal(s, "");
	free(s);
	s = sh_out(dir, "git ls-files -s backlog/sub/MKT-3.md | cut -c1-47; "
		   "git hash-object backlog/sub/MKT-3.md");
	assert_non_null(strstr(s, "100644 "));
	assert_int_equal(strncmp(s + 7, s + 48, 40), 0);
	free(s);
	assert_true(no_tmp_left(dir));
	change_release(&c);
	repo_close(&r);
	free(dir);
}

/* A change that is refused or released before its commit writes
 * nothing: the blobs put are unreferenced objects, no file is left. */
static void
test_put_refused_leaves_nothing(void **state)
{
	char *dir = mkrepo(1), *head = NULL, *s;
	struct repo r;
	struct change c;

	(void)state;
	head = sh_out(dir, "git rev-parse HEAD");
	open_repo(&r, dir);
	/* released without a commit (an import refused after its plan) */
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "changed\n", 8, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-9.md", "new\n", 4, &E), 0);
	change_release(&c);
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\n---\n"));
	assert_int_equal(sh(dir, "test -e backlog/MKT-9.md"), 1);
	/* refused by the dirty check: nothing is written either */
	assert_int_equal(sh(dir, "echo edit >>backlog/MKT-1.md"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-9.md", "new\n", 4, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "changed\n", 8, &E), 0);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EREFUSED);
	assert_false(c.written);
	change_release(&c);
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\n---\nedit\n"));
	assert_int_equal(sh(dir, "test -e backlog/MKT-9.md"), 1);
	assert_true(no_tmp_left(dir));
	s = sh_out(dir, "git rev-parse HEAD");
	assert_string_equal(s, head);
	free(s);
	/* the unreferenced blobs are what git's gc removes; nothing else
	 * refers to them */
	assert_int_equal(sh(dir, "git checkout -q backlog/MKT-1.md && git fsck --no-dangling"), 0);
	free(head);
	repo_close(&r);
	free(dir);
}

/* A hook that refuses the commit gets the files their old bytes back
 * (kept as blobs, not in memory), and removes the new ones. */
static void
test_put_hook_refuses(void **state)
{
	char *dir = mkrepo(1), *s;
	struct repo r;
	struct change c;

	(void)state;
	assert_int_equal(sh(dir, "printf '#!/bin/sh\\necho no >&2\\nexit 1\\n' >.git/hooks/pre-commit && "
			    "chmod +x .git/hooks/pre-commit"), 0);
	open_repo(&r, dir);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "changed\n", 8, &E), 0);
	assert_int_equal(change_put(&c, "backlog/new/MKT-2.md", "new\n", 4, &E), 0);
	change_write(&c, "backlog/ORDER", "MKT-1\nMKT-2\n", 12);
	assert_int_equal(change_commit(&c, "x\n", &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "the files docket wrote are as they were"));
	assert_false(c.committed);
	assert_false(c.written);
	change_release(&c);
	assert_true(file_is(dir, "backlog/MKT-1.md", "---\nid: MKT-1\n---\n"));
	assert_true(file_is(dir, "backlog/ORDER", "MKT-1\n"));
	assert_int_equal(sh(dir, "test -e backlog/new/MKT-2.md"), 1);
	s = sh_out(dir, "git status --porcelain | tr '\\n' ' '");
	assert_string_equal(s, "");
	free(s);
	assert_true(no_tmp_left(dir));
	/* the same change with a hook that accepts: committed */
	assert_int_equal(sh(dir, "printf '#!/bin/sh\\nexit 0\\n' >.git/hooks/pre-commit"), 0);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "changed\n", 8, &E), 0);
	assert_int_equal(change_commit(&c, "x\n", &E), 0);
	assert_true(c.committed);
	change_release(&c);
	assert_true(file_is(dir, "backlog/MKT-1.md", "changed\n"));
	assert_int_equal(sh(dir, "git diff --quiet HEAD"), 0);
	repo_close(&r);
	free(dir);
}

/* The committed blob is git's, filters included: with ident set for
 * the file, "$Id: ... $" is committed as "$Id$", as git add would. */
static void
test_put_filtered(void **state)
{
	char *dir = mkrepo(1), *s;
	struct repo r;
	struct change c;

	(void)state;
	assert_int_equal(sh(dir, "echo '*.md ident' >.gitattributes && git add .gitattributes && "
			    "git commit -qm attrs"), 0);
	open_repo(&r, dir);
	change_init(&c, &r, r.workdir);
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-2.md", "a $Id: old $ b\n", 15, &E), 0);
	assert_int_equal(change_put(&c, "backlog/ORDER", "MKT-1\nMKT-2\n", 12, &E), 0);
	assert_int_equal(change_commit(&c, "x\n", &E), 0);
	change_release(&c);
	assert_true(file_is(dir, "backlog/MKT-2.md", "a $Id: old $ b\n"));
	s = sh_out(dir, "git show HEAD:backlog/MKT-2.md");
	assert_string_equal(s, "a $Id$ b");
	free(s);
	s = sh_out(dir, "git show HEAD:backlog/ORDER | tr '\\n' ' '");
	assert_string_equal(s, "MKT-1 MKT-2 ");
	free(s);
	repo_close(&r);
	free(dir);
}

/* Without a repository (commit off) a file put is staged at once next
 * to its target and renamed into place by change_commit; released
 * before, it leaves nothing.  A folder that is a link leading out is
 * refused at once. */
static void
test_put_without_repo(void **state)
{
	char *dir = xasprintf("%s/plain%d", tmp, ++counter), *s;
	struct change c;

	(void)state;
	assert_int_equal(sh(tmp, "mkdir -p '%s/backlog' '%s-outside' && ln -s '%s-outside' '%s/out'",
			    dir, dir, dir, dir), 0);
	change_init(&c, NULL, dir);
	c.commit = 0;
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "one\n", 4, &E), 0);
	assert_int_equal(change_put(&c, "out/MKT-2.md", "two\n", 4, &E), DK_EREFUSED);
	assert_non_null(strstr(ERR, "symbolic link"));
	assert_int_equal(sh(dir, "test -e backlog/MKT-1.md"), 1);
	change_release(&c);
	assert_true(no_tmp_left(dir));
	assert_int_equal(sh(dir, "test -e backlog/MKT-1.md"), 1);
	change_init(&c, NULL, dir);
	c.commit = 0;
	assert_int_equal(change_begin(&c, NULL, &E), 0);
	assert_int_equal(change_put(&c, "backlog/MKT-1.md", "one\n", 4, &E), 0);
	assert_int_equal(change_put(&c, "backlog/a/MKT-3.md", "three\n", 6, &E), 0);
	assert_int_equal(change_commit(&c, "x\n", &E), 0);
	assert_true(c.written && !c.committed);
	change_release(&c);
	assert_true(file_is(dir, "backlog/MKT-1.md", "one\n"));
	assert_true(file_is(dir, "backlog/a/MKT-3.md", "three\n"));
	assert_true(no_tmp_left(dir));
	s = sh_out(dir, "ls ../$(basename \"$PWD\")-outside | wc -l");
	assert_string_equal(s, "0");
	free(s);
	free(dir);
}

static int
teardown(void **state)
{
	diag_list_release(&E);
	return git_fixture_teardown(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_exact_paths),
		cmocka_unit_test(test_dirty_refused),
		cmocka_unit_test(test_state_and_locks_refused),
		cmocka_unit_test(test_unborn_and_identity),
		cmocka_unit_test(test_failed_commit_keeps_files),
		cmocka_unit_test(test_recover),
		cmocka_unit_test(test_max_id),
		cmocka_unit_test(test_put_commits),
		cmocka_unit_test(test_put_refused_leaves_nothing),
		cmocka_unit_test(test_put_hook_refuses),
		cmocka_unit_test(test_put_filtered),
		cmocka_unit_test(test_put_without_repo),
	};

	return cmocka_run_group_tests(tests, git_fixture_setup, teardown);
}
