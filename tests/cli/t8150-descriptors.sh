#!/bin/sh
# The command descriptors (cmd/*.c) against what users read: the usage
# line of `docket help CMD` is the synopsis of the manual's section (which
# writes --format F and names the formats where it defines --format), the
# --format lists of the manual and the README are the commands' format
# tables, every option the help shows is taken by the parser as shown,
# and usage errors print the usage.  Expected values come from docket
# itself (`docket help`), never from a list written here.
. "$DOCKET_TESTS/cli/lib.sh"

SRC=$(cd "$DOCKET_TESTS/.." && pwd)
SCD="$SRC/docs/docket.1.scd"
README="$SRC/README.md"

docket help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit } c { print $1 }' >commands

# usage CMD: the usage line of `docket help CMD` ("docket CMD ..."), on
# one line
usage() {
	docket help "$1" | awk '/^usage: / { u = 1; sub(/^usage: /, ""); s = $0; next }
		u && /^$/ { exit } u { sub(/^ +/, ""); s = s " " $0 } END { print s }'
}
# synopsis CMD: the first "*docket ..." line of the manual's section, unmarked
synopsis() {
	awk -v c="## $1" '$0 == c { s = 1; next } /^#/ { s = 0 } s && /^\*docket / { print; exit }' "$SCD" |
		tr -d '*_'
}
# formats CMD: the --format values of the usage line, one per line
formats() {
	usage "$1" | grep -o -- '--format [a-z|-]*' | sed 's/^--format //' | tr '|' '\n'
}
# manual_formats CMD: the formats the manual's --format definition names:
# the first of each "- *name*: ..." item, else the *names* outside its
# parentheses
manual_formats() {
	awk -v c="## $1" '$0 == c { s = 1; next } /^#/ { s = 0 }
		s && /^\*--format\* / { d = 1; next } d && /^(\t|$)/ { print; next } d { exit }' "$SCD" >def
	if grep -q '^	- \*' def; then
		sed -n 's/^	- \*\([a-z][a-z-]*\)\*.*/\1/p' def
	else
		tr '\n' ' ' <def | sed -e ':a' -e 's/([^()]*)//g' -e 'ta' |
			grep -o '\*[a-z][a-z-]*\*' | tr -d '*'
	fi
}
# args CMD: a placeholder value for each required positional argument
args() {
	usage "$1" | tr ' ' '\n' | sed 1,2d | awk '/^[[-]/ { exit } /\|/ { split($0, a, "|"); print a[1]; next }
		/^[a-z]/ { print; next } { print "MKT-1" }'
}
# value PLACEHOLDER: a value an option with that placeholder accepts
value() {
	case $1 in ID) echo MKT-1 ;; N) echo 1 ;; RULE*) echo type ;; *) echo x ;; esac
}

test_expect 'the commands are found' '
	test "$(wc -l <commands)" -ge 20 && grep -qx list commands && grep -qx help commands
'

test_expect 'the usage line of every command is the synopsis of its manual section' '
	bad=0 &&
	while read -r c; do
		# the manual names the formats where it defines --format
		u=$(usage "$c" | sed "s/--format [a-z|-]*/--format F/") && m=$(synopsis "$c") &&
		if [ "$u" != "$m" ]; then
			printf "%s:\n  docket help: %s\n  manual:      %s\n" "$c" "$u" "$m"; bad=1
		fi
	done <commands &&
	test "$bad" = 0
'

test_expect 'the manual lists exactly the formats of each command, default first' '
	n=0 &&
	while read -r c; do
		formats "$c" >f.prog && test -s f.prog || continue
		n=$((n + 1)) &&
		manual_formats "$c" >f.man &&
		sort -u f.prog >a && sort -u f.man >b &&
		{ diff -u a b || { echo "$c: - table, + manual"; exit 1; }; } &&
		test "$(head -1 f.prog)" = "$(head -1 f.man)" ||
			{ echo "$c: the default is $(head -1 f.prog), the manual names $(head -1 f.man) first"; exit 1; }
	done <commands &&
	test "$n" -ge 8
'

test_expect 'the README names the formats of the tables, and uses only those' '
	tr "\n" " " <"$README" | grep -o "\`docket [a-z-]* [^\`]*--format [a-z][a-z|-]*" >spans &&
	test "$(wc -l <spans)" -ge 1 &&
	while read -r _ c rest; do
		want=$(formats "$c" | tr "\n" "|" | sed "s/|$//") &&
		got=$(printf "%s\n" "$rest" | grep -o -- "--format [a-z|-]*" | sed "s/^--format //") &&
		test "$want" = "$got" || { echo "README: docket $c --format $got, the table: $want"; exit 1; }
	done <spans &&
	# and the examples use formats that exist
	grep -o "docket [a-z-]* [^#\`]*--format [a-z-]*" "$README" >examples &&
	test "$(wc -l <examples)" -ge 3 &&
	while read -r _ c rest; do
		f=$(printf "%s\n" "$rest" | sed "s/.*--format //") &&
		formats "$c" | grep -qx -- "$f" || { echo "README: docket $c --format $f"; exit 1; }
	done <examples
'

test_expect 'an unknown --format is refused with the table'"'"'s names' '
	while read -r c; do
		formats "$c" >f.prog && test -s f.prog || continue
		names=$(awk "{ a[NR] = \$0 } END { for (i = 1; i <= NR; i++)
			printf \"%s%s\", (i == 1 ? \"\" : i == NR ? \" or \" : \", \"), a[i] }" f.prog) &&
		# shellcheck disable=SC2046
		expect_code 2 docket "$c" $(args "$c") --format bogus 2>err &&
		grep -qF "unknown format '"'"'bogus'"'"' (use $names)" err &&
		grep -q "^usage: docket $c" err || { echo "[$c]"; cat err; exit 1; }
	done <commands
'

test_expect 'every option and argument in docket help has its help text' '
	while read -r c; do
		docket help "$c" | grep "^  [-A-Z]" >lines || continue
		if grep -v "^  [^ ].*[^ ]  \+[^ ]" lines; then echo "[$c] without help"; exit 1; fi
	done <commands
'

test_expect 'each option is taken as docket help shows it; --help is the help' '
	while read -r c; do
		docket help "$c" >h && docket "$c" --help >h2 && test_cmp h h2 &&
		grep "^  -" h | sed "s/^  //; s/  .*//; s/,//" >opts || continue
		while read -r a b d; do
			# "-s --status S", "--status S", "--strict"
			case $a in --*) long=$a arg=$b ;; *) long=$b arg=$d ;; esac
			if [ -n "$arg" ]; then
				v=$(value "$arg") &&
				docket "$c" "$long=$v" --help >out || { echo "[$c $long=$v]"; exit 1; }
				expect_code 2 docket "$c" "$long" 2>err && grep -q "needs a value" err
			else
				docket "$c" "$long" --help >out || { echo "[$c $long]"; exit 1; }
				expect_code 2 docket "$c" "$long=x" 2>err && grep -q "takes no value" err
			fi
			test_cmp h out || { echo "[$c $long]"; exit 1; }
		done <opts
	done <commands
'

test_expect 'short options take attached values; -- ends the options' '
	docket help list >h &&
	docket list -sready --help >out && test_cmp h out &&
	docket list -s ready -t bau --help >out && test_cmp h out &&
	docket help -- list >out && test_cmp h out &&
	expect_code 2 docket list -x 2>err && grep -q "unknown option '"'"'-x'"'"'" err &&
	expect_code 2 docket list --status 2>err && grep -q "needs a value" err &&
	expect_code 2 docket help list extra 2>err && grep -q "unexpected argument '"'"'extra'"'"'" err
'

test_expect 'an unknown option is a usage error that shows the usage line' '
	while read -r c; do
		expect_code 2 docket "$c" --no-such-option 2>err &&
		grep -q "unknown option '"'"'--no-such-option'"'"'" err &&
		test "$(grep "^usage: " err)" = "$(docket help "$c" | grep "^usage: ")" ||
			{ echo "[$c]"; cat err; exit 1; }
	done <commands
'
test_done
