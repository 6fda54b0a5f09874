#!/bin/sh
# docket show.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\r\nid: MKT-1\r\ntitle: Teaser\r\nstatus: idea\r\n---\r\nBody\r\n" >b/backlog/MKT-1.md &&
	printf "MKT-1\n" >b/backlog/ORDER
'

test_expect 'show prints the file byte for byte when piped' '
	docket -C b show MKT-1 >out &&
	cmp out b/backlog/MKT-1.md
'

test_expect 'show --format json' '
	docket -C b show MKT-1 --format json | jq -e ".id == \"MKT-1\" and .rank == 1 and .title == \"Teaser\""
'

test_expect 'unknown id exits 1; a malformed id exits 2 before any path is built' '
	expect_code 1 docket -C b show MKT-99 2>err && grep -q "MKT-99" err &&
	expect_code 2 docket -C b show ../../etc/passwd 2>err && grep -q "not an item id" err &&
	expect_code 2 docket -C b show 2>err
'
test_done
