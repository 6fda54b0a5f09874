#!/bin/sh
# docket move: ORDER edits keep comment and blank lines; commit messages.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	for n in 1 2 3 4 5; do
		printf -- "---\nid: MKT-$n\ntitle: Item $n\nstatus: idea\n---\n" >b/backlog/MKT-$n.md || return 1
	done &&
	printf "# Minimally viable launch\r\nMKT-1\r\nMKT-2   # waits for the landing page\r\n\r\n# Next\r\nMKT-3\r\nMKT-4\r\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm items
'

test_expect 'move --to keeps comments and CRLF, carries the end-of-line comment' '
	docket -C b move MKT-2 --to 3 2>err &&
	printf "# Minimally viable launch\r\nMKT-1\r\n\r\n# Next\r\nMKT-3\r\nMKT-2   # waits for the landing page\r\nMKT-4\r\n" >want &&
	cmp want b/backlog/ORDER &&
	test "$(git -C b log -1 --format=%s)" = "Rank MKT-2 #2 → #3 (above MKT-4)" &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/ORDER &&
	grep -q "Rank MKT-2 #2 → #3 (above MKT-4) \[" err && git_clean b
'

test_expect 'move --top stays under the first section header; --bottom after the last id' '
	echo "staged" >b/notes.txt && git -C b add notes.txt && echo "unstaged" >>b/backlog/MKT-5.md &&
	docket -C b move MKT-4 --top 2>/dev/null &&
	printf "# Minimally viable launch\r\nMKT-4\r\nMKT-1\r\n\r\n# Next\r\nMKT-3\r\nMKT-2   # waits for the landing page\r\n" >want &&
	cmp want b/backlog/ORDER &&
	docket -C b move MKT-1 --bottom 2>/dev/null &&
	printf "# Minimally viable launch\r\nMKT-4\r\n\r\n# Next\r\nMKT-3\r\nMKT-2   # waits for the landing page\r\nMKT-1\r\n" >want &&
	cmp want b/backlog/ORDER &&
	test "$(git -C b log -1 --format=%s)" = "Rank MKT-1 #2 → #4 (below MKT-2)" &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/ORDER &&
	git -C b status --porcelain >st &&
	printf " M backlog/MKT-5.md\nA  notes.txt\n" >want && test_cmp want st &&
	git -C b rm -q --cached notes.txt && rm b/notes.txt && git -C b checkout -q backlog/MKT-5.md && git_clean b
'

test_expect 'an unranked item becomes ranked; --before and --after' '
	docket -C b move MKT-5 --before MKT-3 2>/dev/null &&
	test "$(git -C b log -1 --format=%s)" = "Rank MKT-5 unranked → #2 (above MKT-3)" &&
	docket -C b move MKT-4 --after MKT-2 2>/dev/null &&
	docket -C b list --format json | jq -r "map(select(.rank != null) | .id) | join(\" \")" >ids &&
	test "$(cat ids)" = "MKT-5 MKT-3 MKT-2 MKT-4 MKT-1" &&
	printf "# Minimally viable launch\r\n\r\n# Next\r\nMKT-5\r\nMKT-3\r\nMKT-2   # waits for the landing page\r\nMKT-4\r\nMKT-1\r\n" >want &&
	cmp want b/backlog/ORDER && same_as b HEAD~2 backlog/MKT-5.md backlog/MKT-4.md && git_clean b
'

test_expect 'bad moves change nothing' '
	cp b/backlog/ORDER before && git -C b rev-parse HEAD >h &&
	expect_code 2 docket -C b move MKT-1 2>err &&
	expect_code 2 docket -C b move MKT-1 --top --bottom 2>err &&
	expect_code 2 docket -C b move MKT-1 --to 0 2>err &&
	expect_code 1 docket -C b move MKT-1 --before MKT-77 2>err && grep -q "MKT-77 is not in" err &&
	expect_code 2 docket -C b move MKT-1 --after MKT-1 2>err &&
	expect_code 1 docket -C b move MKT-42 --top 2>err &&
	docket -C b move MKT-1 --bottom 2>err && grep -q "already #5" err &&
	cmp before b/backlog/ORDER && test "$(git -C b rev-parse HEAD)" = "$(cat h)" && git_clean b
'

test_expect 'done items cannot be moved back into ORDER' '
	printf -- "---\nid: MKT-6\ntitle: Old\ntype: bau\nstatus: done\n---\n" >b/backlog/MKT-6.md &&
	git -C b add -A && git -C b commit -qm six &&
	cp b/backlog/ORDER before &&
	expect_code 1 docket -C b move MKT-6 --top 2>err && grep -q "closed items leave ORDER" err &&
	cmp before b/backlog/ORDER && git_clean b
'
test_done
