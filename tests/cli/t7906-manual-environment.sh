#!/bin/sh
# Every environment variable the program reads is in the manual's
# ENVIRONMENT section, so that a user who meets one (a cache to turn off,
# a spill folder, a browser) can look it up.
. "$DOCKET_TESTS/cli/lib.sh"
TOP=$(cd "$DOCKET_TESTS/.." && pwd)
SCD="$TOP/docs/docket.1.scd"

test_expect 'every getenv of the program is documented under ENVIRONMENT' '
	sed -n "/^# ENVIRONMENT/,/^# EXAMPLES/p" "$SCD" >env &&
	cat "$TOP"/core/*.c "$TOP"/cmd/*.c "$TOP"/formats/*.c "$TOP"/server/*.c |
		grep -o "getenv(\"[A-Z_]*\")" | sed "s/getenv(\"//; s/\")//" |
		sort -u >vars &&
	test "$(wc -l <vars)" -gt 8 &&
	while read -r v; do
		case $v in PATH) continue ;; esac  # only for init to say where git finds docket
		grep -q "^\*\(.*\*\)\{0,1\}$v\*" env || { echo "$v is not in the manual"; return 1; }
	done <vars
'

test_expect 'the identity variables built from a prefix are there too' '
	for v in GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME \
		GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE; do
		grep -q "\*$v\*" env || { echo "$v is not in the manual"; return 1; }
	done
'

test_expect 'DOCKET_HISTORY_CACHE=0 does what the manual says: no cache file' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "Teaser" >/dev/null &&
	DOCKET_HISTORY_CACHE=0 docket -C r log MKT-1 >/dev/null &&
	! ls r/.git/docket/history-* 2>/dev/null &&
	docket -C r log MKT-1 >/dev/null &&
	ls r/.git/docket/history-* >/dev/null
'

test_done
