#!/bin/sh
# What a new user reads in README.md and docs/ agrees with what docket
# does: the prefix docket accepts, which writes are validated, the
# scripts of the project.
. "$DOCKET_TESTS/cli/lib.sh"
TOP=$(cd "$DOCKET_TESTS/.." && pwd)

test_expect 'reference.md states the prefix rule docket init and docket.yaml enforce' '
	new_repo r &&
	expect_code 2 docket -C r init --prefix mkt 2>err &&
	rule=$(sed -n "s/.*is not a valid prefix: \(.*\), like MKT\$/\1/p" err) &&
	test -n "$rule" &&
	row=$(grep "^| \`prefix\` |" "$TOP/docs/reference.md" | tr -d "\`") &&
	case $row in *"$(echo "$rule" | tr -d "\`")"*) ;; *)
		echo "reference.md: $row"; echo "docket: $rule"; false ;; esac &&
	docket -C r init --prefix M1 2>/dev/null &&
	sed -i "s/^prefix: M1 /prefix: M_1/" r/docket.yaml &&
	expect_code 1 docket -C r check >out &&
	grep -q "^docket.yaml:2:9: error: prefix must be $rule" out
'

test_expect 'writing.md counts import among the writes that are validated' '
	sed -n "/^## Validate on write/,/^- the view/p" "$TOP/docs/writing.md" >v &&
	grep -q "\`import\`)" v &&
	! grep -q "\`import\` does not" v
'

test_expect 'the README names every script of scripts/' '
	row=$(grep "^| \`scripts/\` |" "$TOP/README.md") &&
	for f in "$TOP"/scripts/*; do
		b=$(basename "$f") &&
		case $row in *"\`$b\`"*) ;; *) echo "README: scripts/$b not named"; return 1 ;; esac
	done
'

test_done
