#!/bin/sh
# docket renumber OLD NEW: the file, id:, ORDER, references and cycle
# files change in one commit, byte for byte surgically; refusals change
# nothing.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\r\nid: MKT-1   # the teaser\r\ntitle: Video teaser\r\nstatus: ready\r\n---\r\nSee MKT-1 notes.\r\n" >b/backlog/MKT-1-video-teaser.md &&
	printf -- "---\nid: MKT-2\ntitle: Landing page\nstatus: idea\ndepends_on:\n  - MKT-10   # not MKT-1\n  - MKT-1    # the teaser first\n---\nBody\n" >b/backlog/MKT-2.md &&
	printf -- "---\nid: MKT-3\ntitle: Follow-up\nstatus: idea\nfollows: \"MKT-1\"\ndepends_on: [MKT-2, '"'"'MKT-1'"'"']\n---\n" >b/backlog/MKT-3.md &&
	printf -- "---\nid: MKT-10\ntitle: Ten\nstatus: idea\n---\n" >b/backlog/MKT-10.md &&
	mkdir -p b/backlog/cycles &&
	printf -- "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncommitted: [MKT-10, MKT-1]\n---\n## Showcase notes\nMKT-1 shipped.\n" >b/backlog/cycles/2026-12.md &&
	printf "# MVL\nMKT-1   # waits for LP\nMKT-10\nMKT-2\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm items
'

test_expect 'renumber changes every reference, and only those bytes, in one commit' '
	git -C b rev-parse HEAD >before &&
	docket -C b renumber MKT-1 MKT-7 2>err &&
	grep -q "Renumbered MKT-1 to MKT-7 (backlog/MKT-7-video-teaser.md) \[" err &&
	test ! -e b/backlog/MKT-1-video-teaser.md &&
	printf -- "---\r\nid: MKT-7   # the teaser\r\ntitle: Video teaser\r\nstatus: ready\r\n---\r\nSee MKT-1 notes.\r\n" >want &&
	cmp want b/backlog/MKT-7-video-teaser.md &&
	printf -- "---\nid: MKT-2\ntitle: Landing page\nstatus: idea\ndepends_on:\n  - MKT-10   # not MKT-1\n  - MKT-7    # the teaser first\n---\nBody\n" >want &&
	cmp want b/backlog/MKT-2.md &&
	printf -- "---\nid: MKT-3\ntitle: Follow-up\nstatus: idea\nfollows: \"MKT-7\"\ndepends_on: [MKT-2, '"'"'MKT-7'"'"']\n---\n" >want &&
	cmp want b/backlog/MKT-3.md &&
	printf -- "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncommitted: [MKT-10, MKT-7]\n---\n## Showcase notes\nMKT-1 shipped.\n" >want &&
	cmp want b/backlog/cycles/2026-12.md &&
	printf "# MVL\nMKT-7   # waits for LP\nMKT-10\nMKT-2\n" >want && cmp want b/backlog/ORDER &&
	printf -- "---\nid: MKT-10\ntitle: Ten\nstatus: idea\n---\n" >want && cmp want b/backlog/MKT-10.md &&
	test -z "$(git -C b status --porcelain)" &&
	test "$(git -C b rev-list --count "$(cat before)"..HEAD)" = 1 &&
	test "$(git -C b log -1 --format=%s)" = "Renumber MKT-1 to MKT-7" &&
	git -C b show --name-status --format= -M HEAD | sort >st &&
	printf "M\tbacklog/MKT-2.md\nM\tbacklog/MKT-3.md\nM\tbacklog/ORDER\nM\tbacklog/cycles/2026-12.md\n" >want &&
	grep -v "^R" st >st2 && test_cmp want st2 &&
	grep -q "^R[0-9]*	backlog/MKT-1-video-teaser.md	backlog/MKT-7-video-teaser.md$" st &&
	{ docket -C b check >out 2>&1 || true; } &&
	! grep -E "ref-unknown|order-unknown|id-filename|duplicate-id" out
'

# the state to compare with: HEAD, git status and every byte of the
# work tree's backlog files
bytes() {
	(cd b && find . -path ./.git -prune -o -type f -print | LC_ALL=C sort |
		while read -r f; do printf "== %s\n" "$f"; cat "$f"; done)
}
mark() {
	git -C b rev-parse HEAD >head && git -C b status --porcelain >st.before &&
	bytes >bytes.before
}

# nothing changes: same bytes, same HEAD, same status
unchanged() {
	test "$(git -C b rev-parse HEAD)" = "$(cat head)" &&
	git -C b status --porcelain >st && test_cmp st.before st &&
	bytes >bytes.after && cmp bytes.before bytes.after
}

test_expect 'an id in use in the work tree is refused' '
	mark &&
	expect_code 1 docket -C b renumber MKT-7 MKT-10 2>err &&
	grep -q "MKT-10 is in use already: backlog/MKT-10.md" err && unchanged &&
	printf -- "---\ntitle: no id\n---\n" >b/backlog/MKT-11-draft.md &&
	mark &&
	expect_code 1 docket -C b renumber MKT-7 MKT-11 2>err && grep -q "MKT-11 is in use" err &&
	unchanged && rm b/backlog/MKT-11-draft.md
'

test_expect 'an id in use on another branch is refused' '
	git -C b checkout -qb other &&
	printf -- "---\nid: MKT-12\ntitle: Elsewhere\nstatus: idea\n---\n" >b/backlog/MKT-12.md &&
	git -C b add -A && git -C b commit -qm other && git -C b checkout -q main &&
	mark &&
	expect_code 1 docket -C b renumber MKT-7 MKT-12 2>err &&
	grep -q "MKT-12 is in use on branch other" err && unchanged
'

test_expect 'bad arguments' '
	mark &&
	expect_code 1 docket -C b renumber MKT-99 MKT-98 2>err && grep -q "no item MKT-99" err &&
	expect_code 2 docket -C b renumber MKT-7 2>err &&
	expect_code 2 docket -C b renumber MKT-7 MKT-7 2>err &&
	expect_code 2 docket -C b renumber MKT-7 ../x 2>err && grep -q "not an item id" err &&
	expect_code 2 docket -C b renumber MKT-7 ABC-7 2>err && grep -q "prefix" err &&
	unchanged
'

test_expect 'uncommitted edits of a file to change are refused' '
	printf "more\n" >>b/backlog/MKT-2.md &&
	mark &&
	cp b/backlog/ORDER order.before &&
	expect_code 1 docket -C b renumber MKT-7 MKT-8 2>err && grep -q "MKT-2.md" err &&
	unchanged && cmp order.before b/backlog/ORDER && test -e b/backlog/MKT-7-video-teaser.md &&
	git -C b checkout -q backlog/MKT-2.md
'

test_expect 'a file that does not parse: refused' '
	printf -- "---\nid: MKT-13\ntitle: [broken\n---\n" >b/backlog/MKT-13.md &&
	git -C b add -A && git -C b commit -qm broken &&
	mark &&
	expect_code 1 docket -C b renumber MKT-7 MKT-8 2>err && grep -q "MKT-13.md does not parse" err &&
	unchanged
'
test_done
