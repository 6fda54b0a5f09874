#!/bin/sh
# What a new user reads first: `docket help` and `docket help COMMAND`.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'docket help: every summary starts in one column, even merge-order' '
	docket help >out &&
	sed -n "/^Commands:/,/^$/p" out | grep "^  [a-z]" >cmds &&
	grep -q "^  merge-order " cmds &&
	awk "{ match(\$0, /^  [^ ]+ +/); print RLENGTH }" cmds | sort -u >cols &&
	test "$(wc -l <cols)" = 1 &&
	sed -n "/^Help topics/,/^$/p" out | grep "^  [a-z]" |
		awk "{ match(\$0, /^  [^ ]+ +/); print RLENGTH }" >tcol &&
	test "$(cat tcol)" = "$(cat cols)"
'

test_expect 'docket help lists --include-dirty among the global options' '
	docket help | sed -n "/^Global options:/,/^$/p" >g &&
	grep -q "^  --include-dirty " g &&
	docket help set | sed -n "/^Global options:/,\$p" | grep -q -- "--include-dirty"
'

test_expect 'the global options work after the command, as the help says' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "Teaser" >/dev/null &&
	echo "# mine" >>r/backlog/MKT-1.md &&
	expect_code 1 docket -C r set MKT-1 effort=3 2>err &&
	grep -q -- "--include-dirty" err &&
	docket -C r set MKT-1 effort=3 --include-dirty 2>err &&
	git -C r show HEAD:backlog/MKT-1.md | grep -q "^# mine" &&
	git_clean r
'

test_expect 'docket help COMMAND: a blank line between the options and the text' '
	docket help list >out &&
	grep -n -- "^  --rev REV" out | cut -d: -f1 >n &&
	n=$(cat n) &&
	test "$(sed -n "$((n + 1))p" out)" = "" &&
	sed -n "$((n + 2))p" out | grep -q "^The open items"
'

test_expect 'an unknown help topic is an error, worded as every other error' '
	expect_code 2 docket help frobnicate 2>err &&
	grep -q "^docket: error: .frobnicate. is neither a docket command nor a rule" err
'

test_done
