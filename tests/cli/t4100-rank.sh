#!/bin/sh
# docket rank: propose an order by score (MVL first, dependencies before
# dependants) as changes to ORDER; --apply writes ORDER and commits.
. "$DOCKET_TESTS/cli/lib.sh"

# item N STATUS EFFORT CV BV [EXTRA]: write backlog/MKT-N.md in b/.
item() {
	printf -- "---\nid: MKT-%s\ntitle: Item %s\ntype: bau\nstatus: %s\neffort: %s\ncustomer_value: %s\nbusiness_value: %s\n%b---\nBody\n" \
		"$1" "$1" "$2" "$3" "$4" "$5" "${6:-}" >"b/backlog/MKT-$1.md"
}

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	item 1 ready 4 2 2 &&                          # wsjf 1
	item 2 ready 1 5 5 &&                          # wsjf 10
	item 3 ready 2 3 3 "time_criticality: 9\n" &&  # wsjf 7.5, value/effort 3
	item 4 done 1 9 9 &&                           # leaves ORDER
	item 5 ready 1 3 3 "depends_on: [MKT-1]\n" &&  # unranked: gets ranked
	item 6 idea 1 9 9 &&                           # unranked idea: stays out
	item 7 ready 8 1 1 "mvl: true\n" &&            # MVL: first
	printf "# MVL\nMKT-1   # waits for LP\nMKT-2\n\n# Next\nMKT-4\nMKT-3\nMKT-7\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm items
'

test_expect 'rank proposes without changing anything' '
	cp b/backlog/ORDER before && git -C b rev-parse HEAD >head &&
	docket -C b rank >out 2>err &&
	head -1 out | grep -q "^Proposed order by wsjf" &&
	grep -Eq "^  MKT-2 +#2 → #1 +score 10$" out &&
	grep -Eq "^  MKT-5 +new → #3 +score 6$" out &&
	grep -Eq "^  MKT-7 +#5 → #4 +score 0\.2 +mvl$" out &&
	grep -Eq "^  MKT-4 +#3 → out +done$" out &&
	! grep -q "MKT-6" out && ! grep -q "^  MKT-1 " out &&
	grep -q "^2 moves, 1 newly ranked, 1 leaving ORDER (done or stopped); 2 others shift with them.$" out &&
	grep -qx "  MKT-7 stays in .Next.: its score would rank it above MKT-2 in .MVL." out &&
	grep -qx "  MKT-3 stays in .Next.: its score would rank it above MKT-1 in .MVL." out &&
	grep -q "docket rank --apply" err &&
	cmp before b/backlog/ORDER && test "$(git -C b rev-parse HEAD)" = "$(cat head)" &&
	test -z "$(git -C b status --porcelain)"
'

test_expect '--format json gives the whole proposal, the same as the text' '
	docket -C b rank --format json >out.json 2>/dev/null &&
	jq -e ".by == \"wsjf\" and .changes == 4 and .shifted == 2" out.json &&
	jq -e "[.proposal[] | .id] == [\"MKT-2\", \"MKT-1\", \"MKT-5\", \"MKT-7\", \"MKT-3\"]" out.json &&
	jq -e "[.proposal[] | .rank_to] == [1, 2, 3, 4, 5]" out.json &&
	jq -e ".proposal[3] == {\"id\": \"MKT-7\", \"title\": \"Item 7\", \"rank_from\": 5, \"rank_to\": 4, \"score\": 0.25, \"mvl\": true, \"moved\": true, \"needed_by\": null}" out.json &&
	jq -e ".proposal[1].needed_by == \"MKT-5\" and .proposal[2].rank_from == null" out.json &&
	jq -e ".kept == [{\"id\": \"MKT-7\", \"section\": \"# Next\", \"would_be\": \"above\", \"other\": \"MKT-2\", \"other_section\": \"# MVL\"}, {\"id\": \"MKT-3\", \"section\": \"# Next\", \"would_be\": \"above\", \"other\": \"MKT-1\", \"other_section\": \"# MVL\"}] and .empty_sections == []" out.json &&
	jq -e ".leaving == [{\"id\": \"MKT-4\", \"title\": \"Item 4\", \"rank_from\": 3, \"status\": \"done\"}] and .unknown == []" out.json &&
	cmp before b/backlog/ORDER && test -z "$(git -C b status --porcelain)" &&
	expect_code 2 docket -C b rank --format xml 2>err && grep -q "unknown format" err
'

test_expect '--by picks another score' '
	docket -C b rank --by value-per-effort >out 2>/dev/null &&
	head -1 out | grep -q "^Proposed order by value-per-effort" &&
	grep -Eq "^  MKT-5 +new → #3 +score 6$" out &&
	expect_code 2 docket -C b rank --by magic 2>err && grep -q "unknown score" err
'

test_expect '--apply writes ORDER within its sections (comments stay, end-of-line comments travel) and commits it alone' '
	echo "unrelated" >b/notes.txt && printf "x" >>b/backlog/MKT-2.md &&
	docket -C b rank --apply >out 2>err &&
	printf "# MVL\nMKT-2\nMKT-1   # waits for LP\nMKT-5\n\n# Next\nMKT-7\nMKT-3\n" >want &&
	cmp want b/backlog/ORDER &&
	test "$(git -C b log -1 --format=%s)" = "Rank by wsjf: 2 moves, 1 newly ranked, 1 leaving ORDER (done or stopped); 2 others shift with them" &&
	git -C b log -1 --format=%b >body &&
	grep -Eq "^  MKT-7 +#5 → #4" body &&
	grep -q "^  MKT-7 stays in .Next." body &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/ORDER &&
	git -C b status --porcelain >st &&
	printf " M backlog/MKT-2.md\n?? notes.txt\n" >want && test_cmp want st &&
	git -C b checkout -q backlog/MKT-2.md && rm b/notes.txt
'

test_expect 'ranking again proposes nothing' '
	docket -C b rank >out 2>/dev/null &&
	test "$(head -1 out)" = "ORDER already follows the wsjf order (5 items)." &&
	grep -q "^  MKT-7 stays in .Next.: its score would rank it above MKT-2 in .MVL." out &&
	git -C b rev-parse HEAD >head && cp b/backlog/ORDER before &&
	docket -C b rank --apply >/dev/null 2>&1 &&
	test "$(git -C b rev-parse HEAD)" = "$(cat head)" && cmp before b/backlog/ORDER && git_clean b
'

test_expect '--apply refuses an ORDER with uncommitted edits' '
	printf "MKT-3\nMKT-7\nMKT-2\nMKT-5\nMKT-1\n" >b/backlog/ORDER && cp b/backlog/ORDER before &&
	git -C b rev-parse HEAD >head &&
	expect_code 1 docket -C b rank --apply >/dev/null 2>err && grep -q "ORDER" err &&
	cmp before b/backlog/ORDER && test "$(git -C b rev-parse HEAD)" = "$(cat head)" &&
	test "$(git -C b status --porcelain)" = " M backlog/ORDER" &&
	git -C b checkout -q backlog/ORDER
'

test_expect '--apply --no-commit writes only' '
	docket -C b move MKT-1 --top 2>/dev/null && git -C b rev-parse HEAD >head &&
	docket -C b --no-commit rank --apply >/dev/null 2>err && grep -q "not committed" err &&
	printf "# MVL\nMKT-2\nMKT-1   # waits for LP\nMKT-5\n\n# Next\nMKT-7\nMKT-3\n" >want &&
	cmp want b/backlog/ORDER && test "$(git -C b rev-parse HEAD)" = "$(cat head)" &&
	test "$(git -C b status --porcelain)" = " M backlog/ORDER" &&
	git -C b checkout -q backlog/ORDER
'

test_expect 'an id with no item file: kept at the bottom, --apply refused' '
	printf "MKT-99\nMKT-2\n" >b/backlog/ORDER && git -C b commit -qam "Unknown id" &&
	cp b/backlog/ORDER before &&
	docket -C b rank >out 2>err && grep -q "MKT-99, which has no readable item file" err &&
	docket -C b rank --format json 2>/dev/null | jq -e ".unknown == [\"MKT-99\"] and .proposal[-1].id == \"MKT-99\" and .proposal[-1].title == null" &&
	expect_code 1 docket -C b rank --apply >/dev/null 2>err && grep -q "not applied" err &&
	cmp before b/backlog/ORDER && test -z "$(git -C b status --porcelain)"
'

test_expect 'conflict markers in ORDER: refused' '
	printf "<<<<<<< ours\nMKT-1\n=======\nMKT-2\n>>>>>>> theirs\n" >b/backlog/ORDER &&
	expect_code 1 docket -C b rank 2>err && grep -q "merge-conflict markers" err &&
	git -C b checkout -q backlog/ORDER
'
test_expect 'an empty backlog: nothing to propose or apply' '
	new_repo e && docket -C e init 2>/dev/null && git -C e rev-parse HEAD >head &&
	docket -C e rank >out 2>/dev/null &&
	test "$(cat out)" = "ORDER already follows the wsjf order (0 items)." &&
	docket -C e rank --apply >/dev/null 2>&1 &&
	test "$(git -C e rev-parse HEAD)" = "$(cat head)" && test -z "$(git -C e status --porcelain)"
'
test_done
