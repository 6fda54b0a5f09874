#!/bin/sh
# docket edit refuses the errors an edit adds, by check's rules, and
# only those (core/validate.h, the rule docket serve applies to its
# forms too): an error already committed never blocks an edit, so that
# a team fixes one thing at a time; an error of uncommitted work is
# never committed through an edit.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: an item committed with an error (a reference to no item)' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\ndepends_on: [MKT-99]\n---\nBody\n" >b/backlog/MKT-1.md &&
	git -C b add -A && git -C b commit -qm items &&
	expect_code 1 docket -C b check >out 2>&1 && grep -q "ref-unknown" out &&
	printf "#!/bin/sh\nsed -i \"\$1\" \"\$2\"\n" >ed && chmod +x ed
'

test_expect 'an edit that leaves an old error alone is committed' '
	VISUAL="$PWD/ed s/^title:.One/title:\\ Uno/" docket -C b edit MKT-1 2>err &&
	grep -qx "title: Uno" b/backlog/MKT-1.md &&
	test "$(git -C b log -1 --format=%s)" = "Edit MKT-1" && git_clean b
'

test_expect 'an edit that adds an error is refused with it, nothing committed' '
	git -C b rev-parse HEAD >h &&
	expect_code 1 env VISUAL="$PWD/ed s/^status:.idea/status:\\ someday/" \
		"$DOCKET" -C b edit MKT-1 2>err &&
	grep -q "^backlog/MKT-1.md:4:9: error: .*someday.*\[enum\]" err &&
	! grep -q "MKT-99" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)" &&
	git -C b checkout -q -- backlog/MKT-1.md
'

test_expect 'an error of uncommitted work is not committed by an edit of something else' '
	sed -i "s/^status: idea/status: someday/" b/backlog/MKT-1.md &&
	git -C b rev-parse HEAD >h &&
	expect_code 1 env VISUAL="$PWD/ed s/^title:.Uno/title:\\ Eins/" \
		"$DOCKET" -C b --include-dirty edit MKT-1 2>err &&
	grep -q "error: .*someday.*\[enum\]" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)"
'
test_done
