#!/bin/sh
# docket report: the cycle figures of the cycles fixture as of 2026-12-05
# (worked out by hand in tests/unit/test_metrics.c).
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-05

test_expect 'setup' '
	cp -R "$DOCKET_TESTS/fixtures/cycles" b &&
	(cd b && git init -q && git add -A && git commit -qm fixture)
'

test_expect 'json: per cycle committed, completed, say/do, velocity' '
	docket -C b report --format json >r.json &&
	jq -e ".today == \"2026-12-05\" and (.cycles | length) == 4" r.json &&
	jq -e ".cycles[0] | .name == \"2026-10\" and .state == \"closed\" and .committed.items == 3 and .committed.effort == 10 and .completed.items == 2 and .completed.effort == 8 and .say_do == 0.8 and .velocity == 8" r.json &&
	jq -e ".cycles[1] | .completed.effort == 7 and .committed.effort == 15" r.json &&
	jq -e ".cycles[2] | .say_do == 1 and .bau_effort == 3" r.json &&
	jq -e ".cycles[3] | .state == \"current\" and .velocity == 1" r.json
'

test_expect 'json: predictability, throughput, cycle time, win rate, BAU share' '
	jq -e ".predictability | .cycles == 3 and (.say_do_mean * 1000 | round) == 756 and (.say_do_sd * 1000 | round) == 220" r.json &&
	jq -e ".throughput | .items == 6 and .days == 42 and .per_cycle == 2 and .per_week == 1" r.json &&
	jq -e ".cycle_time | .items == 7 and .median_days == 7 and .p85_days == 11" r.json &&
	jq -e ".experiments | .won == 3 and .lost == 2 and .inconclusive == 1 and .win_rate == 0.6" r.json &&
	jq -e ".bau_share | .open_bau == 1 and .open == 15 and (.completed_effort * 23 | round) == 3" r.json
'

test_expect 'json: the forecast in cycles and as a date' '
	jq -e ".forecast | .open_effort == 38 and .unestimated_items == 2 and .velocity_source == \"measured\" and .velocity_cycles == 3 and .cycles == 5 and .start == \"2026-11-30\" and .end == \"2027-02-07\"" r.json
'

test_expect 'text: one row per cycle and the summary sentences' '
	docket -C b report >out &&
	grep -E "^cycle +start +end +state +committed +added +completed +learned +stopped +carried +unplanned +say/do +velocity +done$" out &&
	grep -E "^2026-10 +2026-10-19 +2026-11-01 +closed +3 \(10\) +0 \(0\) +2 \(8\) +0 \(0\) +0 \(0\) +1 \(2\) +0 \(0\) +80% +8 +2$" out &&
	grep -E "^2026-11 +.* closed +3 \(15\) +0 \(0\) +2 \(7\) +0 \(0\) +1 \(8\) +0 \(0\) +0 \(0\) +47% +7 +2$" out &&
	grep -E "^2026-11b .* 100% " out &&
	grep -x "Predictability  say/do 76% on average, spread 22 points (standard deviation), over 3 closed cycles" out &&
	grep -x "Throughput      2 items done per cycle, 1 per week (6 items in 3 closed cycles)" out &&
	grep -x "Cycle time      median 7 days, 85th percentile 11 days, started to finished (7 done items)" out &&
	grep -x "Win rate        60% of decided experiments won (3 won, 2 lost; 1 inconclusive)" out &&
	grep -x "BAU share       13% of the closed cycles'"'"' completed effort; 7% of open items (1 of 15)" out &&
	grep "^Forecast        at this pace the open backlog takes 5 cycles, from 2026-11-30 until 2027-02-07 " out &&
	grep -x "Capacity        8 suggested for the next cycle: the median velocity of the last 3 closed cycles (8, 7, 8, most recent first)" out
'

test_expect 'md: a table and a summary list' '
	docket -C b report --format md >out.md &&
	grep -x "| 2026-10 | 2026-10-19 | 2026-11-01 | closed | 3 (10) | 0 (0) | 2 (8) | 0 (0) | 0 (0) | 1 (2) | 0 (0) | 80% | 8 | 2 |" out.md &&
	grep -q "^- \*\*Forecast\*\*: at this pace the open backlog takes 5 cycles" out.md
'

test_expect 'no per-person figure: authors and requesters never appear' '
	sed -i "s/^title: Monthly newsletter$/&\nrequested_by: Retail banking/" b/backlog/MKT-6.md &&
	docket -C b report --format json >r2.json &&
	! grep -q "Retail banking" r2.json &&
	! grep -qi "Dana" r2.json &&
	git -C b checkout -q -- backlog/MKT-6.md
'

test_expect 'a later day closes the current cycle' '
	DOCKET_TODAY=2026-12-14 docket -C b report --format json >later.json &&
	jq -e ".cycles[3].state == \"closed\" and .predictability.cycles == 4" later.json
'

test_expect 'a backlog without cycles: the forecast uses cycle.capacity' '
	new_repo e && docket -C e init 2>/dev/null &&
	printf "%s\n" "---" "id: MKT-1" "title: a" "status: idea" "effort: 30" "---" >e/backlog/MKT-1.md &&
	docket -C e report >out &&
	grep -q "No cycle files yet" out &&
	docket -C e report --format json | jq -e ".forecast | .velocity_source == \"config\" and .cycles == 2 and .start == \"2026-12-05\" and .end == \"2027-01-01\""
'

test_expect 'an unreadable item is named and the exit status is 1' '
	printf "%s\n" "---" "id: [" "---" >b/backlog/MKT-40.md &&
	expect_code 1 docket -C b report >/dev/null 2>err &&
	grep -q "MKT-40.md" err &&
	rm b/backlog/MKT-40.md
'

test_expect 'missing started and finished dates come from git history' '
	new_repo h && docket -C h init 2>/dev/null &&
	printf "%s\n" "---" "name: c1" "start: 2026-11-02" "end: 2026-11-15" "committed: [MKT-1]" "---" >cyc &&
	mkdir -p h/backlog/cycles && cp cyc h/backlog/cycles/c1.md &&
	item() { printf "%s\n" "---" "id: MKT-1" "title: a" "type: bau" "status: $1" "effort: 3" "---" >h/backlog/MKT-1.md; } &&
	item ready && git -C h add -A &&
	GIT_AUTHOR_DATE=2026-11-01T10:00:00Z git -C h commit -qm ready &&
	item doing && GIT_AUTHOR_DATE=2026-11-03T10:00:00Z git -C h commit -qam start &&
	item done && GIT_AUTHOR_DATE=2026-11-09T10:00:00Z git -C h commit -qam done &&
	docket -C h report --format json >h.json &&
	jq -e ".cycle_time | .items == 1 and .median_days == 6" h.json &&
	jq -e ".cycles[0] | .completed.effort == 3 and .throughput == 1" h.json &&
	test -z "$(git -C h status --porcelain)"
'

test_expect '--explain gives every formula, word for word as docs/cycles.md' '
	docket -C b report --explain --format json >x.json &&
	test "$(jq ".explain | length" x.json)" -ge 18 &&
	jq -r ".explain | to_entries[] | \"| \\(.key) | \\(.value) |\"" x.json >rows &&
	while read -r row; do
		grep -F -x -q -- "$row" "$DOCKET_TESTS/../docs/cycles.md" || { echo "not in docs/cycles.md: $row"; exit 1; }
	done <rows &&
	docket -C b report --explain >x.txt &&
	grep -q "^How the figures are computed (docs/cycles.md):$" x.txt &&
	grep -q "^  velocity        completed effort + unplanned effort (learned effort is shown beside it, not in it)$" x.txt &&
	docket -C b report --explain --format md | grep -q "^## How the figures are computed$"
'

test_expect 'bad format: exit 2' '
	expect_code 2 docket -C b report --format xml 2>err && grep -q "text, md or json" err
'
test_done
