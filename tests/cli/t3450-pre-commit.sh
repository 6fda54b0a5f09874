#!/bin/sh
# The pre-commit hook manifest at docket's root, as a new user tries it:
# `pre-commit try-repo <clone of docket> docket-check` (Debian's
# pre-commit, language: system, so no network) fails on a backlog with a
# planted error and passes on a clean one; only backlog files trigger it.
# The repository tried holds the files at the root of this source tree
# (what pre-commit reads of a clone of docket: the manifest at its root),
# as they are here; the folders are left out, as every try-repo clones
# the repository again and the tests and corpora would only slow it.
. "$DOCKET_TESTS/cli/lib.sh"

SRC=$(cd "$DOCKET_TESTS/.." && pwd)
bindir=$(dirname "$DOCKET")

if ! command -v pre-commit >/dev/null 2>&1; then
	test_expect 'pre-commit try-repo (skipped: pre-commit is not installed)' 'true'
	echo "# skip: no pre-commit (scripts/install-deps.sh test installs it)"
	test_done
	exit
fi

# docket: the project's root files in a repository
new_repo docket
find "$SRC" -maxdepth 1 -type f -exec cp {} docket/ \;
(cd docket && git add -A && git commit -qm "docket's root files")

# a backlog repository
new_repo b
cat >b/docket.yaml <<'YAML'
prefix: MKT
rules:
  bau-share: off
YAML
mkdir b/backlog
printf -- "---\nid: MKT-1\ntitle: One\ntype: bau\nstatus: idea\n---\n" >b/backlog/MKT-1.md
printf 'MKT-1\n' >b/backlog/ORDER
echo notes >b/notes.txt
(cd b && git add -A && git commit -qm "Backlog")

try_repo() {
	(cd b && env PATH="$bindir:$PATH" pre-commit try-repo "$TRASH/docket" docket-check "$@")
}

test_expect 'the manifest is at the root of docket and pre-commit reads it' '
	test -f docket/.pre-commit-hooks.yaml &&
	test ! -e "$SRC/examples/ci/pre-commit/.pre-commit-hooks.yaml" &&
	try_repo --all-files >out 2>&1 &&
	grep -q "docket check.*Passed" out
'

test_expect 'try-repo fails on a planted error and names it' '
	printf -- "---\nid: MKT-2\ntitle: Two\ntype: bau\nstatus: wip\n---\n" >b/backlog/MKT-2.md &&
	(cd b && git add backlog/MKT-2.md) &&
	expect_code 1 try_repo >out 2>&1 &&
	grep -q "docket check.*Failed" out &&
	grep -q "backlog/MKT-2.md:5:9: error: .status. is .wip." out
'

test_expect 'and passes once the backlog is clean' '
	sed -i "s/^status: wip/status: idea/" b/backlog/MKT-2.md &&
	(cd b && git add backlog/MKT-2.md) &&
	try_repo >out 2>&1 &&
	grep -q "docket check.*Passed" out
'

test_expect 'a change outside the backlog does not run it' '
	(cd b && git commit -qm "Add MKT-2" && echo more >>notes.txt && git add notes.txt) &&
	try_repo >out 2>&1 &&
	grep -q "docket check.*(no files to check)Skipped" out
'

test_done
