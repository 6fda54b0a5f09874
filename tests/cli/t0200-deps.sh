#!/bin/sh
# One list of Debian packages (scripts/install-deps.sh), in tiers: every
# pkg-config module, -l library and header the Makefile's build uses
# comes from a package of the build tier (the unit tests' from the build
# or test tier), as dpkg says; and the README, make and every CI example
# install through the script, on Debian 12.
. "$DOCKET_TESTS/cli/lib.sh"
TOP=$(cd "$DOCKET_TESTS/.." && pwd)
DEPS="$TOP/scripts/install-deps.sh"
CC=${CC:-cc}

# what the Makefile uses, and the tiers
make -s --no-print-directory -C "$TOP" deps-used >used
sh "$DEPS" --list build | tr ' ' '\n' >build.tier
sh "$DEPS" --list test | tr ' ' '\n' >test.tier
cat build.tier test.tier >buildtest.tier
used() { sed -n "s/^$1 //p" "$TRASH/used"; }

# owner PATH: the package dpkg says installed PATH (without ":arch"), as
# given: a library's .so symbolic link belongs to its -dev package
owner() {
	dpkg -S "$1" 2>/dev/null | sed -n '1s/:[^:]*$//p' | tr -d ' ' | sed 's/:[a-z0-9]*//g' | tr ',' '\n'
}

# closure PACKAGE...: the packages and everything they depend on, as
# installed (Depends and Pre-Depends, every alternative)
closure() {
	dpkg-query -W -f='${Package}\t${Depends}, ${Pre-Depends}\n' |
	awk -F'\t' -v start="$*" '
		{ d = $2; gsub(/\([^)]*\)|:[a-z0-9]+|[ ]/, "", d); gsub(/\|/, ",", d); deps[$1] = d }
		END {
			n = split(start, todo, " ")
			for (i = 1; i <= n; i++) {
				p = todo[i]
				if (p == "" || (p in seen)) continue
				seen[p] = 1
				m = split(deps[p], ds, ",")
				for (j = 1; j <= m; j++) if (ds[j] != "") todo[++n] = ds[j]
			}
			for (p in seen) print p
		}' | sort
}

# all_in_tier TIERFILE WHAT < PATHS: every path belongs to a package
# listed in TIERFILE (one dpkg call for all)
all_in_tier() {
	cat >paths
	dpkg -S $(cat paths) 2>/dev/null | sed 's|: /|\t/|' >owners || true
	awk -F'\t' -v what="$2" -v tier="$(basename "$1" .tier)" '
		FILENAME == ARGV[1] { ok[$1] = 1; next }
		FILENAME == ARGV[2] { n = split($1, ps, ", "); found[$2] = 1; who = ""
			for (i = 1; i <= n; i++) { sub(/:.*/, "", ps[i]); who = who (i > 1 ? " or " : "") ps[i]
				if (ps[i] in ok) good[$2] = 1 }
			if (!($2 in good)) { print what ": " $2 " comes from " who ", which is not in " tier \
				" (add it to scripts/install-deps.sh)"; bad = 1 }
			next }
		{ if (!($0 in found)) { print what ": " $0 " belongs to no installed package"; bad = 1 } }
		END { exit bad }' "$1" owners paths >&2
}

test_expect 'the list has its tiers, and make and the README use it' '
	test "$(wc -l <build.tier)" -ge 8 &&
	grep -qx libc6-dev build.tier && grep -qx pkg-config build.tier &&
	grep -qx libcmocka-dev test.tier && grep -qx git test.tier &&
	sh "$DEPS" --list browser | grep -qw chromium &&
	test "$(sh "$DEPS" --list)" = "$(sh "$DEPS" --list build test browser dev)" &&
	expect_code 2 sh "$DEPS" --list nosuchtier 2>err && grep -q "unknown tier" err &&
	grep -q "scripts/install-deps.sh" "$TOP/Makefile" &&
	make -s -n --no-print-directory -C "$TOP" deps >n.deps &&
	grep -q "install-deps.sh" n.deps &&
	make -s -n --no-print-directory -C "$TOP" check >n.check &&
	grep -q "install-deps.sh --check-or-install build test" n.check &&
	grep -q "scripts/install-deps.sh" "$TOP/README.md" &&
	grep -q "scripts/install-deps.sh" "$TOP/.ci/run" &&
	# nothing else lists packages: no -dev package named outside the script
	(cd "$TOP" && grep -rlE "\b(libgit2|libyaml|libpcre2|libcsv|libcmocka|nettle)-dev\b" \
		--exclude-dir=.git --exclude-dir="build*" --exclude-dir=corpus \
		--exclude=t0200-deps.sh --exclude=install-deps.sh . ) >named || true &&
	test_cmp /dev/null named
'

test_expect 'every pkg-config module is in the build tier (cmocka: test)' '
	test -n "$(used pkg-config)" &&
	for m in $(used pkg-config); do
		echo "$(pkg-config --variable=pcfiledir "$m")/$m.pc"
	done | all_in_tier build.tier pkg-config &&
	for m in $(used test-pkg-config); do
		echo "$(pkg-config --variable=pcfiledir "$m")/$m.pc"
	done | all_in_tier buildtest.tier pkg-config
'

# lib_path -lNAME: the file the linker takes, as the compiler finds it
# (the .so, else the .a), with ".." folded but no link followed
lib_path() {
	for _ext in so a; do
		_f=$($CC -print-file-name="lib${1#-l}.$_ext")
		case $_f in
		/*) realpath -s "$_f"; return 0 ;;
		esac
	done
	echo "lib${1#-l}: not found" >&2
	return 1
}

test_expect 'every -l library is in the build tier (libcsv.so: libcsv-dev)' '
	test -n "$(used libs)" &&
	for l in $(used libs); do lib_path "$l" || return 1; done >libs &&
	all_in_tier build.tier library <libs &&
	for l in $(used test-libs); do lib_path "$l" || return 1; done >libs &&
	all_in_tier buildtest.tier library <libs &&
	test "$(owner "$(lib_path -lcsv)")" = libcsv-dev &&
	test "$(owner "$(lib_path -lm)")" = libc6-dev &&
	test "$(owner "$(lib_path -lpthread)")" = libc6-dev
'

# headers FLAGS FILE...: every system header the files include
headers() {
	_flags=$1
	shift
	# shellcheck disable=SC2086
	eval "$CC $_flags -M \"\$@\"" | tr " \\\\" "\n\n" | grep "^/" | sort -u
}

test_expect 'every header the sources include is from the build tier or the toolchain' '
	closure build-essential libc6-dev >toolchain &&
	cat build.tier toolchain >build+tc.tier &&
	cat buildtest.tier toolchain >buildtest+tc.tier &&
	(cd "$TOP" && headers "$(used cppflags)" $(used sources)) >h.build &&
	(cd "$TOP" && headers "$(used cppflags) $(used test-cppflags)" $(used test-sources)) >h.test &&
	test "$(used sources | wc -w)" -gt 100 &&
	test "$(wc -l <h.build)" -gt 50 &&
	grep -q "/git2.h$" h.build && grep -q "/nettle/" h.build && grep -q "/cmocka.h$" h.test &&
	all_in_tier build+tc.tier header <h.build &&
	all_in_tier buildtest+tc.tier header <h.test &&
	# without the toolchain, the compiler'"'"'s own headers are not listed
	! all_in_tier build.tier header <h.build 2>err &&
	grep -q "stddef.h comes from libgcc-[0-9]*-dev, which is not in build" err &&
	! grep -q "git2" err
'

test_expect 'a library missing from the list is caught' '
	grep -v "^nettle-dev$" build.tier >short.tier &&
	lib_path -lnettle >libs &&
	! all_in_tier short.tier library <libs 2>err &&
	grep -q "libnettle.so comes from nettle-dev, which is not in short" err
'

# builds_docket FILE: FILE installs the build tier and runs make itself,
# or through scripts/ci-check.sh (prepare, build), directly or as docket's
# action (action.yml), which does both that way
builds_docket() {
	if grep -q "uses: [^ ]*/docket@" "$1"; then
		set -- "$TOP/action.yml"
	fi
	if grep -q "scripts/ci-check.sh\"\? prepare" "$1"; then
		grep -q "scripts/ci-check.sh\"\? build" "$1" &&
		grep -q "sh \"\$src/scripts/install-deps.sh\" build$" "$TOP/scripts/ci-check.sh" &&
		grep -q "make -C " "$TOP/scripts/ci-check.sh"
	else
		grep -q "sh [^ ]*/scripts/install-deps.sh build$" "$1" &&
		grep -q "make -C " "$1"
	fi
}

test_expect 'every CI example builds on Debian 12 with the build tier' '
	n=0 &&
	for f in "$TOP"/examples/ci/github/*.yml "$TOP"/examples/ci/gitlab/*.yml; do
		n=$((n + 1)) &&
		grep -qE "^ *(container|image): debian:bookworm$" "$f" &&
		builds_docket "$f" &&
		# apt-get itself installs only what it takes to clone docket (in
		# the example, or else in scripts/ci-check.sh prepare)
		a=$f && { grep -q "apt-get install" "$f" || a="$TOP/scripts/ci-check.sh"; } &&
		sed -n "s/.*apt-get install \(.*\)/\1/p" "$a" | tr " " "\n" |
			grep -v "^-\|^$\|^>/dev/null$" | sort -u >pk &&
		printf "ca-certificates\ngit\n" >want &&
		test_cmp want pk || { echo "in $f"; return 1; }
	done &&
	test "$n" -ge 4 &&
	! grep -n "ubuntu-latest" "$TOP"/examples/ci/github/docket.yml | grep -v "runs-on"
'
test_done
