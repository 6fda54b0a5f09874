#!/bin/sh
# docket export html: the files it writes, where it refuses to write,
# usage errors, --rev, and that the backlog itself is never touched.
# (What a browser makes of the pages: t8010.)
. "$DOCKET_TESTS/cli/lib.sh"

export DOCKET_TODAY=2026-12-04
cp -R "$DOCKET_TESTS/fixtures/html" r
(cd r && git init -q && git add -A && git commit -qm "Banking app backlog")

# state of the backlog: every tracked file's bytes, and git status
snapshot() {
	(cd r && git ls-files -s && git status --porcelain --untracked-files=all)
}

test_expect 'export writes index.html and one page per item, and touches no backlog file' '
	snapshot >before &&
	docket -C r export html -o "$TRASH/site" 2>err &&
	grep -q "wrote 18 pages to $TRASH/site" err &&
	test -s site/index.html &&
	for f in r/backlog/MKT-*.md; do
		id=$(basename "$f" .md) &&
		test -s "site/items/$id.html" || return 1
	done &&
	test "$(ls site/items | wc -l)" = 17 &&
	snapshot >after && test_cmp before after
'

test_expect 'the backlog table lists the items in the order of docket list' '
	docket -C r list --all --format plain | cut -f2 >want &&
	sed -n "s/^<tr id=\"\\([^\"]*\\)\".*/\\1/p" site/index.html >got &&
	test_cmp want got
'

test_expect 'the board holds the current cycle and committed vs completed is counted' '
	grep -q "<h2>Huddle board<span class=\"sub\">cycle 2026-12</span>" site/index.html &&
	grep -q "1 of 4 committed items done" site/index.html &&
	grep -q "<b>3</b> of 3 items" site/index.html
'

test_expect 'badges that depend on the date carry their dates for the page script' '
	grep -q "<html lang=\"en\" data-built=\"2026-12-04\">" site/index.html &&
	grep -q "<div class=\"card cyc current\" data-start=\"2026-11-30\" data-end=\"2026-12-11\"><h3>2026-12 <span class=\"badge when s-doing\">current</span>" site/index.html &&
	grep -q "<span data-ends=\"2026-12-11\">ends</span>" site/index.html &&
	grep -q "data-start=\"2026-11-16\" data-end=\"2026-11-27\"><h3>2026-11 <span class=\"badge when s-done\">ended</span>" site/index.html
'

test_expect 'done and stopped items are not the intake: no "new" badge' '
	python3 - site/index.html <<-\PY
	import re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	seen = {"closed": 0, "new": 0}
	for m in re.finditer(r"<tr id=\"([^\"]+)\"[^>]*data-status=\"(\w+)\"[^>]*>(.*?)</tr>", html, re.S):
	    closed = m.group(2) in ("done", "stopped")
	    new = ">new</span>" in m.group(3)
	    assert not (closed and new), m.group(1)
	    seen["closed"] += closed
	    seen["new"] += new
	assert seen["closed"] >= 3 and seen["new"] >= 1, seen
	PY
'

test_expect 'every page is self-contained: no external URL (but the SVG namespace), no src= or stylesheet link' '
	! grep -l "src=\|<link\|@import\|url(" site/index.html site/items/*.html &&
	! grep -o "https\?://[^\" <]*" site/index.html site/items/*.html |
		grep -v ":http://www.w3.org/2000/svg$"
'

test_expect 'the inline script is allowed by its SHA-256 in the Content-Security-Policy, nothing else' '
	python3 - site/index.html <<-\PY
	import base64, hashlib, re, sys
	html = open(sys.argv[1], encoding="utf-8").read()
	scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
	assert len(scripts) == 1, scripts
	h = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
	csp = re.search(r"Content-Security-Policy\" content=\"([^\"]*)\"", html).group(1)
	assert "default-src '"'"'none'"'"'" in csp, csp
	assert "script-src '"'"'sha256-%s'"'"'" % h in csp, (h, csp)
	PY
	! grep -q "<script" site/items/MKT-1.html &&
	! grep -q "script-src" site/items/MKT-1.html
'

test_expect 'each campaign gets its burn-up chart from the git history' '
	n=$(docket -C r list --all --format json | jq "[.[] | .campaign // empty] | unique | length") &&
	test "$n" -ge 2 &&
	test "$(grep -c "<svg " site/index.html)" = "$n" &&
	grep -q "id=\"c0-chart-title\"" site/index.html &&
	grep -q "id=\"c1-chart-title\"" site/index.html &&
	! grep -q "<?xml" site/index.html
'

test_expect 'outside git the site is written without charts' '
	cp -R r nogit && rm -rf nogit/.git &&
	docket -C nogit export html -o "$TRASH/nogit-site" 2>err &&
	grep -q "no burn-up charts" err &&
	test -s nogit-site/index.html && ! grep -q "<svg" nogit-site/index.html
'

test_expect 'exporting again replaces the files and leaves no temporary file' '
	cp site/items/MKT-7.html old &&
	sed -i "s/^title: Follow-up video/title: Second video/" r/backlog/MKT-7.md &&
	docket -C r export html -o "$TRASH/site" -q 2>err && test ! -s err &&
	grep -q "Second video with the savings-goal feature" site/items/MKT-7.html &&
	! cmp -s old site/items/MKT-7.html &&
	test -z "$(find site -name "*docket-tmp*")" &&
	(cd r && git checkout -q backlog/MKT-7.md)
'

test_expect 'a page of an item that is gone is removed on the next export; other files stay' '
	test -f site/items/MKT-7.html && grep -qx "items/MKT-7.html" site/.docket-site &&
	echo "mine" >site/items/notes.html && echo "mine" >site/extra.txt &&
	git -C r mv backlog/MKT-7.md backlog/MKT-77.md &&
	sed -i "s/^id: MKT-7$/id: MKT-77/" r/backlog/MKT-77.md &&
	docket -C r export html -o "$TRASH/site" 2>err &&
	grep -q "removed 1 page of items no longer in the backlog" err &&
	test ! -e site/items/MKT-7.html && test -f site/items/MKT-77.html &&
	test "$(cat site/items/notes.html)" = mine && test "$(cat site/extra.txt)" = mine &&
	! grep -q "MKT-7.html" site/index.html &&
	git -C r reset -q --hard && rm -f r/backlog/MKT-77.md site/items/notes.html site/extra.txt &&
	docket -C r export html -o "$TRASH/site" -q 2>/dev/null &&
	test -f site/items/MKT-7.html && test ! -e site/items/MKT-77.html
'

test_expect '--rev exports a revision without touching the working tree' '
	sed -i "s/^title: Webinar.*/title: Changed in the working tree/" r/backlog/MKT-9.md &&
	snapshot >before &&
	docket -C r export html --rev HEAD -o "$TRASH/rev-site" --title "At HEAD" -q &&
	grep -q "Webinar for small-business customers" rev-site/items/MKT-9.html &&
	! grep -q "Changed in the working tree" rev-site/index.html &&
	grep -q "<title>At HEAD</title>" rev-site/index.html &&
	grep -q "revision <code>HEAD</code>" rev-site/index.html &&
	snapshot >after && test_cmp before after &&
	(cd r && git checkout -q backlog/MKT-9.md)
'

test_expect 'a relative -o is relative to the folder docket runs in (after -C, as git does)' '
	(cd r/backlog && docket export html -o ../../here -q) &&
	test -s here/index.html &&
	docket -C r export html -o ../there -q &&
	test -s there/index.html
'

test_expect 'refuses to write through a symbolic link items/ that leads outside DIR' '
	mkdir -p trap evil &&
	ln -s "$TRASH/evil" trap/items &&
	expect_code 1 docket -C r export html -o "$TRASH/trap" 2>err &&
	grep -q "symbolic link" err &&
	test -z "$(ls evil)"
'

test_expect 'a page that is a symbolic link is replaced, its target is not written' '
	mkdir -p link/items &&
	echo keep >victim &&
	ln -s "$TRASH/victim" link/items/MKT-1.html &&
	docket -C r export html -o "$TRASH/link" -q &&
	test "$(cat victim)" = keep &&
	test ! -L link/items/MKT-1.html && grep -q "Launch email" link/items/MKT-1.html
'

test_expect 'an unreadable item: the site is written without it, exit 1 and the file named' '
	printf -- "---\nid: MKT-40\ntitle: [broken\n---\n" >r/backlog/MKT-40.md &&
	expect_code 1 docket -C r export html -o "$TRASH/partial" 2>err &&
	grep -q "backlog/MKT-40.md" err && grep -q "no page" err &&
	test -s partial/index.html && test ! -e partial/items/MKT-40.html &&
	rm r/backlog/MKT-40.md
'

test_expect 'usage errors exit 2 and write nothing' '
	expect_code 2 docket -C r export html 2>err && grep -q "\-o DIR" err &&
	expect_code 2 docket -C r export pdf -o x 2>err && grep -q "unknown export format" err &&
	expect_code 2 docket -C r export -o x 2>err &&
	expect_code 2 docket -C r export html extra -o x 2>err && grep -q "unexpected argument" err &&
	expect_code 2 docket -C r export html -o x --bogus 2>err &&
	test ! -e x && test ! -e r/x &&
	mkdir -p empty && expect_code 2 docket -C empty export html -o y 2>err &&
	grep -q "not in a docket backlog" err && test ! -e y && test ! -e empty/y
'

test_expect 'export is in docket help' '
	docket help >out && grep -q "^  export " out &&
	docket help export >out && grep -q "^usage: docket export html -o DIR" out
'
test_done
