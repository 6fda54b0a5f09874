#!/bin/sh
# import: items of the earlier format, as imports wrote them before the
# import's blocks and source: existed (the notes under an unmarked
# "## Imported from Jira" section, a "- Source: Jira K-1" line), edited
# here since, are upgraded on a re-import: source: is added, the notes
# move into the notes block once (not a second "Imported from" section,
# no conflict reported), and the edits made here stay byte for byte
# (issue 18, precisions: "Items from the earlier format ... upgraded").
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: two items as the earlier format wrote them, edited here' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	printf "%s\n" "Summary,Issue key,Issue Type,Status,Priority,Description" \
		"Launch video,K-1,Task,To Do,High,Cut the teaser." \
		"Newsletter,K-2,Task,To Do,Low," >jira.csv &&
	printf "%s\n" "---" "id: MKT-1" "title: Launch video" "type: bau" "status: idea" "---" \
		"Cut the teaser." "" "## Imported from Jira" "" "- Source: Jira K-1" "- Priority: High" \
		>b/backlog/MKT-1.md &&
	printf "%s\n" "---" "id: MKT-2" "title: Newsletter" "type: bau" "status: idea" "---" \
		"## Imported from Jira" "" "- Source: Jira K-2" "- Priority: Low" >b/backlog/MKT-2.md &&
	git -C b add -A && git -C b commit -qm "Import 2 items from jira" &&
	sed -i "s/^Cut the teaser.$/Cut the 30-second teaser./" b/backlog/MKT-1.md &&
	printf "\nAsked legal on Monday.\n" >>b/backlog/MKT-1.md &&
	printf "\nMy own line.\n" >>b/backlog/MKT-2.md &&
	git -C b commit -qam "edits made here" &&
	cp b/backlog/MKT-1.md before1 && cp b/backlog/MKT-2.md before2
'

test_expect 'the re-import upgrades both, adds nothing, reports no conflict' '
	docket -C b import jira "$TRASH/jira.csv" >out 2>err &&
	grep -qx "0 added, 2 updated, 0 unchanged, 0 in conflict" out &&
	grep -qx "source: jira K-1" b/backlog/MKT-1.md &&
	grep -qx "source: jira K-2" b/backlog/MKT-2.md
'

test_expect 'the notes come once, in the notes block' '
	for f in b/backlog/MKT-1.md b/backlog/MKT-2.md; do
		test "$(grep -c "^## Imported from Jira" $f)" = 1 &&
		test "$(grep -c "^- Source: Jira K-" $f)" = 1 &&
		grep -qx "<!-- docket:import notes -->" $f || return 1
	done &&
	grep -qx -- "- Priority: High" b/backlog/MKT-1.md
'

test_expect 'the edits made here stay: the changed and the added lines' '
	grep -qx "Cut the 30-second teaser." b/backlog/MKT-1.md &&
	grep -qx "Asked legal on Monday." b/backlog/MKT-1.md &&
	grep -qx "My own line." b/backlog/MKT-2.md &&
	docket -C b check >/dev/null 2>&1
'

test_expect 'the same export again: nothing to do, no commit' '
	git -C b rev-parse HEAD >h1 &&
	docket -C b import jira "$TRASH/jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 2 unchanged, 0 in conflict" out &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h1)"
'

test_done
