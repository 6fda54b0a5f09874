#!/bin/sh
# The manual (docs/docket.1.scd) against the program: every command
# descriptor of cmd/*.c is in `docket help` and has a section, and each
# section documents exactly the options `docket help CMD` lists.  Also:
# the page builds with scdoc, and `make install` puts the page and
# completions in place.
. "$DOCKET_TESTS/cli/lib.sh"

SRC=$(cd "$DOCKET_TESTS/.." && pwd)
SCD="$SRC/docs/docket.1.scd"
BUILD=$(dirname "$DOCKET")

# the commands of the descriptors in cmd/*.c, from the source
awk '/^const struct command cmd_/ { c = 1; next }
	c && /^	\.name = "/ { sub(/^	\.name = "/, ""); sub(/".*/, ""); print; c = 0 }' \
	"$SRC"/cmd/*.c | sort >table
# the commands `docket help` lists
docket help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit } c { print $1 }' | sort >listed

# manual_options CMD [FILE]: the long options defined in the manual's
# section "## CMD" (definition lines start with "*-"), sorted
manual_options() {
	awk -v c="## $1" '$0 == c { s = 1; next } /^#/ { s = 0 } s && /^\*-/' "${2:-$SCD}" |
		grep -o -- '--[a-z][a-z-]*' | sort -u
}
# help_options CMD: the long options of `docket help CMD`, sorted
help_options() {
	docket help "$1" | grep '^  -' | sed 's/^  //; s/  .*//' | grep -o -- '--[a-z][a-z-]*' | sort -u
}

test_expect 'the command table is found and docket help lists the same commands' '
	test "$(wc -l <table)" -ge 7 &&
	grep -qx export table &&
	test_cmp table listed
'

test_expect 'every command of the table has a section in the manual' '
	missing="" &&
	while read -r c; do
		grep -qx "## $c" "$SCD" || missing="$missing $c"
	done <table &&
	test -z "$missing" || { echo "not in the manual:$missing"; false; }
'

test_expect 'each section documents exactly the options of docket help CMD' '
	bad=0 &&
	while read -r c; do
		help_options "$c" >h.opts && manual_options "$c" >m.opts &&
		if ! diff -u h.opts m.opts >d; then
			echo "$c: - docket help, + manual:"; cat d; bad=1
		fi
	done <table &&
	test "$bad" = 0
'

test_expect 'the comparison sees options (it would catch a missing one)' '
	help_options list >h.opts && grep -qx -- --where h.opts &&
	manual_options list >m.opts && grep -qx -- --where m.opts &&
	help_options export >h.opts && test "$(cat h.opts | tr "\n" " ")" = "--output --rev --title " &&
	sed "/^\*--title\*/d" "$SCD" >cut.scd &&
	manual_options export cut.scd >m.opts && ! diff -q h.opts m.opts >/dev/null
'

test_expect 'the global options of docket help are in the manual' '
	docket help | sed -n "/^Global options:/,/^$/p" | grep "^  -" |
		sed "s/^  //; s/  .*//" | grep -o -- "--\?[a-zA-Z][a-z-]*" | sort -u >g &&
	test -s g &&
	while read -r o; do
		grep -q -- "^\*$o\*" "$SCD" || grep -q -- "^\*[^ ]*\*, \*$o\*" "$SCD" ||
			{ echo "global option $o is not in the manual"; return 1; }
	done <g
'

test_expect 'the manual names every documented command, exit status, files and environment' '
	for c in init new list show edit set start block done stop move rank followup \
		check diff log plan huddle showcase report burnup export import renumber \
		merge-order help; do
		grep -qx "## $c" "$SCD" || { echo "no section $c"; return 1; }
	done &&
	for s in "# EXIT STATUS" "# FILES" "# ENVIRONMENT" "# EXAMPLES"; do
		grep -qx "$s" "$SCD" || { echo "no $s"; return 1; }
	done &&
	for e in DOCKET_TODAY NO_COLOR VISUAL EDITOR; do
		sed -n "/^# ENVIRONMENT/,/^# EXAMPLES/p" "$SCD" | grep -q "^\*\(.*\*\)\{0,1\}$e\*" ||
			{ echo "$e not documented"; return 1; }
	done
'

test_expect 'the page builds with scdoc into the build folder' '
	command -v scdoc >/dev/null &&
	scdoc <"$SCD" >page.1 &&
	grep -q "^\.TH \"docket\" \"1\"" page.1 &&
	test -s "$BUILD/docket.1" &&
	grep -q "^\.TH \"docket\" \"1\"" "$BUILD/docket.1"
'

test_expect 'make install puts the binary, the page and both completions in place' '
	make -s -C "$SRC" O="$BUILD" DESTDIR="$TRASH/inst" PREFIX=/usr install >make.out 2>&1 ||
		{ cat make.out; false; } &&
	test -x inst/usr/bin/docket &&
	cmp inst/usr/share/man/man1/docket.1 "$BUILD/docket.1" &&
	cmp inst/usr/share/bash-completion/completions/docket "$SRC/completions/docket.bash" &&
	cmp inst/usr/share/zsh/site-functions/_docket "$SRC/completions/_docket" &&
	make -s -C "$SRC" O="$BUILD" DESTDIR="$TRASH/inst" PREFIX=/usr uninstall >make.out 2>&1 &&
	test -z "$(find inst -type f)"
'
test_done
