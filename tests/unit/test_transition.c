/*
 * Unit tests for core/transition: the fields and ORDER membership each
 * status change implies, and the refusals (reasons, results, open
 * Definition-of-Done boxes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "core/edit.h"
#include "core/transition.h"
#include "core/xalloc.h"

static struct item *
mk(const char *text)
{
	struct fm_opts fo = FM_OPTS_INIT;

	return item_new("backlog/MKT-1.md", xstrdup(text), strlen(text), &fo);
}

static long
day(const char *s)
{
	long d = 0;

	assert_int_equal(date_parse(&d, s), 0);
	return d;
}

/* Plan, apply the edits, compare the resulting file. */
static void
expect(const char *in, enum item_status to, struct transition_opts o,
       int want_leave, const char *want)
{
	struct item *it = mk(in);
	struct transition t;
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT, err = DIAG_LIST_INIT;
	int rc = transition_plan(&t, it, to, &o, &err);

	if (rc)
		print_error("refused: %s\n", diag_last_message(&err));
	assert_int_equal(rc, 0);
	assert_int_equal(err.n, 0);
	assert_int_equal(t.leave_order, want_leave);
	assert_int_equal(edit_apply(&out, it->data, it->len, it->path, t.ops, t.nops, &d), 0);
	if (strcmp(out.buf, want))
		print_error("got:\n%s\nwanted:\n%s\n", out.buf, want);
	assert_string_equal(out.buf, want);
	sbuf_release(&out);
	diag_list_release(&d);
	item_free(it);
}

static void
expect_refused(const char *in, enum item_status to, struct transition_opts o,
	       int want_rc, const char *needle)
{
	struct item *it = mk(in);
	struct transition t;
	struct diag_list err = DIAG_LIST_INIT;

	assert_int_equal(transition_plan(&t, it, to, &o, &err), want_rc);
	assert_int_equal(err.n, 1);
	assert_int_equal(err.v[0].code, want_rc);
	if (!strstr(err.v[0].message, needle))
		print_error("message '%s' lacks '%s'\n", err.v[0].message, needle);
	assert_non_null(strstr(err.v[0].message, needle));
	diag_list_release(&err);
	item_free(it);
}

static void
test_start_sets_started_once(void **state)
{
	(void)state;
	expect("---\nid: MKT-1\nstatus: ready\n---\n", ST_DOING,
	       (struct transition_opts){ .today = day("2026-11-20") }, 0,
	       "---\nid: MKT-1\nstatus: doing\nstarted: 2026-11-20\n---\n");
	expect("---\nid: MKT-1\nstatus: blocked\nstarted: 2026-11-01\nblocked_reason: legal\n---\n",
	       ST_DOING, (struct transition_opts){ .today = day("2026-11-20") }, 0,
	       "---\nid: MKT-1\nstatus: doing\nstarted: 2026-11-01\n---\n");
}

static void
test_block_needs_reason(void **state)
{
	(void)state;
	expect_refused("---\nid: MKT-1\nstatus: doing\n---\n", ST_BLOCKED,
		       (struct transition_opts){ 0 }, DK_EREFUSED, "--reason");
	expect("---\nid: MKT-1\nstatus: doing\n---\n", ST_BLOCKED,
	       (struct transition_opts){ .reason = "waits: legal" }, 0,
	       "---\nid: MKT-1\nstatus: blocked\nblocked_reason: \"waits: legal\"\nblocked_from: doing\n---\n");
	/* unblocking returns there and drops both fields */
	expect("---\nid: MKT-1\nstatus: blocked\nblocked_reason: x\nblocked_from: planned\n---\n",
	       ST_PLANNED, (struct transition_opts){ 0 }, 0,
	       "---\nid: MKT-1\nstatus: planned\n---\n");
}

static void
test_over_wip_and_stop_result(void **state)
{
	(void)state;
	/* over the WIP limit on purpose: recorded, and dropped on leaving */
	expect("---\nid: MKT-1\nstatus: ready\nstarted: 2026-01-02\n---\n", ST_DOING,
	       (struct transition_opts){ .over_wip = 1, .today = 20454 }, 0,
	       "---\nid: MKT-1\nstatus: doing\nstarted: 2026-01-02\nover_wip: 2026-01-01\n---\n");
	expect("---\nid: MKT-1\nstatus: doing\nover_wip: 2026-01-01\n---\n", ST_READY,
	       (struct transition_opts){ 0 }, 0, "---\nid: MKT-1\nstatus: ready\n---\n");
	/* a stopped experiment with what it showed */
	expect("---\nid: MKT-1\nstatus: doing\n---\n", ST_STOPPED,
	       (struct transition_opts){ .reason = "r", .result = "lost", .today = 20454 }, 1,
	       "---\nid: MKT-1\nstatus: stopped\nstop_reason: r\nresult: lost\nfinished: 2026-01-01\n---\n");
	expect_refused("---\nid: MKT-1\nstatus: doing\n---\n", ST_STOPPED,
		       (struct transition_opts){ .reason = "r", .result = "won" }, DK_EUSAGE,
		       "lost or inconclusive");
	/* a done item is not stopped */
	expect_refused("---\nid: MKT-1\nstatus: done\nresult: won\n---\n", ST_STOPPED,
		       (struct transition_opts){ .reason = "r" }, DK_EREFUSED,
		       "a done item is not stopped");
}

static void
test_stop_needs_reason_and_leaves_order(void **state)
{
	(void)state;
	expect_refused("---\nid: MKT-1\nstatus: doing\n---\n", ST_STOPPED,
		       (struct transition_opts){ 0 }, DK_EREFUSED, "--reason");
	expect("---\nid: MKT-1\nstatus: doing\n---\n", ST_STOPPED,
	       (struct transition_opts){ .reason = "no budget", .today = day("2026-11-20") }, 1,
	       "---\nid: MKT-1\nstatus: stopped\nstop_reason: no budget\nfinished: 2026-11-20\n---\n");
}

static void
test_done_experiment_needs_result(void **state)
{
	static const char exp[] = "---\nid: MKT-1\nstatus: doing\nmetric: leads\n---\n";

	(void)state;
	expect_refused(exp, ST_DONE, (struct transition_opts){ 0 }, DK_EREFUSED,
		       "--result won|lost|inconclusive");
	expect_refused(exp, ST_DONE, (struct transition_opts){ .result = "great" },
		       DK_EUSAGE, "great");
	expect(exp, ST_DONE,
	       (struct transition_opts){ .result = "won", .actual = "62", .today = day("2026-11-20") }, 1,
	       "---\nid: MKT-1\nstatus: done\nmetric: leads\nresult: won\nactual: 62\nfinished: 2026-11-20\n---\n");
	/* business as usual needs no result */
	expect("---\nid: MKT-1\ntype: bau\nstatus: doing\n---\n", ST_DONE,
	       (struct transition_opts){ .today = day("2026-11-20") }, 1,
	       "---\nid: MKT-1\ntype: bau\nstatus: done\nfinished: 2026-11-20\n---\n");
}

static void
test_done_refuses_open_boxes(void **state)
{
	static const char open[] =
		"---\nid: MKT-1\ntype: bau\nstatus: doing\n---\n"
		"## Definition of Done\n- [x] Copy reviewed\n- [ ] Tracking links\n";
	static const char fenced[] =
		"---\nid: MKT-1\ntype: bau\nstatus: doing\n---\n"
		"## Definition of Done\n```\n- [ ] an example\n```\n- [x] done\n";

	(void)state;
	expect_refused(open, ST_DONE, (struct transition_opts){ 0 }, DK_EREFUSED,
		       "backlog/MKT-1.md:8:3: 1 Definition-of-Done box is unchecked (first: 'Tracking links')");
	/* --force needs the reason; both go to dod_waived:, and back out
	 * when the item is reopened */
	expect_refused(open, ST_DONE, (struct transition_opts){ .force = 1 }, DK_EUSAGE,
		       "done --force waives 1 open Definition-of-Done box: say why with --reason TEXT");
	expect(open, ST_DONE, (struct transition_opts){ .force = 1, .waive_reason = "no tracking yet",
						       .today = day("2026-11-20") }, 1,
	       "---\nid: MKT-1\ntype: bau\nstatus: done\ndod_waived: \"Tracking links. Reason: no tracking yet\"\n"
	       "finished: 2026-11-20\n---\n"
	       "## Definition of Done\n- [x] Copy reviewed\n- [ ] Tracking links\n");
	expect("---\nid: MKT-1\ntype: bau\nstatus: done\ndod_waived: \"Tracking links. Reason: no\"\n---\n",
	       ST_DOING, (struct transition_opts){ .today = day("2026-11-20") }, 0,
	       "---\nid: MKT-1\ntype: bau\nstatus: doing\nstarted: 2026-11-20\n---\n");
	expect(fenced, ST_DONE, (struct transition_opts){ .today = day("2026-11-20") }, 1,
	       "---\nid: MKT-1\ntype: bau\nstatus: done\nfinished: 2026-11-20\n---\n"
	       "## Definition of Done\n```\n- [ ] an example\n```\n- [x] done\n");
}

static void
test_reopen_removes_finished(void **state)
{
	(void)state;
	expect("---\nid: MKT-1\ntype: bau\nstatus: done\nstarted: 2026-11-01\nfinished: 2026-11-10\n---\n",
	       ST_DOING, (struct transition_opts){ .today = day("2026-11-20") }, 0,
	       "---\nid: MKT-1\ntype: bau\nstatus: doing\nstarted: 2026-11-01\n---\n");
}

static void
test_same_status_changes_no_date(void **state)
{
	struct item *it = mk("---\nid: MKT-1\nstatus: doing\n---\n");
	struct transition t;

	(void)state;
	assert_int_equal(transition_plan(&t, it, ST_DOING, NULL, NULL), 0);
	assert_int_equal(t.nops, 0);
	assert_int_equal(t.leave_order, 0);
	item_free(it);
	it = mk("---\nid: [\n---\n");
	assert_int_equal(transition_plan(&t, it, ST_DOING, NULL, NULL), DK_EINVALID);
	item_free(it);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_sets_started_once),
		cmocka_unit_test(test_block_needs_reason),
		cmocka_unit_test(test_over_wip_and_stop_result),
		cmocka_unit_test(test_stop_needs_reason_and_leaves_order),
		cmocka_unit_test(test_done_experiment_needs_result),
		cmocka_unit_test(test_done_refuses_open_boxes),
		cmocka_unit_test(test_reopen_removes_finished),
		cmocka_unit_test(test_same_status_changes_no_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
