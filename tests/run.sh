#!/bin/sh
# Run every test of `make check` and print one closing line
# "check: N passed, N failed".  Each unit binary (cmocka) counts its own
# tests; each CLI script under tests/cli/t*.sh prints "ok"/"not ok" lines.
#
# Environment: DOCKET (the binary), UNIT_BINS, REPLAY_BINS, VALGRIND (a
# prefix command or empty), DOCKET_SAN (the sanitizers the binary was
# built with, or empty: tests/cli/lib.sh's limit_memory needs to know).
# Every test reads its data from tests/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
failures=""
export DOCKET VALGRIND
export DOCKET_SAN="${DOCKET_SAN:-}"
export DOCKET_TESTS="$here"

for t in $UNIT_BINS; do
	name=$(basename "$t")
	out=$($VALGRIND "$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		failures="$failures $name"
		printf '%s\n' "$out" | grep -v '^\[       OK \]\|^\[ RUN      \]' >&2
	fi
	printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
done

for t in $REPLAY_BINS; do
	name=$(basename "$t")
	h=${name#replay_}
	dirs="$here/fuzz/corpus/$h"
	out=$($VALGRIND "$t" $dirs 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		printf '%-28s %4d passed, 0 failed (%s)\n' "$name" 1 "$(printf '%s' "$out" | tail -1 | cut -d' ' -f1) inputs"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		printf '%s\n' "$out" | tail -30 >&2
		printf '%-28s %4d passed, 1 failed\n' "$name" 0
	fi
done

for t in "$here"/cli/t*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	out=$(sh "$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		printf '%s\n' "$out" | tail -20 >&2
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		failures="$failures $name"
		printf '%s\n' "$out" | grep -A30 '^not ok ' >&2
	fi
	printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
done

[ -n "$failures" ] && echo "failing:$failures" >&2
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
