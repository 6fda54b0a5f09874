#!/bin/sh
# The WIP limit on every move into doing (start, set status=doing,
# unblock), by the wip-limit rule's severity: off nothing, warning a
# warning naming the items in progress, error a refusal unless --over-wip,
# which the item and the commit record and check accepts.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-07

# item ID STATUS: a ready-to-start bau item
item() {
	printf "%s\n" "---" "id: $1" "title: Item $1" "type: bau" "status: $2" "effort: 2" \
		"customer_value: 5" "business_value: 5" "---" >"b/backlog/$1.md"
}

test_expect 'setup: limit 2, two items doing, two ready' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf "rules:\n  wip-limit: { max: 2 }\n  bau-share: off\n" >>b/docket.yaml &&
	item MKT-1 doing && item MKT-2 doing && item MKT-3 ready && item MKT-4 ready &&
	git -C b add -A && git -C b commit -qm setup
'

test_expect 'warning (the default): start goes over with a warning naming the items in progress' '
	docket -C b start MKT-3 2>err &&
	grep -x "docket: warning: MKT-3 makes 3 items doing, over the WIP limit of 2: MKT-1 and MKT-2 are in progress; finish work before starting more" err &&
	grep -x "status: doing" b/backlog/MKT-3.md &&
	! grep -q over_wip b/backlog/MKT-3.md &&
	git_clean b &&
	docket -C b set MKT-3 status=ready 2>/dev/null
'

test_expect 'error: start over the limit is refused, the items in progress are listed, nothing changes' '
	sed -i "s/wip-limit: { max: 2 }/wip-limit: { max: 2, severity: error }/" b/docket.yaml &&
	git -C b commit -qam "WIP limit as an error" &&
	git -C b rev-parse HEAD >head.before &&
	expect_code 1 docket -C b start MKT-3 2>err &&
	grep -q "MKT-3 would make 3 items doing, over the WIP limit of 2: MKT-1 and MKT-2 are in progress" err &&
	grep -q "give --over-wip" err &&
	grep -x "status: ready" b/backlog/MKT-3.md &&
	git -C b rev-parse HEAD | cmp - head.before &&
	git_clean b
'

test_expect 'error: set status=doing is refused the same way' '
	expect_code 1 docket -C b set MKT-4 status=doing 2>err &&
	grep -q "MKT-4 would make 3 items doing" err &&
	grep -x "status: ready" b/backlog/MKT-4.md
'

test_expect '--over-wip: made, recorded in the item and in the commit' '
	docket -C b start MKT-3 --over-wip 2>err &&
	grep -x "status: doing" b/backlog/MKT-3.md &&
	grep -x "over_wip: 2026-12-07" b/backlog/MKT-3.md &&
	git -C b log -1 --format=%B >msg &&
	head -1 msg | grep -x "MKT-3: ready → doing" &&
	grep -x "Over the WIP limit on purpose (--over-wip): 3 items doing, limit 2; in progress before: MKT-1 and MKT-2" msg &&
	git_clean b
'

test_expect 'check accepts the recorded override: the item does not count against the limit' '
	docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"wip-limit\")] | length == 0" c.json &&
	docket -C b set MKT-4 status=doing over_wip=2026-12-07 --over-wip 2>/dev/null &&
	docket -C b set MKT-3 over_wip= 2>/dev/null &&
	expect_code 1 docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"wip-limit\")] | .[0].message" c.json | grep -q "3 items are .doing., over the WIP limit of 2"
'

test_expect 'leaving doing removes over_wip; the next start counts again' '
	docket -C b done MKT-4 2>/dev/null &&
	! grep -q over_wip b/backlog/MKT-4.md &&
	docket -C b set MKT-3 status=ready 2>/dev/null &&
	expect_code 1 docket -C b start MKT-3 2>err &&
	grep -q "MKT-1 and MKT-2 are in progress" err
'

test_expect 'within the limit nothing is said or recorded; --over-wip then records nothing' '
	docket -C b done MKT-2 2>/dev/null &&
	docket -C b start MKT-3 --over-wip 2>err &&
	grep -q "within the limit of 2; nothing to record" err &&
	! grep -q over_wip b/backlog/MKT-3.md
'

test_expect 'off: no count at all' '
	sed -i "s/wip-limit: { max: 2, severity: error }/wip-limit: off/" b/docket.yaml &&
	git -C b commit -qam "no WIP limit" &&
	item MKT-5 ready && item MKT-6 ready && git -C b add -A && git -C b commit -qm more &&
	docket -C b start MKT-5 2>err && docket -C b start MKT-6 2>>err &&
	! grep -q "WIP\|wip" err
'

test_expect 'over_wip is a field check accepts and validates' '
	docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"unknown-field\")] | length == 0" c.json &&
	expect_code 2 docket -C b set MKT-5 over_wip=soon 2>err && grep -q "date" err
'

test_expect 'the huddle shows the WIP count of the whole backlog' '
	mkdir -p b/backlog/cycles &&
	printf "%s\n" "---" "name: c1" "start: 2026-12-07" "end: 2026-12-18" "committed: [MKT-1]" "---" >b/backlog/cycles/c1.md &&
	docket -C b huddle --format json >h.json &&
	jq -e ".wip.doing == 4 and .wip.limit == null" h.json &&
	jq -e "[.cards[] | select(.column == \"doing\")] | length == 4" h.json &&
	jq -e "[.cards[] | select(.scope == \"unplanned\" and .column == \"doing\")] | length == 3" h.json &&
	jq -e "[.cards[] | select(.scope == \"unplanned\" and .column == \"done\")] | length == 2" h.json
'
test_done
