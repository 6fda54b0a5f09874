#!/bin/sh
# The logic of docket's GitHub Action (action.yml at the root) and of the
# GitLab CI example (examples/ci/gitlab): one script, so that the tests
# (tests/cli/t3400-action.sh) run what CI runs.  See docs/ci.md.
#
#   sh scripts/ci-check.sh prepare   install git, CA certificates and the
#                                    build tier's packages (Debian, as root)
#   sh scripts/ci-check.sh key       print the build cache key: the docket
#                                    commit (or a hash of its sources)
#   sh scripts/ci-check.sh build     build docket into $DOCKET_BUILD_DIR
#                                    unless a cached build is there; add it
#                                    to $GITHUB_PATH when set
#   sh scripts/ci-check.sh github    check the backlog in the current folder
#   sh scripts/ci-check.sh gitlab    the same for GitLab
#
# Environment of github and gitlab:
#   DOCKET_BASE    the pull request's base commit (empty: check without
#                  --base, as on the first push of a branch)
#   DOCKET_ARGS    more arguments for docket check (--ignore RULE, --strict)
#   DOCKET         the docket to run (default: docket on PATH)
# github only:
#   DOCKET_SARIF   also write a SARIF log to this file (empty: none)
#   GITHUB_STEP_SUMMARY  the job summary: counts and the priority changes
# gitlab only:
#   DOCKET_CODEQUALITY  the Code Quality report (gl-code-quality-report.json)
#
# github prints workflow commands (annotations, --format github); gitlab
# writes the Code Quality report and prints the findings and the
# priority changes (docket diff) in the job log.  Both exit with docket
# check's status: 0 no errors, 1 errors, 2 usage (a base that is not in
# the clone: fetch the whole history).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
DOCKET=${DOCKET:-docket}

die() {
	echo "ci-check.sh: $*" >&2
	exit 2
}

# The base as a commit the clone holds, or empty.
base_commit() {
	b=${DOCKET_BASE:-}
	case $b in
	"" | 0000000000000000000000000000000000000000) return 0 ;;
	esac
	if git cat-file -e "$b^{commit}" 2>/dev/null; then
		git rev-parse "$b^{commit}"
	else
		echo "ci-check.sh: the base $b is not in this clone: check out with the whole history (fetch-depth: 0, GIT_DEPTH: 0)" >&2
		return 2
	fi
}

# run_check FORMAT [OUT]: docket check with the base and DOCKET_ARGS, to
# OUT or to standard output (not "> /dev/stdout": that truncates a
# redirected log); returns docket's status.
run_check() {
	if [ $# -gt 1 ]; then
		_out=$2
		set -- "$1"
		run_check "$1" >"$_out"
		return
	fi
	# shellcheck disable=SC2086 # DOCKET_ARGS is a list of words
	if [ -n "$base" ]; then
		"$DOCKET" check --base "$base" ${DOCKET_ARGS:-} --format "$1"
	else
		"$DOCKET" check ${DOCKET_ARGS:-} --format "$1"
	fi
}

# The counts line of the github format ("docket check: N errors, ...").
summary_counts() {
	grep "^docket check: [0-9]" "$1" | tail -1 | sed "s/^docket check: //"
}

cmd_prepare() {
	command -v apt-get >/dev/null 2>&1 || die "prepare needs Debian (apt-get)"
	if ! command -v git >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
	fi
	sh "$src/scripts/install-deps.sh" build
	# the checkout belongs to the runner's user, not the container's root
	git config --global --add safe.directory '*'
}

cmd_key() {
	if [ -n "${DOCKET_REF:-}" ] && printf '%s\n' "$DOCKET_REF" | grep -qx '[0-9a-f]\{40\}'; then
		echo "commit-$DOCKET_REF"
	elif git -C "$src" rev-parse -q --verify HEAD^{commit} >/dev/null 2>&1 &&
	     [ -z "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
		echo "commit-$(git -C "$src" rev-parse HEAD)"
	else
		# an action downloaded as an archive has no .git: hash the sources
		(cd "$src" && find Makefile cmd core formats server scripts -type f | LC_ALL=C sort |
			xargs sha256sum | sha256sum | sed 's/^/src-/; s/ .*//')
	fi
}

cmd_build() {
	dir=${DOCKET_BUILD_DIR:?DOCKET_BUILD_DIR must name the build folder}
	if [ -x "$dir/docket" ] && "$dir/docket" --version >/dev/null 2>&1; then
		echo "docket: using the cached build in $dir"
	else
		make -C "$src" O="$dir" -j"$(nproc 2>/dev/null || echo 2)" "$dir/docket" >/dev/null
		echo "docket: built into $dir"
	fi
	if [ -n "${GITHUB_PATH:-}" ]; then
		echo "$dir" >>"$GITHUB_PATH"
	fi
}

cmd_github() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/docket-ci.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	base=$(base_commit) || exit 2
	status=0
	run_check github "$tmp/annotations" || status=$?
	cat "$tmp/annotations"
	[ "$status" -le 1 ] || exit "$status"
	if [ -n "${DOCKET_SARIF:-}" ]; then
		run_check sarif "$DOCKET_SARIF" || true
	fi
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		{
			echo "## docket check"
			echo
			if [ "$status" = 0 ]; then
				echo "Passed: $(summary_counts "$tmp/annotations")."
			else
				echo "Failed: $(summary_counts "$tmp/annotations")."
			fi
			if grep -q "^docket check: not annotated" "$tmp/annotations"; then
				echo
				grep "^docket check: not annotated" "$tmp/annotations" |
					sed "s/^docket check: not annotated, on/Not annotated, on/; s/\$/./"
			fi
			echo
			if [ -n "$base" ]; then
				# its own heading: "Backlog priority changes"
				"$DOCKET" diff "$base...HEAD" --format md || echo "(docket diff failed)"
			else
				echo "No base commit: the whole backlog was checked, and there are no priority changes to list."
			fi
		} >>"$GITHUB_STEP_SUMMARY"
	fi
	exit "$status"
}

cmd_gitlab() {
	base=$(base_commit) || exit 2
	report=${DOCKET_CODEQUALITY:-gl-code-quality-report.json}
	status=0
	run_check gitlab "$report" || status=$?
	[ "$status" -le 1 ] || exit "$status"
	run_check text || true
	if [ -n "$base" ]; then
		echo
		echo "Priority changes of this merge request (docket diff):"
		"$DOCKET" diff "$base...HEAD" || true
	fi
	exit "$status"
}

case ${1:-} in
prepare) cmd_prepare ;;
key) cmd_key ;;
build) cmd_build ;;
github) cmd_github ;;
gitlab) cmd_gitlab ;;
*) die "usage: sh scripts/ci-check.sh prepare|key|build|github|gitlab" ;;
esac
