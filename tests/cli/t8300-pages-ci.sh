#!/bin/sh
# The Pages examples in examples/ci: the GitHub workflow and the GitLab
# job parse, have what their hosts require, and their export step,
# run as the job would, produces the site.  GitHub and GitLab
# themselves are not here.
. "$DOCKET_TESTS/cli/lib.sh"

ci="$DOCKET_TESTS/../examples/ci"
bindir=$(dirname "$DOCKET")
have_yaml() { python3 -c "import yaml" 2>/dev/null; }
skip_no_yaml() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP no python3-yaml"
}

# yaml_get FILE PYTHON-EXPR: print a value of the parsed file (y)
yaml_get() {
	python3 - "$1" "$2" <<'PY'
import sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
v = eval(sys.argv[2], {"y": y})
print(v if isinstance(v, str) else repr(v))
PY
}

cp -R "$DOCKET_TESTS/fixtures/html" repo
(cd repo && git init -q && git add -A && git commit -qm "Backlog")

if ! have_yaml; then
	skip_no_yaml 'GitHub: the workflow parses and deploys with the Pages actions'
	skip_no_yaml 'GitHub: the export step writes the site the upload step publishes'
	skip_no_yaml 'GitLab: the job is named pages and its script fills public/'
	test_done
	exit
fi

gh="$ci/github/pages.yml"
gl="$ci/gitlab/pages.gitlab-ci.yml"

test_expect 'GitHub: the workflow parses and deploys with the Pages actions' '
	test "$(yaml_get "$gh" "y[\"permissions\"][\"pages\"]")" = write &&
	test "$(yaml_get "$gh" "y[\"permissions\"][\"id-token\"]")" = write &&
	yaml_get "$gh" "y[True][\"push\"][\"paths\"]" | grep -q "backlog/\*\*" &&
	yaml_get "$gh" "[s.get(\"uses\", \"\") for s in y[\"jobs\"][\"build\"][\"steps\"]]" |
		grep -q "actions/upload-pages-artifact@" &&
	test "$(yaml_get "$gh" "y[\"jobs\"][\"deploy\"][\"needs\"]")" = build &&
	yaml_get "$gh" "y[\"jobs\"][\"deploy\"][\"steps\"][0][\"uses\"]" | grep -q "^actions/deploy-pages@" &&
	test "$(yaml_get "$gh" "y[\"jobs\"][\"deploy\"][\"environment\"][\"name\"]")" = github-pages
'

test_expect 'GitHub: the export step writes the site the upload step publishes' '
	yaml_get "$gh" "[s for s in y[\"jobs\"][\"build\"][\"steps\"] if s.get(\"name\") == \"Export the site\"][0][\"run\"]" >export.sh &&
	path=$(yaml_get "$gh" "[s for s in y[\"jobs\"][\"build\"][\"steps\"] if \"upload-pages-artifact\" in s.get(\"uses\", \"\")][0][\"with\"][\"path\"]") &&
	test "$path" = "\${{ runner.temp }}/site" &&
	git clone -q repo gh &&
	mkdir -p runner &&
	(cd gh && PATH="$bindir:$PATH" RUNNER_TEMP="$TRASH/runner" SITE_TITLE="Our backlog" sh -e ../export.sh) &&
	test -s runner/site/index.html &&
	grep -q "<title>Our backlog</title>" runner/site/index.html &&
	test "$(ls runner/site/items | wc -l)" = "$(ls gh/backlog/*.md | wc -l)" &&
	test -z "$(git -C gh status --porcelain)"
'

test_expect 'GitLab: the job is named pages and its script fills public/' '
	test "$(yaml_get "$gl" "\" \".join(y[\"pages\"][\"artifacts\"][\"paths\"])")" = public &&
	yaml_get "$gl" "y[\"pages\"][\"rules\"][0][\"if\"]" | grep -q CI_DEFAULT_BRANCH &&
	yaml_get "$gl" "\"\\n\".join(y[\"pages\"][\"script\"])" >script.sh &&
	git clone -q repo gl &&
	(cd gl && PATH="$bindir:$PATH" SITE_TITLE="Our backlog" sh -e ../script.sh) &&
	test -s gl/public/index.html &&
	grep -q "<title>Our backlog</title>" gl/public/index.html
'
test_done
