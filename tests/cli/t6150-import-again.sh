#!/bin/sh
# docket import, a second time: source: in front matter, the same export
# again changes nothing, a changed export updates exactly what changed,
# edits made here are kept (and conflicts reported), --dry-run writes
# nothing, CSV without ids needs --id-column, the earlier format's
# "Source:" line is recognised and upgraded.
. "$DOCKET_TESTS/cli/lib.sh"

FX="$DOCKET_TESTS/fixtures/import"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null &&
	relax_required "$1"
}

# file DIR KEY: the item file imported from Jira issue KEY
file() {
	grep -lx "source: jira $2" "$1"/backlog/*.md
}

test_expect 'each item records its source in front matter' '
	fresh j CAMP &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "source: jira CAMP-2" j/backlog/*.md &&
	test "$(grep -l "^source: jira CAMP-" j/backlog/*.md | wc -l)" = 7 &&
	git -C j log -1 --format=%B >msg &&
	grep -qx "Docket-Import: jira sha256:[0-9a-f]\{64\}" msg
'

test_expect 'the same export again: 0 added, N unchanged, no commit' '
	git -C j rev-parse HEAD >before &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 7 unchanged, 0 in conflict" out &&
	git -C j rev-parse HEAD >after &&
	test_cmp before after &&
	git_clean j
'

# the export with CAMP-2 renamed, CAMP-3 given another priority, CAMP-4
# renamed (also renamed here) and a new issue CAMP-9
awk -F, -v OFS=, '
	$2 == "CAMP-2" { $1 = "Long video teaser for the banking app" }
	$2 == "CAMP-3" { $8 = "Highest" }
	$2 == "CAMP-4" { $1 = "Renamed in Jira" }
	{ print }
	END { print "A new issue,CAMP-9,10009,Story,To Do,CAMP,Campaigns,Low,,,,,01/Dec/26 9:00 AM,,,,,,,,,,,,,,,,,,,," }
' "$FX/jira.csv" >changed.csv

test_expect 'a changed export: --dry-run shows it and writes nothing' '
	f4=$(file j CAMP-4) && f3=$(file j CAMP-3) &&
	sed "s/^title: .*/title: Renamed here/" "$f4" >t && mv t "$f4" &&
	printf "A line written here.\n" >>"$f3" &&
	git -C j commit -qam "edits here" &&
	git -C j rev-parse HEAD >before &&
	docket -C j import jira "$TRASH/changed.csv" --dry-run >out 2>err &&
	grep -qx "1 added, 2 updated, 4 unchanged, 1 in conflict" out &&
	grep -q "^Dry run: nothing written" out &&
	git -C j rev-parse HEAD >after &&
	test_cmp before after &&
	git_clean j
'

test_expect 'a changed export updates exactly the changed items, keeps edits made here' '
	docket -C j import jira "$TRASH/changed.csv" >out 2>err &&
	grep -qx "1 added, 2 updated, 4 unchanged, 1 in conflict" out &&
	f2=$(file j CAMP-2) && f3=$(file j CAMP-3) && f4=$(file j CAMP-4) &&
	grep -qx "  $(basename "$f4" .md): title changed here and in Jira: kept as it is here" out &&
	grep -qx "title: Long video teaser for the banking app" "$f2" &&
	grep -qx "title: Renamed here" "$f4" &&
	grep -qx -- "- Priority: Highest" "$f3" &&
	grep -qx "A line written here." "$f3" &&
	git -C j show --name-only --format= HEAD | sort >changed &&
	test "$(wc -l <changed)" = 3 &&
	git -C j log -1 --format=%B >msg &&
	grep -qx "Docket-Import-Merged: $(basename "$f3" .md)" msg
'

test_expect 'a new record on a re-import enters the intake: ranked ids never move' '
	grep -v "^#" j/backlog/ORDER >ranked &&
	f9=$(file j CAMP-9) &&
	! grep -qx "$(basename "$f9" .md)" ranked &&
	git -C j show HEAD~1:backlog/ORDER | grep -v "^#" >was &&
	test_cmp was ranked
'

test_expect 'after a merged write, the same export again changes nothing' '
	git -C j rev-parse HEAD >before &&
	docket -C j import jira "$TRASH/changed.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 7 unchanged, 1 in conflict" out &&
	git -C j rev-parse HEAD >after &&
	test_cmp before after &&
	grep -qx "A line written here." "$(file j CAMP-3)"
'

test_expect 'a field changed only here is kept when the source changes another' '
	f2=$(file j CAMP-2) &&
	sed "s/^status: .*/status: idea/" "$f2" >t && mv t "$f2" &&
	git -C j commit -qam "park it" &&
	sed "s/Long video teaser/Longer video teaser/" changed.csv >changed2.csv &&
	docket -C j import jira "$TRASH/changed2.csv" >out 2>err &&
	grep -qx "status: idea" "$f2" &&
	grep -qx "title: Longer video teaser for the banking app" "$f2"
'

test_expect 'CSV without ids: a second import refuses and writes nothing' '
	fresh c &&
	docket -C c import csv "$FX/generic.csv" >out 2>err &&
	git -C c rev-parse HEAD >before &&
	expect_code 2 docket -C c import csv "$FX/generic.csv" >out 2>err &&
	grep -q "cannot match .* records to the items an earlier csv import made" err &&
	grep -q -- "--id-column" err &&
	git -C c rev-parse HEAD >after &&
	test_cmp before after &&
	git_clean c
'

test_expect 'CSV with --id-column: the second import matches the records' '
	fresh c2 &&
	docket -C c2 import csv "$FX/generic.csv" --id-column title >out 2>err &&
	grep -qx "source: csv Refresh the email footer" c2/backlog/*.md &&
	docket -C c2 import csv "$FX/generic.csv" --id-column title >out 2>err &&
	grep -q "^0 added, 0 updated, [1-9][0-9]* unchanged, 0 in conflict" out &&
	expect_code 2 docket -C c2 import csv "$FX/generic.csv" --id-column Nope >out 2>err &&
	grep -q "no record has a value in a column of that name" err
'

test_expect 'items of the earlier format (a Source: line) are recognised and upgraded' '
	fresh o CAMP &&
	docket -C o import jira "$FX/jira.csv" >out 2>err &&
	for f in o/backlog/CAMP-*.md; do
		grep -v "^source: " "$f" >t && mv t "$f"
	done &&
	git -C o commit -qam "as the earlier format wrote them" &&
	git -C o rev-list --count HEAD >n1 &&
	docket -C o import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "0 added, 7 updated, 0 unchanged, 0 in conflict" out &&
	test "$(grep -l "^source: jira CAMP-" o/backlog/*.md | wc -l)" = 7 &&
	docket -C o import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 7 unchanged, 0 in conflict" out
'

test_done
