#!/bin/sh
# Faults (docs/faults.md): a docket interrupted between writing its files and
# committing them.  The next docket run explains the state (the file has
# uncommitted edits: refused by name, with the --include-dirty hint) and
# loses nothing; --include-dirty then commits the pending edit with the
# new one.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

fault_backlog i

test_expect '--no-commit leaves "written, not committed": the next run explains it' '
	git -C i rev-parse HEAD >head &&
	docket -C i --no-commit set MKT-1 effort=5 2>err && grep -q "(not committed)" err &&
	cp i/backlog/MKT-1.md pending &&
	test "$(git -C i status --porcelain)" = " M backlog/MKT-1.md" &&
	expect_code 1 docket -C i set MKT-1 status=doing 2>err &&
	grep -q "backlog/MKT-1.md has uncommitted changes" err &&
	grep -q -- "--include-dirty" err && grep -q "commit or stash it" err &&
	expect_code 1 docket -C i done MKT-1 --result won 2>err &&
	grep -q "backlog/MKT-1.md has uncommitted changes" err &&
	cmp pending i/backlog/MKT-1.md && test "$(git -C i rev-parse HEAD)" = "$(cat head)" &&
	no_temp i && test ! -e i/.git/docket.lock
'

test_expect 'other items are not held up by the pending edit' '
	docket -C i set MKT-2 effort=1 2>err &&
	test "$(git -C i show --name-only --format= HEAD)" = backlog/MKT-2.md &&
	test "$(git -C i status --porcelain)" = " M backlog/MKT-1.md" && cmp pending i/backlog/MKT-1.md
'

test_expect '--include-dirty commits the pending edit with the new one' '
	docket -C i --include-dirty start MKT-1 2>err &&
	test -z "$(git -C i status --porcelain)" &&
	git -C i show HEAD:backlog/MKT-1.md >committed &&
	grep -qx "effort: 5   # a guess" committed && grep -qx "status: doing" committed
'

# kill -9 of `docket edit` by its own editor, after the editor saved.
cat >killer.sh <<'EOF'
# the editor: save an edit, then kill the docket that started it
printf 'Edited before the crash.\n' >>"$1"
pidfile=$(dirname "$0")/edit.pid
while [ ! -s "$pidfile" ]; do sleep 0.05; done
kill -9 "$(cat "$pidfile")"
EOF

test_expect 'docket edit killed -9 after the editor saved: nothing lost, the draft offered again' '
	git -C i rev-parse HEAD >head && rm -f edit.pid && cp i/backlog/MKT-2.md before &&
	{ VISUAL="sh $TRASH/killer.sh" "$DOCKET" -C i edit MKT-2 >/dev/null 2>&1 & } &&
	pid=$! && echo $pid >edit.pid && rc=0 && { wait $pid || rc=$?; } &&
	test $rc = 137 &&
	draft=i/.git/docket/drafts/MKT-2.md &&
	tail -n 1 $draft | grep -qx "Edited before the crash." && cp $draft saved &&
	cmp before i/backlog/MKT-2.md &&
	test "$(git -C i rev-parse HEAD)" = "$(cat head)" &&
	test -z "$(git -C i status --porcelain)" &&
	test ! -e i/.git/docket.lock && no_temp i &&
	VISUAL=true docket -C i edit MKT-2 2>err &&
	grep -q "editing your draft of MKT-2" err &&
	git -C i show HEAD:backlog/MKT-2.md | grep -qx "Edited before the crash." &&
	cmp saved i/backlog/MKT-2.md && test ! -e $draft &&
	test -z "$(git -C i status --porcelain)"
'

# kill -9 between the write and the commit, for real: the branch ref is
# made a FIFO, so docket blocks in the commit (reading HEAD) after it
# wrote the file.  (No git command may run while the FIFO is there.)
test_expect 'docket killed -9 after writing, before committing: nothing lost, explained' '
	git -C i rev-parse HEAD >head && cp i/backlog/MKT-1.md before &&
	ref=i/.git/refs/heads/main && test -f $ref &&
	rm $ref && mkfifo $ref &&
	{ "$DOCKET" -C i --include-dirty set MKT-1 effort=8 >/dev/null 2>&1 & } && pid=$! &&
	n=0; while cmp -s before i/backlog/MKT-1.md && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	sleep 0.2; kill -9 $pid; { wait $pid 2>/dev/null || true; }
	rm $ref && cat head >$ref &&
	grep -qx "effort: 8   # a guess" i/backlog/MKT-1.md && cp i/backlog/MKT-1.md written &&
	test "$(git -C i rev-parse HEAD)" = "$(cat head)" &&
	test "$(git -C i status --porcelain)" = " M backlog/MKT-1.md" &&
	test -e i/.git/docket.lock && no_temp i &&
	expect_code 1 docket -C i set MKT-1 effort=9 2>err &&
	grep -q "backlog/MKT-1.md has uncommitted changes" err && grep -q -- "--include-dirty" err &&
	test ! -e i/.git/docket.lock && cmp written i/backlog/MKT-1.md &&
	docket -C i --include-dirty set MKT-1 effort=9 2>err &&
	test -z "$(git -C i status --porcelain)" &&
	git -C i fsck --no-progress 2>&1 | { ! grep -v "^dangling"; }
'
test_done
