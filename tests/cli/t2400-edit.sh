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

test_expect 'a refused edit writes nothing: the text is kept in the draft, the finding and its fix shown' '
	git -C b rev-parse HEAD >h && cp b/backlog/MKT-1.md before &&
	printf "#!/bin/sh\nsed -i -e \"s/^status:.idea/status: someday/\" -e \"s/^title:.Uno/title: Eins/\" \"\$1\"\n" >ed2 && chmod +x ed2 &&
	expect_code 1 env VISUAL= EDITOR="$PWD/ed2" "$DOCKET" -C b edit MKT-1 2>err &&
	grep -q "^backlog/MKT-1.md:4:9: error: .*\[enum\]" err &&
	grep -q "^  fix: docket set MKT-1 status=VALUE" err &&
	grep -q "your text is kept in .git/docket/drafts/MKT-1.md; docket edit MKT-1 opens it again" err &&
	cmp before b/backlog/MKT-1.md &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)" && git_clean b &&
	grep -qx "status: someday" b/.git/docket/drafts/MKT-1.md
'

test_expect 'docket edit resumes the refused text; once valid it is committed' '
	VISUAL="$PWD/ed s/^status:.someday/status:\\ idea/" docket -C b edit MKT-1 2>err &&
	grep -q "editing your draft of MKT-1" err &&
	printf -- "---\nid: MKT-1\ntitle: Eins\nstatus: idea\n---\nBody\n" >want && cmp want b/backlog/MKT-1.md &&
	git -C b log -1 --format=%B >msg && grep -qx "title Uno → Eins" msg &&
	git_clean b && test ! -e b/.git/docket/drafts/MKT-1.md
'

test_expect 'edit refuses a dirty file before opening the editor; edit of a broken file can fix it' '
	printf -- "---\nid: MKT-1\ntitle: Eins\nstatus: someday\n---\nBody\n" >b/backlog/MKT-1.md &&
	expect_code 1 env VISUAL=false "$DOCKET" -C b edit MKT-1 2>err &&
	grep -q "backlog/MKT-1.md has uncommitted changes" err &&
	VISUAL="$PWD/ed s/^status:.someday/status:\\ idea/" docket -C b --include-dirty edit MKT-1 2>err &&
	test -z "$(git -C b status --porcelain)" && grep -qx "status: idea" b/backlog/MKT-1.md
'

test_expect 'edit of a file git does not have yet commits it as Add' '
	printf -- "---\nid: MKT-2\ntitle: Fresh\nstatus: idea\n---\n" >b/backlog/MKT-2.md &&
	VISUAL="$PWD/ed s/^title:.Fresh/title:\\ Fresh\\ idea/" docket -C b --include-dirty edit MKT-2 2>err &&
	test "$(git -C b log -1 --format=%s)" = "Add MKT-2: Fresh idea" && git_clean b
'

test_expect 'no change, no commit; a failing editor commits nothing' '
	git -C b rev-parse HEAD >h && cp b/backlog/MKT-1.md before &&
	VISUAL=true docket -C b edit MKT-1 2>err && grep -q "no changes" err &&
	expect_code 1 env VISUAL=false "$DOCKET" -C b edit MKT-1 2>err && grep -q "editor" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)" && cmp before b/backlog/MKT-1.md && git_clean b &&
	expect_code 1 docket -C b edit MKT-9 2>err
'
test_done
