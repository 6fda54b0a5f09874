#!/bin/sh
# The rule registry (core/check_rules.def) against what users read:
# `docket help rules` lists every rule once with its default severity,
# `docket help RULE` explains each, no rule id is a command name, and the
# rule tables of docs/checks.md and the manual say the same as the
# program.
. "$DOCKET_TESTS/cli/lib.sh"

SRC=$(cd "$DOCKET_TESTS/.." && pwd)

# "id default[, fixed]" per rule, from docket itself
docket help rules | awk 'NR > 4 && NF {
	fixed = ($3 == "(fixed)") ? ", fixed" : ""; print $1 " " $2 fixed }' >rules
cut -d" " -f1 rules >ids

test_expect 'help rules lists every rule once, each with error or warning' '
	test "$(wc -l <ids)" -ge 28 &&
	test "$(sort -u ids | wc -l)" = "$(wc -l <ids)" &&
	! grep -v " error$\| warning$\| error, fixed$" rules &&
	grep -qx "syntax error, fixed" rules &&
	grep -qx "unknown-field warning" rules &&
	grep -qx "owner-order error" rules
'

test_expect 'help RULE explains every rule: default, scope, finds and help text' '
	while read -r id; do
		docket help "$id" >out || return 1
		head -1 out | grep -q "^rule $id: [A-Za-z]" &&
		grep -q "^default:  \(error\|warning\)" out &&
		grep -q "^scope:    \(item\|refs\|order\|cycles\|backlog\|history\) " out &&
		grep -q "^finds:    ." out &&
		test "$(sed -n "/^finds:/,\$p" out | sed 1,2d | grep -c .)" -ge 1 ||
			{ echo "help for $id is incomplete"; cat out; return 1; }
	done <ids
'

test_expect 'no rule id is a command name (docket help X must be one thing)' '
	docket help | awk "/^Commands:/ { c = 1; next } c && /^\$/ { exit } c { print \$1 }" >cmds &&
	test "$(wc -l <cmds)" -ge 7 &&
	! grep -qxFf cmds ids &&
	! grep -qx rules cmds
'

test_expect 'help check names every rule' '
	docket help check >out &&
	while read -r id; do
		grep -q "[ (]$id[ ,.]" out || { echo "$id not in help check"; return 1; }
	done <ids
'

# "id default[, fixed]" per row of the table in docs/checks.md (there
# "error, always"; a max: default after the severity is not compared)
doc_rules() {
	sed -n "/^| rule | default | finds |/,/^\$/p" "$1" | awk -F'|' '
		$2 ~ /^ `[a-z-]*` $/ {
			id = $2; gsub(/[ `]/, "", id)
			split($3, d, ","); sev = d[1]; gsub(/ /, "", sev)
			print id " " sev ($3 ~ /always/ ? ", fixed" : "")
		}'
}

test_expect 'the rule table of docs/checks.md is the registry' '
	doc_rules "$SRC/docs/checks.md" >doc &&
	test_cmp rules doc
'

test_expect 'the manual RULES section is the registry' '
	sed -n "/^# RULES/,/^# EXIT STATUS/p" "$SRC/docs/docket.1.scd" |
		sed -n "s/^\*\([a-z-]*\)\* (\([a-z, ]*\))\$/\1 \2/p" >manual &&
	test_cmp rules manual
'

test_expect 'the comparison would see a drift' '
	sed "s/^| \`wip-limit\` | warning,/| \`wip-limit\` | error,/" "$SRC/docs/checks.md" >c.md &&
	doc_rules c.md >doc &&
	! test_cmp rules doc >/dev/null
'

test_expect 'an unknown topic is a usage error naming both lists' '
	expect_code 2 docket help no-such-rule 2>err &&
	grep -q "docket help rules" err
'

test_done
