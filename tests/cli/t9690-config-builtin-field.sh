#!/bin/sh
# A field in docket.yaml's fields: that has the name of one of docket's
# own fields (due, effort, status...) cannot change how docket checks
# it: docket says so at the declaration's line and column, as a
# warning, instead of ignoring it silently.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	git -C b commit -qm init --allow-empty
'

test_expect 'due and effort redeclared: one warning each, at their line and column' '
	cp b/docket.yaml yaml0 &&
	printf "fields:\n  due: { type: string }\n  channel: { type: string }\n  effort: string\n" >>b/docket.yaml &&
	l=$(grep -n "^  due:" b/docket.yaml | cut -d: -f1) &&
	e=$(grep -n "^  effort:" b/docket.yaml | cut -d: -f1) &&
	docket -C b check >out 2>&1 &&
	grep -q "^docket.yaml:$l:3: warning: .due. is one of docket.s own fields" out &&
	grep -q "^docket.yaml:$e:3: warning: .effort. is one of docket.s own fields" out &&
	! grep -q "channel" out
'

test_expect 'the built-in definition still holds: a due that is not a date is refused' '
	expect_code 2 docket -C b new "Launch" --set due="next week" 2>err &&
	grep -q "not a date" err &&
	docket -C b new "Launch" --set due=2026-12-24 >/dev/null 2>&1
'

test_expect 'a field of its own name: no warning' '
	cp yaml0 b/docket.yaml &&
	printf "fields:\n  due_note: { type: string }\n" >>b/docket.yaml &&
	docket -C b check >out 2>&1 &&
	! grep -q "own fields" out
'

test_done
