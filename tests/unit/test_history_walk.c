/*
 * Unit tests for the history walk's tree reading (core/history.c,
 * core/history_scan.c): the files a commit changed in the items folder
 * (sub-folders, symbolic links, mode changes and commits outside the
 * folder left out), and the same answers from one thread, two threads,
 * and the cache, newest or oldest first, on a longer history.
 * Repositories are made with the git CLI in a temporary folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/history.h"
#include "core/repo.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

static char tmpdir[256];

static void
sh(const char *fmt, ...)
{
	struct sbuf cmd = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_addf(&cmd, "cd '%s' && ", tmpdir);
	sbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd.buf), 0);
	sbuf_release(&cmd);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/docket-walk.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(tmpdir));
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CEILING_DIRECTORIES", tmpdir, 1);
	setenv("HOME", tmpdir, 1);
	sh("mkdir a b && cd a && git init -q -b main . && git config user.name 'Dana Reyes' && "
	   "git config user.email dana@example.com && git config core.symlinks true");
	sh("cd b && git init -q -b main . && git config user.name 'Dana Reyes' && "
	   "git config user.email dana@example.com");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	sh("cd / && rm -rf '%s'", tmpdir);
	return 0;
}

/* Every commit of the walk and its changes, one line each. */
static void
open_sub(struct repo *r, const char *sub)
{
	char *path = xasprintf("%s/%s", tmpdir, sub);

	assert_int_equal(repo_open(r, path, NULL), 0);
	free(path);
}

static void
dump(const char *sub, unsigned flags, int ids, struct sbuf *out)
{
	struct history_walk *w;
	const struct history_commit *c;
	struct repo r;
	int rc;

	open_sub(&r, sub);
	assert_int_equal(history_walk_new(&w, &r, NULL, "backlog/", flags, NULL), 0);
	while ((rc = history_walk_next(w, &c)) == 1) {
		const struct history_change *v;
		size_t n;

		history_walk_changes(w, &v, &n);
		sbuf_addf(out, "%s:", ids ? c->id : c->subject);
		for (size_t i = 0; i < n; i++) {
			char o[GIT_OID_HEXSZ + 1] = "-", nw[GIT_OID_HEXSZ + 1] = "-";

			if (ids && v[i].old_id)
				git_oid_tostr(o, sizeof(o), v[i].old_id);
			if (ids && v[i].new_id)
				git_oid_tostr(nw, sizeof(nw), v[i].new_id);
			sbuf_addf(out, " %c %s", v[i].kind, v[i].name);
			if (ids)
				sbuf_addf(out, " %s %s", o, nw);
		}
		sbuf_adds(out, "\n");
	}
	assert_int_equal(rc, 0);
	history_walk_free(w);
	repo_close(&r);
}

/* The lines of s in reverse order. */
static void
reverse_lines(const struct sbuf *s, struct sbuf *out)
{
	size_t end = s->len;

	while (end) {
		size_t start = end - 1;

		while (start && s->buf[start - 1] != '\n')
			start--;
		sbuf_add(out, s->buf + start, end - start);
		end = start;
	}
}

/* What a commit changed in the folder: files only, by name. */
static void
test_walk_changes(void **state)
{
	struct sbuf got = SBUF_INIT;

	(void)state;
	sh("cd a && printf 'x\\n' > README && git add -A && git commit -qm 'Outside only'");
	sh("cd a && mkdir -p backlog/cycles && printf 'a\\n' > backlog/MKT-1.md && "
	   "printf 'b\\n' > 'backlog/MKT 2.md' && printf 'c\\n' > backlog/cycles/c1.md && "
	   ": > backlog/ORDER && git add -A && git commit -qm 'Add the folder'");
	sh("cd a && printf 'y\\n' > README && git add -A && git commit -qm 'Outside again'");
	sh("cd a && printf 'c2\\n' > backlog/cycles/c1.md && git add -A && git commit -qm 'Sub-folder only'");
	sh("cd a && chmod +x backlog/MKT-1.md && git add -A && git commit -qm 'Mode only'");
	sh("cd a && printf 'a2\\n' > backlog/MKT-1.md && ln -s MKT-1.md backlog/link.md && "
	   "git add -A && git commit -qm 'Change one, add a link'");
	/* a file and a folder named alike: "MKT-3" sorts after "MKT-3.md" */
	sh("cd a && mkdir backlog/MKT-3 && printf 'd\\n' > backlog/MKT-3/x.md && "
	   "printf 'e\\n' > backlog/MKT-3.md && git add -A && git commit -qm 'Folder and file'");
	sh("cd a && git rm -q 'backlog/MKT 2.md' && git commit -qm 'Delete one'");
	sh("cd a && rm backlog/link.md && printf 'l\\n' > backlog/link.md && "
	   "git add -A && git commit -qm 'Link becomes a file'");
	sh("cd a && git rm -rq backlog && git commit -qm 'Remove the folder'");
	sh("cd a && mkdir backlog && printf 'a2\\n' > backlog/MKT-1.md && "
	   "git add -A && git commit -qm 'Back again'");

	setenv("DOCKET_HISTORY_CACHE", "0", 1);
	setenv("DOCKET_HISTORY_THREADS", "1", 1);
	dump("a", 0, 0, &got);
	assert_string_equal(got.buf,
		"Back again: A MKT-1.md\n"
		"Remove the folder: D MKT-1.md D MKT-3.md D ORDER D link.md\n"
		"Link becomes a file: A link.md\n"
		"Delete one: D MKT 2.md\n"
		"Folder and file: A MKT-3.md\n"
		"Change one, add a link: M MKT-1.md\n"
		/* the folder's tree changed, none of its files did */
		"Mode only:\n"
		"Sub-folder only:\n"
		"Add the folder: A MKT 2.md A MKT-1.md A ORDER\n");
	/* the same oldest first, and from the second thread */
	for (int threads = 1; threads <= 2; threads++) {
		struct sbuf a = SBUF_INIT, b = SBUF_INIT, rev = SBUF_INIT;

		setenv("DOCKET_HISTORY_THREADS", threads == 1 ? "1" : "2", 1);
		dump("a", 0, 1, &a);
		dump("a", HISTORY_OLDEST_FIRST, 1, &b);
		if (threads == 1) {
			sbuf_reset(&got);
			sbuf_add(&got, a.buf, a.len);
		} else {
			assert_string_equal(a.buf, got.buf);
		}
		/* oldest first is the same list, reversed */
		reverse_lines(&a, &rev);
		assert_string_equal(rev.buf, b.buf);
		sbuf_release(&rev);
		sbuf_release(&a);
		sbuf_release(&b);
	}
	sbuf_release(&got);
}

/* A longer history: one thread, two threads, cold and warm cache, both
 * orders, all give the same commits and changes. */
static void
test_walk_threads_same(void **state)
{
	struct sbuf one = SBUF_INIT, one_old = SBUF_INIT;
	static const char *const runs[][2] = {
		{ "0", "2" },      /* cache off, two threads */
		{ "1", "2" },      /* cache on, two threads: writes it */
		{ "1", "1" },      /* warm cache, one thread */
		{ "1", "2" },      /* warm cache, two threads */
	};

	(void)state;
	/* 300 commits: adds, edits, deletes, renames; some outside backlog/ */
	sh("cd b && mkdir backlog && : > backlog/ORDER && git add -A && git commit -qm start && "
	   "i=1; while [ $i -le 300 ]; do "
	   "  case $((i %% 7)) in "
	   "  0) printf 'x%%s\\n' $i > README ;; "
	   "  1|2) printf 'v%%s\\n' $i > backlog/MKT-$((i %% 37)).md ;; "
	   "  3) rm -f backlog/MKT-$(((i * 5) %% 37)).md ;; "
	   "  4) [ -f backlog/MKT-$((i %% 37)).md ] && git mv -k backlog/MKT-$((i %% 37)).md backlog/MKT-$((i %% 37 + 40)).md ;; "
	   "  5) printf 'MKT-%%s\\n' $i >> backlog/ORDER; printf 'w%%s\\n' $i > backlog/MKT-$(((i * 3) %% 37)).md ;; "
	   "  6) mkdir -p backlog/cycles && printf 'c%%s\\n' $i > backlog/cycles/c.md ;; "
	   "  esac; git add -A && git commit -q --allow-empty -m \"c$i\" || exit 1; i=$((i + 1)); done");

	setenv("DOCKET_HISTORY_CACHE", "0", 1);
	setenv("DOCKET_HISTORY_THREADS", "1", 1);
	dump("b", 0, 1, &one);
	dump("b", HISTORY_OLDEST_FIRST, 1, &one_old);
	assert_true(one.len > 200 * 45);
	for (size_t k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
		struct sbuf a = SBUF_INIT, b = SBUF_INIT;

		setenv("DOCKET_HISTORY_CACHE", runs[k][0], 1);
		setenv("DOCKET_HISTORY_THREADS", runs[k][1], 1);
		dump("b", 0, 1, &a);
		assert_string_equal(a.buf, one.buf);
		dump("b", HISTORY_OLDEST_FIRST, 1, &b);
		assert_string_equal(b.buf, one_old.buf);
		sbuf_release(&a);
		sbuf_release(&b);
	}
	sh("cd b && ls .git/docket/history-* >/dev/null");
	/* a log (which stops where the item's history starts) while the
	 * thread works from the other end: the same entries, cold and warm,
	 * and the cache the two left behind gives the same walk */
	sh("cd b && rm -rf .git/docket");
	for (int pass = 0; pass < 3; pass++) {
		struct item_log l1, l2;
		struct repo r;

		setenv("DOCKET_HISTORY_CACHE", pass ? "1" : "0", 1);
		setenv("DOCKET_HISTORY_THREADS", "1", 1);
		open_sub(&r, "b");
		assert_int_equal(history_item_log(&l1, &r, NULL, "backlog/", "MKT-5", NULL, NULL), 0);
		setenv("DOCKET_HISTORY_THREADS", "2", 1);
		assert_int_equal(history_item_log(&l2, &r, NULL, "backlog/", "MKT-5", NULL, NULL), 0);
		assert_true(l1.n > 0);
		assert_int_equal(l1.n, l2.n);
		for (size_t i = 0; i < l1.n; i++) {
			assert_string_equal(l1.v[i].commit, l2.v[i].commit);
			assert_int_equal(l1.v[i].event, l2.v[i].event);
			assert_int_equal(l1.v[i].changes.n, l2.v[i].changes.n);
		}
		item_log_release(&l1);
		item_log_release(&l2);
		repo_close(&r);
	}
	{
		struct sbuf a = SBUF_INIT;

		setenv("DOCKET_HISTORY_CACHE", "1", 1);
		setenv("DOCKET_HISTORY_THREADS", "1", 1);
		dump("b", 0, 1, &a);
		assert_string_equal(a.buf, one.buf);
		sbuf_release(&a);
	}
	unsetenv("DOCKET_HISTORY_THREADS");
	unsetenv("DOCKET_HISTORY_CACHE");
	sbuf_release(&one);
	sbuf_release(&one_old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_changes),
		cmocka_unit_test(test_walk_threads_same),
	};

	repo_global_init();
	{
		int rc = cmocka_run_group_tests(tests, setup, teardown);

		repo_global_shutdown();
		return rc;
	}
}
