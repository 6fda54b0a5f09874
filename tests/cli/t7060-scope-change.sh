#!/bin/sh
# A cycle's scope changed after its start, by command and by hand: `plan
# --remove`, a hand edit of the cycle file committed with git, an edit
# not committed yet, and `plan --add` that would take the cycle over its
# capacity.  report, huddle and showcase read every change from the
# cycle file's git history, with its date.
. "$DOCKET_TESTS/cli/lib.sh"

at() {
	export DOCKET_TODAY="$1" GIT_AUTHOR_DATE="${1}T10:00:00Z" GIT_COMMITTER_DATE="${1}T10:00:00Z"
}

# item N EFFORT: a ready experiment of effort N
item() {
	printf "%s\n" "---" "id: MKT-$1" "title: Item $1" "type: experiment" "status: ready" \
		"effort: $2" "customer_value: 5" "business_value: 5" "hypothesis: h" "metric: m" \
		"target: 1" "created: 2027-02-20" "---" >"b/backlog/MKT-$1.md"
}

# 2027-03-01 is a Monday; the cycle runs to 2027-03-14, capacity 8.
test_expect 'setup: a cycle committing MKT-1 (1), MKT-2 (2) and MKT-3 (3)' '
	at 2027-02-28 &&
	new_repo b && docket -C b init 2>/dev/null &&
	for n in 1 2 3 4 5; do item $n $n; done &&
	printf "%s\n" MKT-1 MKT-2 MKT-3 MKT-4 MKT-5 >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm backlog &&
	at 2027-03-01 &&
	docket -C b plan --capacity 8 --apply >/dev/null 2>&1 &&
	grep -x "committed: \[MKT-1, MKT-2, MKT-3\]" b/backlog/cycles/2027-03-01.md
'

test_expect 'plan --remove: out of committed, back to ready, one dated commit' '
	at 2027-03-03 &&
	head=$(git -C b rev-parse HEAD) &&
	docket -C b plan --remove MKT-2 >out 2>err &&
	grep -q "Change the scope of cycle 2027-03-01: remove MKT-2" err &&
	grep -x "committed: \[MKT-1, MKT-3\]" b/backlog/cycles/2027-03-01.md &&
	grep -x "status: ready" b/backlog/MKT-2.md &&
	! grep -q "^cycle:" b/backlog/MKT-2.md &&
	test "$(git -C b rev-parse HEAD~1)" = "$head" &&
	git -C b log -1 --format=%b | grep -q "^Scope change of 2027-03-01 on 2027-03-03, day 3 of the cycle" &&
	test "$(git -C b diff --name-only HEAD~1 HEAD | tr "\n" " ")" = "backlog/MKT-2.md backlog/cycles/2027-03-01.md " &&
	git_clean b
'

test_expect 'plan --remove of an item the cycle does not commit: exit 1, nothing written' '
	at 2027-03-03 &&
	head=$(git -C b rev-parse HEAD) &&
	expect_code 1 docket -C b plan --remove MKT-5 2>err &&
	grep -q "MKT-5 is not committed to cycle 2027-03-01: nothing to remove" err &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'a hand edit of committed, committed with git, is a scope change of its day' '
	at 2027-03-04 &&
	sed -i "s/^committed: .*/committed: [MKT-1, MKT-3, MKT-4]/" b/backlog/cycles/2027-03-01.md &&
	sed -i "s/^status: ready/status: planned\ncycle: \"2027-03-01\"/" b/backlog/MKT-4.md &&
	git -C b commit -qam "Take MKT-4 in" &&
	docket -C b check >/dev/null
'

test_expect 'plan --add over the capacity is refused (cycle-capacity is an error), nothing written' '
	at 2027-03-05 &&
	head=$(git -C b rev-parse HEAD) &&
	expect_code 1 docket -C b plan --add MKT-5 2>err &&
	grep -q "cycle 2027-03-01 would commit 13 points of remaining effort, over its capacity of 8" err &&
	expect_code 1 docket -C b plan --add MKT-5 --remove MKT-4 2>err &&
	grep -q "would commit 9 points" err &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b &&
	docket -C b check >/dev/null
'

test_expect 'with cycle-capacity a warning, plan --add goes over with a warning' '
	at 2027-03-05 &&
	printf "rules:\n  cycle-capacity: warning\n" >>b/docket.yaml &&
	git -C b commit -qam "capacity: a warning" &&
	docket -C b plan --add MKT-5 >/dev/null 2>err &&
	grep -q "warning: cycle 2027-03-01 would commit 13 points of remaining effort, over its capacity of 8" err &&
	grep -x "committed: \[MKT-1, MKT-3, MKT-4, MKT-5\]" b/backlog/cycles/2027-03-01.md &&
	git_clean b
'

# By hand: committed MKT-1 1, MKT-2 2, MKT-3 3 = 3 items, 6 at the start.
# 03-03 MKT-2 (2) removed; 03-04 MKT-4 (4) added by hand; 03-05 MKT-5 (5)
# added.  Each item counts once, by its net change, dated by its last.
test_expect 'report: committed at the start, every change with its day' '
	at 2027-03-05 &&
	docket -C b report --format json >r.json &&
	jq -e ".cycles[0] | .state == \"current\" and .committed == {\"items\": 3, \"effort\": 6}" r.json &&
	jq -e ".cycles[0] | .added == {\"items\": 2, \"effort\": 9} and .removed == {\"items\": 1, \"effort\": 2}" r.json &&
	jq -e ".cycles[0].scope_changes == [
		{\"id\": \"MKT-2\", \"change\": \"removed\", \"date\": \"2027-03-03\", \"uncommitted\": false},
		{\"id\": \"MKT-4\", \"change\": \"added\", \"date\": \"2027-03-04\", \"uncommitted\": false},
		{\"id\": \"MKT-5\", \"change\": \"added\", \"date\": \"2027-03-05\", \"uncommitted\": false}]" r.json
'

test_expect 'huddle: the added cards with their day; the removed ones counted, not shown' '
	at 2027-03-05 &&
	docket -C b huddle --format json >h.json &&
	jq -e ".scope == {\"carried_over\": 0, \"added\": 2, \"removed\": 1, \"unplanned\": 0}" h.json &&
	jq -e "[.cards[] | {id, scope}] == [{\"id\": \"MKT-1\", \"scope\": \"committed\"}, {\"id\": \"MKT-3\", \"scope\": \"committed\"}, {\"id\": \"MKT-4\", \"scope\": \"added\"}, {\"id\": \"MKT-5\", \"scope\": \"added\"}]" h.json &&
	jq -e "[.cards[] | select(.id == \"MKT-4\") | .added] == [\"2027-03-04\"]" h.json &&
	docket -C b huddle >h.txt &&
	grep -x "Scope: 2 added after the start, 1 removed since the start (not on the board)" h.txt &&
	grep -q "MKT-4 .*\[added 2027-03-04\]" h.txt &&
	! grep -q "MKT-2" h.txt
'

test_expect 'showcase: the scope changes with their days' '
	at 2027-03-05 &&
	docket -C b showcase >s.md &&
	sed -n "/^## Scope changes$/,/^## /p" s.md >sc &&
	grep -x "\- \*\*MKT-2\*\* Item 2: removed on 2027-03-03 (ready)" sc &&
	grep -x "\- \*\*MKT-4\*\* Item 4: added on 2027-03-04 (planned)" sc &&
	grep -x "\- \*\*MKT-5\*\* Item 5: added on 2027-03-05 (planned)" sc
'

test_expect 'an edit not committed yet counts as a change of today, marked so' '
	at 2027-03-08 &&
	sed -i "s/^committed: .*/committed: [MKT-1, MKT-4, MKT-5]/" b/backlog/cycles/2027-03-01.md &&
	docket -C b report --format json >r2.json &&
	jq -e "[.cycles[0].scope_changes[] | select(.id == \"MKT-3\")] == [{\"id\": \"MKT-3\", \"change\": \"removed\", \"date\": \"2027-03-08\", \"uncommitted\": true}]" r2.json &&
	jq -e ".cycles[0].committed == {\"items\": 3, \"effort\": 6}" r2.json
'
test_done
