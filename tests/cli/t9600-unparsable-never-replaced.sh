#!/bin/sh
# A file docket cannot parse is never replaced (issue 13, class 2): every
# write that reads ORDER, docket.yaml, a cycle file or an item refuses
# while that file does not parse (NUL, invalid UTF-8, over its limit,
# conflict markers, not a regular file), names it (and its line), and
# writes nothing: the repository is byte for byte as before.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

# A committed backlog: MKT-1 (ready, ranked), MKT-2 (ranked), MKT-3
# (unranked), a cycle that has ended (so plan proposes the next one).
base() {
	new_repo "$1" && docket -C "$1" init >/dev/null 2>&1 &&
	for n in 1 2 3; do
		printf -- "---\nid: MKT-%d\ntitle: Item %d\ntype: bau\nstatus: ready\neffort: 2\ncustomer_value: 5\nbusiness_value: 5\n---\n" $n $n >"$1/backlog/MKT-$n.md"
	done &&
	mkdir -p "$1/backlog/cycles" &&
	printf -- "---\nname: 2026-10\nstart: 2026-10-01\nend: 2026-10-14\ncapacity: 10\ncommitted: []\n---\n" >"$1/backlog/cycles/2026-10.md" &&
	printf "# Now\nMKT-1   # first\nMKT-2\n" >"$1/backlog/ORDER" &&
	git -C "$1" add -A && git -C "$1" commit -qm items
}

# every_write DIR: each write that reads ORDER is refused (exit 1) and
# the repository does not change; the message names ORDER.
every_write() {
	snap "$1" >before &&
	for cmd in "move MKT-2 --top" "move MKT-3 --to 1" "new Idea --top" "new Idea" \
		   "followup MKT-1 Next --top" "done MKT-1" "stop MKT-2 --reason r" \
		   "start MKT-1" "set MKT-3 effort=3" "renumber MKT-3 MKT-30" \
		   "plan --apply" "rank --apply"; do
		expect_code 1 docket -C "$1" $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "backlog/ORDER" err || { echo "ORDER not named by: $cmd" >&2; cat err >&2; return 1; }
	done &&
	expect_code 1 docket -C "$1" --no-commit move MKT-2 --top 2>err &&
	snap "$1" >after && test_cmp before after && no_temp "$1"
}

test_expect 'a NUL byte in ORDER: every write refuses at its line; nothing written' '
	base a &&
	printf "MKT-1\nMKT-2\000 # x\n" >a/backlog/ORDER &&
	git -C a commit -qam "a NUL" &&
	every_write a &&
	docket -C a move MKT-2 --top 2>err; grep -q "backlog/ORDER:2:.*NUL" err
'

test_expect 'invalid UTF-8 in ORDER: refused at its line and column' '
	base b &&
	printf "MKT-1\n# caf\351\nMKT-2\n" >b/backlog/ORDER && git -C b commit -qam latin1 &&
	every_write b &&
	docket -C b move MKT-2 --top 2>err; grep -q "backlog/ORDER:2:6: error: invalid UTF-8" err
'

test_expect 'ORDER over its 16 MiB limit: refused naming the limit, not read' '
	base c &&
	{ cat c/backlog/ORDER; head -c 17000000 /dev/zero | tr "\000" "#"; echo; } >c/backlog/ORDER &&
	git -C c commit -qam big &&
	every_write c &&
	docket -C c move MKT-2 --top 2>err; grep -q "over the 16 MiB limit for ORDER" err
'

test_expect 'conflict markers or two ids on a line in ORDER: refused' '
	base d &&
	printf "<<<<<<< ours\nMKT-1\n=======\nMKT-2\n>>>>>>> theirs\n" >d/backlog/ORDER &&
	git -C d commit -qam markers && every_write d &&
	printf "MKT-1 MKT-2\n" >d/backlog/ORDER && git -C d commit -qam two &&
	every_write d &&
	docket -C d move MKT-2 --top 2>err; grep -q "backlog/ORDER:1:7: error: one id per line" err
'

test_expect 'ORDER a FIFO, a folder, or a link to a FIFO: refused without blocking' '
	base e && rm e/backlog/ORDER && mkfifo e/backlog/ORDER &&
	snap e >before &&
	expect_code 1 timeout 10 "$DOCKET" -C e move MKT-2 --top 2>err &&
	grep -q "backlog/ORDER.*FIFO" err &&
	expect_code 1 timeout 10 "$DOCKET" -C e new X --top 2>err &&
	expect_code 1 timeout 10 "$DOCKET" -C e done MKT-1 2>err &&
	snap e >after && test_cmp before after &&
	rm e/backlog/ORDER && mkdir e/backlog/ORDER &&
	expect_code 1 timeout 10 "$DOCKET" -C e move MKT-2 --top 2>err &&
	grep -q "backlog/ORDER.*a folder" err &&
	rmdir e/backlog/ORDER && mkfifo e/fifo && ln -s ../fifo e/backlog/ORDER &&
	expect_code 1 timeout 10 "$DOCKET" -C e stop MKT-2 --reason r 2>err &&
	grep -q "backlog/ORDER.*FIFO" err && test -p e/fifo && test -L e/backlog/ORDER
'

test_expect 'an item that does not parse: writes to it refuse, rank --apply too' '
	base f &&
	printf -- "---\nid: MKT-3\ntitle: [unclosed\nstatus: ready\n---\n" >f/backlog/MKT-3.md &&
	git -C f commit -qam broken && snap f >before &&
	for cmd in "set MKT-3 effort=1" "done MKT-3" "move MKT-3 --top" \
		   "followup MKT-3 Next" "renumber MKT-1 MKT-10" "rank --apply" "plan --apply"; do
		expect_code 1 docket -C f $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "backlog/MKT-3.md" err || { echo "not named by $cmd" >&2; cat err >&2; return 1; }
	done &&
	snap f >after && test_cmp before after
'

test_expect 'a cycle file that does not parse: plan --apply and renumber refuse' '
	base g &&
	printf -- "---\nname: 2026-10\nstart: [\n---\n" >g/backlog/cycles/2026-10.md &&
	git -C g commit -qam broken && snap g >before &&
	expect_code 1 docket -C g plan --apply >out 2>err &&
	grep -q "backlog/cycles/2026-10.md" err &&
	expect_code 1 docket -C g renumber MKT-1 MKT-10 2>err &&
	grep -q "backlog/cycles/2026-10.md" err &&
	snap g >after && test_cmp before after
'

test_expect 'docket.yaml that does not parse: every write refuses, naming it' '
	base h && printf "prefix: MKT\nitems: [\n" >h/docket.yaml &&
	git -C h commit -qam broken && snap h >before &&
	for cmd in "set MKT-1 effort=1" "move MKT-2 --top" "new X" "done MKT-1"; do
		expect_code 2 docket -C h $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "docket.yaml:" err || { echo "not named by $cmd" >&2; return 1; }
	done &&
	snap h >after && test_cmp before after
'

test_done
