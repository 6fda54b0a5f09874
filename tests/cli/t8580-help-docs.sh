#!/bin/sh
# What docket help points users at exists: every docs/ page named in the
# help of a command or topic (docket help serve: docs/serve.md) is a
# file of the project, so a user's clone has it.
. "$DOCKET_TESTS/cli/lib.sh"

TOP=$(cd "$DOCKET_TESTS/.." && pwd)

test_expect 'every docs/ page named by docket help and docket help COMMAND exists' '
	docket help >top.txt 2>&1 &&
	awk "/^  [a-z]/ {print \$1}" top.txt >names &&
	grep -qx serve names && test "$(wc -l <names)" -gt 20 &&
	: >named &&
	for c in $(cat names); do
		docket help "$c" >h.txt 2>&1 || { echo "help $c failed"; exit 1; }
		grep -o "docs/[A-Za-z0-9_/.-]*[A-Za-z0-9_]" h.txt >>named || :
	done &&
	grep -qx docs/serve.md named &&
	missing=0 &&
	for f in $(sort -u named); do
		test -f "$TOP/$f" || { echo "docket help names $f, which is not in the project"; missing=1; }
	done &&
	test "$missing" = 0
'
test_done
