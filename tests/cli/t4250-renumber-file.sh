#!/bin/sh
# docket renumber FILE NEW (issue 16): a copied item file that still
# claims the original's id gets its own id, and only that file changes;
# an id two files claim is refused, naming both; duplicate-id names the
# file added last (not committed, else newer on the first-parent
# history), never the original.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: MKT-1 ranked and depended on; a copy of it committed later as MKT-3.md' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	docket -C b new "Original" --top >/dev/null 2>&1 &&
	docket -C b new "Depends" --set depends_on=MKT-1 >/dev/null 2>&1 &&
	cp b/backlog/MKT-1.md b/backlog/MKT-3.md &&
	git -C b add -A &&
	GIT_AUTHOR_DATE=2026-11-21T10:00:00Z GIT_COMMITTER_DATE=2026-11-21T10:00:00Z \
		git -C b commit -qm "Copy MKT-1"
'

test_expect 'duplicate-id suggests renumbering the copy, added later, on both findings' '
	expect_code 1 docket -C b check >out 2>&1 &&
	test "$(grep -c "\[duplicate-id\]" out)" = 2 &&
	test "$(grep "\[duplicate-id\]" out | grep -c "docket renumber backlog/MKT-3.md NEW-ID")" = 2 &&
	! grep "\[duplicate-id\]" out | grep -q "renumber MKT-1 " &&
	docket -C b check --format json >j 2>/dev/null || true &&
	jq -e "[.findings[] | select(.rule == \"duplicate-id\") | .message | test(\"docket renumber backlog/MKT-3.md NEW-ID\")] == [true, true]" j >/dev/null
'

test_expect 'renumber of the id two files claim is refused, naming both files' '
	git -C b rev-parse HEAD >h && cp -R b/backlog snap &&
	expect_code 1 docket -C b renumber MKT-1 MKT-4 2>err &&
	grep -q "MKT-1 is the id of backlog/MKT-1.md and backlog/MKT-3.md: say which file" err &&
	diff -r snap b/backlog && test "$(git -C b rev-parse HEAD)" = "$(cat h)" && git_clean b
'

test_expect 'renumber FILE gives the copy its own id; the original and its references stay' '
	cp b/backlog/MKT-1.md orig && cp b/backlog/MKT-2.md dep && cp b/backlog/ORDER order &&
	docket -C b renumber backlog/MKT-3.md MKT-4 2>err &&
	test ! -e b/backlog/MKT-3.md && grep -qx "id: MKT-4" b/backlog/MKT-4.md &&
	cmp orig b/backlog/MKT-1.md && cmp dep b/backlog/MKT-2.md && cmp order b/backlog/ORDER &&
	test "$(git -C b log -1 --format=%s)" = "Renumber MKT-1 (backlog/MKT-3.md) to MKT-4" &&
	git -C b show --name-status --format= -M HEAD | grep -q "^R[0-9]*	backlog/MKT-3.md	backlog/MKT-4.md$" &&
	git_clean b && docket -C b check >out 2>&1
'

test_expect 'a copy not committed yet is the one to renumber, even with an older name' '
	cp b/backlog/MKT-2.md b/backlog/MKT-0.md &&
	expect_code 1 docket -C b check >out 2>&1 &&
	test "$(grep "\[duplicate-id\]" out | grep -c "docket renumber backlog/MKT-0.md NEW-ID")" = 2 &&
	(cd b/backlog && "$DOCKET" --include-dirty renumber MKT-0.md MKT-5 2>../../err) &&
	grep -qx "id: MKT-5" b/backlog/MKT-5.md && test ! -e b/backlog/MKT-0.md &&
	git_clean b && docket -C b check >out 2>&1
'

test_expect 'a file that is not an item of the backlog is refused' '
	expect_code 1 docket -C b renumber backlog/nope.md MKT-9 2>err &&
	grep -q "backlog/nope.md is not an item file of this backlog" err
'

test_done
