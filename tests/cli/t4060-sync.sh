#!/bin/sh
# docket sync [REV]: git merge with docket's ORDER merge built in (no
# driver in .git/config), the upstream by default; fast-forward, merge
# commit with git's merge hooks, conflicts left as git merge leaves
# them, ORDER's conflict in docket's form.  A bare repository is the host.
. "$DOCKET_TESTS/cli/lib.sh"

order() {
	f=$1
	shift
	{ echo "# Ranked"; for i in "$@"; do echo "MKT-$i"; done; } >"$f"
}

hook() {
	printf '#!/bin/sh\n%s\n' "$3" >"$1/.git/hooks/$2"
	chmod +x "$1/.git/hooks/$2"
}

test_expect 'setup: a host and two clones, the driver only in .gitattributes' '
	git init -q --bare host.git &&
	git clone -q host.git a 2>/dev/null &&
	docket -C a init 2>/dev/null &&
	for t in A B C D E; do docket -C a new "Item $t" 2>/dev/null; done &&
	order a/backlog/ORDER 1 2 3 4 5 && git -C a commit -qam "Rank" &&
	git -C a push -q origin main &&
	git clone -q host.git b &&
	! git -C b config merge.docket-order.driver &&
	grep -q "merge=docket-order" b/.gitattributes
'

test_expect 'up to date, then a fast-forward to the upstream' '
	docket -C b sync 2>err && grep -q "Already up to date with origin/main" err &&
	order a/backlog/ORDER 2 1 3 4 5 && git -C a commit -qam "Swap 1 and 2" &&
	git -C a push -q origin main && git -C b fetch -q &&
	hook b post-merge "echo \"post-merge \$1\" >\"\$HOME/post.out\"" &&
	docket -C b sync 2>err &&
	grep -q "Fast-forwarded to origin/main \[" err &&
	test "$(git -C b rev-parse HEAD)" = "$(git -C a rev-parse HEAD)" &&
	order want 2 1 3 4 5 && cmp want b/backlog/ORDER && git_clean b &&
	grep -qx "post-merge 0" post.out
'

test_expect 'diverged: a merge commit with docket'"'"'s ORDER merge and git'"'"'s hooks' '
	order a/backlog/ORDER 5 2 1 3 4 && git -C a commit -qam "5 to the top" &&
	git -C a push -q origin main &&
	order b/backlog/ORDER 2 3 4 5 1 && git -C b commit -qam "1 to the bottom" &&
	git -C b fetch -q &&
	hook b pre-merge-commit "echo \"pre-merge-commit \$GIT_INDEX_FILE\" >\"\$HOME/pmc.out\"" &&
	hook b commit-msg "printf \"\\nSynced-by: docket\\n\" >>\"\$1\"" &&
	rm -f post.out &&
	docket -C b sync origin/main 2>err &&
	grep -q "^Merged origin/main \[" err &&
	order want 5 2 3 4 1 && cmp want b/backlog/ORDER &&
	test "$(git -C b rev-parse HEAD^1)" != "$(git -C b rev-parse HEAD^2)" &&
	test "$(git -C b rev-parse HEAD^2)" = "$(git -C a rev-parse HEAD)" &&
	git -C b log -1 --format=%B >msg &&
	grep -qx "Merge remote-tracking branch '"'"'origin/main'"'"'" msg &&
	grep -qx "Synced-by: docket" msg &&
	grep -q "pre-merge-commit .*/.git/index$" pmc.out &&
	grep -qx "post-merge 0" post.out &&
	test ! -e b/.git/MERGE_HEAD && git_clean b &&
	rm b/.git/hooks/commit-msg b/.git/hooks/pre-merge-commit
'

test_expect 'both moved one item to different places: stops, ORDER in docket'"'"'s form' '
	git -C b push -q origin main && git -C a pull -q --no-rebase origin main 2>/dev/null &&
	order a/backlog/ORDER 3 5 2 4 1 && git -C a commit -qam "3 to the top" &&
	git -C a push -q origin main &&
	order b/backlog/ORDER 5 2 4 1 3 && git -C b commit -qam "3 to the bottom" &&
	git -C b fetch -q && git -C b rev-parse HEAD >head.before &&
	expect_code 1 docket -C b sync 2>err &&
	grep -q "merge conflict in backlog/ORDER (written in docket.s form: keep one side of each block)" err &&
	grep -q "merging origin/main stopped at 1 conflict: fix it, git add it and git commit (or git merge --abort)" err &&
	grep -qx "<<<<<<< ours" b/backlog/ORDER && grep -qx ">>>>>>> theirs" b/backlog/ORDER &&
	! grep -q "<<<<<<< HEAD" b/backlog/ORDER &&
	test -e b/.git/MERGE_HEAD &&
	git -C b merge --abort &&
	git -C b rev-parse HEAD | cmp - head.before && git_clean b
'

test_expect 'the conflict resolved by hand is committed with git commit' '
	expect_code 1 docket -C b sync 2>err &&
	sed -i "/^<<<<<<< ours\$/d; /^=======\$/,/^>>>>>>> theirs\$/d" b/backlog/ORDER &&
	docket -C b check >out 2>&1 &&
	git -C b add backlog/ORDER && git -C b commit -q --no-edit &&
	test "$(git -C b log -1 --format=%s)" = "Merge remote-tracking branch '"'"'origin/main'"'"'" &&
	git -C b rev-parse -q --verify HEAD^2 >/dev/null && git_clean b
'

test_expect 'a refusing pre-merge-commit hook leaves the merge staged; --no-verify skips it' '
	git -C b push -q origin main && git -C a pull -q --no-rebase origin main 2>/dev/null &&
	order a/backlog/ORDER 1 3 5 2 4 && git -C a commit -qam "1 to the top" &&
	git -C a push -q origin main &&
	docket -C b new "Item F" 2>/dev/null && git -C b fetch -q &&
	hook b pre-merge-commit "echo merge refused >&2; exit 1" &&
	git -C b rev-parse HEAD >head.before &&
	expect_code 1 docket -C b sync 2>err &&
	grep -q "merge refused" err && grep -q "pre-merge-commit hook refused" err &&
	grep -q "is staged but not committed" err &&
	git -C b rev-parse HEAD | cmp - head.before &&
	test -e b/.git/MERGE_HEAD &&
	git -C b merge --abort &&
	docket -C b --no-verify sync 2>err &&
	grep -q "^Merged origin/main" err && git_clean b &&
	rm b/.git/hooks/pre-merge-commit
'

test_expect 'without the driver line in .gitattributes a merge is refused' '
	order a/backlog/ORDER 4 1 3 5 2 && git -C a commit -qam "4 to the top" &&
	git -C a push -q origin main &&
	sed -i "/merge=docket-order/d" b/.gitattributes && git -C b commit -qam "No driver" &&
	git -C b fetch -q && git -C b rev-parse HEAD >head.before &&
	expect_code 1 docket -C b sync 2>err &&
	grep -q "backlog/ORDER has no merge driver in .gitattributes: add the line .backlog/ORDER merge=docket-order." err &&
	git -C b rev-parse HEAD | cmp - head.before && test ! -e b/.git/MERGE_HEAD &&
	git_clean b && git -C b reset -q --hard HEAD~1
'

test_expect 'local changes in the way: refused, nothing lost' '
	echo "# my note" >>b/backlog/ORDER && cp b/backlog/ORDER mine &&
	expect_code 1 docket -C b sync 2>err &&
	grep -qi "local changes" err &&
	cmp mine b/backlog/ORDER && test ! -e b/.git/MERGE_HEAD &&
	git -C b checkout -q backlog/ORDER
'

test_expect 'no upstream, no revision: says which to give' '
	git -C b checkout -q -b lonely &&
	expect_code 2 docket -C b sync 2>err &&
	grep -q "the branch lonely has no upstream: name the revision to merge (docket sync origin/main)" err &&
	expect_code 1 docket -C b sync no-such-rev 2>err && grep -q "unknown revision" err
'

test_done
