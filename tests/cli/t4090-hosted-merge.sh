#!/bin/sh
# order-merge: `check --base` predicts what a git host's merge button (a
# line merge, no docket driver) does to ORDER, compared here with
# `git merge-tree --write-tree` (git's own merge, as hosts run it) on
# every case of the table in docs/hosting.md; then `docket sync` fixes
# the branch so that the host's merge is a plain one.
. "$DOCKET_TESTS/cli/lib.sh"

# order NAME IDS...: ORDER with a comment header and these ids
order() {
	f=$1
	shift
	{ echo "# Ranked by the Marketing Owner"; for i in "$@"; do echo "MKT-$i"; done; } >"$f"
}

test_expect 'setup: five items, ORDER 1..5, no merge driver in .git/config' '
	new_repo r && docket -C r init 2>/dev/null &&
	sed -i "s/^# owners:.*/owners: [dana@example.com]/" r/docket.yaml &&
	for t in A B C D E; do docket -C r new "Item $t" 2>/dev/null; done &&
	order r/backlog/ORDER 1 2 3 4 5 &&
	git -C r commit -qam "Rank five items" && git -C r tag start &&
	git -C r config --unset merge.docket-order.driver &&
	git -C r config --unset merge.docket-order.name
'

# run_case NAME "MAIN IDS" "BRANCH IDS": commit both, then compare
# docket's prediction with git's merge; prints the table row
run_case() {
	git -C r checkout -q -B main start &&
	order r/backlog/ORDER $2 && git -C r commit -q --allow-empty -am "main: $1" &&
	git -C r checkout -q -B pr start &&
	order r/backlog/ORDER $3 && git -C r commit -q --allow-empty -am "pr: $1" &&
	if git -C r merge-tree --write-tree main pr >mt 2>/dev/null; then
		git_result=clean
		git -C r cat-file -p "$(head -1 mt):backlog/ORDER" | grep -v "^#" |
			sort | uniq -d | tr "\n" " " >dups
		if [ -s dups ]; then git_result="twice: $(cat dups)"; fi
	else
		git_result=conflict
	fi &&
	set +e && docket -C r check --base main >out 2>&1 ; set -e &&
	if grep -q "ORDER would conflict" out; then
		docket_result=conflict
	elif grep -q "ORDER would list .* twice" out; then
		docket_result="twice: $(sed -n "s/.*ORDER would list \(.*\) twice.*/\1/p" out | tr -d ,) "
	else
		docket_result=clean
	fi &&
	echo "$1: git $git_result / docket $docket_result" >>table &&
	test "$git_result" = "$docket_result"
}

test_expect 'moves of different items at both ends: the line merge conflicts' '
	run_case far-moves "5 1 2 3 4" "1 3 4 5 2" &&
	grep -q "^backlog/ORDER:1:1: error: merged into main by the git host (a line merge: GitHub.s and GitLab.s merge buttons do not run docket.s ORDER driver), ORDER would conflict on .*; docket.s merge is clean: merge main here and push: docket sync main \[order-merge\]" out
'

test_expect 'the same item moved to two places: a clean merge listing it twice' '
	run_case same-item "1 2 4 5 3" "3 1 2 4 5" &&
	grep -q "ORDER would list MKT-3 twice (both sides moved it)" out
'

test_expect 'the same move on both sides: nothing to report' '
	run_case same-move "3 1 2 4 5" "3 1 2 4 5" && ! grep -q order-merge out
'

test_expect 'moves apart from each other: clean' '
	run_case apart "2 1 3 4 5" "1 2 3 5 4" && ! grep -q order-merge out
'

test_expect 'a new item at the bottom, a move at the top: clean' '
	run_case add-and-move "2 1 3 4 5" "1 2 3 4 5 6" && ! grep -q order-merge out
'

test_expect 'swaps of neighbours: the line merge conflicts' '
	run_case neighbours "2 1 3 4 5" "1 3 2 4 5" &&
	grep -q "ORDER would conflict on .*MKT-" out
'

test_expect 'one side only changed ORDER: nothing to report' '
	run_case one-side "1 2 3 4 5" "5 4 3 2 1" && ! grep -q order-merge out
'

test_expect 'the table (docs/hosting.md) as measured' '
	cat table &&
	test "$(grep -c . table)" = 7
'

test_expect 'docket sync main merges with docket'"'"'s ORDER merge; the host'"'"'s merge is then plain' '
	run_case far-moves-again "5 1 2 3 4" "1 3 4 5 2" &&
	docket -C r sync main 2>err &&
	grep -q "^Merged main \[[0-9a-f]*\]" err &&
	git -C r rev-parse --verify -q HEAD^2 >/dev/null &&
	test "$(git -C r rev-parse HEAD^2)" = "$(git -C r rev-parse main)" &&
	test "$(git -C r log -1 --format=%s)" = "Merge branch '"'"'main'"'"' into pr" &&
	order want 5 1 3 4 2 && cmp want r/backlog/ORDER &&
	git_clean r &&
	docket -C r check --base main >out 2>&1 &&
	! grep -q order-merge out &&
	git -C r merge-tree --write-tree main pr >mt &&
	git -C r cat-file -p "$(head -1 mt):backlog/ORDER" | cmp - want
'

test_done
