#!/bin/sh
# Owner approval of ORDER: docket approve, and owner-order accepting an
# approval, an owner's merge commit and a squash carrying the approval;
# end to end with a bare repository standing in for the git host, as CI
# runs `docket check --base` on a pull request and on main.
. "$DOCKET_TESTS/cli/lib.sh"

sam() {
	GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL="sam@example.com" \
	GIT_COMMITTER_NAME="Sam Okafor" GIT_COMMITTER_EMAIL="sam@example.com" "$@"
}

# owner_order_findings DIR BASE: the number of owner-order findings
owner_order_findings() {
	set +e
	docket -C "$1" check --base "$2" --format json >oo.json 2>/dev/null
	set -e
	jq "[.findings[] | select(.rule == \"owner-order\")] | length" oo.json
}

test_expect 'setup: the owner'"'"'s backlog on the host, the marketer'"'"'s clone' '
	git init -q --bare host.git &&
	git clone -q host.git own 2>/dev/null &&
	docket -C own init 2>/dev/null &&
	sed -i "s/^# owners:.*/owners: [dana@example.com]/" own/docket.yaml &&
	for t in A B C D; do docket -C own new "Item $t" --bottom 2>/dev/null; done &&
	git -C own commit -qam "Name the owner" &&
	git -C own push -q origin main &&
	git clone -q host.git mk
'

test_expect 'an owner'"'"'s pull request passes owner-order' '
	git -C own checkout -q -b owner-pr &&
	docket -C own move MKT-4 --top 2>err &&
	! grep -q "not an owner" err &&
	test "$(owner_order_findings own origin/main)" = 0 &&
	git -C own checkout -q main
'

test_expect 'a marketer'"'"'s reordering: told at once, refused by CI' '
	git -C mk checkout -q -b proposal &&
	sam docket -C mk move MKT-3 --top 2>err &&
	grep -q "Sam Okafor <sam@example.com> is not an owner of this backlog (owners: in docket.yaml): CI (docket check --base) will ask an owner.s approval of this change to backlog/ORDER; an owner reviews it and runs docket approve on this branch" err &&
	test "$(owner_order_findings mk origin/main)" = 1 &&
	jq -r ".findings[] | select(.rule == \"owner-order\") | .message" oo.json |
		grep -q "approve it on this branch with docket approve" &&
	expect_code 1 sam docket -C mk approve 2>err &&
	grep -q "only an owner may approve the order" err &&
	sam git -C mk push -q origin proposal
'

test_expect 'a hand edit of ORDER by a marketer: docket check says it at once' '
	sed -i "1a MKT-4" mk/backlog/ORDER && sed -i "\$d" mk/backlog/ORDER &&
	sam docket -C mk check >out 2>err || true &&
	grep -q "Sam Okafor <sam@example.com> is not an owner of this backlog" err &&
	git -C mk checkout -q backlog/ORDER &&
	sam docket -C mk check >out 2>err || true &&
	! grep -q "not an owner" err
'

test_expect 'the owner approves the proposal on its branch: it passes' '
	git -C own fetch -q && git -C own checkout -q -b proposal origin/proposal &&
	docket -C own approve 2>err &&
	grep -q "^Approve the order of the backlog ([0-9a-f]\{7\}) \[" err &&
	blob=$(git -C own rev-parse HEAD:backlog/ORDER) &&
	git -C own log -1 --format=%B | grep -qx "Approved-order: $blob by dana@example.com" &&
	test "$(git -C own log -1 --format=%ae)" = dana@example.com &&
	test -z "$(git -C own diff HEAD~1 HEAD --name-only)" &&
	test "$(owner_order_findings own origin/main)" = 0 &&
	git -C own push -q origin proposal
'

test_expect 'ORDER changed by hand: approve refuses until it is committed' '
	echo "MKT-2" >>own/backlog/ORDER &&
	expect_code 1 docket -C own approve 2>err &&
	grep -q "backlog/ORDER has uncommitted changes" err &&
	git -C own checkout -q backlog/ORDER
'

test_expect 'a later change after the approval is not covered' '
	git -C mk pull -q --no-rebase origin proposal 2>/dev/null &&
	sam docket -C mk move MKT-1 --top 2>/dev/null &&
	test "$(owner_order_findings mk origin/main)" = 1 &&
	jq -r ".findings[] | select(.rule == \"owner-order\") | .message" oo.json |
		grep -q "Rank MKT-1" &&
	git -C mk reset -q --hard origin/proposal
'

test_expect 'merged with a merge commit (by anyone): main passes' '
	git -C own checkout -q main && git -C own tag before-merge &&
	sam git -C own merge -q --no-ff --no-edit proposal &&
	test "$(owner_order_findings own before-merge)" = 0 &&
	git -C own reset -q --hard before-merge
'

test_expect 'squashed: the approval line in the squashed message carries it' '
	git -C own merge -q --squash proposal >/dev/null &&
	git -C own log --format="* %B" before-merge..proposal >squash-msg &&
	sam git -C own commit -q -F "$TRASH/squash-msg" &&
	test "$(git -C own log -1 --format=%an)" = "Sam Okafor" &&
	test "$(owner_order_findings own before-merge)" = 0 &&
	git -C own reset -q --hard before-merge
'

test_expect 'squashed without the approval: refused' '
	git -C own merge -q --squash proposal >/dev/null &&
	sam git -C own commit -q -m "Rank MKT-3 first" &&
	test "$(owner_order_findings own before-merge)" = 1 &&
	git -C own reset -q --hard before-merge
'

test_expect 'rebased onto a main that moved: the approval is kept' '
	printf "notes\n" >own/NOTES && git -C own add NOTES && git -C own commit -qm "Notes" &&
	git -C own tag main-moved &&
	git -C own checkout -q -b rebased proposal &&
	sam git -C own rebase -q main-moved 2>/dev/null &&
	test "$(owner_order_findings own main-moved)" = 0 &&
	git -C own checkout -q main && git -C own reset -q --hard before-merge
'

test_expect 'an approval of another ORDER is stale' '
	git -C own checkout -q -b stale proposal &&
	sam git -C own commit -q --allow-empty -m "Ship it

Approved-order: 0123456789abcdef0123456789abcdef01234567 by dana@example.com" &&
	sam docket -C own move MKT-2 --top 2>/dev/null &&
	test "$(owner_order_findings own origin/main)" = 1 &&
	git -C own checkout -q main
'

test_expect 'a direct push of an unapproved reordering to main fails CI' '
	git -C mk checkout -q main && git -C mk pull -q origin main 2>/dev/null &&
	git -C mk rev-parse HEAD >pushed-from &&
	sam docket -C mk move MKT-2 --top 2>/dev/null &&
	sam git -C mk push -q origin main &&
	git -C own pull -q origin main 2>/dev/null &&
	test "$(owner_order_findings own "$(cat pushed-from)")" = 1
'

test_done
