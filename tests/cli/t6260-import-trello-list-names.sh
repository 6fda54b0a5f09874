#!/bin/sh
# docket import trello: list names with emoji, punctuation or in German,
# French or Spanish map to docket statuses by the defaults (no export
# with such names was found under a permissive license, so the board is
# constructed; tests/fixtures/import/real/README.md).
. "$DOCKET_TESTS/cli/lib.sh"

# one card per list; the card is named after the status it must get
cat >board.py <<'PY'
import json
lists = [("💡 Ideen", "idea"), ("À faire", "ready"), ("Por hacer 📝", "ready"),
         ("Geplant", "planned"), ("🚀 In Arbeit", "doing"), ("En cours…", "doing"),
         ("En revisión", "doing"), ("Bloqué ⛔", "blocked"), ("Done ✅", "done"),
         ("Erledigt!", "done"), ("Terminé 🎉", "done"), ("HECHO ✔️", "done"),
         ("Annulé ❌", "stopped"), ("Won't do 🙅", "stopped")]
board = {"lists": [], "cards": []}
for i, (name, status) in enumerate(lists):
    lid = "%024x" % (i + 1)
    board["lists"].append({"id": lid, "name": name, "pos": i, "closed": False})
    board["cards"].append({"id": "6b000c10%016x" % i, "name": "%s %d" % (status, i),
                           "idList": lid, "pos": 1, "closed": False})
json.dump(board, open("board.json", "w", encoding="utf-8"), ensure_ascii=False)
PY

test_expect 'list names with emoji and in four languages get their statuses' '
	python3 board.py &&
	new_repo b && docket -C b init --prefix MKT 2>/dev/null && relax_required b &&
	docket -C b import trello "$TRASH/board.json" >out 2>err &&
	! grep -q "has no docket status" err &&
	n=0 &&
	for f in b/backlog/MKT-*.md; do
		want=$(sed -n "s/^title: \([a-z]*\) [0-9]*$/\1/p" $f) &&
		# an item check would reject comes in as an idea, saying what it was
		grep -qx "status: $want" $f ||
			{ grep -qx "status: idea" $f && grep -q "^- Came in as idea, not $want:" $f; } ||
			{ echo "$f: not $want"; cat $f; exit 1; }
		n=$((n + 1))
	done &&
	test $n = 14
'

test_done
