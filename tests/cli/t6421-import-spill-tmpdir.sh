#!/bin/sh
# import keeps mapped records in a temporary file in $TMPDIR
# (formats/import_spill.h): when it cannot be created (TMPDIR names a
# missing folder, or a file) or written (it cannot grow), the import
# says so, naming the folder, and writes nothing: no item, no ORDER, no
# commit.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog and an export' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	git -C b rev-parse HEAD >head.before &&
	python3 -c "
with open(\"rows.csv\", \"w\") as f:
    f.write(\"id,title,status,description\\n\")
    for i in range(1, 3001):
        f.write(\"R%d,Row %d,idea,%s\\n\" % (i, i, \"words \" * 40))
" &&
	: >afile
'

nothing_written() {
	git -C b rev-parse HEAD >head.after &&
	test_cmp head.before head.after &&
	test -z "$(git -C b status --porcelain)" &&
	! ls b/backlog/MKT-1.md 2>/dev/null
}

test_expect 'TMPDIR is a missing folder: a clear error, nothing written' '
	expect_code 2 env TMPDIR="$TRASH/missing" "$DOCKET" -C b import csv \
		"$TRASH/rows.csv" >out 2>err &&
	grep -q "^docket: error: cannot create a temporary file in $TRASH/missing (TMPDIR): No such file or directory; nothing was written$" err &&
	nothing_written
'

test_expect 'TMPDIR is a file: a clear error, nothing written' '
	expect_code 2 env TMPDIR="$TRASH/afile" "$DOCKET" -C b import csv \
		"$TRASH/rows.csv" --dry-run >out 2>err &&
	grep -q "^docket: error: cannot create a temporary file in $TRASH/afile (TMPDIR): Not a directory; nothing was written$" err &&
	nothing_written
'

test_expect 'the temporary file cannot grow: a clear error, nothing written' '
	mkdir tmp &&
	(trap "" XFSZ && ulimit -f 256 &&
	 expect_code 1 env TMPDIR="$TRASH/tmp" "$DOCKET" -C b import csv \
		"$TRASH/rows.csv" >out 2>err) &&
	grep -q "^docket: error: cannot write the import.s temporary file in $TRASH/tmp (TMPDIR): File too large; nothing was written$" err &&
	nothing_written &&
	test -z "$(ls tmp)"
'

test_expect 'with a usable TMPDIR the import goes through, leaving no file there' '
	TMPDIR="$TRASH/tmp" "$DOCKET" -C b import csv "$TRASH/rows.csv" >out 2>err &&
	grep -q "^3000 added" out &&
	test -z "$(ls tmp)"
'

test_done
