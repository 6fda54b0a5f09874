#!/bin/sh
# Ids two branches both add: `check --base` reports them before the
# merge (id-collision, naming both files and a renumber command with a
# free id); a file the merge left conflicted is reported as a merge
# conflict naming each side's id, not as a YAML error.  A bare
# repository stands in for the git host.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a host, and two clones that both add MKT-2' '
	git init -q --bare host.git &&
	git clone -q host.git a 2>/dev/null &&
	docket -C a init 2>/dev/null && docket -C a new "Video teaser" 2>/dev/null &&
	git -C a push -q origin main &&
	git clone -q host.git b &&
	git -C a checkout -q -b landing &&
	docket -C a new "Landing page" 2>/dev/null &&
	test -e a/backlog/MKT-2.md &&
	docket -C b new "Newsletter" 2>/dev/null &&
	test -e b/backlog/MKT-2.md &&
	git -C b push -q origin main &&
	git -C a fetch -q origin
'

test_expect 'each side alone passes check; check --base reports the collision' '
	docket -C a check 2>err && docket -C b check 2>err &&
	expect_code 1 docket -C a check --base origin/main >out 2>err &&
	grep -q "backlog/MKT-2.md:[0-9]*:[0-9]*: error: MKT-2 is added on this branch (backlog/MKT-2.md) and on origin/main since they diverged (backlog/MKT-2.md, \"Newsletter\"): merged, two items would have one id; give this branch'"'"'s item a new id: docket renumber MKT-2 MKT-3 \[id-collision\]" out &&
	test "$(grep -c "id-collision" out)" = 1
'

test_expect 'json carries the fix' '
	expect_code 1 docket -C a check --base origin/main --format json >out.json 2>err &&
	grep -q "\"rule\": *\"id-collision\"" out.json &&
	grep -q "docket renumber MKT-2 MKT-3" out.json
'

test_expect 'a different file name with the same id collides too; the working tree counts' '
	git -C a mv backlog/MKT-2.md backlog/MKT-2-landing-page.md &&
	expect_code 1 docket -C a check --base origin/main >out 2>err &&
	grep -q "^backlog/MKT-2-landing-page.md:.*MKT-2 is added on this branch (backlog/MKT-2-landing-page.md) and on origin/main since they diverged (backlog/MKT-2.md" out &&
	git -C a mv backlog/MKT-2-landing-page.md backlog/MKT-2.md
'

test_expect 'an id only the base added, or only the branch, is no collision' '
	docket -C b check --base HEAD~1 >out 2>err &&
	! grep -q id-collision out &&
	docket -C a check --base main >out 2>err &&
	! grep -q id-collision out
'

test_expect 'the same file with the same bytes on both sides (a cherry-pick) is no collision' '
	git -C a checkout -q -b pick-side main &&
	git -C a cherry-pick origin/main >/dev/null &&
	docket -C a check --base origin/main >out 2>err &&
	! grep -q id-collision out &&
	git -C a checkout -q landing
'

test_expect 'the suggested renumber clears it' '
	docket -C a renumber MKT-2 MKT-3 2>err &&
	docket -C a check --base origin/main >out 2>err &&
	! grep -q id-collision out &&
	git -C a reset -q --hard HEAD~1
'

test_expect 'merged anyway: the conflicted file is a merge conflict naming both ids' '
	expect_code 1 git -C a merge -q origin/main >/dev/null 2>&1 &&
	grep -q "^<<<<<<<" a/backlog/MKT-2.md &&
	expect_code 1 docket -C a check >out 2>err &&
	grep "item-conflict" out >got &&
	test "$(wc -l <got)" = 1 &&
	grep -q "^backlog/MKT-2.md:[0-9]*:1: error: merge conflict: git left conflict markers from line [0-9]*; HEAD has MKT-2 \"Landing page\", origin/main has MKT-2 \"Newsletter\": keep one item in this file" got &&
	! grep -q "\[syntax\]" out &&
	git -C a merge --abort
'

test_expect 'diff3 conflict style: the base section is no side' '
	git -C a -c merge.conflictStyle=diff3 merge -q origin/main >/dev/null 2>&1;
	grep -q "^|||||||" a/backlog/MKT-2.md &&
	expect_code 1 docket -C a check >out 2>err &&
	grep -q "HEAD has MKT-2 \"Landing page\", origin/main has MKT-2 \"Newsletter\"" out &&
	git -C a merge --abort
'

test_expect 'markers in a changed field: both sides named' '
	printf -- "---\nid: MKT-7\n<<<<<<< ours\ntitle: Spring launch\n=======\ntitle: Summer launch\n>>>>>>> theirs\nstatus: idea\n---\n" >a/backlog/MKT-7.md &&
	expect_code 1 docket -C a check >out 2>err &&
	grep -q "backlog/MKT-7.md:3:1: error: merge conflict: git left conflict markers from line 3; ours has MKT-7 \"Spring launch\", theirs has MKT-7 \"Summer launch\"" out &&
	rm a/backlog/MKT-7.md
'

test_done
