#!/bin/sh
# burnup with a due date (campaigns: in docket.yaml): the date drawn, the
# projection at the recent pace with its range, and in words whether the
# scope is reachable by then, in text, JSON and SVG.  Every figure is
# worked out by hand below (cycles of 14 days: the pace is measured over
# the last 42).
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-20

# item ID CAMPAIGN STATUS EFFORT
item() {
	printf -- "---\nid: %s\ntitle: Item %s\ntype: bau\nstatus: %s\neffort: %s\ncustomer_value: 2\nbusiness_value: 3\ncampaign: %s\n---\n" \
		"$1" "$1" "$3" "$4" "$2" >"b/backlog/$1.md"
}
# on DATE MESSAGE: commit everything, dated
on() {
	git -C b add -A && GIT_AUTHOR_DATE="${1}T10:00:00Z" GIT_COMMITTER_DATE="${1}T10:00:00Z" git -C b commit -qm "$2"
}

test_expect 'setup: coffee (6 x 3) and tea (4 x 2) from 2026-10-01' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf "campaigns:\n  coffee: { due: 2026-12-20 }\n  tea: { due: 2026-12-31 }\n  cocoa: { due: 2026-11-25 }\nrules:\n  bau-share: off\n" >>b/docket.yaml &&
	for i in 1 2 3 4 5 6; do item MKT-$i coffee ready 3; done &&
	for i in 7 8 9 10; do item MKT-$i tea ready 2; done &&
	on 2026-10-01 "Add the campaigns" &&
	item MKT-1 coffee done 3 && on 2026-10-11 "Done 1" &&
	item MKT-2 coffee done 3 && on 2026-10-12 "Done 2" &&
	item MKT-3 coffee done 3 && on 2026-10-13 "Done 3" &&
	item MKT-7 tea done 2 && on 2026-10-15 "Done 7" &&
	item MKT-8 tea done 2 && on 2026-10-29 "Done 8" &&
	item MKT-4 coffee done 3 && on 2026-11-05 "Done 4" &&
	item MKT-9 tea done 2 && on 2026-11-12 "Done 9"
'

# coffee on 2026-11-20: scope 18, completed 12, remaining 6.  The window:
# 2026-10-09 to 2026-11-20, 42 days, 12 completed: 12/42 a day.  Its
# cycles: 11-06..11-20 nothing (0), 10-23..11-06 3 (3/14), 10-09..10-23
# 9 (9/14).  Finish: 6 / (12/42) = 21 days, 2026-12-11; at the fastest
# 6 / (9/14) = 9.33, 10 days, 2026-11-30; at the slowest never.  Due
# 2026-12-20: reachable at the recent pace, not at the slowest.
test_expect 'json: the due date and the projection, figure by figure' '
	docket -C b burnup coffee --format json >c.json &&
	jq -e ".due == \"2026-12-20\"" c.json &&
	jq -e ".projection | .window_days == 42 and .remaining == 6 and .slowest == 0" c.json &&
	jq -e ".projection | (.pace * 42 | round) == 12 and (.fastest * 14 | round) == 9" c.json &&
	jq -e ".projection | .date == \"2026-12-11\" and .earliest == \"2026-11-30\" and .latest == null" c.json &&
	jq -e ".projection | .verdict == \"reachable\" and .words == \"reachable by the due date at the recent pace, not at the slowest\"" c.json
'

test_expect 'text: the chart runs to the due date with the projection, and says it in words' '
	docket -C b burnup coffee >c.txt &&
	head -1 c.txt | grep -x "Burn-up of campaign coffee, 2026-10-01 to 2026-12-20 (effort)" &&
	grep -q "┊" c.txt && grep -q "·" c.txt &&
	grep -q "· projection at the recent pace   ┊ due date" c.txt &&
	grep -x "On 2026-11-20: scope 18, completed 12 (67%); 6 items." c.txt &&
	grep -x "Due 2026-12-20, in 30 days: 6 remaining." c.txt &&
	grep -x "Projection: at the recent pace (0.29 a day over the last 42 days; 0 to 0.64 by cycle) the scope is done on 2026-12-11 (from 2026-11-30; never at the slowest pace)." c.txt &&
	grep -x "By 2026-12-20: reachable by the due date at the recent pace, not at the slowest." c.txt
'

test_expect 'svg: the due date line, the dashed projection, its range, the words' '
	docket -C b burnup coffee --format svg >c.svg &&
	xmllint --noout c.svg &&
	grep -q "stroke=\"#cc3333\"" c.svg &&
	grep -q ">2026-12-20</text>" c.svg &&
	test "$(grep -c "stroke-dasharray" c.svg)" = 1 &&
	grep -q "stroke-opacity=\"0.6\"" c.svg &&
	grep -q "done on 2026-12-11; due 2026-12-20: reachable by the due date at the recent pace, not at the slowest" c.svg
'

# tea: 2 done every 14 days (10-15, 10-29, 11-12): scope 8, completed 6,
# remaining 2.  Pace 6/42 = 1/7, each cycle 2/14 = 1/7: finish in 14
# days at every pace, 2026-12-04; due 2026-12-31: on track.
test_expect 'a steady pace: on track, even at the slowest' '
	docket -C b burnup tea --format json >t.json &&
	jq -e ".projection | (.pace * 7 | round) == 1 and .slowest == .fastest and .date == \"2026-12-04\" and .earliest == \"2026-12-04\" and .latest == \"2026-12-04\"" t.json &&
	jq -e ".projection.verdict == \"on-track\"" t.json &&
	docket -C b burnup tea | grep -x "By 2026-12-31: reachable by the due date, even at the slowest recent pace."
'

test_expect 'out of reach: not even the fastest pace makes it' '
	sed -i "s/tea: { due: 2026-12-31 }/tea: { due: 2026-11-25 }/" b/docket.yaml &&
	docket -C b burnup tea --format json | jq -e ".projection.verdict == \"out-of-reach\"" &&
	docket -C b burnup tea | grep -q "^By 2026-11-25: not reachable by the due date, not even at the fastest recent pace: cut the scope or move the date.$" &&
	git -C b checkout -q docket.yaml
'

test_expect 'done: nothing remains; no due date: the projection alone' '
	item MKT-5 coffee stopped 3 && item MKT-6 coffee done 3 &&
	printf "stop_reason: no\n" >/dev/null &&
	sed -i "s/^status: stopped$/status: stopped\nstop_reason: dropped/" b/backlog/MKT-5.md &&
	on 2026-11-19 "Close coffee" &&
	docket -C b burnup coffee --format json | jq -e ".projection.verdict == \"done\" and .projection.remaining == 0" &&
	docket -C b burnup coffee | grep -x "The scope is done." &&
	sed -i "/coffee: { due/d" b/docket.yaml &&
	docket -C b burnup coffee --format json | jq -e ".due == null and .projection.verdict == \"done\"" &&
	sed -i "/tea: { due/d" b/docket.yaml &&
	docket -C b burnup tea --format json | jq -e ".due == null and .projection.verdict == \"no-due-date\" and .projection.date == \"2026-12-04\"" &&
	docket -C b burnup tea >t.txt &&
	! grep -q "^Due \|^Projection\|┊" t.txt &&
	head -1 t.txt | grep -x "Burn-up of campaign tea, 2026-10-01 to 2026-11-20 (effort)" &&
	git -C b checkout -q docket.yaml
'

test_expect 'a bad due date is a config error at its line' '
	sed -i "s/cocoa: { due: 2026-11-25 }/cocoa: { due: soon }/" b/docket.yaml &&
	expect_code 1 docket -C b check >out 2>&1 &&
	grep -q "docket.yaml:.*campaign .cocoa.: due must be a date YYYY-MM-DD \[config\]" out &&
	git -C b checkout -q docket.yaml
'
test_done
