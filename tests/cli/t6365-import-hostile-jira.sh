#!/bin/sh
# import jira on hostile input (issue 18, point 5): a file that is not
# a Jira export, NUL bytes, invalid UTF-8, an over-long record, zeros:
# a clear error naming the file and line, exit 2, nothing written. Huge
# numbers, parents that form a cycle, an epic that links to itself and
# a rank of 500 KB are imported, with a warning where a value is lost.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-hostile.sh"

H="Summary,Issue key,Issue id,Issue Type,Status,Custom field (Story Points),Parent,Custom field (Epic Link),Custom field (Rank)"

test_expect 'setup: a backlog' 'hostile_backlog --prefix CAMP'

test_expect 'not a Jira export: refused at line 1 before any row is read' '
	gen other.csv "b\"title,status\n\" + b\"x,y\n\" * 1000 + b\"\x00\n\"" &&
	expect_code 2 docket -C b import jira "$TRASH/other.csv" 2>err &&
	grep -q "other.csv:1: error: this is not a Jira CSV export: it has no Summary or Issue key column" err &&
	! grep -q "NUL" err &&
	unchanged
'

test_expect 'NUL, invalid UTF-8, a record over 1 MiB, zeros: refused at their line' '
	gen nul.csv "b\"$H\nA,CAMP-1,1,Task,To Do,,,,0|a\nB,CAMP-2,2,Ta\x00sk,To Do,,,,0|b\n\"" &&
	expect_code 2 docket -C b import jira "$TRASH/nul.csv" 2>err &&
	grep -q "nul.csv:3:[0-9]*: error: a NUL byte" err &&
	gen latin1.csv "b\"$H\nCaf\xe9,CAMP-1,1,Task,To Do,,,,0|a\n\"" &&
	expect_code 2 docket -C b import jira "$TRASH/latin1.csv" 2>err &&
	grep -q "latin1.csv:2:4: error: not valid UTF-8" err &&
	gen long.csv "b\"$H\nA,CAMP-1,1,Task,To Do,,,,\\\"\" + b\"r\" * 2000000 + b\"\\\"\n\"" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import jira "$TRASH/long.csv" 2>err &&
	grep -q "long.csv:2: error: a record is over the 1 MiB limit for one CSV record" err &&
	head -c 20000000 /dev/zero >zeros.csv &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import jira "$TRASH/zeros.csv" 2>err &&
	grep -q "zeros.csv:1:1: error: a NUL byte" err &&
	unchanged
'

test_expect 'huge numbers, parent cycles, a self-linked epic, a 500 KB rank: imported' '
	gen odd.csv "b\"$H\n\" +
		b\"Loop A,CAMP-1,1,Task,To Do,1e999,CAMP-2,,0|b\n\" +
		b\"Loop B,CAMP-2,2,Task,To Do,\" + b\"9\" * 300 + b\",CAMP-1,,0|a\n\" +
		b\"Own epic,CAMP-3,3,Epic,To Do,,,CAMP-3,0|c\n\" +
		b\"Child,CAMP-4,4,Task,In Progress,-5,,CAMP-3,\" + b\"z\" * 500000 + b\"\n\"" &&
	timeout 60 "$DOCKET" -C b import jira "$TRASH/odd.csv" >out 2>err &&
	grep -q "^Imported 3 items from Jira" out &&
	grep -q "epic CAMP-3: not an item" out &&
	grep -q "odd.csv:2: warning: CAMP-1: .*1e999" err &&
	readable &&
	git -C b reset -q --hard "$(cat head0)" && git -C b clean -qfd
'

test_done
