#!/bin/sh
# Who may use docket serve: the Host allow-list (no DNS rebinding), the
# session cookie, the form token and the Origin / Sec-Fetch-Site checks
# on every state-changing request, no CORS; a non-loopback --bind needs
# --token-file, --tls-cert/--tls-key and --host; people sign in with
# their token over HTTPS.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"

FIX="$DOCKET_TESTS/fixtures/serve"
new_repo b
docket -C b init -q 2>/dev/null
printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\n" >b/backlog/MKT-1.md
git -C b add -A && git -C b commit -qm "One item"

serve_start b
J="$TRASH/jar"
HOSTPORT=${BASE#http://}
PORT=${HOSTPORT##*:}

test_expect 'setup: a session' '
	serve_login "$J" && test "$(hq -j "$J" -o page.html GET /)" = 200
'

test_expect 'a Host that is not this server is refused (421): no DNS rebinding' '
	test "$(hq -j "$J" -H "Host: evil.example:$PORT" -o p.html GET /)" = 421 &&
	grep -q "does not answer to that host name" p.html &&
	test "$(hq -j "$J" -H "Host: 127.0.0.1:1" GET /)" = 421 &&
	test "$(hq -j "$J" -H "Host: 127.0.0.1" GET /)" = 421 &&
	test "$(hq -j "$J" -H "Host: 127.0.0.1.evil.example:$PORT" GET /)" = 421 &&
	test "$(hq -j "$J" -H "Host: 127.0.0.1:${PORT}x" GET /)" = 421 &&
	test "$(hq -j "$J" -H "Host: localhost:$PORT" GET /)" = 200 &&
	test "$(hq -j "$J" -H "Host: LOCALHOST:$PORT" GET /)" = 200 &&
	printf "GET / HTTP/1.0\r\n\r\n" >req && test "$(hq --raw req GET "$BASE/")" = 421
'

test_expect 'the sign-in link on another host name is refused too (the secret stays unspent)' '
	link=$(serve_link) &&
	test "$(hq -j j3 -H "Host: evil.example:$PORT" GET "$link")" = 421 &&
	test "$(hq -j j3 GET "$link")" = 200
'

test_expect 'a made-up or stale session cookie is refused (401)' '
	printf "docket_session_%s=%s\n" "$PORT" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA >fake &&
	test "$(hq -j fake GET /)" = 401 &&
	printf "docket_session_1=%s\n" "$(cut -d= -f2 "$J")" >other &&
	test "$(hq -j other GET /)" = 401
'

test_expect 'a POST without the form token, or with another, is refused (403) and writes nothing' '
	head=$(git -C b rev-parse HEAD) &&
	test "$(hq -j "$J" -o p.html -d id=MKT-1 -d where=top POST /move)" = 403 &&
	grep -q "session token is missing or out of date" p.html &&
	test "$(hq -j "$J" -d _token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA -d id=MKT-1 POST /move)" = 403 &&
	test "$(hq -j j3 -t page.html -d id=MKT-1 POST /move)" = 403 &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'a POST from another origin is refused (403), whatever it carries' '
	test "$(hq -j "$J" -t page.html -H "Origin: http://evil.example" -o p.html POST /logout)" = 403 &&
	grep -q "from another origin" p.html &&
	test "$(hq -j "$J" -t page.html -H "Origin: null" POST /logout)" = 403 &&
	test "$(hq -j "$J" -t page.html -H "Origin: https://$HOSTPORT" POST /logout)" = 403 &&
	test "$(hq -j "$J" -t page.html -H "Sec-Fetch-Site: cross-site" POST /logout)" = 403 &&
	test "$(hq -j "$J" -t page.html -H "Sec-Fetch-Site: same-site" POST /logout)" = 403 &&
	test "$(hq -j "$J" -t page.html --no-origin -o p.html POST /logout)" = 403 &&
	grep -q "names no Origin" p.html &&
	test "$(hq -j "$J" GET /)" = 200
'

test_expect 'a same-origin POST with the token goes through (Origin, or Sec-Fetch-Site alone)' '
	cp "$J" j4 &&
	test "$(hq -j j4 -t page.html --no-origin -H "Sec-Fetch-Site: same-origin" -o p.html POST /logout)" = 200 &&
	grep -q "^Set-Cookie: docket_session_$PORT=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0$" p.html.h &&
	test "$(hq -j "$J" GET /)" = 401 &&
	serve_login "$J" && test "$(hq -j "$J" -o page.html GET /)" = 200
'

test_expect 'no answer carries a CORS header, not even to a preflight' '
	hq -j "$J" -H "Origin: http://evil.example" -H "Access-Control-Request-Method: POST" -o p.html OPTIONS /move >/dev/null &&
	! grep -qi "^Access-Control" p.html.h &&
	hq -j "$J" -H "Origin: http://evil.example" -o p.html GET / >/dev/null &&
	! grep -qi "^Access-Control" p.html.h
'

test_expect 'JSON answers for the script: an error is {"ok": false, "error": ...}' '
	test "$(hq -j "$J" --json -o p.json -d id=MKT-1 POST /move)" = 403 &&
	python3 -c "import json,sys; d=json.load(open(\"p.json\")); sys.exit(d[\"ok\"] is not False or \"token\" not in d[\"error\"])"
'

serve_stop

test_expect 'a non-loopback --bind needs --token-file, TLS and --host (exit 2, nothing served)' '
	printf "%s Dana Reyes <dana@example.com>\n" 0123456789abcdef0123 >tokens &&
	expect_code 2 docket -C b serve --port 0 --bind 0.0.0.0 2>err &&
	grep -q "needs --token-file (who may use it), --tls-cert and --tls-key (HTTPS) and --host NAME" err &&
	expect_code 2 docket -C b serve --port 0 --bind 0.0.0.0 --token-file "$TRASH/tokens" --host docket.test 2>err &&
	expect_code 2 docket -C b serve --port 0 --bind 0.0.0.0 --token-file "$TRASH/tokens" \
		--tls-cert "$FIX/cert.pem" --tls-key "$FIX/key.pem" 2>err &&
	expect_code 2 docket -C b serve --port 0 --bind ::1 --tls-cert "$FIX/cert.pem" 2>err &&
	grep -q "give both --tls-cert and --tls-key" err
'

test_expect 'a token file with a short token or a line without an e-mail is refused, naming the line' '
	printf "# people\nshort Dana <dana@example.com>\n" >bad1 &&
	expect_code 2 docket -C b serve --port 0 --token-file "$TRASH/bad1" 2>err &&
	grep -q "/bad1:2: a token is at least 16 characters" err &&
	printf "0123456789abcdef0123 Dana Reyes\n" >bad2 &&
	expect_code 2 docket -C b serve --port 0 --token-file "$TRASH/bad2" 2>err &&
	grep -q "/bad2:1: expected .TOKEN Name <email>." err &&
	: >bad3 && expect_code 2 docket -C b serve --port 0 --token-file "$TRASH/bad3" 2>err &&
	grep -q "names nobody" err
'

cat >tokens <<'EOF'
# docket serve: one person a line
0123456789abcdef0123 Dana Reyes <dana@example.com>
fedcba9876543210fedc Sam Okafor <sam@example.com>
EOF
serve_start b --bind 0.0.0.0 --token-file "$TRASH/tokens" --tls-cert "$FIX/cert.pem" \
	--tls-key "$FIX/key.pem" --host docket.test
PORT=$(sed -n 's|^docket serve: serving .* on https://docket.test:\([0-9]*\) .*|\1|p' "$SERVE_LOG")
T="https://127.0.0.1:$PORT"
H="Host: docket.test:$PORT"
K="$TRASH/tjar"

test_expect 'with a token file, HTTPS and --host: served as https://docket.test:PORT, no secret link' '
	test -n "$PORT" &&
	grep -q "^docket serve: open https://docket.test:$PORT/login (sign in with your token)$" "$SERVE_LOG" &&
	! grep -q "login?s=" "$SERVE_LOG"
'

test_expect 'only the --host name is answered; a page without a session sends to /login' '
	test "$(hq --insecure -H "Host: 127.0.0.1:$PORT" GET "$T/")" = 421 &&
	test "$(hq --insecure -H "$H" -o p.html GET "$T/")" = 303 && grep -qx "Location: /login" p.html.h &&
	test "$(hq --insecure -H "$H" -o login.html GET "$T/login")" = 200 &&
	grep -q "name=\"token\" type=\"password\"" login.html
'

test_expect 'a wrong token is refused (403); a right one starts a Secure __Host- session' '
	test "$(hq --insecure -H "$H" -H "Origin: https://docket.test:$PORT" -d token=0123456789abcdef0124 -o p.html POST "$T/login")" = 403 &&
	grep -q "not in the token file" p.html &&
	test "$(hq --insecure -j "$K" -H "$H" -H "Origin: https://docket.test:$PORT" -d token=fedcba9876543210fedc -o p.html POST "$T/login")" = 200 &&
	grep -q "^Set-Cookie: __Host-docket_session_$PORT=[A-Za-z0-9_-]\{43\}; Path=/; HttpOnly; SameSite=Strict; Secure$" p.html.h &&
	test "$(hq --insecure -j "$K" -H "$H" -o p.html GET "$T/")" = 200 &&
	grep -q "signed in as Sam Okafor &lt;sam@example.com&gt;" p.html
'

test_expect 'the sign-in form checks the Origin too' '
	test "$(hq --insecure -H "$H" -H "Origin: https://evil.example" -d token=fedcba9876543210fedc POST "$T/login")" = 403
'

test_expect 'after 20 wrong tokens in a minute, sign-ins wait (429)' '
	i=0 && while [ $i -lt 20 ]; do
		hq --insecure -H "$H" -H "Origin: https://docket.test:$PORT" -d token=wrongwrongwrongwrong$i POST "$T/login" >/dev/null; i=$((i + 1)); done &&
	test "$(hq --insecure -H "$H" -H "Origin: https://docket.test:$PORT" -d token=0123456789abcdef0123 -o p.html POST "$T/login")" = 429 &&
	grep -qx "Retry-After: 60" p.html.h
'

test_expect 'plain HTTP to the HTTPS port gets no page' '
	s=$(hq -H "$H" GET "http://127.0.0.1:$PORT/") 2>/dev/null; test "$s" != 200
'

test_done
