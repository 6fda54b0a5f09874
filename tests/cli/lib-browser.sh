# Helpers for the browser tests of docket serve (t87xx): Debian's
# chromium, chromium-driver and python3-selenium, run with the system
# /usr/bin/python3 (Selenium has no driver manager there).
#
#   browser_skip_all N   when one of them is missing: N "ok ... # SKIP"
#                        lines with the reason, and status 0; else 1
#   browser_run FILE REPO [ARGS]   run tests/browser/FILE against the
#                        server of lib-serve.sh; its ok / not ok lines
#                        count as this script's

CHROME=$(command -v chromium || command -v chromium-browser || true)
CHROMEDRIVER=$(command -v chromedriver || true)
[ -z "$CHROMEDRIVER" ] && [ -x /usr/lib/chromium/chromedriver ] &&
	CHROMEDRIVER=/usr/lib/chromium/chromedriver
SYSPY=/usr/bin/python3

browser_missing() {
	if [ -z "$CHROME" ]; then
		echo "chromium is not installed"
	elif [ -z "$CHROMEDRIVER" ]; then
		echo "chromium-driver is not installed"
	elif ! "$SYSPY" -c "import selenium" 2>/dev/null; then
		echo "python3-selenium is not installed"
	fi
}

browser_skip_all() {
	_why=$(browser_missing)
	[ -z "$_why" ] && return 1
	_k=0
	while [ "$_k" -lt "$1" ]; do
		_k=$((_k + 1))
		test_count=$((test_count + 1))
		echo "ok $test_count - browser test # SKIP $_why (scripts/install-deps.sh installs it)"
	done
	return 0
}

browser_run() {
	_file=$1
	_repo=$2
	shift 2
	SERVE_BASE="$BASE" SERVE_LOG="$SERVE_LOG" REPO="$_repo" SHOTS="${SHOTS:-}" \
	CHROME="$CHROME" CHROMEDRIVER="$CHROMEDRIVER" PYTHONDONTWRITEBYTECODE=1 \
		timeout -k 10 600 "$SYSPY" "$DOCKET_TESTS/browser/$_file" "$@" >"$TRASH/browser.out" 2>&1
	_rc=$?
	# renumber its lines as this script's tests
	while IFS= read -r _line; do
		case "$_line" in
		"ok "*)
			test_count=$((test_count + 1))
			echo "ok $test_count ${_line#ok [0-9]* }"
			;;
		"not ok "*)
			test_count=$((test_count + 1))
			test_failed=$((test_failed + 1))
			echo "not ok $test_count ${_line#not ok [0-9]* }"
			;;
		"#"*) echo "$_line" ;;
		esac
	done <"$TRASH/browser.out"
	if [ "$_rc" -ne 0 ] && ! grep -q '^not ok' "$TRASH/browser.out"; then
		test_count=$((test_count + 1))
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $_file ran (exit $_rc)"
		tail -20 "$TRASH/browser.out" | sed 's/^/#   /'
	fi
}
