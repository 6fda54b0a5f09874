#!/bin/sh
# docket serve in a real browser with a hostile backlog: markup and
# scripts in titles, fields, a cycle's goal and bodies render as text on
# every page; nothing injected exists or runs.  Skipped without chromium,
# chromium-driver or python3-selenium.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"
. "$DOCKET_TESTS/cli/lib-browser.sh"

export DOCKET_TODAY=2026-12-04
new_repo h
docket -C h init -q 2>/dev/null
mkdir -p h/backlog/cycles
cat >h/backlog/MKT-1.md <<'MD'
---
id: MKT-1
title: <script>document.title='pwned-title-1'</script>
type: experiment
status: doing
effort: 3
customer_value: 5
business_value: 5
hypothesis: <script>document.title='pwned-hypothesis'</script>
metric: <b>leads</b>
target: "\"><img src=x onerror=document.title='pwned-target'>"
campaign: x" onmouseover="document.title='pwned-campaign'
tags: ["\"><img src=x onerror=document.title='pwned-tag'>", plain]
started: 2026-12-01
cycle: 2026-12
---
Click [here](javascript:document.title='pwned-link') or
<a href="javascript:document.title='pwned-raw-link'">raw</a>.

<script>document.title='pwned-body'</script>

<img src=x onerror="document.title='pwned-img'">

## Definition of Done
- [x] Copy <b onclick="document.title='pwned-dod'">reviewed</b>
- [ ] Results recorded
MD
cat >h/backlog/MKT-2.md <<'MD'
---
id: MKT-2
title: <img src=x onerror=document.title='pwned-title-2'>
type: experiment
status: done
effort: 2
customer_value: 5
business_value: 5
hypothesis: "</p><script>document.title='pwned-done'</script>"
metric: m
target: 1
actual: <svg onload=document.title='pwned-actual'>
result: won
finished: 2026-12-02
---
MD
cat >h/backlog/cycles/2026-12.md <<'MD'
---
name: 2026-12
start: 2026-11-30
end: 2026-12-11
goal: <script>document.title='pwned-goal'</script>
committed: [MKT-1, MKT-2]
---
MD
printf 'MKT-1\n' >h/backlog/ORDER
(cd h && git add -A && git commit -qm "Hostile backlog")

browser_skip_all 4 && test_done && exit 0
serve_start h
browser_run hostile.py "$TRASH/h"
test_done
