#!/bin/sh
# docket init --prefix P in an existing backlog (a fresh clone) only
# registers the merge driver; when P is not the backlog's prefix it says
# that P is not applied, rather than succeed as if it were.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'init --prefix CAMP in an MKT backlog warns, and changes nothing' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	git -C r rev-parse HEAD >head.before &&
	docket -C r init --prefix CAMP 2>err &&
	grep -q "^docket.yaml exists already: registered the ORDER merge driver" err &&
	grep -q "^docket: warning: --prefix CAMP is not applied: docket.yaml exists already, and its prefix (MKT) stays\$" err &&
	grep -q "^prefix: MKT " r/docket.yaml &&
	git -C r rev-parse HEAD | cmp - head.before &&
	git_clean r
'

test_expect 'the same prefix, or none, is no reason to warn' '
	docket -C r init --prefix MKT 2>err &&
	! grep -q "not applied" err &&
	docket -C r init 2>err &&
	! grep -q "not applied" err
'

test_done
