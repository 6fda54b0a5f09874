#!/bin/sh
# docket merge-order: real `git merge` runs of two branches that reorder
# ORDER, in a backlog made by `docket init` (which registers the driver).
# Each case is one a plain line merge gets wrong; `git merge-file` shows
# what git would do without the driver.
. "$DOCKET_TESTS/cli/lib.sh"

# git runs the driver by name: put this docket first on PATH
PATH="$(cd "$(dirname "$DOCKET")" && pwd):$PATH"
export PATH

HEAD_LINES='# The ranked backlog, highest priority first: one item id per line.
# The Marketing Owner orders it; '"'"'#'"'"' starts a comment.'

# order IDS...: the ORDER file docket init starts with, then the ids.
order() {
	printf '%s\n' "$HEAD_LINES"
	for i in "$@"; do
		printf 'MKT-%s\n' "$i"
	done
}

# scenario NAME BASE OURS THEIRS: a repo NAME whose ORDER is BASE on
# main, with branch ours (checked out) and branch theirs; the files are
# given as the contents of ORDER.
scenario() {
	new_repo "$1" && docket -C "$1" init 2>/dev/null &&
	printf '%s' "$2" >"$1/backlog/ORDER" &&
	git -C "$1" commit -qam "Base order" &&
	git -C "$1" checkout -qb theirs &&
	printf '%s' "$4" >"$1/backlog/ORDER" &&
	git -C "$1" commit -qam "Their reordering" &&
	git -C "$1" checkout -qb ours main &&
	printf '%s' "$3" >"$1/backlog/ORDER" &&
	git -C "$1" commit -qam "Our reordering" &&
	printf '%s' "$2" >"$1.base" && printf '%s' "$3" >"$1.ours" &&
	printf '%s' "$4" >"$1.theirs"
}

# plain NAME: what git's own line merge makes of the three versions.
plain() {
	cp "$1.ours" "$1.plain"
	set +e
	git merge-file -q "$1.plain" "$1.base" "$1.theirs"
	echo $? >"$1.plain-rc"
	set -e
}

test_expect 'init registers the driver for backlog/ORDER' '
	new_repo r && docket -C r init 2>/dev/null &&
	grep -qx "backlog/ORDER merge=docket-order" r/.gitattributes &&
	test "$(git -C r config merge.docket-order.driver)" = "docket merge-order %O %A %B"
'

test_expect 'both move the same item to different places: a conflict, not a duplicate' '
	scenario same "$(order 1 2 3 4 5)
" "$(order 5 1 2 3 4)
" "$(order 1 2 5 3 4)
" &&
	plain same && test "$(cat same.plain-rc)" = 0 &&
	test "$(grep -c "^MKT-5$" same.plain)" = 2 &&
	expect_code 1 git -C same merge -q theirs -m merge >out 2>&1 &&
	grep -q "CONFLICT" out && grep -q "MKT-5: both sides moved it" out &&
	{ printf "%s\n" "$HEAD_LINES" &&
	  printf "<<<<<<< ours\nMKT-5\nMKT-1\nMKT-2\n=======\nMKT-1\nMKT-2\nMKT-5\n>>>>>>> theirs\nMKT-3\nMKT-4\n"; } >expect &&
	test_cmp expect same/backlog/ORDER &&
	git -C same status --porcelain >st && grep -q "^UU backlog/ORDER$" st
'

test_expect 'keeping one side of the conflict gives a valid ORDER' '
	sed -e "/^<<<<<<< ours$/d" -e "/^=======$/,/^>>>>>>> theirs$/d" same/backlog/ORDER >kept &&
	order 5 1 2 3 4 >expect && test_cmp expect kept
'

test_expect 'both move the same item to the same place among other moves' '
	scenario twice "$(order 1 2 3 4 5 6)
" "$(order 1 2 5 3 4 6)
" "$(order 1 2 5 3 6 4)
" &&
	plain twice && test "$(cat twice.plain-rc)" != 0 &&
	git -C twice merge -q theirs -m merge &&
	order 1 2 5 3 6 4 >expect && test_cmp expect twice/backlog/ORDER &&
	test -z "$(git -C twice status --porcelain)" &&
	test "$(git -C twice rev-list --count HEAD)" = 5
'

test_expect 'neighbours moved on each side merge cleanly' '
	scenario nb "$(order 1 2 3 4)
" "$(order 2 1 3 4)
" "$(order 1 2 4 3)
" &&
	plain nb && test "$(cat nb.plain-rc)" != 0 &&
	git -C nb merge -q theirs -m merge &&
	order 2 1 4 3 >expect && test_cmp expect nb/backlog/ORDER &&
	test -z "$(git -C nb status --porcelain)"
'

test_expect 'different items moved to the top on each side: ours first' '
	scenario top "$(order 1 2 3 4 5)
" "$(order 4 1 2 3 5)
" "$(order 5 1 2 3 4)
" &&
	plain top && test "$(cat top.plain-rc)" != 0 &&
	git -C top merge -q theirs -m merge &&
	order 4 5 1 2 3 >expect && test_cmp expect top/backlog/ORDER
'

test_expect 'insertions at the same place from both sides are all kept' '
	scenario ins "$(order 1 2 3)
" "$(order 1 2 7 3)
" "$(order 1 2 8 9 3)
" &&
	plain ins && test "$(cat ins.plain-rc)" != 0 &&
	git -C ins merge -q theirs -m merge &&
	order 1 2 7 8 9 3 >expect && test_cmp expect ins/backlog/ORDER &&
	test -z "$(git -C ins status --porcelain)"
'

test_expect 'a removal wins over a move; sections and end-of-line comments stay' '
	scenario rm "# MVL
MKT-1
MKT-2   # waits for the landing page

# Next
MKT-3
MKT-4
MKT-5
" "# MVL
MKT-1
MKT-2   # waits for the landing page

# Next
MKT-4
MKT-5
" "# MVL
MKT-1
MKT-4
MKT-3
MKT-2   # waits for the landing page

# Next
MKT-5
" &&
	git -C rm merge -q theirs -m merge &&
	printf "# MVL\nMKT-1\nMKT-4\nMKT-2   # waits for the landing page\n\n# Next\nMKT-5\n" >expect &&
	test_cmp expect rm/backlog/ORDER
'

test_expect 'CRLF line ends of ORDER are kept' '
	scenario crlf "$(printf "MKT-1\r\nMKT-2\r\nMKT-3\r\n")
" "$(printf "MKT-3\r\nMKT-1\r\nMKT-2\r\n")
" "$(printf "MKT-1\r\nMKT-2\r\nMKT-3\r\nMKT-4\r\n")
" &&
	git -C crlf merge -q theirs -m merge &&
	printf "MKT-3\r\nMKT-1\r\nMKT-2\r\nMKT-4\r\n" >expect &&
	test_cmp expect crlf/backlog/ORDER
'

test_expect 'the driver run by hand: result in OURS, exit 0; a conflict exits 1' '
	order 1 2 3 >b && order 3 1 2 >o && order 1 3 2 >t && cp t t.before &&
	expect_code 1 docket merge-order b o t 2>err &&
	grep -q "conflict in ORDER: MKT-3" err && grep -q "^<<<<<<< ours$" o &&
	cmp t t.before &&
	order 1 2 3 >o && docket merge-order b o t && order 1 3 2 >expect &&
	test_cmp expect o
'

test_expect 'unreadable input: exit 2, OURS untouched; wrong arguments: usage' '
	order 1 2 >o && cp o o.before &&
	expect_code 2 docket merge-order b o missing 2>err &&
	grep -q "cannot read the their version" err && cmp o o.before &&
	expect_code 2 docket merge-order b o 2>err && grep -q "usage: docket merge-order" err
'

test_expect 'a missing base keeps both sides whole in conflict form' '
	order 1 2 >o && order 2 1 >t &&
	expect_code 1 docket merge-order nobase o t 2>/dev/null &&
	{ echo "<<<<<<< ours" && order 1 2 && echo "=======" && order 2 1 &&
	  echo ">>>>>>> theirs"; } >expect &&
	test_cmp expect o
'

test_expect 'OURS with conflict markers: both sides kept whole, exit 1' '
	printf "<<<<<<< HEAD\nMKT-1\n=======\nMKT-2\n>>>>>>> x\n" >o && cp o o.before &&
	order 2 >t && order 1 >b &&
	expect_code 1 docket merge-order b o t 2>err && grep -q "conflict markers" err &&
	{ echo "<<<<<<< ours" && cat o.before && echo "=======" && order 2 &&
	  echo ">>>>>>> theirs"; } >expect && test_cmp expect o
'
test_done
