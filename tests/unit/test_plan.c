/*
 * Unit tests for core/plan: which items `docket plan` takes and why,
 * the capacity it plans against, the next cycle's name and dates, and
 * the bytes of the cycle file --apply writes.
 *
 * The main fixture is tests/fixtures/cycles as of 2026-12-05 (see
 * test_metrics.c); its ORDER, after the current cycle's three items:
 *   MKT-12 ready 5 | MKT-13 ready 3, depends on MKT-14 | MKT-21 ready 1,
 *   depends on MKT-12 | MKT-14 ready 3 | MKT-10 planned for 2026-12 |
 *   MKT-16 ready 2 | MKT-18 ready 8 | MKT-19 idea | MKT-20 ready 1 |
 *   MKT-17 ready, no effort
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_check_fixture.h"

#include "core/cycle.h"
#include "core/date.h"
#include "core/plan.h"
#include "core/source.h"

#define EPS 1e-9

static long
day(const char *s)
{
	long d;

	assert_int_equal(date_parse(&d, s), 0);
	return d;
}

struct fx {
	struct backlog bl;
	struct source src;
	struct cycles cy;
};

static int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *t = getenv("DOCKET_TESTS");
	char path[PATH_MAX], real[PATH_MAX];

	snprintf(path, sizeof(path), "%s/fixtures/cycles", t ? t : "tests");
	assert_non_null(realpath(path, real));
	source_worktree(&f->src, real, real);
	backlog_init(&f->bl);
	assert_int_equal(backlog_load(&f->bl, real, real, &f->src), 0);
	cycles_from_backlog(&f->cy, &f->bl);
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	cycles_release(&f->cy);
	backlog_release(&f->bl);
	if (f->src.release)
		f->src.release(&f->src);
	free(f);
	return 0;
}

/* "take MKT-12 (fits: 5 of 10 left)\n..." for every entry walked */
static char *
walked(const struct plan *p)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < p->n; i++) {
		sbuf_addf(&sb, "%s %s (", p->v[i].verdict == PLAN_TAKE ? "take" :
			  p->v[i].verdict == PLAN_CARRY ? "carry" : "skip",
			  p->v[i].item->id);
		plan_reason(&sb, &p->v[i]);
		sbuf_adds(&sb, ")\n");
	}
	return sbuf_detach(&sb, NULL);
}

static void
test_walk_capacity_10(void **state)
{
	struct fx *f = *state;
	struct plan_opts o = { NULL, 10, -1, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct plan p;
	char *s;

	o.today = day("2026-12-05");
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), 0);
	s = walked(&p);
	/* the unfinished items of 2026-12 first: the improvement MKT-22
	 * (cycle: 2026-12, doing), then in ORDER's order MKT-8 and MKT-9 (in
	 * progress: always), MKT-10 (planned: 5 does not fit in the 4 left);
	 * then ORDER */
	assert_string_equal(s,
		"carry MKT-22 (carried over, remaining 1, improvement first)\n"
		"carry MKT-8 (carried over, remaining 3)\n"
		"carry MKT-9 (carried over, remaining 2)\n"
		"skip MKT-10 (not carried: no room, remaining 5)\n"
		"skip MKT-12 (does not fit: 5 > 4 left)\n"
		"skip MKT-13 (dependency MKT-14 not done)\n"
		"skip MKT-21 (dependency MKT-12 not done)\n"
		"take MKT-14 (fits: 3 of 4 left)\n"
		"skip MKT-16 (does not fit: 2 > 1 left)\n"
		"skip MKT-18 (does not fit: 8 > 1 left)\n"
		"skip MKT-19 (not ready: idea)\n"
		"take MKT-20 (fits: 1 of 1 left)\n");
	free(s);
	assert_int_equal(p.ncarry, 4);
	assert_int_equal(p.carried, 3);
	assert_int_equal(p.improvements, 1);
	assert_float_equal(p.carried_effort, 6, EPS);
	assert_int_equal(p.taken, 5);
	assert_float_equal(p.taken_effort, 10, EPS);
	assert_int_equal(p.not_walked, 1);      /* MKT-17 */
	assert_int_equal(p.capacity_from, PLAN_CAP_OPTION);
	assert_string_equal(p.prev->name, "2026-12");
	/* the next cycle: the day after 2026-12-13, 14 days, named after
	 * its start date */
	assert_string_equal(p.name, "2026-12-14");
	assert_int_equal(p.start, day("2026-12-14"));
	assert_int_equal(p.end, day("2026-12-27"));
	assert_null(p.existing);
	plan_release(&p);
	diag_list_release(&d);
}

static void
test_walk_mean_velocity(void **state)
{
	struct fx *f = *state;
	struct plan_opts o = { NULL, NAN, -1, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct plan p;
	char *s;

	/* velocities 8, 7, 8 (most recent first): their median, 8 */
	o.today = day("2026-12-05");
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), 0);
	assert_int_equal(p.capacity_from, PLAN_CAP_VELOCITY);
	assert_int_equal(p.nvelocities, 3);
	assert_float_equal(p.velocities[0], 8, EPS);
	assert_float_equal(p.velocities[1], 7, EPS);
	assert_float_equal(p.velocities[2], 8, EPS);
	assert_float_equal(p.capacity, 8, EPS);
	s = walked(&p);
	assert_non_null(strstr(s, "carry MKT-9 (carried over, remaining 2)\n"));
	assert_non_null(strstr(s, "skip MKT-12 (does not fit: 5 > 2 left)\n"));
	assert_non_null(strstr(s, "take MKT-16 (fits: 2 of 2 left)\n"));
	free(s);
	assert_int_equal(p.taken, 4);
	assert_float_equal(p.taken_effort, 8, EPS);
	plan_release(&p);
	diag_list_release(&d);
}

static void
test_existing_cycle(void **state)
{
	struct fx *f = *state;
	struct plan_opts o = { "2026-12", NAN, -1, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct plan p;
	char *s;

	/* the current cycle has started: it is not planned again */
	o.today = day("2026-12-05");
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), 0);
	assert_non_null(p.existing);
	assert_int_equal(p.started, 1);
	assert_int_equal(p.n, 0);
	plan_release(&p);
	/* the day before it started, it is: its dates and capacity 12; its
	 * planned item MKT-10 is walked like a ready one; the work in
	 * progress of no other cycle is carried (MKT-22 is in 2026-12's) */
	o.today = day("2026-11-29");
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), 0);
	assert_int_equal(p.started, 0);
	assert_int_equal(p.capacity_from, PLAN_CAP_CYCLE);
	assert_float_equal(p.capacity, 12, EPS);
	assert_int_equal(p.start, day("2026-11-30"));
	assert_string_equal(p.prev->name, "2026-11b");
	s = walked(&p);
	assert_string_equal(s,
		"carry MKT-22 (carried over (in progress, in no cycle), remaining 1, improvement first)\n"
		"carry MKT-8 (under way, remaining 3)\n"
		"carry MKT-9 (under way, remaining 2)\n"
		"take MKT-12 (fits: 5 of 6 left)\n"
		"skip MKT-13 (dependency MKT-14 not done)\n"
		"take MKT-21 (fits: 1 of 1 left)\n");
	free(s);
	assert_int_equal(p.not_walked, 7);  /* MKT-14 ... MKT-17 */
	plan_release(&p);
	o.today = day("2026-12-05");
	/* --start cannot move an existing cycle; a bad name is refused */
	o.start = day("2027-01-01");
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), DK_EUSAGE);
	plan_release(&p);
	o.start = -1;
	o.name = "../x";
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), DK_EUSAGE);
	plan_release(&p);
	assert_int_equal(d.n, 2);
	diag_list_release(&d);
}

static void
test_cycle_file(void **state)
{
	struct fx *f = *state;
	struct plan_opts o = { "q1", 4, -1, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct plan p;
	struct sbuf sb = SBUF_INIT;

	o.today = day("2026-12-05");
	o.start = day("2027-01-04");
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), 0);
	plan_cycle_file(&sb, &p, 0);
	/* the carried items, though over the capacity: they are under way */
	assert_string_equal(sb.buf,
		"---\nname: q1\nstart: 2027-01-04\nend: 2027-01-17\ncapacity: 4\n"
		"committed: [MKT-22, MKT-8, MKT-9]\n---\n## Showcase notes\n\n## Improvements\n");
	sbuf_reset(&sb);
	plan_cycle_file(&sb, &p, 1);
	assert_non_null(strstr(sb.buf, "---\r\nname: q1\r\n"));
	plan_release(&p);
	/* a name that YAML would read as a number is quoted */
	o.name = "2027";
	assert_int_equal(plan_make(&p, &f->bl, &f->cy, &o, &d), 0);
	sbuf_reset(&sb);
	plan_cycle_file(&sb, &p, 0);
	assert_non_null(strstr(sb.buf, "\nname: \"2027\"\n"));
	plan_release(&p);
	sbuf_release(&sb);
	diag_list_release(&d);
}

/* ---------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------- */

static struct cycle cv[4];
static struct item files[4];
static char paths[4][64];

static void
mk(struct cycles *cy, size_t n, const char *const *names, const char *const *starts,
   const char *const *ends)
{
	memset(cv, 0, sizeof(cv));
	for (size_t i = 0; i < n; i++) {
		snprintf(paths[i], sizeof(paths[i]), "backlog/cycles/%s.md", names[i]);
		files[i].path = paths[i];
		cv[i].file = &files[i];
		cv[i].name = names[i];
		cv[i].start = day(starts[i]);
		cv[i].end = day(ends[i]);
	}
	cy->v = cv;
	cy->n = n;
}

static void
test_next_name(void **state)
{
	struct cycles cy;
	char *s;

	(void)state;
	/* the default: the start date */
	cy.n = 0;
	s = plan_next_name(&cy, NULL, day("2026-12-14"));
	assert_string_equal(s, "2026-12-14");
	free(s);
	/* a pattern of docket.yaml: ISO week, month */
	s = plan_next_name(&cy, "%G-W%V", day("2026-12-14"));
	assert_string_equal(s, "2026-W51");
	free(s);
	s = plan_next_name(&cy, "launch-%Y-%m", day("2027-01-04"));
	assert_string_equal(s, "launch-2027-01");
	free(s);
	/* a clash gets -2, -3, never a letter */
	mk(&cy, 2, (const char *[]){ "2026-12", "2026-12-2" },
	   (const char *[]){ "2026-11-30", "2026-12-14" },
	   (const char *[]){ "2026-12-13", "2026-12-27" });
	s = plan_next_name(&cy, "%Y-%m", day("2026-12-28"));
	assert_string_equal(s, "2026-12-3");
	free(s);
	s = plan_next_name(&cy, "%Y-%m", day("2027-01-11"));
	assert_string_equal(s, "2027-01");
	free(s);
	/* a pattern that cannot make a name: the default */
	s = plan_next_name(&cy, "%H:%M", day("2027-01-11"));
	assert_string_equal(s, "2027-01-11");
	free(s);
}

static void
test_name_valid(void **state)
{
	(void)state;
	assert_true(plan_name_valid("2026-12"));
	assert_true(plan_name_valid("q1_2027.b"));
	assert_false(plan_name_valid(""));
	assert_false(plan_name_valid(".hidden"));
	assert_false(plan_name_valid("-x"));
	assert_false(plan_name_valid("a/b"));
	assert_false(plan_name_valid("a b"));
	assert_false(plan_name_valid("\xc3\xa9t\xc3\xa9"));
	assert_false(plan_name_valid(
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

/* ---------------------------------------------------------------------
 * In memory: capacity from docket.yaml, dependencies
 * ------------------------------------------------------------------- */

static void
test_config_capacity_and_deps(void **state)
{
	struct memfs fs;
	struct backlog bl;
	struct cycles cy;
	struct plan_opts o = { NULL, NAN, -1, 0 };
	struct diag_list d = DIAG_LIST_INIT;
	struct plan p;
	char *s;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	memfs_put(&fs, "docket.yaml", "prefix: MKT\ncycle: { length_days: 7, capacity: 4 }\n");
	memfs_put(&fs, "backlog/ORDER", "MKT-1\nMKT-2\nMKT-3\nMKT-4\n");
	memfs_put(&fs, "backlog/MKT-1.md", "---\nid: MKT-1\ntitle: a\nstatus: ready\neffort: 1\ndepends_on: MKT-9\n---\n");
	memfs_put(&fs, "backlog/MKT-2.md", "---\nid: MKT-2\ntitle: b\nstatus: ready\neffort: 1\ndepends_on: [MKT-5]\n---\n");
	memfs_put(&fs, "backlog/MKT-3.md", "---\nid: MKT-3\ntitle: c\nstatus: ready\neffort: 1\ndepends_on: [MKT-4]\n---\n");
	memfs_put(&fs, "backlog/MKT-4.md", "---\nid: MKT-4\ntitle: d\nstatus: ready\neffort: 1\n---\n");
	memfs_put(&fs, "backlog/MKT-5.md", "---\nid: MKT-5\ntitle: e\nstatus: done\n---\n");
	memfs_put(&fs, "backlog/MKT-6.md", "---\nid: MKT-6\ntitle: f\nstatus: ready\neffort: 1\n---\n");
	load_mem(&bl, &fs);
	cycles_from_backlog(&cy, &bl);
	o.today = day("2026-06-10");
	assert_int_equal(plan_make(&p, &bl, &cy, &o, &d), 0);
	assert_int_equal(p.capacity_from, PLAN_CAP_CONFIG);
	assert_float_equal(p.capacity, 4, EPS);
	/* no cycle yet: from today, 7 days */
	assert_int_equal(p.start, day("2026-06-10"));
	assert_int_equal(p.end, day("2026-06-16"));
	assert_string_equal(p.name, "2026-06-10");
	s = walked(&p);
	assert_string_equal(s,
		"skip MKT-1 (dependency MKT-9 names no item)\n"
		"take MKT-2 (fits: 1 of 4 left)\n"
		"skip MKT-3 (dependency MKT-4 not done)\n"
		"take MKT-4 (fits: 1 of 3 left)\n");
	free(s);
	assert_int_equal(p.unranked_ready, 1);   /* MKT-6 */
	plan_release(&p);
	diag_list_release(&d);
	cycles_release(&cy);
	backlog_release(&bl);
	memfs_release(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_walk_capacity_10, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_walk_mean_velocity, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_existing_cycle, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cycle_file, fx_setup, fx_teardown),
		cmocka_unit_test(test_next_name),
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_config_capacity_and_deps),
	};

	(void)check_mem;    /* from the shared fixture, unused here */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
