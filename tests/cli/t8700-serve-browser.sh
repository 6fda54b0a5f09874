#!/bin/sh
# docket serve in a real browser: headless Chromium driven by Selenium
# (tests/browser/*.py) on the example backlog, at desktop and phone
# width, with screenshots in the build folder (serve-screenshots/); then
# the actions, asserted by their commits: reorder by drag and by keys,
# an idea submitted, a card moved with its reason, an edit conflict.
# Without chromium, chromium-driver or python3-selenium every test says
# "skip" (CI installs them: scripts/install-deps.sh).
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"
. "$DOCKET_TESTS/cli/lib-browser.sh"

export DOCKET_TODAY=2026-12-01
SHOTS="$(dirname "$DOCKET")/serve-screenshots"

# the example backlog with the history the demo replays
cp -R "$DOCKET_TESTS/../examples/banking-app" banking-app
(cd banking-app && git init -q && python3 "$DOCKET_TESTS/../scripts/demo-history.py" . >/dev/null)

browser_skip_all 3 && test_done && exit 0

serve_start banking-app
browser_run pages.py "$TRASH/banking-app"
browser_run pages.py "$TRASH/banking-app" phone
browser_run actions.py "$TRASH/banking-app"
test_done
