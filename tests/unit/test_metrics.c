/*
 * Unit tests for core/metrics (and core/huddle): the exact figures of
 * `docket report` on crafted backlogs.
 *
 * The main fixture is tests/fixtures/cycles (read from disk, the same
 * files the CLI tests use), as of 2026-12-05: three closed cycles
 * (2026-10, 2026-11, 2026-11b) and the current one (2026-12).  The
 * expected figures are worked out by hand in the comments.  Smaller
 * in-memory backlogs pin the edge cases.
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
#include "core/huddle.h"
#include "core/metrics.h"
#include "core/source.h"
#include "core/xalloc.h"

#define EPS 1e-9

static long
day(const char *s)
{
	long d;

	assert_int_equal(date_parse(&d, s), 0);
	return d;
}

/* The on-disk fixture, loaded into bl. */
static void
load_fixture(struct backlog *bl, struct source *src)
{
	const char *t = getenv("DOCKET_TESTS");
	char path[PATH_MAX], real[PATH_MAX];

	snprintf(path, sizeof(path), "%s/fixtures/cycles", t ? t : "tests");
	assert_non_null(realpath(path, real));
	source_worktree(src, real, real);
	backlog_init(bl);
	assert_int_equal(backlog_load(bl, real, real, src), 0);
	assert_int_equal(bl->ncycles, 4);
}

struct fx {
	struct backlog bl;
	struct source src;
	struct cycles cy;
	struct metrics m;
};

static int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));

	load_fixture(&f->bl, &f->src);
	cycles_from_backlog(&f->cy, &f->bl);
	metrics_compute(&f->m, &f->bl, &f->cy, day("2026-12-05"));
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	metrics_release(&f->m);
	cycles_release(&f->cy);
	backlog_release(&f->bl);
	if (f->src.release)
		f->src.release(&f->src);
	free(f);
	return 0;
}

static const struct cycle_stats *
stats(const struct fx *f, const char *name)
{
	const struct cycle *c = cycles_find(&f->cy, name);

	assert_non_null(c);
	return metrics_cycle(&f->m, c);
}

static void
test_per_cycle(void **state)
{
	struct fx *f = *state;
	const struct cycle_stats *s;

	/* 2026-10: MKT-1 (3) done 10-25, MKT-2 (5) done 10-30, MKT-3 (2)
	 * done 11-05, after the end: 2 of 3, effort 8 of 10 */
	s = stats(f, "2026-10");
	assert_int_equal(s->state, CYCLE_CLOSED);
	assert_int_equal(s->committed_n, 3);
	assert_float_equal(s->committed_effort, 10, EPS);
	assert_int_equal(s->completed_n, 2);
	assert_float_equal(s->completed_effort, 8, EPS);
	assert_float_equal(s->say_do, 0.8, EPS);
	/* MKT-3 is committed again by 2026-11: carried over */
	assert_int_equal(s->nscope, 3);
	assert_string_equal(s->scope[2].item->id, "MKT-3");
	assert_int_equal(s->scope[2].outcome, OUT_CARRIED);
	assert_int_equal(s->carried_n, 1);
	assert_float_equal(s->carried_effort, 2, EPS);
	/* 2026-11: MKT-3 (2) counts here, MKT-4 (5) done, MKT-5 (8) stopped */
	s = stats(f, "2026-11");
	assert_int_equal(s->scope[0].carried_in, 1);
	assert_int_equal(s->completed_n, 2);
	assert_float_equal(s->completed_effort, 7, EPS);
	assert_float_equal(s->say_do, 7.0 / 15.0, EPS);
	/* 2026-11b: both done, MKT-6 is bau */
	s = stats(f, "2026-11b");
	assert_float_equal(s->say_do, 1, EPS);
	assert_float_equal(s->bau_effort, 3, EPS);
	/* 2026-12 is running: MKT-11 (1) done so far of 11 */
	s = stats(f, "2026-12");
	assert_int_equal(s->state, CYCLE_CURRENT);
	assert_int_equal(s->committed_n, 4);
	assert_float_equal(s->completed_effort, 1, EPS);
	assert_int_equal(f->m.nclosed, 3);
}

static void
test_predictability_and_throughput(void **state)
{
	struct fx *f = *state;
	double mean = (0.8 + 7.0 / 15.0 + 1.0) / 3, sq = 0;

	sq += (0.8 - mean) * (0.8 - mean);
	sq += (7.0 / 15.0 - mean) * (7.0 / 15.0 - mean);
	sq += (1.0 - mean) * (1.0 - mean);
	assert_int_equal(f->m.nsaydo, 3);
	assert_float_equal(f->m.saydo_mean, mean, EPS);
	assert_float_equal(f->m.saydo_sd, sqrt(sq / 3), EPS);
	assert_int_equal((int)lround(f->m.saydo_mean * 100), 76);
	assert_int_equal((int)lround(f->m.saydo_sd * 100), 22);
	/* two items finished in each closed cycle's period, 42 days */
	assert_int_equal(stats(f, "2026-10")->throughput, 2);
	assert_int_equal(stats(f, "2026-11")->throughput, 2);
	assert_int_equal(stats(f, "2026-11b")->throughput, 2);
	assert_int_equal(stats(f, "2026-12")->throughput, 1);
	assert_int_equal(f->m.done_in_closed, 6);
	assert_int_equal(f->m.closed_days, 42);
	assert_float_equal(f->m.per_cycle, 2, EPS);
	assert_float_equal(f->m.per_week, 1, EPS);
}

static void
test_cycle_time_win_rate_bau(void **state)
{
	struct fx *f = *state;

	/* started -> finished: 5, 11, 8, 7, 3, 12, 2 days: sorted
	 * 2 3 5 7 8 11 12, median 7, 85th percentile rank ceil(5.95) = 6 */
	assert_int_equal(f->m.ncycle_time, 7);
	assert_float_equal(f->m.ct_median, 7, EPS);
	assert_float_equal(f->m.ct_p85, 11, EPS);
	/* won: MKT-1, 4, 7; lost: MKT-2, 11; inconclusive: MKT-3 */
	assert_int_equal(f->m.won, 3);
	assert_int_equal(f->m.lost, 2);
	assert_int_equal(f->m.inconclusive, 1);
	assert_float_equal(f->m.win_rate, 0.6, EPS);
	/* 3 of 23 completed effort is bau; 1 of 15 open items */
	assert_float_equal(f->m.bau_share_completed, 3.0 / 23.0, EPS);
	assert_int_equal(f->m.open_n, 15);
	assert_int_equal(f->m.open_bau, 1);
}

static void
test_forecast(void **state)
{
	struct fx *f = *state;
	char buf[16];

	/* open effort 38 (13 items; MKT-15 and MKT-17 have none) at the
	 * median velocity of 8, 7, 8: 4.75 -> 5 cycles of 14 days from the
	 * current cycle's start 2026-11-30 */
	assert_float_equal(f->m.open_effort, 38, EPS);
	assert_int_equal(f->m.open_estimated, 13);
	assert_int_equal(f->m.open_unestimated, 2);
	assert_int_equal(f->m.velocity_from, VELOCITY_MEASURED);
	assert_int_equal(f->m.velocity_cycles, 3);
	assert_float_equal(f->m.velocity, 8, EPS);
	assert_float_equal(f->m.velocities[0], 8, EPS);   /* most recent first */
	assert_float_equal(f->m.velocities[1], 7, EPS);
	assert_int_equal(f->m.forecast_cycles, 5);
	date_format(buf, sizeof(buf), f->m.forecast_start);
	assert_string_equal(buf, "2026-11-30");
	date_format(buf, sizeof(buf), f->m.forecast_end);
	assert_string_equal(buf, "2027-02-07");
}

static void
test_cycle_items_and_sections(void **state)
{
	struct fx *f = *state;
	const struct cycle *c = cycles_find(&f->cy, "2026-12");
	const struct item **v;
	const char *sec;
	size_t n, len;

	/* committed order, then MKT-22 (doing, not committed: unplanned) */
	v = metrics_cycle_items(metrics_cycle(&f->m, c), &n);
	assert_int_equal(n, 5);
	assert_string_equal(v[0]->id, "MKT-8");
	assert_string_equal(v[3]->id, "MKT-11");
	assert_string_equal(v[4]->id, "MKT-22");
	free(v);
	sec = cycle_section(c, "improvements", &len);
	assert_non_null(sec);
	assert_int_equal(len, strlen("- Review the DoD with legal"));
	assert_memory_equal(sec, "- Review the DoD with legal", len);
	assert_null(cycle_section(c, "Retro", &len));
}

static void
test_huddle(void **state)
{
	struct fx *f = *state;
	const struct cycle *c = cycles_find(&f->cy, "2026-12");
	struct huddle h;
	const struct huddle_card *by[32] = { NULL };

	huddle_make(&h, &f->bl, c, day("2026-12-05"));
	assert_int_equal(h.day, 6);
	assert_int_equal(h.length, 14);
	assert_int_equal(h.days_left, 9);
	assert_int_equal(h.ncol[HUDDLE_PLANNED], 1);
	assert_int_equal(h.ncol[HUDDLE_DOING], 2);
	assert_int_equal(h.ncol[HUDDLE_BLOCKED], 1);
	assert_int_equal(h.ncol[HUDDLE_DONE], 1);
	for (size_t i = 0; i < h.n; i++)
		by[item_id_number(h.cards[i].item->id, "MKT")] = &h.cards[i];
	/* days in status */
	assert_int_equal(by[8]->days, 5);     /* started 11-30 */
	assert_int_equal(by[22]->days, 10);   /* started 11-25 */
	assert_int_equal(by[9]->days, 3);     /* started 12-02 */
	assert_int_equal(by[11]->days, 2);    /* finished 12-03 */
	assert_int_equal(by[10]->days, 5);    /* planned: since the start */
	/* MKT-22 is doing without being committed: unplanned */
	assert_int_equal(by[22]->how, SCOPE_UNPLANNED);
	assert_int_equal(by[8]->how, SCOPE_COMMITTED);
	assert_int_equal(h.unplanned, 1);
	/* 2026-12-05 is a Saturday: working day 5 of 10, 5 left (Monday to
	 * Friday of the second week).  The pace: velocities 8, 7, 8 over 10
	 * working days each, median 0.8 a day: 4 in the days left.  Open
	 * 3 + 1 + 2 + 5 = 11 remaining: doing (4) fits, MKT-9 (blocked) and
	 * MKT-10 (planned) do not */
	assert_int_equal(h.workdays, 10);
	assert_int_equal(h.workday, 5);
	assert_int_equal(h.workdays_left, 5);
	assert_int_equal(h.risk_open, 1);
	assert_int_equal(h.pace_from, HUDDLE_PACE_MEASURED);
	assert_float_equal(h.pace, 0.8, EPS);
	assert_float_equal(h.deliverable, 4, EPS);
	assert_float_equal(h.open_effort, 11, EPS);
	assert_float_equal(h.remaining, 11, EPS);
	assert_int_equal(by[10]->risk, HUDDLE_RISK_PACE);
	assert_int_equal(by[22]->risk, HUDDLE_RISK_LONG);   /* 10 > 14 / 2 */
	assert_int_equal(by[9]->risk, HUDDLE_RISK_PACE);
	assert_int_equal(by[8]->risk, 0);
	assert_int_equal(by[11]->risk, 0);
	assert_int_equal(h.at_risk, 3);
	assert_int_equal(h.wip, 2);
	assert_int_equal(h.wip_limit, 1);
	huddle_release(&h);
	/* on the second working day nothing is judged behind pace */
	huddle_make(&h, &f->bl, c, day("2026-12-01"));
	assert_int_equal(h.workday, 2);
	assert_int_equal(h.risk_open, 0);
	for (size_t i = 0; i < h.n; i++)
		assert_int_equal(h.cards[i].risk & HUDDLE_RISK_PACE, 0);
	huddle_release(&h);
	/* after the end, every open card is overdue, none behind pace */
	huddle_make(&h, &f->bl, c, day("2026-12-20"));
	assert_int_equal(h.days_left, 0);
	for (size_t i = 0; i < h.n; i++)
		assert_int_equal(h.cards[i].risk & HUDDLE_RISK_PACE, 0);
	assert_int_equal(h.at_risk, 3);     /* MKT-22 is no longer on it */
	huddle_release(&h);
}

/* ---------------------------------------------------------------------
 * Edge cases in memory
 * ------------------------------------------------------------------- */

static const char cfg[] = "prefix: MKT\ncycle: { length_days: 10, capacity: 6 }\n";

static struct memfs mfs;

static void
put(const char *path, const char *data)
{
	memfs_put(&mfs, path, data);
}

static void
compute(struct backlog *bl, struct cycles *cy, struct metrics *m, const char *today)
{
	load_mem(bl, &mfs);
	cycles_from_backlog(cy, bl);
	metrics_compute(m, bl, cy, day(today));
}

static void owned_release(void);

static void
done_all(struct backlog *bl, struct cycles *cy, struct metrics *m)
{
	metrics_release(m);
	cycles_release(cy);
	backlog_release(bl);
	memfs_release(&mfs);
	owned_release();
}

static void
test_carried_over_without_dates(void **state)
{
	struct backlog bl;
	struct cycles cy;
	struct metrics m;

	(void)state;
	put("docket.yaml", cfg);
	put("backlog/ORDER", "");
	/* MKT-1 is committed to both cycles and has no finished date: it
	 * counts once, for the later cycle; an id twice counts once; an
	 * unknown id is missing */
	put("backlog/MKT-1.md", "---\nid: MKT-1\ntitle: a\nstatus: done\neffort: 2\n---\n");
	put("backlog/MKT-2.md", "---\nid: MKT-2\ntitle: b\nstatus: done\neffort: 3\nfinished: 2026-01-05\n---\n");
	put("backlog/cycles/c1.md", "---\nname: c1\nstart: 2026-01-01\nend: 2026-01-10\ncommitted: [MKT-1, MKT-2, MKT-2, MKT-9]\n---\n");
	put("backlog/cycles/c2.md", "---\nname: c2\nstart: 2026-01-11\nend: 2026-01-20\ncommitted: [MKT-1]\n---\n");
	compute(&bl, &cy, &m, "2026-02-01");
	assert_int_equal(m.cycles[0].committed_n, 2);
	assert_int_equal(m.cycles[0].missing, 1);
	assert_float_equal(m.cycles[0].committed_effort, 5, EPS);
	assert_float_equal(m.cycles[0].completed_effort, 3, EPS);
	assert_float_equal(m.cycles[1].completed_effort, 2, EPS);
	assert_float_equal(m.cycles[1].say_do, 1, EPS);
	/* no cycle time without started; no open effort: 0 cycles */
	assert_int_equal(m.ncycle_time, 0);
	assert_true(isnan(m.ct_median));
	assert_int_equal(m.forecast_cycles, 0);
	assert_true(isnan(m.win_rate));
	done_all(&bl, &cy, &m);
}

/* A scope history for the cycle file at path: the commitment, and the
 * changes since (id, day, added). */
static struct scope_hist *
scope_with(const char *path, const char **baseline, size_t nb,
	   const struct scope_event *ev, size_t nev)
{
	struct scope_hist *h = xcalloc(1, sizeof(*h));

	h->v = xcalloc(1, sizeof(*h->v));
	h->n = 1;
	h->v[0].path = xstrdup(path);
	h->v[0].baseline = xcalloc(nb + 1, sizeof(*h->v[0].baseline));
	memcpy(h->v[0].baseline, baseline, nb * sizeof(*baseline));
	h->v[0].nbaseline = nb;
	h->v[0].ev = xcalloc(nev + 1, sizeof(*ev));
	memcpy(h->v[0].ev, ev, nev * sizeof(*ev));
	h->v[0].nev = nev;
	h->v[0].from_history = 1;
	return h;
}

/* memfs borrows its paths and texts: item_file's live until
 * owned_release. */
static char *owned[64];
static size_t nowned;

static void
owned_release(void)
{
	while (nowned)
		free(owned[--nowned]);
}

static void
item_file(const char *id, const char *more)
{
	char *path = xasprintf("backlog/%s.md", id);
	char *text = xasprintf("---\nid: %s\ntitle: t %s\n%s---\n", id, id, more);

	assert_true(nowned + 2 <= ARRAY_SIZE(owned));
	owned[nowned++] = path;
	owned[nowned++] = text;
	put(path, text);
}

/*
 * A cycle of 2026-01-05 (Monday) to 2026-01-16 as its history tells it:
 * committed at the start MKT-1 (3), MKT-2 (5), MKT-3 (2); MKT-4 (1)
 * added on 01-08; MKT-3 removed on 01-09.  By the end: MKT-1 done,
 * MKT-2 stopped with a result (lost), MKT-4 done, MKT-3 still ready;
 * MKT-5 (4) done on 01-12 without being planned; MKT-6 (8) stopped
 * without a result.  The next cycle commits MKT-3... no: it commits
 * MKT-7, which the first did not hold.
 */
static void
test_scope_learned_unplanned(void **state)
{
	static const char *base[] = { "MKT-1", "MKT-2", "MKT-3", "MKT-6" };
	struct scope_event ev[] = {
		{ "MKT-4", 0, 1, 0 },
		{ "MKT-3", 0, 0, 0 },
	};
	struct backlog bl;
	struct cycles cy;
	struct metrics m;
	const struct cycle_stats *s;

	(void)state;
	ev[0].day = day("2026-01-08");
	ev[1].day = day("2026-01-09");
	put("docket.yaml", cfg);
	put("backlog/ORDER", "MKT-3\n");
	item_file("MKT-1", "status: done\neffort: 3\nfinished: 2026-01-07\n");
	item_file("MKT-2", "status: stopped\neffort: 5\nresult: lost\nstop_reason: r\nfinished: 2026-01-09\n");
	item_file("MKT-3", "status: ready\neffort: 2\n");
	item_file("MKT-4", "status: done\neffort: 1\nfinished: 2026-01-14\n");
	item_file("MKT-5", "status: done\neffort: 4\nfinished: 2026-01-12\n");
	item_file("MKT-6", "status: stopped\neffort: 8\nstop_reason: r\nfinished: 2026-01-06\n");
	put("backlog/cycles/c1.md", "---\nname: c1\nstart: 2026-01-05\nend: 2026-01-16\n"
	    "committed: [MKT-1, MKT-2, MKT-6, MKT-4]\n---\n");
	load_mem(&bl, &mfs);
	bl.scope_hist = scope_with("backlog/cycles/c1.md", base, 4, ev, 2);
	cycles_from_backlog(&cy, &bl);
	assert_int_equal(cy.v[0].nbaseline, 4);
	assert_int_equal(cy.v[0].scope_known, 1);
	metrics_compute(&m, &bl, &cy, day("2026-01-20"));
	s = &m.cycles[0];
	/* the commitment: 3 + 5 + 2 + 8 = 18, MKT-3 removed stays in it */
	assert_int_equal(s->committed_n, 4);
	assert_float_equal(s->committed_effort, 18, EPS);
	assert_int_equal(s->removed_n, 1);
	assert_float_equal(s->removed_effort, 2, EPS);
	assert_int_equal(s->added_n, 1);
	assert_float_equal(s->added_effort, 1, EPS);
	/* completed: MKT-1 (3) and the added MKT-4 (1); learned: MKT-2 (5);
	 * stopped: MKT-2 and MKT-6 */
	assert_int_equal(s->completed_n, 2);
	assert_float_equal(s->completed_effort, 4, EPS);
	assert_int_equal(s->learned_n, 1);
	assert_float_equal(s->learned_effort, 5, EPS);
	assert_int_equal(s->stopped_n, 2);
	assert_float_equal(s->stopped_effort, 13, EPS);
	/* say/do: (3 + 5) of the commitment's 18; velocity: 3 + 1 + 4 */
	assert_float_equal(s->say_do, 8.0 / 18.0, EPS);
	assert_int_equal(s->unplanned_n, 1);
	assert_float_equal(s->unplanned_effort, 4, EPS);
	assert_float_equal(s->velocity, 8, EPS);
	/* the order: the commitment, the added, the unplanned */
	assert_int_equal(s->nscope, 6);
	assert_string_equal(s->scope[2].item->id, "MKT-3");
	assert_int_equal(s->scope[2].how, SCOPE_REMOVED);
	assert_int_equal(s->scope[2].day, day("2026-01-09"));
	assert_int_equal(s->scope[4].how, SCOPE_ADDED);
	assert_int_equal(s->scope[4].day, day("2026-01-08"));
	assert_string_equal(s->scope[5].item->id, "MKT-5");
	assert_int_equal(s->scope[5].how, SCOPE_UNPLANNED);
	assert_int_equal(s->scope[1].outcome, OUT_LEARNED);
	assert_int_equal(s->scope[3].outcome, OUT_STOPPED);
	/* the suggested capacity is that velocity */
	assert_int_equal(m.velocity_from, VELOCITY_MEASURED);
	assert_float_equal(m.velocity, 8, EPS);
	done_all(&bl, &cy, &m);
}

/* The median of the last three closed cycles: one odd cycle does not
 * move the suggested capacity. */
static void
test_capacity_median(void **state)
{
	struct backlog bl;
	struct cycles cy;
	struct metrics m;

	(void)state;
	put("docket.yaml", cfg);
	put("backlog/ORDER", "");
	item_file("MKT-1", "status: done\neffort: 10\nfinished: 2026-01-05\n");
	item_file("MKT-2", "status: done\neffort: 1\nfinished: 2026-01-15\n");
	item_file("MKT-3", "status: done\neffort: 9\nfinished: 2026-01-25\n");
	item_file("MKT-4", "status: done\neffort: 8\nfinished: 2026-02-03\n");
	put("backlog/cycles/c1.md", "---\nname: c1\nstart: 2026-01-01\nend: 2026-01-10\ncommitted: [MKT-1]\n---\n");
	put("backlog/cycles/c2.md", "---\nname: c2\nstart: 2026-01-11\nend: 2026-01-20\ncommitted: [MKT-2, MKT-9]\n---\n");
	put("backlog/cycles/c3.md", "---\nname: c3\nstart: 2026-01-21\nend: 2026-01-30\ncommitted: [MKT-3]\n---\n");
	put("backlog/cycles/c4.md", "---\nname: c4\nstart: 2026-01-31\nend: 2026-02-09\ncommitted: [MKT-4]\n---\n");
	compute(&bl, &cy, &m, "2026-02-15");
	/* the last three: 8, 9, 1 -> 8, not their mean 6 */
	assert_int_equal(m.velocity_cycles, 3);
	assert_float_equal(m.velocities[0], 8, EPS);
	assert_float_equal(m.velocities[1], 9, EPS);
	assert_float_equal(m.velocities[2], 1, EPS);
	assert_float_equal(m.velocity, 8, EPS);
	done_all(&bl, &cy, &m);
}

/*
 * At risk on a constructed cycle of ten working days (2026-03-02,
 * Monday, to 2026-03-13), capacity 10 and no closed cycle: the pace is
 * 10 / 10 = 1 a working day.  Open: MKT-1 doing (3, remaining 1),
 * MKT-2 planned (4), MKT-3 planned (5): 10 remaining.
 */
static void
test_at_risk_constructed(void **state)
{
	struct backlog bl;
	struct cycles cy;
	struct huddle h;

	(void)state;
	put("docket.yaml", cfg);
	put("backlog/ORDER", "");
	item_file("MKT-1", "status: doing\neffort: 3\nremaining: 1\nstarted: 2026-03-02\n");
	item_file("MKT-2", "status: planned\neffort: 4\n");
	item_file("MKT-3", "status: planned\neffort: 5\n");
	put("backlog/cycles/c1.md", "---\nname: c1\nstart: 2026-03-02\nend: 2026-03-13\n"
	    "capacity: 10\ncommitted: [MKT-1, MKT-2, MKT-3]\n---\n");
	load_mem(&bl, &mfs);
	cycles_from_backlog(&cy, &bl);
	/* day 2 (Tuesday): 9 working days left deliver 9 < 10, but it is
	 * too early to tell */
	huddle_make(&h, &bl, &cy.v[0], day("2026-03-03"));
	assert_int_equal(h.pace_from, HUDDLE_PACE_CAPACITY);
	assert_float_equal(h.pace, 1, EPS);
	assert_float_equal(h.remaining, 10, EPS);
	assert_int_equal(h.workday, 2);
	assert_int_equal(h.risk_from, 3);
	assert_int_equal(h.risk_open, 0);
	assert_int_equal(h.at_risk, 0);
	huddle_release(&h);
	/* day 3 (Wednesday): 8 left deliver 8; walking doing (1), MKT-2 (5
	 * so far), MKT-3 (10 > 8): only MKT-3 is at risk */
	huddle_make(&h, &bl, &cy.v[0], day("2026-03-04"));
	assert_int_equal(h.risk_open, 1);
	assert_int_equal(h.workdays_left, 8);
	assert_float_equal(h.deliverable, 8, EPS);
	assert_int_equal(h.at_risk, 1);
	for (size_t i = 0; i < h.n; i++)
		assert_int_equal(h.cards[i].risk != 0, !strcmp(h.cards[i].item->id, "MKT-3"));
	huddle_release(&h);
	/* Saturday of the first week: 5 working days left deliver 5; MKT-2
	 * just fits (1 + 4), MKT-3 does not */
	huddle_make(&h, &bl, &cy.v[0], day("2026-03-07"));
	assert_int_equal(h.workday, 5);
	assert_int_equal(h.workdays_left, 5);
	assert_float_equal(h.deliverable, 5, EPS);
	assert_int_equal(h.at_risk, 1);
	huddle_release(&h);
	cycles_release(&cy);
	backlog_release(&bl);
	/* a longer cycle of 20 working days: from working day 4 on (a fifth) */
	put("backlog/cycles/c1.md", "---\nname: c1\nstart: 2026-03-02\nend: 2026-03-27\n"
	    "capacity: 2\ncommitted: [MKT-1, MKT-2, MKT-3]\n---\n");
	load_mem(&bl, &mfs);
	cycles_from_backlog(&cy, &bl);
	huddle_make(&h, &bl, &cy.v[0], day("2026-03-04"));
	assert_int_equal(h.risk_from, 4);
	assert_int_equal(h.risk_open, 0);
	assert_int_equal(h.at_risk, 0);
	huddle_release(&h);
	huddle_make(&h, &bl, &cy.v[0], day("2026-03-05"));
	assert_int_equal(h.risk_open, 1);
	assert_true(h.at_risk > 0);
	huddle_release(&h);
	cycles_release(&cy);
	backlog_release(&bl);
	memfs_release(&mfs);
	owned_release();
}

static void
test_forecast_from_config(void **state)
{
	struct backlog bl;
	struct cycles cy;
	struct metrics m;
	char buf[16];

	(void)state;
	put("docket.yaml", cfg);
	put("backlog/ORDER", "MKT-1\n");
	put("backlog/MKT-1.md", "---\nid: MKT-1\ntitle: a\nstatus: ready\neffort: 13\n---\n");
	put("backlog/MKT-2.md", "---\nid: MKT-2\ntitle: b\nstatus: idea\ntype: bau\n---\n");
	compute(&bl, &cy, &m, "2026-03-02");
	/* no cycle: 13 / capacity 6 -> 3 cycles of 10 days from today */
	assert_int_equal(m.ncycles, 0);
	assert_int_equal(m.velocity_from, VELOCITY_CONFIG);
	assert_float_equal(m.velocity, 6, EPS);
	assert_int_equal(m.forecast_cycles, 3);
	date_format(buf, sizeof(buf), m.forecast_end);
	assert_string_equal(buf, "2026-03-31");
	assert_float_equal(m.bau_share_open, 0.5, EPS);
	assert_true(isnan(m.bau_share_completed));
	assert_true(isnan(m.saydo_mean));
	done_all(&bl, &cy, &m);
}

static void
test_percentiles(void **state)
{
	double v[] = { 1, 2, 3, 4 };

	(void)state;
	assert_float_equal(metrics_median(v, 4), 2.5, EPS);
	assert_float_equal(metrics_median(v, 3), 2, EPS);
	assert_float_equal(metrics_percentile(v, 4, 85), 4, EPS);   /* rank ceil(3.4) */
	assert_float_equal(metrics_percentile(v, 4, 50), 2, EPS);
	assert_float_equal(metrics_percentile(v, 1, 85), 1, EPS);
	assert_true(isnan(metrics_median(v, 0)));
	assert_true(isnan(metrics_percentile(v, 0, 85)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_per_cycle, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_predictability_and_throughput, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cycle_time_win_rate_bau, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_forecast, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cycle_items_and_sections, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_huddle, fx_setup, fx_teardown),
		cmocka_unit_test(test_carried_over_without_dates),
		cmocka_unit_test(test_forecast_from_config),
		cmocka_unit_test(test_scope_learned_unplanned),
		cmocka_unit_test(test_capacity_median),
		cmocka_unit_test(test_at_risk_constructed),
		cmocka_unit_test(test_percentiles),
	};

	(void)check_mem;    /* from the shared fixture, unused here */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
