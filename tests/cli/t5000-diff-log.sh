#!/bin/sh
# docket diff and docket log on a crafted history (fixed dates).
. "$DOCKET_TESTS/cli/lib.sh"

# at DAY MESSAGE: commit everything in b on DAY at noon UTC.
at() {
	git -C b add -A &&
	GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" \
		git -C b commit -qm "$2"
}

# item ID TITLE STATUS EFFORT: write backlog/ID.md
item() {
	printf -- "---\nid: %s\ntitle: %s\nstatus: %s\neffort: %s\ncustomer_value: 5\nbusiness_value: 5\n---\nBody of %s.\n" \
		"$1" "$2" "$3" "$4" "$1" >"b/backlog/$1.md"
}

test_expect 'setup: a history with a move, a hand edit, a close and a renumber' '
	new_repo b &&
	GIT_AUTHOR_DATE=2026-11-01T12:00:00Z GIT_COMMITTER_DATE=2026-11-01T12:00:00Z \
		docket -C b init 2>/dev/null &&
	item MKT-1 "Teaser video" ready 3 &&
	item MKT-2 "Launch email" ready 3 &&
	item MKT-3 "Press kit" ready 2 &&
	item MKT-4 "Webinar" ready 5 &&
	item MKT-5 "Podcast idea" idea 1 &&
	printf "MKT-1\nMKT-2\nMKT-3\nMKT-4\n" >b/backlog/ORDER &&
	at 2026-11-02 "Add five items" &&
	printf "MKT-4\nMKT-1\nMKT-2\nMKT-3\n" >b/backlog/ORDER &&
	at 2026-11-03 "Rank MKT-4 #4 → #1" &&
	sed -i "s/^status: ready/status: doing/; s/^effort: 3/effort: 5/" b/backlog/MKT-2.md &&
	at 2026-11-04 "Start the launch email" &&
	sed -i "s/^status: ready/status: done/" b/backlog/MKT-3.md &&
	printf "MKT-4\nMKT-1\nMKT-2\nMKT-5\n" >b/backlog/ORDER &&
	at 2026-11-05 "Close the press kit, rank the podcast" &&
	git -C b mv backlog/MKT-5.md backlog/MKT-6.md &&
	sed -i "s/^id: MKT-5/id: MKT-6/" b/backlog/MKT-6.md &&
	printf "MKT-4\nMKT-1\nMKT-2\nMKT-6\n" >b/backlog/ORDER &&
	at 2026-11-06 "Renumber MKT-5 to MKT-6"
'

test_expect 'diff BASE HEAD lists exactly the priority changes, by kind' '
	docket -C b diff HEAD~4 HEAD~1 >out &&
	cat >expect <<-\EOT &&
	Priority changes from HEAD~4 to HEAD~1: 1 moved, 1 newly ranked, 1 closed, 1 status changed, 1 values changed

	Moved
	  MKT-4  #4 → #1  Webinar

	Newly ranked
	  MKT-5  #4  Podcast idea

	Closed
	  MKT-3  ready → done  Press kit

	Status changes
	  MKT-2  ready → doing  Launch email

	Value changes
	  MKT-2  effort 3 → 5  Launch email
	EOT
	test_cmp expect out
'

test_expect 'a move by one item does not list the items it passed as moved' '
	docket -C b diff HEAD~4 HEAD~3 --format json >out.json &&
	jq -e ".counts.moved == 1 and .moved[0].id == \"MKT-4\" and .moved[0].rank_from == 4 and .moved[0].rank_to == 1" out.json
'

test_expect 'diff reports added and removed items' '
	docket -C b diff HEAD~5 HEAD~4 --format json >out.json &&
	jq -e "[.added[].id] == [\"MKT-1\",\"MKT-2\",\"MKT-3\",\"MKT-4\",\"MKT-5\"] and .added[0].rank_to == 1 and .added[4].rank_to == null" out.json &&
	docket -C b diff HEAD~1 HEAD --format json >out.json &&
	jq -e "[.removed[].id] == [\"MKT-5\"] and [.added[].id] == [\"MKT-6\"] and .removed[0].rank_from == 4" out.json
'

test_expect 'diff with no argument compares HEAD with the working tree, and writes nothing' '
	docket -C b diff >out &&
	grep -q "^No priority changes from HEAD to the working tree" out &&
	printf "MKT-2\nMKT-4\nMKT-1\nMKT-6\n" >b/backlog/ORDER &&
	git -C b status --porcelain >before &&
	docket -C b diff --format json >out.json &&
	git -C b status --porcelain >after &&
	test_cmp before after &&
	jq -e ".head == \"the working tree\" and [.moved[] | [.id, .rank_from, .rank_to]] == [[\"MKT-2\", 3, 1]]" out.json &&
	git -C b checkout -q -- backlog/ORDER
'

test_expect 'diff --format md is a pull-request comment with escaped cells' '
	docket -C b diff HEAD~4 HEAD~1 --format md >out.md &&
	head -1 out.md | grep -q "^### Backlog priority changes" &&
	grep -q "^| Item | Rank | Title |$" out.md &&
	grep -q "^| MKT-4 | #4 → #1 | Webinar |$" out.md &&
	grep -q "^#### Closed$" out.md &&
	item MKT-7 "a | b <script>" idea 1 && at 2026-11-07 "Add a tricky title" &&
	docket -C b diff HEAD~1 HEAD --format md >out.md &&
	grep -qF "| MKT-7 | unranked, idea | a \\| b \\<script\\> |" out.md &&
	git -C b reset -q --hard HEAD~1
'

test_expect 'BASE...HEAD compares with the merge base' '
	git -C b checkout -q -b side HEAD~1 &&
	printf "MKT-1\nMKT-4\nMKT-2\nMKT-5\n" >b/backlog/ORDER && at 2026-11-07 "Side move" &&
	git -C b checkout -q main &&
	docket -C b diff main...side --format json >out.json &&
	jq -e "[.moved[] | [.id, .rank_from, .rank_to]] == [[\"MKT-1\", 2, 1]] and (.removed | length) == 0" out.json
'

test_expect 'diff: bad revisions and formats are usage errors' '
	expect_code 2 docket -C b diff nope 2>err && grep -q "nope" err &&
	expect_code 2 docket -C b diff HEAD --format xml 2>err &&
	expect_code 2 docket -C b diff a b c 2>err
'

test_expect 'log lists the commits that changed the item or moved it, newest first' '
	docket -C b log MKT-2 >out &&
	h3=$(git -C b rev-parse --short=7 HEAD~2) &&
	h1=$(git -C b rev-parse --short=7 HEAD~4) &&
	cat >expect <<-EOT &&
	$h3 2026-11-04 Dana Reyes
	    Start the launch email
	    status: ready → doing
	    effort: 3 → 5 (priority)

	$h1 2026-11-02 Dana Reyes
	    Add five items
	    added
	    rank: unranked → #2
	EOT
	test_cmp expect out
'

test_expect 'log shows an item moved by the owner with its rank change' '
	docket -C b log MKT-4 --format json >out.json &&
	jq -e "[.commits[] | [.date, .subject, .rank.from, .rank.to]] == [[\"2026-11-03\", \"Rank MKT-4 #4 → #1\", 4, 1], [\"2026-11-02\", \"Add five items\", null, 4]]" out.json &&
	jq -e ".commits[0].author == \"Dana Reyes\" and .commits[0].email == \"dana@example.com\" and .commits[0].time == \"2026-11-03T12:00:00+00:00\" and (.commits[0].commit | length) == 40" out.json
'

test_expect 'log and diff agree on a swap of neighbours: the item that went up moved' '
	new_repo c &&
	docket -C c init 2>/dev/null &&
	docket -C c new "Teaser video" 2>/dev/null &&
	docket -C c new "Launch email" 2>/dev/null &&
	docket -C c move MKT-1 --bottom 2>/dev/null &&
	docket -C c move MKT-2 --bottom 2>/dev/null &&
	git -C c show HEAD:backlog/ORDER | grep -x "MKT-[12]" >before &&
	printf "MKT-1\nMKT-2\n" >expect && test_cmp expect before &&
	docket -C c move MKT-2 --top 2>/dev/null &&
	docket -C c diff HEAD~1 HEAD --format json >d.json &&
	jq -e "[.moved[] | .id] == [\"MKT-2\"]" d.json &&
	docket -C c log MKT-2 --format json >up.json &&
	jq -e ".commits[0].rank == {\"from\": 2, \"to\": 1}" up.json &&
	docket -C c log MKT-1 --format json >down.json &&
	jq -e "[.commits[] | .subject] | index(\"Rank MKT-2 #2 → #1 (above MKT-1)\") == null" down.json
'

test_expect 'log follows a renumbered item' '
	docket -C b log MKT-6 --format json >out.json &&
	jq -e ".commits[0].event == \"renamed\" and .commits[0].renumbered_from == \"MKT-5\" and .commits[0].rank == null" out.json &&
	jq -e "[.commits[0].changes[] | [.field, .from, .to]] == [[\"id\", \"MKT-5\", \"MKT-6\"]]" out.json &&
	jq -e "[.commits[1:][] | .subject] == [\"Close the press kit, rank the podcast\", \"Add five items\"] and .commits[1].rank.to == 4" out.json
'

test_expect 'log: a deleted item still has its history; an unknown one is an error' '
	git -C b rm -q backlog/MKT-3.md && at 2026-11-08 "Remove the press kit" &&
	docket -C b log MKT-3 --format json >out.json &&
	jq -e ".commits[0].event == \"deleted\" and .commits[1].changes[0].field == \"status\"" out.json &&
	git -C b reset -q --hard HEAD~1 &&
	expect_code 1 docket -C b log MKT-99 2>err && grep -q MKT-99 err &&
	expect_code 2 docket -C b log ../x 2>err
'

test_expect 'the history cache gives the same answers, and a damaged cache is ignored' '
	DOCKET_HISTORY_CACHE=0 docket -C b log MKT-2 >nocache &&
	docket -C b log MKT-2 >warm &&
	test_cmp nocache warm &&
	ls b/.git/docket/history-* >/dev/null &&
	for f in b/.git/docket/history-*; do printf "garbage" | dd of="$f" bs=1 seek=40 conv=notrunc 2>/dev/null; done &&
	docket -C b log MKT-2 >damaged &&
	test_cmp nocache damaged
'

test_expect 'log text on a terminal-unsafe subject is escaped' '
	printf "x\n" >>b/backlog/MKT-1.md &&
	git -C b add -A &&
	GIT_AUTHOR_DATE=2026-11-09T12:00:00Z git -C b commit -qm "$(printf "Bad \033[31mred")" &&
	docket -C b log MKT-1 >out &&
	! grep -q "$(printf "\033")" out &&
	grep -qF "Bad \\x1b[31mred" out &&
	grep -q "^    body changed$" out
'
test_done
