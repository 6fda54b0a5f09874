#!/bin/sh
# docket import trello on real board exports: every comment (commentCard
# action) and every attachment of the raw file arrives in its card's
# item, in the managed blocks "## Comments" and "## Attachments"; due
# dates arrive as the due field; importing again after a change in
# Trello replaces only the blocks' content and leaves the rest of an
# edited body byte for byte.  The raw files are read with Python's json
# module, never with docket.
. "$DOCKET_TESTS/cli/lib.sh"

REAL="$DOCKET_TESTS/fixtures/import/real/trello"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix MKT 2>/dev/null
}

# blocks.py BOARD BACKLOG: per card, the comments and attachments of the
# raw file against the item's managed blocks
cat >blocks.py <<'PY'
import glob, json, re, sys
board = json.load(open(sys.argv[1], encoding="utf-8"))
items = {}
for p in glob.glob(sys.argv[2] + "/*.md"):
    t = open(p, encoding="utf-8").read()
    m = re.search(r"^source: trello (\w+)$", t, re.M)
    items[m.group(1)] = t

def block(t, name):
    m = re.search(r"^<!-- docket:import %s -->\n(.*?)^<!-- /docket:import -->$" % name,
                  t, re.M | re.S)
    return m.group(1) if m else ""

def entries(b):
    # list entries: "- " at the start of a line; the rest is indented
    return [e for e in re.split(r"^- ", b, flags=re.M)[1:]]

raw_comments = {}
for a in board.get("actions", []):
    if a.get("type") == "commentCard":
        raw_comments.setdefault(a["data"]["card"]["id"], []).append(a)
bad = []
n_comments = n_attach = n_due = n_missing = 0
for c in board["cards"]:
    t = items[c["id"]]
    got = entries(block(t, "comments"))
    want = sorted(raw_comments.get(c["id"], []), key=lambda a: a["date"])
    if len(got) != len(want):
        bad.append(("comments", c["id"], len(got), len(want)))
    for e, a in zip(got, want):
        who = (a.get("memberCreator") or {}).get("fullName")
        head = "%s (%s %s UTC):" % (who, a["date"][:10], a["date"][11:16])
        text = "\n".join(("  " + l) if l else "" for l in a["data"]["text"].rstrip().split("\n"))
        if e != head + "\n" + text + "\n":
            bad.append(("comment text", c["id"], e[:60], head))
    n_comments += len(got)
    # comments Trello counts on the card but left out of the export
    m = re.search(r"^- Comments not in the export: (\d+) of", t, re.M)
    left_out = max(0, (c.get("badges") or {}).get("comments", 0) - len(want))
    if (int(m.group(1)) if m else 0) != left_out:
        bad.append(("left out", c["id"], m and m.group(1), left_out))
    n_missing += left_out
    got = entries(block(t, "attachments"))
    want = c.get("attachments") or []
    if len(got) != len(want):
        bad.append(("attachments", c["id"], len(got), len(want)))
    for e, a in zip(got, want):
        if not e.endswith("](%s)\n" % a["url"]) or a["name"].replace("[", "\\[").replace("]", "\\]") not in e:
            bad.append(("attachment", c["id"], e, a["url"]))
    n_attach += len(got)
    due = re.search(r"^due: (.*)$", t.split("\n---\n")[0], re.M)
    if (due.group(1) if due else None) != (c["due"][:10] if c.get("due") else None):
        bad.append(("due", c["id"], due and due.group(1), c.get("due")))
    n_due += bool(due)
print(bad[:5] if bad else "ok %d %d %d %d" % (n_comments, n_attach, n_due, n_missing))
PY

test_expect 'gocd: all 93 comments and 59 attachments on their cards, 25 due dates, 40 comments said missing' '
	fresh gocd &&
	docket -C gocd import trello "$REAL/gocd-test-drive/trello.json" >out 2>err &&
	python3 blocks.py "$REAL/gocd-test-drive/trello.json" gocd/backlog >got &&
	cat got &&
	test "$(cat got)" = "ok 93 59 25 40" &&
	grep -q "40 comments on 13 cards are not in this export" err
'

test_expect 'clipkit: its 4 comments arrive too' '
	fresh ja &&
	docket -C ja import trello "$REAL/clipkit-ja/trello.json" >out 2>err &&
	python3 blocks.py "$REAL/clipkit-ja/trello.json" ja/backlog >got &&
	cat got &&
	test "$(cat got)" = "ok 4 0 0 0"
'

test_expect 'gocd: a comment and an attachment gained in Trello, one attachment lost, bodies edited here' '
	# the card with the most attachments loses its first; the first card
	# without comments gains one; both bodies are edited here
	python3 - "$REAL/gocd-test-drive/trello.json" <<-\EOF &&
	import json, sys
	b = json.load(open(sys.argv[1], encoding="utf-8"))
	commented = {a["data"]["card"]["id"] for a in b["actions"] if a["type"] == "commentCard"}
	lose = max(b["cards"], key=lambda c: len(c.get("attachments") or []))
	gain = next(c for c in b["cards"] if c["id"] not in commented)
	gone = lose["attachments"].pop(0)
	gain.setdefault("attachments", []).append({"name": "brief.pdf", "url": "https://example.test/brief.pdf"})
	b["actions"].insert(0, {"type": "commentCard", "date": "2026-12-01T10:00:00.000Z",
	    "memberCreator": {"fullName": "Robin Test"},
	    "data": {"text": "Added after the first import.", "card": {"id": gain["id"]}}})
	json.dump(b, open("gocd2.json", "w", encoding="utf-8"))
	open("ids", "w").write("%s %s %s\n" % (lose["id"], gain["id"], gone["url"]))
	EOF
	read lose gain gone <ids &&
	flose=$(grep -l "^source: trello $lose$" gocd/backlog/*.md) &&
	fgain=$(grep -l "^source: trello $gain$" gocd/backlog/*.md) &&
	for f in $flose $fgain; do
		# a line of our own at the top of the body and one at the end
		awk "{ print } /^---\$/ && ++n == 2 { print \"Our note on top.\"; print \"\" }" \
			$f >tmp && printf "\nOur last line.\n" >>tmp && mv tmp $f || exit 1
	done &&
	git -C gocd commit -qam "Edit two bodies" &&
	python3 - $flose $fgain >before <<-\EOF &&
	import re, sys
	for p in sys.argv[1:]:
	    t = open(p, encoding="utf-8").read()
	    # the body without the managed blocks
	    print(re.sub(r"(?ms)^<!-- docket:import \w+ -->\n.*?^<!-- /docket:import -->\n\n?", "", t.split("\n---\n", 1)[1]))
	EOF
	docket -C gocd import trello "$TRASH/gocd2.json" >out 2>err &&
	cat out &&
	grep -qx "0 added, 2 updated, 120 unchanged, 0 in conflict" out &&
	python3 - $flose $fgain >after <<-\EOF &&
	import re, sys
	for p in sys.argv[1:]:
	    t = open(p, encoding="utf-8").read()
	    print(re.sub(r"(?ms)^<!-- docket:import \w+ -->\n.*?^<!-- /docket:import -->\n\n?", "", t.split("\n---\n", 1)[1]))
	EOF
	test_cmp before after &&
	grep -q "^Our note on top.$" $flose && grep -q "^Our last line.$" $fgain &&
	! grep -q "$gone" $flose &&
	grep -qx -- "- \[brief.pdf\](https://example.test/brief.pdf)" $fgain &&
	grep -qx -- "- Robin Test (2026-12-01 10:00 UTC):" $fgain &&
	python3 blocks.py "$TRASH/gocd2.json" gocd/backlog >got &&
	cat got &&
	test "$(cat got)" = "ok 94 59 25 40" &&
	git_clean gocd
'

test_expect 'gocd: the changed export again changes nothing' '
	git -C gocd rev-parse HEAD >head.before &&
	docket -C gocd import trello "$TRASH/gocd2.json" >out 2>err &&
	grep -qx "0 added, 0 updated, 122 unchanged, 0 in conflict" out &&
	git -C gocd rev-parse HEAD >head.after &&
	test_cmp head.before head.after
'

test_expect 'the due field is a date: check and set refuse anything else' '
	fresh d &&
	docket -C d new "Teaser" >/dev/null &&
	docket -C d set MKT-1 due=2026-12-04 >/dev/null &&
	grep -qx "due: 2026-12-04" d/backlog/MKT-1*.md &&
	expect_code 2 docket -C d set MKT-1 "due=next friday" 2>err &&
	grep -q "due: .next friday. is not a date" err &&
	sed -i "s/^due: .*/due: soon/" d/backlog/MKT-1*.md &&
	expect_code 1 docket -C d check >out 2>&1 &&
	grep -q "'"'due' must be a date YYYY-MM-DD, not 'soon'"'" out
'

test_done
