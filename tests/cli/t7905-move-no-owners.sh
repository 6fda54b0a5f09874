#!/bin/sh
# A backlog fresh from docket init lists no owners; check --base then
# refuses every change of ORDER (owner-order).  docket move says so at
# once, as it does for a mover who is not an owner.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'move in a backlog without owners warns that CI will refuse it' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "Teaser" >/dev/null &&
	git -C r branch base &&
	docket -C r move MKT-1 --top 2>err &&
	grep -q "^docket: warning: docket.yaml lists no owners, so CI (docket check --base) will refuse this change to backlog/ORDER (owner-order): add the Marketing Owner under owners: in docket.yaml, or set .owner-order: off. under rules:" err &&
	expect_code 1 docket -C r check --base base >out &&
	grep -q "lists no owners, so nobody may" out
'

test_expect 'rank --apply warns the same way' '
	docket -C r -q new "Press" --set effort=1 --set customer_value=9 \
		--set business_value=9 --set status=ready --type bau --bottom >/dev/null &&
	docket -C r -q new "Radio" --set effort=8 --set customer_value=1 \
		--set business_value=1 --set status=ready --type bau --top >/dev/null &&
	docket -C r rank --apply >out 2>err &&
	grep -q "lists no owners, so CI (docket check --base) will refuse" err
'

test_expect 'with owner-order off, or with an owner listed, no such warning' '
	printf "rules:\n  owner-order: off\n" >>r/docket.yaml &&
	git -C r commit -qam "owner-order off" &&
	docket -C r move MKT-1 --bottom 2>err &&
	! grep -q "owner" err &&
	docket -C r check --base base >/dev/null &&
	git -C r checkout -q docket.yaml &&
	git -C r reset -q --hard HEAD~2 &&
	printf "owners:\n  - name: Dana Reyes\n    email: dana@example.com\n" >>r/docket.yaml &&
	git -C r commit -qam "owners" &&
	docket -C r move MKT-1 --bottom 2>err &&
	! grep -q "owner" err
'

test_done
