#!/bin/sh
# import: a number a double cannot hold exactly (1e15 or more) is not
# written to its field as another value (99999999999999999999999999999
# became "effort: 1e+29"): it is kept as a note, as written in the
# export, with a warning at its line (issue 18, points 1 and 5).
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	git -C b commit -qm init --allow-empty
'

test_expect 'a 29-digit effort: a note with the digits, a warning, no field' '
	printf "title,status,effort\nA,ready,99999999999999999999999999999\nB,ready,1000000000000000\nC,ready,999999999999999\n" >nums.csv &&
	docket -C b import csv "$TRASH/nums.csv" >out 2>err &&
	grep -q "^Imported 3 items from CSV" out &&
	grep -q "nums.csv:2: warning: row 2: effort .99999999999999999999999999999. is too large to keep exactly; kept as a note" err &&
	grep -q "nums.csv:3: warning: row 3: effort .1000000000000000. is too large" err &&
	! grep -q "^effort:" b/backlog/MKT-1.md &&
	! grep -q "^effort:" b/backlog/MKT-2.md &&
	grep -qx -- "- Effort: 99999999999999999999999999999" b/backlog/MKT-1.md &&
	grep -qx "effort: 999999999999999" b/backlog/MKT-3.md &&
	docket -C b check >/dev/null 2>&1
'

test_expect 'the report counts the huge values as notes' '
	grep -q "effort: 3 → a note 2, effort 1" out
'

test_done
