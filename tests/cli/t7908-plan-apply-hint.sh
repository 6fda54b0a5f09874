#!/bin/sh
# docket plan ends with the command that applies the plan shown: with
# the --start and --capacity that made it, the command writes that plan.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-01

setup() {
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	for t in Newsletter Podcast Radio; do
		docket -C r -q new "$t" --type bau --set effort=2 --set customer_value=3 \
			--set business_value=3 --set status=ready --bottom >/dev/null || return 1
	done
}

test_expect 'the hint repeats --start and --capacity' '
	setup &&
	docket -C r plan --start 2026-12-07 --capacity 3 >out &&
	grep -x "Cycle 2026-12-07: 2026-12-07 to 2026-12-20 (14 days), a new cycle" out &&
	grep -x "Committed: 1 item, effort 2 of 3." out &&
	grep -x "Run .docket plan 2026-12-07 --start 2026-12-07 --capacity 3 --apply. to write the cycle file and commit." out
'

test_expect 'running the hint writes the plan that was shown' '
	cmd=$(sed -n "s/^Run .docket \(.*\). to write the cycle file and commit.\$/\1/p" out) &&
	docket -C r $cmd >applied 2>err &&
	grep -x "Committed: 1 item, effort 2 of 3." applied &&
	grep -qx "start: 2026-12-07" r/backlog/cycles/2026-12-07.md &&
	grep -qx "capacity: 3" r/backlog/cycles/2026-12-07.md &&
	grep -qx "committed: \[MKT-1\]" r/backlog/cycles/2026-12-07.md
'

test_expect 'without those options the hint stays short' '
	rm -rf r && setup &&
	docket -C r plan >out &&
	grep -x "Run .docket plan 2026-12-01 --apply. to write the cycle file and commit." out
'

test_done
