#!/bin/sh
# `cd backlog && docket init` would make a second backlog inside the
# items folder of the first (backlog/backlog/ORDER), which the first
# never reads and which hides it from every command run there: refused.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'init in the items folder of a backlog: exit 2, nothing made' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	git -C r rev-parse HEAD >head.before &&
	expect_code 2 docket -C r/backlog init 2>err &&
	grep -q "^docket: error: this folder is inside the items folder of the backlog at .*/r: docket.s commands already work here" err &&
	! test -e r/backlog/docket.yaml && ! test -e r/backlog/backlog &&
	git -C r rev-parse HEAD | cmp - head.before &&
	git_clean r &&
	docket -C r/backlog list >/dev/null
'

test_expect 'below it too, and with items: set to another folder' '
	mkdir -p r/backlog/cycles/old &&
	expect_code 2 docket -C r/backlog/cycles/old init 2>err &&
	rmdir r/backlog/cycles/old r/backlog/cycles &&
	sed -i "s/^items: backlog /items: work    /" r/docket.yaml && mkdir r/work &&
	expect_code 2 docket -C r/work init 2>err &&
	git -C r checkout -q docket.yaml && rmdir r/work
'

test_expect 'a backlog in another folder of the repository is still allowed' '
	mkdir -p r/teams/web &&
	docket -C r/teams/web init --prefix WEB 2>err &&
	test -f r/teams/web/docket.yaml &&
	docket -C r/teams/web -q new "Landing page" >/dev/null &&
	test -f r/teams/web/backlog/WEB-1.md
'

test_done
