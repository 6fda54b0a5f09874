#!/bin/sh
# `set ID efort=3` committed a field 'efort' with only a warning.  A key
# that is neither built in nor declared but a likely typo of a field (the
# "did you mean" check makes) is refused by set, new --set and followup
# --set: exit 2, nothing written, the suggestion and how to add the field
# on purpose, unless the item has that key already (an update of a field
# written by hand).  A key far from every field is still written, with
# the warning; removing one (KEY=) is never refused.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog with an item' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "Webinar" >/dev/null &&
	git -C r rev-parse HEAD >head
'

nothing_done() {
	git -C r rev-parse HEAD | cmp - head && git_clean r
}

test_expect 'set efort=3: exit 2, did you mean effort, nothing written' '
	expect_code 2 docket -C r set MKT-1 efort=3 >out 2>err &&
	grep -q "^docket: error: unknown field .efort.; did you mean .effort.? Nothing was written (to add a field .efort. on purpose, declare it under fields: in docket.yaml)" err &&
	! test -s out && nothing_done &&
	! grep -q efort r/backlog/MKT-1.md
'

test_expect 'with other pairs, none of them is written' '
	expect_code 2 docket -C r set MKT-1 effort=3 busines_value=5 2>err &&
	grep -q "did you mean .business_value." err && nothing_done
'

test_expect 'new --set and followup --set refuse it too: no file made' '
	expect_code 2 docket -C r new "Ebook" --set tag=seo 2>err &&
	grep -q "unknown field .tag.; did you mean .tags." err &&
	expect_code 2 docket -C r followup MKT-1 "Second webinar" --set hypotesis=x 2>err &&
	grep -q "did you mean .hypothesis." err &&
	nothing_done && ! test -e r/backlog/MKT-2.md
'

test_expect 'a declared field is suggested, and a declared name is accepted' '
	printf "fields:\n  channel: { type: string }\n" >>r/docket.yaml &&
	git -C r commit -qam "Declare channel" && git -C r rev-parse HEAD >head &&
	expect_code 2 docket -C r set MKT-1 chanel=web 2>err &&
	grep -q "did you mean .channel.?" err && nothing_done &&
	docket -C r -q set MKT-1 channel=web &&
	grep -q "^channel: web" r/backlog/MKT-1.md
'

test_expect 'a name far from every field is written, with the warning' '
	docket -C r set MKT-1 sponsor_org=ACME >out 2>err &&
	grep -q "^sponsor_org: ACME" r/backlog/MKT-1.md &&
	grep -q "warning: unknown field .sponsor_org." err
'

test_expect 'declaring the typo-like name on purpose makes it a field' '
	printf "  efort: { type: integer }\n" >>r/docket.yaml &&
	git -C r commit -qam "Declare efort" &&
	docket -C r -q set MKT-1 efort=3 &&
	grep -q "^efort: 3" r/backlog/MKT-1.md
'

test_expect 'a typo in a file is removed with KEY=, and check suggests the same' '
	sed -i "/efort/d" r/docket.yaml && git -C r commit -qam "Undeclare efort" &&
	grep -q "^efort: 3" r/backlog/MKT-1.md &&
	docket -C r check >out 2>&1 &&
	grep -q "unknown field .efort.; did you mean .effort.?" out &&
	docket -C r -q set MKT-1 efort= &&
	! grep -q "^efort" r/backlog/MKT-1.md
'

test_expect 'a key the item has already is updated, even when close to a field' '
	printf -- "---\nid: MKT-9\ntitle: Hand made\ntype: bau\nstatus: idea\ntag: seo\n---\n" >r/backlog/MKT-9.md &&
	git -C r add -A && git -C r commit -qm "A hand-made item with tag:" &&
	docket -C r set MKT-9 tag=sea 2>err &&
	grep -q "^tag: sea" r/backlog/MKT-9.md &&
	expect_code 2 docket -C r set MKT-1 tag=sea 2>err &&
	grep -q "did you mean .tags." err
'

test_done
