# Shared prelude for CLI tests (git's t/test-lib.sh, in small).
#
#   . "$DOCKET_TESTS/cli/lib.sh"
#   test_expect 'title' 'commands && more commands'
#   test_done
#
# Each script gets a fresh trash directory as HOME with a fixed git
# identity, GIT_CEILING_DIRECTORIES so that discovery never escapes into
# the project's own repository, and a reset environment.
set -u
: "${DOCKET:?DOCKET must name the docket binary}"
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/docket-test.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
export HOME="$TRASH"
export GIT_CEILING_DIRECTORIES="$TRASH"
export GIT_CONFIG_NOSYSTEM=1
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC PAGER=cat EDITOR=: VISUAL=:
export GIT_AUTHOR_NAME="Dana Reyes" GIT_AUTHOR_EMAIL="dana@example.com"
export GIT_COMMITTER_NAME="Dana Reyes" GIT_COMMITTER_EMAIL="dana@example.com"
export GIT_AUTHOR_DATE="2026-11-20T10:00:00Z" GIT_COMMITTER_DATE="2026-11-20T10:00:00Z"
unset NO_COLOR XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE || true
git config --global user.name "Dana Reyes"
git config --global user.email "dana@example.com"
git config --global init.defaultBranch main
cd "$TRASH" || exit 2

test_count=0
test_failed=0

docket() {
	${VALGRIND:-} "$DOCKET" "$@"
}

# test_expect TITLE SCRIPT: run SCRIPT in a subshell (set -e); ok/not ok.
test_expect() {
	test_count=$((test_count + 1))
	if (set -e; eval "$2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out" | tail -40
	fi
}

# expect_code N CMD...: run CMD, require exit status N.
expect_code() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got: $*" >&2
		return 1
	fi
}

# test_cmp EXPECTED ACTUAL: files must be equal.
test_cmp() {
	diff -u "$1" "$2"
}

# git_clean DIR: after a docket commit, nothing is left staged, unstaged
# or untracked in DIR.
git_clean() {
	_st=$(git -C "$1" status --porcelain)
	if [ -n "$_st" ]; then
		printf "git status in %s is not clean:\n%s\n" "$1" "$_st" >&2
		return 1
	fi
}

# same_as DIR REV PATH...: the files are as in REV, byte for byte.
same_as() {
	_d=$1 _r=$2
	shift 2
	git -C "$_d" diff --quiet "$_r" -- "$@"
}

# new_repo DIR: an empty git repository.
new_repo() {
	git init -q "$1"
}

# relax_required DIR: a backlog whose `required` rule is a warning (in
# the commit docket init made), for the import tests of the mapping:
# under the default rules an imported record without effort and values
# comes in as an idea (valid on arrival, t6200), which hides the status
# the mapping gave.
relax_required() {
	printf 'rules:\n  required: warning\n' >>"$1/docket.yaml" &&
	git -C "$1" commit -q --amend -a --no-edit
}

# example_repo DIR: a git repository holding the example backlog.
example_repo() {
	cp -R "$DOCKET_TESTS/../examples/banking-app" "$1"
	(cd "$1" && git init -q && git add -A && git commit -qm "Example backlog")
}

# limit_memory MB CMD...: run CMD with at most MB megabytes of memory, so
# that an unbounded read or expansion fails the test rather than the
# machine.  Normally `ulimit -v`.  AddressSanitizer cannot start under
# `ulimit -v` (it reserves terabytes of address space), and gcc 12's
# ASan has no malloc_limit_mb: under the sanitizers one allocation is
# limited to MB (max_allocation_size_mb, failing as NULL, which docket's
# handler reports) and the process is stopped past 4 x MB of memory
# (hard_rss_limit_mb).  Tests that need the whole process limited check
# $DOCKET_SAN and say that they are skipped there.
limit_memory() {
	_mb=$1
	shift
	if [ -n "${DOCKET_SAN:-}" ]; then
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=$_mb:hard_rss_limit_mb=$((_mb * 4))" "$@"
	else
		(ulimit -v $((_mb * 1024)) && "$@")
	fi
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}
