#!/bin/sh
# The documentation stands alone and matches the program: every relative
# link of the README and docs/ leads to a file (and heading) of the
# project; docs/checks.md describes every rule and format of `check`;
# docs/reference.md lists fields and docket.yaml keys docket accepts and
# the formats `list` and `show` have.
. "$DOCKET_TESTS/cli/lib.sh"
TOP=$(cd "$DOCKET_TESTS/.." && pwd)
REF="$TOP/docs/reference.md"
CHECKS="$TOP/docs/checks.md"

# anchors FILE: the GitHub anchors of a Markdown file's headings
anchors() {
	sed -n 's/^#\{1,6\} \(.*\)/\1/p' "$1" | tr 'A-Z' 'a-z' |
		sed 's/[^a-z0-9 _-]//g; s/ /-/g'
}

test_expect 'every relative link of the README and docs/ leads into the project' '
	n=0 &&
	for f in "$TOP/README.md" "$TOP"/docs/*.md "$TOP/examples/README.md" \
		 "$TOP/examples/ci/README.md" "$TOP/tests/corpus/README.md"; do
		dir=$(dirname "$f")
		# [text](target) links, without http(s) and mailto
		grep -o "\](\([^)]*\))" "$f" | sed "s/^](//; s/)\$//" |
			grep -v "^https\?:\|^mailto:" >links || true
		while read -r l; do
			n=$((n + 1))
			path=${l%%#*} anchor=
			case $l in *"#"*) anchor=${l#*#} ;; esac
			[ -n "$path" ] && target="$dir/$path" || target=$f
			if [ ! -e "$target" ]; then
				echo "$f: link to $l: no such file"; return 1
			fi
			if [ -n "$anchor" ] && ! anchors "$target" | grep -qx "$anchor"; then
				echo "$f: link to $l: no such heading"; return 1
			fi
		done <links
	done &&
	test "$n" -gt 40
'

test_expect 'docs/checks.md has a row for every rule of docket help check' '
	# the list after "Rules", without the (notes), split at commas
	docket help check | sed -n "/^Rules/,/^\$/p" | tail -n +2 | sed "s/([^)]*)//g" |
		tr "," "\n" | sed "s/^ *//; s/ *\$//; s/\.\$//" | grep . | sort -u >rules &&
	test "$(wc -l <rules)" -ge 25 &&
	while read -r r; do
		grep -q "^| \`$r\` |" "$CHECKS" || { echo "no row for $r"; return 1; }
	done <rules
'

test_expect 'docs/checks.md describes every format of check, and the reference every list format' '
	for f in $(docket help check | sed -n "s/.*--format F *//p" | tr -d "," |
		   sed "s/(default)//; s/ or / /"); do
		grep -q "^### $f" "$CHECKS" || { echo "no section for $f"; return 1; }
	done &&
	docket help list | grep -o "table|plain|json|csv|md" >/dev/null &&
	for f in table plain json csv md; do
		grep -q "^| \`$f\`" "$REF" || { echo "no row for list --format $f"; return 1; }
	done
'

test_expect 'every field of the reference is one docket knows' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	sed -n "/^### Fields/,/^\"Required/p" "$REF" | sed -n "s/^| \`\([a-z_]*\)\`\(, \`\([a-z_]*\)\`\)*.*/&/p" |
		cut -d"|" -f2 | grep -o "\`[a-z_]*\`" | tr -d "\`" >fields &&
	test "$(wc -l <fields)" -ge 25 &&
	{ echo "---"; while read -r k; do echo "$k: x"; done <fields; echo "---"; } >r/backlog/MKT-1.md &&
	docket -C r check --format json >c.json || true &&
	jq -e "[.findings[] | select(.rule == \"unknown-field\")] | length == 0" c.json >/dev/null &&
	jq -e "[.findings[] | select(.rule == \"no-direct-assignment\")] | length == 0" c.json >/dev/null
'

test_expect 'every docket.yaml key of the reference is one docket knows' '
	# the first table of the section: | key | value | default |
	sed -n "/^| key | value | default |/,/^\$/p" "$REF" | sed -n "s/^| \`\([a-z_]*\)\` |.*/\1/p" >keys &&
	test "$(wc -l <keys)" -ge 10 &&
	new_repo k &&
	{ echo "prefix: MKT"; grep -vx prefix keys | while read -r k; do echo "$k: null"; done; } >k/docket.yaml &&
	mkdir k/backlog && : >k/backlog/ORDER &&
	docket -C k check --format json >k.json || true &&
	! grep -q "unknown key" k.json
'
test_done
