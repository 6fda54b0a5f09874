#!/bin/sh
# docket check PATH...: a path that does not exist, or that is not
# docket.yaml, ORDER, an item or cycle file of the backlog (nor a folder
# of it), exits 2 naming it; the backlog's own files and folders check
# as before.
. "$DOCKET_TESTS/cli/lib.sh"

example_repo r
mkdir r/docs r/backlog/archive && echo notes >r/docs/notes.md && echo x >r/backlog/notes.txt

test_expect 'a path that does not exist exits 2 and names it' '
	expect_code 2 docket -C r check backlog/NOPE.md >out 2>err &&
	grep -q "'"'"'backlog/NOPE.md'"'"' does not exist" err &&
	test_cmp /dev/null out &&
	(cd r && expect_code 2 docket check backlog/MKT-1.md backlog/MKT-9999.md 2>../err) &&
	grep -q "MKT-9999.md" err && ! grep -q "MKT-1.md'"'"'" err
'

test_expect 'a file or folder that is not part of the backlog exits 2' '
	for p in README.md docs docs/notes.md backlog/notes.txt .gitattributes; do
		test -e "r/$p" || touch "r/$p"
		(cd r && expect_code 2 docket check "$p" --format json >../out 2>../err) &&
		grep -q "'"'"'$p'"'"' is not a file docket checks" err &&
		test_cmp /dev/null out || return 1
	done
'

test_expect 'the backlog'"'"'s files and folders are fine, from any folder' '
	cycle=$(cd r && ls backlog/cycles/*.md | head -1) &&
	(cd r && docket check docket.yaml backlog/ORDER backlog/MKT-1.md "$cycle" \
		backlog backlog/ backlog/cycles backlog/archive . >../out) &&
	grep -q "no problems" out &&
	(cd r/backlog && docket check MKT-1.md ORDER ../docket.yaml cycles >../../out) &&
	(cd r/backlog/cycles && docket check . .. >../../../out)
'

test_expect 'with --rev, the paths are those of the revision' '
	git -C r rm -q backlog/MKT-2.md &&
	(cd r && docket check --rev HEAD backlog/MKT-2.md >../out) &&
	(cd r && expect_code 2 docket check backlog/MKT-2.md 2>../err) &&
	grep -q "does not exist" err
'

test_expect 'findings are still limited to the paths given' '
	printf -- "---\nid: MKT-1\ntitle: Broken\nstatus: nonsense\n---\n" >r/backlog/MKT-1.md &&
	(cd r && expect_code 1 docket check backlog/MKT-1.md --format json >../one.json) &&
	jq -e "[.findings[].file] | unique == [\"backlog/MKT-1.md\"]" one.json &&
	(cd r && docket check backlog/MKT-3.md >../out) && grep -q "no problems" out
'
test_done
