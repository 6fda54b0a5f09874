/*
 * Unit tests for core/rank: which items `docket rank` proposes, in what
 * order (score, MVL first, dependencies before dependants), what counts
 * as moved rather than shifted, and ORDER rewritten with its comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "test_check_fixture.h"
#include "core/rank.h"

static const char CONFIG[] = "prefix: MKT\n";

struct fixture {
	struct memfs fs;
	char *texts[32];
	char *paths[32];
	size_t n;
	struct backlog bl;
	struct rank_plan plan;
};

/* An item: "status effort cv bv" plus extra front-matter lines. */
static void
item(struct fixture *f, int num, const char *status, int effort, int cv,
     int bv, const char *extra)
{
	f->paths[f->n] = xasprintf("backlog/MKT-%d.md", num);
	f->texts[f->n] = xasprintf(
		"---\nid: MKT-%d\ntitle: Item %d\ntype: bau\nstatus: %s\n"
		"effort: %d\ncustomer_value: %d\nbusiness_value: %d\n%s---\nBody\n",
		num, num, status, effort, cv, bv, extra ? extra : "");
	memfs_put(&f->fs, f->paths[f->n], f->texts[f->n]);
	f->n++;
}

static void
propose(struct fixture *f, const char *order, enum score_kind kind)
{
	memfs_put(&f->fs, "docket.yaml", CONFIG);
	memfs_put(&f->fs, "backlog/ORDER", order);
	load_mem(&f->bl, &f->fs);
	rank_propose(&f->plan, &f->bl, kind);
}

static void
release(struct fixture *f)
{
	rank_plan_release(&f->plan);
	backlog_release(&f->bl);
	for (size_t i = 0; i < f->n; i++) {
		free(f->texts[i]);
		free(f->paths[i]);
	}
	memfs_release(&f->fs);
	memset(f, 0, sizeof(*f));
}

/* The proposal as "MKT-3 MKT-1 ...", then "| gone ids". */
static char *
ids(const struct rank_plan *p)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < p->n; i++)
		sbuf_addf(&sb, "%s%s", i ? " " : "", p->v[i].id);
	if (p->ngone) {
		sbuf_adds(&sb, " |");
		for (size_t i = p->n; i < p->n + p->ngone; i++)
			sbuf_addf(&sb, " %s", p->v[i].id);
	}
	return sbuf_detach(&sb, NULL);
}

static void
expect_ids(const struct rank_plan *p, const char *want)
{
	char *got = ids(p);

	if (strcmp(got, want))
		print_error("proposal: got '%s', wanted '%s'\n", got, want);
	assert_string_equal(got, want);
	free(got);
}

static const struct rank_entry *
entry(const struct rank_plan *p, const char *id)
{
	for (size_t i = 0; i < p->n + p->ngone; i++)
		if (!strcmp(p->v[i].id, id))
			return &p->v[i];
	fail_msg("no entry %s", id);
	return NULL;
}

static void
test_by_score(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 4, 2, 2, NULL);   /* wsjf 1.0 */
	item(&f, 2, "ready", 1, 5, 5, NULL);   /* 10.0 */
	item(&f, 3, "ready", 2, 3, 3, NULL);   /* 3.0 */
	item(&f, 4, "ready", 2, 1, 1, NULL);   /* 1.0 */
	propose(&f, "MKT-1\nMKT-2\nMKT-3\nMKT-4\n", SCORE_WSJF);
	/* equal scores keep their current order */
	expect_ids(&f.plan, "MKT-2 MKT-3 MKT-1 MKT-4");
	assert_true(fabs(entry(&f.plan, "MKT-2")->score - 10.0) < 1e-9);
	assert_int_equal(entry(&f.plan, "MKT-2")->old_rank, 2);
	assert_int_equal(entry(&f.plan, "MKT-2")->new_rank, 1);
	/* one move says it all: MKT-1 down below MKT-3; MKT-2 and MKT-3
	 * only shift up with it; MKT-4 stays */
	assert_true(entry(&f.plan, "MKT-1")->moved);
	assert_false(entry(&f.plan, "MKT-2")->moved);
	assert_false(entry(&f.plan, "MKT-3")->moved);
	assert_false(entry(&f.plan, "MKT-4")->moved);
	assert_int_equal(rank_plan_changes(&f.plan), 1);
	assert_int_equal(rank_plan_shifted(&f.plan), 2);
	release(&f);
}

static void
test_already_ranked(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 1, 5, 5, NULL);
	item(&f, 2, "doing", 2, 5, 5, NULL);
	propose(&f, "# top\nMKT-1\nMKT-2\n", SCORE_WSJF);
	expect_ids(&f.plan, "MKT-1 MKT-2");
	assert_int_equal(rank_plan_changes(&f.plan), 0);
	assert_int_equal(rank_plan_shifted(&f.plan), 0);
	release(&f);
}

static void
test_kinds(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	/* time_criticality counts for wsjf only */
	item(&f, 1, "ready", 2, 4, 4, NULL);
	item(&f, 2, "ready", 2, 3, 3, "time_criticality: 9\n");
	propose(&f, "MKT-1\nMKT-2\n", SCORE_WSJF);
	expect_ids(&f.plan, "MKT-2 MKT-1");
	rank_plan_release(&f.plan);
	rank_propose(&f.plan, &f.bl, SCORE_VALUE_PER_EFFORT);
	expect_ids(&f.plan, "MKT-1 MKT-2");
	assert_int_equal(f.plan.kind, SCORE_VALUE_PER_EFFORT);
	release(&f);
}

static void
test_mvl_first(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 1, 9, 9, NULL);
	item(&f, 2, "ready", 8, 1, 1, "mvl: true\n");
	item(&f, 3, "ready", 4, 2, 2, "mvl: true\n");
	propose(&f, "MKT-1\nMKT-2\nMKT-3\n", SCORE_WSJF);
	expect_ids(&f.plan, "MKT-3 MKT-2 MKT-1");
	release(&f);
}

static void
test_dependencies(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	/* the best item needs the worst one, which needs another: both
	 * come up just above it, the deepest first */
	item(&f, 1, "ready", 1, 9, 9, "depends_on: [MKT-4]\n");
	item(&f, 2, "ready", 2, 5, 5, NULL);
	item(&f, 3, "ready", 4, 5, 5, NULL);
	item(&f, 4, "ready", 8, 1, 1, "depends_on: [MKT-5, MKT-99]\n");
	item(&f, 5, "ready", 8, 1, 2, NULL);
	/* a done dependency is met: it is no constraint */
	item(&f, 6, "done", 1, 1, 1, NULL);
	item(&f, 7, "ready", 1, 8, 8, "depends_on: [MKT-6]\n");
	propose(&f, "MKT-1\nMKT-2\nMKT-3\nMKT-4\nMKT-5\nMKT-7\n", SCORE_WSJF);
	expect_ids(&f.plan, "MKT-5 MKT-4 MKT-1 MKT-7 MKT-2 MKT-3");
	assert_string_equal(entry(&f.plan, "MKT-4")->needed_by, "MKT-1");
	assert_string_equal(entry(&f.plan, "MKT-5")->needed_by, "MKT-4");
	assert_null(entry(&f.plan, "MKT-1")->needed_by);
	release(&f);
}

static void
test_dependency_cycle(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 1, 5, 5, "depends_on: [MKT-2]\n");
	item(&f, 2, "ready", 2, 5, 5, "depends_on: [MKT-3]\n");
	item(&f, 3, "ready", 4, 5, 5, "depends_on: [MKT-1, MKT-3]\n");
	propose(&f, "MKT-3\nMKT-2\nMKT-1\n", SCORE_WSJF);
	/* every item once; the walk cuts the cycle where it meets it */
	expect_ids(&f.plan, "MKT-3 MKT-2 MKT-1");
	release(&f);
}

static void
test_which_items(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 2, 2, 2, NULL);
	item(&f, 2, "done", 1, 9, 9, NULL);      /* leaves ORDER */
	item(&f, 3, "idea", 1, 9, 9, NULL);      /* unranked idea: intake */
	item(&f, 4, "ready", 1, 3, 3, NULL);     /* unranked ready: ranked */
	item(&f, 5, "idea", 1, 1, 1, NULL);      /* ranked idea: stays */
	item(&f, 6, "blocked", 1, 1, 2, "blocked_reason: x\n");
	item(&f, 7, "stopped", 1, 9, 9, "stop_reason: x\n");
	propose(&f, "MKT-1\nMKT-2\nMKT-5\nMKT-9\nMKT-1\n", SCORE_WSJF);
	/* MKT-9 has no file: kept, below the proposal */
	expect_ids(&f.plan, "MKT-4 MKT-6 MKT-1 MKT-5 MKT-9 | MKT-2");
	release(&f);
}

static void
test_no_score_last(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.paths[0] = xstrdup("backlog/MKT-1.md");
	f.texts[0] = xstrdup("---\nid: MKT-1\ntitle: No values\nstatus: planned\n---\n");
	memfs_put(&f.fs, f.paths[0], f.texts[0]);
	f.n = 1;
	item(&f, 2, "ready", 5, 1, 1, NULL);
	propose(&f, "MKT-1\nMKT-2\n", SCORE_WSJF);
	expect_ids(&f.plan, "MKT-2 MKT-1");
	assert_true(isnan(entry(&f.plan, "MKT-1")->score));
	release(&f);
}

static void
render(struct fixture *f, const char *want)
{
	struct sbuf sb = SBUF_INIT;

	rank_render_order(&f->bl.order, &f->plan, 0, &sb);
	if (strcmp(sb.buf, want))
		print_error("ORDER: got\n%s---wanted---\n%s", sb.buf, want);
	assert_string_equal(sb.buf, want);
	sbuf_release(&sb);
}

static void
test_render_order(void **state)
{
	struct fixture f;

	(void)state;
	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 4, 1, 1, NULL);
	item(&f, 2, "ready", 1, 5, 5, NULL);
	item(&f, 3, "ready", 2, 3, 3, NULL);
	item(&f, 4, "done", 1, 1, 1, NULL);
	item(&f, 5, "ready", 1, 9, 9, NULL);
	/* comments stay; end-of-line comments travel with their id; the
	 * closed id's line goes; no item crosses a section header: MKT-1
	 * stays under "# MVL", the new MKT-5 joins its neighbour's section */
	propose(&f, "# MVL\nMKT-1   # waits for LP\n\n# Next\nMKT-4\nMKT-2\nMKT-3\n# end\n",
		SCORE_WSJF);
	render(&f, "# MVL\nMKT-1   # waits for LP\n\n# Next\nMKT-5\nMKT-2\nMKT-3\n# end\n");
	/* their scores would put MKT-5, MKT-2 and MKT-3 above MKT-1 */
	assert_int_equal(f.plan.nkept, 3);
	assert_string_equal(f.plan.kept[0].id, "MKT-5");
	assert_string_equal(f.plan.kept[0].other, "MKT-1");
	assert_int_equal(f.plan.nempty, 1);         /* "# end" */
	{
		struct sbuf sb = SBUF_INIT;

		rank_render_order(&f.bl.order, &f.plan, 1, &sb);
		assert_string_equal(sb.buf, "# MVL\nMKT-1   # waits for LP\n\n# Next\nMKT-5\nMKT-2\nMKT-3\n");
		sbuf_release(&sb);
	}
	release(&f);

	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 4, 1, 1, NULL);
	item(&f, 2, "ready", 1, 5, 5, NULL);
	item(&f, 3, "ready", 8, 1, 1, "mvl: true\n");
	/* an MVL item below a header stays there, and is reported kept;
	 * an empty section and its blank line go with prune */
	propose(&f, "# Backlog: highest first.\n\n# MVL\n\n# Next\nMKT-1\nMKT-2\nMKT-3\n", SCORE_WSJF);
	render(&f, "# Backlog: highest first.\n\n# MVL\n\n# Next\nMKT-3\nMKT-2\nMKT-1\n");
	assert_int_equal(f.plan.nkept, 0);          /* within its section */
	assert_int_equal(f.plan.nempty, 1);
	{
		struct sbuf sb = SBUF_INIT;

		rank_render_order(&f.bl.order, &f.plan, 1, &sb);
		assert_string_equal(sb.buf, "# Backlog: highest first.\n\n# Next\nMKT-3\nMKT-2\nMKT-1\n");
		sbuf_release(&sb);
	}
	release(&f);

	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 4, 1, 1, NULL);
	item(&f, 2, "ready", 8, 1, 1, "mvl: true\n");
	propose(&f, "# MVL\nMKT-1\n# Next\nMKT-2\n", SCORE_WSJF);
	render(&f, "# MVL\nMKT-1\n# Next\nMKT-2\n");
	assert_int_equal(f.plan.nkept, 1);
	assert_string_equal(f.plan.kept[0].id, "MKT-2");
	assert_string_equal(f.plan.kept[0].other, "MKT-1");
	assert_int_equal(f.plan.kept[0].above, 1);
	release(&f);

	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 4, 1, 1, NULL);
	item(&f, 2, "ready", 1, 5, 5, NULL);
	item(&f, 3, "ready", 1, 9, 9, NULL);
	/* CRLF and no final newline are kept; more ids than id lines */
	propose(&f, "# top\r\nMKT-1\r\nMKT-2", SCORE_WSJF);
	render(&f, "# top\r\nMKT-3\r\nMKT-2\r\nMKT-1");
	release(&f);

	memset(&f, 0, sizeof(f));
	item(&f, 1, "ready", 4, 1, 1, NULL);
	item(&f, 2, "ready", 1, 5, 5, NULL);
	/* no id line yet: the ids go at the end */
	propose(&f, "# The ranked backlog\n", SCORE_WSJF);
	render(&f, "# The ranked backlog\nMKT-2\nMKT-1\n");
	release(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_score),
		cmocka_unit_test(test_already_ranked),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_mvl_first),
		cmocka_unit_test(test_dependencies),
		cmocka_unit_test(test_dependency_cycle),
		cmocka_unit_test(test_which_items),
		cmocka_unit_test(test_no_score_last),
		cmocka_unit_test(test_render_order),
	};

	(void)check_mem;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
