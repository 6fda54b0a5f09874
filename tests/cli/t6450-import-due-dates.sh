#!/bin/sh
# import: due dates land in the due field (issue 18, point 4): Jira's
# "Due date" / "Due Date", Asana's "Due Date", a CSV's due, due date
# or deadline column.  A value that is not a date stays a note, with a
# warning naming the row, and is never lost; the report counts the
# column as "→ due" (and "a note" for the values that could not be);
# the import's commit passes check.
. "$DOCKET_TESTS/cli/lib.sh"

FX="$DOCKET_TESTS/fixtures/import"

# fresh NAME [PREFIX]: a new repository with a docket backlog
fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" >/dev/null 2>&1 &&
	git -C "$1" commit -qm init --allow-empty
}

# item DIR SOURCE: the file of the item imported from SOURCE
item() {
	grep -lx "source: $2" "$1"/backlog/*.md
}

test_expect 'jira: Due date is the due field, not a note; check passes' '
	fresh j CAMP &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "  Due date: 1 → due" out &&
	f=$(item j "jira CAMP-2") &&
	grep -qx "due: 2026-12-15" "$f" &&
	! grep -q "^- Due date:" "$f" &&
	test "$(grep -l "^due:" j/backlog/*.md | wc -l)" = 1 &&
	docket -C j check >check.out 2>&1 &&
	grep -q "^0 errors" check.out
'

test_expect 'jira: a Due Date that is not a date is a note and a warning' '
	fresh k CAMP &&
	printf "Summary,Issue key,Issue Type,Status,Due Date\n" >k.csv &&
	printf "Banner,CAMP-1,Task,To Do,01/Dec/26 12:00 AM\n" >>k.csv &&
	printf "Flyer,CAMP-2,Task,To Do,end of Q4\n" >>k.csv &&
	docket -C k import jira "$TRASH/k.csv" >out 2>err &&
	grep -qx "  Due Date: 2 → due 1, a note 1" out &&
	grep -qx "due: 2026-12-01" "$(item k "jira CAMP-1")" &&
	f=$(item k "jira CAMP-2") &&
	! grep -q "^due:" "$f" &&
	grep -qx -- "- Due Date: end of Q4" "$f" &&
	grep -q "k.csv:3: warning: CAMP-2: Due Date .end of Q4. is not a date docket can read; kept as a note" err &&
	docket -C k check >/dev/null 2>&1
'

test_expect 'csv: due, due date and deadline columns are the due field' '
	for col in due "Due date" deadline; do
		rm -rf c && fresh c &&
		printf "title,status,%s\nBanner,idea,2026-12-24\nFlyer,idea,ASAP\nPoster,idea,24 December 2026\n" "$col" >c.csv &&
		docket -C c import csv "$TRASH/c.csv" >out 2>err &&
		grep -qx "  $col: 3 → due 2, a note 1" out &&
		test "$(grep -h "^due:" c/backlog/*.md | sort | uniq -c | tr -s " ")" = " 2 due: 2026-12-24" &&
		grep -q "^- [A-Za-z ]*: ASAP$" c/backlog/MKT-2.md &&
		grep -q "c.csv:3: warning: row 3: $col .ASAP. is not a date docket can read; kept as a note" err &&
		docket -C c check >/dev/null 2>&1 || exit 1
	done
'

test_expect 'asana: Due Date is the due field; Start Date stays a note' '
	fresh a &&
	printf "Task ID,Name,Section/Column,Start Date,Due Date\n" >a.csv &&
	printf "11,Landing page,To do,2026-11-20,2026-12-01\n12,Press kit,To do,,someday\n" >>a.csv &&
	docket -C a import asana "$TRASH/a.csv" >out 2>err &&
	grep -qx "  Due Date: 2 → due 1, a note 1" out &&
	grep -qx "  Start Date: 1 → a note" out &&
	f=$(item a "asana 11") &&
	grep -qx "due: 2026-12-01" "$f" &&
	grep -qx -- "- Start Date: 2026-11-20" "$f" &&
	! grep -q "^started:" "$f" &&
	grep -qx -- "- Due Date: someday" "$(item a "asana 12")" &&
	grep -q "a.csv:3: warning: .*Due Date .someday. is not a date" err &&
	docket -C a check >/dev/null 2>&1
'

test_done
