#!/bin/sh
# docket serve in a real browser: headless Chromium driven by Selenium
# (tests/browser/*.py) on the example backlog, at desktop and phone
# width, with screenshots in the build folder (serve-screenshots/).
# Without chromium, chromium-driver or python3-selenium every test says
# "skip" (CI installs them: scripts/install-deps.sh).
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"
. "$DOCKET_TESTS/cli/lib-browser.sh"

export DOCKET_TODAY=2026-12-01
SHOTS="$(dirname "$DOCKET")/serve-screenshots"

# the example backlog with the history the demo replays
cp -R "$DOCKET_TESTS/../examples/banking-app" ex
(cd ex && git init -q && python3 "$DOCKET_TESTS/../scripts/demo-history.py" . >/dev/null)

browser_skip_all 2 && test_done && exit 0

serve_start ex
browser_run pages.py "$TRASH/ex"
browser_run pages.py "$TRASH/ex" phone
test_done
