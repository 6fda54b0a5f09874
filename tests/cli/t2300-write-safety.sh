#!/bin/sh
# Safety of every write (docs/faults.md): dirty files, other work, merges, locks,
# identity, unborn HEAD, --no-commit and commit: false.
. "$DOCKET_TESTS/cli/lib.sh"

setup_backlog() {
	new_repo "$1" && docket -C "$1" init 2>/dev/null &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\n" >"$1/backlog/MKT-1.md" &&
	printf -- "---\nid: MKT-2\ntitle: Two\nstatus: idea\n---\n" >"$1/backlog/MKT-2.md" &&
	printf "MKT-1\nMKT-2\n" >"$1/backlog/ORDER" &&
	git -C "$1" add -A && git -C "$1" commit -qm items
}

test_expect 'a dirty item is refused by name; nothing changes' '
	setup_backlog b &&
	printf "my notes\n" >>b/backlog/MKT-1.md && cp b/backlog/MKT-1.md before &&
	git -C b rev-parse HEAD >h &&
	expect_code 1 docket -C b set MKT-1 effort=2 2>err &&
	grep -q "backlog/MKT-1.md has uncommitted changes" err && grep -q -- "--include-dirty" err &&
	cmp before b/backlog/MKT-1.md && test "$(git -C b rev-parse HEAD)" = "$(cat h)" &&
	test "$(git -C b status --porcelain)" = " M backlog/MKT-1.md"
'

test_expect '--include-dirty commits the edit together with the user'"'"'s' '
	docket -C b --include-dirty set MKT-1 effort=2 2>err &&
	grep -qx "my notes" b/backlog/MKT-1.md && grep -qx "effort: 2" b/backlog/MKT-1.md &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'staged and unstaged work elsewhere stays as it was' '
	echo staged >b/staged.txt && git -C b add staged.txt &&
	printf "edit\n" >>b/backlog/MKT-2.md && git -C b add backlog/MKT-2.md &&
	echo wip >b/wip.txt &&
	git -C b status --porcelain >st.before && git -C b diff --cached >cached.before &&
	docket -C b move MKT-2 --top 2>err &&
	docket -C b set MKT-1 effort=4 2>err &&
	git -C b status --porcelain >st.after && git -C b diff --cached >cached.after &&
	test_cmp st.before st.after && test_cmp cached.before cached.after &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	test "$(git -C b show --name-only --format= HEAD~1)" = backlog/ORDER &&
	expect_code 1 docket -C b set MKT-2 effort=1 2>err && grep -q "backlog/MKT-2.md has staged changes" err &&
	git -C b reset -q && git -C b checkout -q -- backlog/MKT-2.md && rm b/staged.txt b/wip.txt
'

test_expect 'a merge in progress is refused' '
	setup_backlog m &&
	git -C m checkout -qb side && printf "MKT-2\nMKT-1\n" >m/backlog/ORDER && git -C m commit -qam side &&
	git -C m checkout -q main && printf "# top\nMKT-1\nMKT-2\n" >m/backlog/ORDER && git -C m commit -qam main &&
	git -C m -c merge.docket-order.driver=false merge side >/dev/null 2>&1 || true &&
	test -f m/.git/MERGE_HEAD && cp m/backlog/MKT-1.md before &&
	git -C m status --porcelain >st.before &&
	expect_code 1 docket -C m set MKT-1 effort=1 2>err && grep -q "merge is in progress" err &&
	cmp before m/backlog/MKT-1.md && git -C m status --porcelain >st && test_cmp st.before st &&
	git -C m merge --abort
'

test_expect 'conflict markers in ORDER are refused' '
	printf "<<<<<<< ours\nMKT-1\n=======\nMKT-2\n>>>>>>> theirs\n" >m/backlog/ORDER &&
	expect_code 1 docket -C m move MKT-1 --top 2>err && grep -q "backlog/ORDER:1: ORDER has merge-conflict markers" err &&
	expect_code 1 docket -C m set MKT-1 effort=1 2>err &&
	printf "<<<<<<< ours\nMKT-1\n=======\nMKT-2\n>>>>>>> theirs\n" >want && cmp want m/backlog/ORDER &&
	same_as m HEAD backlog/MKT-1.md && test "$(git -C m status --porcelain)" = " M backlog/ORDER" &&
	git -C m checkout -q -- backlog/ORDER
'

test_expect 'a held lock is refused, naming it; a stale one is taken over' '
	sleep 60 & pid=$! &&
	echo "$pid $(hostname)" >m/.git/docket.lock && cp m/backlog/MKT-1.md before &&
	expect_code 1 docket -C m set MKT-1 effort=1 2>err &&
	grep -q "another docket process (pid $pid)" err && grep -q "docket.lock" err &&
	cmp before m/backlog/MKT-1.md && git_clean m &&
	kill $pid && wait $pid 2>/dev/null; 
	test -f m/.git/docket.lock &&
	docket -C m set MKT-1 effort=1 2>err &&
	test ! -e m/.git/docket.lock &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\neffort: 1\n---\n" >want &&
	cmp want m/backlog/MKT-1.md && git_clean m
'

test_expect 'git'"'"'s index.lock is refused with a clear message' '
	touch m/.git/index.lock &&
	expect_code 1 docket -C m set MKT-1 effort=2 2>err && grep -q "index is locked (.git/index.lock" err &&
	rm m/.git/index.lock
'

test_expect 'no user.name: refused before writing, saying how to set it' '
	cp m/backlog/MKT-1.md before &&
	mkdir nohome &&
	expect_code 1 env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
		HOME="$PWD/nohome" "$DOCKET" -C m set MKT-1 effort=3 2>err &&
	grep -q "git config --global user.name" err &&
	cmp before m/backlog/MKT-1.md
'

test_expect 'unborn HEAD: the first commit holds only docket'"'"'s file' '
	new_repo u && mkdir u/backlog && printf "prefix: MKT\n" >u/docket.yaml &&
	docket -C u new "First idea" >/dev/null 2>err &&
	test "$(git -C u ls-tree -r --name-only HEAD)" = backlog/MKT-1.md &&
	test "$(git -C u status --porcelain)" = "?? docket.yaml"
'

test_expect '--no-commit and commit: false only write' '
	git -C m rev-parse HEAD >h &&
	docket -C m --no-commit set MKT-2 effort=5 2>err && grep -q "(not committed)" err &&
	docket -C m --no-commit set MKT-2 effort=6 2>err &&
	printf -- "---\nid: MKT-2\ntitle: Two\nstatus: idea\neffort: 6\n---\n" >want &&
	cmp want m/backlog/MKT-2.md && test "$(git -C m rev-parse HEAD)" = "$(cat h)" &&
	test "$(git -C m status --porcelain)" = " M backlog/MKT-2.md" &&
	git -C m checkout -q backlog/MKT-2.md &&
	printf "commit: false\n" >>m/docket.yaml && git -C m commit -qam "no commits" &&
	git -C m rev-parse HEAD >h &&
	docket -C m move MKT-2 --top 2>err &&
	test "$(git -C m rev-parse HEAD)" = "$(cat h)" &&
	printf "# top\nMKT-2\nMKT-1\n" >want && cmp want m/backlog/ORDER &&
	test "$(git -C m status --porcelain)" = " M backlog/ORDER"
'

test_expect 'a failed commit keeps the written files and says so' '
	setup_backlog f &&
	touch f/.git/refs/heads/main.lock &&
	expect_code 1 docket -C f set MKT-1 effort=2 2>err &&
	grep -q "written but not committed" err &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\neffort: 2\n---\n" >want && cmp want f/backlog/MKT-1.md &&
	test "$(git -C f log --oneline | wc -l)" = 2 &&
	test "$(git -C f status --porcelain)" = " M backlog/MKT-1.md" &&
	rm f/.git/refs/heads/main.lock
'
test_done
