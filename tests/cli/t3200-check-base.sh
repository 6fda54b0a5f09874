#!/bin/sh
# docket check --base: owner-order over real git history, findings on
# changed files first, and shallow clones.
. "$DOCKET_TESTS/cli/lib.sh"

sam() {
	GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL="sam@example.com" "$@"
}

item() {  # item ID STATUS [TYPE]
	cat >"r/backlog/$1.md" <<MD
---
id: $1
title: Item $1
type: ${3:-bau}
status: $2
effort: 2
customer_value: 5
business_value: 5
---
## Definition of Done
- [x] Copy reviewed
MD
}

new_repo r
cat >r/docket.yaml <<'YAML'
prefix: MKT
owners:
  - name: Dana Reyes
    email: dana@example.com
rules:
  bau-share: off
YAML
mkdir -p r/backlog
for i in 1 2 3 4; do item MKT-$i ready; done
printf '# Top\nMKT-1\nMKT-2\nMKT-3\nMKT-4\n' >r/backlog/ORDER
(cd r && git add -A && git commit -qm "Backlog" && git tag v0)

test_expect 'an owner may reorder' '
	printf "# Top\nMKT-2\nMKT-1\nMKT-3\nMKT-4\n" >r/backlog/ORDER &&
	git -C r commit -qam "Rank MKT-2 first" &&
	docket -C r check --base v0 >out &&
	test "$(cat out)" = "no problems"
'

test_expect 'a non-owner reordering is an owner-order error at the changed line' '
	git -C r tag v1 &&
	printf "# Top\nMKT-2\nMKT-1\nMKT-4\nMKT-3\n" >r/backlog/ORDER &&
	sam git -C r commit -qam "Rank MKT-4 above MKT-3" &&
	expect_code 1 docket -C r check --base v1 >out &&
	grep -q "^backlog/ORDER:4:1: error: commit [0-9a-f]\{7\} (\"Rank MKT-4 above MKT-3\") by Sam Okafor <sam@example.com> changed ORDER, but only owners may (Dana Reyes)" out &&
	test "$(grep -c owner-order out)" = 1 &&
	expect_code 1 docket -C r check --base v0 >out &&
	test "$(grep -c owner-order out)" = 1 &&
	docket -C r check >out &&
	test "$(cat out)" = "no problems"
'

test_expect 'anyone may take a done or stopped item out of ORDER' '
	git -C r tag v2 &&
	item MKT-3 done &&
	printf "# Top\nMKT-2\nMKT-1\nMKT-4\n" >r/backlog/ORDER &&
	sam git -C r commit -qam "Done MKT-3" &&
	docket -C r check --base v2 >out &&
	test "$(cat out)" = "no problems"
'

test_expect 'but not an open one' '
	git -C r tag v3 &&
	printf "# Top\nMKT-2\nMKT-1\n" >r/backlog/ORDER &&
	sam git -C r commit -qam "Drop MKT-4" &&
	expect_code 1 docket -C r check --base v3 >out &&
	grep -q "^backlog/ORDER:3:1: error: .*Drop MKT-4.*\[owner-order\]" out &&
	git -C r revert --no-edit HEAD >/dev/null
'

test_expect 'a merge is judged by the commits it brings, not counted twice' '
	git -C r tag v4 &&
	git -C r checkout -q -b idea &&
	printf "# Top\nMKT-1\nMKT-2\nMKT-4\n" >r/backlog/ORDER &&
	sam git -C r commit -qam "Rank MKT-1 first" &&
	git -C r checkout -q main &&
	item MKT-5 idea &&
	git -C r add backlog/MKT-5.md && git -C r commit -qm "Add MKT-5" &&
	sam git -C r merge -q --no-edit idea &&
	expect_code 1 docket -C r check --base v4 --format json >out.json &&
	test "$(jq "[.findings[] | select(.rule == \"owner-order\")] | length" out.json)" = 1 &&
	jq -r ".findings[0].message" out.json | grep -q "Rank MKT-1 first"
'
test_expect 'a merge commit an owner made brings the change in with their word' '
	git -C r reset -q --hard HEAD~1 &&
	git -C r merge -q --no-edit idea &&
	docket -C r check --base v4 --format json >out.json &&
	test "$(jq "[.findings[] | select(.rule == \"owner-order\")] | length" out.json)" = 0 &&
	git -C r reset -q --hard v4
'

test_expect 'findings on changed files come first; json marks them' '
	git -C r tag v5 &&
	printf -- "---\nid: MKT-6\ntitle: T\nstatus: idea\neffort: 20\n---\n" >r/backlog/MKT-6.md &&
	git -C r add backlog/MKT-6.md && git -C r commit -qm "Add MKT-6" &&
	printf -- "---\nid: MKT-7\ntitle: T\nstatus: idea\neffort: 30\n---\n" >r/backlog/MKT-7.md &&
	docket -C r check --base v5 >out &&
	sed -n 1p out | grep -q "^backlog/MKT-6.md:5:9: warning" &&
	sed -n 2p out | grep -q "^backlog/MKT-7.md:5:9: warning" &&
	! grep -q "unchanged since the base" out &&
	docket -C r check --base HEAD >out &&
	sed -n 1p out | grep -q "^backlog/MKT-7.md" &&
	sed -n 2p out | grep -q "^findings on files unchanged since the base:" &&
	sed -n 3p out | grep -q "^backlog/MKT-6.md" &&
	docket -C r check --base HEAD --format json >out.json &&
	test "$(jq -c "[.findings[] | .changed]" out.json)" = "[false,true]" &&
	docket -C r check --base HEAD --rev HEAD --format json >out.json &&
	test "$(jq -c "[.findings[] | .changed]" out.json)" = "[false]" &&
	rm r/backlog/MKT-7.md
'

test_expect 'no owners in docket.yaml: one finding says to add them' '
	sed -i "2,4d" r/docket.yaml && git -C r commit -qam "No owners" &&
	git -C r tag v6 &&
	printf "# Top\nMKT-1\nMKT-2\nMKT-4\n" >r/backlog/ORDER &&
	git -C r commit -qam "Rank MKT-1 first" &&
	expect_code 1 docket -C r check --base v6 >out &&
	grep -q "^docket.yaml:1:1: error: 1 commit since the base changed ORDER, but docket.yaml lists no owners" out &&
	printf "  owner-order: off\n" >>r/docket.yaml &&
	docket -C r check --base v6 >out &&
	git -C r checkout -q -- docket.yaml
'

test_expect 'a shallow clone without the base: exit 2, fetch more history' '
	git clone -q --depth 1 "file://$TRASH/r" s1 &&
	expect_code 2 docket -C s1 check --base HEAD~3 2>err &&
	grep -q "shallow clone" err &&
	grep -q "fetch more history" err &&
	grep -q "fetch-depth: 0" err
'

test_expect 'a shallow clone holding the base works (the walk reads grafts)' '
	git clone -q --depth 3 "file://$TRASH/r" s3 &&
	expect_code 1 docket -C s3 check --base HEAD~1 >out &&
	grep -q "lists no owners" out &&
	docket -C s3 check --base HEAD >out
'

test_expect 'a shallow clone whose histories do not meet: exit 2' '
	git -C r checkout -q -b side v0 &&
	git -C r commit -q --allow-empty -m "Side" &&
	git -C r checkout -q main &&
	git clone -q --depth 1 --no-single-branch "file://$TRASH/r" s4 &&
	expect_code 2 docket -C s4 check --base origin/side 2>err &&
	grep -q "no common history in this shallow clone" err
'

test_expect '--base outside git is a usage error' '
	mkdir -p plain/backlog &&
	printf "prefix: MKT\n" >plain/docket.yaml &&
	GIT_CEILING_DIRECTORIES="$TRASH" expect_code 2 docket -C plain check --base HEAD 2>err &&
	grep -q "needs a git repository" err &&
	docket -C plain check >out
'

test_done
