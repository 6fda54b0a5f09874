#!/bin/sh
# The minimally viable launch and the hand-made sections of ORDER: the
# mvl-order and order-empty-section rules, rank keeping every item in its
# section (and saying so), --prune-sections, and diff and log reporting
# mvl and time_criticality changes as priority changes.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-07

# item N STATUS EFFORT CV BV [EXTRA]
item() {
	printf -- "---\nid: MKT-%s\ntitle: Item %s\ntype: experiment\nstatus: %s\neffort: %s\ncustomer_value: %s\nbusiness_value: %s\nhypothesis: h\nmetric: m\ntarget: 1\n%b---\n" \
		"$1" "$1" "$2" "$3" "$4" "$5" "${6:-}" >"b/backlog/MKT-$1.md"
}

test_expect 'setup: an MVL section, a Next section, a prose preamble' '
	new_repo b && docket -C b init 2>/dev/null &&
	item 1 ready 2 8 8 "mvl: true\n" && item 2 ready 3 6 6 "mvl: true\n" &&
	item 3 ready 1 9 9 && item 4 ready 5 2 2 && item 5 ready 1 5 5 "mvl: true\n" &&
	printf "%s\n" "# Ranked by Dana; propose changes in a pull request." "" \
		"# Minimally viable launch" "MKT-1" "MKT-2" "" "# Next" "MKT-3" "MKT-4" "MKT-5" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm setup
'

test_expect 'mvl-order: an MVL item ranked below one that is not is a warning on its line' '
	docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"mvl-order\")] | length == 1" c.json &&
	jq -e ".findings[] | select(.rule == \"mvl-order\") | .file == \"backlog/ORDER\" and .line == 10 and .severity == \"warning\"" c.json &&
	jq -r ".findings[] | select(.rule == \"mvl-order\") | .message" c.json | grep -q "^MKT-5 is part of the minimally viable launch (mvl: true) but ranked #5, below MKT-3 (#3), which is not: move it up (docket move MKT-5 --before MKT-3)" &&
	jq -e "[.findings[] | select(.rule == \"order-empty-section\")] | length == 0" c.json
'

test_expect 'rank never moves an item across a section header, and says what it keeps' '
	docket -C b rank >out 2>/dev/null &&
	grep -qx "  MKT-5 stays in .Next.: its score would rank it above MKT-1 in .Minimally viable launch." out &&
	docket -C b rank --apply >/dev/null 2>&1 &&
	sed -n "3,6p" b/backlog/ORDER | tr "\n" " " >mvl &&
	test "$(cat mvl)" = "# Minimally viable launch MKT-1 MKT-2  " &&
	sed -n "/^# Next/,\$p" b/backlog/ORDER | tr "\n" " " >next &&
	test "$(cat next)" = "# Next MKT-5 MKT-3 MKT-4 " &&
	git -C b log -1 --format=%b | grep -q "MKT-5 stays in .Next." &&
	head -1 b/backlog/ORDER | grep -q "^# Ranked by Dana"
'

test_expect 'the owner moves the MVL item up by hand; the warning goes' '
	docket -C b move MKT-5 --after MKT-2 2>/dev/null &&
	docket -C b check --format json | jq -e "[.findings[] | select(.rule == \"mvl-order\")] | length == 0"
'

test_expect 'closing the MVL items leaves an empty section: a warning, and rank keeps the header' '
	for i in 1 2 5; do docket -C b done MKT-$i --result won 2>/dev/null || exit 1; done &&
	grep -x "# Minimally viable launch" b/backlog/ORDER &&
	docket -C b check --format json >c.json &&
	jq -e "[.findings[] | select(.rule == \"order-empty-section\")] | length == 1" c.json &&
	jq -e ".findings[] | select(.rule == \"order-empty-section\") | .line == 3" c.json &&
	jq -r ".findings[] | select(.rule == \"order-empty-section\") | .message" c.json | grep -q "the section .Minimally viable launch. has no item left" &&
	docket -C b rank >out 2>/dev/null &&
	grep -q "1 section header is left with no item: .Minimally viable launch. (--apply --prune-sections removes them)" out &&
	cp b/backlog/ORDER before && docket -C b rank --apply >/dev/null 2>&1 &&
	grep -x "# Minimally viable launch" b/backlog/ORDER
'

test_expect 'rank --apply --prune-sections removes the empty header (and its blank line), nothing else' '
	docket -C b rank --apply --prune-sections >out 2>err &&
	printf "%s\n" "# Ranked by Dana; propose changes in a pull request." "" "# Next" "MKT-3" "MKT-4" >want &&
	test_cmp want b/backlog/ORDER &&
	grep -q "Remove the empty sections of ORDER" err &&
	docket -C b check --format json | jq -e "[.findings[] | select(.rule == \"order-empty-section\")] | length == 0" &&
	git_clean b &&
	expect_code 2 docket -C b rank --prune-sections 2>err && grep -q "goes with --apply" err
'

test_expect 'diff reports mvl and time_criticality changes as priority changes' '
	git -C b rev-parse HEAD >base &&
	docket -C b set MKT-4 mvl=true time_criticality=8 2>/dev/null &&
	docket -C b diff "$(cat base)" HEAD --format json >d.json &&
	jq -e ".counts.values == 1" d.json &&
	jq -e "[.values[0].changes[] | .field] == [\"mvl\", \"time_criticality\"]" d.json &&
	jq -e "[.values[0].changes[] | .priority] == [true, true]" d.json &&
	docket -C b diff "$(cat base)" HEAD >d.txt &&
	grep -q "^  MKT-4  mvl (none) → true, time_criticality (none) → 8 " d.txt
'

test_expect 'log marks them as priority changes' '
	docket -C b log MKT-4 >l.txt &&
	grep -qx "    mvl: (none) → true (priority)" l.txt &&
	grep -qx "    time_criticality: (none) → 8 (priority)" l.txt &&
	docket -C b log MKT-4 --format json | jq -e "[.commits[0].changes[] | select(.priority)] | length == 2"
'
test_done
