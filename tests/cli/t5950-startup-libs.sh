#!/bin/sh
# Start-up: only `docket serve` loads libmicrohttpd and, through it,
# GnuTLS (server/mhd.h); every other command starts without them.  The
# dynamic loader lists each object it loads (LD_DEBUG=files).
. "$DOCKET_TESTS/cli/lib.sh"

# loaded CMD...: the shared objects docket loads running CMD (its own
# binary, without VALGRIND, whose loader is not glibc's)
loaded() {
	LD_DEBUG=files "$DOCKET" "$@" 2>&1 >/dev/null |
		sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sort -u
}

test_expect 'setup: a backlog with an item' '
	new_repo r && cd r && docket init >/dev/null 2>&1 &&
	docket new "Spring launch" >/dev/null 2>&1 && cd ..
'

test_expect 'list, show, check, set and new load neither libmicrohttpd nor GnuTLS' '
	cd r &&
	for c in "--version" "list" "show MKT-1" "check" "set MKT-1 effort=3" "new Another"; do
		# shellcheck disable=SC2086
		loaded $c >libs &&
		grep -q "^libgit2" libs &&
		! grep -E "libmicrohttpd|libgnutls" libs || { echo "docket $c:"; cat libs; exit 1; }
	done &&
	git log --oneline >log && test "$(wc -l <log)" -ge 3
'

test_done
