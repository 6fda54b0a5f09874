#!/bin/sh
# Faults (docs/robustness.md): symbolic links that lead out of the repository are
# not followed.  An item that is such a link, and an items folder that
# is one, are named in a clear error by list, check and show, and no
# command writes through them: the outside files stay byte for byte.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

mkdir outside
printf -- "---\nid: MKT-9\ntitle: Outside\nstatus: idea\neffort: 1\n---\nNot yours.\n" >outside/MKT-9.md
cp outside/MKT-9.md outside.orig

cat >append.sh <<'EOF'
printf 'appended by the editor\n' >>"$1"
EOF

fault_backlog s
ln -s ../../outside/MKT-9.md s/backlog/MKT-9.md
git -C s add backlog/MKT-9.md && git -C s commit -qm "A link out"

test_expect 'list names the link and exits 1; the other items are listed' '
	expect_code 1 docket -C s list >out 2>err &&
	grep -q "backlog/MKT-9.md.*symbolic link leads outside the repository; not followed" err &&
	grep -q "MKT-1" out && ! grep -q "Outside" out
'

test_expect 'check names the link' '
	expect_code 1 docket -C s check >out 2>err &&
	cat out err | grep -q "backlog/MKT-9.md.*symbolic link leads outside the repository"
'

test_expect 'show names the link, prints nothing of it, exits 1' '
	expect_code 1 docket -C s show MKT-9 >out 2>err &&
	grep -q "backlog/MKT-9.md.*symbolic link leads outside" err && ! grep -q "Not yours" out &&
	expect_code 1 docket -C s show MKT-9 --format json >out 2>err &&
	grep -q "backlog/MKT-9.md.*symbolic link leads outside" err && ! grep -q "Outside" out
'

test_expect 'set, start, move and edit refuse it; the outside file is unchanged' '
	snap s >before &&
	expect_code 1 docket -C s set MKT-9 effort=5 2>err &&
	grep -q "backlog/MKT-9.md.*symbolic link leads outside" err &&
	expect_code 1 docket -C s --no-commit set MKT-9 effort=5 2>err &&
	expect_code 1 docket -C s --include-dirty set MKT-9 title=Mine 2>err &&
	expect_code 1 docket -C s start MKT-9 2>err &&
	expect_code 1 docket -C s move MKT-9 --top 2>err &&
	expect_code 1 env VISUAL="sh $TRASH/append.sh" "$DOCKET" -C s edit MKT-9 2>err &&
	grep -q "backlog/MKT-9.md.*symbolic link" err &&
	expect_code 1 env VISUAL="sh $TRASH/append.sh" "$DOCKET" -C s --no-commit edit MKT-9 2>err &&
	expect_code 1 env VISUAL="sh $TRASH/append.sh" "$DOCKET" -C s --include-dirty edit MKT-9 2>err &&
	grep -q "backlog/MKT-9.md.*symbolic link" err &&
	cmp outside.orig outside/MKT-9.md &&
	snap s >after && test_cmp before after && no_temp s && no_temp outside
'

test_expect 'the other items are still changed normally' '
	docket -C s set MKT-1 effort=5 2>err &&
	test "$(git -C s show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	test -z "$(git -C s status --porcelain)" && cmp outside.orig outside/MKT-9.md
'

# The items folder itself a link out of the repository.
fault_backlog f
mv f/backlog outside/backlog && ln -s ../outside/backlog f/backlog
(cd outside/backlog && cksum * >../../folder.sum)

test_expect 'an items folder linked outside: list, check and show name it, exit 1' '
	expect_code 1 docket -C f list >out 2>err &&
	grep -q "backlog.*symbolic link leading outside the repository; not followed" err &&
	! grep -q "MKT-1" out &&
	expect_code 1 docket -C f check >out 2>err &&
	cat out err | grep -q "symbolic link leading outside the repository" &&
	expect_code 1 docket -C f show MKT-1 >out 2>err &&
	grep -q "backlog/MKT-1.md.*symbolic link leading outside" err && test ! -s out
'

test_expect 'an items folder linked outside: no command writes through it' '
	snap f >before &&
	expect_code 1 docket -C f set MKT-1 effort=5 2>err &&
	grep -q "backlog/ORDER.*symbolic link leading outside" err &&
	expect_code 1 docket -C f --no-commit set MKT-1 effort=5 2>err &&
	expect_code 1 docket -C f stop MKT-1 --reason x 2>err &&
	expect_code 1 docket -C f move MKT-2 --top 2>err &&
	expect_code 1 docket -C f new "Idea" >out 2>err && test ! -s out &&
	grep -q "backlog/ORDER.*symbolic link leading outside" err &&
	expect_code 1 docket -C f --no-commit new "Idea" >out 2>err &&
	expect_code 1 env VISUAL="sh $TRASH/append.sh" "$DOCKET" -C f edit MKT-1 2>err &&
	grep -q "backlog/MKT-1.md.*symbolic link leading outside" err &&
	expect_code 1 env VISUAL="sh $TRASH/append.sh" "$DOCKET" -C f --no-commit edit MKT-1 2>err &&
	(cd outside/backlog && cksum * >../../folder.after) && test_cmp folder.sum folder.after &&
	snap f >after && test_cmp before after && no_temp outside
'

# A link inside the repository is followed for reading, but docket does
# not write through it either (the rename would replace the link).
fault_backlog n
mkdir n/items && git -C n mv backlog/MKT-2.md items/MKT-2.md &&
ln -s ../items/MKT-2.md n/backlog/MKT-2.md && git -C n add -A && git -C n commit -qm "A link inside"

test_expect 'a link inside the repository: read, but never written through' '
	docket -C n show MKT-2 >out 2>err && grep -q "title: Two" out &&
	snap n >before &&
	expect_code 1 docket -C n set MKT-2 effort=5 2>err &&
	grep -q "backlog/MKT-2.md is a symbolic link" err &&
	snap n >after && test_cmp before after && test -L n/backlog/MKT-2.md
'
# Found on the way (UBSan: memcpy from NULL when no item was read).
test_expect 'an empty backlog lists an empty table, exit 0' '
	new_repo e && docket -C e init >/dev/null 2>&1 &&
	docket -C e list >out 2>err && test "$(wc -l <out)" = 1 && test ! -s err
'
test_done
