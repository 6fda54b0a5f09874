#!/bin/sh
# docket import on exports written by the tools themselves (see
# tests/fixtures/import/real/README.md): every record becomes one item
# with its source, the counts are checked against the raw files (read
# with Python's csv and json modules and facts.py, never with docket),
# and importing the same export again adds nothing and makes no commit.
. "$DOCKET_TESTS/cli/lib.sh"

REAL="$DOCKET_TESTS/fixtures/import/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null &&
	relax_required "$1"
}

# again DIR KIND SOURCE N: a second import of the same export reports
# 0 added and N unchanged, and makes no commit
again() {
	git -C "$1" rev-parse HEAD >"$1.before" &&
	docket -C "$1" import "$2" "$3" >"$1.again" 2>"$1.again.err" &&
	grep -qx "0 added, 0 updated, $4 unchanged, 0 in conflict" "$1.again" &&
	grep -qx "Nothing changed: no commit" "$1.again" &&
	git -C "$1" rev-parse HEAD >"$1.after" &&
	test_cmp "$1.before" "$1.after" &&
	git_clean "$1"
}

# jira_facts CSV DIR: the raw file's issues, comments, resolutions and
# sprints against the items in DIR/backlog
cat >jira_facts.py <<'PY'
import csv, glob, json, re, subprocess, sys
path, backlog, facts_py = sys.argv[1:4]
f = json.loads(subprocess.run([sys.executable, facts_py, "--json", path],
                              capture_output=True, check=True).stdout)[0]
with open(path, newline="", encoding="utf-8-sig") as fh:
    rows = list(csv.reader(fh))
head, rows = rows[0], rows[1:]
key = head.index("Issue key")
kind = head.index("Issue Type")
keys = {r[key] for r in rows if r[kind] != "Epic"}
items = [open(p, encoding="utf-8").read() for p in glob.glob(backlog + "/*.md")]
def fm(t, k):
    m = re.search(r"^%s: (.*)$" % k, t.split("\n---\n")[0], re.M)
    return m.group(1) if m else None
got = {fm(t, "source") for t in items}
checks = {
    "items": (len(items), len(keys)),
    "sources": (sorted(got), sorted("jira " + k for k in keys)),
    "comments": (sum(len(re.findall(r"^- ", m, re.M)) for t in items for m in
                     re.findall(r"<!-- docket:import comments -->\n(.*?)<!-- /docket:import -->",
                                t, re.S)),
                 f["comments"]["cells"]),
    "finished": (sum(fm(t, "finished") is not None for t in items),
                 f["resolution"]["resolved_date_rows"]),
    "sprint notes": (sum(bool(re.search(r"^- Sprint: ", t, re.M)) for t in items),
                     f["sprint"]["rows"]),
}
bad = {k: v for k, v in checks.items() if v[0] != v[1]}
print("ok" if not bad else bad)
PY

for x in planeso-tes clearcorrect-cccsg; do
	test_expect "jira $x: one item per issue, comments, resolved dates, sprints" '
		fresh '$x' &&
		docket -C '$x' import jira "$REAL/jira/'$x'/Jira.csv" >out 2>err &&
		python3 jira_facts.py "$REAL/jira/'$x'/Jira.csv" '$x'/backlog \
			"$REAL/facts.py" >got &&
		cat got && test "$(cat got)" = ok
	'
	test_expect "jira $x: the same export again adds nothing" '
		n=$(ls '$x'/backlog/*.md | wc -l) &&
		again '$x' jira "$REAL/jira/'$x'/Jira.csv" "$n"
	'
done

cat >trello_facts.py <<'PY'
import glob, json, re, subprocess, sys
path, backlog, facts_py = sys.argv[1:4]
f = json.loads(subprocess.run([sys.executable, facts_py, "--json", path],
                              capture_output=True, check=True).stdout)[0]
board = json.load(open(path, encoding="utf-8"))
lists = {l["id"]: l for l in board["lists"]}
# the documented default of each of this board's list names
status_of = {"Backlog/Future Work/Ideas": "idea", "To Do": "ready",
             "In Progress": "doing", "Ready to merge": "doing",
             "Ready for QA": "doing", "Done": "done"}
want = {}
for c in board["cards"]:
    l = lists[c["idList"]]
    st = status_of.get(l["name"], "idea")
    if (c["closed"] or l["closed"]) and st != "done":
        st = "stopped"
    want[c["id"]] = st
items = [open(p, encoding="utf-8").read() for p in glob.glob(backlog + "/*.md")]
def fm(t, k):
    m = re.search(r"^%s: (.*)$" % k, t.split("\n---\n")[0], re.M)
    return m.group(1) if m else None
got = {fm(t, "source"): fm(t, "status") for t in items}
# checklists are "### NAME" headings followed by task-list lines
heads, boxes = 0, []
for t in items:
    inside = False
    for l in t.split("\n---\n", 1)[1].splitlines():
        if l.startswith("### "):
            heads += 1
            inside = True
        elif l.startswith("## ") or l.startswith("<!-- "):
            inside = False
        elif inside and re.match(r"- \[[ x]\] ", l):
            boxes.append(l)
checks = {
    "items": (len(items), f["records"]),
    "statuses": (got, {"trello " + k: v for k, v in want.items()}),
    "checklists": (heads, f["checklists"]["total"]),
    "check items": (len(boxes), f["checklists"]["items"]),
    "checked": (sum(b.startswith("- [x]") for b in boxes),
                f["checklists"]["items_complete"]),
    "due": (sum(fm(t, "due") is not None for t in items),
            f["due"]["cards_with_due"]),
}
bad = {k: v for k, v in checks.items() if v[0] != v[1]}
print("ok" if not bad else bad)
PY

test_expect 'trello gocd: one item per card, statuses by list, checklists, due dates' '
	fresh gocd &&
	docket -C gocd import trello "$REAL/trello/gocd-test-drive/trello.json" >out 2>err &&
	python3 trello_facts.py "$REAL/trello/gocd-test-drive/trello.json" gocd/backlog \
		"$REAL/facts.py" >got &&
	cat got && test "$(cat got)" = ok
'

test_expect 'trello gocd: the same export again adds nothing' '
	again gocd trello "$REAL/trello/gocd-test-drive/trello.json" 122
'

test_expect 'trello gocd: two cards changed in Trello: exactly those two are updated' '
	python3 - "$REAL/trello/gocd-test-drive/trello.json" <<-\EOF &&
	import json, sys
	b = json.load(open(sys.argv[1], encoding="utf-8"))
	b["cards"][3]["name"] += " (renamed)"
	b["cards"][40]["desc"] = "A description written in Trello later."
	json.dump(b, open("gocd2.json", "w", encoding="utf-8"))
	print(b["cards"][3]["id"], b["cards"][40]["id"], file=open("changed.ids", "w"))
	EOF
	docket -C gocd import trello "$TRASH/gocd2.json" >out 2>err &&
	grep -qx "0 added, 2 updated, 120 unchanged, 0 in conflict" out &&
	git -C gocd show --name-only --format= HEAD >files &&
	test "$(wc -l <files)" = 2 &&
	for id in $(cat changed.ids); do
		grep -qx "source: trello $id" $(sed "s|^|gocd/|" files) || exit 1
	done
'

test_expect 'trello clipkit: 67 cards, the same export again adds nothing' '
	fresh ja &&
	docket -C ja import trello "$REAL/trello/clipkit-ja/trello.json" >out 2>err &&
	test "$(grep -l "^source: trello [0-9a-f]\{24\}$" ja/backlog/*.md | wc -l)" = \
	     "$(python3 "$REAL/facts.py" --json "$REAL/trello/clipkit-ja/trello.json" |
		python3 -c "import json,sys; print(json.load(sys.stdin)[0][\"records\"])")" &&
	again ja trello "$REAL/trello/clipkit-ja/trello.json" 67
'

test_expect 'backlog-md: one item per task file, the same folder again adds nothing' '
	fresh bmd &&
	docket -C bmd import backlog-md "$REAL/backlog-md/backlog-md-project/backlog" >out 2>err &&
	n=$(python3 "$REAL/facts.py" --json "$REAL/backlog-md/backlog-md-project/backlog" |
	    python3 -c "import json,sys; print(json.load(sys.stdin)[0][\"task_files\"])") &&
	test "$(grep -l "^source: backlog-md " bmd/backlog/*.md | wc -l)" = "$n" &&
	again bmd backlog-md "$REAL/backlog-md/backlog-md-project/backlog" "$n"
'

test_done
