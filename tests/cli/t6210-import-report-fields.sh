#!/bin/sh
# docket import's report, per source field (issue 18 point 1): on the
# exports written by the tools themselves, `import --format json` says
# for every field how many records have a value and where those values
# went; the counts are checked against the raw files, read with
# Python's csv and json modules and the facts script of
# tests/fixtures/import/real (never with docket), and for every field
# the destinations add up to the records: every occurrence is accounted
# for.  The text report says the same.
. "$DOCKET_TESTS/cli/lib.sh"

FX="$DOCKET_TESTS/fixtures/import"
REAL="$FX/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null
}

# facts.py KIND EXPORT REPORT: compare the report with the raw export
cat >fields.py <<'PY'
import csv, io, json, os, re, sys
kind, path, report, facts_dir = sys.argv[1:5]
sys.path.insert(0, facts_dir)
import facts
r = json.load(open(report, encoding="utf-8"))
got = {f["field"]: f for f in r["fields"]}
bad = []

# every field: its destinations add up to its records, none is empty
for f in r["fields"]:
    if sum(t["records"] for t in f["to"]) != f["records"] or f["records"] < 1:
        bad.append(("does not add up", f))
    for t in f["to"]:
        if t["to"] not in ("field", "note", "body", "section", "source", "order", "none"):
            bad.append(("unknown destination", f["field"], t))

def expect(name, n, required=True):
    f = got.get(name)
    if f is None:
        if required and n:
            bad.append(("missing from the report", name, n))
        return
    if f["records"] != n:
        bad.append(("records", name, f["records"], "raw file:", n))

if kind in ("jira", "asana", "csv"):
    header, body = facts.read_csv(path)
    cols = facts.column_facts(header, body)
    for name, c in cols.items():
        if name.strip():
            expect(name, c["rows"])
    # a field of the report that is no column is one the reader derives
    # (Jira's Campaign from an epic): never one with a column's name
    records = sum(1 for row in body if any(facts.occurs(v) for v in row))
elif kind == "trello":
    board = json.load(open(path, encoding="utf-8"))
    occ = facts.trello_facts(path)["cards_where_key_occurs"]
    by_lower = {k.lower(): k for k in got}
    # every documented card key, comments, attachments and closed too
    for key, n in occ.items():
        expect(by_lower.get(key) or key, n)
    records = len(board["cards"])
elif kind == "backlog-md":
    records = 0
    keys = {}
    for dp, dn, fn in os.walk(path):
        rel = os.path.relpath(dp, path)
        if not re.search(r"(^|/)(tasks|completed|drafts)$", rel):
            continue
        for name in fn:
            if not name.endswith(".md") or name == "readme.md":
                continue
            fm = facts.front_matter(open(os.path.join(dp, name), encoding="utf-8").read())
            if fm is None:
                continue
            records += 1
            lines = fm.split("\n")
            seen = set()
            for n, line in enumerate(lines):
                m = facts.FM_KEY.match(line)
                if not m:
                    continue
                key, rest = m.group(1), m.group(2).strip()
                nxt = lines[n + 1] if n + 1 < len(lines) else ""
                if (facts.occurs(rest) and rest not in ("[]", "''", '""')) or re.match(r"\s*- ", nxt):
                    seen.add(key)
            for k in seen:
                keys[k] = keys.get(k, 0) + 1
    for key, n in keys.items():
        expect(key, n)
items = r["items"]
# records skipped by design are records too, except Backlog.md's files
# that are no tasks (config.yml, docs...)
skipped = 0 if kind == "backlog-md" else items["skipped"]
if items["added"] + skipped + items["not_imported"] != records:
    bad.append(("records", items, "raw file:", records))
print("ok" if not bad else bad)
PY

# check DIR KIND EXPORT: import into DIR, compare the JSON report with
# the raw export, and the text report of a dry run with the JSON one
check_report() {
	fresh "$1" &&
	docket -C "$1" import --format json "$2" "$3" >"$1.json" 2>"$1.err" &&
	python3 fields.py "$2" "$3" "$1.json" "$REAL" >"$1.got" &&
	cat "$1.got" && test "$(cat "$1.got")" = ok &&
	python3 - "$1.json" >"$1.want" <<-\EOF &&
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	def where(t):
	    return {"field": t.get("name"), "note": "a note", "body": "the body",
	            "section": "the %s section" % t.get("name"),
	            "source": "source", "order": "the order",
	            "none": "not carried (%s)" % t.get("why")}[t["to"]]
	for f in r["fields"]:
	    ws = [where(t) + (" %d" % t["records"] if len(f["to"]) > 1 else "")
	          for t in f["to"]]
	    print("  %s: %d → %s" % (f["field"], f["records"], ", ".join(ws)))
	EOF
	fresh "$1.text" &&
	docket -C "$1.text" import --dry-run "$2" "$3" >"$1.out" 2>/dev/null &&
	sed -n "/^Source fields/,/^[^ ]/p" "$1.out" | grep "^  " >"$1.lines" &&
	test_cmp "$1.want" "$1.lines"
}

test_expect 'jira planeso-tes: every column with a value is in the report, counts as the raw file' '
	check_report jp jira "$REAL/jira/planeso-tes/Jira.csv"
'

test_expect 'jira clearcorrect-cccsg: every column with a value is in the report, counts as the raw file' '
	check_report jc jira "$REAL/jira/clearcorrect-cccsg/Jira.csv"
'

test_expect 'trello gocd: every card key with a value is in the report, counts as the raw file' '
	check_report tg trello "$REAL/trello/gocd-test-drive/trello.json"
'

test_expect 'trello clipkit: every card key with a value is in the report, counts as the raw file' '
	check_report tc trello "$REAL/trello/clipkit-ja/trello.json"
'

test_expect 'backlog-md: every front-matter key of a task file is in the report, counts as the files' '
	check_report bm backlog-md "$REAL/backlog-md/backlog-md-project/backlog"
'

test_expect 'asana (the constructed fixture): every column with a value, counts as the file' '
	check_report as asana "$FX/asana.csv"
'

test_expect 'csv: columns no mapping names are counted as not carried' '
	check_report cv csv "$FX/generic.csv" &&
	python3 - cv.json <<-\EOF
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	f = {x["field"]: x for x in r["fields"]}
	assert f["Channel"]["to"] == [{"to": "none", "why": "no mapping", "records": 3}], f["Channel"]
	assert f["effort"]["to"][0] == {"to": "field", "name": "effort", "records": 3}, f["effort"]
	assert r["unmapped"] == ["Channel"], r["unmapped"]
	EOF
'

test_expect 'a value validation moves to a note is counted as a note' '
	fresh v &&
	printf "fields:\n  region: { type: string, pattern: \"^[A-Z]{2}\$\" }\n" >>v/docket.yaml &&
	git -C v commit -qam "Declare region" &&
	printf "fields:\n  region: region\n" >v.map &&
	printf "title,status,region\nBig idea,idea,Europe\nSmall one,idea,EU\n" >v.csv &&
	docket -C v import --format json csv "$TRASH/v.csv" --map "$TRASH/v.map" >v.json 2>v.err &&
	python3 - v.json <<-\EOF
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	f = {x["field"]: x for x in r["fields"]}
	assert f["region"]["records"] == 2, f
	assert sorted((t["to"], t["records"]) for t in f["region"]["to"]) == \
	    [("field", 1), ("note", 1)], f["region"]
	assert r["items"]["values_to_notes"] == 1, r["items"]
	assert r["commit"], r
	EOF
'

test_expect 'the JSON report of a re-import: counts, changed items, no commit' '
	fresh a2 CAMP &&
	docket -C a2 import jira "$FX/jira.csv" >/dev/null 2>&1 &&
	docket -C a2 import --format json jira "$FX/jira.csv" >a2.json 2>a2.err &&
	python3 - a2.json <<-\EOF
	import json, sys
	r = json.load(open(sys.argv[1], encoding="utf-8"))
	i = r["items"]
	assert (i["added"], i["updated"], i["unchanged"], i["conflicts"]) == (0, 0, 7, 0), i
	assert r["commit"] is None and r["changed"] == [] and r["dry_run"] is False, r
	assert r["skipped"][0]["reason"].startswith("epic CAMP-1"), r["skipped"]
	EOF
'

test_done
