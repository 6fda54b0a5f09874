#!/bin/sh
# A Definition of Done per item type: definition_of_done in docket.yaml
# as a mapping of experiment, bau, improvement and default; a business-
# as-usual landing page is not asked for "Results recorded".
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a Definition of Done for bau and improvement, the default for the rest' '
	new_repo b && docket -C b init 2>/dev/null &&
	sed -i "/^definition_of_done:/d" b/docket.yaml &&
	printf "%s\n" "definition_of_done:" \
		"  default: [Copy reviewed, Results recorded]" \
		"  bau: [Copy reviewed]" \
		"  improvement: [Change agreed by the team]" >>b/docket.yaml &&
	git -C b commit -qam "DoD per type" &&
	docket -C b check >/dev/null
'

test_expect 'new: each type gets its own boxes, experiments the default' '
	docket -C b new "Landing page for the subscription" --type bau --set effort=2 \
		--set customer_value=5 --set business_value=6 >/dev/null 2>&1 &&
	docket -C b new "Shorter approval loop" --type improvement >/dev/null 2>&1 &&
	docket -C b new "Launch email" >/dev/null 2>&1 &&
	sed -n "/^## Definition of Done$/,\$p" b/backlog/MKT-1.md >got &&
	printf "%s\n" "## Definition of Done" "- [ ] Copy reviewed" >want && test_cmp want got &&
	sed -n "/^## Definition of Done$/,\$p" b/backlog/MKT-2.md >got &&
	printf "%s\n" "## Definition of Done" "- [ ] Change agreed by the team" >want && test_cmp want got &&
	sed -n "/^## Definition of Done$/,\$p" b/backlog/MKT-3.md >got &&
	printf "%s\n" "## Definition of Done" "- [ ] Copy reviewed" "- [ ] Results recorded" >want &&
	test_cmp want got
'

test_expect 'followup makes an experiment: the experiment list (here the default)' '
	docket -C b followup MKT-3 "Launch email, second try" >/dev/null 2>&1 &&
	grep -x -- "- \[ \] Results recorded" b/backlog/MKT-4.md
'

test_expect 'an experiment list of its own replaces the default for experiments only' '
	printf "%s\n" "  experiment: [Hypothesis written, Results recorded]" >>b/docket.yaml &&
	git -C b commit -qam "experiment DoD" &&
	docket -C b new "Podcast test" >/dev/null 2>&1 &&
	sed -n "/^## Definition of Done$/,\$p" b/backlog/MKT-5.md >got &&
	printf "%s\n" "## Definition of Done" "- [ ] Hypothesis written" "- [ ] Results recorded" >want &&
	test_cmp want got &&
	docket -C b new "Price page" --type bau >/dev/null 2>&1 &&
	! grep -q "Results recorded" b/backlog/MKT-6.md
'

test_expect 'done asks for the boxes of the item'"'"'s own list only' '
	docket -C b start MKT-1 >/dev/null 2>&1 &&
	expect_code 1 docket -C b done MKT-1 2>err &&
	grep -q "first: .Copy reviewed." err &&
	docket -C b tick MKT-1 1 >/dev/null 2>&1 &&
	docket -C b done MKT-1 >/dev/null 2>&1 &&
	grep -x "status: done" b/backlog/MKT-1.md &&
	docket -C b check >/dev/null
'

test_expect 'a type without a list and no default: no boxes' '
	sed -i "/^  default:/d; /^  experiment:/d" b/docket.yaml &&
	git -C b commit -qam "no default" &&
	docket -C b new "Webinar" >/dev/null 2>&1 &&
	! grep -q "Definition of Done" b/backlog/MKT-7.md
'

test_expect 'an unknown type in the mapping is a config error at its line and column' '
	printf "%s\n" "  launch: [Press kit]" >>b/docket.yaml &&
	line=$(grep -n "^  launch:" b/docket.yaml | cut -d: -f1) &&
	expect_code 1 docket -C b check >out 2>&1 &&
	grep -q "^docket.yaml:$line:3: error: definition_of_done: .launch. is not an item type (use experiment, bau, improvement or default)" out
'
test_done
