#!/bin/sh
# docket set and the status shorthands: surgical edits, transitions,
# ORDER membership, commit messages.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-20

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\n# owner: marketing\nid: MKT-1\ntitle: '"'"'Teaser: v1'"'"'\nstatus: ready   # agreed\neffort: 3\ncustomer_value: 5\nbusiness_value: 6\ntags:\n  - video   # main\n  - social\nhypothesis: >\n  Video brings\n  more leads\nmetric: leads\ntarget: 50\n---\nBody stays.\n\n## Definition of Done\n- [x] Copy reviewed\n- [ ] Results recorded\n" >b/backlog/MKT-1.md &&
	printf "\357\273\277---\r\nid: MKT-2\r\ntitle: \"CRLF item\"\r\ntype: bau\r\nstatus: doing\r\neffort: 1\r\ncustomer_value: 2\r\nbusiness_value: 3\r\n---\r\nBody\r\n" >b/backlog/MKT-2.md &&
	printf "# Now\nMKT-1\nMKT-2  # ops\n# Later\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm items
'

test_expect 'set changes only the field (comments, quoting, block values, body kept)' '
	cp b/backlog/MKT-1.md before &&
	docket -C b set MKT-1 effort=5 "title=Teaser: v2" tags=video,events 2>err &&
	sed -e "s/^effort: 3$/effort: 5/" -e "s/^title: .*/title: '"'"'Teaser: v2'"'"'/" before |
		awk "/^tags:/{print \"tags: [video, events]\"; skip=1; next} skip && /^  - /{next} {skip=0; print}" >want &&
	test_cmp want b/backlog/MKT-1.md &&
	test "$(git -C b log -1 --format=%s)" = "Set MKT-1 effort 3 → 5, title Teaser: v1 → Teaser: v2, tags [video…" &&
	git -C b log -1 --format=%b | grep -qx "Set MKT-1 effort 3 → 5, title Teaser: v1 → Teaser: v2, tags \[video, social\] → \[video, events\]" &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	test -z "$(git -C b status --porcelain)"
'

test_expect 'CRLF and the byte-order mark are kept' '
	docket -C b set MKT-2 effort=2 mvl=yes 2>err &&
	printf "\357\273\277---\r\nid: MKT-2\r\ntitle: \"CRLF item\"\r\ntype: bau\r\nstatus: doing\r\neffort: 2\r\ncustomer_value: 2\r\nbusiness_value: 3\r\nmvl: true\r\n---\r\nBody\r\n" >want &&
	cmp want b/backlog/MKT-2.md &&
	same_as b HEAD~1 backlog/MKT-1.md backlog/ORDER && git_clean b
'

test_expect 'values read back as their type; KEY= removes a field' '
	docket -C b set MKT-2 "outcome=50: leads" "requested_by=yes" mvl= 2>err &&
	printf "\357\273\277---\r\nid: MKT-2\r\ntitle: \"CRLF item\"\r\ntype: bau\r\nstatus: doing\r\neffort: 2\r\ncustomer_value: 2\r\nbusiness_value: 3\r\noutcome: \"50: leads\"\r\nrequested_by: \"yes\"\r\n---\r\nBody\r\n" >want &&
	cmp want b/backlog/MKT-2.md && same_as b HEAD~1 backlog/MKT-1.md backlog/ORDER && git_clean b &&
	docket -C b show MKT-2 --format json >j &&
	jq -e ".outcome == \"50: leads\" and .requested_by == \"yes\" and (has(\"mvl\") | not)" j >/dev/null &&
	expect_code 1 docket -C b set MKT-2 status=finished 2>err && grep -q "status must be one of" err &&
	expect_code 2 docket -C b set MKT-2 id=MKT-9 2>err && grep -q renumber err &&
	expect_code 2 docket -C b set MKT-2 title= 2>err &&
	expect_code 1 docket -C b set MKT-99 effort=1 2>err && grep -q "no item MKT-99" err
'

test_expect 'setting the same value is not a commit' '
	git -C b rev-parse HEAD >h1 && cp b/backlog/MKT-2.md before &&
	docket -C b set MKT-2 effort=2 2>err && grep -q "nothing to change" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h1)" &&
	cmp before b/backlog/MKT-2.md && git_clean b
'

test_expect 'start sets started once; block needs a reason; unblock drops it' '
	cp b/backlog/MKT-1.md before &&
	docket -C b start MKT-1 2>err &&
	sed "s/^status: ready   # agreed$/status: doing   # agreed/; s/^target: 50$/target: 50\nstarted: 2026-11-20/" before >want &&
	test_cmp want b/backlog/MKT-1.md &&
	same_as b HEAD~1 backlog/MKT-2.md backlog/ORDER && git_clean b &&
	test "$(git -C b log -1 --format=%s)" = "MKT-1: ready → doing" &&
	git -C b rev-parse HEAD >h1 &&
	expect_code 1 docket -C b block MKT-1 2>err && grep -q -- "--reason" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h1)" &&
	docket -C b block MKT-1 --reason "waits for legal" 2>err &&
	grep -qx "blocked_reason: waits for legal" b/backlog/MKT-1.md &&
	DOCKET_TODAY=2026-11-25 docket -C b set MKT-1 status=doing 2>err &&
	test_cmp want b/backlog/MKT-1.md && git_clean b
'

test_expect 'done: experiments need a result; open DoD boxes refuse without --force --reason, recorded in dod_waived' '
	git -C b rev-parse HEAD >h1 && cp b/backlog/MKT-1.md before &&
	expect_code 1 docket -C b done MKT-1 2>err && grep -q -- "--result won|lost|inconclusive" err &&
	expect_code 1 docket -C b done MKT-1 --result won 2>err &&
	grep -q "backlog/MKT-1.md:[0-9]*:3: 1 Definition-of-Done box is unchecked (first: .Results recorded.)" err &&
	expect_code 2 docket -C b done MKT-1 --result great 2>err &&
	cmp before b/backlog/MKT-1.md && test "$(git -C b rev-parse HEAD)" = "$(cat h1)" &&
	expect_code 2 docket -C b done MKT-1 --result won --force 2>err &&
	grep -q "say why with --reason TEXT (recorded in dod_waived:)" err &&
	cmp before b/backlog/MKT-1.md && test "$(git -C b rev-parse HEAD)" = "$(cat h1)" &&
	docket -C b done MKT-1 --result won --actual 62 --force --reason "recorded later" 2>err &&
	sed "s/^status: doing   # agreed$/status: done   # agreed/; s/^started: 2026-11-20$/started: 2026-11-20\nresult: won\nactual: 62\ndod_waived: \"Results recorded. Reason: recorded later\"\nfinished: 2026-11-20/" before >want &&
	test_cmp want b/backlog/MKT-1.md && git_clean b &&
	printf "# Now\nMKT-2  # ops\n# Later\n" >want && test_cmp want b/backlog/ORDER &&
	git -C b log -1 --format=%B >msg && head -1 msg | grep -qx "MKT-1: doing → done" &&
	grep -q "Leaves ORDER (was #1)" msg &&
	test "$(git -C b show --name-only --format= HEAD | sort | tr "\n" " ")" = "backlog/MKT-1.md backlog/ORDER " &&
	docket -C b check >out 2>&1 && ! grep -q "dod-unchecked" out
'

test_expect 'stop needs a reason and leaves ORDER' '
	cp b/backlog/MKT-2.md before &&
	expect_code 1 docket -C b stop MKT-2 2>err && cmp before b/backlog/MKT-2.md &&
	docket -C b stop MKT-2 --reason "no budget" 2>err &&
	sed "s/^status: doing\r$/status: stopped\r/; s/^requested_by: .yes.\r$/&\nstop_reason: no budget\r\nfinished: 2026-11-20\r/" before >want &&
	cmp want b/backlog/MKT-2.md && git_clean b &&
	printf "# Now\n# Later\n" >want && test_cmp want b/backlog/ORDER &&
	docket -C b list --format json | jq -e "map(select(.rank != null)) | length == 0" >/dev/null
'
test_done
