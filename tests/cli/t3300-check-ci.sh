#!/bin/sh
# The CI examples in examples/ci, tried as far as this machine allows:
# the GitHub workflow and the GitLab job are parsed, the GitLab job's
# script runs in a clone set up like a merge request (the GitHub action
# is t3400); the pre-commit hook (.pre-commit-hooks.yaml at the root)
# runs through a real pre-commit (when installed) in a throwaway
# repository.  GitHub and GitLab themselves are not here.
. "$DOCKET_TESTS/cli/lib.sh"

top=$(cd "$DOCKET_TESTS/.." && pwd)
ci="$top/examples/ci"
bindir=$(dirname "$DOCKET")
have() { command -v "$1" >/dev/null 2>&1; }
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

# A backlog on main, and a branch where a non-owner moved an item.
new_repo up
cat >up/docket.yaml <<'YAML'
prefix: MKT
owners:
  - name: Dana Reyes
    email: dana@example.com
rules:
  bau-share: off
YAML
mkdir -p up/backlog
for i in 1 2; do
	printf -- "---\nid: MKT-$i\ntitle: Item $i\ntype: bau\nstatus: idea\n---\n" >up/backlog/MKT-$i.md
done
printf 'MKT-1\nMKT-2\n' >up/backlog/ORDER
(
	cd up && git add -A && git commit -qm "Backlog" &&
	git checkout -q -b reorder &&
	printf 'MKT-2\nMKT-1\n' >backlog/ORDER &&
	GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL=sam@example.com git commit -qam "Rank MKT-2 first" &&
	git checkout -q main
)

test_expect 'the files parse as YAML with the keys CI needs' '
	if ! have_yaml; then echo "# skip: no python3-yaml"; exit 0; fi &&
	test "$(yaml_get "$ci/github/docket.yml" "y[\"jobs\"][\"check\"][\"container\"]")" = debian:bookworm &&
	yaml_get "$ci/github/docket.yml" "y[True][\"pull_request\"][\"paths\"]" | grep -q backlog &&
	test "$(yaml_get "$ci/gitlab/docket.gitlab-ci.yml" "y[\"docket-check\"][\"image\"]")" = debian:bookworm &&
	test "$(yaml_get "$ci/gitlab/docket.gitlab-ci.yml" "y[\"docket-check\"][\"artifacts\"][\"reports\"][\"codequality\"]")" = gl-code-quality-report.json &&
	test "$(yaml_get "$ci/gitlab/docket.gitlab-ci.yml" "y[\"docket-check\"][\"variables\"][\"GIT_DEPTH\"]")" = 0 &&
	test "$(yaml_get "$top/.pre-commit-hooks.yaml" "y[0][\"language\"]")" = system &&
	test "$(yaml_get "$ci/pre-commit/pre-commit-config.yaml" "y[\"repos\"][0][\"hooks\"][0][\"entry\"]")" = "docket check" &&
	grep -q "^/backlog/ORDER @" "$ci/CODEOWNERS"
'

# gitlab_script DIR [VAR=VALUE...]: the GitLab job's script line, with
# docket's clone (/opt/docket there) being this source tree
gitlab_script() {
	_d=$1
	shift
	yaml_get "$ci/gitlab/docket.gitlab-ci.yml" "y[\"docket-check\"][\"script\"][0]" |
		sed "s,/opt/docket,$top,g" >"$TRASH/mr.sh" &&
	(cd "$_d" && env PATH="$bindir:$PATH" "$@" sh -e "$TRASH/mr.sh")
}

test_expect 'GitLab: the merge request writes a Code Quality report, the diff in the log, and fails' '
	if ! have_yaml; then echo "# skip: no python3-yaml"; exit 0; fi &&
	git clone -q up gl && git -C gl checkout -q reorder &&
	expect_code 1 gitlab_script gl CI_MERGE_REQUEST_DIFF_BASE_SHA=$(git -C up rev-parse main) >out &&
	grep -q "^backlog/ORDER:1:1: error: commit .* \[owner-order\]" out &&
	grep -q "^Priority changes of this merge request (docket diff):" out &&
	grep -q "MKT-2  #2 → #1" out &&
	jq -e "length == 1 and .[0].check_name == \"owner-order\" and .[0].location.path == \"backlog/ORDER\" and (.[0].fingerprint | length == 16)" gl/gl-code-quality-report.json
'

test_expect 'GitLab: on the default branch (no base) the whole backlog passes' '
	if ! have_yaml; then echo "# skip: no python3-yaml"; exit 0; fi &&
	git -C gl checkout -q main &&
	gitlab_script gl >out &&
	grep -qx "no problems" out &&
	! grep -q "Priority changes" out &&
	test "$(jq length gl/gl-code-quality-report.json)" = 0
'

test_expect 'pre-commit: the hook blocks a commit that breaks the backlog' '
	if ! have pre-commit; then echo "# skip: pre-commit not installed"; exit 0; fi &&
	new_repo hooks && cp "$top/.pre-commit-hooks.yaml" hooks/ &&
	(cd hooks && git add -A && git commit -qm "docket hook") &&
	git clone -q up pc &&
	printf "repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: docket-check\n" \
		"$TRASH/hooks" "$(git -C hooks rev-parse HEAD)" >pc/.pre-commit-config.yaml &&
	(cd pc && git add .pre-commit-config.yaml && git commit -qm "Use pre-commit" &&
	 PATH="$bindir:$PATH" pre-commit install >/dev/null) &&
	printf -- "---\nid: MKT-3\ntitle: T\nstatus: wip\n---\n" >pc/backlog/MKT-3.md &&
	(cd pc && git add backlog/MKT-3.md &&
	 PATH="$bindir:$PATH" expect_code 1 git commit -qm "Add MKT-3" >../out 2>&1) &&
	grep -q "docket check.*Failed" out &&
	grep -q "backlog/MKT-3.md:4:9: error:" out &&
	test "$(git -C pc log --format=%s -1)" = "Use pre-commit" &&
	sed -i s/wip/idea/ pc/backlog/MKT-3.md &&
	(cd pc && git add backlog/MKT-3.md &&
	 PATH="$bindir:$PATH" git commit -qm "Add MKT-3" >../out 2>&1) &&
	grep -q "docket check.*Passed" out &&
	echo notes >pc/notes.txt &&
	(cd pc && git add notes.txt && PATH="$bindir:$PATH" git commit -qm "Notes" >../out 2>&1) &&
	grep -q "docket check.*Skipped" out
'

test_expect 'pre-commit: the local-hook config works as well' '
	if ! have pre-commit; then echo "# skip: pre-commit not installed"; exit 0; fi &&
	git clone -q up pl &&
	cp "$ci/pre-commit/pre-commit-config.yaml" pl/.pre-commit-config.yaml &&
	printf "MKT-9\n" >>pl/backlog/ORDER &&
	(cd pl && PATH="$bindir:$PATH" expect_code 1 pre-commit run --all-files >../out 2>&1) &&
	grep -q "backlog/ORDER:3:1: error: ORDER lists MKT-9" out
'

test_done
