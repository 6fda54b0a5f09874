#!/bin/sh
# make demo tells one story on its "today" (2026-12-01), whatever the
# date of the machine it runs on: its own commit, log and burn-up too.
. "$DOCKET_TESTS/cli/lib.sh"
DEMO="$DOCKET_TESTS/../scripts/demo.sh"

test_expect 'the demo dates its move, log and burn-up on the day it says is today' '
	command -v python3 >/dev/null || { echo "python3 missing"; exit 1; } &&
	mkdir tmp &&
	(unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE &&
	 TMPDIR="$TRASH/tmp" sh "$DEMO" "$DOCKET" >demo.out 2>demo.err) &&
	grep -q "^Today is 2026-12-01," demo.out &&
	sed -n "/^\$ docket log MKT-30\$/,/^\$/p" demo.out >log &&
	sed -n 2p log | grep -q "^[0-9a-f]* 2026-12-01 Dana Reyes\$" &&
	grep -q "^Burn-up of campaign app-launch, 2026-10-05 to 2026-12-01 " demo.out &&
	grep -q "^On 2026-12-01: " demo.out
'

test_done
