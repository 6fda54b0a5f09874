"""pages.py: the pages of `docket serve` in headless Chromium (read-only).

The example backlog: every page loads with no Content-Security-Policy
violation and its script running, the filters apply on a choice, a
request the page makes without the session's form token is refused, the
pages fit a phone's width (390 px), and screenshots at desktop and phone
width land in $SHOTS.
"""
import sys

import lib

PAGES = ["/", "/new", "/board", "/cycle"]


def t_pages_load(b):
    first = b.row_ids()[0]
    for path in PAGES + ["/items/%s.html" % first]:
        b.get(path)
        b.wait(lambda d: d.execute_script("return document.readyState") == "complete", path)
        assert b.js("return document.querySelectorAll('main').length") == 1, path
        v = b.csp_violations()
        assert not v, "%s: %s" % (path, v)


def t_backlog_order(b):
    b.get("/")
    ids = b.row_ids()
    order = [l.split("#")[0].strip() for l in open(lib.REPO + "/backlog/ORDER")]
    order = [i for i in order if i]
    assert ids[:len(order)] == order, (ids[:5], order[:5])
    # every open row has its move handle, a button a keyboard reaches
    handles = b.all("#backlog-table tbody tr[data-id] .handle")
    assert len(handles) == len(ids), (len(handles), len(ids))
    assert handles[0].tag_name == "button"


def t_filters(b):
    b.get("/")
    b.mark()
    b.js("var s=document.querySelector('#filters select[name=status]');"
         "s.value='done';s.dispatchEvent(new Event('change'));")
    b.wait_reload()
    assert "status=done" in b.d.current_url, b.d.current_url
    statuses = b.js("return [].map.call(document.querySelectorAll('#backlog-table tbody tr'),"
                    "function(r){return r.getAttribute('data-status');})")
    assert statuses and set(statuses) == {"done"}, statuses


def t_intake_toggles(b):
    b.get("/new")
    fs = b.css("#exp-fields")
    assert fs.is_displayed()
    b.js("var t=document.getElementById('f-type');t.value='bau';t.dispatchEvent(new Event('change'));")
    assert not fs.is_displayed()


def t_no_token(b):
    before = lib.head()
    b.get("/")
    first = b.row_ids()[0]
    st = b.d.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch('/move', {method: 'POST', headers: {'Accept': 'application/json'},
                        body: new URLSearchParams({id: arguments[0], where: 'bottom'})})
          .then(function (r) { return r.json().then(function (j) { done([r.status, j.error]); }); })
          .catch(function (e) { done([0, String(e)]); });
    """, first)
    assert st[0] == 403 and "token" in st[1], st
    assert lib.head() == before


def fits(b, path):
    b.get(path)
    b.wait(lambda d: d.execute_script("return document.readyState") == "complete", path)
    over = b.js("""
        var w = document.documentElement.clientWidth, bad = [];
        document.querySelectorAll('main *').forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width && r.right > w + 1 && getComputedStyle(e).position !== 'fixed'
              && !e.closest('.tablecard table:not(.backlog)')) bad.push(e.tagName + '.' + e.className);
        });
        return [document.documentElement.scrollWidth, w, bad.slice(0, 5)];
    """)
    assert over[0] <= over[1] + 1 and not over[2], "%s: %r" % (path, over)


def t_desktop_shots(b):
    b.get("/")
    first = b.row_ids()[0]
    b.shot("serve-backlog-desktop")
    b.get("/items/%s.html" % first)
    b.shot("serve-item-desktop")
    b.get("/board")
    b.shot("serve-board-desktop")
    b.get("/cycle")
    b.shot("serve-cycle-desktop")
    b.get("/new")
    b.shot("serve-intake-desktop")


def t_phone(b):
    b.get("/")
    first = b.row_ids()[0]
    for path in PAGES + ["/items/%s.html" % first]:
        fits(b, path)
    b.get("/")
    b.shot("serve-backlog-phone")
    b.get("/items/%s.html" % first)
    b.shot("serve-item-phone")
    b.get("/board")
    b.shot("serve-board-phone")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "phone":
        sys.exit(lib.run([
            ("at phone width (390 px) every page fits: nothing wider than the screen", t_phone),
        ], width=390))
    sys.exit(lib.run([
        ("every page loads with no Content-Security-Policy violation", t_pages_load),
        ("the backlog is in ORDER's order, each open row with a move handle", t_backlog_order),
        ("a filter choice applies at once (the script submits the filters)", t_filters),
        ("the intake shows the experiment fields only for an experiment", t_intake_toggles),
        ("a request without the session's form token is refused, nothing committed", t_no_token),
        ("screenshots at desktop width", t_desktop_shots),
    ]))
