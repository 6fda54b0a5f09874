#!/bin/sh
# docket burnup: exact figures from a crafted history, the terminal
# chart and the SVG.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-10

at() {
	git -C c add -A &&
	GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" \
		git -C c commit -qm "$2"
}

# item ID CAMPAIGN STATUS [EFFORT]
item() {
	{
		printf -- "---\nid: %s\ntitle: Item %s\nstatus: %s\ncampaign: %s\n" "$1" "$1" "$3" "$2"
		[ -z "${4:-}" ] || printf "effort: %s\n" "$4"
		printf -- "---\n"
	} >"c/backlog/$1.md"
}

test_expect 'setup: scope added mid-campaign, one item stopped, one joining done' '
	new_repo c &&
	GIT_AUTHOR_DATE=2026-11-01T12:00:00Z GIT_COMMITTER_DATE=2026-11-01T12:00:00Z \
		docket -C c init 2>/dev/null &&
	item MKT-1 launch ready 3 && item MKT-2 launch ready 5 && item MKT-3 other ready 8 &&
	at 2026-11-02 "Plan the launch" &&
	sed -i "s/^status: ready/status: done/" c/backlog/MKT-1.md &&
	at 2026-11-04 "MKT-1 done (edited by hand)" &&
	item MKT-4 launch idea 2 && item MKT-5 launch idea &&
	at 2026-11-06 "More launch ideas" &&
	sed -i "s/^status: ready/status: stopped/" c/backlog/MKT-2.md &&
	at 2026-11-07 "Stop MKT-2" &&
	item MKT-3 launch done 8 &&
	at 2026-11-08 "MKT-3 joins the launch, done"
'

test_expect 'burnup --format json: scope and completed per day, exact' '
	docket -C c burnup launch --format json >out.json &&
	jq -r ".points[] | \"\(.date) \(.scope) \(.completed) \(.items) \(.unestimated)\"" out.json >got &&
	cat >expect <<-\EOT &&
	2026-11-02 8 0 2 0
	2026-11-03 8 0 2 0
	2026-11-04 8 3 2 0
	2026-11-05 8 3 2 0
	2026-11-06 10 3 4 1
	2026-11-07 5 3 3 1
	2026-11-08 13 11 4 1
	2026-11-09 13 11 4 1
	2026-11-10 13 11 4 1
	EOT
	test_cmp expect got
'

test_expect 'burnup text: a chart within 80 columns, no escape codes when piped' '
	docket -C c burnup launch >out &&
	! grep -q "$(printf "\033")" out &&
	python3 -c "import sys; w = max(len(l.rstrip(\"\\n\")) for l in open(\"out\", encoding=\"utf-8\")); sys.exit(w > 80)" &&
	grep -q "2026-11-02" out && grep -q "2026-11-10" out &&
	grep -q "^On 2026-11-10: scope 13, completed 11 (85%); 4 items, 1 without effort\.$" out &&
	grep -c "█" out >n && [ "$(cat n)" -ge 5 ] &&
	docket -C c --color=always burnup launch >colour &&
	grep -q "$(printf "\033")\\[32m" colour
'

test_expect 'burnup --format svg -o FILE: well-formed standalone SVG with both series' '
	docket -C c burnup launch --format svg -o "$TRASH/chart.svg" >stdout &&
	test ! -s stdout &&
	xmllint --noout chart.svg &&
	grep -q "<title id=\"chart-title\">Burn-up: launch</title>" chart.svg &&
	test "$(grep -c "<polyline" chart.svg)" = 2 &&
	grep -q ">Scope<" chart.svg && grep -q ">Completed<" chart.svg &&
	grep -q ">2026-11-02<" chart.svg && grep -q ">2026-11-10<" chart.svg &&
	! grep -qi "<script\|href=" chart.svg
'

test_expect 'svg escapes a hostile campaign name' '
	item MKT-6 "a<b & \"c\"" ready 1 &&
	sed -i "s/^campaign: .*/campaign: \"a<b \& \\\\\"c\\\\\"\"/" c/backlog/MKT-6.md &&
	at 2026-11-09 "Hostile campaign" &&
	docket -C c burnup "a<b & \"c\"" --format svg >h.svg &&
	xmllint --noout h.svg &&
	grep -qF "Burn-up: a&lt;b &amp; &quot;c&quot;" h.svg
'

test_expect 'an unknown campaign exits 1 and names the known ones' '
	expect_code 1 docket -C c burnup nope 2>err &&
	grep -q "no item of campaign .nope." err &&
	grep -q "launch" err
'

test_expect 'burnup writes nothing in the repository but its cache' '
	git -C c status --porcelain >st && test ! -s st
'
test_done
