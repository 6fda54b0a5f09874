#!/bin/sh
# `docket help NAME` for a NAME that is no command, topic or rule answers
# with the closest of all three ("max-efort": did you mean 'max-effort'?),
# exit 2, nothing on standard output; the name it suggests is one `docket
# help` knows.  Every rule's id is suggested for itself with a letter
# too many.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'a rule name with a typo: did you mean the rule, exit 2' '
	expect_code 2 docket help max-efort >out 2>err && ! test -s out &&
	grep -qx "docket: error: .max-efort. is neither a docket command nor a rule; did you mean .max-effort.? See .docket help. and .docket help rules." err &&
	docket help max-effort >out && grep -q "max-effort" out
'

test_expect 'other rules, a topic and a command' '
	expect_code 2 docket help wip-limt 2>err && grep -q "did you mean .wip-limit.?" err &&
	expect_code 2 docket help duplicat-id 2>err && grep -q "did you mean .duplicate-id.?" err &&
	expect_code 2 docket help rulse 2>err && grep -q "did you mean .rules.?" err &&
	expect_code 2 docket help lsit 2>err && grep -q "did you mean .list.?" err
'

test_expect 'every rule listed by docket help rules is suggested for a letter too many' '
	docket help rules | awk "/^  [a-z]/ { print \$1 }" >rules &&
	test "$(wc -l <rules)" -gt 20 &&
	while read -r r; do
		slip=${r}z
		expect_code 2 docket help "$slip" 2>err || return 1
		s=$(sed -n "s/.*did you mean .\\([^ ]*\\).? See.*/\\1/p" err)
		test -n "$s" || { echo "no suggestion for $slip"; return 1; }
		test "$s" = "$r" || { echo "$slip: suggested $s"; return 1; }
	done <rules
'

test_expect 'no guess for a name far from everything' '
	expect_code 2 docket help zzzzzz >out 2>err && ! test -s out &&
	grep -qx "docket: error: .zzzzzz. is neither a docket command nor a rule; see .docket help. and .docket help rules." err
'

test_done
