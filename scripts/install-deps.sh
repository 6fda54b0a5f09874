#!/bin/sh
# The Debian 12 (bookworm) packages docket needs: the project's one list.
#
#   sh scripts/install-deps.sh [TIER...]         install what is missing (as root)
#   sh scripts/install-deps.sh --check-or-install [TIER...]
#                                                the same, but as another user only
#                                                print the apt-get line (exit 2)
#   sh scripts/install-deps.sh --list [TIER...]  print the package names
#
# No TIER means every tier.  `make deps` installs every tier, `make` and
# `make demo` check build, `make check` build, test and browser.  The
# README and the CI examples (examples/ci/) call this script; nothing else
# lists packages.
#
# To add a package, add one line to PACKAGES below: the tier, the Debian
# package, and what needs it.  tests/cli/t0200-deps.sh checks that every
# pkg-config module, header and -l library of the Makefile comes from a
# package of the build tier (or, for the unit tests, the test tier).
set -eu

# tier     package                      what needs it
PACKAGES='
build      build-essential              # cc, make
build      libc6-dev                    # the C library and its headers, -lm, -lpthread
build      pkg-config                   # the Makefile finds the libraries with it
build      libgit2-dev                  # every git operation
build      libyaml-dev                  # YAML
build      libpcre2-dev                 # regular expressions (--grep, patterns)
build      libcmark-gfm-dev             # Markdown bodies in the HTML export
build      libcmark-gfm-extensions-dev  # tables and task lists in bodies
build      libutf8proc-dev              # text width and normalisation
build      libcsv-dev                   # CSV import
build      libjansson-dev               # JSON import (Trello exports)
build      nettle-dev                   # SHA-256 for the HTML export
build      libmicrohttpd-dev            # docket serve (HTTP): its headers, and the library serve loads
test       libcmocka-dev                # the unit tests
test       git                          # the CLI tests make repositories
test       python3                      # test helpers, bench/make-backlog.py
test       python3-yaml                 # CI examples parsed (t3300)
test       scdoc                        # the manual page (make, t8100)
test       libxml2-utils                # xmllint: JUnit, SARIF and HTML output
test       jq                           # JSON output in the CLI tests
test       python3-jsonschema           # SARIF checked against its schema (t3350)
test       python3-rfc3987              # URIs in SARIF checked by their format (helpUri, t3500)
test       pre-commit                   # the hook manifest, pre-commit try-repo (t3450)
test       time                         # /usr/bin/time: peak memory in make bench
browser    chromium                     # the HTML export in a browser (t8010)
browser    chromium-driver              # WebDriver: the pages of docket serve (t87xx)
browser    python3-selenium             # WebDriver from Python
dev        clang                        # make fuzz, make CC=clang WERROR=1
dev        valgrind                     # make valgrind
'
TIERS="build test browser dev"
# Tiers whose tests skip without them: --check-or-install, as a user who
# is not root, notes them and goes on.
OPTIONAL_TIERS="browser dev"

usage() {
	echo "usage: sh scripts/install-deps.sh [--list | --check-or-install] [TIER...]" >&2
	echo "tiers: $TIERS" >&2
	exit 2
}

mode=install
case "${1:-}" in
--list) mode=list; shift ;;
--check-or-install) mode=check; shift ;;
-h | --help) usage ;;
-*) echo "install-deps.sh: unknown option $1" >&2; usage ;;
esac
want=${*:-$TIERS}
for t in $want; do
	case " $TIERS " in
	*" $t "*) ;;
	*) echo "install-deps.sh: unknown tier '$t'" >&2; usage ;;
	esac
done

# packages TIER: the packages of one tier
packages() {
	printf '%s\n' "$PACKAGES" | sed 's/#.*//' | awk -v t="$1" '$1 == t { print $2 }'
}

if [ "$mode" = list ]; then
	# shellcheck disable=SC2046
	echo $(for t in $want; do packages "$t"; done)
	exit 0
fi

missing=""
optional=""
for t in $want; do
	for p in $(packages "$t"); do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			case " $OPTIONAL_TIERS " in
			*" $t "*) optional="$optional $p" ;;
			*) missing="$missing $p" ;;
			esac
		fi
	done
done
[ -z "$missing$optional" ] && exit 0

if [ "$(id -u)" != 0 ] && [ "$mode" = check ] && [ -z "$missing" ]; then
	echo "not installed (the tests that need them are skipped):$optional" >&2
	exit 0
fi
missing="$missing$optional"
if [ "$(id -u)" != 0 ]; then
	echo "docket needs these Debian packages:$missing" >&2
	echo "install them as root: apt-get install$missing" >&2
	exit 2
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
