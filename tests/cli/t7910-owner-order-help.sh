#!/bin/sh
# docket help owner-order, which a refused pull request points to, names
# the way out it is built for (docket approve) and the case of a backlog
# without owners, as the finding itself does.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'help owner-order names docket approve and the backlog without owners' '
	docket help owner-order >h &&
	tr "\n" " " <h >h1 &&
	grep -q "run docket approve on the branch" h1 &&
	grep -q "With no owners: in docket.yaml nobody may change ORDER" h1 &&
	grep -q "taking done or stopped items out is allowed" h1
'

test_expect 'the finding and the help agree on the way out' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	printf "owners:\n  - name: Dana Reyes\n    email: dana@example.com\n" >>r/docket.yaml &&
	git -C r commit -qam owners && git -C r branch base &&
	docket -C r -q new "Teaser" >/dev/null &&
	GIT_AUTHOR_NAME=Sam GIT_AUTHOR_EMAIL=sam@example.com \
		docket -C r move MKT-1 --top 2>/dev/null &&
	expect_code 1 docket -C r check --base base >out &&
	grep -q "docket approve" out &&
	expect_code 1 docket -C r check --base base --format sarif >s.json &&
	python3 -c "
import json, sys
s = json.load(open(\"s.json\"))
rules = {r[\"id\"]: r for r in s[\"runs\"][0][\"tool\"][\"driver\"][\"rules\"]}
sys.exit(\"docket approve\" not in rules[\"owner-order\"][\"fullDescription\"][\"text\"])"
'

test_done
