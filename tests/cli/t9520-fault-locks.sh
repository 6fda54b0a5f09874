#!/bin/sh
# Faults (docs/faults.md): stale locks.  git's .git/index.lock left by a dead git
# is refused, naming it and saying what to do, with nothing written.
# docket's own .git/docket.lock (core/change.h) is taken over when its
# process is gone, and refused (never broken) while its process lives;
# a docket killed while it holds the lock leaves a lock the next run
# takes over.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

# dead_pid: a pid that no longer runs.
dead_pid() {
	sh -c 'exit 0' &
	p=$!
	wait $p
	echo $p
}

fault_backlog l

test_expect 'a stale index.lock: refused naming it, saying what to do; nothing written' '
	: >l/.git/index.lock && snap l >before &&
	expect_code 1 docket -C l set MKT-1 effort=5 2>err &&
	grep -q "\.git/index.lock" err && grep -q "remove that file" err &&
	expect_code 1 docket -C l move MKT-2 --top 2>err &&
	expect_code 1 docket -C l new "Idea" >out 2>err && test ! -s out &&
	snap l >after && test_cmp before after && no_temp l &&
	test ! -e l/.git/docket.lock && test -e l/.git/index.lock &&
	rm l/.git/index.lock
'

test_expect 'a docket.lock of a process that is gone is taken over' '
	echo "$(dead_pid) $(hostname)" >l/.git/docket.lock &&
	docket -C l set MKT-1 effort=5 2>err &&
	test ! -e l/.git/docket.lock &&
	grep -qx "effort: 5   # a guess" l/backlog/MKT-1.md &&
	test -z "$(git -C l status --porcelain)" &&
	test "$(git -C l log -1 --format=%s)" = "Set MKT-1 effort 3 → 5"
'

test_expect 'a docket.lock of a live process is refused, naming it, and left alone' '
	sleep 30 & live=$! &&
	echo "$live $(hostname)" >l/.git/docket.lock && cp l/.git/docket.lock lock.before &&
	snap l >before && rc=0 &&
	expect_code 1 docket -C l set MKT-1 effort=6 2>err || rc=$?
	kill $live; { wait $live 2>/dev/null || true; }; test $rc = 0 &&
	grep -q "another docket process (pid $live)" err && grep -q "\.git/docket.lock" err &&
	cmp lock.before l/.git/docket.lock &&
	snap l >after && test_cmp before after && rm l/.git/docket.lock
'

test_expect 'a lock from another machine is not second-guessed' '
	echo "$(dead_pid) elsewhere.example" >l/.git/docket.lock && cp l/.git/docket.lock lock.before &&
	expect_code 1 docket -C l set MKT-1 effort=6 2>err &&
	grep -q "another docket process" err && cmp lock.before l/.git/docket.lock &&
	rm l/.git/docket.lock
'

test_expect 'an unreadable lock is respected while fresh, taken over when old' '
	echo "garbage" >l/.git/docket.lock &&
	expect_code 1 docket -C l set MKT-1 effort=6 2>err && grep -q "docket.lock" err &&
	touch -d "@$(( $(date +%s) - 600 ))" l/.git/docket.lock &&
	docket -C l set MKT-1 effort=6 2>err && test ! -e l/.git/docket.lock
'

test_expect 'an empty lock (its writer died before writing it) does not block' '
	: >l/.git/docket.lock &&
	docket -C l set MKT-1 effort=7 2>err && test ! -e l/.git/docket.lock &&
	test -z "$(git -C l status --porcelain)"
'

# A docket killed for real while it holds the lock: `new --edit` holds
# it while the editor runs (the new id must stay its own), and the editor
# here waits until docket is killed.  (docket no longer blocks on a FIFO,
# which this test used before: it reads only regular files.)
test_expect 'docket killed -9 while holding the lock: the next run takes over' '
	rm -f l/.git/docket.lock &&
	rm -f edpid &&
	{ VISUAL="echo \$\$ >\"$TRASH/edpid\"; exec sleep 30 #" "$DOCKET" -C l new "Held" --edit >/dev/null 2>&1 & } &&
	pid=$! && held=0 &&
	n=0; while [ ! -s l/.git/docket.lock ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	test "$(cut -d" " -f1 l/.git/docket.lock 2>/dev/null)" = "$pid" && held=1
	kill -9 $pid; { wait $pid 2>/dev/null || true; }
	n=0; while [ ! -s edpid ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
	kill $(cat edpid) 2>/dev/null || true
	test $held = 1 && test -e l/.git/docket.lock &&
	new=$(git -C l status --porcelain | sed -n "s/^?? //p") &&
	test -n "$new" && rm "l/$new" &&
	test -z "$(git -C l status --porcelain)" && no_temp l &&
	docket -C l set MKT-2 effort=4 2>err &&
	test ! -e l/.git/docket.lock && test -z "$(git -C l status --porcelain)" &&
	git -C l show HEAD:backlog/MKT-2.md | grep -qx "effort: 4"
'

# The take-over is judged under flock(2) on the lock file: while another
# process is in the middle of taking the lock (holds the flock), docket
# neither takes over nor waits for long: it refuses with the lock message.
if command -v flock >/dev/null 2>&1; then
test_expect 'a take-over in progress elsewhere (flock held) is not raced' '
	echo "$(dead_pid) $(hostname)" >l/.git/docket.lock && cp l/.git/docket.lock lock.before &&
	snap l >before &&
	{ (exec 9<>l/.git/docket.lock && flock 9 && exec sleep 5) & } && fl=$! &&
	sleep 0.3 && rc=0 &&
	start=$(date +%s) &&
	expect_code 1 docket -C l set MKT-1 effort=9 2>err || rc=$?
	took=$(( $(date +%s) - start )); kill $fl 2>/dev/null; { wait $fl 2>/dev/null || true; }
	test $rc = 0 && test $took -le 4 &&
	grep -q "another docket process" err && cmp lock.before l/.git/docket.lock &&
	snap l >after && test_cmp before after &&
	docket -C l set MKT-1 effort=9 2>err && test ! -e l/.git/docket.lock
'
else
	test_skip 'a take-over in progress elsewhere' 'no flock command'
fi

# Many processes finding the same stale lock: exactly one may take it
# over at a time (the take-over is one step under flock).  Before that,
# two could both remove the stale lock and both run, and one's commit
# then failed ("written but not committed").
test_expect 'a stale lock found by 8 processes at once: no two run together' '
	for round in $(seq 1 10); do
		echo "$(dead_pid) $(hostname)" >l/.git/docket.lock
		pids=
		for i in 1 2 3 4 5 6 7 8; do
			if [ $((i % 2)) = 0 ]; then
				"$DOCKET" -C l move MKT-$(( (i / 2) % 2 + 1 )) --top >/dev/null 2>e.$i &
			else
				"$DOCKET" -C l set MKT-$(( (i / 2) % 2 + 1 )) effort=$round$i >/dev/null 2>e.$i &
			fi
			pids="$pids $!"
		done
		for p in $pids; do wait $p || true; done
		if grep -h "error" e.* | grep -v "another docket process"; then
			echo "round $round: unexpected errors"; exit 1
		fi
		test -z "$(git -C l status --porcelain)" || { git -C l status --porcelain; exit 1; }
		test ! -e l/.git/docket.lock
	done
'
test_done
