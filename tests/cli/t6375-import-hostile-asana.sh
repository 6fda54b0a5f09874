#!/bin/sh
# import asana on hostile input (issue 18, point 5): a file without
# Asana's Name column, NUL bytes, invalid UTF-8, an over-long record, a
# quote never closed: a clear error naming the file and line, exit 2,
# nothing written. Huge numbers, dates that are not dates and tasks that
# block each other in a cycle are imported, with a warning where a value
# is lost; of the cycle, one dependency becomes a note naming it, and
# the import's commit passes check.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-hostile.sh"

H="Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Assignee Email,Start Date,Due Date,Tags,Notes,Projects,Parent task,Blocked By (Dependencies),Blocking (Dependencies),Estimate"

test_expect 'setup: a backlog' 'hostile_backlog'

test_expect 'not an Asana export: refused at line 1' '
	printf "Task,Section\nA,To do\n" >other.csv &&
	expect_code 2 docket -C b import asana "$TRASH/other.csv" 2>err &&
	grep -q "other.csv:1: error: this is not an Asana CSV export: it has no Name column" err &&
	unchanged
'

test_expect 'NUL, invalid UTF-8, an over-long record, an open quote: refused at their line' '
	gen nul.csv "b\"$H\n1,2026-11-02,,,A,To do,,,,,,\\\"notes\x00\\\",,,,,\n\"" &&
	expect_code 2 docket -C b import asana "$TRASH/nul.csv" 2>err &&
	grep -q "nul.csv:2:[0-9]*: error: a NUL byte" err &&
	gen latin1.csv "b\"$H\n1,2026-11-02,,,Caf\xe9,To do,,,,,,,,,,,\n\"" &&
	expect_code 2 docket -C b import asana "$TRASH/latin1.csv" 2>err &&
	grep -q "latin1.csv:2:[0-9]*: error: not valid UTF-8" err &&
	gen long.csv "b\"$H\n1,2026-11-02,,,A,To do,,,,,,\\\"\" + b\"n \" * 700000 + b\"\\\",,,,,\n\"" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import asana "$TRASH/long.csv" 2>err &&
	grep -q "long.csv:2: error: a record is over the 1 MiB limit for one CSV record" err &&
	gen open.csv "b\"$H\n1,2026-11-02,,,A,To do,,,,,,\\\"never closed\n\"" &&
	expect_code 2 docket -C b import asana "$TRASH/open.csv" 2>err &&
	grep -q "open.csv:2: error: a quoted cell is not closed" err &&
	unchanged
'

test_expect 'huge numbers, dates that are not dates, a blocking cycle: imported' '
	gen odd.csv "b\"$H\n\" +
		b\"1,2026-11-02,not a date,,Loop A,To do,,,,31/31/2026,,,,,2,,1e999\n\" +
		b\"2,\" + b\"9\" * 300 + b\",,,Loop B,To do,,,,,,,,,1,,\" + b\"9\" * 400 + b\"\n\"" &&
	timeout 60 "$DOCKET" -C b import asana "$TRASH/odd.csv" >out 2>err &&
	grep -q "^Imported 2 items from Asana" out &&
	grep -q "odd.csv:2: warning: row 2: Completed At .not a date. is not a date docket can read; kept as a note" err &&
	grep -q "odd.csv:2: warning: row 2: Due Date .31/31/2026. is not a date docket can read; kept as a note" err &&
	grep -q "odd.csv:2: warning: row 2: Estimate .1e999. is not a number; kept as a note" err &&
	grep -q "odd.csv:3: warning: row 3: Created At .9999*. is not a date" err &&
	readable &&
	# the cycle: both tasks written, one dependency kept, the other a
	# note that names the cycle; the commit passes check
	a=$(grep -lx "source: asana 1" b/backlog/*.md) &&
	l=$(grep -lx "source: asana 2" b/backlog/*.md) &&
	ida=$(sed -n "s/^id: //p" "$a") && idl=$(sed -n "s/^id: //p" "$l") &&
	test "$(git -C b log -1 --format=%s)" = "Import 2 items from asana" &&
	test -z "$(git -C b status --porcelain)" &&
	grep -qx "depends_on: \[$ida\]" "$l" &&
	! grep -q "^depends_on:" "$a" &&
	grep -qx -- "- depends_on: $idl (not kept as a field: dependency cycle: $ida → $idl → $ida; none of these can start first: remove one of the depends_on entries)" "$a" &&
	grep -qx "  Blocked By (Dependencies): 2 → a note 1, depends_on 1" out &&
	docket -C b check >chk 2>&1 &&
	grep -q "^0 errors" chk &&
	git -C b reset -q --hard "$(cat head0)" && git -C b clean -qfd
'

test_done
