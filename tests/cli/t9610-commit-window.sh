#!/bin/sh
# The commit/index window (issue 13, class 6): docket commits in an order
# that leaves, whatever happens, a state the next docket finishes or
# reports exactly (docs/faults.md): commit object, journal, git's index,
# branch.  git's index never undoes docket's own commit, and every
# failure says what state the repository is in and the one command that
# finishes the job.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

journal=.git/docket/commit-in-progress

# killed_at_branch DIR ARGS...: run docket ARGS in DIR and kill -9 it
# while it updates the branch (after git's index was written): the
# branch's reflog is made a FIFO, which git's ref update blocks on.  The
# reflog is restored afterwards, and git's leftover lock on the branch
# removed (as git's own message would ask).
killed_at_branch() {
	_d=$1
	shift
	_log=$_d/.git/logs/refs/heads/main
	cp "$_log" log.keep && rm "$_log" && mkfifo "$_log" &&
	{ "$DOCKET" -C "$_d" "$@" >/dev/null 2>&1 & } && _pid=$! &&
	_n=0; while [ ! -e "$_d/$journal" ] && [ $_n -lt 100 ]; do sleep 0.1; _n=$((_n + 1)); done
	sleep 0.3
	kill -9 $_pid; { wait $_pid 2>/dev/null || true; }
	rm "$_log" && cp log.keep "$_log" && rm -f "$_d/.git/refs/heads/main.lock" &&
	test -e "$_d/$journal"
}

test_expect 'killed between the index and the branch: the next docket finishes the commit' '
	fault_backlog k && git -C k rev-parse HEAD >head &&
	killed_at_branch k move MKT-2 --top &&
	test "$(git -C k rev-parse HEAD)" = "$(cat head)" &&
	test "$(git -C k status --porcelain)" = "M  backlog/ORDER" &&
	docket -C k set MKT-1 effort=4 2>err &&
	grep -q "finished docket.s interrupted commit .* of backlog/ORDER" err &&
	test ! -e k/$journal && test -z "$(git -C k status --porcelain)" &&
	test "$(git -C k rev-parse HEAD~2)" = "$(cat head)" &&
	git -C k log -1 --format=%s HEAD~1 | grep -q "^Rank MKT-2" &&
	test "$(git -C k show --name-only --format= HEAD~1)" = backlog/ORDER &&
	test "$(git -C k show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	git -C k show HEAD:backlog/ORDER | sed -n 2p | grep -qx MKT-2 &&
	git -C k reflog -1 main@{1} | grep -q "commit: Rank MKT-2"
'

test_expect 'killed with two files (done: the item and ORDER): both committed, nothing undone' '
	fault_backlog k2 && git -C k2 rev-parse HEAD >head &&
	killed_at_branch k2 done MKT-1 --result won &&
	docket -C k2 set MKT-2 effort=1 2>err && grep -q "finished docket.s interrupted commit" err &&
	test -z "$(git -C k2 status --porcelain)" &&
	test "$(git -C k2 show --name-only --format= HEAD~1 | sort | tr "\n" " ")" = "backlog/MKT-1.md backlog/ORDER " &&
	git -C k2 show HEAD:backlog/MKT-1.md | grep -qx "status: done" &&
	! git -C k2 show HEAD:backlog/ORDER | grep -qx MKT-1
'

test_expect 'killed, then the file changed by hand: not finished, the edit kept, said so' '
	fault_backlog k3 && git -C k3 rev-parse HEAD >head &&
	killed_at_branch k3 move MKT-2 --top &&
	echo "# my note" >>k3/backlog/ORDER && cp k3/backlog/ORDER mine &&
	docket -C k3 set MKT-1 effort=4 2>err &&
	grep -q "could not be finished.*backlog/ORDER" err &&
	test ! -e k3/$journal && cmp mine k3/backlog/ORDER &&
	test "$(git -C k3 status --porcelain)" = " M backlog/ORDER" &&
	test "$(git -C k3 rev-parse HEAD~1)" = "$(cat head)"
'

test_expect 'a damaged journal is removed with a note; nothing else changes' '
	fault_backlog k4 && mkdir -p k4/.git/docket && echo garbage >k4/$journal &&
	docket -C k4 set MKT-1 effort=4 2>err &&
	grep -q "removed a damaged record of an interrupted docket commit" err &&
	test ! -e k4/$journal && test -z "$(git -C k4 status --porcelain)"
'

# limited CMD...: files limited to 16 blocks (8 or 16 KB): docket's files
# and objects fit, git's index (300 other files) does not.
limited() {
	(trap "" XFSZ; ulimit -f 16 && "$@")
}

test_expect 'the index cannot be written: not committed, HEAD and index as before, the command to finish' '
	fault_backlog x && mkdir x/other &&
	i=0; while [ $i -lt 300 ]; do : >x/other/file-$i.txt; i=$((i + 1)); done &&
	git -C x add other && git -C x commit -qm "many files" &&
	test $(wc -c <x/.git/index) -gt 20000 &&
	git -C x rev-parse HEAD >head && cp x/.git/index index.before &&
	expect_code 1 limited "$DOCKET" -C x move MKT-2 --top 2>err &&
	grep -q "the files are written but not committed (HEAD and git.s index are as before)" err &&
	grep -q "File too large" err &&
	test "$(git -C x rev-parse HEAD)" = "$(cat head)" && cmp index.before x/.git/index &&
	test ! -e x/$journal && test ! -e x/.git/docket.lock &&
	test "$(git -C x status --porcelain)" = " M backlog/ORDER" &&
	cmd=$(sed -n "s/.*commit them with: //p" err) &&
	test "$cmd" = "git commit -m '"'"'Rank MKT-2 #2 → #1 (above MKT-1)'"'"' -- '"'"'backlog/ORDER'"'"'" &&
	(cd x && eval "$cmd" >/dev/null) && test -z "$(git -C x status --porcelain)" &&
	test "$(git -C x show --name-only --format= HEAD)" = backlog/ORDER
'

test_expect 'the branch is locked: not committed, the lock named, the command to finish' '
	fault_backlog y && git -C y rev-parse HEAD >head && : >y/.git/refs/heads/main.lock &&
	expect_code 1 docket -C y set MKT-1 "title=It'"'"'s new" 2>err &&
	grep -q "refs/heads/main.lock exists" err &&
	test "$(git -C y rev-parse HEAD)" = "$(cat head)" &&
	test "$(git -C y status --porcelain)" = " M backlog/MKT-1.md" &&
	test ! -e y/$journal && rm y/.git/refs/heads/main.lock &&
	cmd=$(sed -n "s/.*commit them with: //p" err) &&
	(cd y && eval "$cmd" >/dev/null) && test -z "$(git -C y status --porcelain)" &&
	git -C y log -1 --format=%s | grep -qx "Set MKT-1 title One → It'"'"'s new"
'

test_expect 'after every docket commit, git sees nothing staged or changed' '
	fault_backlog z &&
	docket -C z new "Third" --top 2>/dev/null >/dev/null && git_clean z &&
	docket -C z move MKT-3 --bottom 2>/dev/null && git_clean z &&
	docket -C z done MKT-1 --result won 2>/dev/null && git_clean z &&
	docket -C z renumber MKT-2 MKT-20 2>/dev/null && git_clean z &&
	git -C z fsck --no-progress 2>&1 | { ! grep -v "^dangling"; }
'

test_done
