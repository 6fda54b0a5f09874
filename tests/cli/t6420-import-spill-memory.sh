#!/bin/sh
# import csv keeps each mapped record's fields, body and notes in a
# temporary file until its file is rendered (issue 18, scale;
# formats/import_spill.h): an export of 50,000 rows imports under a
# 100 MB address-space limit (about 145 MB of memory before: every
# mapped record was held until every record had its id), and what
# comes in is what the records said: fields, bodies, notes, references
# resolved across the export.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog and an export of 50,000 rows' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	python3 -c "
words = \"social page press banner retargeting pricing post onboarding nurture landing copy\".split()
with open(\"rows.csv\", \"w\") as f:
    f.write(\"id,title,status,type,effort,tags,created,description,owner,depends on\\n\")
    for i in range(1, 50001):
        desc = \" \".join(words[(i + k) % len(words)] for k in range(24))
        dep = \"R%d\" % (i - 3) if i % 1000 == 0 else \"\"
        f.write(\"R%d,Row %d %s,%s,bau,%d,%s; %s,2026-05-%02d,\\\"%s\\\",Sam %d,%s\\n\" % (
            i, i, words[i % 11], [\"ready\", \"idea\", \"doing\"][i % 3], i % 8 + 1,
            words[i % 11], words[(i + 3) % 11], i % 28 + 1, desc, i % 7, dep))
"
'

test_expect 'fifty thousand rows import (dry run) in bounded memory' '
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16" &&
	limit_memory 100 "$DOCKET" -C b import csv "$TRASH/rows.csv" --id-column id \
		--dry-run >out 2>err &&
	grep -q "^Would import 50000 items from CSV: MKT-1 to MKT-50000$" out &&
	grep -q "^  owner: 50000 → a note$" out &&
	grep -q "^  depends on: 50 → depends_on$" out &&
	grep -q "^Dry run: nothing written (50000 files would be)$" out
'

test_expect 'setup: a small export with bodies, notes and references' '
	new_repo s && docket -C s init >/dev/null 2>&1 &&
	head -n 1001 rows.csv >small.csv
'

test_expect 'what the records said comes back from the temporary file' '
	docket -C s import csv "$TRASH/small.csv" --id-column id >out 2>err &&
	grep -q "^1000 added" out &&
	f=s/backlog/MKT-1000.md &&
	grep -q "^title: Row 1000 copy$" $f &&
	grep -q "^depends_on: \[MKT-997\]$" $f &&
	grep -q "^effort: 1$" $f &&
	grep -q "^tags: \[copy, press\]$" $f &&
	grep -q "^copy social page press banner retargeting" $f &&
	grep -q "^- Owner: Sam 6$" $f &&
	grep -q "^- Source: CSV R1000$" $f &&
	docket -C s check >check.out 2>&1
'

test_expect 'importing it again changes nothing' '
	docket -C s import csv "$TRASH/small.csv" --id-column id >again 2>err &&
	grep -q "^0 added, 0 updated, 1000 unchanged, 0 in conflict$" again
'

test_done
