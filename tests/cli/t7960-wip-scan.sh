#!/bin/sh
# The WIP count of `start` parses only the item files that can be doing
# (core/wip.h); it must name the same items a full read of the backlog
# does, whatever way a file writes its status: quoted, escaped, a block
# scalar, an alias; and leave out the files that do not parse, the
# items not doing, and "doing" written elsewhere (a title, the body).
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-12-07

# put ID LINE...: an item file of these front-matter lines
put() {
	id=$1; shift
	{ echo "---"; echo "id: $id"; echo "title: Item $id"; echo "type: bau"
	  printf "%s\n" "$@"; echo "---"; } >"b/backlog/$id.md"
}

test_expect 'setup: limit 3 as an error, items doing in every form' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf "rules:\n  wip-limit: { max: 3, severity: error }\n  bau-share: off\n" >>b/docket.yaml &&
	put MKT-1 "status: doing" &&
	put MKT-2 "status: \"do\\x69ng\"" &&
	put MKT-3 "status: |-" "  doing" &&
	put MKT-4 "s: &s doing" "status: *s" &&
	put MKT-5 "status: ready" "outcome: keep doing it" &&
	put MKT-6 "status: do" "  ing" &&
	put MKT-7 "status: ready" && echo "What we are doing." >>b/backlog/MKT-7.md &&
	printf "%s\n" "---" "id: MKT-8" "status: doing" "title: [" "---" >b/backlog/MKT-8.md &&
	put MKT-9 "status: ready" &&
	git -C b add -A && git -C b commit -qm setup
'

test_expect 'start names exactly the items a full read finds doing' '
	{ docket -C b list --status doing --format json >doing.json 2>/dev/null || :; } &&
	for id in MKT-1 MKT-2 MKT-3 MKT-4; do grep -q "\"$id\"" doing.json || return 1; done &&
	! grep -q "MKT-[5-9]" doing.json &&
	expect_code 1 docket -C b start MKT-9 2>err &&
	grep -q "MKT-9 would make 5 items doing, over the WIP limit of 3: MKT-1, MKT-2, MKT-3 and MKT-4 are in progress" err &&
	grep -x "status: ready" b/backlog/MKT-9.md &&
	git_clean b
'

test_expect 'a file that does not parse is left out of the count, not a reason to stop' '
	sed -i "s/max: 3/max: 5/" b/docket.yaml && git -C b commit -qam "limit 5" &&
	docket -C b start MKT-9 2>err &&
	! grep -q "WIP" err &&
	grep -x "status: doing" b/backlog/MKT-9.md
'

test_done
