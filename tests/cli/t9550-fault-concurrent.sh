#!/bin/sh
# Faults (docs/faults.md): concurrent docket processes on one repository.  Each
# either succeeds or refuses clearly with the lock message (exit 1);
# afterwards there is one commit per success, every successful change is
# in HEAD, the status is clean, ORDER has no lost or duplicated id and
# git fsck is clean.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

new_repo c && docket -C c init >/dev/null 2>&1
for i in 1 2 3 4 5 6 7 8; do
	printf -- "---\nid: MKT-$i\ntitle: Item $i\nstatus: ready\neffort: 1\n---\n" >c/backlog/MKT-$i.md
	echo "MKT-$i" >>c/backlog/ORDER
done
git -C c add -A && git -C c commit -qm items

ids_of_order() {
	grep -o "^MKT-[0-9]*" "$1" | sort
}

# run8 ROUND CMD...: start one docket per CMD ("set ID K=V" or "move
# ID --top"...) at once; outcome in out.N, err.N, rc.N.
run8() {
	round=$1; shift
	n=0
	for spec in "$@"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		(rc=0; ${VALGRIND:-} "$DOCKET" -C c $spec >out.$n 2>err.$n || rc=$?
		 echo $rc >rc.$n) &
	done
	wait
}

# judge N: every process succeeded with a commit that HEAD contains, or
# refused with the lock message; the commits made = the successes.
judge() {
	before=$1 count=$2 ok=0
	for n in $(seq 1 "$count"); do
		rc=$(cat rc.$n)
		if [ "$rc" = 0 ] && grep -q "nothing to change" err.$n; then
			:       # e.g. already at the top: no commit due
		elif [ "$rc" = 0 ]; then
			id=$(sed -n "s/.*\[\([0-9a-f]\{7\}\)\]$/\1/p" err.$n)
			test -n "$id" || { echo "success without a commit: $(cat err.$n)"; return 1; }
			git -C c merge-base --is-ancestor "$id" HEAD ||
				{ echo "commit $id is not in HEAD"; return 1; }
			ok=$((ok + 1))
		elif [ "$rc" = 1 ]; then
			grep -q "another docket process.*docket.lock" err.$n ||
				{ echo "refused without the lock message:"; cat err.$n; return 1; }
		else
			echo "exit $rc:"; cat err.$n; return 1
		fi
	done
	test "$(git -C c rev-list --count "$before"..HEAD)" = $ok ||
		{ echo "$ok successes, $(git -C c rev-list --count "$before"..HEAD) commits"; return 1; }
	test -z "$(git -C c status --porcelain)" || { git -C c status --porcelain; return 1; }
	ids_of_order c/backlog/ORDER >ids && seq 1 8 | sed "s/^/MKT-/" | sort >want &&
	test_cmp want ids &&
	test ! -e c/.git/docket.lock && no_temp c &&
	echo "$ok of $count succeeded"
}

test_expect '8 processes on 8 items (set and move): succeed or refuse cleanly' '
	for r in 1 2 3 4 5; do
		before=$(git -C c rev-parse HEAD) &&
		run8 $r "set MKT-1 effort=1$r" "move MKT-2 --top" "set MKT-3 effort=3$r" \
			"move MKT-4 --bottom" "set MKT-5 title=Five$r" "move MKT-6 --top" \
			"set MKT-7 effort=7$r" "move MKT-8 --to 3" &&
		judge "$before" 8 || exit 1
	done
'

test_expect '8 processes on one item: succeed or refuse cleanly' '
	for r in 1 2 3 4 5; do
		before=$(git -C c rev-parse HEAD) &&
		run8 $r "set MKT-1 effort=2$r" "move MKT-1 --top" "set MKT-1 title=One$r" \
			"move MKT-1 --bottom" "set MKT-1 customer_value=$r" "move MKT-1 --to 4" \
			"set MKT-1 business_value=$r" "move MKT-1 --after MKT-5" &&
		judge "$before" 8 || exit 1
	done
'

# The same processes retrying while the lock is held (as a user or a
# script would): all of them must land, and no change may be lost.
# retry TAG ARGS...: run docket until it is not refused by the lock.
retry() {
	tag=$1 k=0
	shift
	while [ $k -lt 400 ]; do
		${VALGRIND:-} "$DOCKET" "$@" >/dev/null 2>e.$tag && return 0
		grep -q "another docket process" e.$tag || { cat e.$tag; return 1; }
		k=$((k + 1))
		sleep 0.0$((k % 5 + 1))
	done
	return 1
}

test_expect '8 retrying writers on one item and ORDER: every change lands' '
	before=$(git -C c rev-parse HEAD) &&
	pids= &&
	for spec in "set MKT-2 effort=9" "set MKT-2 customer_value=8" \
		"set MKT-2 business_value=7" "set MKT-2 time_criticality=6" \
		"move MKT-3 --top" "move MKT-6 --bottom" "move MKT-7 --after MKT-3" \
		"set MKT-2 title=Two-concurrently"; do
		retry ${#pids} -C c $spec &
		pids="$pids $!"
	done &&
	for p in $pids; do wait $p; done &&
	git -C c show HEAD:backlog/MKT-2.md >two &&
	grep -qx "effort: 9" two && grep -qx "customer_value: 8" two &&
	grep -qx "business_value: 7" two && grep -qx "time_criticality: 6" two &&
	grep -qx "title: Two-concurrently" two &&
	git -C c show HEAD:backlog/ORDER >order &&
	test "$(grep "^MKT-" order | head -n 1)" = MKT-3 &&
	test "$(grep "^MKT-" order | tail -n 1)" = MKT-6 &&
	ids_of_order order >ids && seq 1 8 | sed "s/^/MKT-/" | sort >want && test_cmp want ids &&
	test "$(git -C c rev-list --count "$before"..HEAD)" -ge 5 &&
	test -z "$(git -C c status --porcelain)" && test ! -e c/.git/docket.lock
'

test_expect 'git fsck is clean, every commit touches only docket'"'"'s paths' '
	git -C c fsck --no-progress --strict >fsck 2>&1 && ! grep -v "^dangling" fsck &&
	git -C c log --format= --name-only | sort -u | grep . >paths &&
	! grep -v "^backlog/\|^docket.yaml$\|^\.gitattributes$" paths
'
test_done
