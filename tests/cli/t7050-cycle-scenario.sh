#!/bin/sh
# Three two-week launch cycles of a coffee subscription launch, run as a
# team runs them: an item carried over from cycle 1, an item added in the
# middle of cycle 2, an unplanned item finished in cycle 2, an improvement
# item carried into cycle 3 and planned first, and an experiment stopped
# in cycle 3 with a result, then followed up.  Every figure `report
# --format json` gives is checked against the values worked out by hand
# below; showcase, huddle and the HTML export must show each of those
# items where it belongs.
. "$DOCKET_TESTS/cli/lib.sh"

# at DATE: today, and the date of the commits made now
at() {
	export DOCKET_TODAY="$1" GIT_AUTHOR_DATE="${1}T10:00:00Z" GIT_COMMITTER_DATE="${1}T10:00:00Z"
}

# item N TITLE TYPE STATUS EFFORT [EXTRA LINES...]
item() {
	n=$1 t=$2 ty=$3 st=$4 e=$5
	shift 5
	{
		printf "%s\n" "---" "id: MKT-$n" "title: $t" "type: $ty" "status: $st" "effort: $e" \
			"customer_value: 6" "business_value: 7" "campaign: coffee" "created: 2027-01-02"
		if [ "$ty" = experiment ]; then
			printf "%s\n" "hypothesis: It brings subscribers" "metric: subscribers" "target: 50"
		fi
		for l in "$@"; do printf "%s\n" "$l"; done
		printf "%s\n" "---" "What we will try."
	} >"b/backlog/MKT-$n.md"
}

C1=2027-01-04 C2=2027-01-18 C3=2027-02-01

test_expect 'setup: the coffee launch backlog, ranked' '
	at 2027-01-03 &&
	new_repo b && docket -C b init 2>/dev/null &&
	printf "campaigns:\n  coffee: { due: 2027-02-26 }\n" >>b/docket.yaml &&
	item 1 "Landing page for the subscription" bau ready 3 "mvl: true" &&
	item 2 "Launch email to the newsletter" experiment ready 2 &&
	item 3 "Instagram teaser video" experiment ready 5 &&
	item 9 "Shorter approval loop for posts" improvement ready 1 &&
	item 4 "Tasting event in the flagship store" experiment ready 3 &&
	item 5 "Influencer unboxing" experiment ready 3 &&
	item 10 "Price page A/B test" experiment ready 3 &&
	item 7 "Podcast sponsorship" experiment ready 5 &&
	item 12 "Gift card page" bau ready 2 &&
	item 11 "Barista video series" experiment idea 4 &&
	item 13 "Loyalty stamps" experiment idea 1 &&
	sed -i "/^effort: 1$/d" b/backlog/MKT-13.md &&
	printf "%s\n" "# Minimally viable launch" MKT-1 "" "# Next" MKT-2 MKT-3 MKT-9 MKT-4 MKT-5 MKT-10 MKT-7 MKT-12 >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm "The coffee launch backlog" &&
	docket -C b check >/dev/null
'

# Cycle 1, 2027-01-04 to 2027-01-17: capacity 10 takes MKT-1 (3), MKT-2
# (2), MKT-3 (5).  MKT-2 and MKT-1 are done; MKT-3 is still doing at the
# end (2 left).
test_expect 'cycle 1: planned on its first day, named after its start date' '
	at $C1 &&
	docket -C b plan --capacity 10 --apply >plan1 2>err &&
	head -1 plan1 | grep -x "Cycle 2027-01-04: 2027-01-04 to 2027-01-17 (14 days), a new cycle" &&
	grep -x "committed: \[MKT-1, MKT-2, MKT-3\]" b/backlog/cycles/2027-01-04.md
'

test_expect 'cycle 1: the work' '
	at 2027-01-05 && docket -C b start MKT-1 2>/dev/null && docket -C b start MKT-2 2>/dev/null &&
	at 2027-01-06 && docket -C b start MKT-3 2>/dev/null &&
	at 2027-01-08 && docket -C b done MKT-2 --result won --actual 61 2>/dev/null &&
	at 2027-01-12 && docket -C b done MKT-1 2>/dev/null &&
	at 2027-01-15 && docket -C b set MKT-3 remaining=2 2>/dev/null &&
	git_clean b
'

test_expect 'cycle 1, day 5: the huddle judges the pace from the third working day on' '
	at 2027-01-08 &&
	docket -C b huddle --format json >h.json &&
	jq -e ".pace.judged == true and .pace.source == \"capacity\" and .pace.per_working_day == 1" h.json &&
	at 2027-01-05 &&
	docket -C b huddle --format json | jq -e ".pace.judged == false and .at_risk == 0"
'

# Cycle 2, 2027-01-18 to 2027-01-31: the median velocity so far is cycle
# 1's 5; the team plans 6.  MKT-3 is carried over (2 left), then MKT-9 (1)
# and MKT-4 (3) from ORDER.
test_expect 'cycle 2: plan carries MKT-3 over with its remaining effort, and suggests 5' '
	at $C2 &&
	docket -C b plan >plan2 2>/dev/null &&
	grep -x "Capacity 5: the velocity of the last closed cycle (5)" plan2 &&
	docket -C b plan --capacity 6 --apply >plan2 2>/dev/null &&
	grep -E "^carry MKT-3 +5  carried over, remaining 2 " plan2 &&
	grep -x "committed: \[MKT-3, MKT-9, MKT-4\]" b/backlog/cycles/2027-01-18.md &&
	grep -x "status: doing" b/backlog/MKT-3.md &&
	grep -x "cycle: \"2027-01-18\"" b/backlog/MKT-3.md
'

# MKT-3 is finished; MKT-14, never planned, is started and finished; MKT-5
# is added on 2027-01-25 (day 8) and finished; MKT-4 is finished; the
# improvement MKT-9 is started and not finished.  Adding MKT-5 (3) to the
# 4 left of MKT-9 and MKT-4 goes over the capacity of 6: refused, until
# the team, well ahead, raises the cycle's capacity to 8 by hand.
test_expect 'cycle 2: the work, an unplanned item and an item added mid-cycle' '
	at 2027-01-19 && docket -C b start MKT-4 2>/dev/null &&
	at 2027-01-20 && docket -C b done MKT-3 --result won --actual 70 2>/dev/null &&
	at 2027-01-21 &&
	docket -C b new "Referral code test" --set effort=2 --set customer_value=8 --set business_value=8 \
		--set "hypothesis=Friends bring friends" --set metric=posts --set target=100 \
		--set campaign=coffee --set status=ready 2>/dev/null &&
	test -f b/backlog/MKT-14.md &&
	docket -C b start MKT-14 2>/dev/null &&
	at 2027-01-22 && docket -C b done MKT-14 --result won --actual 412 2>/dev/null &&
	at 2027-01-25 &&
	expect_code 1 docket -C b plan --add MKT-5 2>err &&
	grep -q "cycle 2027-01-18 would commit 7 points of remaining effort, over its capacity of 6" err &&
	grep -x "capacity: 6" b/backlog/cycles/2027-01-18.md &&
	sed -i "s/^capacity: 6$/capacity: 8/" b/backlog/cycles/2027-01-18.md &&
	git -C b commit -qam "Room for the unboxing: we are ahead" &&
	docket -C b plan --add MKT-5 >/dev/null 2>err &&
	grep -q "Change the scope of cycle 2027-01-18: add MKT-5" err &&
	git -C b log -1 --format=%b | grep -q "^Scope change of 2027-01-18 on 2027-01-25, day 8 of the cycle" &&
	at 2027-01-26 && docket -C b start MKT-5 2>/dev/null &&
	at 2027-01-27 && docket -C b start MKT-9 2>/dev/null &&
	at 2027-01-28 && docket -C b done MKT-4 --result won --actual 55 2>/dev/null &&
	at 2027-01-29 && docket -C b done MKT-5 --result inconclusive 2>/dev/null &&
	git_clean b && docket -C b check >/dev/null
'

test_expect 'cycle 2, mid-way: the huddle shows the carried, added and unplanned cards' '
	at 2027-01-29 &&
	docket -C b huddle --format json >h2.json &&
	jq -e "[.cards[] | select(.id == \"MKT-3\") | .column, .carried_in] == [\"done\", true]" h2.json &&
	jq -e "[.cards[] | select(.id == \"MKT-5\") | .column, .scope, .added] == [\"done\", \"added\", \"2027-01-25\"]" h2.json &&
	jq -e "[.cards[] | select(.id == \"MKT-14\") | .column, .scope] == [\"done\", \"unplanned\"]" h2.json &&
	jq -e "[.cards[] | select(.id == \"MKT-9\") | .column, .scope] == [\"doing\", \"committed\"]" h2.json &&
	docket -C b huddle >h2.txt &&
	grep -q "MKT-14 .*\[unplanned\]" h2.txt &&
	grep -q "MKT-5 .*\[added 2027-01-25\]" h2.txt &&
	grep -q "MKT-3 .*\[carried over\]" h2.txt &&
	grep -x "Scope: 1 carried over, 1 added after the start, 1 unplanned" h2.txt
'

test_expect 'cycle 2, mid-way: the HTML export marks them on the board' '
	at 2027-01-29 &&
	docket -C b export html -o "$TRASH/site2" -q &&
	python3 - "$TRASH/site2/index.html" <<-\PY
	import re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	board = html[html.index("<section id=\"board\">"):html.index("<section id=\"cycles\">")]
	tiles = board.split("<div class=\"tile")[1:]
	def tile(id):
	    t = [x for x in tiles if "items/" + id + ".html" in x]
	    assert len(t) == 1, id
	    return t[0]
	assert "scope unplanned" in tile("MKT-14"), tile("MKT-14")
	assert "added after the start" in tile("MKT-5")
	assert "carried over" in tile("MKT-3")
	PY
'

# Cycle 3, 2027-02-01 to 2027-02-14: the median velocity of cycles 1 and
# 2 (5 and 13) is 9.  The improvement MKT-9 is carried first (1 left),
# then MKT-10 (3) and MKT-7 (5).
test_expect 'cycle 3: the unfinished improvement comes first, and plan says so' '
	at $C3 &&
	docket -C b plan --apply >plan3 2>/dev/null &&
	grep -x "Capacity 9: the median velocity of the last 2 closed cycles (13, 5, most recent first)" plan3 &&
	grep -q "the 1 improvement item of the Team Improvement first" plan3 &&
	grep "^carry" plan3 | head -1 | grep -E "^carry MKT-9 +1  carried over, remaining 1, improvement first " &&
	grep -x "committed: \[MKT-9, MKT-10, MKT-7\]" b/backlog/cycles/2027-02-01.md
'

# MKT-9 done; MKT-7 blocked, then stopped with a result (lost); its
# follow-up MKT-15 is added on 2027-02-08 and done; MKT-10 done (lost).
test_expect 'cycle 3: a failing experiment stopped with a result, and followed up' '
	at 2027-02-02 && docket -C b done MKT-9 2>/dev/null &&
	docket -C b start MKT-10 2>/dev/null && docket -C b start MKT-7 2>/dev/null &&
	at 2027-02-04 && docket -C b block MKT-7 --reason "The podcast network paused its ad slots" 2>/dev/null &&
	at 2027-02-08 &&
	docket -C b stop MKT-7 --reason "No slots before the launch" --result lost 2>/dev/null &&
	docket -C b followup MKT-7 "Newsletter sponsorship instead" 2>/dev/null &&
	grep -x "follows: MKT-7" b/backlog/MKT-15.md &&
	docket -C b set MKT-15 effort=2 customer_value=7 business_value=7 "hypothesis=Newsletters reach coffee lovers" \
		metric=subscribers target=30 status=ready 2>/dev/null &&
	docket -C b plan --add MKT-15 >/dev/null 2>&1 &&
	at 2027-02-09 && docket -C b start MKT-15 2>/dev/null &&
	at 2027-02-10 && docket -C b done MKT-10 --result lost --actual 12 2>/dev/null &&
	at 2027-02-11 && docket -C b done MKT-15 --result won --actual 41 2>/dev/null &&
	git_clean b && docket -C b check >/dev/null
'

# ---------------------------------------------------------------------
# The report on 2027-02-15, every figure by hand.
#
# cycle 1: committed MKT-1 3, MKT-2 2, MKT-3 5 = 3 items, 10.  Completed
#   MKT-2 (01-08) and MKT-1 (01-12): 2, 5.  MKT-3 is not finished by
#   01-17 and cycle 2 commits it: carried over 1, 5.  say/do 5/10 = 0.5;
#   velocity 5; bau MKT-1 3; done in the period (01-04..01-17): 2.
# cycle 2: committed MKT-3 5, MKT-9 1, MKT-4 3 = 3, 9.  Added MKT-5 3 on
#   01-25.  Completed MKT-3 (01-20), MKT-4 (01-28), MKT-5 (01-29): 3, 11.
#   Unplanned MKT-14 (01-22): 1, 2.  MKT-9 is carried over: 1, 1.
#   say/do (5 + 3) / 9; velocity 11 + 2 = 13; done in the period: MKT-3,
#   MKT-14, MKT-4, MKT-5 = 4.
# cycle 3: committed MKT-9 1, MKT-10 3, MKT-7 5 = 3, 9.  Added MKT-15 2
#   on 02-08.  Completed MKT-9, MKT-10, MKT-15: 3, 6.  Learned (and
#   stopped) MKT-7: 1, 5.  say/do (1 + 3 + 5) / 9 = 1; velocity 6; done
#   in the period: MKT-9, MKT-10, MKT-15 = 3.
# predictability: say/do 0.5, 0.888..., 1: mean 0.7963, sd 0.2144.
# capacity: the median of 6, 13, 5 (most recent first): 6.
# throughput: 9 items in 3 cycles, 42 days: 3 a cycle, 1.5 a week.
# cycle time (started to finished): MKT-2 3, MKT-1 7, MKT-3 14, MKT-14 1,
#   MKT-4 9, MKT-5 3, MKT-9 6, MKT-10 8, MKT-15 2: sorted 1 2 3 3 6 7 8 9
#   14, median 6, 85th percentile (rank ceil(7.65) = 8) 9.
# experiments done: won MKT-2, 3, 6, 4, 8 (5); lost MKT-10 (1);
#   inconclusive MKT-5 (1): win rate 5/6.
# BAU share: MKT-1's 3 of the velocities 5 + 13 + 6 = 24: 0.125; open
#   items MKT-11, MKT-12 (bau), MKT-13: 1 of 3.
# forecast: open effort 4 + 2 = 6 in 2 items (MKT-13 has none) / 6 = 1
#   cycle, from today (no cycle is current) 2027-02-15 to 2027-02-28.
# ---------------------------------------------------------------------

test_expect 'report: cycle 1, figure by figure' '
	at 2027-02-15 &&
	docket -C b report --format json >r.json &&
	jq -e ".today == \"2027-02-15\" and (.cycles | length) == 3" r.json &&
	# every key is asserted below, and there is no other
	jq -e "keys == [\"bau_share\", \"capacity\", \"cycle_time\", \"cycles\", \"experiments\", \"forecast\", \"predictability\", \"throughput\", \"today\"]" r.json &&
	jq -e "[.cycles[] | keys] | unique == [[\"added\", \"bau_effort\", \"carried_over\", \"committed\", \"completed\", \"end\", \"learned\", \"missing\", \"name\", \"removed\", \"say_do\", \"scope_changes\", \"start\", \"state\", \"stopped\", \"throughput\", \"unplanned\", \"velocity\"]]" r.json &&
	jq -e ".predictability | keys == [\"cycles\", \"say_do_mean\", \"say_do_sd\"]" r.json &&
	jq -e ".experiments | keys == [\"inconclusive\", \"lost\", \"win_rate\", \"won\"]" r.json &&
	jq -e ".bau_share | keys == [\"completed_effort\", \"open\", \"open_bau\", \"open_items\"]" r.json &&
	jq -e ".cycles[0] | .name == \"2027-01-04\" and .start == \"2027-01-04\" and .end == \"2027-01-17\" and .state == \"closed\"" r.json &&
	jq -e ".cycles[0] | .committed == {\"items\": 3, \"effort\": 10} and .added == {\"items\": 0, \"effort\": 0} and .removed == {\"items\": 0, \"effort\": 0}" r.json &&
	jq -e ".cycles[0] | .completed == {\"items\": 2, \"effort\": 5} and .learned == {\"items\": 0, \"effort\": 0} and .stopped == {\"items\": 0, \"effort\": 0}" r.json &&
	jq -e ".cycles[0] | .carried_over == {\"items\": 1, \"effort\": 5} and .unplanned == {\"items\": 0, \"effort\": 0} and .missing == 0" r.json &&
	jq -e ".cycles[0] | .say_do == 0.5 and .velocity == 5 and .bau_effort == 3 and .throughput == 2 and .scope_changes == []" r.json
'

test_expect 'report: cycle 2, figure by figure' '
	jq -e ".cycles[1] | .name == \"2027-01-18\" and .start == \"2027-01-18\" and .end == \"2027-01-31\" and .state == \"closed\"" r.json &&
	jq -e ".cycles[1] | .committed == {\"items\": 3, \"effort\": 9} and .added == {\"items\": 1, \"effort\": 3} and .removed == {\"items\": 0, \"effort\": 0}" r.json &&
	jq -e ".cycles[1] | .completed == {\"items\": 3, \"effort\": 11} and .learned == {\"items\": 0, \"effort\": 0} and .stopped == {\"items\": 0, \"effort\": 0}" r.json &&
	jq -e ".cycles[1] | .carried_over == {\"items\": 1, \"effort\": 1} and .unplanned == {\"items\": 1, \"effort\": 2} and .missing == 0" r.json &&
	jq -e ".cycles[1] | (.say_do * 9 | round) == 8 and (.say_do - 8 / 9 | fabs) < 1e-12 and .velocity == 13 and .bau_effort == 0 and .throughput == 4" r.json &&
	jq -e ".cycles[1].scope_changes == [{\"id\": \"MKT-5\", \"change\": \"added\", \"date\": \"2027-01-25\", \"uncommitted\": false}]" r.json
'

test_expect 'report: cycle 3, figure by figure' '
	jq -e ".cycles[2] | .name == \"2027-02-01\" and .start == \"2027-02-01\" and .end == \"2027-02-14\" and .state == \"closed\"" r.json &&
	jq -e ".cycles[2] | .committed == {\"items\": 3, \"effort\": 9} and .added == {\"items\": 1, \"effort\": 2} and .removed == {\"items\": 0, \"effort\": 0}" r.json &&
	jq -e ".cycles[2] | .completed == {\"items\": 3, \"effort\": 6} and .learned == {\"items\": 1, \"effort\": 5} and .stopped == {\"items\": 1, \"effort\": 5}" r.json &&
	jq -e ".cycles[2] | .carried_over == {\"items\": 0, \"effort\": 0} and .unplanned == {\"items\": 0, \"effort\": 0} and .missing == 0" r.json &&
	jq -e ".cycles[2] | .say_do == 1 and .velocity == 6 and .bau_effort == 0 and .throughput == 3" r.json &&
	jq -e ".cycles[2].scope_changes == [{\"id\": \"MKT-15\", \"change\": \"added\", \"date\": \"2027-02-08\", \"uncommitted\": false}]" r.json
'

test_expect 'report: the summary, figure by figure' '
	jq -e ".predictability | .cycles == 3 and (.say_do_mean - (0.5 + 8 / 9 + 1) / 3 | fabs) < 1e-12" r.json &&
	jq -e "((0.5 + 8 / 9 + 1) / 3) as \$m | .predictability | (.say_do_sd - (((0.5 - \$m) * (0.5 - \$m) + (8 / 9 - \$m) * (8 / 9 - \$m) + (1 - \$m) * (1 - \$m)) / 3 | sqrt) | fabs) < 1e-12" r.json &&
	jq -e ".capacity == {\"source\": \"measured\", \"suggested\": 6, \"velocities\": [6, 13, 5]}" r.json &&
	jq -e ".throughput == {\"closed_cycles\": 3, \"items\": 9, \"days\": 42, \"per_cycle\": 3, \"per_week\": 1.5}" r.json &&
	jq -e ".cycle_time == {\"items\": 9, \"median_days\": 6, \"p85_days\": 9}" r.json &&
	jq -e ".experiments | .won == 5 and .lost == 1 and .inconclusive == 1 and (.win_rate - 5 / 6 | fabs) < 1e-12" r.json &&
	jq -e ".bau_share | .completed_effort == 0.125 and .open_bau == 1 and .open == 3 and (.open_items - 1 / 3 | fabs) < 1e-12" r.json &&
	jq -e ".forecast == {\"open_effort\": 6, \"open_items\": 2, \"unestimated_items\": 1, \"velocity_source\": \"measured\", \"velocity\": 6, \"velocity_cycles\": 3, \"cycles\": 1, \"start\": \"2027-02-15\", \"end\": \"2027-02-28\"}" r.json
'

test_expect 'report: the text gives the same, and --explain every formula' '
	at 2027-02-15 &&
	docket -C b report --explain >r.txt &&
	grep -E "^2027-01-18 +2027-01-18 +2027-01-31 +closed +3 \(9\) +1 \(3\) +3 \(11\) +0 \(0\) +0 \(0\) +1 \(1\) +1 \(2\) +89% +13 +4$" r.txt &&
	grep -E "^2027-02-01 +.* +3 \(9\) +1 \(2\) +3 \(6\) +1 \(5\) +1 \(5\) +0 \(0\) +0 \(0\) +100% +6 +3$" r.txt &&
	grep -x "Capacity        6 suggested for the next cycle: the median velocity of the last 3 closed cycles (6, 13, 5, most recent first)" r.txt &&
	grep -E "^  say/do +\(completed effort \+ learned effort\) of the committed items / committed effort$" r.txt
'

test_expect 'showcase of cycle 1: MKT-3 carried over to cycle 2' '
	at 2027-02-15 &&
	docket -C b showcase 2027-01-04 >s1.md &&
	sed -n "/^## Carried over$/,/^## /p" s1.md | grep -x "\- \*\*MKT-3\*\* Instagram teaser video (done since) to 2027-01-18" &&
	! sed -n "/^## What shipped$/,/^## /p" s1.md | grep -q MKT-3
'

test_expect 'showcase of cycle 2: carried, added, unplanned, each where it belongs' '
	at 2027-02-15 &&
	docket -C b showcase 2027-01-18 >s2.md &&
	sed -n "/^## What shipped$/,/^## /p" s2.md >shipped &&
	grep -q "^- \*\*MKT-3\*\* .* (carried over)$" shipped &&
	grep -q "^- \*\*MKT-5\*\* .* (added 2027-01-25)$" shipped &&
	grep -q "^- \*\*MKT-14\*\* .* (unplanned)$" shipped &&
	grep -q "^- \*\*MKT-4\*\* " shipped &&
	sed -n "/^## Scope changes$/,/^## /p" s2.md | grep -x "\- \*\*MKT-5\*\* Influencer unboxing: added on 2027-01-25 (done)" &&
	sed -n "/^## Unplanned work$/,/^## /p" s2.md | grep -x "\- \*\*MKT-14\*\* Referral code test (done 2027-01-22)" &&
	sed -n "/^## Carried over$/,/^## /p" s2.md | grep -x "\- \*\*MKT-9\*\* Shorter approval loop for posts (done since) to 2027-02-01" &&
	grep -q "^Committed 3 items (effort 9); completed 3 (effort 11): say/do 89%. Beyond the commitment: 1 item added after the start (effort 3); 1 unplanned item done (effort 2); velocity 13.$" s2.md &&
	docket -C b showcase 2027-01-18 --format json >s2.json &&
	jq -e "[.items[] | {id, scope, cycle_outcome, carried_in}] == [
		{\"id\": \"MKT-3\", \"scope\": \"committed\", \"cycle_outcome\": \"completed\", \"carried_in\": true},
		{\"id\": \"MKT-9\", \"scope\": \"committed\", \"cycle_outcome\": \"carried over\", \"carried_in\": false},
		{\"id\": \"MKT-4\", \"scope\": \"committed\", \"cycle_outcome\": \"completed\", \"carried_in\": false},
		{\"id\": \"MKT-5\", \"scope\": \"added\", \"cycle_outcome\": \"completed\", \"carried_in\": false},
		{\"id\": \"MKT-14\", \"scope\": \"unplanned\", \"cycle_outcome\": \"completed\", \"carried_in\": false}]" s2.json
'

test_expect 'showcase of cycle 3: the stopped experiment, its follow-up, and last cycle'"'"'s improvement' '
	at 2027-02-15 &&
	docket -C b showcase 2027-02-01 >s3.md &&
	sed -n "/^## Experiment results$/,/^## /p" s3.md >exp &&
	grep -x "| MKT-7 | It brings subscribers | subscribers | 50 | - | lost, stopped |" exp &&
	grep -x "| MKT-15 | Newsletters reach coffee lovers | subscribers | 30 | 41 | won |" exp &&
	sed -n "/^## Stopped$/,/^## /p" s3.md | grep -x "\- \*\*MKT-7\*\* Podcast sponsorship: No slots before the launch (learned: lost)" &&
	sed -n "/^## Follow-ups$/,/^## /p" s3.md | grep -x "\- \*\*MKT-15\*\* Newsletter sponsorship instead follows MKT-7 (done)" &&
	sed -n "/^## Scope changes$/,/^## /p" s3.md | grep -x "\- \*\*MKT-15\*\* Newsletter sponsorship instead: added on 2027-02-08 (done)" &&
	sed -n "/^## Improvements of the previous cycle$/,/^## /p" s3.md >prev &&
	grep -q "^What cycle 2027-01-18 set out to improve, and how far it got:$" prev &&
	grep -x "\- \*\*MKT-9\*\* Shorter approval loop for posts (done)" prev &&
	grep -q "^Committed 3 items (effort 9); completed 3 (effort 6); learned from 1 stopped experiment (effort 5): say/do 100%." s3.md
'

test_expect 'huddle of cycle 3: the stopped experiment is done learning, the follow-up was added' '
	at 2027-02-11 &&
	docket -C b huddle --format json >h3.json &&
	jq -e "[.cards[] | select(.id == \"MKT-7\") | .column, .status, .result] == [\"done\", \"stopped\", \"lost\"]" h3.json &&
	jq -e "[.cards[] | select(.id == \"MKT-15\") | .column, .scope, .added] == [\"done\", \"added\", \"2027-02-08\"]" h3.json &&
	jq -e "[.cards[] | select(.id == \"MKT-9\") | .column, .carried_in] == [\"done\", true]" h3.json &&
	docket -C b huddle >h3.txt &&
	grep -q "MKT-7 .*\[stopped\]" h3.txt
'

test_expect 'the HTML export lists them under each cycle' '
	at 2027-02-15 &&
	docket -C b export html -o "$TRASH/site" -q &&
	python3 - "$TRASH/site/index.html" <<-\PY
	import re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	cycles = html[html.index("<section id=\"cycles\">"):html.index("</section>", html.index("<section id=\"cycles\">"))]
	cards = cycles.split("<div class=\"card cyc")[1:]
	def card(name):
	    c = [x for x in cards if "<h3>" + name + " " in x]
	    assert len(c) == 1, name
	    return c[0]
	def line(c, label):
	    m = re.search(r"<b>" + re.escape(label) + r":</b> (.*?)</div>", c)
	    return re.findall(r">(MKT-\d+)</a>", m.group(1)) if m else []
	c1, c2, c3 = card("2027-01-04"), card("2027-01-18"), card("2027-02-01")
	assert line(c1, "Carried over to a later cycle") == ["MKT-3"], c1
	assert line(c2, "Carried over from before") == ["MKT-3"], c2
	assert line(c2, "Added after the start") == ["MKT-5"], c2
	assert "(25 Jan 2027)" in c2
	assert line(c2, "Unplanned") == ["MKT-14"], c2
	assert line(c2, "Carried over to a later cycle") == ["MKT-9"], c2
	assert line(c3, "Carried over from before") == ["MKT-9"], c3
	assert line(c3, "Added after the start") == ["MKT-15"], c3
	assert line(c3, "Learned (stopped with a result)") == ["MKT-7"], c3
	PY
'

test_expect 'burnup: the coffee campaign against its due date' '
	at 2027-02-15 &&
	docket -C b burnup coffee --format json >bu.json &&
	jq -e ".due == \"2027-02-26\" and .projection.remaining == 6" bu.json &&
	docket -C b burnup coffee | grep -q "^Due 2027-02-26, in 11 days: 6 remaining.$"
'

test_expect 'list: the open items by default, ranked then the intake' '
	at 2027-02-15 &&
	docket -C b list --format plain | cut -f2 | tr "\n" " " >open &&
	test "$(cat open)" = "MKT-12 MKT-11 MKT-13 " &&
	test "$(docket -C b list --all --format plain | wc -l)" = 13
'
test_done
