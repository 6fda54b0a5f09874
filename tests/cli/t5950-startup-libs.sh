#!/bin/sh
# Start-up: only `docket serve` loads libmicrohttpd and, through it,
# GnuTLS (server/mhd.h); every other command starts without them.  The
# dynamic loader lists each object it loads (LD_DEBUG=files).  And
# libgit2's start does not parse the system's CA certificates, which
# docket never uses (core/repo.c): the call binds to docket's own
# definition (LD_DEBUG=bindings).
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

test_expect 'libgit2 starts without parsing the CA certificates; sync still merges' '
	cd r &&
	LD_DEBUG=bindings "$DOCKET" set MKT-1 effort=5 2>bind >/dev/null &&
	if grep -q "mbedtls_x509_crt_parse_file" bind; then
		# every object that calls it (libgit2, mbedTLS) binds to docket
		grep "normal symbol .mbedtls_x509_crt_parse_file" bind >calls &&
		grep -q "libgit2" calls &&
		! grep -v "to $DOCKET \[0\]" calls
	else
		echo "# this libgit2 does not use mbedTLS: nothing to check"
	fi &&
	git checkout -q -b side HEAD~1 && docket set MKT-1 title="Spring launch 2027" >/dev/null &&
	git checkout -q main && docket sync side >out 2>&1 &&
	grep -q "^title: Spring launch 2027$" backlog/MKT-1.md &&
	grep -q "^effort: 5$" backlog/MKT-1.md
'

test_done
