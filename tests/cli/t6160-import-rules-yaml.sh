#!/bin/sh
# docket import: mapping rules under import: in docket.yaml (applied to
# every import, checked with file, line and column when docket.yaml is
# read), and status names matched ignoring case, accents, punctuation
# and emoji, with German, French and Spanish defaults.
. "$DOCKET_TESTS/cli/lib.sh"

REAL="$DOCKET_TESTS/fixtures/import/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null &&
	relax_required "$1"
}

test_expect 'a bad rule under import: is an error at its line and column' '
	fresh bad &&
	printf "import:\n  status:\n    Fertig: finished\n  colour: red\n" >>bad/docket.yaml &&
	line=$(grep -n "Fertig: finished" bad/docket.yaml | cut -d: -f1) &&
	expect_code 1 docket -C bad check >out 2>err &&
	grep -q "^docket.yaml:$line:13: error: .finished. is not a docket status" out &&
	grep -q "^docket.yaml:$((line + 1)):3: error: unknown key .colour." out &&
	printf "title,status\nA,Fertig\n" >a.csv &&
	expect_code 2 docket -C bad import csv "$TRASH/a.csv" >out 2>err &&
	grep -q "^docket.yaml:$line:13: error: .finished. is not a docket status" err &&
	test ! -e bad/backlog/MKT-1.md
'

test_expect 'import: status rules map a real board with Japanese list names' '
	fresh ja &&
	cat >>ja/docket.yaml <<-\EOF &&
	import:
	  status:
	    やりたいこと: idea
	    やること: ready
	    作業中: doing
	    クローズ: done
	    中止: stopped
	EOF
	git -C ja commit -qam "import rules" &&
	docket -C ja import trello "$REAL/trello/clipkit-ja/trello.json" >out 2>err &&
	! grep -q "has no docket status" err &&
	python3 "$REAL/facts.py" --json "$REAL/trello/clipkit-ja/trello.json" >facts.json &&
	python3 - facts.json ja/backlog >want.got <<-\EOF &&
	import json, sys, glob, re
	f = json.load(open(sys.argv[1]))[0]
	want = {"idea": 0, "ready": 0, "doing": 0, "done": 0, "stopped": 0}
	names = {"やりたいこと": "idea", "やること": "ready", "作業中": "doing",
	         "クローズ": "done", "中止": "stopped"}
	for l in f["lists"]["by_position"]:
	    st = names[l["name"]]
	    open_cards = l["cards"] - l["closed_cards"]
	    want[st] += open_cards
	    want["stopped" if st != "done" else "done"] += l["closed_cards"]
	got = dict.fromkeys(want, 0)
	for p in glob.glob(sys.argv[2] + "/*.md"):
	    m = re.search(r"^status: (\w+)$", open(p, encoding="utf-8").read(), re.M)
	    got[m.group(1)] += 1
	print(want == got, want, got)
	EOF
	grep -q "^True" want.got
'

test_expect 'status names: case, accents, punctuation and emoji do not count' '
	fresh n &&
	cat >n.csv <<-\EOF &&
	id,title,status
	1,One,Done ✅
	2,Two,À faire
	3,Three,In Bearbeitung
	4,Four,EN CURSO 🚧
	5,Five,Won’t do
	6,Six,Terminé!
	7,Seven,Zu erledigen
	EOF
	docket -C n import csv "$TRASH/n.csv" >out 2>err &&
	! grep -q "has no docket status" err &&
	for x in "1 done" "2 ready" "3 doing" "4 doing" "5 stopped" "6 done" "7 ready"; do
		f=$(grep -lx "source: csv ${x% *}" n/backlog/*.md) &&
		grep -qx "status: ${x#* }" "$f" || { echo "record ${x% *}: not ${x#* }"; exit 1; }
	done
'

test_expect 'a --map file overrides docket.yaml import: for one run' '
	fresh m &&
	printf "import:\n  status:\n    Parked: idea\n" >>m/docket.yaml &&
	git -C m commit -qam rules &&
	printf "id,title,status\n1,One,Parked\n2,Two,Parked\n" >p.csv &&
	printf "status:\n  Parked: blocked\n" >p.map &&
	docket -C m import csv "$TRASH/p.csv" --map "$TRASH/p.map" >out 2>err &&
	test "$(grep -l "^status: blocked" m/backlog/*.md | wc -l)" = 2 &&
	fresh m2 &&
	printf "import:\n  status:\n    Parked: idea\n" >>m2/docket.yaml &&
	git -C m2 commit -qam rules &&
	docket -C m2 import csv "$TRASH/p.csv" >out 2>err &&
	test "$(grep -l "^status: idea" m2/backlog/*.md | wc -l)" = 2
'

test_done
