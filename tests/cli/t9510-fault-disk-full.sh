#!/bin/sh
# Faults (docs/faults.md, docs/robustness.md): a full disk.  A file-size limit (ulimit -f, with
# SIGXFSZ ignored so that write() fails with EFBIG) and, where mounting
# is allowed, a small full tmpfs (ENOSPC).  docket must refuse with an
# error naming the file, keep every file byte for byte, leave no
# temporary file and make no commit.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

# limited CMD...: run CMD with files limited to 64 blocks (32 or 64 KB).
limited() {
	(trap "" XFSZ; ulimit -f 64 && "$@")
}

fault_backlog d

test_expect 'the limit holds here (a 200 KB item cannot be written)' '
	expect_code 1 limited cp d/backlog/MKT-3.md big.copy 2>/dev/null ||
	expect_code 1 limited sh -c "cat d/backlog/MKT-3.md >big.copy" 2>/dev/null
'

test_expect 'set on an item over the limit: refused naming it, nothing changes' '
	snap d >before &&
	expect_code 1 limited docket -C d set MKT-3 effort=5 2>err &&
	grep "backlog/MKT-3.md" err | grep -q "File too large" &&
	grep -q "no file was changed" err &&
	snap d >after && test_cmp before after && no_temp d &&
	test ! -e d/.git/docket.lock
'

test_expect 'a small item and a big ORDER: stop writes neither (no half change)' '
	i=0; while [ $i -lt 2000 ]; do
		echo "# a long comment line to make ORDER bigger than the limit ................................"
		i=$((i + 1)); done >>d/backlog/ORDER &&
	git -C d commit -qam "Long ORDER" &&
	snap d >before &&
	expect_code 1 limited docket -C d stop MKT-1 --reason "no budget" 2>err &&
	grep "backlog/ORDER" err | grep -q "File too large" &&
	snap d >after && test_cmp before after && no_temp d &&
	grep -qx "status: ready" d/backlog/MKT-1.md
'

test_expect 'move and new under the limit: refused, nothing changes' '
	snap d >before &&
	expect_code 1 limited docket -C d move MKT-2 --top 2>err &&
	grep -q "backlog/ORDER" err &&
	expect_code 1 limited docket -C d new "Idea" --bottom >out 2>err &&
	test ! -s out && test ! -e d/backlog/MKT-4.md &&
	snap d >after && test_cmp before after && no_temp d
'

test_expect 'without the limit the same stop works: one commit, clean status' '
	docket -C d stop MKT-1 --reason "no budget" 2>err &&
	test -z "$(git -C d status --porcelain)" &&
	git -C d show --name-only --format= HEAD >files &&
	printf "backlog/MKT-1.md\nbacklog/ORDER\n" >want && test_cmp want files &&
	! grep -qx MKT-1 d/backlog/ORDER
'

# A real full file system: a 512 KB tmpfs in a private mount namespace
# (root only), filled up but for a few pages (for the lock).
tmpfs_ok=
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
   unshare -m sh -c "mkdir -p '$TRASH/probe' && mount -t tmpfs -o size=64k tmpfs '$TRASH/probe'" 2>/dev/null; then
	tmpfs_ok=1
fi
rmdir "$TRASH/probe" 2>/dev/null

if [ -n "$tmpfs_ok" ]; then
	fault_backlog src
	# in a private mount namespace: mount, fill, run docket, copy the
	# result out (the tmpfs vanishes with the namespace)
	cat >full.sh <<-'EOF'
	set -e
	mount -t tmpfs -o size=1m tmpfs mnt
	cp -a src mnt/f
	dd if=/dev/zero of=mnt/fill bs=4k 2>/dev/null || true
	truncate -s -16k mnt/fill
	set +e
	${VALGRIND:-} "$DOCKET" -C mnt/f set MKT-3 effort=5 2>err; echo $? >rc
	set -e
	cp -a mnt/f f.after
	EOF
	test_expect 'a full tmpfs (ENOSPC): refused naming the file, nothing changes' '
		mkdir mnt && unshare -m sh full.sh &&
		test "$(cat rc)" = 1 &&
		grep "backlog/MKT-3.md" err | grep -q "No space left on device" &&
		grep -q "no file was changed" err &&
		snap src >before && snap f.after >after && test_cmp before after &&
		no_temp f.after && test ! -e f.after/.git/docket.lock
	'
else
	test_skip 'a full tmpfs' 'mounting a tmpfs needs root and a private mount namespace'
fi
test_done
