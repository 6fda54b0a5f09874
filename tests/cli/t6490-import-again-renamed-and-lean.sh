#!/bin/sh
# Importing again into items someone renamed or that are many (issue 18,
# idempotent; docs/import.md "Importing again"):
# - an item whose file someone renamed (MKT-5.md -> MKT-5-launch.md) is
#   updated where it is: before, the import wrote a second file MKT-5.md
#   with the same id, and committed what its own check rejects
#   (duplicate-id); its base is still found, so an edit made here stays;
# - the backlog is read lean (each item's tree and bytes dropped once
#   parsed), and the merge reads again only the files it updates: a dry
#   run of 10,000 items again fits where it did not (about 90 MB before).
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog with 100 imported rows' '
	new_repo b && mkdir b/mkt && docket -C b/mkt init >/dev/null 2>&1 &&
	awk "BEGIN {
		print \"id,title,status,effort,customer_value\"
		for (i = 1; i <= 100; i++)
			printf \"R%d,Row %d,ready,%d,%d\\n\", i, i, i % 5 + 1, i % 9 + 1
	}" >rows.csv &&
	docket -C b/mkt import csv "$TRASH/rows.csv" --id-column id >out 2>&1 &&
	grep -q "^Imported 100 items from CSV" out
'

test_expect 'a renamed item is updated where it is, its edit here kept' '
	git -C b mv mkt/backlog/MKT-5.md mkt/backlog/MKT-5-launch.md &&
	sed -i "s/^customer_value: .*/customer_value: 4/" b/mkt/backlog/MKT-5-launch.md &&
	git -C b commit -qam "rename and edit" &&
	sed "s/^R5,Row 5,/R5,Row five,/" rows.csv >rows2.csv &&
	docket -C b/mkt import csv "$TRASH/rows2.csv" --id-column id >out 2>&1 &&
	grep -q "^0 added, 1 updated, 99 unchanged, 0 in conflict" out &&
	test ! -e b/mkt/backlog/MKT-5.md &&
	grep -qx "title: Row five" b/mkt/backlog/MKT-5-launch.md &&
	grep -qx "customer_value: 4" b/mkt/backlog/MKT-5-launch.md &&
	docket -C b/mkt check >out 2>&1 &&
	grep -q "^0 errors" out &&
	git_clean b
'

test_expect 'importing 10,000 items again reads them lean' '
	new_repo c && docket -C c init >/dev/null 2>&1 &&
	awk "BEGIN {
		print \"id,title,status,effort,customer_value,description\"
		for (i = 1; i <= 10000; i++)
			printf \"R%d,Row %d,ready,%d,%d,Some words about row %d\\n\", \
				i, i, i % 5 + 1, i % 9 + 1, i
	}" >big.csv &&
	docket -C c import csv "$TRASH/big.csv" --id-column id >out 2>&1 &&
	grep -q "^Imported 10000 items from CSV" out &&
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16" &&
	limit_memory 60 "$DOCKET" -C c import csv "$TRASH/big.csv" --id-column id \
		--dry-run >out 2>err &&
	grep -q "^0 added, 0 updated, 10000 unchanged, 0 in conflict" out
'

test_done
