# Helpers for the tests of `docket serve` (t85xx, t86xx, t87xx).
#
#   . "$DOCKET_TESTS/cli/lib.sh"
#   . "$DOCKET_TESTS/cli/lib-serve.sh"
#   serve_start DIR [OPTIONS...]   start it on a free port (outside test_expect,
#                                  so that SERVE_PID stays known); sets
#                                  SERVE_PID, SERVE_LOG, BASE (http://127.0.0.1:PORT)
#   serve_login JAR                open the newest sign-in link: the session
#                                  cookie lands in JAR
#   hq [httpc.py options] METHOD PATH   a request to BASE; prints the status
#   serve_stop                     SIGINT, then wait: the exit status (at
#                                  the top level: a subshell cannot wait)
#
# A server still running when the script ends is interrupted and waited
# for.  Every request has a timeout (tests/serve/httpc.py), so a test
# never hangs on the server.

SERVE_PID=
SERVE_LOG=
BASE=
HTTP_PY="$DOCKET_TESTS/serve/httpc.py"

serve_cleanup() {
	if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
		kill -INT "$SERVE_PID" 2>/dev/null
		sleep 0.2
		kill -0 "$SERVE_PID" 2>/dev/null && kill -KILL "$SERVE_PID" 2>/dev/null
		wait "$SERVE_PID" 2>/dev/null
	fi
	SERVE_PID=
}
trap 'serve_cleanup; rm -rf "$TRASH"' EXIT

serve_start() {
	_sdir=$1
	shift
	serve_cleanup
	SERVE_LOG="$TRASH/serve.log.$(date +%s%N)"
	${VALGRIND:-} "$DOCKET" -C "$_sdir" serve --port 0 "$@" 2>"$SERVE_LOG" &
	SERVE_PID=$!
	_n=0
	while ! grep -q 'docket serve: open ' "$SERVE_LOG" 2>/dev/null; do
		_n=$((_n + 1))
		if [ "$_n" -gt 100 ] || ! kill -0 "$SERVE_PID" 2>/dev/null; then
			echo "docket serve did not start:" >&2
			cat "$SERVE_LOG" >&2
			return 1
		fi
		sleep 0.1
	done
	BASE=$(sed -n 's|^docket serve: serving .* on \(https*://[^ ]*\) (Ctrl-C stops)$|\1|p' "$SERVE_LOG" | tail -1)
}

# The newest sign-in link the server printed.
serve_link() {
	grep -o 'https*://[^ ]*/login?s=[A-Za-z0-9_-]*' "$SERVE_LOG" | tail -1
}

serve_login() {
	test "$(python3 "$HTTP_PY" -j "$1" GET "$(serve_link)")" = 200
}

hq() {
	_last=
	for _a in "$@"; do
		_last=$_a
	done
	case "$_last" in
	/*) ;;
	*) python3 "$HTTP_PY" "$@"; return ;;
	esac
	# the last argument is a path: make it a URL on BASE
	_n=$#
	_i=0
	for _a in "$@"; do
		_i=$((_i + 1))
		if [ "$_i" -lt "$_n" ]; then
			set -- "$@" "$_a"
		fi
	done
	shift "$_n"
	python3 "$HTTP_PY" "$@" "$BASE$_last"
}

serve_stop() {
	_rc=0
	kill -INT "$SERVE_PID" 2>/dev/null || return 1
	wait "$SERVE_PID" || _rc=$?
	SERVE_PID=
	return "$_rc"
}

# The ids of the backlog rows of a page, in order.
page_ids() {
	sed -n 's/.*<tr id="[^"]*"[^>]* data-id="\([^"]*\)".*/\1/p' "$1"
}
