#!/bin/sh
# new --body TEXT|- (the description the intake form of docket serve
# sends): the body of the new file, before the Definition-of-Done boxes;
# - reads standard input, bounded; not UTF-8 text is refused.
. "$DOCKET_TESTS/cli/lib.sh"

export DOCKET_TODAY=2026-12-04
new_repo b
docket -C b init -q 2>/dev/null
sed -i "s/^definition_of_done: .*/definition_of_done: [Copy reviewed, Results recorded]/" b/docket.yaml
git -C b commit -qam "A Definition of Done"

test_expect 'new --body puts the description before the Definition-of-Done boxes' '
	test "$(docket -C b new "Video teaser" --body "Why: more leads.

For whom: new app users." 2>/dev/null)" = MKT-1 &&
	printf -- "---\nid: MKT-1\ntitle: Video teaser\ntype: experiment\nstatus: idea\ncreated: 2026-12-04\n---\nWhy: more leads.\n\nFor whom: new app users.\n\n## Definition of Done\n- [ ] Copy reviewed\n- [ ] Results recorded\n" >want &&
	test_cmp want b/backlog/MKT-1.md &&
	docket -C b check >/dev/null && git_clean b &&
	test "$(git -C b log -1 --format=%s)" = "Add MKT-1: Video teaser"
'

test_expect 'new --body - reads standard input, bytes kept (CRLF too)' '
	printf "Line one\r\nLine two" | docket -C b new "From a pipe" --body - >/dev/null 2>&1 &&
	printf -- "---\nid: MKT-2\ntitle: From a pipe\ntype: experiment\nstatus: idea\ncreated: 2026-12-04\n---\nLine one\r\nLine two\n\n## Definition of Done\n- [ ] Copy reviewed\n- [ ] Results recorded\n" >want &&
	test_cmp want b/backlog/MKT-2.md
'

test_expect 'followup takes --body too' '
	docket -C b followup MKT-1 "Shorter teaser" --body "Half the length." >/dev/null 2>&1 &&
	grep -qx "Half the length." b/backlog/MKT-3.md && grep -qx "follows: MKT-1" b/backlog/MKT-3.md
'

test_expect 'a description that is not UTF-8 text, or over 1 MiB, is refused; nothing written' '
	head=$(git -C b rev-parse HEAD) &&
	printf "bad \377 byte" | expect_code 2 docket -C b new "Bad" --body - 2>err &&
	grep -q "must be UTF-8 text" err &&
	printf "nul\000byte" | expect_code 2 docket -C b new "Bad" --body - 2>err &&
	head -c 1048577 /dev/zero | tr "\0" a | expect_code 2 docket -C b new "Big" --body - 2>err &&
	grep -q "over the 1 MiB limit" err &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'
test_done
