/*
 * Unit tests for core/ops: the write operations called as functions, as
 * `docket serve` calls them: a refused write returns its findings (with
 * the field and the fix) and touches nothing; a write that goes through
 * returns the commit and the blob id of each file it changed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/backlog.h"
#include "core/change.h"
#include "core/fsutil.h"
#include "core/ops.h"
#include "core/repo.h"
#include "core/source.h"
#include "core/xalloc.h"

#include "test_git_fixture.h"

/* A session as a front end makes one: the lock, docket.yaml and ORDER. */
struct sess {
	struct backlog bl;
	struct source src;
	struct repo repo;
	struct change ch;
	struct ops_target t;
};

static void
sess_begin(struct sess *s, const char *dir)
{
	struct diag_list e = DIAG_LIST_INIT;

	memset(s, 0, sizeof(*s));
	assert_int_equal(repo_open(&s->repo, dir, &e), 0);
	change_init(&s->ch, &s->repo, s->repo.workdir);
	assert_int_equal(change_begin(&s->ch, NULL, &e), 0);
	source_worktree(&s->src, dir, dir);
	backlog_init(&s->bl);
	assert_int_equal(backlog_load_flags(&s->bl, dir, dir, &s->src, 0), 0);
	s->t.bl = &s->bl;
	s->t.src = &s->src;
	s->t.ch = &s->ch;
	s->t.repo = &s->repo;
	diag_list_release(&e);
}

static void
sess_end(struct sess *s)
{
	change_release(&s->ch);
	backlog_release(&s->bl);
	s->src.release(&s->src);
	repo_close(&s->repo);
}

static char *
mkrepo(void)
{
	static int n;
	char *dir = xasprintf("%s/r%d", tmp, ++n);
	char *cmd = xasprintf("git init -q -b main '%s' && cd '%s' && mkdir backlog && "
			      "printf 'prefix: MKT\\nitems: backlog\\ngoals:\\n  pipeline: leads\\n' >docket.yaml && "
			      "printf -- '---\\nid: MKT-1\\ntitle: One\\ntype: experiment\\nstatus: idea\\n---\\n' >backlog/MKT-1.md && "
			      "printf -- '---\\nid: MKT-2\\ntitle: Two\\ntype: bau\\nstatus: idea\\n---\\n' >backlog/MKT-2.md && "
			      "printf 'MKT-1\\nMKT-2\\n' >backlog/ORDER && git add -A && git commit -qm init",
			      dir, dir);

	assert_int_equal(sh(tmp, "%s", cmd), 0);
	free(cmd);
	return dir;
}

static void
test_refused_set_returns_findings(void **state)
{
	char *dir = mkrepo(), *head = sh_out(dir, "git rev-parse HEAD"), *after;
	static const char *const keys[] = { "goal", "assignee" };
	static const char *const vals[] = { "revenue", "Jonas" };
	struct ops_set_req rq = { .id = "MKT-1", .keys = keys, .values = vals, .n = 2 };
	struct diag_list errs = DIAG_LIST_INIT;
	struct ops_result r;
	struct sess s;
	int goal = 0, assignee = 0;

	(void)state;
	sess_begin(&s, dir);
	ops_result_init(&r);
	assert_int_equal(ops_set(&s.t, &rq, &r, &errs), 0);
	assert_true(r.refused);
	assert_int_equal(r.committed, 0);
	for (size_t i = 0; i < r.findings.n; i++) {
		const struct diag *d = &r.findings.v[i];

		if (d->severity != SEV_ERROR)
			continue;
		assert_non_null(d->field);
		assert_non_null(d->fix);
		assert_string_equal(d->file, "backlog/MKT-1.md");
		goal += !strcmp(d->field, "goal") && !strcmp(d->rule, "goal-unknown");
		assignee += !strcmp(d->field, "assignee") &&
			    !strcmp(d->rule, "no-direct-assignment");
	}
	assert_int_equal(goal, 1);
	assert_int_equal(assignee, 1);
	ops_result_release(&r);
	sess_end(&s);
	/* nothing written, nothing committed */
	assert_int_equal(sh(dir, "git diff --quiet HEAD && test -z \"$(git status --porcelain)\""), 0);
	after = sh_out(dir, "git rev-parse HEAD");
	assert_string_equal(head, after);
	free(after);
	free(head);
	free(dir);
	diag_list_release(&errs);
}

static void
test_set_and_move_commit_with_versions(void **state)
{
	char *dir = mkrepo(), *blob, *order_blob;
	static const char *const keys[] = { "goal" };
	static const char *const vals[] = { "pipeline" };
	struct ops_set_req rq = { .id = "MKT-2", .keys = keys, .values = vals, .n = 1 };
	struct order_place top = { ORDER_TOP, 0, NULL };
	struct diag_list errs = DIAG_LIST_INIT;
	struct ops_result r;
	struct sess s;

	(void)state;
	sess_begin(&s, dir);
	ops_result_init(&r);
	assert_int_equal(ops_set(&s.t, &rq, &r, &errs), 0);
	assert_false(r.refused);
	assert_true(r.committed);
	assert_string_equal(r.summary, "Set MKT-2 goal pipeline");
	assert_int_equal(r.nfiles, 1);
	assert_string_equal(r.files[0].path, "backlog/MKT-2.md");
	blob = sh_out(dir, "git rev-parse HEAD:backlog/MKT-2.md");
	assert_string_equal(r.files[0].blob, blob);
	free(blob);
	ops_result_release(&r);
	sess_end(&s);

	/* a second session: move, and the same value again changes nothing */
	sess_begin(&s, dir);
	ops_result_init(&r);
	assert_int_equal(ops_move(&s.t, "MKT-2", &top, &r, &errs), 0);
	assert_true(r.committed);
	assert_string_equal(r.summary, "Rank MKT-2 #2 → #1 (above MKT-1)");
	order_blob = sh_out(dir, "git rev-parse HEAD:backlog/ORDER");
	assert_int_equal(r.nfiles, 1);
	assert_string_equal(r.files[0].blob, order_blob);
	free(order_blob);
	ops_result_release(&r);
	ops_result_init(&r);
	assert_int_equal(ops_set(&s.t, &rq, &r, &errs), 0);
	assert_true(r.nothing);
	assert_false(r.committed);
	ops_result_release(&r);
	/* an operation's own refusal is an error code with its reason */
	ops_result_init(&r);
	assert_int_equal(ops_move(&s.t, "MKT-9", &top, &r, &errs), DK_ENOTFOUND);
	assert_non_null(strstr(diag_last_message(&errs), "no item MKT-9"));
	ops_result_release(&r);
	sess_end(&s);
	free(dir);
	diag_list_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_set_returns_findings),
		cmocka_unit_test(test_set_and_move_commit_with_versions),
	};

	return cmocka_run_group_tests(tests, git_fixture_setup, git_fixture_teardown);
}
