#!/bin/sh
# Faults while writing (docs/faults.md, docs/robustness.md): a read-only tree, a full disk (a
# file-size limit), an immutable file, a stale index.lock or docket lock,
# a docket killed between writing and committing, links out of the
# repository, two dockets at once.  Each time: a clear error naming the
# file or lock, nothing half-written, nothing of the user's lost.
# (t9500-t9550 test the same faults from the write path's side; these
# run docket itself under the file-size limit, with no shell trap for
# SIGXFSZ, and kill it at random moments.)
. "$DOCKET_TESTS/cli/lib.sh"

# snapshot / unchanged: the backlog's bytes, HEAD and a clean status
snapshot() {
	rm -rf snap && cp -R b/backlog snap && git -C b rev-parse HEAD >snap.head
}
unchanged() {
	diff -r snap b/backlog &&
	test "$(git -C b rev-parse HEAD)" = "$(cat snap.head)" &&
	test -z "$(git -C b status --porcelain)" &&
	test ! -e b/.git/docket.lock &&
	! ls -a b/backlog | grep -q docket-tmp
}
# read_only PATH... / writable PATH...: refuse writes even to root
# (chattr +i), else chmod; read_only fails when neither works here.
read_only() {
	if [ "$(id -u)" = 0 ]; then chattr +i "$@" 2>/dev/null; else chmod a-w "$@"; fi
}
writable() {
	if [ "$(id -u)" = 0 ]; then chattr -i "$@" 2>/dev/null || true; else chmod u+w "$@"; fi
}

test_expect 'setup: a backlog with a ranked item and a large body' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	docket -C b new "First idea" --set effort=2 --set customer_value=3 \
		--set business_value=4 --set hypothesis=H --set metric=M --set target=5 >/dev/null 2>&1 &&
	docket -C b new "Second idea" >/dev/null 2>&1 &&
	docket -C b move MKT-1 --top >/dev/null 2>&1 &&
	python3 -c "open(\"b/backlog/MKT-1.md\", \"a\").write(\"A long body line.\n\" * 300)" &&
	git -C b commit -qam "Long body" &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'a full disk (file-size limit): a clear error, nothing changed' '
	snapshot &&
	(ulimit -f 2; expect_code 1 "$DOCKET" -C b done MKT-1 --result won 2>err) &&
	grep -E "cannot write '\''[^'\'']*backlog/MKT-1.md'\'': File too large; no file was changed" err &&
	unchanged &&
	docket -C b done MKT-1 --result won >/dev/null 2>&1 &&
	git -C b reset -q --hard HEAD~1
'

test_expect 'a read-only backlog folder: a clear error, nothing changed' '
	snapshot &&
	if ! read_only b/backlog; then echo "# skip: cannot make a folder read-only here"; exit 0; fi &&
	rc=0 &&
	{ expect_code 1 docket -C b done MKT-1 --result won 2>err || rc=1; } &&
	{ expect_code 1 docket -C b new "Third" 2>>err || rc=1; } &&
	writable b/backlog && test $rc = 0 &&
	grep -E "cannot write '\''[^'\'']*backlog/MKT-[13].md'\'': (Permission denied|Operation not permitted|Read-only file system)" err &&
	test $(grep -c "no file was changed" err) = 2 &&
	unchanged
'

test_expect 'an immutable ORDER: refused before the item file changes' '
	[ "$(id -u)" = 0 ] || { echo "# skip: needs chattr as root"; exit 0; } &&
	snapshot &&
	if ! chattr +i b/backlog/ORDER 2>/dev/null; then echo "# skip: no chattr here"; exit 0; fi &&
	rc=0 && { expect_code 1 docket -C b done MKT-1 --result won 2>err || rc=1; } &&
	chattr -i b/backlog/ORDER && test $rc = 0 &&
	grep -E "cannot write '\''[^'\'']*backlog/ORDER'\'': Operation not permitted.*; no file was changed" err &&
	unchanged
'

test_expect 'a stale .git/index.lock: refused, naming it; fine once removed' '
	snapshot &&
	: >b/.git/index.lock &&
	expect_code 1 docket -C b set MKT-2 title="Renamed" 2>err &&
	grep -F "git'\''s index is locked (.git/index.lock exists)" err &&
	rm b/.git/index.lock && unchanged &&
	docket -C b set MKT-2 title="Renamed" >/dev/null 2>&1 &&
	grep -q "^title: Renamed" b/backlog/MKT-2.md && test -z "$(git -C b status --porcelain)"
'

test_expect 'a lock held by a live docket is a refusal naming it; a dead one is taken over' '
	snapshot &&
	live=$(sh -c "sleep 30 >/dev/null 2>&1 & echo \$!") &&
	printf "%s %s\n" "$live" "$(hostname)" >b/.git/docket.lock &&
	expect_code 1 docket -C b set MKT-2 title="Again" 2>err &&
	kill $live &&
	grep -F "another docket process (pid $live) is changing this repository (lock" err &&
	grep -F ".git/docket.lock" err &&
	rm b/.git/docket.lock && unchanged &&
	dead=$(sh -c "echo \$\$") &&
	printf "%s %s\n" "$dead" "$(hostname)" >b/.git/docket.lock &&
	docket -C b set MKT-2 title="Again" >/dev/null 2>&1 &&
	test ! -e b/.git/docket.lock && grep -q "^title: Again" b/backlog/MKT-2.md
'

test_expect 'killed between writing and committing: the next run explains, nothing is lost' '
	docket -C b --no-commit set MKT-1 title="Written, not committed" >/dev/null 2>&1 &&
	cp b/backlog/MKT-1.md interrupted &&
	dead=$(sh -c "echo \$\$") &&
	printf "%s %s\n" "$dead" "$(hostname)" >b/.git/docket.lock &&
	expect_code 1 docket -C b set MKT-1 status=ready 2>err &&
	grep -F "backlog/MKT-1.md" err && grep -E "uncommitted|unstaged|staged" err &&
	cmp interrupted b/backlog/MKT-1.md &&
	docket -C b set MKT-2 title="Other item" >/dev/null 2>&1 &&
	git -C b show --stat --format= HEAD | grep -q "backlog/MKT-2.md" &&
	! git -C b show --stat --format= HEAD | grep -q "MKT-1" &&
	git -C b status --porcelain | grep -q "^ M backlog/MKT-1.md" &&
	docket -C b set MKT-1 status=ready --include-dirty >/dev/null 2>&1 &&
	grep -q "^title: Written, not committed" b/backlog/MKT-1.md &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'docket killed at random moments leaves whole files and a sound repository' '
	i=0 &&
	while [ $i -lt 12 ]; do
		i=$((i + 1))
		"$DOCKET" -C b new "Killed $i" >/dev/null 2>&1 & pid=$!
		python3 -c "import time, random; time.sleep(random.random() * 0.03)"
		kill -9 $pid 2>/dev/null || true
		wait $pid 2>/dev/null || true
	done &&
	git -C b fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal)"; } &&
	for f in b/backlog/*.md; do
		head -1 "$f" | grep -qx -- "---" || { echo "partial file $f"; exit 1; }
	done &&
	docket -C b check >out 2>&1 || { ! grep -F "[syntax]" out; } &&
	docket -C b --include-dirty new "After the kills" >/dev/null 2>&1 &&
	docket -C b list --format json | jq -e "map(.id) | length == (unique | length)" &&
	git -C b add -A && git -C b commit -qm "Keep what the killed runs wrote" --allow-empty
'

test_expect 'an item that is a link out of the repository is never written through' '
	printf -- "---\nid: MKT-50\ntitle: Outside\nstatus: idea\n---\n" >outside.md &&
	cp outside.md outside.orig &&
	ln -s "$TRASH/outside.md" b/backlog/MKT-50.md &&
	git -C b add b/backlog/MKT-50.md 2>/dev/null || git -C b add backlog/MKT-50.md &&
	git -C b commit -qm "A link" &&
	expect_code 1 docket -C b set MKT-50 title=Changed 2>err &&
	grep -F "backlog/MKT-50.md" err && grep -F "symbolic link leads outside the repository" err &&
	cmp outside.md outside.orig && test -L b/backlog/MKT-50.md &&
	expect_code 1 docket -C b move MKT-50 --top 2>err &&
	cmp outside.md outside.orig && test -L b/backlog/MKT-50.md &&
	git -C b rm -q backlog/MKT-50.md && git -C b commit -qm "No link"
'

test_expect 'an ORDER that is a link out of the repository is never written through' '
	printf "MKT-1\n" >outside-order && cp outside-order outside-order.orig &&
	mv b/backlog/ORDER saved-order &&
	ln -s "$TRASH/outside-order" b/backlog/ORDER &&
	rc=0 && { docket -C b move MKT-2 --top >out 2>err || rc=$?; } &&
	cmp outside-order outside-order.orig &&
	test $rc -ne 0 && grep -F "backlog/ORDER" err &&
	rm b/backlog/ORDER && mv saved-order b/backlog/ORDER &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'two dockets at once: each succeeds or refuses clearly; history stays consistent' '
	before=$(git -C b rev-list --count HEAD) &&
	for w in 1 2; do
		(
			n=0
			while [ $n -lt 8 ]; do
				n=$((n + 1))
				if "$DOCKET" -C b new "Worker $w idea $n" >/dev/null 2>>err.$w; then
					echo ok >>done.$w
				else
					echo refused >>done.$w
				fi
			done
		) &
	done &&
	wait &&
	ok=$(cat done.1 done.2 | grep -c "^ok") &&
	test "$ok" -ge 1 &&
	test "$(cat done.1 done.2 | wc -l)" = 16 &&
	if [ -s err.1 ] || [ -s err.2 ]; then
		! cat err.1 err.2 | grep -v -e "^Add MKT-[0-9]*: Worker" \
			-e "another docket process (pid [0-9]*) is changing this repository" \
			-e "another docket process is changing this repository (lock"
	fi &&
	test $(($(git -C b rev-list --count HEAD) - before)) = "$ok" &&
	test -z "$(git -C b status --porcelain)" &&
	git -C b fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal)"; } &&
	git -C b log --format=%H -"$ok" | while read c; do
		test "$(git -C b show --name-only --format= "$c" | wc -l)" = 1 || exit 1
	done &&
	docket -C b list --format json | jq -e "map(.id) | length == (unique | length)" &&
	{ docket -C b check >out || true; } &&
	! grep -e "\[syntax\]" -e "\[duplicate-id\]" -e "\[id-filename\]" out
'
test_done
