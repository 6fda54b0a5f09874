#!/bin/sh
# Hostile text (docs/robustness.md): terminal escapes (ESC [, OSC 8 links, BEL, C1
# controls) and bidi overrides/isolates in titles, tags, bodies and file
# names never reach a terminal raw: every human format escapes them, on a
# terminal and (for check's text) in a pipe; data formats keep or encode
# the user's bytes.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-tty.sh"

# The title again in YAML escapes (raw controls are not allowed in YAML).
yaml_title='"A\e[31mred\e[0m \e]8;;https://evil.example/\alink\e]8;;\a bell\a nel\N rlo\u202ecba lri\u2066x\u2067y\u2068z\u2069"'

test_expect 'setup: items with hostile titles, tags, bodies and file names' '
	new_repo b && docket -C b init 2>/dev/null &&
	{ printf -- "---\nid: MKT-1\ntitle: %s\nstatus: ready\neffort: 2\ncustomer_value: 5\nbusiness_value: 5\n" "$yaml_title"
	  printf "tags: [\"\\\\e[2Jclear\", \"\\\\u202etag\", \"\\\\u2066iso\"]\nhypothesis: h\nmetric: m\ntarget: 1\n---\n"
	  printf "$hostile_fmt\n"; } >b/backlog/MKT-1.md &&
	name=$(printf "MKT-2-\033[31mx\342\200\256y.md") &&
	printf -- "---\nid: MKT-2\ntitle: plain\nstatus: \"do\\\\e]8;;x\\\\aing\\\\u202e\"\n---\nbody\n" >"b/backlog/$name" &&
	printf "MKT-1\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm items &&
	docket -C b list --format json | jq -e ".[0].title | contains(\"\\u001b]8;;https://evil.example/\\u0007\")"
'

test_expect 'list (table) on a terminal shows escapes, not controls' '
	expect_code 0 on_tty "$DOCKET" -C b list --color=never >out &&
	term_safe out &&
	grep -F "A\\x1b[31mred" out &&
	grep -F "\\u{202e}cba" out && grep -F "\\u{85}" out && grep -F "\\x07" out
'

test_expect 'list (table) in colour writes no escape but its own colours' '
	on_tty "$DOCKET" -C b list --color=always >out &&
	grep -q "$(printf "\033")\[1m" out &&
	only_sgr out
'

test_expect 'list --format plain and md are escaped on a terminal and in a pipe' '
	on_tty "$DOCKET" -C b list --format plain >out && term_safe out &&
	grep -F "\\x1b]8;;https://evil.example/\\x07link" out &&
	docket -C b list --format plain >out && term_safe out &&
	on_tty "$DOCKET" -C b list --format md >out && term_safe out
'

test_expect 'list --format csv escapes on a terminal, keeps the bytes in a pipe' '
	on_tty "$DOCKET" -C b list --format csv >out && term_safe out &&
	grep -F "\\x1b[31mx\\u{202e}y.md" out &&
	docket -C b list --format csv >out &&
	python3 -c "import sys; d=open(\"out\",\"rb\").read(); sys.exit(b\"\\x1b]8;;https://evil.example/\\x07link\" not in d)"
'

test_expect 'list --format json encodes every control, and the title round-trips' '
	on_tty "$DOCKET" -C b list --format json >out && term_safe out &&
	docket -C b list --format json >out && term_safe out &&
	python3 -c "
import json,sys
t=json.load(open(\"out\"))[0][\"title\"]
sys.exit(t != \"A\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x07link\x1b]8;;\x07 bell\x07 nel\x85 rlo\u202ecba lri\u2066x\u2067y\u2068z\u2069\")" &&
	jq -e ".[0].tags == [\"\\u001b[2Jclear\", \"\\u202etag\", \"\\u2066iso\"]" out
'

test_expect 'show on a terminal escapes the front matter and the body' '
	on_tty "$DOCKET" -C b show MKT-1 >out && term_safe out &&
	grep -F "A\\x1b[31mred\\x1b[0m \\x1b]8;;https://evil.example/\\x07link" out &&
	on_tty "$DOCKET" -C b show MKT-1 --format json >out && term_safe out
'

test_expect 'show in a pipe is the file, byte for byte' '
	docket -C b show MKT-1 >out && cmp out b/backlog/MKT-1.md
'

test_expect 'a hostile file name is escaped in show --format json on a terminal' '
	on_tty "$DOCKET" -C b show MKT-2 --format json >out && term_safe out &&
	grep -F "\\u001b[31mx\\u202ey.md" out
'

test_expect 'check text output escapes file names and quoted values, on a terminal and in a pipe' '
	expect_code 1 on_tty "$DOCKET" -C b check --color=never >out && term_safe out &&
	grep -F "backlog/MKT-2-\\x1b[31mx\\u{202e}y.md:4:9: error:" out &&
	grep -F "do\\x1b]8;;x\\x07ing\\u{202e}" out &&
	expect_code 1 on_tty "$DOCKET" -C b check --color=always >out && only_sgr out &&
	expect_code 1 docket -C b check >out && term_safe out &&
	grep -F "backlog/MKT-2-\\x1b[31mx\\u{202e}y.md:4:9" out
'

test_expect 'check machine formats carry no raw control either' '
	for f in json github sarif junit gitlab; do
		expect_code 1 docket -C b check --format $f >out.$f && term_safe out.$f || exit 1
	done &&
	jq -e ".findings[] | select(.rule == \"enum\") | .file == \"backlog/MKT-2-\\u001b[31mx\\u202ey.md\"" out.json
'

test_expect 'errors about unreadable files with hostile names are escaped on stderr' '
	printf "no front matter \033[2J\n" >"b/backlog/$(printf "MKT-3-\033]8;;x\007\342\201\246.md")" &&
	expect_code 1 on_tty "$DOCKET" -C b list --color=never >out && term_safe out &&
	grep -F "backlog/MKT-3-\\x1b]8;;x\\x07\\u{2066}.md:1:1: error: no front matter" out &&
	expect_code 1 docket -C b list >out 2>err && term_safe err
'
test_expect 'a hostile title reaches no commit message raw (git log shows them raw)' '
	docket -C b new "$(printf "$hostile_fmt")" >/dev/null 2>err &&
	git -C b log -1 --format=%B >msg && term_safe msg &&
	grep -F "A\\x1b[31mred\\x1b[0m" msg && grep -F "\\u{202e}cba" msg &&
	on_tty "$DOCKET" -C b log "$(git -C b log -1 --format=%s | sed "s/^Add \([^:]*\):.*/\1/")" --color=never >out &&
	term_safe out
'

test_expect 'the terminal output of every command that shows items is escaped' '
	docket -C b set MKT-1 effort=2 customer_value=5 business_value=5 >/dev/null 2>&1 &&
	docket -C b start MKT-1 >/dev/null 2>&1 &&
	for c in "log MKT-1" "diff HEAD~3 HEAD" huddle showcase report rank plan "burnup none"; do
		docket help "${c%% *}" >/dev/null 2>&1 || continue
		# shellcheck disable=SC2086
		on_tty "$DOCKET" -C b $c --color=never >out.tty 2>&1 || true
		term_safe out.tty || { echo "[$c]"; exit 1; }
		# shellcheck disable=SC2086
		on_tty "$DOCKET" -C b $c --color=always >out.tty 2>&1 || true
		only_sgr out.tty || { echo "[$c] in colour"; exit 1; }
	done
'
test_done
