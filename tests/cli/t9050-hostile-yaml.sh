#!/bin/sh
# Hostile YAML and oversized input (SPEC 3.1, 10): alias bombs, deep
# nesting, huge lines and files, invalid UTF-8 and NUL bytes are each
# rejected quickly with an error naming the file (and the line and column
# where there is one); the other items are still listed and checked.
. "$DOCKET_TESTS/cli/lib.sh"

# gen FILE PYTHON: write FILE from a Python expression over s (a str).
gen() {
	python3 -c "import sys; s = $2; open(sys.argv[1], 'wb').write(s if isinstance(s, bytes) else s.encode())" "$1"
}
# fast SECONDS ARGS...: docket ARGS finishes within SECONDS (ten times
# that under valgrind): no hang, no blow-up.  Returns docket's status.
fast() {
	limit=$1
	shift
	[ -z "${VALGRIND:-}" ] || limit=$((limit * 10))
	set +e
	timeout "$limit" ${VALGRIND:-} "$DOCKET" "$@"
	rc=$?
	set -e
	[ "$rc" -ne 124 ] || { echo "timed out after $limit s: docket $*" >&2; return 1; }
	return "$rc"
}

head='---\nid: MKT-%d\ntitle: t\nstatus: idea\n'

test_expect 'setup: one good item' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\nid: MKT-1\ntitle: Good\nstatus: idea\n---\n" >b/backlog/MKT-1.md &&
	printf "MKT-1\n" >b/backlog/ORDER
'

bomb='"\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + ["a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10)) for i in range(1, 10)])'

test_expect 'a billion-laughs alias bomb in an item is refused fast, at the alias' '
	gen b/backlog/MKT-2.md "\"---\nid: MKT-2\ntitle: t\nstatus: idea\n\" + $bomb + \"\n---\n\"" &&
	fast 10 -C b check >out 2>&1 || test $? = 1 &&
	grep -F "backlog/MKT-2.md:8:45: error: aliases expand to more than 10000 nodes [syntax]" out &&
	expect_code 1 fast 10 -C b list --format plain >out 2>err &&
	grep -q "MKT-1" out && grep -F "backlog/MKT-2.md:8:45:" err &&
	rm b/backlog/MKT-2.md
'

test_expect 'an alias bomb in docket.yaml: list, show and check name its line and column' '
	cp b/docket.yaml saved.yaml &&
	gen b/docket.yaml "\"prefix: MKT\n\" + $bomb + \"\n\"" &&
	expect_code 2 fast 10 -C b list 2>err &&
	grep -F "docket.yaml:5:45: error: aliases expand to more than 10000 nodes" err &&
	expect_code 2 fast 10 -C b show MKT-1 2>err && grep -F "docket.yaml:5:45:" err &&
	expect_code 1 fast 10 -C b check >out && grep -F "docket.yaml:5:45: error:" out &&
	cp saved.yaml b/docket.yaml
'

test_expect '10,000-deep flow nesting is refused at the 65th level' '
	gen b/backlog/MKT-3.md "\"---\nid: MKT-3\ntitle: t\nstatus: idea\nx: \" + \"[\" * 10000 + \"]\" * 10000 + \"\n---\n\"" &&
	expect_code 1 fast 10 -C b check >out &&
	grep -F "backlog/MKT-3.md:5:67: error: nesting deeper than 64 levels [syntax]" out
'

test_expect '10,000-deep block nesting is refused with its position' '
	gen b/backlog/MKT-4.md "\"---\nid: MKT-4\ntitle: t\nstatus: idea\nx:\n  \" + \"- \" * 10000 + \"y\n---\n\"" &&
	gen b/backlog/MKT-5.md "\"---\nid: MKT-5\ntitle: t\nstatus: idea\n\" + \"\".join(\" \" * i + \"k%d:\n\" % i for i in range(1000)) + \" \" * 1000 + \"v\n---\n\"" &&
	expect_code 1 fast 10 -C b check >out &&
	grep -F "backlog/MKT-4.md:6:129: error: nesting deeper than 64 levels" out &&
	grep -F "backlog/MKT-5.md:69:65: error: nesting deeper than 64 levels" out &&
	rm b/backlog/MKT-3.md b/backlog/MKT-4.md b/backlog/MKT-5.md
'

test_expect 'a 10 MB line makes the file too large: named, and the rest is listed' '
	gen b/backlog/MKT-6.md "\"---\nid: MKT-6\ntitle: \" + \"x\" * 10000000 + \"\nstatus: idea\n---\n\"" &&
	expect_code 1 fast 20 -C b list --format plain >out 2>err &&
	grep -q "MKT-1" out &&
	grep -E "^backlog/MKT-6.md: error: the file is 100000[0-9]{2} bytes, over the 1 MiB limit for item, cycle and config files" err &&
	expect_code 1 fast 20 -C b check >out &&
	grep -E "^backlog/MKT-6.md: error: the file is 100000[0-9]{2} bytes" out &&
	expect_code 1 fast 20 -C b show MKT-6 >out 2>err && test ! -s out &&
	grep -E "^backlog/MKT-6.md: error: the file is 100000[0-9]{2} bytes" err &&
	rm b/backlog/MKT-6.md
'

test_expect 'a long line under the limit is read, and shown cut to the terminal width' '
	gen b/backlog/MKT-7.md "\"---\nid: MKT-7\ntitle: \" + \"\\u00e9\" * 500000 + \"\nstatus: idea\n---\n\"" &&
	fast 20 -C b check >out &&
	fast 20 -C b list --format json | jq -e ".[] | select(.id == \"MKT-7\") | .title | length == 500000" &&
	fast 20 -C b list --format plain >out && test $(wc -c <out) -gt 1000000 &&
	. "$DOCKET_TESTS/cli/lib-tty.sh" &&
	on_tty "$DOCKET" -C b list >out && test $(wc -c <out) -lt 2000 &&
	rm b/backlog/MKT-7.md
'

test_expect 'a 10 MB line in ORDER: located, and the message stays short' '
	cp b/backlog/ORDER saved.order &&
	gen b/backlog/ORDER "\"MKT-1\n\" + \"Y\" * 10000000 + \"\n\"" &&
	expect_code 1 fast 20 -C b check >out &&
	grep -F "backlog/ORDER:2:1: error: ORDER lists YYYY" out &&
	test $(wc -c <out) -lt 4096 &&
	cp saved.order b/backlog/ORDER
'

test_expect 'a file over the size limit is named; the others still load' '
	gen b/backlog/MKT-8.md "\"---\nid: MKT-8\ntitle: big\nstatus: idea\n---\n\" + \"body line\n\" * 200000" &&
	expect_code 1 docket -C b list --format plain >out 2>err &&
	grep -q "MKT-1" out && ! grep -q "MKT-8" out &&
	grep -E "^backlog/MKT-8.md: error: the file is 20000[0-9]{2} bytes, over the 1 MiB limit for item, cycle and config files" err &&
	grep -F "1 file could not be read" err &&
	rm b/backlog/MKT-8.md
'

test_expect 'invalid UTF-8 is refused at its line and column' '
	gen b/backlog/MKT-9.md "b\"---\nid: MKT-9\ntitle: bad \xff\xfe byte\nstatus: idea\n---\n\"" &&
	gen b/backlog/MKT-10.md "b\"---\nid: MKT-10\ntitle: ok\nstatus: idea\n---\nbody \xe2\x82 cut\n\"" &&
	gen b/backlog/MKT-11.md "b\"\xff\xfe-\x00-\x00-\x00\n\x00\"" &&
	expect_code 1 docket -C b check >out &&
	grep -F "backlog/MKT-9.md:3:12: error: invalid UTF-8" out &&
	grep -F "backlog/MKT-10.md:6:6: error: invalid UTF-8" out &&
	grep -F "backlog/MKT-11.md:1:1: error: file is UTF-16" out &&
	rm b/backlog/MKT-9.md b/backlog/MKT-10.md b/backlog/MKT-11.md
'

test_expect 'a NUL byte in the front matter is refused at its position' '
	gen b/backlog/MKT-12.md "b\"---\nid: MKT-12\ntitle: nul \x00 byte\nstatus: idea\n---\n\"" &&
	expect_code 1 docket -C b check >out &&
	grep -F "backlog/MKT-12.md:3:12: error: control characters are not allowed (byte 0x00) [syntax]" out &&
	rm b/backlog/MKT-12.md
'

test_expect 'NUL in the body is kept; in a one-line field (a quoted title) check rejects it; both shown escaped' '
	. "$DOCKET_TESTS/cli/lib-tty.sh" &&
	printf -- "---\nid: MKT-13\ntitle: \"nul \\\\0 escaped\"\nstatus: idea\n---\nbody \000 nul\n" >b/backlog/MKT-13.md &&
	! tr -d "\\000" <b/backlog/MKT-13.md | cmp -s - b/backlog/MKT-13.md &&
	expect_code 1 docket -C b check >out &&
	grep -qx "backlog/MKT-13.md:3:8: error: .title. holds a NUL byte \[type\]" out &&
	test "$(grep -c error: out)" = 1 &&
	docket -C b show MKT-13 >out && cmp out b/backlog/MKT-13.md &&
	on_tty "$DOCKET" -C b show MKT-13 >out && term_safe out && grep -F "body \\x00 nul" out &&
	docket -C b list --format json | jq -e ".[] | select(.id == \"MKT-13\") | .title == \"nul \\u0000 escaped\""
'
test_done
