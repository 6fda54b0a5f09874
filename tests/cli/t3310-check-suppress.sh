#!/bin/sh
# Linter conventions of docket check: --select and --ignore over
# docket.yaml, inline "# docket: ignore[RULE]" on the finding's line in
# front matter or ORDER, rules that cannot be suppressed, the
# unused-suppression warning, and suppressed findings in JSON.
. "$DOCKET_TESTS/cli/lib.sh"

new_repo b
cat >b/docket.yaml <<'YAML'
prefix: MKT
owners:
  - name: Dana Reyes
    email: dana@example.com
rules:
  max-effort: error
  bau-share: off
YAML
mkdir -p b/backlog
cat >b/backlog/MKT-1.md <<'EOF'
---
id: MKT-1
title: "Big # docket: ignore[max-effort] in a title is no comment"
type: bau
status: idea
effort: 20
assignee: bob
---
EOF
cat >b/backlog/MKT-2.md <<'EOF'
---
id: MKT-2
title: Two
type: bau
status: idea
color: blue  # docket: ignore[unknown-field]
---
EOF
printf '# header\nMKT-1\nMKT-2\nMKT-9\n' >b/backlog/ORDER
cd b

test_expect 'without options every rule runs, at docket.yaml severities' '
	expect_code 1 docket check >out &&
	grep -q "MKT-1.md:6:9: error: effort 20 .*\[max-effort\]" out &&
	grep -q "MKT-1.md:7:1: error: .*\[no-direct-assignment\]" out &&
	grep -q "ORDER:4:1: error: ORDER lists MKT-9" out &&
	! grep -q "unknown-field" out
'

test_expect '--ignore turns rules off over docket.yaml' '
	expect_code 1 docket check --ignore max-effort --ignore order-unknown >out &&
	! grep -q "max-effort\|order-unknown" out &&
	grep -q "no-direct-assignment" out &&
	docket check --ignore max-effort,no-direct-assignment,order-unknown >out &&
	grep -qx "no problems" out
'

test_expect '--select checks only those rules, on even when docket.yaml has them off' '
	expect_code 1 docket check --select max-effort >out &&
	test "$(grep -c "\[" out)" = 1 && grep -q "\[max-effort\]" out &&
	sed -i "s/max-effort: error/max-effort: off/" ../b/docket.yaml &&
	docket check --select max-effort,unknown-field >out &&
	grep -q "MKT-1.md:6:9: warning: effort 20" out &&
	sed -i "s/max-effort: off/max-effort: error/" ../b/docket.yaml
'

test_expect 'an unknown rule, or ignoring one that is always checked, is a usage error' '
	expect_code 2 docket check --select max-efort 2>err &&
	grep -q "unknown rule .max-efort.; did you mean .max-effort." err &&
	expect_code 2 docket check --ignore syntax 2>err &&
	grep -q "cannot be ignored" err &&
	expect_code 2 docket check --ignore owner-order 2>err &&
	expect_code 2 docket check --ignore config 2>err
'

test_expect '--select never drops syntax or config findings' '
	printf -- "---\nid: MKT-3\ntitle: [unclosed\n---\n" >backlog/MKT-3.md &&
	expect_code 1 docket check --select max-effort >out &&
	grep -q "MKT-3.md:[0-9]*:[0-9]*: error: .*\[syntax\]" out &&
	rm backlog/MKT-3.md
'

test_expect 'an inline comment on the line suppresses that finding, nothing else' '
	sed -i "s/^effort: 20\$/effort: 20   # docket: ignore[max-effort]/" backlog/MKT-1.md &&
	sed -i "s/^MKT-9\$/MKT-9 # docket: ignore[order-unknown]/" backlog/ORDER &&
	expect_code 1 docket check >out &&
	! grep -q "max-effort\|order-unknown" out &&
	grep -q "no-direct-assignment" out &&
	grep -q "^1 error, 0 warnings" out
'

test_expect 'suppressed findings appear in JSON, marked, and count nowhere' '
	expect_code 1 docket check --format json >out.json &&
	jq -e ".errors == 1 and .warnings == 0" out.json &&
	jq -e "[.findings[] | select(.suppressed)] | map(.rule) | sort == [\"max-effort\", \"order-unknown\", \"unknown-field\"]" out.json &&
	jq -e "[.findings[] | select(.suppressed | not)] | map(.rule) == [\"no-direct-assignment\"]" out.json &&
	{ docket check --format sarif >out.sarif || true; } &&
	test "$(jq "[.runs[0].results[] | select(.ruleId == \"max-effort\")] | length" out.sarif)" = 0
'

test_expect 'a comment inside a quoted value is not a suppression' '
	grep -q "^title: \"Big # docket" backlog/MKT-1.md &&
	! docket check --format json | jq -e ".findings[] | select(.rule == \"unused-suppression\" and .line == 3)"
'

test_expect 'a suppression that suppresses nothing is a warning at the comment' '
	sed -i "s/^effort: 20 .*/effort: 2   # docket: ignore[max-effort]/" backlog/MKT-1.md &&
	expect_code 1 docket check >out &&
	grep -q "MKT-1.md:6:30: warning: .# docket: ignore\[max-effort\]. suppresses nothing: no max-effort finding on this line; remove it \[unused-suppression\]" out &&
	sed -i "s/^color: blue .*/color: blue  # docket: ignore[unknwn-field]/" backlog/MKT-2.md &&
	expect_code 1 docket check >out &&
	grep -q "MKT-2.md:6:.*names no rule; did you mean .unknown-field." out &&
	docket check --ignore no-direct-assignment,unused-suppression,unknown-field >out &&
	grep -qx "no problems" out
'

test_expect 'a suppression of a rule that is off is not reported' '
	docket check --ignore no-direct-assignment,max-effort --select max-effort,no-direct-assignment,order-unknown >out &&
	! grep -q "unused-suppression" out
'

test_expect 'syntax and owner-order cannot be suppressed inline' '
	printf -- "---\nid: MKT-3\ntitle: [unclosed # docket: ignore[syntax]\n---\n" >backlog/MKT-3.md &&
	expect_code 1 docket check >out &&
	grep -q "MKT-3.md:[0-9]*:[0-9]*: error: .*\[syntax\]" out &&
	rm backlog/MKT-3.md &&
	git add -A && git commit -qm "Backlog" &&
	git checkout -q -b reorder &&
	printf "MKT-2 # docket: ignore[owner-order]\nMKT-1\n" >backlog/ORDER &&
	GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL=sam@example.com git commit -qam "Rank MKT-2 first" &&
	expect_code 1 docket check --base main >out &&
	grep -q "owner-order" out &&
	grep -q "ORDER:1:.*rule .owner-order. cannot be suppressed.*\[unused-suppression\]" out
'

test_done
