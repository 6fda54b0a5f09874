#!/bin/sh
# docket list: order, filters, formats, --rev.
. "$DOCKET_TESTS/cli/lib.sh"

mk_item() {
	# mk_item ID STATUS TYPE EFFORT CV BV CREATED [extra lines]
	f=b/backlog/$1.md
	{
		echo "---"
		echo "id: $1"
		echo "title: Item $1"
		echo "type: $3"
		echo "status: $2"
		echo "effort: $4"
		echo "customer_value: $5"
		echo "business_value: $6"
		echo "created: $7"
		shift 7
		for l in "$@"; do echo "$l"; done
		echo "---"
		echo "Body of the item."
	} >"$f"
}

setup() {
	new_repo b &&
	docket -C b init 2>/dev/null &&
	mk_item MKT-1 ready experiment 3 5 5 2026-11-01 "tags: [video, social]" "campaign: app-launch" &&
	mk_item MKT-2 doing bau 1 2 3 2026-11-02 "tags: [email]" &&
	mk_item MKT-3 idea experiment 8 9 9 2026-10-01 "goal: pipeline" &&
	mk_item MKT-4 idea bau 2 1 1 2026-09-15 &&
	mk_item MKT-10 ready experiment 2 7 7 2026-11-03 "mvl: true" &&
	printf "# top\nMKT-10\nMKT-2   # urgent\n\nMKT-1\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm items
}

test_expect 'setup' 'setup'

test_expect 'ranked items in ORDER order, then unranked oldest first' '
	docket -C b list --format plain | cut -f1,2 >got &&
	printf "1\tMKT-10\n2\tMKT-2\n3\tMKT-1\n-\tMKT-4\n-\tMKT-3\n" >want &&
	test_cmp want got
'

test_expect 'table is aligned and has a header; piped output has no escapes' '
	docket -C b list >out &&
	head -1 out | grep -q "^RANK  ID      STATUS  TYPE" &&
	! grep -q "$(printf "\033")" out &&
	docket -C b --color=always list >col &&
	grep -q "$(printf "\033")" col
'

test_expect 'NO_COLOR and --color=never keep escapes out' '
	NO_COLOR=1 docket -C b list >out &&
	! grep -q "$(printf "\033")" out
'

test_expect 'filters: status list, type, tag, campaign, goal' '
	docket -C b list --format plain --status ready,doing | cut -f2 | tr "\n" " " >got &&
	test "$(cat got)" = "MKT-10 MKT-2 MKT-1 " &&
	test "$(docket -C b list --format plain --type bau | cut -f2 | tr "\n" " ")" = "MKT-2 MKT-4 " &&
	test "$(docket -C b list --format plain --tag video | cut -f2)" = "MKT-1" &&
	test "$(docket -C b list --format plain --campaign app-launch | cut -f2)" = "MKT-1" &&
	test "$(docket -C b list --format plain --goal pipeline | cut -f2)" = "MKT-3"
'

test_expect '--where with numbers, text and lists' '
	test "$(docket -C b list --format plain --where "effort<=3 and type=experiment" | cut -f2 | tr "\n" " ")" = "MKT-10 MKT-1 " &&
	test "$(docket -C b list --format plain --where "tags=email" | cut -f2)" = "MKT-2" &&
	test "$(docket -C b list --format plain --where "created<2026-10-01" | cut -f2)" = "MKT-4" &&
	test "$(docket -C b list --format plain --where "rank>=2" | cut -f2 | tr "\n" " ")" = "MKT-2 MKT-1 "
'

test_expect 'bad --where, --status, --format and --grep are usage errors' '
	expect_code 2 docket -C b list --where "effort<<3" 2>err && grep -q "where" err &&
	expect_code 2 docket -C b list --where "effort" 2>err &&
	expect_code 2 docket -C b list --status nope 2>err && grep -q "nope" err &&
	expect_code 2 docket -C b list --format xml 2>err &&
	expect_code 2 docket -C b list --grep "(unclosed" 2>err && grep -q "parenthesis" err
'

test_expect '--grep searches titles and bodies with PCRE2' '
	test "$(docket -C b list --format plain --grep "Item MKT-1\$" | cut -f2)" = "MKT-1" &&
	test "$(docket -C b list --format plain --grep "(?i)BODY OF" | wc -l)" = 5
'

test_expect 'a catastrophic --grep pattern stops at the match limit' '
	printf -- "---\nid: MKT-20\ntitle: %s!\nstatus: idea\n---\n" "$(printf "a%.0s" $(seq 1 40))" >b/backlog/MKT-20.md &&
	docket -C b list --format plain --grep "^(a+)+\$" >out 2>err;
	rm b/backlog/MKT-20.md; true
'

test_expect 'json holds every field, rank (null when unranked), file and score' '
	docket -C b list --format json >out.json &&
	jq -e "length == 5" out.json &&
	jq -e ".[0].id == \"MKT-10\" and .[0].rank == 1 and .[0].mvl == true" out.json &&
	jq -e ".[0].file == \"backlog/MKT-10.md\" and .[0].score == 7" out.json &&
	jq -e ".[3].rank == null and .[3].created == \"2026-09-15\"" out.json &&
	jq -e ".[2].tags == [\"video\",\"social\"]" out.json
'

test_expect 'string fields keep their source text in json' '
	mk_item MKT-5 idea experiment 1 1 1 2026-11-05 "outcome: 0012" "requested_by: no" &&
	docket -C b list --format json >out.json &&
	jq -e ".[] | select(.id==\"MKT-5\") | .outcome == \"0012\" and .requested_by == \"no\"" out.json &&
	rm b/backlog/MKT-5.md
'

test_expect 'csv has a header and quotes as RFC 4180 requires' '
	printf -- "---\nid: MKT-6\ntitle: \"Hello, \\\"world\\\"\"\nstatus: idea\ncreated: 2026-11-06\n---\n" >b/backlog/MKT-6.md &&
	docket -C b list --format csv >out.csv &&
	head -1 out.csv | grep -q "^rank,id,status,type,effort,cv,bv,score,title,file" &&
	grep -q "\"Hello, \"\"world\"\"\"" out.csv &&
	rm b/backlog/MKT-6.md
'

test_expect 'md is a Markdown table' '
	docket -C b list --format md >out.md &&
	head -2 out.md | tail -1 | grep -q "^| ---" &&
	test "$(wc -l <out.md)" = 7
'

test_expect 'control characters and bidi overrides in titles are escaped' '
	printf -- "---\nid: MKT-7\ntitle: \"evil \\\\e[31mred \\\\u202Egnp.exe\"\nstatus: idea\ncreated: 2026-11-07\n---\n" >b/backlog/MKT-7.md &&
	docket -C b list >out &&
	! grep -q "$(printf "\033")" out &&
	! grep -q "$(printf "\342\200\256")" out &&
	grep -q "\\\\x1b\\[31mred" out &&
	rm b/backlog/MKT-7.md
'

test_expect 'an unparseable file is named with line and column, and exit is 1' '
	printf -- "---\nid: MKT-8\ntitle: [oops\nstatus: idea\n---\n" >b/backlog/MKT-8.md &&
	expect_code 1 docket -C b list --format plain >out 2>err &&
	grep -q "backlog/MKT-8.md:4:7: error: did not find expected .,. or .]. while parsing a flow sequence (started at line 3)" err &&
	test "$(wc -l <out)" = 5 &&
	rm b/backlog/MKT-8.md
'

test_expect '--rev reads a revision without touching the working tree' '
	git -C b rev-parse HEAD >head &&
	printf "MKT-1\n" >b/backlog/ORDER &&
	docket -C b list --format plain --rev HEAD | head -1 | cut -f2 >got &&
	test "$(cat got)" = "MKT-10" &&
	docket -C b list --format plain | head -1 | cut -f2 >got &&
	test "$(cat got)" = "MKT-1" &&
	git -C b checkout -q -- backlog/ORDER &&
	expect_code 2 docket -C b list --rev nosuchrev 2>err &&
	grep -q "nosuchrev" err
'

test_expect 'open items by default; --all and a closed --status list the rest' '
	mk_item MKT-20 done experiment 1 5 5 2026-08-01 "result: won" "finished: 2026-08-10" &&
	mk_item MKT-21 stopped bau 1 5 5 2026-08-02 "stop_reason: no" &&
	for f in plain json csv md table; do
		! docket -C b list --format $f | grep -q "MKT-2[01]" || exit 1
	done &&
	test "$(docket -C b list --all --format plain | cut -f2 | tr "\n" " ")" = "MKT-10 MKT-2 MKT-1 MKT-20 MKT-21 MKT-4 MKT-3 " &&
	test "$(docket -C b list -a --format json | jq length)" = 7 &&
	test "$(docket -C b list --status done --format plain | cut -f2)" = "MKT-20" &&
	test "$(docket -C b list --status done,ready --format plain | cut -f2 | tr "\n" " ")" = "MKT-10 MKT-1 MKT-20 "
'

test_expect '--sort orders by a field, -FIELD descending, missing last, ties in backlog order' '
	test "$(docket -C b list --sort effort --format plain | cut -f2 | tr "\n" " ")" = "MKT-2 MKT-10 MKT-4 MKT-1 MKT-3 " &&
	test "$(docket -C b list --sort -effort --format plain | cut -f2 | tr "\n" " ")" = "MKT-3 MKT-1 MKT-10 MKT-4 MKT-2 " &&
	test "$(docket -C b list --sort campaign --format plain | cut -f2 | tr "\n" " ")" = "MKT-1 MKT-10 MKT-2 MKT-4 MKT-3 " &&
	test "$(docket -C b list --sort created --format plain | cut -f2 | tr "\n" " ")" = "MKT-4 MKT-3 MKT-1 MKT-2 MKT-10 " &&
	test "$(docket -C b list --sort status --format plain | cut -f2 | tr "\n" " ")" = "MKT-4 MKT-3 MKT-10 MKT-1 MKT-2 " &&
	test "$(docket -C b list --sort -score --format json | jq -r ".[0].id")" = "$(docket -C b list --format json | jq -r "sort_by(-.score) | .[0].id")" &&
	expect_code 2 docket -C b list --sort "a b" 2>err && grep -q "sort" err
'

test_expect '--fields chooses the columns of every format, CSV included' '
	docket -C b list --fields id,campaign,goal,cycle,tags --format csv >out.csv &&
	head -1 out.csv | tr -d "\r" | grep -x "id,campaign,goal,cycle,tags" &&
	grep -F "\"MKT-1\",\"app-launch\",\"\",\"\",\"video, social\"" out.csv &&
	grep -F "\"MKT-3\",\"\",\"pipeline\"" out.csv &&
	docket -C b list --fields id,tags,rank --format plain >out &&
	grep -x "$(printf "MKT-1\tvideo, social\t3")" out &&
	grep -x "$(printf "MKT-4\t-\t-")" out &&
	docket -C b list --fields id,cv,bv,score --format md >out.md &&
	head -1 out.md | grep -x "| id | cv | bv | score |" &&
	docket -C b list --fields id,title,campaign >out &&
	head -1 out | grep -q "^ID  *TITLE  *CAMPAIGN$" &&
	docket -C b list --fields id,tags,rank,campaign,body --format json >out.json &&
	jq -e ".[] | select(.id == \"MKT-1\") | .tags == [\"video\", \"social\"] and .rank == 3 and .campaign == \"app-launch\" and (.body | startswith(\"Body of the item.\"))" out.json &&
	jq -e "[.[] | keys | length == 5] | all" out.json &&
	jq -e ".[] | select(.id == \"MKT-4\") | .campaign == null and .rank == null" out.json &&
	expect_code 2 docket -C b list --fields "id,a b" 2>err && grep -q "fields" err
'

test_expect 'show --format json has the score and the body' '
	docket -C b show MKT-1 --format json >one.json &&
	jq -e ".score > 0 and .rank == 3 and .body == \"Body of the item.\n\"" one.json &&
	test "$(jq .score one.json)" = "$(docket -C b list --format json | jq ".[] | select(.id == \"MKT-1\") | .score")"
'

test_expect 'list from a subfolder finds the backlog' '
	docket -C b/backlog list --format plain | wc -l >n &&
	test "$(cat n)" = 5 &&
	rm b/backlog/MKT-20.md b/backlog/MKT-21.md
'

test_expect 'a backlog in a sub-folder of a larger repository' '
	new_repo big && mkdir -p big/marketing &&
	docket -C big/marketing init 2>/dev/null &&
	printf -- "---\nid: MKT-1\ntitle: t\nstatus: idea\n---\n" >big/marketing/backlog/MKT-1.md &&
	docket -C big list --format json >/dev/null 2>&1; test $? = 2 &&
	docket -C big/marketing list --format json | jq -e ".[0].file == \"marketing/backlog/MKT-1.md\""
'
test_done
