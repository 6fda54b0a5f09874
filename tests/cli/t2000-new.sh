#!/bin/sh
# docket new and followup: ids, template, ranking, commits.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-20

test_expect 'setup' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf "definition_of_done: [Copy reviewed, Results recorded]\ngoals:\n  pipeline: qualified leads\n" >>b/docket.yaml &&
	sed -i "/^definition_of_done: \[\]/d" b/docket.yaml &&
	git -C b commit -qam "DoD"
'

test_expect 'new writes the template, prints the id and commits only its file' '
	echo wip >b/notes.txt &&
	docket -C b new "Video teaser: part 1" >out 2>err &&
	test "$(cat out)" = MKT-1 &&
	printf -- "---\nid: MKT-1\ntitle: \"Video teaser: part 1\"\ntype: experiment\nstatus: idea\ncreated: 2026-11-20\n---\n\n## Definition of Done\n- [ ] Copy reviewed\n- [ ] Results recorded\n" >want &&
	test_cmp want b/backlog/MKT-1.md &&
	test "$(git -C b log -1 --format=%s)" = "Add MKT-1: Video teaser: part 1" &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-1.md &&
	test "$(git -C b status --porcelain)" = "?? notes.txt" &&
	grep -q "Add MKT-1: Video teaser: part 1 \[" err
'

test_expect 'a new idea does not touch ORDER; --top ranks it below the header' '
	cp b/backlog/ORDER order.before &&
	docket -C b new "Second" --type bau --set effort=3 --set "tags=video, social" >/dev/null 2>&1 &&
	cmp order.before b/backlog/ORDER &&
	printf -- "---\nid: MKT-2\ntitle: Second\ntype: bau\nstatus: idea\ncreated: 2026-11-20\neffort: 3\ntags: [video, social]\n---\n\n## Definition of Done\n- [ ] Copy reviewed\n- [ ] Results recorded\n" >want &&
	test_cmp want b/backlog/MKT-2.md && same_as b HEAD~1 backlog/MKT-1.md &&
	test "$(git -C b status --porcelain)" = "?? notes.txt" &&
	docket -C b new "Third" --top >/dev/null 2>&1 &&
	docket -C b new "Fourth" --top >/dev/null 2>&1 &&
	docket -C b new "Fifth" --after MKT-4 >/dev/null 2>&1 &&
	sed -n "3,\$p" b/backlog/ORDER >ids && printf "MKT-4\nMKT-5\nMKT-3\n" >want &&
	test_cmp want ids &&
	head -2 b/backlog/ORDER | grep -c "^#" | grep -qx 2 &&
	git -C b log -1 --format=%B | grep -q "Ranked #2 (above MKT-3)" &&
	test "$(git -C b show --name-only --format= HEAD | sort | tr "\n" " ")" = "backlog/MKT-5.md backlog/ORDER " &&
	test "$(git -C b status --porcelain)" = "?? notes.txt" && rm b/notes.txt
'

test_expect 'ids are never reused from other branches or remote-tracking refs' '
	git -C b checkout -qb other &&
	printf -- "---\nid: MKT-9\ntitle: x\nstatus: idea\n---\n" >b/backlog/MKT-9.md &&
	git -C b add -A && git -C b commit -qm nine &&
	git -C b update-ref refs/remotes/origin/far HEAD &&
	git -C b checkout -q main && git -C b branch -qD other &&
	test ! -e b/backlog/MKT-9.md && cp b/backlog/ORDER order.before &&
	test "$(docket -C b new "Next" 2>/dev/null)" = MKT-10 &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-10.md &&
	cmp order.before b/backlog/ORDER && git_clean b
'

test_expect 'bad input is a usage error (a value check rejects: refused) and changes nothing' '
	git -C b rev-parse HEAD >head.before &&
	expect_code 2 docket -C b new "" 2>err &&
	expect_code 2 docket -C b new "x" --type epic 2>err && grep -q "experiment, bau or improvement" err &&
	expect_code 2 docket -C b new "x" --set effort=lots 2>err && grep -q "not a number" err &&
	expect_code 1 docket -C b new "x" --set customer_value=11 2>err && grep -q "1 to 10 \[range\]" err &&
	expect_code 1 docket -C b new "x" --before MKT-77 2>err && grep -q "MKT-77 is not in" err &&
	test "$(git -C b rev-parse HEAD)" = "$(cat head.before)" && same_as b HEAD backlog &&
	test -z "$(git -C b status --porcelain -- backlog)"
'

test_expect 'followup inherits goal, campaign and tags and follows the item' '
	printf -- "---\nid: MKT-20\ntitle: Parent\nstatus: done\ngoal: pipeline\ncampaign: app-launch\ntags:\n  - video\n  - \"2026\"\n---\n" >b/backlog/MKT-20.md &&
	git -C b add -A && git -C b commit -qm parent &&
	test "$(docket -C b followup MKT-20 "Shorter teaser" 2>/dev/null)" = MKT-21 &&
	f=b/backlog/MKT-21.md &&
	grep -qx "type: experiment" $f && grep -qx "follows: MKT-20" $f &&
	grep -qx "goal: pipeline" $f && grep -qx "campaign: app-launch" $f &&
	grep -qx "tags: \[video, \"2026\"\]" $f &&
	docket -C b show MKT-21 --format json | jq -e ".tags == [\"video\", \"2026\"]" >/dev/null &&
	git -C b log -1 --format=%B | grep -q "Follows MKT-20" &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-21.md &&
	same_as b HEAD~1 backlog/MKT-20.md backlog/ORDER && git_clean b
'

test_expect 'new --edit: the editor result is validated before the commit' '
	cat >ed.sh <<-\EOS &&
	#!/bin/sh
	sed -i "s/^title: Edited/title: Edited by hand/" "$1"
	EOS
	chmod +x ed.sh &&
	EDITOR="$PWD/ed.sh" VISUAL= docket -C b new "Edited" --edit >/dev/null 2>err &&
	grep -qx "title: Edited by hand" b/backlog/MKT-22.md &&
	test "$(git -C b log -1 --format=%s)" = "Add MKT-22: Edited" &&
	test -z "$(git -C b status --porcelain -- backlog)" &&
	cat >bad.sh <<-\EOS &&
	#!/bin/sh
	sed -i "s/^status: idea/status: [oops/" "$1"
	EOS
	chmod +x bad.sh &&
	expect_code 1 env EDITOR="$PWD/bad.sh" VISUAL= "$DOCKET" -C b new "Broken" --edit 2>err &&
	grep -q "^backlog/MKT-23.md:[0-9]*:[0-9]*: error: .*\[syntax\]" err && grep -q "not committed" err &&
	grep -q "status: \[oops" b/backlog/MKT-23.md &&
	test "$(git -C b status --porcelain -- backlog)" = "?? backlog/MKT-23.md"
'
test_done
