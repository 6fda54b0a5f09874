#!/bin/sh
# import validates what it writes in batches of records (issue 18,
# scale; formats/import_valid.c, design note 4): an export of more
# records than one batch comes in exactly as a small one would.  Records
# that name each other are validated together however far apart they
# are in the export (a dependency cycle between the first and the
# 650th row is found and broken), records that cannot be valid in their
# status come in as ideas in every batch, ORDER keeps the source's order
# across batches, and the dry run says what the real run does.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog and an export of 700 rows' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	python3 -c "
rows = [\"id,title,status,type,effort,customer_value,business_value,depends on,hypothesis,metric,target\"]
for i in range(1, 701):
    status = [\"ready\", \"doing\", \"idea\", \"done\", \"ready\"][i % 5]
    kind = \"experiment\" if i % 7 == 0 else \"bau\"
    dep = {1: \"R650\", 650: \"R1\", 5: \"R600\", 20: \"R999\"}.get(i, \"\")
    full = kind == \"experiment\" and i % 14 == 0
    rows.append(\"R%d,Row %d,%s,%s,%d,%d,%d,%s,%s,%s,%s\" % (
        i, i, status, kind, i % 8 + 1, i % 10 + 1, i % 9 + 1, dep,
        \"More sign-ups\" if full else \"\", \"sign-ups\" if full else \"\",
        \"+5%\" if full else \"\"))
open(\"rows.csv\", \"w\").write(\"\\n\".join(rows) + \"\\n\")
# experiments without a hypothesis whose status is not idea, and done
# ones without a result
print(sum(1 for i in range(1, 701) if i % 7 == 0 and
          ((i % 14 and i % 5 != 2) or (i % 14 == 0 and i % 5 == 3))))
" >demoted.want
'

test_expect 'the dry run reports what the import then does' '
	docket -C b import csv "$TRASH/rows.csv" --dry-run >dry 2>dry.err &&
	docket -C b import csv "$TRASH/rows.csv" >real 2>real.err &&
	grep -q "^700 added, 0 updated, 0 unchanged, 0 in conflict$" real &&
	grep -qx "Would import 700 items from CSV: MKT-1 to MKT-700" dry &&
	! grep -q "^Imported\|came in as\|went to notes" dry &&
	# the same report, but said as what would happen
	sed -e "\$d" -e "1s/^Would import /Imported /" \
	    -e "s/^\([0-9]*\) would come in as /\1 came in as /" \
	    -e "s/^\([0-9]* values*\) would go to notes /\1 went to notes /" dry >dry.report &&
	sed "\$d" real >real.report &&
	test_cmp dry.report real.report &&
	test_cmp dry.err real.err &&
	grep -q "^Dry run: nothing written (700 files would be)$" dry &&
	git_clean b
'

test_expect 'every incomplete experiment came in as an idea, in every batch' '
	grep -q "^$(cat demoted.want) came in as ideas" real &&
	test $(grep -l "^- Came in as idea, not" b/backlog/*.md | wc -l) -eq $(cat demoted.want) &&
	grep -qx -e "- Came in as idea, not done: docket check needs more first (result-missing: result)" b/backlog/MKT-28.md
'

test_expect 'a dependency cycle between rows 650 apart is broken by a note' '
	grep -q "^depends_on: \[MKT-1\]$" b/backlog/MKT-650.md &&
	! grep -q "^depends_on:" b/backlog/MKT-1.md &&
	grep -q "^- depends_on: MKT-650 (not kept as a field: dependency cycle" b/backlog/MKT-1.md &&
	grep -q "^depends_on: \[MKT-600\]$" b/backlog/MKT-5.md &&
	docket -C b check >check.out 2>&1 &&
	grep -q "^0 errors" check.out
'

test_expect 'ORDER lists the ranked items in the order of the rows' '
	grep "^MKT-" b/backlog/ORDER >order &&
	test $(wc -l <order) -gt 300 &&
	sed "s/^MKT-//" order >n &&
	sort -n n >n.sorted &&
	test_cmp n.sorted n
'

test_done
