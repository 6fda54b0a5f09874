#!/bin/sh
# The smaller points of issue 16: -q new prints the id alone; commit
# subjects name only what changed and stay within 72 code points (cut at
# a word with "…", the whole line in the body); set's refusals name set's
# own fields, not a shorthand's options.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-20

test_expect 'setup' '
	new_repo b && docket -C b init >/dev/null 2>&1
'

test_expect '-q new prints the new id alone on stdout, and nothing else' '
	id=$(docket -C b -q new "Quiet idea" 2>err) &&
	test "$id" = MKT-1 && test ! -s err &&
	test "$(docket -C b -q followup MKT-1 "Quiet follow-up" 2>/dev/null)" = MKT-2
'

test_expect 'a subject names only the fields that changed' '
	docket -C b set MKT-1 type=bau effort=2 customer_value=3 business_value=4 2>/dev/null &&
	docket -C b set MKT-1 type=bau effort=3 2>/dev/null &&
	test "$(git -C b log -1 --format=%s)" = "Set MKT-1 effort 2 → 3"
'

test_expect 'a long subject is cut at a word with …; the whole line is in the body' '
	docket -C b set MKT-1 "title=A much longer title that goes on and on about the spring campaign" \
		"requested_by=Somebody from the sales team" 2>/dev/null &&
	git -C b log -1 --format=%s >subj &&
	test "$(cat subj)" = "Set MKT-1 title Quiet idea → A much longer title that goes on and on…" &&
	test "$(python3 -c "import sys; print(len(open(sys.argv[1], encoding=\"utf-8\").read().rstrip(\"\\n\")))" subj)" -le 72 &&
	git -C b log -1 --format=%b | grep -qx "Set MKT-1 title Quiet idea → A much longer title that goes on and on about the spring campaign, requested_by Somebody from the sales team" &&
	docket -C b new "$(printf "%080d" 0 | tr 0 w) tail" >/dev/null 2>&1 &&
	git -C b log -1 --format=%s >subj &&
	test "$(python3 -c "import sys; print(len(open(sys.argv[1], encoding=\"utf-8\").read().rstrip(\"\\n\")))" subj)" -le 72 &&
	grep -q "…$" subj
'

test_expect 'set names its own fields where a shorthand has an option' '
	expect_code 1 docket -C b set MKT-1 status=stopped 2>err &&
	grep -q "give stop_reason=TEXT" err && ! grep -q -- "--reason" err &&
	expect_code 1 docket -C b set MKT-1 status=blocked 2>err &&
	grep -q "give blocked_reason=TEXT" err &&
	docket -C b set MKT-1 status=stopped "stop_reason=no budget" 2>/dev/null &&
	grep -qx "stop_reason: no budget" b/backlog/MKT-1.md
'

test_done
