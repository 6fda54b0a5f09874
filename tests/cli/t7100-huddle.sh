#!/bin/sh
# docket huddle: the Daily Huddle board of the cycles fixture's current
# cycle (2026-12, day 6 of 14 on 2026-12-05).
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-05

test_expect 'setup' '
	cp -R "$DOCKET_TESTS/fixtures/cycles" b &&
	(cd b && git init -q && git add -A && git commit -qm fixture)
'

test_expect 'the current cycle, the WIP limit flagged, the pace against what is left' '
	docket -C b huddle >out &&
	sed -n 1p out | grep -x "Cycle 2026-12: 2026-11-30 to 2026-12-13, day 6 of 14" &&
	grep -x "WIP: 2 doing, over the limit of 1: finish work before starting more" out &&
	grep -x "Effort: 1 done, 11 open (11 remaining)" out &&
	grep -x "Scope: 1 unplanned" out &&
	grep -x "Pace: 0.8 a working day (median of recent cycles); 5 working days left: 4" out &&
	grep -x "Behind: 11 remaining > 4 at this pace" out
'

test_expect 'too early to tell: no item at risk on the second working day' '
	DOCKET_TODAY=2026-12-01 docket -C b huddle >early &&
	grep -x "At risk: not judged before working day 3 of 10 (today: working day 2)" early &&
	! grep -q "^At risk (" early &&
	DOCKET_TODAY=2026-12-02 docket -C b huddle | grep -q "^At risk ("
'

test_expect 'blockers come first, with their reasons' '
	first=$(grep -n "^Blocked (1)$" out | head -1 | cut -d: -f1) &&
	board=$(grep -n "^Planned (" out | cut -d: -f1) &&
	test "$first" -lt "$board" &&
	sed -n "$((first + 1)),$((first + 2))p" out >got &&
	grep "^  MKT-9 .*3d .*App store screenshots" got &&
	grep "reason: Waiting for the new app build" got
'

test_expect 'items at risk, each with its reason' '
	sed -n "/^At risk (3)/,/^$/p" out >risk &&
	grep "MKT-10 .*beyond the 4 the team.s pace delivers in 5 working days" risk &&
	grep "MKT-22 .*doing for 10 days, more than half the cycle (14 days)" risk &&
	grep "MKT-9 .*beyond the 4 the team.s pace delivers" risk &&
	test "$(grep -c "MKT-" risk)" = 3
'

test_expect 'piped: four columns as a plain list, days in status, no escape codes' '
	sed -n "/^Planned (1, effort 5)$/,/^Doing/p" out | grep "MKT-10 .* 5 .*5d .*Pricing page FAQ" &&
	sed -n "/^Doing (2, effort 4)$/,/^Blocked/p" out | grep -c "MKT-" | grep -x 2 &&
	sed -n "/^Done (1, effort 1)$/,/^$/p" out | grep "MKT-11 .*2d .*Push notification copy" &&
	! grep -q "$(printf "\033")" out &&
	docket -C b --color=never huddle | cmp - out
'

test_expect 'on an 80-column terminal the board fits, side by side' '
	script -qec "stty cols 80; \"$DOCKET\" -C b --color=never huddle" /dev/null | tr -d "\r" >tty &&
	grep -q "^Planned (1) *Doing (2) *Blocked (1) *Done (1)$" tty &&
	sed "s/…/./g" tty | awk "{ if (length(\$0) > 80) { print \"too wide: \" \$0; bad = 1 } } END { exit bad }" &&
	script -qec "stty cols 80; \"$DOCKET\" -C b --color=always huddle" /dev/null | grep -q "$(printf "\033")\[31m"
'

test_expect 'titles with control characters are escaped on a terminal' '
	sed -i "s/^title: Pricing page FAQ$/title: \"Pricing \\\\e[2J page\"/" b/backlog/MKT-10.md &&
	grep -q "title: \"Pricing" b/backlog/MKT-10.md &&
	script -qec "stty cols 100; \"$DOCKET\" -C b huddle" /dev/null >tty &&
	! grep -q "$(printf "\033")\[2J" tty &&
	grep -q "Pricing \\\\x1b" tty &&
	git -C b checkout -q -- backlog/MKT-10.md
'

test_expect 'a named cycle; after its end open items are overdue' '
	docket -C b huddle 2026-11 >out &&
	grep -x "Cycle 2026-11: 2026-11-02 to 2026-11-15, ended 20 days ago" out &&
	grep -x "Stopped: 1 item (see docket showcase)" out &&
	DOCKET_TODAY=2026-12-20 docket -C b huddle >out &&
	grep "MKT-10 .*not done and the cycle has ended" out
'

test_expect 'an unknown cycle exits 2; no cycle at all exits 1' '
	expect_code 2 docket -C b huddle 2099-01 2>err && grep -q "no cycle 2099-01" err &&
	expect_code 2 docket -C b huddle "a/b" 2>err &&
	new_repo e && docket -C e init 2>/dev/null &&
	expect_code 1 docket -C e huddle 2>err && grep -q "docket plan" err
'
test_done
