#!/bin/sh
# The import summary (text): a dry run said "Imported"; and "23 ranked,
# 101 ideas" overlapped (a record that comes in as an idea keeps its place
# in ORDER).  A dry run now says "Would import" and what would happen; the
# counts are two splits of the records, each adding up to their number,
# and they agree with the files the import writes.
. "$DOCKET_TESTS/cli/lib.sh"
FX="$DOCKET_TESTS/fixtures/import"

test_expect 'setup: a fresh backlog' '
	new_repo r && docket -C r init >/dev/null 2>&1
'

test_expect 'a dry run says what would happen, never that it happened' '
	docket -C r import --dry-run jira "$FX/jira.csv" >dry 2>/dev/null &&
	head -1 dry | grep -qx "Would import 7 items from Jira: MKT-1 to MKT-7" &&
	grep -q "^5 would come in as ideas: " dry &&
	! grep -q "Imported\|came in as\|went to" dry &&
	grep -q "^Dry run: nothing written" dry &&
	test "$(git -C r rev-list --count HEAD)" = 1
'

# counts FILE: "N R U I O C" from the Records and By status lines
counts() {
	sed -n "s/^Records: \([0-9]*\) (\([0-9]*\) ranked in ORDER, \([0-9]*\) not ranked)\$/\1 \2 \3/p" "$1" | tr "\n" " " &&
	sed -n "s/^By status: \([0-9]*\) idea, \([0-9]*\) ready to blocked, \([0-9]*\) done or stopped\$/\1 \2 \3/p" "$1"
}

test_expect 'each split adds up to the records, ranked ideas counted in both' '
	set -- $(counts dry) && test $# = 6 &&
	test $(($2 + $3)) = $1 && test $(($4 + $5 + $6)) = $1 &&
	test $1 = 7 && test $2 = 4 && test $4 = 6 && test $6 = 1
'

test_expect 'the real import says the same counts, and the files agree' '
	docket -C r import jira "$FX/jira.csv" >real 2>/dev/null &&
	head -1 real | grep -qx "Imported 7 items from Jira: MKT-1 to MKT-7" &&
	grep -q "^5 came in as ideas: " real &&
	test "$(counts real)" = "$(counts dry)" &&
	set -- $(counts real) &&
	test "$(grep -c "^MKT-" r/backlog/ORDER)" = $2 &&
	test "$(grep -l "^status: idea" r/backlog/MKT-*.md | wc -l)" = $4 &&
	test "$(grep -l "^status: \(done\|stopped\)" r/backlog/MKT-*.md | wc -l)" = $6 &&
	# an idea in ORDER: the overlap the old line hid
	for id in $(grep "^MKT-" r/backlog/ORDER); do
		grep -q "^status: idea" r/backlog/$id.md && echo $id
	done >ranked-ideas && test -s ranked-ideas
'

test_done
