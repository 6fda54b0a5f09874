"""hostile.py: hostile titles, fields and bodies render as text in every
page of `docket serve`: nothing injected exists or runs."""
import sys

import lib

TITLE1 = "<script>document.title='pwned-title-1'</script>"
TITLE2 = "<img src=x onerror=document.title='pwned-title-2'>"

# what must not exist in a page: elements of the injected kinds, event
# attributes, script or image URLs; then the page's title and its text
CHECK = """
var bad = [];
document.querySelectorAll('*').forEach(function (e) {
  var t = e.tagName.toLowerCase();
  if (t === 'script' && e.getAttribute('src') !== '/static/app.js') bad.push('script');
  if (['iframe', 'object', 'embed', 'base', 'frame', 'math'].indexOf(t) >= 0) bad.push(t);
  if (t === 'img' && e.getAttribute('src') && e.getAttribute('src').indexOf('/burnup.svg') !== 0)
    bad.push('img ' + e.getAttribute('src'));
  [].forEach.call(e.attributes, function (a) {
    if (/^on/i.test(a.name)) bad.push(t + ' ' + a.name);
    if (/^(href|src|action|formaction)$/.test(a.name) && /^\\s*(javascript|vbscript|data):/i.test(a.value))
      bad.push(t + ' ' + a.name + '=' + a.value);
  });
});
return [bad, document.title, document.body.innerText];
"""


def check(b, path, *texts):
    b.get(path)
    b.wait(lambda d: d.execute_script("return document.readyState") == "complete", path)
    bad, title, text = b.js(CHECK)
    assert not bad, "%s: injected %r" % (path, bad)
    # a script that ran would have set the title to pwned-...
    assert not title.startswith("pwned"), "%s: title %r" % (path, title)
    for t in texts:
        assert t in text, "%s: %r not shown as text" % (path, t)
    v = b.csp_violations()
    assert not v, "%s: %s" % (path, v)


def t_backlog(b):
    check(b, "/", TITLE1)
    check(b, "/?status=all", TITLE1, TITLE2)
    check(b, "/?status=all&q=%3Cscript%3E", TITLE1)


def t_items(b):
    check(b, "/items/MKT-1.html", TITLE1, "<b>leads</b>", "raw")
    check(b, "/items/MKT-2.html", TITLE2, "<svg onload=document.title='pwned-actual'>")


def t_board_cycle(b):
    check(b, "/board", TITLE1, "<script>document.title='pwned-goal'</script>")
    check(b, "/cycle", TITLE1)


def t_forms_keep_text(b):
    b.get("/items/MKT-1.html")
    v = b.js("return document.querySelector('input[name=\"fm.title\"]').value")
    assert v == TITLE1, v
    body = b.js("return document.getElementById('f-body').value")
    assert "<script>document.title='pwned-body'</script>" in body, body


if __name__ == "__main__":
    sys.exit(lib.run([
        ("hostile titles stay text on the backlog page, nothing injected runs", t_backlog),
        ("item pages: hostile fields and bodies stay text; raw HTML and javascript: links dropped", t_items),
        ("the board and the cycle page: hostile titles and goals stay text", t_board_cycle),
        ("the edit form holds the hostile text as a value, unchanged", t_forms_keep_text),
    ]))
