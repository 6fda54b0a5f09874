#!/bin/sh
# import csv runs in memory that does not grow with the rows (issue 18,
# scale; docs/import.md "Large exports"): a record's parts go to the
# spill file once it is mapped, where its values went is counted per
# field, and the small struct that stays per record, its ids and the
# list's array are in a mapped temporary file whose pages go back to the
# kernel as the records are visited (formats/import_arena.h).  A dry run
# of a 100,000-row export fits in a 40 MB address space (before the
# spill: about 1 KiB per row, well over 100 MB), its peak resident
# memory is that of 10,000 rows (before the arena: 100 bytes more per
# row), and its report still counts every value and every record that
# came in as an idea.
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

# peak resident memory of a run, in KiB (the shell's time has no such
# figure; python's getrusage of its child has)
peak_kib() {
	python3 -c '
import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    rc = subprocess.call(sys.argv[2:], stdout=out)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if rc == 0 else -1)' "$@"
}

# same_peak A Z WHAT: both runs succeeded, and the larger export's peak
# is the smaller's within 2 MB of noise (under ASan, its shadow of the
# mapped file grows with the file: measured without)
same_peak() {
	echo "peak: $1 KiB and $2 KiB, $3" &&
	test "$1" -gt 0 && test "$2" -gt 0 &&
	if [ -z "${DOCKET_SAN:-}" ]; then
		test $(($2 - $1)) -lt 2048
	fi
}

test_expect 'ten times the rows, the same peak memory' '
	head -n 10001 rows.csv >rows10k.csv &&
	a=$(peak_kib out10k.txt "$DOCKET" -C b import csv "$TRASH/rows10k.csv" \
		--id-column id --dry-run) &&
	z=$(peak_kib out100k.txt "$DOCKET" -C b import csv "$TRASH/rows.csv" \
		--id-column id --dry-run) &&
	grep -q "^Would import 10000 items from CSV: MKT-1 to MKT-10000" out10k.txt &&
	grep -q "^Would import 100000 items from CSV: MKT-1 to MKT-100000" out100k.txt &&
	# before, 90,000 rows more took 9 MB more
	same_peak "$a" "$z" "10,000 and 100,000 rows"
'

test_expect 'a Jira export too: ten times the issues, the same peak memory' '
	# the Jira reader looks across rows (epics, parents): each row waits
	# in the spill file while it does, one record in memory at a time
	for n in 5000 50000; do
		awk -v n=$n "BEGIN {
			print \"Issue key,Summary,Status,Issue Type,Story Points,Description,Assignee\"
			for (i = 1; i <= n; i++)
				printf \"CAMP-%d,Issue %d,%s,Task,%d,\\\"h2. Goal\\nMore *reach* %d\\\",Sam %d\\n\", \
					i, i, i % 2 ? \"To Do\" : \"Done\", i % 8 + 1, i, i % 7
		}" >jira$n.csv || return 1
	done &&
	a=$(peak_kib j5k.txt "$DOCKET" -C b import jira "$TRASH/jira5000.csv" --dry-run) &&
	z=$(peak_kib j50k.txt "$DOCKET" -C b import jira "$TRASH/jira50000.csv" --dry-run) &&
	grep -q "^Would import 5000 items from Jira: MKT-1 to MKT-5000" j5k.txt &&
	grep -q "^Would import 50000 items from Jira: MKT-1 to MKT-50000" j50k.txt &&
	grep -q "^  Description: 50000 → the body" j50k.txt &&
	# before, each issue held its columns until all were read: 2.6 KB
	# an issue, 117 MB more here
	same_peak "$a" "$z" "5,000 and 50,000 issues"
'

test_done
