#!/bin/sh
# docket export html in a real browser (headless Chromium): hostile
# titles and bodies stay text, nothing injected exists or runs, the
# filter script does run, and screenshots of the example backlog at
# laptop and phone widths land in the build folder (screenshots/).
# Without chromium every test says "skip" (CI installs it).
. "$DOCKET_TESTS/cli/lib.sh"

export DOCKET_TODAY=2026-12-04
CHROME=$(command -v chromium || command -v chromium-browser || true)
SHOTS="$(dirname "$DOCKET")/screenshots"

# browser_test TITLE SCRIPT: test_expect, or a skip without chromium.
browser_test() {
	if [ -z "$CHROME" ]; then
		test_count=$((test_count + 1))
		echo "ok $test_count - $1 # SKIP chromium is not installed"
		return 0
	fi
	test_expect "$1" "$2"
}

# (a timeout: a page whose injected alert() ran would never finish)
chrome() {
	timeout -k 5 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-extensions --hide-scrollbars --user-data-dir="$TRASH/chrome" \
		--run-all-compositor-stages-before-draw --virtual-time-budget=3000 "$@" 2>/dev/null
}

# dom URL OUT: the DOM after the page loaded and its scripts ran
dom() {
	chrome --dump-dom "$1" >"$2" && test -s "$2"
}

# domcheck DOM [ARGS]: structural checks on a dumped DOM (see below)
domcheck() {
	python3 "$TRASH/domcheck.py" "$@"
}
cat >"$TRASH/domcheck.py" <<'PY'
# domcheck.py DOM TITLE NSCRIPTS [TEXT...]: the page's title is TITLE
# (so no script changed document.title), it has exactly NSCRIPTS script
# elements, no element of the injected kinds, no on* attribute, no
# javascript:/vbscript:/data: link, and each TEXT occurs as text.
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = 0
        self.bad = []
        self.title = None
        self.in_title = False
        self.text = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
            self.in_script = True
        # (svg is allowed: the burn-up charts; an injected <svg onload>
        # is caught by its attribute)
        if tag in ("iframe", "object", "embed", "math", "form", "base", "frame"):
            self.bad.append("element <%s>" % tag)
        # an image whose URL safe mode removed is harmless; any other
        # (src=x onerror=...) was injected
        if tag == "img" and dict(attrs).get("src", "") != "":
            self.bad.append("<img> with src %r" % dict(attrs).get("src"))
        if tag == "title" and self.title is None:   # the page's, not an SVG's
            self.in_title = True
            self.title = ""
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append("attribute %s on <%s>" % (k, tag))
            if k in ("href", "src", "action", "formaction", "xlink:href") and v:
                u = "".join(v.split()).lower()
                if u.startswith(("javascript:", "vbscript:", "data:")):
                    self.bad.append("%s=%r on <%s>" % (k, v, tag))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if not self.in_script:
            self.text.append(data)

dom, title, nscripts = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = P()
p.feed(open(dom, encoding="utf-8").read())
text = "".join(p.text)
ok = True
if p.title != title:
    print("title is %r, not %r" % (p.title, title)); ok = False
if p.scripts != nscripts:
    print("%d script elements, not %d" % (p.scripts, nscripts)); ok = False
for b in p.bad:
    print("injected:", b); ok = False
for t in sys.argv[4:]:
    if t not in text:
        print("missing text %r" % t); ok = False
sys.exit(0 if ok else 1)
PY

# rows DOM: the ids of the backlog rows that are not hidden
rows() {
	python3 - "$1" <<-\PY
	import re, sys
	for m in re.finditer(r"<tr id=\"([^\"]+)\"([^>]*)>", open(sys.argv[1], encoding="utf-8").read()):
	    if not re.search(r"\shidden(=|\s|$)", m.group(2)):
	        print(m.group(1))
	PY
}

# A hostile backlog: markup and scripts in every field that reaches the
# page, raw HTML and javascript: links in a body.
new_repo h
docket -C h init -q 2>/dev/null
mkdir -p h/backlog/cycles
cat >h/backlog/MKT-1.md <<'MD'
---
id: MKT-1
title: <script>alert(1)</script>
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
Click [here](javascript:document.title='pwned-link'), [there](JaVaScRiPt:alert(1)),
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) or
<a href="javascript:document.title='pwned-raw-link'">raw</a>.

<script>document.title='pwned-body'</script>

<img src=x onerror="document.title='pwned-img'">

<iframe src="javascript:document.title='pwned-iframe'"></iframe>

![pic](javascript:document.title='pwned-image')

| column | other |
|---|---|
| <b onclick="document.title='pwned-cell'">cell</b> | two |

- [x] Copy reviewed
- [ ] Results recorded
MD
cat >h/backlog/MKT-2.md <<'MD'
---
id: MKT-2
title: <img src=x onerror=document.title='pwned-title'>
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
docket -C h export html -o "$TRASH/hs" --title "Hostile <b>site</b>" -q

browser_test 'hostile text stays text on index.html; nothing injected exists or ran; the filters ran' '
	dom "file://$TRASH/hs/index.html" index.dom &&
	domcheck index.dom "Hostile <b>site</b>" 1 \
		"<script>alert(1)</script>" \
		"<img src=x onerror=document.title='"'"'pwned-title'"'"'>" \
		"<script>document.title='"'"'pwned-goal'"'"'</script>" \
		"<script>document.title='"'"'pwned-hypothesis'"'"'</script>" \
		"x\" onmouseover=\"document.title='"'"'pwned-campaign'"'"'" &&
	! grep -q "id=\"filters\"[^>]* hidden" index.dom &&
	grep -q "<html lang=\"en\" data-built=\"2026-12-04\" class=\"js\">" index.dom &&
	rows index.dom >visible && test "$(cat visible)" = MKT-1
'

browser_test 'the filters read the query string: ?status=all shows every item, ?q= searches' '
	dom "file://$TRASH/hs/index.html?status=all" all.dom &&
	test "$(rows all.dom | sort | tr "\n" " ")" = "MKT-1 MKT-2 " &&
	grep -q "2 of 2 items" all.dom &&
	dom "file://$TRASH/hs/index.html?status=all&q=onerror" q.dom &&
	test "$(rows q.dom | tr "\n" " ")" = "MKT-1 MKT-2 " &&
	dom "file://$TRASH/hs/index.html?status=done&q=PWNED-TITLE" q2.dom &&
	test "$(rows q2.dom)" = MKT-2 &&
	dom "file://$TRASH/hs/index.html?campaign=nothing-like-it&type=bau" q3.dom &&
	test -z "$(rows q3.dom)" && grep -q "<p id=\"f-none\" class=\"empty\">No item" q3.dom
'

browser_test 'an item page: the body is rendered (task list, table) without raw HTML or javascript: links' '
	dom "file://$TRASH/hs/items/MKT-1.html" item.dom &&
	domcheck item.dom "MKT-1 · <script>alert(1)</script> — Hostile <b>site</b>" 0 \
		"<script>alert(1)</script>" "Copy reviewed" "cell" &&
	grep -q "<input type=\"checkbox\" checked=\"\" disabled=\"\"" item.dom &&
	grep -q "<th>column</th>" item.dom &&
	grep -q "raw HTML omitted" item.dom &&
	grep -q "<a href=\"\">here</a>" item.dom &&
	dom "file://$TRASH/hs/items/MKT-2.html" item2.dom &&
	domcheck item2.dom "MKT-2 · <img src=x onerror=document.title='"'"'pwned-title'"'"'> — Hostile <b>site</b>" 0 \
		"<svg onload=document.title='"'"'pwned-actual'"'"'>"
'

# console LOG URL OUT: the DOM, and the browser's console in LOG
console() {
	timeout -k 5 60 "$CHROME" --headless --no-sandbox --disable-gpu --user-data-dir="$TRASH/chrome2" \
		--enable-logging=stderr --log-level=0 --virtual-time-budget=3000 \
		--dump-dom "$2" >"$3" 2>"$1" || true
}

browser_test 'a script that is not the filter script does not run, even when written into the page' '
	sed "s|</main>|<script>document.title=\"pwned-csp\"</script></main>|" \
		hs/index.html >hs/planted.html &&
	console log "file://$TRASH/hs/planted.html" planted.dom &&
	grep -q "<title>Hostile &lt;b&gt;site&lt;/b&gt;</title>" planted.dom &&
	grep -q "violates the following Content Security Policy directive" log &&
	grep -v "Content-Security-Policy" hs/planted.html >hs/nocsp.html &&
	dom "file://$TRASH/hs/nocsp.html" nocsp.dom &&
	grep -q "<title>pwned-csp</title>" nocsp.dom
'

# The example backlog, for screenshots: examples/banking-app with the
# history the demo replays (so that the burn-up charts have a history),
# else the test fixture.
if [ -d "$DOCKET_TESTS/../examples/banking-app" ] &&
	[ -f "$DOCKET_TESTS/../scripts/demo-history.py" ]; then
	DOCKET_TODAY=2026-12-01
	cp -R "$DOCKET_TESTS/../examples/banking-app" ex
	(cd ex && git init -q && python3 "$DOCKET_TESTS/../scripts/demo-history.py" .)
else
	cp -R "$DOCKET_TESTS/fixtures/html" ex
	(cd ex && git init -q && git add -A && git commit -qm "Banking app backlog")
fi
docket -C ex export html -o "$TRASH/site" --title "Nova Bank app launch" -q 2>/dev/null

# shot NAME URL WIDTH HEIGHT: a PNG in the build folder
shot() {
	mkdir -p "$SHOTS" &&
	rm -f "$SHOTS/$1.png" &&
	chrome --screenshot="$SHOTS/$1.png" --window-size="$3,$4" "$2" >/dev/null &&
	test "$(head -c 8 "$SHOTS/$1.png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a &&
	test "$(wc -c <"$SHOTS/$1.png")" -gt 20000
}

browser_test 'screenshots of the example backlog at laptop (1366x900) and phone (390x844) widths' '
	test -s site/index.html &&
	shot laptop "file://$TRASH/site/index.html" 1366 900 &&
	shot phone "file://$TRASH/site/index.html" 390 844 &&
	id=$(docket -C ex list --format plain | head -1 | cut -f2) &&
	shot item-laptop "file://$TRASH/site/items/$id.html" 1366 900 &&
	shot item-phone "file://$TRASH/site/items/$id.html" 390 844 &&
	shot hostile-item "file://$TRASH/hs/items/MKT-1.html" 1366 900
'

browser_test 'the example site loads without a Content-Security-Policy violation' '
	console log "file://$TRASH/site/index.html" ex.dom &&
	grep -q "class=\"js\"" ex.dom &&
	! grep -i "content security policy" log &&
	id=$(docket -C ex list --format plain | head -1 | cut -f2) &&
	console log "file://$TRASH/site/items/$id.html" exi.dom &&
	grep -q "<h1>" exi.dom &&
	! grep -i "content security policy" log
'
# A site made on 2020-01-08, read today: the badges that depend on the
# date follow the reader's clock, never a day before the site was made.
new_repo dt
docket -C dt init -q 2>/dev/null
mkdir -p dt/backlog/cycles
printf "%s\n" "---" "name: c-past" "start: 2020-01-06" "end: 2020-01-17" "committed: []" "---" >dt/backlog/cycles/c-past.md
printf "%s\n" "---" "name: c-far" "start: 2099-01-05" "end: 2099-01-16" "committed: []" "---" >dt/backlog/cycles/c-far.md
(cd dt && git add -A && git commit -qm "Two cycles")
DOCKET_TODAY=2020-01-08 docket -C dt export html -o "$TRASH/dt-2020" -q
DOCKET_TODAY=2099-01-08 docket -C dt export html -o "$TRASH/dt-2099" -q

# badge DOM CYCLE: the text of the cycle card's date badge
badge() {
	python3 - "$1" "$2" <<-\PY
	import re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	m = re.search(r"<h3>" + re.escape(sys.argv[2]) + r" <span class=\"badge when[^\"]*\">([^<]*)</span>", html)
	print(m.group(1) if m else "none")
	PY
}

browser_test 'cycle badges follow the reader'"'"'s date, not the export'"'"'s' '
	test "$(badge "$TRASH/dt-2020/index.html" c-past)" = current &&
	test "$(badge "$TRASH/dt-2020/index.html" c-far)" = upcoming &&
	dom "file://$TRASH/dt-2020/index.html" d2020.dom &&
	test "$(badge d2020.dom c-past)" = ended &&
	test "$(badge d2020.dom c-far)" = upcoming &&
	! grep -q "class=\"card cyc current\"" d2020.dom &&
	dom "file://$TRASH/dt-2099/index.html" d2099.dom &&
	test "$(badge d2099.dom c-far)" = current &&
	test "$(badge d2099.dom c-past)" = ended
'
test_done
