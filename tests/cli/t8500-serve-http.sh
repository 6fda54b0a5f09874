#!/bin/sh
# docket serve over plain HTTP: it starts, prints the sign-in link and
# logs each request; the pages (backlog with its filters, intake, item,
# board, cycle, burn-up) answer with the policy header; the pages show
# the files as they are on disk, whoever changed them; bad requests get
# a 4xx with a clear message; Ctrl-C stops it cleanly.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"

export DOCKET_TODAY=2026-12-04

item() {
	# item FILE ID STATUS TYPE TITLE [MORE YAML]
	{
		printf -- "---\nid: %s\ntitle: %s\nstatus: %s\ntype: %s\n" "$2" "$5" "$3" "$4"
		printf "effort: 2\ncustomer_value: 5\nbusiness_value: 5\ncreated: 2026-11-0%s\n" "${2#MKT-}"
		[ -n "${6:-}" ] && printf "%s\n" "$6"
		printf -- "---\nBody of %s.\n" "$2"
	} >"$1"
}

new_repo b
docket -C b init -q 2>/dev/null
cat >>b/docket.yaml <<'YAML'
goals:
  pipeline: 50 qualified leads
  retention: churn below 3%
YAML
mkdir -p b/backlog/cycles
item b/backlog/MKT-1.md MKT-1 ready experiment "Video teaser" "hypothesis: h
metric: leads
target: 10
campaign: launch
goal: pipeline
tags: [video, social]"
item b/backlog/MKT-2.md MKT-2 doing bau "Newsletter slot" "campaign: launch
tags: [email]
started: 2026-12-01
cycle: c1"
item b/backlog/MKT-3.md MKT-3 idea improvement "Shorter approvals" "goal: retention"
item b/backlog/MKT-4.md MKT-4 done bau "Old landing page" "finished: 2026-11-20"
printf 'MKT-2\nMKT-1\n' >b/backlog/ORDER
cat >b/backlog/cycles/c1.md <<'MD'
---
name: c1
start: 2026-11-30
end: 2026-12-11
capacity: 10
committed: [MKT-2]
---
MD
git -C b add -A && git -C b commit -qm "A small backlog"

serve_start b
J="$TRASH/jar"

test_expect 'serve prints where it serves and a sign-in link with a one-time secret' '
	grep -q "^docket serve: serving $TRASH/b on http://127.0.0.1:[0-9]* (Ctrl-C stops)$" "$SERVE_LOG" &&
	serve_link | grep -q "^http://127.0.0.1:[0-9]*/login?s=[A-Za-z0-9_-]\{43\}$"
'

test_expect 'without the session a page is refused (401), saying where the link is' '
	test "$(hq -o p.html GET /)" = 401 &&
	grep -q "open the link that docket serve printed" p.html &&
	test "$(hq -o p.html GET /static/nothing)" = 401
'

test_expect 'the link starts a session: an HttpOnly, SameSite=Strict cookie, then the page moves on' '
	link=$(serve_link) &&
	test "$(hq -j "$J" -o p.html GET "$link")" = 200 &&
	grep -q "^Set-Cookie: docket_session_[0-9]*=[A-Za-z0-9_-]\{43\}; Path=/; HttpOnly; SameSite=Strict$" p.html.h &&
	grep -q "<meta http-equiv=\"refresh\" content=\"0;url=/\">" p.html &&
	test "$(hq -j "$J" GET /)" = 200
'

test_expect 'the secret is spent: the same link again is refused; a new one is printed and works' '
	old=$(grep -o "http://[^ ]*/login?s=[^ ]*" "$SERVE_LOG" | head -1) &&
	test "$(hq -j j2 -o p.html GET "$old")" = 403 &&
	grep -q "it was used already" p.html &&
	test ! -s j2 &&
	new=$(serve_link) && test "$new" != "$old" &&
	grep -q "signed in; the link for another browser: $new" "$SERVE_LOG" &&
	test "$(hq -j j2 GET "$new")" = 200 &&
	test "$(hq -j j2 GET /)" = 200 &&
	! cmp -s "$J" j2
'

test_expect 'every answer has the policy header and no CORS header' '
	for p in / /new /items/MKT-1.html /board /cycle /static/docket.css /static/app.js /nothing; do
		hq -j "$J" -o p.html GET "$p" >/dev/null &&
		grep -qx "Content-Security-Policy: default-src '"'"'none'"'"'; script-src '"'"'self'"'"'; style-src '"'"'self'"'"'; img-src '"'"'self'"'"' data:; connect-src '"'"'self'"'"'; form-action '"'"'self'"'"'; frame-ancestors '"'"'none'"'"'; base-uri '"'"'none'"'"'" p.html.h &&
		grep -qx "X-Content-Type-Options: nosniff" p.html.h &&
		grep -qx "X-Frame-Options: DENY" p.html.h &&
		grep -qx "Cache-Control: no-store" p.html.h &&
		! grep -qi "^Access-Control-" p.html.h || { echo "$p"; return 1; }
	done
'

test_expect 'the pages use no inline script or style (the policy would block them)' '
	for p in / /new /items/MKT-1.html /board /cycle; do
		hq -j "$J" -o p.html GET "$p" >/dev/null &&
		! grep -q "<script>" p.html && ! grep -q "<style" p.html && ! grep -q " style=" p.html &&
		! grep -q " on[a-z]*=" p.html &&
		grep -q "<script src=\"/static/app.js\"></script>" p.html &&
		grep -q "<link rel=\"stylesheet\" href=\"/static/docket.css\">" p.html || { echo "$p"; return 1; }
	done
'

test_expect 'the backlog lists ranked items in ORDER, then the intake; open items by default' '
	test "$(hq -j "$J" -o p.html GET /)" = 200 &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-2 MKT-1 MKT-3 " &&
	grep -q "3 of 4 items" p.html
'

test_expect 'the list filters: status, type, tag, campaign, goal and text' '
	hq -j "$J" -o p.html GET "/?status=all" >/dev/null &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-2 MKT-1 MKT-3 MKT-4 " &&
	hq -j "$J" -o p.html GET "/?status=done" >/dev/null && test "$(page_ids p.html)" = MKT-4 &&
	hq -j "$J" -o p.html GET "/?status=ready,idea" >/dev/null &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-1 MKT-3 " &&
	hq -j "$J" -o p.html GET "/?type=bau&status=all" >/dev/null &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-2 MKT-4 " &&
	hq -j "$J" -o p.html GET "/?tag=video" >/dev/null && test "$(page_ids p.html)" = MKT-1 &&
	hq -j "$J" -o p.html GET "/?campaign=launch" >/dev/null &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-2 MKT-1 " &&
	hq -j "$J" -o p.html GET "/?goal=retention" >/dev/null && test "$(page_ids p.html)" = MKT-3 &&
	hq -j "$J" -o p.html GET "/?q=NEWSLETTER" >/dev/null && test "$(page_ids p.html)" = MKT-2 &&
	hq -j "$J" -o p.html GET "/?q=body+of+mkt-3" >/dev/null && test "$(page_ids p.html)" = MKT-3 &&
	hq -j "$J" -o p.html GET "/?q=nothing-like-it" >/dev/null && test -z "$(page_ids p.html)" &&
	grep -q "No item matches these filters" p.html &&
	grep -q "<option value=\"pipeline\">pipeline</option>" p.html
'

test_expect 'a filter with an unknown status or type is a 400 naming it' '
	test "$(hq -j "$J" -o p.html GET "/?status=bogus")" = 400 && grep -q "&#39;bogus&#39; is not a status\|.bogus. is not a status" p.html &&
	test "$(hq -j "$J" -o p.html GET "/?type=bogus")" = 400 && grep -q "is not a type" p.html
'

test_expect 'the item page, the intake, the board, the cycle page and a burn-up chart' '
	test "$(hq -j "$J" -o p.html GET /items/MKT-1.html)" = 200 && grep -q "<h1>Video teaser</h1>" p.html &&
	grep -q "name=\"version\" value=\"$(git -C b rev-parse HEAD:backlog/MKT-1.md)\"" p.html &&
	test "$(hq -j "$J" -o p.html GET /items/MKT-1)" = 200 &&
	test "$(hq -j "$J" -o p.html GET /new)" = 200 && grep -q "action=\"/new\"" p.html &&
	test "$(hq -j "$J" -o p.html GET /board)" = 200 && grep -q "data-col=\"doing\"" p.html &&
	grep -q "data-id=\"MKT-2\"" p.html &&
	test "$(hq -j "$J" -o p.html GET /cycle)" = 200 && grep -q "Team Showcase: cycle c1" p.html &&
	test "$(hq -j "$J" -o p.svg GET "/burnup.svg?campaign=launch")" = 200 &&
	grep -qx "Content-Type: image/svg+xml" p.svg.h && grep -q "<svg" p.svg
'

test_expect 'unknown pages, unknown ids and path tricks get a 404' '
	test "$(hq -j "$J" GET /items/MKT-99.html)" = 404 &&
	test "$(hq -j "$J" GET /items/..%2F..%2Fdocket.yaml)" = 404 &&
	test "$(hq -j "$J" GET "/items/MKT-1.md")" = 404 &&
	test "$(hq -j "$J" GET /items/../../docket.yaml)" = 404 &&
	test "$(hq -j "$J" GET /backlog/ORDER)" = 404 &&
	test "$(hq -j "$J" -o p.html GET "/board?name=nope")" = 404 && grep -q "There is no cycle nope" p.html
'

test_expect 'an edit made on disk shows at once: a changed title, a new file, a deleted one, ORDER' '
	sed -i "s/^title: Video teaser$/title: Video teaser, shorter/" b/backlog/MKT-1.md &&
	hq -j "$J" -o p.html GET /items/MKT-1.html >/dev/null && grep -q "<h1>Video teaser, shorter</h1>" p.html &&
	grep -q "name=\"version\" value=\"$(git hash-object b/backlog/MKT-1.md)\"" p.html &&
	item b/backlog/MKT-5.md MKT-5 ready bau "Arrived by git pull" &&
	rm b/backlog/MKT-3.md &&
	printf "MKT-1\nMKT-5\nMKT-2\n" >b/backlog/ORDER &&
	hq -j "$J" -o p.html GET / >/dev/null &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-1 MKT-5 MKT-2 " &&
	git -C b checkout -q -- . && git -C b clean -qfd &&
	hq -j "$J" -o p.html GET / >/dev/null &&
	test "$(page_ids p.html | tr "\n" " ")" = "MKT-2 MKT-1 MKT-3 "
'

test_expect 'two changes of the same size within a second are both seen (status, then bytes)' '
	for t in AAAA BBBB CCCC; do
		sed -i "s/^title: .*/title: Same size $t/" b/backlog/MKT-3.md &&
		hq -j "$J" -o p.html GET /items/MKT-3.html >/dev/null &&
		grep -q "<h1>Same size $t</h1>" p.html || return 1
	done &&
	git -C b checkout -q -- .
'

test_expect 'a change to docket.yaml is read again (goals)' '
	printf "  awareness: brand search up\n" >>b/docket.yaml &&
	hq -j "$J" -o p.html GET / >/dev/null && grep -q "<option value=\"awareness\">" p.html &&
	git -C b checkout -q -- docket.yaml &&
	hq -j "$J" -o p.html GET / >/dev/null && ! grep -q "<option value=\"awareness\">" p.html
'

test_expect 'a file that does not parse is shown as such, and the others still work' '
	printf -- "---\nid: MKT-6\ntitle: [unclosed\n---\n" >b/backlog/MKT-6.md &&
	test "$(hq -j "$J" -o p.html GET /items/MKT-6.html)" = 200 &&
	grep -q "This file does not parse" p.html && ! grep -q "action=\"/items/MKT-6/edit\"" p.html &&
	test "$(hq -j "$J" GET /)" = 200 &&
	rm b/backlog/MKT-6.md
'

# bad requests: raw requests through a socket
raw() {
	printf "$1" >req && hq --raw req GET "$BASE/"
}

test_expect 'a body over the limit is refused at once by Content-Length (413)' '
	test "$(raw "POST /move HTTP/1.1\r\nHost: ${BASE#http://}\r\nContent-Length: 99999999\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n")" = 413
'

test_expect 'chunked uploads and a POST without a length are refused (411)' '
	test "$(raw "POST /move HTTP/1.1\r\nHost: ${BASE#http://}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n5\r\na=b&c\r\n0\r\n\r\n")" = 411 &&
	test "$(raw "POST /move HTTP/1.1\r\nHost: ${BASE#http://}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n")" = 411
'

test_expect 'other methods get 405 with Allow; a form that is not a form gets 415' '
	test "$(hq -j "$J" -o p.html OPTIONS /)" = 405 && grep -qx "Allow: GET, HEAD, POST" p.html.h &&
	test "$(hq -j "$J" PUT /)" = 405 && test "$(hq -j "$J" DELETE /items/MKT-1.html)" = 405 &&
	test "$(hq -j "$J" -H "Content-Type: application/json" --body "{}" POST /move)" = 415
'

test_expect 'a malformed request line or header is refused, and the server goes on' '
	s=$(raw "GARBAGE\r\n\r\n") && test "$s" = 400 -o "$s" = closed &&
	s=$(raw "GET / HTTP/1.1\r\nHost: ${BASE#http://}\r\nBad Header Line\r\n\r\n") && test "$s" = 400 -o "$s" = closed &&
	test "$(hq -j "$J" GET /)" = 200
'

test_expect 'a form of too many fields is refused (413)' '
	: >f && i=0 && while [ $i -lt 300 ]; do printf "k%d=v&" $i >>f; i=$((i + 1)); done &&
	test "$(hq -j "$J" -t p.html -H "Content-Type: application/x-www-form-urlencoded" --body "$(cat f)" POST /move)" = 413
'

test_expect 'a client that hangs up mid-request frees its connection at once' '
	python3 -c "
import socket, sys, urllib.parse
u = urllib.parse.urlsplit(\"$BASE\")
# more than the server keeps open at once (32): were they held until
# the idle timeout (30 s), the next visitor would wait that long
for i in range(40):
    s = socket.create_connection((u.hostname, u.port), timeout=10)
    s.sendall(b\"POST /move HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 100\\r\\n\\r\\nab\" if i % 2 else b\"GET / HT\")
    s.shutdown(socket.SHUT_WR)
    got = s.recv(64)   # the server closes (or answers): never a timeout
    s.close()
    if got and not got.startswith(b\"HTTP/1.\"):
        sys.exit(1)
" &&
	test "$(hq -j "$J" GET /)" = 200
'

# Under a sanitizer the server runs several times slower, and the
# client's timeouts were made for the plain build: a smaller batch.
garbage_n=300
[ -z "${DOCKET_SAN:-}" ] || garbage_n=60
test_expect "$garbage_n broken or hostile requests: the server answers or closes, and goes on" '
	python3 "$DOCKET_TESTS/serve/garbage.py" "$BASE" $garbage_n 7 >g.out &&
	cat g.out && grep -q "^answered [1-9][0-9]* " g.out &&
	test "$(hq -j "$J" GET /)" = 200 && git_clean b
'

test_expect 'one log line per request: address, method, path (no query: it may hold the secret), status' '
	grep -q "^127.0.0.1 \"GET /items/MKT-1.html\" 200 [0-9]* [0-9.]*ms$" "$SERVE_LOG" &&
	grep -q "^127.0.0.1 \"GET /login?...\" 200 " "$SERVE_LOG" &&
	grep -q "^127.0.0.1 \"GET /?...\" 400 " "$SERVE_LOG" &&
	! grep "^127" "$SERVE_LOG" | grep -q "s=[A-Za-z0-9_-]\{43\}"
'

serve_stop
echo $? >stop.rc
test_expect 'Ctrl-C stops it cleanly (exit 0)' '
	test "$(cat stop.rc)" = 0 &&
	grep -q "^docket serve: stopping (interrupt)$" "$SERVE_LOG"
'

test_expect 'serve outside a backlog, on a bad address or on a port in use says so' '
	new_repo nob && expect_code 2 docket -C nob serve --port 0 2>err && grep -q "not in a docket backlog" err &&
	expect_code 2 docket -C b serve --bind nowhere 2>err && grep -q "is not an IP address" err &&
	expect_code 2 docket -C b serve --port 70000 2>err && grep -q "takes a port number" err &&
	python3 -c "
import socket, subprocess, sys
s = socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(1)
p = subprocess.run([\"$DOCKET\", \"-C\", \"b\", \"serve\", \"--port\", str(s.getsockname()[1])], capture_output=True, timeout=20)
sys.exit(not (p.returncode == 1 and b\"is the port in use\" in p.stderr))"
'

test_done
