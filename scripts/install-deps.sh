#!/bin/sh
# Install the Debian packages docket needs to build, test and demo.
#   scripts/install-deps.sh                    install what is missing (as root)
#   scripts/install-deps.sh --check-or-install the same, but only if something is missing
#   scripts/install-deps.sh --list             print the package names
set -eu

PKGS="build-essential pkg-config git python3 \
libgit2-dev libyaml-dev libpcre2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
libutf8proc-dev libcsv-dev nettle-dev libmicrohttpd-dev libcmocka-dev scdoc libxml2-utils jq"
# Installed too, but `make check` runs without them (their tests say skip):
# chromium renders the HTML export in tests/cli/t8010; chromium-driver and
# python3-selenium drive the pages of docket serve in tests/cli/t87xx.
OPTIONAL="chromium chromium-driver python3-selenium"

if [ "${1:-}" = "--list" ]; then
	echo $PKGS $OPTIONAL
	exit 0
fi

missing=""
optional=""
for p in $PKGS $OPTIONAL; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		case " $OPTIONAL " in
		*" $p "*) optional="$optional $p" ;;
		*) missing="$missing $p" ;;
		esac
	fi
done
[ -z "$missing$optional" ] && exit 0

if [ "$(id -u)" != 0 ] && [ -z "$missing" ]; then
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
