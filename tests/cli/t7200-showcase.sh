#!/bin/sh
# docket showcase: the Team Showcase of a cycle of the cycles fixture,
# as Markdown and as a self-contained, escaped HTML page.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-05

test_expect 'setup' '
	cp -R "$DOCKET_TESTS/fixtures/cycles" b &&
	(cd b && git init -q && git add -A && git commit -qm fixture)
'

# section NAME < md: the lines of one "## NAME" section
section() {
	awk -v s="## $1" '$0 == s { on = 1; next } /^## / { on = 0 } on && NF'
}

test_expect 'committed vs completed, and what shipped by the cycle end' '
	docket -C b showcase 2026-10 >out &&
	head -1 out | grep -x "# Team Showcase: cycle 2026-10" &&
	section "Committed vs completed" <out | grep -x "Committed 3 items (effort 10); completed 2 (effort 8): say/do 80%." &&
	section "What shipped" <out >got &&
	test "$(grep -c "^- " got)" = 2 &&
	grep -q "^- \*\*MKT-1\*\* Video teaser" got &&
	! grep -q MKT-3 got &&
	section "Carried over" <out | grep -x "\- \*\*MKT-3\*\* Landing page headline test (done since) to 2026-11" &&
	! grep -q "^## Committed, not completed" out
'

test_expect 'a carried-over item ships in the cycle that carried it' '
	docket -C b showcase 2026-11 >out &&
	section "What shipped" <out | grep -x "\- \*\*MKT-3\*\* Landing page headline test (experiment, effort 2, finished 2026-11-05) (carried over)"
'

test_expect 'experiment results: hypothesis, metric, target, actual, result' '
	docket -C b showcase 2026-11b >out &&
	section "Experiment results" <out | grep -x "| MKT-7 | A short piece brings more qualified leads than the email | qualified leads | 50 | 64 | won |"
'

test_expect 'stopped items and why' '
	docket -C b showcase 2026-11 >out &&
	section "Stopped" <out | grep -x "\- \*\*MKT-5\*\* Podcast sponsorship: The podcast paused its season"
'

test_expect 'follow-ups point at this cycle'"'"'s items' '
	docket -C b showcase 2026-11b >out &&
	section "Follow-ups" <out | grep -x "\- \*\*MKT-23\*\* Second carousel for first-time buyers follows MKT-7 (idea)"
'

test_expect 'improvements: the cycle file section and improvement items' '
	docket -C b showcase >out &&
	head -1 out | grep -x "# Team Showcase: cycle 2026-12" &&
	section "Improvements" <out >got &&
	grep -x "\- Review the DoD with legal" got &&
	grep -x "\- \*\*MKT-22\*\* Fewer approval steps for social posts (doing)" got
'

test_expect 'html: one page, every text escaped, no script or external asset' '
	printf "%s\n" "---" "id: MKT-30" "title: \"<script>alert(1)</script> & co\"" "status: done" \
		"type: bau" "effort: 1" "customer_value: 1" "business_value: 1" "cycle: 2026-12" \
		"finished: 2026-12-04" "---" >b/backlog/MKT-30.md &&
	docket -C b showcase --format html >page.html &&
	xmllint --html --noout page.html 2>lint; test ! -s lint &&
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" page.html &&
	! grep -qi "<script" page.html &&
	grep -q "The &lt;b&gt;demo&lt;/b&gt; went well &amp; fast." page.html &&
	! grep -Eqi "(src|href)=" page.html &&
	grep -q "<td class=\"lost\">lost</td>" page.html &&
	rm b/backlog/MKT-30.md
'

test_expect 'md escapes item text that would change the markup' '
	printf "%s\n" "---" "id: MKT-31" "title: \"a | b *c* [x](javascript:y)\"" "status: stopped" \
		"stop_reason: no" "effort: 1" "cycle: 2026-12" "finished: 2026-12-04" "---" >b/backlog/MKT-31.md &&
	docket -C b showcase >out &&
	grep -F -x -e "- **MKT-31** a \\| b \\*c\\* \\[x\\](javascript:y): no (unplanned)" out &&
	rm b/backlog/MKT-31.md
'

test_expect 'bad format or cycle: exit 2' '
	expect_code 2 docket -C b showcase --format pdf 2>err && grep -q "md, html or json" err &&
	expect_code 2 docket -C b showcase nope 2>err && grep -q "no cycle nope" err
'
test_done
