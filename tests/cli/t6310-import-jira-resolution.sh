#!/bin/sh
# docket import jira: Resolution and Resolved are never dropped (a
# stopped item's stop_reason, else a note; the Resolved date is the
# finished date of a closed item, a note on an open one), and each
# Attachment is a link in the item's "## Attachments" section, which a
# re-import keeps up to date without touching text written here.  The
# real exports' resolutions, dates and attachments are counted from the
# raw files.
. "$DOCKET_TESTS/cli/lib.sh"

REAL="$DOCKET_TESTS/fixtures/import/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null
}

cat >facts.py <<'PY'
import csv, datetime, glob, re, sys
path, backlog = sys.argv[1:3]
with open(path, newline="", encoding="utf-8-sig") as fh:
    rows = list(csv.reader(fh))
head, rows = rows[0], rows[1:]
col = {h: i for i, h in reversed(list(enumerate(head)))}
att = [i for i, h in enumerate(head) if h == "Attachment"]
items = {}
for p in glob.glob(backlog + "/*.md"):
    t = open(p, encoding="utf-8").read()
    m = re.search(r"^source: jira (.*)$", t, re.M)
    items[m.group(1)] = t
def fm(t, k):
    m = re.search(r"^%s: (.*)$" % k, t.split("\n---\n")[0], re.M)
    return m.group(1).strip('"') if m else None
def section(t, name):
    m = re.search(r"<!-- docket:import %s -->\n## [^\n]*\n\n(.*?)<!-- /docket:import -->"
                  % name, t, re.S)
    return re.findall(r"^- (.*)$", m.group(1), re.M) if m else []
bad, n = [], {"resolution": 0, "resolved": 0, "attachments": 0}
for r in rows:
    t = items.get(r[col["Issue key"]])
    if t is None:
        continue
    res, rd = r[col["Resolution"]], r[col["Resolved"]]
    if res:
        n["resolution"] += 1
        if ("- Resolution: %s\n" % res) not in t and res not in (fm(t, "stop_reason") or ""):
            bad.append(("resolution", r[col["Issue key"]]))
    if rd:
        n["resolved"] += 1
        day = datetime.datetime.strptime(rd.split()[0], "%d/%b/%y").date().isoformat()
        if fm(t, "finished") != day and ("- Resolved: %s\n" % day) not in t:
            bad.append(("resolved", r[col["Issue key"]]))
    cells = [r[i] for i in att if r[i]]
    got = section(t, "attachments")
    n["attachments"] += len(got)
    if len(got) != len(cells):
        bad.append(("attachments", r[col["Issue key"]], len(cells), len(got)))
    for c, g in zip(cells, got):
        name, url = c.split(";", 2)[2].rsplit(";", 1)
        if not g.startswith("[%s](%s)" % (name, url)):
            bad.append(("attachment", r[col["Issue key"]], c, g))
print(n if not bad else bad)
PY

test_expect 'jira planeso-tes: 10 resolutions, 10 dates, 3 attachments, none lost' '
	fresh p &&
	docket -C p import jira "$REAL/jira/planeso-tes/Jira.csv" >out 2>err &&
	! grep "not imported" out | grep -q "Attachment" &&
	python3 facts.py "$REAL/jira/planeso-tes/Jira.csv" p/backlog >got &&
	cat got &&
	test "$(cat got)" = "{'"'"'resolution'"'"': 10, '"'"'resolved'"'"': 10, '"'"'attachments'"'"': 3}"
'

test_expect 'jira clearcorrect-cccsg: 22 resolutions, 22 dates, 22 attachments' '
	fresh c &&
	docket -C c import jira "$REAL/jira/clearcorrect-cccsg/Jira.csv" >out 2>err &&
	python3 facts.py "$REAL/jira/clearcorrect-cccsg/Jira.csv" c/backlog >got &&
	cat got &&
	test "$(cat got)" = "{'"'"'resolution'"'"': 22, '"'"'resolved'"'"': 22, '"'"'attachments'"'"': 22}"
'

test_expect 'the same export again changes nothing' '
	git -C c rev-parse HEAD >before &&
	docket -C c import jira "$REAL/jira/clearcorrect-cccsg/Jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 127 unchanged, 0 in conflict" out &&
	git -C c rev-parse HEAD >after &&
	test_cmp before after
'

H="Summary,Issue key,Issue id,Issue Type,Status,Resolution,Resolved,Attachment,Attachment"
A1="01/Dec/26 9:00 AM;acc-1;brief v1.pdf;https://ex.atlassian.net/secure/attachment/1/brief+v1.pdf"
A2="02/Dec/26 9:00 AM;acc-2;mock.png;https://ex.atlassian.net/secure/attachment/2/mock.png"
{
	echo "$H"
	echo "Reopened work,CAMP-1,1,Task,To Do,Done,03/Dec/26 10:00 AM,,"
	echo "Dropped idea,CAMP-2,2,Task,Done,Won't Do,04/Dec/26 10:00 AM,,"
	echo "Shipped,CAMP-3,3,Task,Done,Fixed,05/Dec/26 10:00 AM,$A1,"
} >v1.csv

# st FILE STATUS: the item has the status, or came in as an idea
# saying it was that (docs/import.md, valid on arrival)
st() {
	grep -qx "status: $2" "$1" ||
		{ grep -qx "status: idea" "$1" && grep -q "^- Came in as idea, not $2:" "$1"; }
}

test_expect 'a resolution on an open issue, Won'"'"'t Do, Fixed: all kept' '
	fresh k CAMP &&
	docket -C k import jira "$TRASH/v1.csv" >out 2>err &&
	f1=$(grep -lx "source: jira CAMP-1" k/backlog/*.md) &&
	st "$f1" ready && ! grep -q "^finished:" "$f1" &&
	grep -qx -- "- Resolution: Done" "$f1" &&
	grep -qx -- "- Resolved: 2026-12-03" "$f1" &&
	f2=$(grep -lx "source: jira CAMP-2" k/backlog/*.md) &&
	st "$f2" stopped &&
	grep -q "^stop_reason: \"\{0,1\}Resolution Won'"'"'t Do in Jira" "$f2" &&
	grep -qx "finished: 2026-12-04" "$f2" &&
	f3=$(grep -lx "source: jira CAMP-3" k/backlog/*.md) &&
	st "$f3" done && grep -qx "finished: 2026-12-05" "$f3" &&
	grep -qx -- "- Resolution: Fixed" "$f3" &&
	sed -n "/^<!-- docket:import attachments -->$/,/^<!-- \/docket:import -->$/p" "$f3" >got &&
	cat >want <<-\EOF &&
	<!-- docket:import attachments -->
	## Attachments

	- [brief v1.pdf](https://ex.atlassian.net/secure/attachment/1/brief+v1.pdf), added 2026-12-01 by acc-1
	<!-- /docket:import -->
	EOF
	test_cmp want got
'

test_expect 'a new attachment in Jira reaches an item edited here; the edit stays' '
	f3=$(grep -lx "source: jira CAMP-3" k/backlog/*.md) &&
	printf "Notes written here.\n" >>"$f3" &&
	git -C k commit -qam "notes here" &&
	sed "s|^Shipped,.*|Shipped,CAMP-3,3,Task,Done,Fixed,05/Dec/26 10:00 AM,$A1,$A2|" v1.csv >v2.csv &&
	docket -C k import jira "$TRASH/v2.csv" >out 2>err &&
	grep -qx "0 added, 1 updated, 2 unchanged, 0 in conflict" out &&
	grep -qx "Notes written here." "$f3" &&
	grep -q "^- \[mock.png\](https://ex.atlassian.net/secure/attachment/2/mock.png), added 2026-12-02 by acc-2$" "$f3" &&
	test "$(grep -c "^- \[" "$f3")" = 2
'

test_expect 'attachments removed in Jira: the section goes, the edit stays' '
	f3=$(grep -lx "source: jira CAMP-3" k/backlog/*.md) &&
	sed "s|^Shipped,.*|Shipped,CAMP-3,3,Task,Done,Fixed,05/Dec/26 10:00 AM,,|" v1.csv >v3.csv &&
	docket -C k import jira "$TRASH/v3.csv" >out 2>err &&
	grep -qx "0 added, 1 updated, 2 unchanged, 0 in conflict" out &&
	! grep -q "docket:import attachments" "$f3" &&
	! grep -q "^## Attachments" "$f3" &&
	grep -qx "Notes written here." "$f3"
'

test_expect 'a first attachment reaches an item edited here' '
	f1=$(grep -lx "source: jira CAMP-1" k/backlog/*.md) &&
	printf "More here.\n" >>"$f1" &&
	git -C k commit -qam "more here" &&
	sed "s|^Reopened work,.*|Reopened work,CAMP-1,1,Task,To Do,Done,03/Dec/26 10:00 AM,$A2,|" v3.csv >v4.csv &&
	docket -C k import jira "$TRASH/v4.csv" >out 2>err &&
	grep -qx "0 added, 1 updated, 2 unchanged, 0 in conflict" out &&
	grep -qx "More here." "$f1" &&
	grep -q "^- \[mock.png\]" "$f1" &&
	docket -C k check >chk 2>&1 || :
	! grep "^${f1#k/}:" chk | grep -v "\[required\]$" | grep "error"
'

test_done
