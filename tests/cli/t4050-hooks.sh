#!/bin/sh
# Git hooks around docket's commits, as git runs them around
# `git commit -- PATHS`: pre-commit, prepare-commit-msg, commit-msg and
# post-commit, with git's environment and exit semantics; a refusing
# hook leaves the files and git as they were; --no-verify; core.hooksPath
# (relative, absolute) and work trees.
. "$DOCKET_TESTS/cli/lib.sh"

# hook DIR NAME BODY: an executable hook script in DIR.
hook() {
	mkdir -p "$1"
	printf '#!/bin/sh\n%s\n' "$3" >"$1/$2"
	chmod +x "$1/$2"
}

test_expect 'setup: a backlog with one item' '
	new_repo r && docket -C r init 2>/dev/null &&
	docket -C r new "Video teaser" 2>/dev/null &&
	git_clean r
'

# docket refuses a write that adds an error itself (docs/writing.md); a
# warning goes through, and a hook running check --strict stops it.
test_expect 'a pre-commit hook running docket check --strict stops a write that adds a warning' '
	hook r/.git/hooks pre-commit "\"\$DOCKET\" check --strict" &&
	git -C r rev-parse HEAD >head.before &&
	cp r/backlog/MKT-1.md item.before &&
	expect_code 1 docket -C r set MKT-1 effort=13 2>err &&
	grep -q "max-effort" err &&
	grep -q "the pre-commit hook refused the commit (exit status 1" err &&
	grep -q "nothing is committed, and the files docket wrote are as they were" err &&
	cmp item.before r/backlog/MKT-1.md &&
	git -C r rev-parse HEAD | cmp - head.before &&
	git_clean r
'

test_expect 'the same hook lets a valid write through, and commits it' '
	docket -C r set MKT-1 effort=3 2>err &&
	grep -q "Set MKT-1" err &&
	test "$(git -C r rev-list --count HEAD)" = 3 &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^effort: 3" &&
	git_clean r
'

test_expect 'a new file refused by the hook is removed again' '
	hook r/.git/hooks pre-commit "exit 3" &&
	ls r/backlog >ls.before &&
	expect_code 1 docket -C r new "Refused idea" 2>err &&
	grep -q "exit status 3" err &&
	ls r/backlog | cmp - ls.before &&
	git -C r rev-parse HEAD | grep -q . && git_clean r
'

test_expect 'pre-commit sees git'"'"'s environment: a temporary index with HEAD and docket'"'"'s paths' '
	printf "staged by the user\n" >r/notes.txt && git -C r add notes.txt &&
	hook r/.git/hooks pre-commit "{
		echo \"index=\$GIT_INDEX_FILE\"
		echo \"editor=\$GIT_EDITOR\"
		echo \"author=\$GIT_AUTHOR_NAME <\$GIT_AUTHOR_EMAIL> \$GIT_AUTHOR_DATE\"
		echo \"cwd=\$(pwd)\"
		echo \"args=\$#\"
		if read line; then echo stdin-open; else echo stdin-closed; fi
		git diff --cached --name-status
		git ls-files | grep -c . | sed s/^/files=/
	} >\"\$HOME/env.out\"
	echo to-stdout; echo to-stderr >&2" &&
	docket -C r set MKT-1 channel=video >out 2>err &&
	! grep -q to-stdout out && grep -q to-stdout err && grep -q to-stderr err &&
	grep -q "^index=$PWD/r/.git/next-index-docket-[0-9]*.lock$" env.out &&
	test ! -e "$(sed -n "s/^index=//p" env.out)" &&
	grep -qx "editor=:" env.out &&
	grep -qx "cwd=$PWD/r" env.out &&
	grep -qx "args=0" env.out &&
	grep -qx "stdin-closed" env.out &&
	printf "M\tbacklog/MKT-1.md\n" >want && grep "^[AMD]	" env.out >got && test_cmp want got &&
	test "$(git -C r ls-tree -r HEAD^ | grep -c .)" -eq "$(sed -n "s/^files=//p" env.out)" &&
	git -C r log -1 --format="author=%an <%ae> %ad" --date=raw >want &&
	grep "^author=" env.out | sed "s/ @/ /" >got && test_cmp want got &&
	git -C r show --name-only --format= HEAD >got && printf "backlog/MKT-1.md\n" >want &&
	test_cmp want got &&
	git -C r diff --cached --name-only >got && printf "notes.txt\n" >want && test_cmp want got &&
	git -C r reset -q notes.txt && rm r/notes.txt
'

test_expect 'changes the pre-commit hook stages to docket'"'"'s paths are committed' '
	hook r/.git/hooks pre-commit "printf \"Reviewed.\\n\" >>backlog/MKT-1.md && git add backlog/MKT-1.md" &&
	docket -C r set MKT-1 effort=5 2>err &&
	git -C r show HEAD:backlog/MKT-1.md | tail -1 | grep -qx "Reviewed." &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^effort: 5" &&
	git_clean r &&
	rm r/.git/hooks/pre-commit
'

test_expect 'commit-msg may rewrite the message; prepare-commit-msg gets FILE message' '
	hook r/.git/hooks prepare-commit-msg "echo \"\$# \$2\" >\"\$HOME/prep.out\"; test \"\$1\" = \"\$(git rev-parse --git-dir)/COMMIT_EDITMSG\" || test \"\$1\" = \"\$(cd \"\$(git rev-parse --git-dir)\" && pwd)/COMMIT_EDITMSG\"" &&
	hook r/.git/hooks commit-msg "printf \"\\nReviewed-by: Kim <kim@example.com>\\n\\n\\n\" >>\"\$1\"" &&
	docket -C r set MKT-1 effort=8 2>err &&
	grep -qx "2 message" prep.out &&
	git -C r log -1 --format=%B >msg &&
	grep -q "^Set MKT-1" msg && grep -qx "Reviewed-by: Kim <kim@example.com>" msg &&
	git -C r cat-file commit HEAD | tail -1 | grep -qx "Reviewed-by: Kim <kim@example.com>"
'

test_expect 'a failing commit-msg hook refuses; an emptied message is refused as git does' '
	git -C r rev-parse HEAD >head.before && cp r/backlog/MKT-1.md item.before &&
	hook r/.git/hooks commit-msg "echo no ticket >&2; exit 1" &&
	expect_code 1 docket -C r set MKT-1 effort=13 2>err &&
	grep -q "no ticket" err && grep -q "the commit-msg hook refused" err &&
	cmp item.before r/backlog/MKT-1.md && git -C r rev-parse HEAD | cmp - head.before &&
	hook r/.git/hooks commit-msg ": >\"\$1\"" &&
	expect_code 1 docket -C r set MKT-1 effort=13 2>err &&
	grep -q "empty commit message" err &&
	cmp item.before r/backlog/MKT-1.md && git -C r rev-parse HEAD | cmp - head.before &&
	git_clean r
'

test_expect '--no-verify skips pre-commit and commit-msg, before or after the command' '
	hook r/.git/hooks pre-commit "exit 1" &&
	hook r/.git/hooks commit-msg "exit 1" &&
	hook r/.git/hooks post-commit "echo post-commit ran >\"\$HOME/post.out\"; exit 7" &&
	rm -f post.out &&
	docket -C r --no-verify set MKT-1 effort=13 2>err &&
	grep -q "post-commit ran" post.out &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^effort: 13" &&
	rm post.out &&
	docket -C r set MKT-1 effort=21 --no-verify 2>err &&
	grep -q "post-commit ran" post.out &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^effort: 21" &&
	git_clean r
'

test_expect 'post-commit runs after the commit, with git'"'"'s own index' '
	rm r/.git/hooks/pre-commit r/.git/hooks/commit-msg r/.git/hooks/prepare-commit-msg &&
	hook r/.git/hooks post-commit "git log -1 --format=%s >\"\$HOME/post.out\"; echo \"\$GIT_INDEX_FILE\" >>\"\$HOME/post.out\"; git diff --cached --quiet && echo index-clean >>\"\$HOME/post.out\"" &&
	docket -C r set MKT-1 effort=1 2>err &&
	git -C r log -1 --format=%s >want && head -1 post.out | cmp - want &&
	sed -n 2p post.out | grep -qx "$PWD/r/.git/index" &&
	grep -qx index-clean post.out &&
	rm r/.git/hooks/post-commit
'

test_expect 'a hook that is not executable is ignored; one without #! runs with sh' '
	printf "exit 1\n" >r/.git/hooks/pre-commit &&
	docket -C r set MKT-1 effort=2 2>err &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^effort: 2" &&
	printf "echo plain sh script >&2; exit 4\n" >r/.git/hooks/pre-commit &&
	chmod +x r/.git/hooks/pre-commit &&
	expect_code 1 docket -C r set MKT-1 effort=3 2>err &&
	grep -q "plain sh script" err && grep -q "exit status 4" err &&
	rm r/.git/hooks/pre-commit && git_clean r
'

test_expect 'core.hooksPath, relative to the top and absolute' '
	hook r/.githooks pre-commit "echo relative-hooks >&2; exit 1" &&
	git -C r config core.hooksPath .githooks &&
	mkdir -p r/backlog && expect_code 1 docket -C r/backlog set MKT-1 effort=3 2>err &&
	grep -q relative-hooks err &&
	hook abs-hooks pre-commit "echo absolute-hooks >&2; exit 1" &&
	git -C r config core.hooksPath "$PWD/abs-hooks" &&
	expect_code 1 docket -C r set MKT-1 effort=3 2>err &&
	grep -q absolute-hooks err &&
	hook r/.git/hooks pre-commit "exit 1" &&
	git -C r config core.hooksPath "$PWD/no-such-folder" &&
	docket -C r set MKT-1 effort=3 2>err &&
	git -C r config --unset core.hooksPath && rm r/.git/hooks/pre-commit &&
	git -C r add .githooks && git -C r commit -qm "Share the hooks"
'

test_expect 'a linked work tree uses the shared hooks and its own index' '
	git -C r worktree add -q ../wt -b side &&
	hook r/.git/hooks pre-commit "echo \"wt-hook \$GIT_INDEX_FILE\" >&2; git diff --cached --name-only >&2" &&
	docket -C wt set MKT-1 effort=4 2>err &&
	grep -q "wt-hook $PWD/r/.git/worktrees/wt/next-index-docket-" err &&
	grep -qx "backlog/MKT-1.md" err &&
	git -C wt show side:backlog/MKT-1.md | grep -q "^effort: 4" &&
	git_clean wt &&
	git -C r config core.hooksPath .githooks &&
	expect_code 1 docket -C wt set MKT-1 effort=5 2>err &&
	grep -q relative-hooks err && git_clean wt &&
	git -C r config --unset core.hooksPath && rm r/.git/hooks/pre-commit
'

test_expect 'a hook that runs a docket write is refused at once; reads work' '
	hook r/.git/hooks pre-commit "\"\$DOCKET\" list >/dev/null && echo read-ok >&2
\"\$DOCKET\" new \"From a hook\"; echo \"write-exit \$?\" >&2; exit 0" &&
	docket -C r set MKT-1 effort=6 2>err &&
	grep -q read-ok err && grep -q "write-exit 1" err &&
	grep -q "docket is running the pre-commit hook of its own commit" err &&
	! ls r/backlog | grep -q "^MKT-[0-9]*-from-a-hook\|From a hook" &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^effort: 6" &&
	git_clean r && rm r/.git/hooks/pre-commit
'

test_done
