#!/bin/sh
# Two wrong results of an import, found by QA (issue 18):
# - a record whose id an earlier record of the export has is not
#   imported, and says so: before, both came in, and every later import
#   of the same file overwrote one item with the other row and committed;
# - a sprint's capacity counts the effort check counts (the items open
#   here: an issue Done in Jira may come in as an idea), so the cycle
#   file passes check: before, the import committed a cycle over its
#   capacity (cycle-capacity error).
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog' '
	new_repo b && docket -C b init >/dev/null 2>&1
'

test_expect 'a repeated Issue key is left out, named, and importing again changes nothing' '
	printf "Issue key,Summary,Status\nCAMP-1,First,To Do\nCAMP-1,Dup,To Do\nCAMP-2,Other,To Do\n" >d.csv &&
	expect_code 1 docket -C b import jira "$TRASH/d.csv" >out 2>err &&
	grep -q "^Imported 2 items from Jira" out &&
	grep -q "d.csv:3: its id .CAMP-1. is also the id of the record on line 2: not imported" err &&
	test "$(grep -l "^title: First$" b/backlog/*.md | wc -l)" = 1 &&
	! grep -q "^title: Dup$" b/backlog/*.md &&
	head=$(git -C b rev-parse HEAD) &&
	expect_code 1 docket -C b import jira "$TRASH/d.csv" >out 2>err &&
	grep -q "^0 added, 0 updated, 2 unchanged, 0 in conflict" out &&
	test "$(git -C b rev-parse HEAD)" = "$head" &&
	test "$(grep -l "^title: First$" b/backlog/*.md | wc -l)" = 1
'

test_expect 'a value repeated in --id-column too' '
	printf "id,title,status\nA,One,idea\nB,Two,idea\nA,Three,idea\n" >d2.csv &&
	expect_code 1 docket -C b import csv "$TRASH/d2.csv" --id-column id --dry-run >out 2>err &&
	grep -q "^Would import 2 items from CSV" out &&
	grep -q "d2.csv:4: its id .A. is also the id of the record on line 2: not imported" err
'

test_expect 'a sprint over capacity gets what check counts as its capacity' '
	new_repo c && docket -C c init >/dev/null 2>&1 &&
	printf "Issue key,Summary,Issue Type,Status,Resolution,Created,Resolved,Story Points,Sprint\nK-1,Open one,Task,To Do,,01/Nov/26 9:00 AM,,5,S1\nK-2,Finished one,Task,Done,Done,01/Nov/26 9:00 AM,10/Nov/26 9:00 AM,30,S1\n" >cap.csv &&
	docket -C c import jira "$TRASH/cap.csv" >out 2>err &&
	grep -qx "capacity: 35" c/backlog/cycles/s1.md &&
	docket -C c check >out 2>&1 &&
	grep -q "^0 errors" out
'

test_done
