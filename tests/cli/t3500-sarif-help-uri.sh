#!/bin/sh
# SARIF's helpUri comes from docket.yaml's docs_url, the page that
# documents the rules: with it every rule of tool.driver.rules has
# helpUri DOCS_URL#RULE and the log is still valid against the official
# SARIF 2.1.0 schema (whose "uri" format python3-rfc3987 checks);
# without it no rule has one.  A docs_url that is not an http(s) URL is
# a config error at its line and column, for check and for every other
# command, and so is never written into a report.
. "$DOCKET_TESTS/cli/lib.sh"

schemas="$DOCKET_TESTS/schemas"
PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c "import jsonschema" 2>/dev/null; then PY=$p; break; fi
done
sarif_valid() { "$PY" "$schemas/validate-sarif.py" "$@"; }
# does the validator check the "uri" format (python3-rfc3987)?
uri_checked() { "$PY" -c "import rfc3987" 2>/dev/null; }

new_repo d
mkdir d/backlog
printf -- "---\nid: MKT-1\ntitle: Big launch\ntype: experiment\nstatus: idea\neffort: 20\n---\n" >d/backlog/MKT-1.md
printf -- "---\nid: MKT-2\ntitle: Webinar\nstatus: idea\ncolour: red\n---\n" >d/backlog/MKT-2.md
printf 'MKT-1\nMKT-2\nMKT-7\n' >d/backlog/ORDER
printf 'prefix: MKT\n' >d/docket.yaml
(cd d && git add -A && git commit -qm "A backlog with findings") >/dev/null

test_expect 'without docs_url no rule has a helpUri' '
	expect_code 1 docket -C d check --format sarif >plain.sarif &&
	jq -e ".runs[0].tool.driver.rules | length > 30" plain.sarif &&
	jq -e "[.. | objects | has(\"helpUri\")] | any | not" plain.sarif
'

test_expect 'with docs_url every rule has helpUri DOCS_URL#RULE, and only rules' '
	printf "prefix: MKT\ndocs_url: https://wiki.example.com/marketing/docket-rules\n" >d/docket.yaml &&
	expect_code 1 docket -C d check --format sarif >doc.sarif &&
	docket help rules | awk "NR > 4 && NF { print \"https://wiki.example.com/marketing/docket-rules#\" \$1 }" >want &&
	jq -r ".runs[0].tool.driver.rules[].helpUri" doc.sarif >got &&
	test_cmp want got &&
	test "$(jq "[.. | objects | select(has(\"helpUri\"))] | length" doc.sarif)" = "$(wc -l <want)" &&
	jq -e "[.runs[0].tool.driver.rules[] | has(\"helpUri\")] | all" doc.sarif &&
	jq -e ".runs[0].results | length == 3" doc.sarif &&
	jq "del(.runs[0].tool.driver.rules[].helpUri)" doc.sarif >stripped.sarif &&
	jq . plain.sarif >plain.pretty &&
	test_cmp plain.pretty stripped.sarif
'

test_expect 'SARIF with helpUri is valid against the official schema' '
	if [ -z "$PY" ]; then echo "# skip: no python3-jsonschema"; exit 0; fi &&
	sarif_valid doc.sarif &&
	printf "prefix: MKT\ndocs_url: \"HTTPS://[2001:db8::1]:8443/Team%%20Wiki/rules.html?space=MKT&v=2\"\n" >d/docket.yaml &&
	expect_code 1 docket -C d check --format sarif >odd.sarif &&
	jq -e ".runs[0].tool.driver.rules[0].helpUri == \"HTTPS://[2001:db8::1]:8443/Team%20Wiki/rules.html?space=MKT&v=2#syntax\"" odd.sarif &&
	sarif_valid odd.sarif &&
	expect_code 1 docket -C d check --base HEAD --format sarif >base.sarif &&
	jq -e "[.runs[0].tool.driver.rules[] | has(\"helpUri\")] | all" base.sarif &&
	sarif_valid base.sarif
'

test_expect 'the schema check catches a helpUri that is not a URI' '
	if [ -z "$PY" ]; then echo "# skip: no python3-jsonschema"; exit 0; fi &&
	if ! uri_checked; then echo "# skip: no python3-rfc3987, the uri format is not checked"; exit 0; fi &&
	jq ".runs[0].tool.driver.rules[3].helpUri = \"https://wiki.example.com/a b#x\"" doc.sarif >bad.sarif &&
	! sarif_valid bad.sarif >out &&
	grep -q "helpUri" out
'

# bad VALUE LINE COL REASON: docket.yaml with docs_url VALUE (written as
# is) is a config error at LINE:COL whose message says REASON: check
# reports it (in SARIF too, which then has no helpUri), and list and a
# write stop at it (exit 2).
bad() {
	printf "prefix: MKT\n# where our rules are explained\ndocs_url: %s\n" "$1" >d/docket.yaml
	expect_code 1 docket -C d check >out || return 1
	grep -q "^docket.yaml:$2:$3: error: docs_url must be an http:// or https:// URL.*$4.* \[config\]\$" out || {
		echo "docs_url $1: wanted $2:$3 and \"$4\", got:" >&2
		cat out >&2
		return 1
	}
	expect_code 1 docket -C d check --format sarif >bad.sarif || return 1
	jq -e "[.. | objects | has(\"helpUri\")] | any | not" bad.sarif >/dev/null || return 1
	jq -e "[.runs[0].results[] | select(.ruleId == \"config\") | .locations[0].physicalLocation | .artifactLocation.uri == \"docket.yaml\" and .region.startLine == $2 and .region.startColumn == $3] | any" bad.sarif >/dev/null || return 1
	expect_code 2 docket -C d list >out 2>err || return 1
	! test -s out || return 1
	grep -q "^docket.yaml:$2:$3: error: docs_url" err || return 1
	expect_code 2 docket -C d set MKT-2 effort=3 2>err || return 1
	grep -q "fix docket.yaml first" err &&
	git -C d diff --quiet -- backlog
}

test_expect 'a docs_url that is not an http(s) URL is a config error with its position' '
	bad "ftp://wiki.example.com/rules" 3 11 "is not an http:// or https:// URL" &&
	bad "wiki.example.com/rules" 3 11 "is not an http:// or https:// URL" &&
	bad "\"  https://wiki.example.com/rules\"" 3 11 "is not an http" &&
	bad "https:///rules" 3 11 "has no host" &&
	bad "https://dana:hunter2@wiki.example.com/rules" 3 11 "user or password" &&
	bad "https://wiki.example.com:99999/rules" 3 11 "port" &&
	bad "https://wiki.example.com/rules#top" 3 11 "fragment" &&
	bad "\"https://wiki.example.com/our rules\"" 3 11 "space" &&
	bad "https://wiki.example.com/r%C3%A8gles%" 3 11 "two hex digits" &&
	bad "https://wiki.example.com/règles" 3 11 "non-ASCII" &&
	bad "https://wiki.example.com/<rules>" 3 11 "unencoded" &&
	bad "\"https://wiki.example.com/\\trules\"" 3 11 "control character" &&
	bad "\"https://wiki.example.com/rules\\u0085\"" 3 11 "non-ASCII"
'

test_expect 'a docs_url that is not a text value is a config error too' '
	printf "prefix: MKT\ndocs_url:\n  - https://wiki.example.com/rules\n" >d/docket.yaml &&
	expect_code 1 docket -C d check >out &&
	grep -q "^docket.yaml:3:3: error: docs_url must be a text value \[config\]" out &&
	printf "prefix: MKT\ndocs_url:\n" >d/docket.yaml &&
	expect_code 1 docket -C d check >out &&
	grep -q "^docket.yaml:2:10: error: docs_url must be a text value \[config\]" out &&
	printf "prefix: MKT\ndocs_ur1: https://wiki.example.com/rules\n" >d/docket.yaml &&
	expect_code 1 docket -C d check >out &&
	grep -q "^docket.yaml:2:1: warning: unknown key .docs_ur1. (did you mean .docs_url.?) \[config\]" out
'

test_done
