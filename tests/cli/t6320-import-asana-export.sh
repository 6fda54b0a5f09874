#!/bin/sh
# docket import asana on a file in the shape of Asana's own CSV export
# (tests/fixtures/import/asana-export: constructed from the documented
# columns, as its README says; no permissively licensed real export
# exists).  Every non-empty cell of every column either lands in its
# item (front matter, body or a note) or its column is named in the
# report; the three columns dropped by default are the documented ones,
# and what they hold is still in the item another way.  Counted from
# the raw file with Python's csv module.
. "$DOCKET_TESTS/cli/lib.sh"

FX="$DOCKET_TESTS/fixtures/import/asana-export"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null
}

cat >cells.py <<'PY'
import csv, glob, re, sys
path, backlog, report = sys.argv[1:4]
rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
items = {}
for p in glob.glob(backlog + "/*.md"):
    t = open(p, encoding="utf-8").read()
    items[re.search(r"^source: asana (.*)$", t, re.M).group(1)] = t
report = open(report, encoding="utf-8").read()
def fm(t, k):
    m = re.search(r"^%s: (.*)$" % k, t.split("\n---\n")[0], re.M)
    return m.group(1).strip('"') if m else None
def flist(t, k):
    v = fm(t, k)
    return [x.strip().strip('"') for x in v.strip("[]").split(",")] if v else []
def note(k):
    return lambda v, t, r: ("\n- %s: %s\n" % (k, v)) in t
def docket_id(src):
    return fm(items[src], "id")
section = {"(no section)": "idea", "To do": "ready", "Doing": "doing",
           "Backlog": "idea", "Ideas": "idea", "Done": "done",
           "Cancelled": "stopped"}
def status(v, t, r):
    want = section.get(v)
    if r["Completed At"] and want != "stopped":
        want = "done"
    if want is None:        # no docket status: the default, and a note
        return fm(t, "status") == "idea" and note("Section/Column")(v, t, r)
    # or an idea that says what it was (valid on arrival)
    return fm(t, "status") == want or (fm(t, "status") == "idea" and
        ("\n- Came in as idea, not %s:" % want) in t)
unmapped = re.search(r"^Fields no mapping names were not imported: (.*)$", report, re.M)
unmapped = re.findall(r"'([^']*)'", unmapped.group(1)) if unmapped else []
lands = {
    "Task ID": lambda v, t, r: True,        # the item was found by it
    "Created At": lambda v, t, r: fm(t, "created") == v,
    "Completed At": lambda v, t, r: fm(t, "finished") == v,
    "Name": lambda v, t, r: fm(t, "title") == v,
    "Section/Column": status,
    "Tags": lambda v, t, r: flist(t, "tags") == [x.strip() for x in v.split(",")],
    "Notes": lambda v, t, r: all(l in t.split("\n---\n", 1)[1] for l in v.splitlines()),
    "Blocked By (Dependencies)": lambda v, t, r: flist(t, "depends_on") == [docket_id(v)],
    "Assignee": note("Assignee"), "Start Date": note("Start Date"),
    "Due Date": lambda v, t, r: fm(t, "due") == v, "Projects": note("Projects"),
    "Parent task": note("Parent task"), "Priority": note("Priority"),
    "Status": note("Status"),
}
# dropped by default (docs/import.md), and why nothing is lost
dropped = {
    "Last Modified": lambda v, t, r: True,   # git keeps docket's own
    "Assignee Email": lambda v, t, r: note("Assignee")(r["Assignee"], t, r),
    "Blocking (Dependencies)":
        lambda v, t, r: fm(t, "id") in flist(items[v], "depends_on"),
}
bad, count = [], {"landed": 0, "dropped": 0, "reported": 0}
for r in rows:
    t = items.get(r["Task ID"])
    if t is None:
        bad.append(("no item", r["Task ID"]))
        continue
    for col, v in r.items():
        if not v.strip():
            continue
        if col in lands:
            ok, kind = lands[col](v, t, r), "landed"
        elif col in dropped:
            ok, kind = dropped[col](v, t, r), "dropped"
        else:
            ok, kind = col in unmapped, "reported"
        count[kind] += 1
        if not ok:
            bad.append((r["Task ID"], col, v))
print(len(items), count if not bad else bad, sorted(unmapped))
PY

test_expect 'asana export: every cell lands or its column is reported' '
	fresh a &&
	docket -C a import asana "$FX/asana.csv" >out 2>err &&
	python3 cells.py "$FX/asana.csv" a/backlog out >got &&
	cat got &&
	echo "14 {'"'"'landed'"'"': 123, '"'"'dropped'"'"': 22, '"'"'reported'"'"': 15} ['"'"'Channel'"'"', '"'"'Estimated time'"'"']" >want &&
	test_cmp want got
'

test_expect 'asana export: the custom field Status is a note, not the status' '
	f=$(grep -lx "source: asana 1209100200300405" a/backlog/*.md) &&
	{ grep -qx "status: doing" "$f" || grep -q "^- Came in as idea, not doing:" "$f"; } &&
	grep -qx -- "- Status: At risk" "$f"
'

test_expect 'asana export: an unknown section is warned about once and kept' '
	test "$(grep -c "status .Waiting on legal. has no docket status" err)" = 1 &&
	grep -qx -- "- Section/Column: Waiting on legal" a/backlog/*.md
'

test_expect 'asana export: the same export again adds nothing' '
	git -C a rev-parse HEAD >before &&
	docket -C a import asana "$FX/asana.csv" >out 2>err &&
	grep -qx "0 added, 0 updated, 14 unchanged, 0 in conflict" out &&
	git -C a rev-parse HEAD >after &&
	test_cmp before after
'

test_done
