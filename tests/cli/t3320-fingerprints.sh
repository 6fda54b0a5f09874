#!/bin/sh
# Fingerprints of findings (SARIF partialFingerprints.primaryLocationLineHash,
# GitLab fingerprint, JSON fingerprint) are docket's stable hash: a
# comment line added at the top of ORDER, lines moved in ORDER and in
# front matter, and a sibling finding that disappears change none of
# the others; distinct findings have distinct fingerprints.
. "$DOCKET_TESTS/cli/lib.sh"

new_repo b
cat >b/docket.yaml <<'YAML'
prefix: MKT
owners:
  - name: Dana Reyes
    email: dana@example.com
rules:
  bau-share: off
YAML
mkdir -p b/backlog
for i in 1 2 3 4; do
	printf -- "---\nid: MKT-$i\ntitle: Item $i\ntype: bau\nstatus: idea\neffort: 2\n---\n" >b/backlog/MKT-$i.md
done
# planted: two unknown ORDER entries, a duplicate, unknown fields on two
# items, an effort over the limit, an assignee
printf 'MKT-1\nMKT-8\nMKT-2\nMKT-9\nMKT-3\nMKT-2\nMKT-4\n' >b/backlog/ORDER
sed -i 's/^effort: 2$/effort: 20\ncolor: blue/' b/backlog/MKT-1.md
sed -i 's/^effort: 2$/effort: 2\ncolor: red\nassignee: bob/' b/backlog/MKT-3.md
cd b

# fps NAME: the fingerprints of the three formats, one file each, as
# "rule fingerprint" lines sorted (SARIF and GitLab must agree)
fps() {
	expect_code 1 docket check --format sarif >"$1.sarif" &&
	expect_code 1 docket check --format gitlab >"$1.gitlab" &&
	expect_code 1 docket check --format json >"$1.json" &&
	jq -r '.runs[0].results[] | "\(.ruleId) \(.partialFingerprints.primaryLocationLineHash)"' "$1.sarif" | sort >"$1.s" &&
	jq -r '.[] | "\(.check_name) \(.fingerprint)"' "$1.gitlab" | sort >"$1.g" &&
	jq -r '.findings[] | "\(.rule) \(.fingerprint)"' "$1.json" | sort >"$1.j" &&
	test_cmp "$1.s" "$1.g" && test_cmp "$1.s" "$1.j"
}

test_expect 'every result has a fingerprint; distinct findings, distinct ones' '
	fps before &&
	test "$(wc -l <before.s)" -ge 7 &&
	test "$(cut -d" " -f2 before.s | sort -u | wc -l)" = "$(wc -l <before.s)" &&
	! grep -v " [0-9a-f]\{16\}\$" before.s &&
	jq -e "[.runs[0].results[] | .partialFingerprints.primaryLocationLineHash | length == 16] | all" before.sarif
'

test_expect 'a comment line at the top of ORDER changes no fingerprint' '
	sed -i "1i # Ranked by the Marketing Owner" backlog/ORDER &&
	fps comment &&
	jq -e ".[] | select(.check_name == \"order-unknown\") | .location.lines.begin > 2" comment.gitlab >/dev/null &&
	test_cmp before.s comment.s
'

test_expect 'lines moved in ORDER and in front matter change no fingerprint' '
	printf "# top\n\nMKT-4\nMKT-9\nMKT-3\n\nMKT-2\nMKT-1\nMKT-8\nMKT-2\n" >backlog/ORDER &&
	printf -- "---\ncolor: blue\ntitle: Item 1\nid: MKT-1\n\ntype: bau\neffort: 20\nstatus: idea\n---\n" >backlog/MKT-1.md &&
	fps moved &&
	test_cmp before.s moved.s
'

test_expect 'a sibling finding that disappears changes none of the others' '
	sed -i "/^MKT-8\$/d" backlog/ORDER &&
	sed -i "/^color: red\$/d" backlog/MKT-3.md &&
	fps removed &&
	test "$(wc -l <removed.s)" = $(($(wc -l <before.s) - 2)) &&
	comm -13 before.s removed.s >new && test ! -s new
'

test_expect 'the fingerprint ignores line numbers a message quotes' '
	jq -r ".findings[] | select(.rule == \"order-duplicate\") | .message" removed.json | grep -q "first on line" &&
	sed -i "1i # One more comment, which is prose." backlog/ORDER &&
	fps again &&
	test_cmp removed.s again.s
'

test_done
