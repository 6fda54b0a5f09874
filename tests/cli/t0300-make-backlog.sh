#!/bin/sh
# bench/make-backlog.py, the workload of `make bench` and of the history
# tests: the numbers asked for, the same repository from the same seed,
# and a backlog docket check accepts at every commit (no errors; every
# ORDER change by an owner).
. "$DOCKET_TESTS/cli/lib.sh"
GEN="$DOCKET_TESTS/../bench/make-backlog.py"

test_expect 'a history: exactly the commits and items asked for' '
	python3 "$GEN" h --items 40 --commits 300 --seed 3 >out &&
	test "$(git -C h rev-list --count HEAD)" = 300 &&
	test "$(ls h/backlog/MKT-*.md | wc -l)" = 40 &&
	test -f h/docket.yaml && test -f h/backlog/ORDER &&
	ls h/backlog/cycles/*.md >/dev/null &&
	git_clean h &&
	grep -q "^h: 40 items, [0-9]* ranked, 300 commits$" out
'

test_expect 'the same seed gives the same repository, another seed another' '
	python3 "$GEN" h2 --items 40 --commits 300 --seed 3 >/dev/null &&
	test "$(git -C h rev-parse HEAD)" = "$(git -C h2 rev-parse HEAD)" &&
	python3 "$GEN" h3 --items 40 --commits 300 --seed 4 >/dev/null &&
	test "$(git -C h rev-parse HEAD)" != "$(git -C h3 rev-parse HEAD)"
'

test_expect 'docket check finds no error at every 20th commit' '
	git -C h rev-list HEAD | awk "NR % 20 == 1" >revs &&
	test "$(wc -l <revs)" = 15 &&
	while read -r rev; do
		docket -C h check --rev "$rev" --format json >c.json ||
		{ echo "errors at $rev:"; cat c.json; return 1; }
		jq -e ".errors == 0" c.json >/dev/null || return 1
	done <revs
'

test_expect 'every commit that changed ORDER is by an owner (check --base)' '
	root=$(git -C h rev-list --max-parents=0 HEAD) &&
	test "$(git -C h log --format=%H "$root..HEAD" -- backlog/ORDER | wc -l)" -gt 20 &&
	docket -C h check --base "$root" --format json >base.json &&
	jq -e "[.findings[] | select(.rule == \"owner-order\")] | length == 0" base.json >/dev/null
'

test_expect 'the history has what the history readers need' '
	for s in Add Ready Rank Plan Start Finish Re-estimate; do
		git -C h log --format=%s | grep -q "^$s " || { echo "no $s commit"; return 1; }
	done &&
	git -C h log --format=%an | sort -u >authors &&
	test "$(wc -l <authors)" -ge 4 &&
	grep -l "^status: done" h/backlog/MKT-*.md | head -1 | grep -q . &&
	grep -q "^started: " h/backlog/MKT-*.md &&
	grep -q "^finished: " h/backlog/MKT-*.md &&
	grep -q "^campaign: campaign-1$" h/backlog/MKT-*.md
'

test_expect 'one commit of the final state: valid, with every kind of item' '
	python3 "$GEN" s --items 400 --seed 9 >/dev/null &&
	test "$(git -C s rev-list --count HEAD)" = 1 &&
	test "$(ls s/backlog/MKT-*.md | wc -l)" = 400 &&
	docket -C s check --format json >s.json &&
	jq -e ".errors == 0" s.json >/dev/null &&
	for st in idea ready planned doing done stopped; do
		grep -q "^status: $st$" s/backlog/MKT-*.md || { echo "no $st item"; return 1; }
	done &&
	docket -C s list --format json >l.json &&
	test "$(jq length l.json)" -gt 50
'

test_expect 'refuses an existing folder and bad numbers' '
	! python3 "$GEN" s --items 5 2>err && grep -q "exists" err &&
	! python3 "$GEN" z --items 0 2>/dev/null && ! test -e z
'
test_done
