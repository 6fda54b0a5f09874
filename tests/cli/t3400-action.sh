#!/bin/sh
# docket's GitHub Action (action.yml) and its logic (scripts/ci-check.sh)
# in a simulated pull request: a bare repository stands in for GitHub, a
# contributor pushes a branch with commits while main moves on, and the
# runner's clone has the head commit checked out with its whole history,
# as the action's checkout step does.  The workflow commands printed and
# the job summary (GITHUB_STEP_SUMMARY) are what GitHub would show.
. "$DOCKET_TESTS/cli/lib.sh"

SRC=$(cd "$DOCKET_TESTS/.." && pwd)
script="$SRC/scripts/ci-check.sh"
bindir=$(dirname "$DOCKET")
have_yaml() { python3 -c "import yaml" 2>/dev/null; }

# yaml_get FILE PYTHON-EXPR: print a value of the parsed file (y)
yaml_get() {
	python3 - "$1" "$2" <<'PY'
import sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
v = eval(sys.argv[2], {"y": y})
print(v if isinstance(v, str) else repr(v))
PY
}

# The host: main with three ranked items.
git init -q --bare host.git
new_repo seed
cat >seed/docket.yaml <<'YAML'
prefix: MKT
owners:
  - name: Dana Reyes
    email: dana@example.com
rules:
  bau-share: off
YAML
mkdir seed/backlog
for i in 1 2 3; do
	printf -- "---\nid: MKT-$i\ntitle: Item $i\ntype: bau\nstatus: idea\neffort: 2\ncustomer_value: 5\nbusiness_value: 5\n---\n" >seed/backlog/MKT-$i.md
done
printf 'MKT-1\nMKT-2\nMKT-3\n' >seed/backlog/ORDER
(cd seed && git add -A && git commit -qm "Backlog" && git push -q ../host.git HEAD:main)

# The pull request: the owner ranks MKT-3 first, MKT-2 starts, and a new
# item with a bad status is ranked; meanwhile main gets MKT-5, not yet
# ranked (a change to ORDER on both sides is what check's order-merge
# reports: tests/cli/t4090).
git clone -q host.git dev
(
	cd dev && git checkout -q -b feature &&
	printf 'MKT-3\nMKT-1\nMKT-2\n' >backlog/ORDER && git commit -qam "Rank MKT-3 first" &&
	sed -i "s/^status: idea/status: doing/" backlog/MKT-2.md && git commit -qam "Start MKT-2" &&
	printf -- "---\nid: MKT-4\ntitle: Item 4\ntype: bau\nstatus: wip\n---\n" >backlog/MKT-4.md &&
	printf 'MKT-4\n' >>backlog/ORDER && git add -A && git commit -qm "Add MKT-4" &&
	git push -q origin feature
) >/dev/null 2>&1
(
	cd seed && printf -- "---\nid: MKT-5\ntitle: Item 5\ntype: bau\nstatus: idea\n---\n" >backlog/MKT-5.md &&
	git add -A && git commit -qm "Add MKT-5" &&
	git push -q ../host.git HEAD:main
) >/dev/null 2>&1
BASE=$(git -C host.git rev-parse main)
HEAD_SHA=$(git -C host.git rev-parse feature)

# runner DIR: the runner's clone at the head commit, full history
runner() {
	git clone -q host.git "$1" && git -C "$1" checkout -q "$HEAD_SHA"
}

# ci DIR SUMMARY [VAR=VALUE...]: scripts/ci-check.sh github in DIR
ci() {
	_d=$1 _s=$2
	shift 2
	(cd "$_d" && env PATH="$bindir:$PATH" GITHUB_STEP_SUMMARY="$_s" \
		DOCKET_BASE="$BASE" "$@" sh "$script" github)
}

test_expect 'the pull request: annotations on the changed files, exit 1 on the error' '
	runner ws &&
	expect_code 1 ci ws "$TRASH/summary.md" DOCKET_SARIF=docket.sarif >out &&
	grep -q "^::error file=backlog/MKT-4.md,line=5,col=9,title=enum::.status. is .wip." out &&
	test "$(grep -c "^::" out)" = 1 &&
	grep -qx "docket check: 1 error, 0 warnings" out &&
	jq -e ".runs[0].results | length == 1" ws/docket.sarif >/dev/null
'

test_expect 'the job summary has the counts and the priority changes' '
	grep -qx "## docket check" summary.md &&
	grep -qx "Failed: 1 error, 0 warnings." summary.md &&
	grep -qx "### Backlog priority changes" summary.md &&
	grep -q "1 moved, 1 added, 1 status changed" summary.md &&
	grep -q "^| MKT-3 | #3 → #1 | Item 3 |" summary.md &&
	grep -q "^| MKT-2 | idea → doing | Item 2 |" summary.md &&
	grep -q "^| MKT-4 | #4" summary.md
'

test_expect 'the diff is from the fork point, not a merge with main as it is now' '
	! git -C ws merge-base --is-ancestor "$BASE" HEAD &&
	test "$(git -C ws rev-parse HEAD)" = "$HEAD_SHA" &&
	! grep -q "MKT-5" summary.md
'

test_expect 'fixed on the branch: passes, and says so in the summary' '
	(cd dev && sed -i "s/^status: wip/status: idea/" backlog/MKT-4.md &&
	 git commit -qam "Fix MKT-4" && git push -q origin feature) >/dev/null 2>&1 &&
	HEAD_SHA=$(git -C host.git rev-parse feature) && runner ws2 &&
	ci ws2 "$TRASH/summary2.md" >out &&
	! grep -q "^::" out &&
	grep -qx "Passed: 0 errors, 0 warnings." summary2.md &&
	grep -qx "### Backlog priority changes" summary2.md
'

test_expect 'a reorder by someone who is not an owner fails with owner-order' '
	(cd dev && printf "MKT-1\nMKT-3\nMKT-2\nMKT-4\n" >backlog/ORDER &&
	 GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL=sam@example.com git commit -qam "Rank MKT-1 first" &&
	 git push -q origin feature) >/dev/null 2>&1 &&
	HEAD_SHA=$(git -C host.git rev-parse feature) && runner ws3 &&
	expect_code 1 ci ws3 "$TRASH/summary3.md" >out &&
	grep -q "^::error file=backlog/ORDER,line=1,col=1,title=owner-order::commit .* by Sam Okafor" out
'

test_expect 'DOCKET_ARGS reach docket check (--select, --strict)' '
	expect_code 2 ci ws3 "$TRASH/summary4.md" DOCKET_ARGS="--select no-such-rule" >out 2>err &&
	grep -q "unknown rule .no-such-rule." err &&
	expect_code 1 ci ws3 "$TRASH/summary4.md" DOCKET_ARGS="--select enum" >out &&
	grep -q "title=owner-order" out && ! grep -q "title=enum" out
'

test_expect 'a base missing from a shallow clone exits 2 and says to fetch the history' '
	git clone -q --depth 1 "file://$TRASH/host.git" --branch feature shallow 2>/dev/null &&
	expect_code 2 ci shallow "$TRASH/summary5.md" >out 2>err &&
	grep -q "fetch-depth: 0" err
'

test_expect 'no base (a branch'"'"'s first push): the whole backlog, no diff' '
	ci ws2 "$TRASH/summary6.md" DOCKET_BASE=0000000000000000000000000000000000000000 >out &&
	grep -qx "docket check: 0 errors, 0 warnings" out &&
	grep -q "^No base commit" summary6.md && ! grep -q "Backlog priority changes" summary6.md
'

test_expect 'key: the docket commit, else a hash of the sources' '
	test "$(DOCKET_REF=0123456789abcdef0123456789abcdef01234567 sh "$script" key)" = commit-0123456789abcdef0123456789abcdef01234567 &&
	sh "$script" key | grep -qx "\(commit-[0-9a-f]\{40\}\|src-[0-9a-f]\{64\}\)"
'

test_expect 'build: a cached build is used as it is and put on GITHUB_PATH' '
	mkdir cache && cp "$DOCKET" cache/docket &&
	DOCKET_BUILD_DIR="$TRASH/cache" GITHUB_PATH="$TRASH/path" sh "$script" build >out &&
	grep -q "using the cached build" out &&
	test "$(cat path)" = "$TRASH/cache"
'

test_expect 'action.yml: a composite action whose steps run the script' '
	if ! have_yaml; then echo "# skip: no python3-yaml"; exit 0; fi &&
	a="$SRC/action.yml" &&
	test "$(yaml_get "$a" "y[\"runs\"][\"using\"]")" = composite &&
	yaml_get "$a" "[s for s in y[\"runs\"][\"steps\"] if s.get(\"uses\", \"\").startswith(\"actions/checkout@\")][0][\"with\"][\"ref\"]" |
		grep -q "github.event.pull_request.head.sha" &&
	test "$(yaml_get "$a" "[s for s in y[\"runs\"][\"steps\"] if s.get(\"uses\", \"\").startswith(\"actions/checkout@\")][0][\"with\"][\"fetch-depth\"]")" = 0 &&
	yaml_get "$a" "[s for s in y[\"runs\"][\"steps\"] if s.get(\"uses\", \"\").startswith(\"actions/cache@\")][0][\"with\"][\"key\"]" | grep -q "steps.key.outputs.key" &&
	yaml_get "$a" "[s for s in y[\"runs\"][\"steps\"] if s.get(\"name\") == \"docket check\"][0][\"env\"][\"DOCKET_BASE\"]" | grep -q "pull_request.base.sha" &&
	yaml_get "$a" "[s for s in y[\"runs\"][\"steps\"] if s.get(\"uses\", \"\").startswith(\"github/codeql-action/upload-sarif@\")][0][\"if\"]" | grep -q "inputs.upload-sarif" &&
	yaml_get "$a" "\"\\n\".join(s[\"run\"] for s in y[\"runs\"][\"steps\"] if \"run\" in s)" >runs &&
	test "$(grep -c "scripts/ci-check.sh\" \(prepare\|key\|build\|github\)" runs)" = 4
'

test_expect 'the GitHub example uses the action in a debian:bookworm container' '
	if ! have_yaml; then echo "# skip: no python3-yaml"; exit 0; fi &&
	w="$SRC/examples/ci/github/docket.yml" &&
	test "$(yaml_get "$w" "y[\"jobs\"][\"check\"][\"container\"]")" = debian:bookworm &&
	yaml_get "$w" "[s[\"uses\"] for s in y[\"jobs\"][\"check\"][\"steps\"] if \"uses\" in s]" | grep -q "/docket@" &&
	yaml_get "$w" "y[True][\"pull_request\"][\"paths\"]" | grep -q backlog
'

test_done
