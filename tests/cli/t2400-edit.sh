#!/bin/sh
# docket edit: the editor, validation, commit or keep.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\nBody\n" >b/backlog/MKT-1.md &&
	git -C b add -A && git -C b commit -qm items &&
	printf "#!/bin/sh\n# args: \$*\nsed -i \"\$1\" \"\$2\"\n" >ed && chmod +x ed
'

test_expect 'a valid edit is committed with the field changes in the message' '
	VISUAL="$PWD/ed s/^title:.One/title:\\ Uno/" EDITOR=false docket -C b edit MKT-1 2>err &&
	printf -- "---\nid: MKT-1\ntitle: Uno\nstatus: idea\n---\nBody\n" >want && cmp want b/backlog/MKT-1.md &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	git -C b log -1 --format=%B >msg &&
	test "$(head -1 msg)" = "Edit MKT-1" && grep -qx "title One → Uno" msg &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'an invalid edit is kept on disk, reported with line and column, not committed' '
	git -C b rev-parse HEAD >h &&
	expect_code 1 env VISUAL= EDITOR="$PWD/ed s/^status:.idea/status:\\ someday/" "$DOCKET" -C b edit MKT-1 2>err &&
	grep -q "^backlog/MKT-1.md:4:9: error: .*\[enum\]" err &&
	grep -q "kept as you saved it, but not committed" err &&
	grep -qx "status: someday" b/backlog/MKT-1.md &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)" &&
	test "$(git -C b status --porcelain)" = " M backlog/MKT-1.md"
'

test_expect 'edit refuses a dirty file before opening the editor; edit of a broken file can fix it' '
	expect_code 1 env VISUAL=false "$DOCKET" -C b edit MKT-1 2>err &&
	grep -q "backlog/MKT-1.md has uncommitted changes" err &&
	VISUAL="$PWD/ed s/^status:.someday/status:\\ idea/" docket -C b --include-dirty edit MKT-1 2>err &&
	test -z "$(git -C b status --porcelain)" && grep -qx "status: idea" b/backlog/MKT-1.md
'

test_expect 'no change, no commit; a failing editor commits nothing' '
	git -C b rev-parse HEAD >h && cp b/backlog/MKT-1.md before &&
	VISUAL=true docket -C b edit MKT-1 2>err && grep -q "no changes" err &&
	expect_code 1 env VISUAL=false "$DOCKET" -C b edit MKT-1 2>err && grep -q "editor" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)" && cmp before b/backlog/MKT-1.md && git_clean b &&
	expect_code 1 docket -C b edit MKT-9 2>err
'
test_done
