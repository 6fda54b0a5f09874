#!/bin/sh
# docket import: each source's fixture into a fresh backlog (files,
# ORDER, one commit with exactly those paths), mapping files, errors.
. "$DOCKET_TESTS/cli/lib.sh"

FX="$DOCKET_TESTS/fixtures/import"

# fresh NAME [PREFIX]: a new repository with a docket backlog
fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null &&
	relax_required "$1"
}

# ids DIR: the ids of ORDER, one line
ids() {
	grep -v '^#' "$1/backlog/ORDER" | tr '\n' ' '
}

# no_syntax DIR: docket check finds no syntax error
no_syntax() {
	docket -C "$1" check --format json >"$1.check" || true
	grep -q '"findings"' "$1.check" &&
	! grep -q '"rule": "syntax"' "$1.check"
}

test_expect 'jira: items, ORDER by Rank, epics as campaigns, one commit' '
	fresh j CAMP &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -q "^Imported 7 items from Jira: CAMP-1 to CAMP-7" out &&
	grep -q "epic CAMP-1: not an item; its issues have campaign .spring-launch." out &&
	test "$(ids j)" = "CAMP-1 CAMP-2 CAMP-3 CAMP-4 " &&
	test "$(git -C j rev-list --count HEAD)" = 2 &&
	test "$(git -C j log -1 --format=%s)" = "Import 7 items from jira" &&
	git -C j show --name-only --format= HEAD | sort >files &&
	printf "backlog/CAMP-%s.md\n" 1 2 3 4 5 6 7 >want &&
	echo backlog/ORDER >>want &&
	printf "backlog/cycles/camp-sprint-%s.md\n" 4 5 >>want &&
	test_cmp want files &&
	test -z "$(git -C j status --porcelain)" &&
	grep -qx "title: Landing page copy for the banking app" j/backlog/CAMP-1.md &&
	grep -qx "campaign: spring-launch" j/backlog/CAMP-1.md &&
	grep -qx "effort: 5" j/backlog/CAMP-1.md &&
	grep -qx "title: \"Newsletter: December issue\"" j/backlog/CAMP-2.md &&
	grep -qx "depends_on: \[CAMP-1\]" j/backlog/CAMP-2.md &&
	grep -qx "status: blocked" j/backlog/CAMP-3.md &&
	grep -qx "created: 2026-11-24" j/backlog/CAMP-4.md &&
	grep -qx "tags: \[video, social\]" j/backlog/CAMP-4.md &&
	grep -qx "Script: \"Banking, but fast\", then the app screens." j/backlog/CAMP-4.md &&
	grep -qx "stop_reason: Resolution Won.t Do in Jira" j/backlog/CAMP-5.md &&
	grep -qx "status: done" j/backlog/CAMP-6.md &&
	grep -qx "status: idea" j/backlog/CAMP-7.md &&
	grep -qx -- "- Assignee: Sam Lee" j/backlog/CAMP-2.md &&
	! grep -q "^assignee:" j/backlog/*.md &&
	no_syntax j
'

test_expect 'jira: list shows the imported order' '
	docket -C j list --all --format plain | cut -f1,2 >got &&
	printf "1\tCAMP-1\n2\tCAMP-2\n3\tCAMP-3\n4\tCAMP-4\n-\tCAMP-5\n-\tCAMP-6\n-\tCAMP-7\n" >want &&
	test_cmp want got
'

test_expect 'jira: the same export again adds nothing and makes no commit' '
	git -C j rev-parse HEAD >before &&
	docket -C j import jira "$FX/jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 7 unchanged, 0 in conflict" out &&
	grep -qx "Nothing changed: no commit" out &&
	git -C j rev-parse HEAD >after &&
	test_cmp before after &&
	test "$(ids j)" = "CAMP-1 CAMP-2 CAMP-3 CAMP-4 " &&
	test "$(ls j/backlog/CAMP-*.md | wc -l)" = 7
'

test_expect 'jira: id: keep keeps the issue keys' '
	fresh k CAMP &&
	printf "id: keep\nstatus:\n  Backlog: ready\n" >k.map &&
	docket -C k import jira "$FX/jira.csv" --map "$TRASH/k.map" >out 2>err &&
	test "$(ids k)" = "CAMP-5 CAMP-3 CAMP-7 CAMP-2 CAMP-8 " &&
	grep -qx "title: Short video teaser for the banking app" k/backlog/CAMP-2.md &&
	! test -e k/backlog/CAMP-1.md
'

test_expect 'trello: ORDER by list then pos; archived cards stopped' '
	fresh t &&
	docket -C t import trello "$FX/trello.json" >out 2>err &&
	grep -q "^Imported 8 items from Trello" out &&
	test "$(ids t)" = "MKT-3 MKT-4 MKT-5 MKT-6 " &&
	grep -qx "title: Customer story video" t/backlog/MKT-3.md &&
	grep -qx "title: \"Instagram carousel: five saving tips\"" t/backlog/MKT-4.md &&
	grep -qx -- "- \[x\] Copy approved" t/backlog/MKT-4.md &&
	grep -qx "created: 2026-11-19" t/backlog/MKT-4.md &&
	grep -qx "status: doing" t/backlog/MKT-6.md &&
	grep -qx "stop_reason: Archived in Trello" t/backlog/MKT-2.md &&
	grep -qx "status: done" t/backlog/MKT-7.md &&
	test "$(git -C t log -1 --format=%s)" = "Import 8 items from trello" &&
	no_syntax t
'

test_expect 'asana: completed tasks done, sections as statuses, dependencies' '
	fresh a &&
	docket -C a import asana "$FX/asana.csv" >out 2>err &&
	test "$(ids a)" = "MKT-1 MKT-2 MKT-3 MKT-6 " &&
	grep -qx "depends_on: \[MKT-3\]" a/backlog/MKT-1.md &&
	grep -qx "tags: \[web, launch\]" a/backlog/MKT-1.md &&
	grep -qx "status: done" a/backlog/MKT-4.md &&
	grep -qx "finished: 2026-11-15" a/backlog/MKT-4.md &&
	grep -qx "status: idea" a/backlog/MKT-5.md &&
	grep -qx -- "- Parent task: Book the webinar speakers" a/backlog/MKT-6.md &&
	no_syntax a
'

test_expect 'csv: docket fields by name, unmapped columns reported, --map' '
	fresh c &&
	docket -C c --no-commit import csv "$FX/generic.csv" >out 2>err &&
	grep -q "not imported: .Channel." out &&
	test "$(git -C c rev-list --count HEAD)" = 1 &&
	test "$(ids c)" = "MKT-1 MKT-2 MKT-3 " &&
	grep -qx "customer_value: 7" c/backlog/MKT-2.md &&
	grep -qx "created: 2026-11-24" c/backlog/MKT-3.md &&
	grep -qx "stop_reason: won.t do in CSV" c/backlog/MKT-5.md &&
	fresh c2 &&
	printf "fields:\n  Channel: channel\nset:\n  campaign: winter\n" >c.map &&
	docket -C c2 import csv "$FX/generic.csv" --map "$TRASH/c.map" >out 2>err &&
	! grep -q "not imported: .Channel." out &&
	grep -qx "  Channel: 3 → channel" out &&
	grep -qx "channel: social" c2/backlog/MKT-2.md &&
	grep -qx "campaign: winter" c2/backlog/MKT-4.md
'

test_expect 'backlog-md: recovered files warned with line and column, skips named' '
	fresh b &&
	docket -C b import backlog-md "$FX/backlog-md" >out 2>err &&
	grep -q "^Imported 8 items from Backlog.md" out &&
	grep -q "^2 of the records were read with repairs" out &&
	grep -q "task-2 - Plan-the-webinar.md:5:11: warning: front matter is not valid YAML" err &&
	grep -q "task-4 - Fix-the-press-kit.md:4:7: warning: .*file name" err &&
	grep -q "tasks/readme.md: a readme" out &&
	grep -q "docs/doc-1 - Brand-voice.md: a document" out &&
	grep -q "milestones/m-1 - launch.md: a milestone" out &&
	grep -q "config.yml: the Backlog.md configuration" out &&
	test "$(ids b)" = "MKT-1 MKT-2 MKT-3 MKT-4 " &&
	grep -qx "title: Plan the webinar" b/backlog/MKT-1.md &&
	grep -qx "requested_by: \"@sam\"" b/backlog/MKT-1.md &&
	grep -qx "depends_on: \[MKT-4\]" b/backlog/MKT-2.md &&
	grep -qx "title: Fix the press kit" b/backlog/MKT-5.md &&
	grep -qx "title: \[Fix the press kit" b/backlog/MKT-5.md &&
	grep -qx "status: stopped" b/backlog/MKT-8.md &&
	no_syntax b
'

test_expect 'backlog-md: an unreadable task is named, the rest committed, exit 1' '
	cp -R "$FX/backlog-md" bm &&
	printf -- "---\nid: task-9\ntitle: caf\351\n---\n" >"bm/tasks/task-9 - Latin.md" &&
	fresh b2 &&
	expect_code 1 docket -C b2 import backlog-md "$TRASH/bm" >out 2>err &&
	grep -q "error: 1 could not be imported" err &&
	grep -q "task-9 - Latin.md:3: not valid UTF-8 (column 11)" err &&
	test "$(git -C b2 log -1 --format=%s)" = "Import 8 items from backlog-md" &&
	git -C b2 log -1 --format=%b | grep -q "Not imported: .*task-9 - Latin.md"
'

test_expect 'backlog-md: the project folder holding backlog/ works too' '
	mkdir -p proj && cp -R "$FX/backlog-md" proj/backlog &&
	fresh b3 &&
	docket -C b3 import backlog-md "$TRASH/proj" >out 2>err &&
	grep -q "^Imported 8 items" out
'

test_expect 'usage errors and unreadable input exit 2 and write nothing' '
	fresh e &&
	expect_code 2 docket -C e import 2>err &&
	expect_code 2 docket -C e import monday x.csv 2>err &&
	grep -q "unknown source .monday." err &&
	expect_code 2 docket -C e import jira missing.csv 2>err &&
	grep -q "missing.csv" err &&
	expect_code 2 docket -C e import backlog-md "$FX/jira.csv" 2>err &&
	grep -q "is not a folder" err &&
	expect_code 2 docket -C e import trello "$FX/jira.csv" 2>err &&
	grep -q "jira.csv:1:1: error: not valid JSON" err &&
	expect_code 2 docket -C e import jira "$FX/generic.csv" 2>err &&
	grep -q "generic.csv:1: error: this is not a Jira CSV export" err &&
	expect_code 2 docket -C e import asana "$FX/trello.json" 2>err &&
	grep -q "trello.json:1: error: this is not an Asana CSV export: it has no Name column" err &&
	printf "status:\n  Open: started\n" >bad.map &&
	expect_code 2 docket -C e import jira "$FX/jira.csv" --map "$TRASH/bad.map" 2>err &&
	grep -q "bad.map:2:9: error: .started. is not a docket status" err &&
	test "$(git -C e rev-list --count HEAD)" = 1 &&
	test -z "$(git -C e status --porcelain)"
'

test_expect 'an ORDER with uncommitted edits is refused' '
	fresh d &&
	echo "# my notes" >>d/backlog/ORDER &&
	expect_code 1 docket -C d import jira "$FX/jira.csv" >out 2>err &&
	grep -q "backlog/ORDER has uncommitted changes" err &&
	test "$(git -C d rev-list --count HEAD)" = 1 &&
	docket -C d --include-dirty import jira "$FX/jira.csv" >out 2>err &&
	git -C d show HEAD:backlog/ORDER | grep -q "# my notes"
'

test_expect 'outside a backlog: exit 2' '
	mkdir nob &&
	expect_code 2 docket -C nob import jira "$FX/jira.csv" 2>err &&
	grep -q "not in a docket backlog" err
'
test_done
