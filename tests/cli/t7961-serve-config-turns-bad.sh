#!/bin/sh
# docket.yaml turns bad while docket serve runs (an editor, a git pull):
# as every command but check stops on a bad docket.yaml, every page
# shows its errors with file:line:col instead (503) and every write is
# refused with them (409), nothing written; once the file is fixed the
# pages and writes work again, without a restart.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"

export DOCKET_TODAY=2026-12-04
new_repo b
docket -C b init -q 2>/dev/null
docket -C b -q new "Video teaser" >/dev/null
git -C b rev-parse HEAD >head.before

serve_start b
J="$TRASH/jar"
serve_login "$J"
hq -j "$J" -o page.html GET / >/dev/null

post() {
	hq -j "$J" -t page.html "$@"
}
ver() {
	git -C b hash-object "backlog/$1.md"
}

test_expect 'setup: the backlog page is served' '
	test "$(hq -j "$J" -o p.html GET /)" = 200 &&
	grep -q "Video teaser" p.html
'

test_expect 'a bad value: every page shows the error with file:line:col instead (503)' '
	sed -i "s/capacity: 20/capacity: abc/" b/docket.yaml &&
	line=$(grep -n "capacity: abc" b/docket.yaml | cut -d: -f1) &&
	col=$(grep "capacity: abc" b/docket.yaml | awk "{ print index(\$0, \"abc\") }") &&
	where="docket.yaml:$line:$col: cycle capacity must be a number above 0" &&
	for p in / /items/MKT-1.html /board /new; do
		test "$(hq -j "$J" -o e.html GET "$p")" = 503 || return 1
		grep -q "<h2>docket.yaml has errors</h2>" e.html || return 1
		grep -qF "$where" e.html || return 1
		! grep -q "Video teaser" e.html || return 1
	done &&
	test "$(hq -j "$J" --json -o e.json GET /)" = 503 &&
	jq -e --arg w "$where" ".ok == false and (.error | contains(\$w))" e.json
'

test_expect 'a write is refused with the same errors (409), nothing written' '
	test "$(post -o r.html -d version=$(ver MKT-1) -d "fm.title=Shorter teaser" POST /items/MKT-1/edit)" = 409 &&
	grep -q "cycle capacity must be a number above 0" r.html &&
	grep -q "Nothing was written" r.html &&
	test "$(post --json -o r.json -d "title=Another idea" -d type=bau POST /new)" = 409 &&
	jq -e ".ok == false and (.error | contains(\"docket.yaml:\"))" r.json &&
	git -C b rev-parse HEAD | cmp - head.before &&
	grep -qx "title: Video teaser" b/backlog/MKT-1.md &&
	test ! -e b/backlog/MKT-2.md
'

test_expect 'invalid YAML: the same error, line and column as the commands say' '
	git -C b checkout -q docket.yaml &&
	printf "x_note: %sunclosed\n" "'\''" >>b/docket.yaml &&
	expect_code 2 docket -C b list 2>cli.err &&
	sed -n "s/^\(docket.yaml:[0-9]*:[0-9]*\): error: \(.*\) \[config\]\$/\1: \2/p" cli.err >want &&
	grep -q "quoted scalar" want &&
	test "$(hq -j "$J" -o e.html GET /)" = 503 &&
	grep -qF "$(cat want)" e.html
'

test_expect 'docket.yaml gone: the pages say so' '
	rm b/docket.yaml &&
	test "$(hq -j "$J" -o e.html GET /)" = 503 &&
	grep -q "docket.yaml: cannot read" e.html &&
	test "$(hq -j "$J" -o e.html GET /)" = 503
'

test_expect 'fixed: pages and writes work again without a restart' '
	git -C b checkout -q docket.yaml &&
	test "$(hq -j "$J" -o p.html GET /)" = 200 &&
	grep -q "Video teaser" p.html &&
	hq -j "$J" -o page.html GET /items/MKT-1.html >/dev/null &&
	test "$(post -o r.html -d version=$(ver MKT-1) -d "fm.title=Shorter teaser" POST /items/MKT-1/edit)" = 303 &&
	grep -qx "title: Shorter teaser" b/backlog/MKT-1.md &&
	test "$(git -C b rev-list --count "$(cat head.before)"..HEAD)" = 1 &&
	kill -0 "$SERVE_PID"
'

serve_stop
test_done
