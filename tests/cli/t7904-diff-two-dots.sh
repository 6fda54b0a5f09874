#!/bin/sh
# docket diff A..B means what it means to git diff: A B.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'diff A..B compares A with B, as diff A B does' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "Teaser" --top >/dev/null &&
	docket -C r -q new "Press" --top >/dev/null &&
	docket -C r move MKT-1 --top 2>/dev/null &&
	docket -C r diff HEAD~2 HEAD >two &&
	docket -C r diff HEAD~2..HEAD >dots &&
	test_cmp two dots &&
	grep -q "^Priority changes from HEAD~2 to HEAD:" dots &&
	docket -C r diff HEAD~2 HEAD --format json >two.json &&
	docket -C r diff HEAD~2..HEAD --format json >dots.json &&
	test_cmp two.json dots.json
'

test_expect 'an empty side of A..B is HEAD, as for git' '
	docket -C r diff HEAD~1 HEAD >two &&
	docket -C r diff HEAD~1.. >dots &&
	test_cmp two dots &&
	docket -C r diff HEAD HEAD~1 >two &&
	docket -C r diff ..HEAD~1 >dots &&
	test_cmp two dots
'

test_expect 'an unknown side of A..B is named, exit 2' '
	expect_code 2 docket -C r diff nosuch..HEAD 2>err &&
	grep -q "cannot read revision .nosuch." err
'

test_done
