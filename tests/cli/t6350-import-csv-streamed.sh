#!/bin/sh
# import csv streams the export (issue 18, scale): records are handed on
# one at a time, so parsing memory does not grow with the rows; the
# export's digest in the commit trailer is that of the file, computed as
# it streams in; line numbers hold across chunks and line ends.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	git -C b commit -qm init --allow-empty
'

test_expect 'three million rows parse in bounded memory; lines are counted to the last' '
	python3 -c "
import sys
with open(\"rows.csv\", \"w\") as f:
    f.write(\"title,status\n\")
    f.write(\",\n\" * 3000000)
    f.write(\"Last row,bogus,\n\")" &&
	test $(wc -c <rows.csv) -gt 6000000 &&
	# under ASan, freed blocks wait in its quarantine (256 MB by
	# default): keep it small, so that what is measured is docket
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16" &&
	limit_memory 100 "$DOCKET" -C b import csv "$TRASH/rows.csv" >out 2>err &&
	grep -q "^Imported 1 item from CSV: MKT-1" out &&
	grep -q "rows.csv:3000002: warning: status .bogus. has no docket status" err &&
	git_clean b
'

test_expect 'the trailer names the digest of the export, different for each export' '
	python3 -c "
with open(\"cr.csv\", \"w\", newline=\"\") as f:
    f.write(\"id,title,status,description\r\")
    for i in range(500):
        f.write(\"R%d,Row %d,ready,\\\"line one of %d %s\r\nline two \\u00e9\\u20ac\\\"\r\" % (i, i, i, \"-\" * 120))
    f.write(\"R500,Odd one,bogus,\r\")" &&
	test $(wc -c <cr.csv) -gt 65536 &&
	docket -C b import csv "$TRASH/cr.csv" --id-column id >out 2>err &&
	grep -q "^Imported 501 items from CSV" out &&
	# a CR alone ends a line: the last record is on line 1002
	grep -q "cr.csv:1002: warning: status .bogus. has no docket status" err &&
	sum=$(sha256sum cr.csv | cut -d" " -f1) &&
	git -C b log -1 --format=%B | grep -qx "Docket-Import: csv sha256:$sum" &&
	# cells over two lines, with characters across chunk ends, kept whole
	test "$(grep -lx "line two é€" b/backlog/*.md | wc -l)" = 500 &&
	grep -q "^line one of 399 --*$" b/backlog/MKT-401.md &&
	git_clean b &&
	printf "title\nOther\n" >other.csv &&
	docket -C b import csv "$TRASH/other.csv" --id-column title >out 2>err &&
	sum2=$(sha256sum other.csv | cut -d" " -f1) &&
	test "$sum2" != "$sum" &&
	git -C b log -1 --format=%B | grep -qx "Docket-Import: csv sha256:$sum2"
'

test_done
