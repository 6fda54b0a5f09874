#!/bin/sh
# docket check on a backlog with one problem of each rule planted
# (tests/golden/check/planted, plus a commit by a non-owner that changes
# ORDER): every rule is reported with file, line and column, nothing
# else is, and every output format matches its golden file and parses
# with a real parser (jq, xmllint).
#
# UPDATE_GOLDEN=1 rewrites the golden files of the formats (review the
# diff); planted.expect, the list of findings, is kept by hand.
. "$DOCKET_TESTS/cli/lib.sh"

golden="$DOCKET_TESTS/golden/check"
# every rule of the registry (docket help rules)
rules=$(docket help rules | awk 'NR > 4 && NF { print $1 }')
# the findings planted.expect lists (8 of them on files changed since
# the base)
nall=$(grep -c . "$golden/planted.expect")
nerr=$(grep -c "^error" "$golden/planted.expect")
nwarn=$(grep -c "^warning" "$golden/planted.expect")

cp -R "$golden/planted" p
(
	cd p && git init -q && git add -A && git commit -qm "Plant one problem of each rule" &&
	git tag base &&
	sed -i "s/^MKT-19\$/MKT-19\nMKT-5/" backlog/ORDER &&
	GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL="sam@example.com" \
		git commit -qam "Rank MKT-5 below MKT-19"
) >/dev/null 2>&1

# compare with a golden file, or rewrite it
golden_cmp() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$2" "$golden/$1"
	else
		test_cmp "$golden/$1" "$2"
	fi
}

test_expect 'every planted problem is found at its file, line and column, and nothing else' '
	expect_code 1 docket -C p check --base base --format json >out.json &&
	jq -r ".findings[] | \"\(.severity) \(.rule) \(.file):\(.line):\(.column)\"" out.json |
		sort >got &&
	sort "$golden/planted.expect" >want &&
	test_cmp want got
'

test_expect 'the planted backlog covers every rule of the registry' '
	test "$(echo $rules | wc -w)" -ge 28 &&
	for r in $rules; do
		grep -q " $r " "$golden/planted.expect" || { echo "no $r"; exit 1; }
	done
'

test_expect 'counts in json match the findings' '
	test "$(jq .errors out.json)" = $nerr &&
	test "$(jq .warnings out.json)" = $nwarn &&
	test "$(jq "[.findings[] | select(.changed)] | length" out.json)" = 8
'

test_expect 'messages say how to fix' '
	jq -r ".findings[].message" out.json >msgs &&
	grep -q "unknown field .chanel.; did you mean .channel.? (declare new fields under fields: in docket.yaml)" msgs &&
	grep -q "docket renumber MKT-10" msgs &&
	grep -q "rename the file to MKT-90.md" msgs &&
	grep -q "by Sam Okafor <sam@example.com> changed ORDER" msgs
'

for f in text json github sarif junit gitlab; do
	case $f in
	text) ext=txt ;; json) ext=json ;; github) ext=github ;;
	sarif) ext=sarif ;; junit) ext=xml ;; gitlab) ext=gitlab.json ;;
	esac
	test_expect "format $f matches planted.$ext" "
		expect_code 1 docket -C p check --base base --format $f >out.$ext &&
		golden_cmp planted.$ext out.$ext
	"
done

test_expect 'json, sarif and gitlab are valid JSON' '
	jq -e . out.json >/dev/null &&
	jq -e . out.sarif >/dev/null &&
	jq -e . out.gitlab.json >/dev/null
'

test_expect 'sarif: 2.1.0, every result with a location and a line' '
	test "$(jq -r .version out.sarif)" = 2.1.0 &&
	test "$(jq "[.runs[0].results[]] | length" out.sarif)" = $nall &&
	test "$(jq "[.runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri and .locations[0].physicalLocation.region.startLine)] | length" out.sarif)" = $nall
'

test_expect 'gitlab: one issue per finding with a path and a line' '
	test "$(jq "[.[] | select(.location.path and .location.lines.begin and .fingerprint)] | length" out.gitlab.json)" = $nall
'

test_expect 'junit is well-formed XML with one failure per finding' '
	xmllint --noout out.xml &&
	test "$(xmllint --xpath "count(//testcase/failure)" out.xml)" = $nall
'

test_expect 'github: one workflow command per finding' '
	test "$(grep -c "^::error file=" out.github)" = $nerr &&
	test "$(grep -c "^::warning file=" out.github)" = $nwarn
'

test_expect 'text lists files changed since the base first' '
	head -1 out.txt | grep -q "^backlog/ORDER:" &&
	grep -q "^findings on files unchanged since the base:" out.txt &&
	tail -1 out.txt | grep -q "^$nerr errors, $nwarn warnings ($((nall - 8)) on files unchanged since the base)"
'

test_done
