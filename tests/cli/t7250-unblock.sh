#!/bin/sh
# block records the status it leaves (blocked_from); unblock returns to
# it; stop takes the result of a stopped experiment and refuses a done
# item.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-07

# item ID STATUS [MORE...]: an experiment ready to work on
item() {
	id=$1 st=$2
	shift 2
	printf "%s\n" "---" "id: $id" "title: Item $id" "status: $st" "effort: 2" \
		"customer_value: 5" "business_value: 5" "hypothesis: h" "metric: m" "target: 1" \
		"$@" "---" >"b/backlog/$id.md"
}

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	item MKT-1 doing "started: 2026-12-01" && item MKT-2 planned && item MKT-3 ready &&
	item MKT-4 doing "started: 2026-12-02" &&
	git -C b add -A && git -C b commit -qm setup
'

test_expect 'block records the status it leaves; unblock returns to it and removes both fields' '
	docket -C b block MKT-1 --reason "Legal review" 2>/dev/null &&
	grep -x "blocked_from: doing" b/backlog/MKT-1.md &&
	docket -C b unblock MKT-1 2>err &&
	grep -q "^MKT-1: blocked → doing \[" err &&
	grep -x "status: doing" b/backlog/MKT-1.md &&
	! grep -q "blocked_from\|blocked_reason" b/backlog/MKT-1.md &&
	grep -x "started: 2026-12-01" b/backlog/MKT-1.md &&
	git_clean b
'

test_expect 'a planned item goes back to planned, not to doing' '
	docket -C b block MKT-2 --reason "Waiting for the brief" 2>/dev/null &&
	grep -x "blocked_from: planned" b/backlog/MKT-2.md &&
	docket -C b unblock MKT-2 2>/dev/null &&
	grep -x "status: planned" b/backlog/MKT-2.md &&
	! grep -q "^started:" b/backlog/MKT-2.md
'

test_expect 'without blocked_from: doing when it has started, else ready' '
	item MKT-5 blocked "blocked_reason: x" "started: 2026-12-03" &&
	item MKT-6 blocked "blocked_reason: y" &&
	git -C b add -A && git -C b commit -qm "blocked by hand" &&
	docket -C b unblock MKT-5 2>/dev/null && grep -x "status: doing" b/backlog/MKT-5.md &&
	docket -C b unblock MKT-6 2>/dev/null && grep -x "status: ready" b/backlog/MKT-6.md
'

test_expect 'unblock of an item that is not blocked: exit 1, nothing changes' '
	git -C b rev-parse HEAD >before &&
	expect_code 1 docket -C b unblock MKT-3 2>err &&
	grep -q "MKT-3 is not blocked (it is ready)" err &&
	git -C b rev-parse HEAD | cmp - before
'

test_expect 'unblock into doing counts against the WIP limit like start' '
	printf "rules:\n  wip-limit: { max: 3, severity: error }\n" >>b/docket.yaml &&
	git -C b commit -qam "WIP limit 3" &&
	docket -C b block MKT-4 --reason "Printer" 2>/dev/null &&
	docket -C b start MKT-3 2>/dev/null &&
	grep -x "status: doing" b/backlog/MKT-3.md &&
	expect_code 1 docket -C b unblock MKT-4 2>err &&
	grep -q "MKT-4 would make 4 items doing, over the WIP limit of 3" err &&
	grep -x "status: blocked" b/backlog/MKT-4.md &&
	docket -C b unblock MKT-4 --over-wip 2>/dev/null &&
	grep -x "status: doing" b/backlog/MKT-4.md &&
	grep -x "over_wip: 2026-12-07" b/backlog/MKT-4.md
'

test_expect 'stop --result records what the stopped experiment showed' '
	docket -C b stop MKT-4 --reason "The channel closed" --result lost 2>/dev/null &&
	grep -x "status: stopped" b/backlog/MKT-4.md &&
	grep -x "result: lost" b/backlog/MKT-4.md &&
	grep -x "finished: 2026-12-07" b/backlog/MKT-4.md &&
	! grep -q over_wip b/backlog/MKT-4.md &&
	docket -C b check >/dev/null
'

test_expect 'stop --result won is refused: an experiment that won is done' '
	expect_code 2 docket -C b stop MKT-3 --reason r --result won 2>err &&
	grep -q "result is lost or inconclusive, not .won." err &&
	grep -x "status: doing" b/backlog/MKT-3.md
'

test_expect 'stop refuses a done item, result or not' '
	docket -C b done MKT-3 --result won 2>/dev/null &&
	git -C b rev-parse HEAD >before &&
	expect_code 1 docket -C b stop MKT-3 --reason "changed our mind" 2>err &&
	grep -q "MKT-3 is done (result: won): a done item is not stopped" err &&
	grep -x "status: done" b/backlog/MKT-3.md &&
	git -C b rev-parse HEAD | cmp - before &&
	expect_code 1 docket -C b set MKT-3 status=stopped stop_reason=x 2>err &&
	grep -q "a done item is not stopped" err
'

test_expect 'blocked_from is a field check validates' '
	docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"unknown-field\")] | length == 0" c.json &&
	item MKT-7 blocked "blocked_reason: z" "blocked_from: done" &&
	expect_code 1 docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"enum\" and .file == \"backlog/MKT-7.md\")] | length == 1" c.json
'
test_done
