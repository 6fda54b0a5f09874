#!/bin/sh
# The browser's item form writes through `docket set` (server/writes_cli.c),
# so a field name that is a likely typo of a field is refused there too
# (t7921): the message is shown, nothing is written.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"

new_repo b
docket -C b init -q 2>/dev/null
printf -- "---\nid: MKT-1\ntitle: Press kit\ntype: bau\nstatus: ready\neffort: 1\ncustomer_value: 3\nbusiness_value: 3\n---\n" >b/backlog/MKT-1.md
printf 'MKT-1\n' >b/backlog/ORDER
git -C b add -A && git -C b commit -qm "One item"

serve_start b
J="$TRASH/jar"
serve_login "$J"
hq -j "$J" -o page.html GET / >/dev/null

test_expect 'fm.efort=3 from the item form: refused with the suggestion, nothing written' '
	head=$(git -C b rev-parse HEAD) &&
	v=$(git -C b hash-object backlog/MKT-1.md) &&
	code=$(hq -j "$J" -t page.html --json -o r.json -d version=$v -d fm.efort=3 POST /items/MKT-1/edit) &&
	case $code in 4??) ;; *) echo "status $code"; cat r.json; exit 1 ;; esac &&
	grep -q "unknown field .efort.; did you mean .effort.?" r.json &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b &&
	! grep -q efort b/backlog/MKT-1.md
'

test_expect 'a name far from every field is written from the form, as by set' '
	v=$(git -C b hash-object backlog/MKT-1.md) &&
	code=$(hq -j "$J" -t page.html --json -o r.json -d version=$v -d fm.sponsor_org=ACME POST /items/MKT-1/edit) &&
	test "$code" = 200 && grep -qx "sponsor_org: ACME" b/backlog/MKT-1.md
'

test_done
