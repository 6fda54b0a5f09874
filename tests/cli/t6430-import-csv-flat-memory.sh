#!/bin/sh
# import csv holds little per row (issue 18, scale; docs/import.md
# "Large exports"): a record's parts go to the spill file once it is
# mapped, where its values went is counted per field, and what stays
# per record is a small struct (formats/import.h).  A dry run of a
# 100,000-row export fits in a 40 MB address space (before: about
# 1 KiB per row, well over 100 MB), and its report still counts every
# value and every record that came in as an idea.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog and an export of 100,000 rows' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	awk "BEGIN {
		print \"id,title,status,type,effort,customer_value,business_value,owner\"
		for (i = 1; i <= 100000; i++) {
			# every 100th ready row has no effort: it comes in as an idea
			e = i % 100 == 1 ? \"\" : i % 8 + 1
			printf \"R%d,Row %d,%s,bau,%s,%d,%d,Sam %d\\n\", i, i, \
				i % 2 ? \"ready\" : \"idea\", e, i % 10 + 1, i % 9 + 1, i % 7
		}
	}" >rows.csv &&
	test "$(wc -l <rows.csv)" -eq 100001
'

test_expect 'a dry run of 100,000 rows fits in 40 MB, every value counted' '
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16" &&
	limit_memory 40 "$DOCKET" -C b import csv "$TRASH/rows.csv" --id-column id \
		--dry-run --format json >out.json 2>err &&
	grep -q "\"added\": 100000, " out.json &&
	grep -q "\"first\": \"MKT-1\", \"last\": \"MKT-100000\"" out.json &&
	grep -q "\"came_in_as_idea\": 1000," out.json &&
	grep -q "\"ideas\": 51000," out.json &&
	grep -q "{\"field\": \"id\", \"records\": 100000, \"to\": \[{\"to\": \"source\", \"records\": 100000}\]}" out.json &&
	grep -q "{\"field\": \"effort\", \"records\": 99000, \"to\": \[{\"to\": \"field\", \"name\": \"effort\", \"records\": 99000}\]}" out.json &&
	grep -q "{\"field\": \"owner\", \"records\": 100000, \"to\": \[{\"to\": \"note\", \"records\": 100000}\]}" out.json
'

test_done
