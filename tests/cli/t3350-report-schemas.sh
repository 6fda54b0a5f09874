#!/bin/sh
# The CI formats against the schemas their readers use (kept in
# tests/schemas with their source): SARIF against the official SARIF
# 2.1.0 JSON schema (python3-jsonschema), JUnit against the Jenkins JUnit
# XSD (xmllint).  SARIF lists every rule with its help; every result has
# a fingerprint; a warnings-only JUnit report has no failures, one with
# two errors has two.  Each check skips, saying so, only when its
# validator is not installed (scripts/install-deps.sh test installs both).
. "$DOCKET_TESTS/cli/lib.sh"

schemas="$DOCKET_TESTS/schemas"
golden="$DOCKET_TESTS/golden/check"

# the Python that has jsonschema (Debian's python3-jsonschema first)
PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c "import jsonschema" 2>/dev/null; then PY=$p; break; fi
done
have_xsd() { command -v xmllint >/dev/null 2>&1; }
sarif_valid() { "$PY" "$schemas/validate-sarif.py" "$@"; }
junit_valid() { xmllint --noout --schema "$schemas/jenkins-junit.xsd" "$@"; }

cp -R "$golden/planted" p
(
	cd p && git init -q && git add -A && git commit -qm "Plant one problem of each rule" &&
	git tag base &&
	sed -i "s/^MKT-19\$/MKT-19\nMKT-5/" backlog/ORDER &&
	sed -i "s/^effort: 13\$/effort: 3/" backlog/MKT-24.md &&
	GIT_AUTHOR_NAME="Sam Okafor" GIT_AUTHOR_EMAIL="sam@example.com" \
		git commit -qam "Rank MKT-5 below MKT-19"
) >/dev/null 2>&1

# a backlog with warnings only, and one with exactly two errors
new_repo w
printf 'prefix: MKT\nrules:\n  bau-share: off\n' >w/docket.yaml
mkdir w/backlog
printf -- "---\nid: MKT-1\ntitle: Big\ntype: bau\nstatus: idea\neffort: 20\ncolour: red\n---\n" >w/backlog/MKT-1.md
printf 'MKT-1\n' >w/backlog/ORDER
cp -R w e
printf 'MKT-1\nMKT-8\nMKT-9\n' >e/backlog/ORDER

test_expect 'SARIF of the planted backlog is valid against the official schema' '
	if [ -z "$PY" ]; then echo "# skip: no python3-jsonschema"; exit 0; fi &&
	expect_code 1 docket -C p check --format sarif >plain.sarif &&
	expect_code 1 docket -C p check --base base --format sarif >base.sarif &&
	sarif_valid plain.sarif base.sarif &&
	jq -e "[.runs[0].results[].baselineState] | unique == [\"absent\", \"new\", \"unchanged\"]" base.sarif
'

test_expect 'SARIF with no finding, and the golden SARIF files, are valid too' '
	if [ -z "$PY" ]; then echo "# skip: no python3-jsonschema"; exit 0; fi &&
	cp -R w n && sed -i "s/^effort: 20\$/effort: 2/; /^colour:/d" n/backlog/MKT-1.md &&
	docket -C n check --format sarif >none.sarif &&
	jq -e ".runs[0].results == []" none.sarif &&
	sarif_valid none.sarif "$golden/planted.sarif" "$DOCKET_TESTS"/golden/report/*.sarif
'

test_expect 'the validator rejects what the schema forbids' '
	if [ -z "$PY" ]; then echo "# skip: no python3-jsonschema"; exit 0; fi &&
	jq ".runs[0].results[0].level = \"fatal\"" plain.sarif >bad1.sarif &&
	! sarif_valid bad1.sarif >out && grep -q "fatal" out &&
	jq ".runs[0].results[0].locations[0].physicalLocation.region.startLine = 0" plain.sarif >bad2.sarif &&
	! sarif_valid bad2.sarif &&
	jq "del(.version)" plain.sarif >bad3.sarif &&
	! sarif_valid bad3.sarif
'

test_expect 'SARIF lists every rule with help under 1,024 characters, as docket help RULE says' '
	docket help rules | awk "NR > 4 && NF { print \$1 }" >ids &&
	jq -r ".runs[0].tool.driver.rules[].id" plain.sarif >sarif-ids &&
	test_cmp ids sarif-ids &&
	jq -e "[.runs[0].tool.driver.rules[] | (.help.text | length) < 1024 and (.help.markdown | length) < 1024 and (.fullDescription.text | length) < 1024 and (.defaultConfiguration.level | . == \"error\" or . == \"warning\")] | all" plain.sarif &&
	jq -r ".runs[0].tool.driver.rules[] | select(.id == \"max-effort\") | .help.text" plain.sarif | sed "\$d" >help.sarif &&
	docket help max-effort >help.cli &&
	test_cmp help.cli help.sarif &&
	! grep -q helpUri plain.sarif &&
	jq -e "[.runs[0].results[] | .partialFingerprints.primaryLocationLineHash | test(\"^[0-9a-f]{16}\$\")] | all" plain.sarif &&
	jq -e "[.runs[0].results[] | .locations[0].physicalLocation.region | .startLine and .startColumn and .endLine and .endColumn] | all" plain.sarif
'

test_expect 'a warnings-only JUnit report passes (failures 0) and is valid for Jenkins' '
	if ! have_xsd; then echo "# skip: no xmllint"; exit 0; fi &&
	docket -C w check --format junit >warn.xml &&
	junit_valid warn.xml &&
	test "$(xmllint --xpath "string(/testsuites/@failures)" warn.xml)" = 0 &&
	test "$(xmllint --xpath "string(/testsuites/testsuite/@failures)" warn.xml)" = 0 &&
	test "$(xmllint --xpath "count(//testcase)" warn.xml)" = 2 &&
	test "$(xmllint --xpath "count(//system-out)" warn.xml)" = 2 &&
	grep -q "warning: effort 20 is over the limit" warn.xml
'

test_expect 'a JUnit report with two errors has failures="2" and is valid' '
	if ! have_xsd; then echo "# skip: no xmllint"; exit 0; fi &&
	expect_code 1 docket -C e check --format junit >two.xml &&
	junit_valid two.xml &&
	test "$(xmllint --xpath "string(/testsuites/@failures)" two.xml)" = 2 &&
	test "$(xmllint --xpath "string(/testsuites/testsuite/@failures)" two.xml)" = 2 &&
	test "$(xmllint --xpath "count(//failure[@type=\"order-unknown\"])" two.xml)" = 2
'

test_expect 'the planted JUnit reports (with and without --base) are valid' '
	if ! have_xsd; then echo "# skip: no xmllint"; exit 0; fi &&
	expect_code 1 docket -C p check --format junit >plain.xml &&
	expect_code 1 docket -C p check --base base --format junit >base.xml &&
	junit_valid plain.xml base.xml "$golden/planted.xml" "$DOCKET_TESTS/golden/report/findings.xml" &&
	test "$(xmllint --xpath "count(/testsuites/testsuite)" base.xml)" = 2 &&
	sed "s/<system-out>/<bogus>/; s,</system-out>,</bogus>," warn.xml >bad.xml &&
	! junit_valid bad.xml 2>/dev/null
'

test_done
