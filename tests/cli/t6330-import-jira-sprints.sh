#!/bin/sh
# docket import jira: sprints become cycle files named after them,
# committing the items they held, with dates inferred from the items'
# dates (docs/import.md, jira, "Sprints"); importing again adds no cycle and moves no date, and
# a new issue of a sprint joins its cycle.  The real exports' sprints
# are counted from the raw files.
. "$DOCKET_TESTS/cli/lib.sh"

REAL="$DOCKET_TESTS/fixtures/import/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null
}

cat >sprints.py <<'PY'
import csv, glob, re, sys
path, backlog = sys.argv[1:3]
with open(path, newline="", encoding="utf-8-sig") as fh:
    rows = list(csv.reader(fh))
head, rows = rows[0], rows[1:]
key = head.index("Issue key")
sc = [i for i, h in enumerate(head) if h == "Sprint"]
def slug(s):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", s.lower())).strip("-")
def fm(t, k):
    m = re.search(r"^%s: (.*)$" % k, t.split("\n---\n")[0], re.M)
    return m.group(1) if m else None
items = {}
for p in glob.glob(backlog + "/*.md"):
    t = open(p, encoding="utf-8").read()
    items[fm(t, "source")[5:]] = t
want, last = {}, {}
for r in rows:
    names = [r[i] for i in sc if r[i]]
    for n in names:
        want.setdefault(slug(n), set()).add(fm(items[r[key]], "id"))
    last[r[key]] = slug(names[-1]) if names else None
bad = []
for name, ids in want.items():
    t = open("%s/cycles/%s.md" % (backlog, name), encoding="utf-8").read()
    got = set(x.strip() for x in fm(t, "committed").strip("[]").split(","))
    if got != ids:
        bad.append((name, sorted(ids ^ got)))
    if not fm(t, "start") <= fm(t, "end"):
        bad.append((name, "dates"))
for k, c in last.items():
    if fm(items[k], "cycle") is not None:
        bad.append((k, "cycle:", fm(items[k], "cycle")))
files = sorted(p.rsplit("/", 1)[1][:-3] for p in glob.glob(backlog + "/cycles/*.md"))
print(files if not bad and files == sorted(want) else bad)
PY

test_expect 'jira planeso-tes: one sprint, one cycle holding its 18 issues' '
	fresh p &&
	docket -C p import jira "$REAL/jira/planeso-tes/Jira.csv" >out 2>err &&
	python3 sprints.py "$REAL/jira/planeso-tes/Jira.csv" p/backlog >got &&
	cat got && test "$(cat got)" = "['"'"'tes-sprint-1'"'"']" &&
	git_clean p &&
	docket -C p check >chk 2>&1 || :
	! grep "cycles/\|\[ref-unknown\]" chk
'

test_expect 'jira clearcorrect-cccsg: three sprints, carried-over issues in each' '
	fresh c &&
	docket -C c import jira "$REAL/jira/clearcorrect-cccsg/Jira.csv" >out 2>err &&
	python3 sprints.py "$REAL/jira/clearcorrect-cccsg/Jira.csv" c/backlog >got &&
	cat got &&
	test "$(cat got)" = "['"'"'cccsg-sprint-1'"'"', '"'"'cccsg-sprint-2'"'"', '"'"'cccsg-sprint-3'"'"']" &&
	docket -C c check >chk 2>&1 || :
	! grep "cycles/\|\[ref-unknown\]" chk
'

test_expect 'the same export again: no new cycle, no commit' '
	git -C c rev-parse HEAD >before &&
	docket -C c import jira "$REAL/jira/clearcorrect-cccsg/Jira.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 127 unchanged, 0 in conflict" out &&
	git -C c rev-parse HEAD >after &&
	test_cmp before after
'

H="Summary,Issue key,Issue id,Issue Type,Status,Created,Resolved,Sprint,Sprint"
{
	echo "$H"
	echo "Brief,CAMP-1,1,Task,Done,01/Oct/26 9:00 AM,05/Nov/26 10:00 AM,Wave 1,"
	echo "Copy,CAMP-2,2,Task,Done,01/Oct/26 9:00 AM,10/Nov/26 10:00 AM,Wave 1,"
	echo "Video,CAMP-3,3,Task,In Progress,02/Oct/26 9:00 AM,,Wave 1,Wave 2"
	echo "Ads,CAMP-4,4,Task,To Do,03/Oct/26 9:00 AM,,Wave 3,"
} >s1.csv

test_expect 'dates: a sprint with finished issues, then the ones after it' '
	fresh s CAMP &&
	docket -C s import jira "$TRASH/s1.csv" >out 2>err &&
	grep -qx "start: 2026-10-28" s/backlog/cycles/wave-1.md &&
	grep -qx "end: 2026-11-10" s/backlog/cycles/wave-1.md &&
	grep -qx "committed: \[CAMP-1, CAMP-2, CAMP-3\]" s/backlog/cycles/wave-1.md &&
	grep -qx "start: 2026-11-11" s/backlog/cycles/wave-2.md &&
	grep -qx "end: 2026-11-24" s/backlog/cycles/wave-2.md &&
	grep -qx "committed: \[CAMP-3\]" s/backlog/cycles/wave-2.md &&
	grep -qx "start: 2026-11-25" s/backlog/cycles/wave-3.md &&
	grep -qx -- "- Sprint: Wave 1, Wave 2" s/backlog/CAMP-3.md
'

test_expect 'a new issue joins its sprint'"'"'s cycle; dates set here stay' '
	sed "s/^start: .*/start: 2026-11-12/" s/backlog/cycles/wave-2.md >t &&
	mv t s/backlog/cycles/wave-2.md &&
	git -C s commit -qam "the real start of wave 2" &&
	{ cat s1.csv; echo "Landing page,CAMP-5,5,Task,To Do,04/Oct/26 9:00 AM,,Wave 2,"; } >s2.csv &&
	docket -C s import jira "$TRASH/s2.csv" >out 2>err &&
	grep -qx "1 added, 0 updated, 4 unchanged, 0 in conflict" out &&
	id=$(grep -lx "source: jira CAMP-5" s/backlog/*.md | sed "s|.*/||; s|\.md$||") &&
	grep -qx "committed: \[CAMP-3, $id\]" s/backlog/cycles/wave-2.md &&
	grep -qx "start: 2026-11-12" s/backlog/cycles/wave-2.md &&
	git -C s show --name-only --format= HEAD | grep -qx "backlog/cycles/wave-2.md" &&
	git_clean s
'

test_done
