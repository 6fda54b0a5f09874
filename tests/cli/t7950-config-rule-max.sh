#!/bin/sh
# A rule's max: setting in docket.yaml is checked where docket.yaml is
# read: a bad one is a config error, so every command but check stops
# (exit 2) instead of using the default limit without a word, and check
# names it once, at its line and column.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog with one ready item' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r new "First" >/dev/null 2>&1 &&
	docket -C r set MKT-1 type=bau status=ready effort=1 customer_value=1 business_value=1 >/dev/null 2>&1 &&
	git -C r rev-parse HEAD >head.before
'

for bad in "wip-limit: { max: many }" "wip-limit: { max: 2.5 }" \
	   "bau-share: { max: 1.5 }" "max-effort: { max: -1 }"; do
	test_expect "rules: $bad stops list and start; check names it once" '
		cp r/docket.yaml keep.yaml &&
		printf "rules:\n  %s\n" "$bad" >>r/docket.yaml &&
		expect_code 2 docket -C r list >out 2>err &&
		grep -q "^docket.yaml:[0-9]*:[0-9]*: error: rules: .*: max must be" err &&
		grep -q "fix docket.yaml first" err &&
		expect_code 2 docket -C r start MKT-1 2>err &&
		git -C r rev-parse HEAD | cmp - head.before &&
		grep -q "^status: ready" r/backlog/MKT-1.md &&
		expect_code 1 docket -C r check >out 2>&1 &&
		test "$(grep -c "max must be" out)" = 1 &&
		cp keep.yaml r/docket.yaml
	'
done

test_expect 'a good max is used: wip-limit max 0 refuses a start at error' '
	printf "rules:\n  wip-limit: { severity: error, max: 0 }\n" >>r/docket.yaml &&
	git -C r commit -qam "limit" &&
	expect_code 1 docket -C r start MKT-1 2>err &&
	grep -q "MKT-1 would make 1 item doing, over the WIP limit of 0: nothing is in progress. Raise the limit" err &&
	grep -q "^status: ready" r/backlog/MKT-1.md
'

test_done
