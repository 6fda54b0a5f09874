#!/bin/sh
# A mistyped command (`docket lsit`) is answered, as git does, with the
# closest command: "did you mean 'list'?", exit 2, nothing run.  A name
# far from every command gets no guess.  `docket help lsit` does the same.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'docket lsit: did you mean list, exit 2' '
	expect_code 2 docket lsit >out 2>err && ! test -s out &&
	grep -qx "docket: error: .lsit. is not a docket command; did you mean .list.? See .docket help." err
'

test_expect 'other slips: a missing, swapped or extra letter' '
	expect_code 2 docket sow MKT-1 2>err && grep -q "did you mean .show.?" err &&
	expect_code 2 docket imprt csv x.csv 2>err && grep -q "did you mean .import.?" err &&
	expect_code 2 docket renumbr 2>err && grep -q "did you mean .renumber.?" err &&
	expect_code 2 docket mergeorder 2>err && grep -q "did you mean .merge-order.?" err
'

test_expect 'no guess for a name far from every command; nothing is run' '
	new_repo r && docket -C r init >/dev/null 2>&1 && git -C r rev-parse HEAD >head &&
	expect_code 2 docket -C r xyzzy >out 2>err && ! test -s out &&
	grep -qx "docket: error: .xyzzy. is not a docket command; see .docket help." err &&
	expect_code 2 docket -C r nwe "Title" 2>err && grep -q "did you mean .new.?" err &&
	git -C r rev-parse HEAD | cmp - head && ! test -e r/backlog/MKT-1.md
'

test_expect 'docket help lsit: did you mean list' '
	expect_code 2 docket help lsit >out 2>err && ! test -s out &&
	grep -q "^docket: error: .lsit. is neither a docket command nor a rule; did you mean .list.?" err
'

test_done
