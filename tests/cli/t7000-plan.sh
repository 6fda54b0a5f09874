#!/bin/sh
# docket plan: the proposal on the cycles fixture (tests/fixtures/cycles),
# as of 2026-12-05 (see tests/unit/test_plan.c for the walk in detail).
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-05

test_expect 'setup' '
	cp -R "$DOCKET_TESTS/fixtures/cycles" b &&
	(cd b && git init -q && git add -A && git commit -qm fixture)
'

test_expect 'the next cycle: the day after the last ends, length_days long, named after its start' '
	docket -C b plan >out &&
	head -1 out >got &&
	echo "Cycle 2026-12-14: 2026-12-14 to 2026-12-27 (14 days), a new cycle" >want &&
	test_cmp want got
'

test_expect 'the capacity defaults to the median velocity of the last three closed cycles' '
	grep -x "Capacity 8: the median velocity of the last 3 closed cycles (8, 7, 8, most recent first)" out
'

test_expect 'the unfinished work of 2026-12 is carried over first, the improvement first of all' '
	grep -x "Carried over: 3 unfinished items, remaining effort 6 (from 2026-12 and work in progress), before the rest of ORDER; the 1 improvement item of the Team Improvement first." out &&
	grep "^carry" out | awk "{print \$2}" | tr "\n" " " >got &&
	test "$(cat got)" = "MKT-22 MKT-8 MKT-9 " &&
	grep -E "^carry MKT-22 +1  carried over, remaining 1, improvement first " out &&
	grep -E "^skip  MKT-10 +5  not carried: no room, remaining 5 " out
'

test_expect 'every item walked has its verdict and reason' '
	awk "/^(take|skip)/ { r = \$4; for (i = 5; i <= NF; i++) r = r \" \" \$i; print \$1, \$2, r }" out >all &&
	grep -x "skip MKT-12 does not fit: 5 > 2 left.*" all &&
	grep -x "skip MKT-13 dependency MKT-14 not done.*" all &&
	grep -x "skip MKT-21 dependency MKT-12 not done.*" all &&
	grep -x "skip MKT-14 does not fit: 3 > 2 left.*" all &&
	grep -x "take MKT-16 fits: 2 of 2 left.*" all &&
	test "$(grep -c "^take" out)" = 1 &&
	grep -x "Committed: 4 items, effort 8 of 8." out &&
	grep -x "4 more ranked items were not walked: the capacity is used up." out
'

test_expect '--capacity: a dependency taken earlier in the plan counts as met' '
	docket -C b plan --capacity 17 >out &&
	grep "^take" out | awk "{print \$2}" | tr "\n" " " >got &&
	test "$(cat got)" = "MKT-12 MKT-21 " &&
	grep -E "^take  MKT-21 +1  fits: 1 of 1 left " out &&
	grep -E "^carry MKT-10 +5  carried over, remaining 5 " out
'

test_expect '--start and a name; a cycle that has started says so in its first line' '
	docket -C b plan q1 --start 2027-01-04 --capacity 4 >out &&
	head -1 out | grep -x "Cycle q1: 2027-01-04 to 2027-01-17 (14 days), a new cycle" &&
	docket -C b plan 2026-12 >out &&
	head -1 out | grep -x "Cycle 2026-12 started on 2026-11-30 (it ends on 2026-12-13): its commitment is fixed, and say/do counts against it." &&
	! grep -q "^\(take\|skip\|carry\)" out
'

test_expect 'an existing cycle that has not started keeps its own dates and capacity' '
	DOCKET_TODAY=2026-11-29 docket -C b plan 2026-12 >out &&
	head -2 out >got &&
	printf "Cycle 2026-12: 2026-11-30 to 2026-12-13 (14 days)\nCapacity 12: the cycle file'"'"'s capacity\n" >want &&
	test_cmp want got &&
	grep -E "^carry MKT-8 +3  under way, remaining 3 " out
'

test_expect 'cycle_name in docket.yaml names the next cycle; a clash gets -2' '
	cp -R b named &&
	printf "cycle_name: \"%%G-W%%V\"\n" >>named/docket.yaml &&
	docket -C named plan | head -1 | grep -x "Cycle 2026-W51: 2026-12-14 to 2026-12-27 (14 days), a new cycle" &&
	printf "%s\n" "---" "name: 2026-W51" "start: 2026-11-01" "end: 2026-11-01" "---" >named/backlog/cycles/2026-W51.md &&
	docket -C named plan | head -1 | grep -x "Cycle 2026-W51-2: 2026-12-14 to 2026-12-27 (14 days), a new cycle" &&
	sed -i "s/^cycle_name: .*/cycle_name: \"%H\"/" named/docket.yaml &&
	expect_code 2 docket -C named plan >out 2>err && grep -q "cycle_name .* does not make a cycle name" err &&
	grep -q "fix docket.yaml first" err && ! test -s out &&
	expect_code 2 docket -C named plan --apply 2>err && grep -q "fix docket.yaml first" err
'

test_expect 'plan without --apply writes nothing' '
	docket -C b plan >/dev/null &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'plan --rev reads a revision' '
	docket -C b plan --rev HEAD --capacity 10 >out &&
	grep -q "^carry MKT-8" out &&
	grep -q "^take  MKT-14" out
'

test_expect 'bad options exit 2 and say why' '
	expect_code 2 docket -C b plan --capacity 0 2>err && grep -q "above 0" err &&
	expect_code 2 docket -C b plan --capacity lots 2>err && grep -q "above 0" err &&
	expect_code 2 docket -C b plan --start 2027-02-30 2>err && grep -q "YYYY-MM-DD" err &&
	expect_code 2 docket -C b plan ../../etc 2>err && grep -q "not a cycle name" err &&
	expect_code 2 docket -C b plan 2026-12 --start 2027-01-01 2>err && grep -q "exists already" err &&
	expect_code 2 docket -C b plan a b 2>err &&
	expect_code 2 docket -C b plan --apply --rev HEAD 2>err && grep -q "rev" err
'

# planned FILE: the item as plan --apply must write it: status planned,
# and "cycle: NAME" as a new line before the closing --- (line ends kept)
planned() {
	awk -v c="$2" '
		{ cr = sub(/\r$/, "") ? "\r" : "" }
		/^---$/ { n++; if (n == 2) printf "cycle: %s%s\n", c, cr }
		/^status: ready$/ { $0 = "status: planned" }
		{ printf "%s%s\n", $0, cr }
	' "$1"
}

test_expect 'apply: setup with a CRLF item and unrelated work in progress' '
	cp -R "$DOCKET_TESTS/fixtures/cycles" a &&
	sed -i "s/\$/\r/" a/backlog/MKT-20.md &&
	(cd a && git init -q && git add -A && git commit -qm fixture) &&
	echo "notes" >a/notes.txt &&
	echo "# scratch" >>a/backlog/MKT-19.md &&
	cp -R a/backlog before
'

test_expect 'apply: the cycle file, cycle and status lines only, one commit of exactly those files' '
	docket -C a plan --capacity 10 --apply >out 2>err &&
	grep -q "^Plan cycle 2026-12-14: 5 items, effort 10 of 10 \[" err &&
	printf "%s\n" "---" "name: \"2026-12-14\"" "start: 2026-12-14" "end: 2026-12-27" "capacity: 10" \
		"committed: [MKT-22, MKT-8, MKT-9, MKT-14, MKT-20]" "---" "## Showcase notes" "" "## Improvements" >want &&
	cmp want a/backlog/cycles/2026-12-14.md &&
	for i in 14 20; do
		planned before/MKT-$i.md "\"2026-12-14\"" >want && cmp want a/backlog/MKT-$i.md || exit 1
	done &&
	grep -q "$(printf "cycle: \"2026-12-14\"\r")" a/backlog/MKT-20.md &&
	for i in 8 9 22; do
		sed "s/^cycle: 2026-12$/cycle: \"2026-12-14\"/" before/MKT-$i.md >want && cmp want a/backlog/MKT-$i.md || exit 1
	done &&
	sed -e "s/^status: planned$/status: ready/" -e "/^cycle: /d" before/MKT-10.md >want &&
	cmp want a/backlog/MKT-10.md &&
	for i in 11 12 13 16 17 18 19; do cmp before/MKT-$i.md a/backlog/MKT-$i.md || exit 1; done &&
	cmp before/ORDER a/backlog/ORDER &&
	git -C a show --name-only --format= HEAD | sort >got &&
	printf "%s\n" backlog/MKT-10.md backlog/MKT-14.md backlog/MKT-20.md backlog/MKT-22.md \
		backlog/MKT-8.md backlog/MKT-9.md backlog/cycles/2026-12-14.md >want &&
	test_cmp want got &&
	git -C a status --porcelain >got &&
	printf "%s\n" " M backlog/MKT-19.md" "?? notes.txt" >want &&
	test_cmp want got &&
	git -C a log -1 --format=%B >msg &&
	grep -x "Committed: MKT-22, MKT-8, MKT-9, MKT-14, MKT-20" msg &&
	grep -x "Carried over: MKT-22 MKT-8 MKT-9" msg
'

test_expect 'apply: the new cycle reads back; list and report see it' '
	docket -C a list --cycle 2026-12-14 --format plain | cut -f2 | tr "\n" " " >got &&
	test "$(cat got)" = "MKT-8 MKT-22 MKT-9 MKT-14 MKT-20 " &&
	docket -C a report --format json | jq -e ".cycles[4] | .name == \"2026-12-14\" and .state == \"future\" and .committed.effort == 10"
'

test_expect 'apply again on the future cycle: items no longer taken are ready again' '
	docket -C a plan 2026-12-14 --capacity 6 --apply >/dev/null 2>&1 &&
	cmp before/MKT-14.md a/backlog/MKT-14.md &&
	cmp before/MKT-20.md a/backlog/MKT-20.md &&
	grep -x "committed: \[MKT-22, MKT-8, MKT-9\]" a/backlog/cycles/2026-12-14.md &&
	grep -x "capacity: 6" a/backlog/cycles/2026-12-14.md &&
	test -z "$(git -C a status --porcelain -- backlog/MKT-14.md backlog/cycles)"
'

test_expect 'apply refuses a started cycle and a dirty item, and writes nothing' '
	expect_code 1 docket -C a plan 2026-12 --apply >out 2>err &&
	head -1 out | grep -q "^Cycle 2026-12 started on 2026-11-30" &&
	grep -q "has started" err &&
	git -C a rev-parse HEAD >head.before &&
	echo "# local" >>a/backlog/MKT-12.md &&
	cp a/backlog/MKT-12.md dirty.md &&
	expect_code 1 docket -C a plan q9 --capacity 20 --start 2027-02-01 --apply >/dev/null 2>err &&
	grep -q "MKT-12" err &&
	test ! -e a/backlog/cycles/q9.md &&
	cmp dirty.md a/backlog/MKT-12.md &&
	git -C a rev-parse HEAD | cmp - head.before &&
	git -C a status --porcelain -- backlog >st && printf " M backlog/MKT-12.md\n M backlog/MKT-19.md\n" >want && test_cmp want st
'

test_expect 'apply --no-commit writes the files and commits nothing' '
	git -C a checkout -q -- backlog/MKT-12.md &&
	docket -C a --no-commit plan q9 --capacity 6 --start 2027-02-01 --apply >/dev/null 2>err &&
	git -C a rev-parse HEAD | cmp - head.before &&
	test -f a/backlog/cycles/q9.md &&
	git -C a status --porcelain | grep -x "?? backlog/cycles/q9.md"
'

test_expect 'outside a backlog: exit 2' '
	mkdir empty && expect_code 2 docket -C empty plan 2>err && grep -q "not in a docket backlog" err
'
test_done
