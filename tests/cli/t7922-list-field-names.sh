#!/bin/sh
# `list --fields nosuch` and `list --sort nosuch` were accepted (an empty
# column, an order left as it was).  A name that is not a computed column
# (rank, score, file, body), cv or bv, a built-in field or a field
# declared in docket.yaml is refused: exit 2, every valid name, and the
# closest one.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog with a declared field' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	printf "fields:\n  channel: { type: string }\n" >>r/docket.yaml &&
	git -C r commit -qam "Declare channel" &&
	docket -C r -q new "Webinar" --set effort=3 --set channel=web >/dev/null &&
	docket -C r -q new "Ebook" --set effort=5 >/dev/null
'

test_expect '--fields nosuch: exit 2 with the valid names, nothing listed' '
	expect_code 2 docket -C r list --fields id,nosuch >out 2>err &&
	! test -s out &&
	grep -q "^docket: error: --fields: no field .nosuch.; the fields are id, title, type, status, effort" err &&
	grep -q "channel, rank, score, file, body, cv, bv (declare others under fields: in docket.yaml)" err
'

test_expect '--fields titel: did you mean title, in every format' '
	for fmt in table plain json csv md; do
		expect_code 2 docket -C r list --fields id,titel --format $fmt >out 2>err &&
		! test -s out &&
		grep -q "^docket: error: --fields: no field .titel. (did you mean .title.?)" err || exit 1
	done
'

test_expect '--sort nosuch and --sort -efort: exit 2, did you mean' '
	expect_code 2 docket -C r list --sort nosuch >out 2>err &&
	! test -s out && grep -q "^docket: error: --sort: no field .nosuch.; the fields are " err &&
	expect_code 2 docket -C r list --sort -efort >out 2>err &&
	grep -q "^docket: error: --sort: no field .efort. (did you mean .effort.?)" err
'

test_expect 'declared fields, computed columns and cv/bv are valid' '
	docket -C r list --fields id,channel,cv,bv,rank,score,file --sort -effort >out &&
	head -1 out | grep -q "^ID  *CHANNEL" &&
	sed -n 2p out | grep -q "MKT-2" &&
	docket -C r list --sort channel --format json --fields id,channel,body >out &&
	grep -q "\"channel\": *\"web\"" out
'

test_done
