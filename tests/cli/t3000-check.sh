#!/bin/sh
# docket check: exit codes, --strict, --rev, PATH arguments, -C and
# usage errors.
. "$DOCKET_TESTS/cli/lib.sh"

# A clean backlog: two items, one ranked.
new_repo r
cat >r/docket.yaml <<'YAML'
prefix: MKT
owners:
  - name: Dana Reyes
    email: dana@example.com
goals:
  pipeline: 50 qualified leads
YAML
mkdir -p r/backlog/cycles
cat >r/backlog/MKT-1.md <<'MD'
---
id: MKT-1
title: Video teaser
status: ready
effort: 3
customer_value: 7
business_value: 8
goal: pipeline
hypothesis: A teaser brings leads
metric: qualified leads
target: 50
---
## Definition of Done
- [ ] Copy reviewed
MD
cat >r/backlog/MKT-2.md <<'MD'
---
id: MKT-2
title: Refresh the FAQ
type: bau
status: idea
---
MD
printf 'MKT-1\n' >r/backlog/ORDER
(cd r && git add -A && git commit -qm "Clean backlog")

test_expect 'a clean backlog: exit 0 and "no problems"' '
	docket -C r check >out &&
	test "$(cat out)" = "no problems" &&
	docket -C r check --format json >out.json &&
	test "$(jq -c . out.json)" = "{\"errors\":0,\"warnings\":0,\"findings\":[]}"
'

test_expect 'warnings: exit 0, and 1 with --strict' '
	printf -- "---\nid: MKT-3\ntitle: Big one\nstatus: idea\neffort: 13\n---\n" >r/backlog/MKT-3.md &&
	docket -C r check >out &&
	grep -q "^backlog/MKT-3.md:5:9: warning: effort 13 is over the limit of 8" out &&
	expect_code 1 docket -C r check --strict >out &&
	rm r/backlog/MKT-3.md
'

test_expect 'errors: exit 1, one line per finding and a summary' '
	printf -- "---\nid: MKT-3\ntitle: Broken\nstatus: wip\n---\n" >r/backlog/MKT-3.md &&
	expect_code 1 docket -C r check >out &&
	grep -q "^backlog/MKT-3.md:4:9: error: .status. is .wip., which is not one of" out &&
	tail -1 out | grep -q "^1 error, 0 warnings$"
'

test_expect '--rev checks a revision without the working tree' '
	docket -C r check --rev HEAD >out &&
	test "$(cat out)" = "no problems" &&
	git -C r status --porcelain >st &&
	grep -q "MKT-3.md" st
'

test_expect '--rev of a broken revision fails while the working tree is fine' '
	(cd r && git add -A && git commit -qm "Break MKT-3") &&
	rm r/backlog/MKT-3.md &&
	docket -C r check >out &&
	expect_code 1 docket -C r check --rev HEAD >out &&
	grep -q "MKT-3.md:4:9" out &&
	(cd r && git rm -q backlog/MKT-3.md && git commit -qm "Drop MKT-3")
'

test_expect 'an unknown revision exits 2' '
	expect_code 2 docket -C r check --rev no-such-rev 2>err &&
	grep -q "no-such-rev" err &&
	expect_code 2 docket -C r check --base no-such-rev 2>err &&
	grep -q "unknown revision .no-such-rev." err
'

test_expect 'PATH limits the findings to those files; the backlog is still read whole' '
	printf -- "---\nid: MKT-3\ntitle: A\nstatus: idea\n---\n" >r/backlog/MKT-3.md &&
	printf -- "---\nid: MKT-3\ntitle: B\nstatus: idea\n---\n" >r/backlog/MKT-3-copy.md &&
	printf -- "---\nid: MKT-4\ntitle: C\nstatus: nope\n---\n" >r/backlog/MKT-4.md &&
	expect_code 1 docket -C r check backlog/MKT-3.md >out &&
	grep -q "^backlog/MKT-3.md:2:5: error: id .MKT-3. is also used by backlog/MKT-3-copy.md" out &&
	! grep -q "MKT-4.md" out &&
	tail -1 out | grep -q "^1 error, 0 warnings$" &&
	expect_code 1 docket -C r check backlog/MKT-4.md >out &&
	! grep -q "MKT-3" out &&
	(cd r/backlog && expect_code 1 docket check MKT-4.md ../backlog/MKT-3-copy.md >../../out) &&
	test "$(grep -c error: out)" = 2 &&
	expect_code 1 docket -C r check backlog >out &&
	test "$(grep -c error: out)" = 3 &&
	docket -C r check docket.yaml >out &&
	test "$(cat out)" = "no problems" &&
	rm r/backlog/MKT-3.md r/backlog/MKT-3-copy.md r/backlog/MKT-4.md
'

test_expect 'a PATH outside the repository is a usage error' '
	expect_code 2 docket -C r check /etc/passwd 2>err &&
	grep -q "outside the repository" err
'

test_expect 'usage errors exit 2' '
	expect_code 2 docket -C r check --format yaml 2>err &&
	grep -q "unknown format .yaml." err &&
	expect_code 2 docket -C r check --bogus 2>err &&
	mkdir -p nobacklog &&
	expect_code 2 docket -C nobacklog check 2>err &&
	grep -q "not in a docket backlog" err
'

test_expect 'a broken docket.yaml is reported at its line and column' '
	cp r/docket.yaml saved.yaml &&
	printf "rules:\n  wip-limit: sometimes\n" >>r/docket.yaml &&
	expect_code 1 docket -C r check >out &&
	grep -q "^docket.yaml:8:14: error: rule .wip-limit.: use off, warning or error \[config\]" out &&
	cp saved.yaml r/docket.yaml
'

test_expect 'a file that cannot be parsed is never dropped' '
	printf "\377\376not utf-8\n" >r/backlog/MKT-5.md &&
	printf -- "---\nid: MKT-6\ntitle: [\n---\n" >r/backlog/MKT-6.md &&
	expect_code 1 docket -C r check >out &&
	grep -q "^backlog/MKT-5.md:1:1: error: .*\[syntax\]" out &&
	grep -q "^backlog/MKT-6.md:.*\[syntax\]" out &&
	rm r/backlog/MKT-5.md r/backlog/MKT-6.md
'

test_expect 'help check lists the rules' '
	docket help check >out &&
	grep -q "^usage: docket check" out &&
	grep -q "owner-order" out
'

test_expect 'colour only when asked, and only in text' '
	printf -- "---\nid: MKT-3\ntitle: Big one\nstatus: idea\neffort: 13\n---\n" >r/backlog/MKT-3.md &&
	docket -C r --color=always check >out &&
	grep -q "$(printf "\033")" out &&
	docket -C r --color=always check --format json >out &&
	! grep -q "$(printf "\033")" out &&
	docket -C r check >out &&
	! grep -q "$(printf "\033")" out &&
	rm r/backlog/MKT-3.md
'

test_done
