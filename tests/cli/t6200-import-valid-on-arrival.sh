#!/bin/sh
# docket import is validated like every write (issue 18 point 3, issue
# 16): under the default rules of `docket init`, a record that cannot be
# an item of its status comes in as an idea with a note saying what
# check needs first, a value check rejects goes to a note, a record that
# cannot be valid at all is named and left out, and `docket check` after
# the import of every real export finds 0 errors.
. "$DOCKET_TESTS/cli/lib.sh"

FX="$DOCKET_TESTS/fixtures/import"
REAL="$FX/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null
}

# clean DIR: docket check finds no error in DIR (warnings may be)
clean() {
	docket -C "$1" check --format json >"$1.check" 2>&1
	rc=$?
	python3 - "$1.check" <<-\EOF || return 1
	import json, sys
	r = json.load(open(sys.argv[1]))
	errs = [f for f in r["findings"] if f["severity"] == "error"]
	for f in errs[:5]:
	    print(f, file=sys.stderr)
	sys.exit(1 if errs else 0)
	EOF
	test "$rc" = 0
}

# notes DIR: the number of items with a "Came in as idea" note
notes() {
	grep -l "^- Came in as idea, not [a-z]*: docket check needs more first (" \
		"$1"/backlog/*.md | wc -l
}

for x in "trello trello/gocd-test-drive/trello.json" \
	 "trello trello/clipkit-ja/trello.json" \
	 "jira jira/planeso-tes/Jira.csv" \
	 "jira jira/clearcorrect-cccsg/Jira.csv" \
	 "backlog-md backlog-md/backlog-md-project/backlog"; do
	kind=${x%% *} file=${x#* } d=$(echo "$file" | tr / _)
	test_expect "$kind $file: check finds 0 errors after the import" '
		fresh '$d' &&
		docket -C '$d' import '$kind' "$REAL/'$file'" >'$d'.out 2>'$d'.err &&
		clean '$d' &&
		n=$(notes '$d') &&
		if test "$n" = 0; then
			! grep -q "came in as idea" '$d'.out
		else
			grep -q "^$n came in as ideas\{0,1\}: docket check would reject" '$d'.out
		fi &&
		git_clean '$d'
	'
	test_expect "$kind $file: the same export again changes nothing" '
		git -C '$d' rev-parse HEAD >before &&
		docket -C '$d' import '$kind' "$REAL/'$file'" >again 2>&1 &&
		grep -q "^0 added, 0 updated, [0-9]* unchanged, 0 in conflict$" again &&
		git -C '$d' rev-parse HEAD >after &&
		test_cmp before after
	'
done

test_expect 'an item check would reject comes in as an idea, keeps its rank, says why' '
	fresh j CAMP &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "status: idea" j/backlog/CAMP-3.md &&
	grep -qx "blocked_reason: .*" j/backlog/CAMP-3.md &&
	grep -qx -- "- Came in as idea, not blocked: docket check needs more first (required: effort, customer_value, business_value)" \
		j/backlog/CAMP-3.md &&
	grep -qx -- "- Came in as idea, not ready: docket check needs more first (required: customer_value, business_value)" \
		j/backlog/CAMP-1.md &&
	grep -qx "effort: 5" j/backlog/CAMP-1.md &&
	grep -qx "status: stopped" j/backlog/CAMP-5.md &&
	! grep -q "Came in as idea" j/backlog/CAMP-5.md &&
	test "$(grep -v "^#" j/backlog/ORDER | tr "\n" " ")" = "CAMP-1 CAMP-2 CAMP-3 CAMP-4 " &&
	grep -q "^5 came in as ideas: docket check would reject them" out &&
	clean j
'

test_expect 'an experiment without hypothesis, metric and target comes in as an idea' '
	fresh x &&
	docket -C x import csv "$FX/generic.csv" >out 2>err &&
	f=$(grep -l "^title: Retargeting ads for cart abandoners$" x/backlog/*.md) &&
	grep -qx "type: experiment" $f &&
	grep -qx "status: idea" $f &&
	grep -qx "effort: 3" $f &&
	grep -qx -- "- Came in as idea, not ready: docket check needs more first (experiment is .ready. but has no hypothesis, metric or target)" $f &&
	clean x
'

test_expect 'the idea moves on as any item does; importing again keeps it' '
	docket -C j set CAMP-1 customer_value=5 business_value=6 >/dev/null 2>&1 &&
	docket -C j set CAMP-1 status=ready >/dev/null 2>&1 &&
	grep -qx "status: ready" j/backlog/CAMP-1.md &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "status: ready" j/backlog/CAMP-1.md &&
	grep -qx "customer_value: 5" j/backlog/CAMP-1.md &&
	! grep -q "Came in as idea" j/backlog/CAMP-1.md &&
	clean j &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 7 unchanged, 0 in conflict" out
'

# a backlog with a declared field region, and a mapping for it
region() {
	fresh "$1" &&
	printf "fields:\n  region: { type: string, %s }\n" "$2" >>"$1/docket.yaml" &&
	git -C "$1" commit -qam "Declare region" &&
	printf "fields:\n  region: region\n" >"$1.map"
}

test_expect 'a value check rejects goes to a note, the record comes in' '
	region v "pattern: \"^[A-Z]{2}\$\"" &&
	printf "title,status,region,effort\nBig idea,idea,Europe,3\nSmall one,idea,EU,1\n" >v.csv &&
	docket -C v import csv "$TRASH/v.csv" --map "$TRASH/v.map" >out 2>err &&
	! grep -q "^region:" v/backlog/MKT-1.md &&
	grep -qx "effort: 3" v/backlog/MKT-1.md &&
	grep -q "^- region: Europe (not kept as a field: " v/backlog/MKT-1.md &&
	grep -qx "region: EU" v/backlog/MKT-2.md &&
	grep -q "^1 value went to notes instead of fields" out &&
	clean v &&
	git_clean v
'

test_expect 'a record that cannot be valid even as an idea is named and left out' '
	region f "required_from: idea" &&
	printf "title,status,region\nWith a region,idea,EU\nWithout one,ready,\n" >f.csv &&
	{ docket -C f import csv "$TRASH/f.csv" --map "$TRASH/f.map" >out 2>err; test $? = 1; } &&
	grep -q "1 could not be imported" err &&
	grep -q "f.csv:3: row 3 would not pass docket check: missing required field .region." err &&
	! grep -q "came in as idea" out &&
	test "$(ls f/backlog/MKT-*.md)" = "f/backlog/MKT-1.md" &&
	grep -qx "region: EU" f/backlog/MKT-1.md &&
	clean f &&
	git_clean f
'

test_expect 'a record that names one left out keeps the reference as a note' '
	region d "required_from: idea" &&
	printf "fields:\n  region: region\n  depends on: depends_on\n" >d.map &&
	printf "id,title,status,region,depends on\n1,One,idea,,\n2,Two,idea,US,1\n" >d.csv &&
	{ docket -C d import csv "$TRASH/d.csv" --map "$TRASH/d.map" --id-column id >out 2>err; test $? = 1; } &&
	grep -q "d.csv:2: row 2 would not pass docket check" err &&
	! grep -q "row 3" err &&
	grep -q "^- depends_on: MKT-1 (not kept as a field: " d/backlog/MKT-2.md &&
	! grep -q "^depends_on:" d/backlog/MKT-2.md &&
	grep -qx "  depends on: 1 → a note" out &&
	clean d &&
	git_clean d
'

test_expect 'importing again: an update check would reject is left out and named' '
	region h "required_from: idea" &&
	printf "id,title,status,region\n1,One,idea,EU\n2,Two,idea,US\n" >h1.csv &&
	printf "id,title,status,region\n1,One renamed,idea,\n2,Two,idea,US\n3,Three,idea,FR\n" >h2.csv &&
	docket -C h import csv "$TRASH/h1.csv" --map "$TRASH/h.map" --id-column id >out 2>err &&
	docket -C h import csv "$TRASH/h2.csv" --map "$TRASH/h.map" --id-column id >out 2>err &&
	grep -qx "1 added, 0 updated, 1 unchanged, 1 in conflict" out &&
	grep -q "^  MKT-1: not updated from CSV: it would not pass docket check: missing required field .region." out &&
	grep -qx "title: One" h/backlog/MKT-1.md &&
	grep -qx "region: EU" h/backlog/MKT-1.md &&
	grep -qx "region: FR" h/backlog/MKT-3.md &&
	git -C h log -1 --format=%B | grep -q "^Not updated: MKT-1 (it would not pass docket check" &&
	docket -C h import --format json csv "$TRASH/h2.csv" --map "$TRASH/h.map" --id-column id >h.json 2>err &&
	python3 - h.json <<-\EOF &&
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	c = r["changed"]
	assert len(c) == 1 and c[0]["id"] == "MKT-1" and c[0]["outcome"] == "refused", c
	assert c[0]["refused"].startswith("it would not pass docket check"), c
	EOF
	clean h &&
	git_clean h
'

test_expect '--dry-run says the same and writes nothing' '
	fresh n CAMP &&
	docket -C n import --dry-run jira "$FX/jira.csv" >out 2>err &&
	grep -q "^5 would come in as ideas: docket check would reject them" out && ! grep -q "came in as" out &&
	test "$(git -C n rev-list --count HEAD)" = 1 &&
	! ls n/backlog/CAMP-*.md 2>/dev/null
'

test_done
