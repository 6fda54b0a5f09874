#!/bin/sh
# Faults (docs/faults.md, docs/robustness.md): a read-only work tree.  docket refuses with an
# error naming the file, exit 1, and changes nothing: no file half
# written (not even the first of two), no temporary file, no commit.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

if [ -z "$RO_HOW" ]; then
	test_skip 'read-only work tree' 'file permissions are not enforced here'
	test_done
	exit
fi
echo "# read-only by: $RO_HOW"

fault_backlog r

test_expect 'a read-only item: set is refused naming it; nothing changes' '
	chmod a-w r/backlog/MKT-1.md && snap r >before &&
	expect_code 1 docket_as_user -C r set MKT-1 effort=5 2>err &&
	chmod u+w r/backlog/MKT-1.md &&
	grep "backlog/MKT-1.md" err | grep -q "read-only" &&
	grep -q "no file was changed" err &&
	snap r >after && test_cmp before after && no_temp r &&
	test ! -e r/.git/docket.lock
'

test_expect 'a read-only ORDER: stop (item and ORDER) writes neither' '
	chmod a-w r/backlog/ORDER && snap r >before &&
	expect_code 1 docket_as_user -C r stop MKT-1 --reason "no budget" 2>err &&
	chmod u+w r/backlog/ORDER &&
	grep "backlog/ORDER" err | grep -q "read-only" &&
	snap r >after && test_cmp before after && no_temp r &&
	grep -qx "status: ready" r/backlog/MKT-1.md
'

test_expect 'a read-only items folder: set, move and new are refused; nothing changes' '
	chmod a-w r/backlog && snap r >before &&
	expect_code 1 docket_as_user -C r set MKT-2 effort=1 2>err &&
	grep "backlog/MKT-2.md" err | grep -q "Permission denied" &&
	expect_code 1 docket_as_user -C r move MKT-2 --top 2>err &&
	grep -q "backlog/ORDER" err &&
	expect_code 1 docket_as_user -C r new "An idea" --top >out 2>err &&
	grep -q "backlog/MKT-4.md" err && test ! -s out &&
	chmod u+w r/backlog &&
	snap r >after && test_cmp before after && no_temp r &&
	test ! -e r/.git/docket.lock
'

test_expect 'after the permission is back, the same command works and commits only its file' '
	docket -C r set MKT-1 effort=5 2>err &&
	grep -qx "effort: 5   # a guess" r/backlog/MKT-1.md &&
	test "$(git -C r show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	test -z "$(git -C r status --porcelain)" &&
	test "$(stat -c %a r/backlog/MKT-1.md)" = 644
'

test_expect 'a read-only .git (objects cannot be stored): written, not committed, said so' '
	git -C r rev-parse HEAD >head &&
	chmod -R a-w r/.git/objects && rc=0 &&
	expect_code 1 docket_as_user -C r --include-dirty set MKT-2 effort=8 2>err || rc=$?
	chmod -R u+w r/.git/objects && test $rc = 0 &&
	grep -q "written but not committed" err &&
	grep -qx "effort: 8" r/backlog/MKT-2.md &&
	test "$(git -C r status --porcelain)" = " M backlog/MKT-2.md" &&
	test "$(git -C r rev-parse HEAD)" = "$(cat head)" &&
	no_temp r && test ! -e r/.git/docket.lock &&
	expect_code 1 docket -C r set MKT-2 effort=9 2>err &&
	grep -q "backlog/MKT-2.md has uncommitted changes" err && grep -q -- "--include-dirty" err &&
	grep -qx "effort: 8" r/backlog/MKT-2.md &&
	docket -C r --include-dirty set MKT-2 effort=9 2>err &&
	test -z "$(git -C r status --porcelain)" &&
	git -C r show HEAD:backlog/MKT-2.md | grep -qx "effort: 9" &&
	git -C r fsck --no-progress 2>&1 | { ! grep -v "^dangling" ; }
'

if [ "$(id -u)" = 0 ] && command -v chattr >/dev/null 2>&1 &&
   : >r/probe && chattr +i r/probe 2>/dev/null; then
	chattr -i r/probe; rm -f r/probe
	test_expect 'an immutable item (chattr +i, as root): refused, unchanged' '
		chattr +i r/backlog/MKT-1.md && snap r >before && rc=0 &&
		expect_code 1 docket -C r set MKT-1 effort=6 2>err || rc=$?
		chattr -i r/backlog/MKT-1.md && test $rc = 0 &&
		grep "backlog/MKT-1.md" err | grep -q "read-only" &&
		snap r >after && test_cmp before after && no_temp r
	'
else
	rm -f r/probe
	test_skip 'an immutable item' 'chattr +i needs root and a file system that supports it'
fi
test_done
