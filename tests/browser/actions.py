"""actions.py: the actions of `docket serve` in headless Chromium, asserted
by their effect (the commit and the files), not by the events fired:

- reorder by drag and drop (a row's handle onto another row) and by
  keyboard (a focused handle and the arrow keys): ORDER's commit;
- submit an idea: the new file and its commit, the id on the page;
- move a card on the huddle board to Blocked: the prompt asks the
  reason, the commit has it;
- an edit conflict: the file changes on disk between load and save; the
  page shows what changed and nothing is written.
"""
import sys

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import lib


def order():
    return [l.split("#")[0].strip() for l in open(lib.REPO + "/backlog/ORDER")
            if l.split("#")[0].strip()]


def subject():
    return lib.git("log", "-1", "--format=%s").strip()


def wait_commit(b, before, what):
    b.wait(lambda d: lib.head() != before, what + ": a commit")
    b.wait(lambda d: d.execute_script("return document.readyState") == "complete", "reload")


def t_drag(b):
    b.get("/")
    ids = b.row_ids()
    o = order()
    src, dst = o[2], o[0]
    before = lib.head()
    handle = b.css('#backlog-table tr[data-id="%s"] .handle' % src)
    target = b.css('#backlog-table tr[data-id="%s"]' % dst)
    # onto the upper half of the first row: above it (offsets are from
    # the element's centre)
    up = -int(target.rect["height"] / 2) + 4
    ActionChains(b.d).click_and_hold(handle).move_by_offset(0, -4) \
        .move_to_element_with_offset(target, 10, up).pause(0.2).release().perform()
    wait_commit(b, before, "the drag")
    assert order()[0] == src, order()
    assert subject().startswith("Rank %s #3 → #1 (above %s)" % (src, dst)), subject()
    assert ids  # the page had rows
    b.wait(lambda d: b.row_ids()[0] == src, "the page shows the new order")


def t_keyboard(b):
    b.get("/")
    o = order()
    src = o[0]
    before = lib.head()
    h = b.css('#backlog-table tr[data-id="%s"] .handle' % src)
    h.send_keys(Keys.ARROW_DOWN)
    wait_commit(b, before, "ArrowDown")
    assert order()[:2] == [o[1], src], order()
    assert subject().startswith("Rank %s #1 → #2 " % src), subject()
    # the focus is back on the moved item's handle after the reload
    b.wait(lambda d: d.execute_script(
        "var a=document.activeElement;return a&&a.closest('tr')&&a.closest('tr').getAttribute('data-id')") == src,
        "the focus on the moved item")
    before = lib.head()
    b.d.switch_to.active_element.send_keys(Keys.HOME)
    wait_commit(b, before, "Home")
    assert order()[0] == src, order()


def t_intake(b):
    b.get("/new")
    before = lib.head()
    b.css("#f-title").send_keys("Podcast sponsorship for students")
    b.js("var t=document.getElementById('f-type');t.value='experiment';t.dispatchEvent(new Event('change'));")
    b.css("#f-body").send_keys("Students listen to podcasts on the way to campus.")
    b.css('input[name="hypothesis"]').send_keys("A sponsored slot brings sign-ups")
    b.css('input[name="metric"]').send_keys("sign-ups")
    b.css('input[name="target"]').send_keys("200")
    b.css('#intake-form button[type="submit"]').click()
    wait_commit(b, before, "the intake")
    new = b.wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".newid"), "the new id")[0].text
    assert subject() == "Add %s: Podcast sponsorship for students" % new, subject()
    text = open("%s/backlog/%s.md" % (lib.REPO, new)).read()
    assert "hypothesis: A sponsored slot brings sign-ups" in text, text
    assert "Students listen to podcasts" in text, text


def t_board(b):
    b.get("/board")
    cards = b.all('.col[data-col="doing"] .tile[data-id]')
    assert cards, "no card in Doing"
    card = cards[0]
    cid = card.get_attribute("data-id")
    blocked = b.css('.col[data-col="blocked"]')
    before = lib.head()
    ActionChains(b.d).click_and_hold(card).move_by_offset(10, 10) \
        .move_to_element(blocked).pause(0.2).release().perform()
    dlg = b.wait(lambda d: d.find_element(By.ID, "ask") if d.find_element(By.ID, "ask").is_displayed() else None,
                 "the prompt")
    assert dlg.find_element(By.ID, "ask-reason").is_displayed()
    # OK without a reason: the browser asks for it, nothing is sent
    b.css("#ask-ok").click()
    assert lib.head() == before
    b.css("#ask-reason").send_keys("Waiting for the legal review")
    b.css("#ask-ok").click()
    wait_commit(b, before, "the card's move")
    assert subject() == "%s: doing → blocked" % cid, subject()
    text = open("%s/backlog/%s.md" % (lib.REPO, cid)).read()
    assert "blocked_reason: Waiting for the legal review" in text, text
    b.wait(lambda d: d.find_elements(By.CSS_SELECTOR,
                                     '.col[data-col="blocked"] .tile[data-id="%s"]' % cid),
           "the card in Blocked")


def t_conflict(b):
    import re
    iid = [i for i in order()
           if re.search(r"^effort: [0-9]+$", open("%s/backlog/%s.md" % (lib.REPO, i)).read(), re.M)][-1]
    b.get("/items/%s.html" % iid)
    path = "%s/backlog/%s.md" % (lib.REPO, iid)
    text = open(path).read()
    # someone else changes the file on disk after the page was made
    with open(path, "w") as f:
        f.write(re.sub(r"^effort: [0-9]+$", "effort: 13", text, count=1, flags=re.M))
    before = lib.head()
    t = b.css('input[name="fm.title"]')
    t.clear()
    t.send_keys("A title nobody else chose")
    b.css('#edit button[type="submit"]').click()
    b.wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".panel.conflict"), "the conflict panel")
    panel = b.css(".panel.conflict").text
    assert "effort" in panel and "13" in panel, panel
    assert lib.head() == before
    assert "A title nobody else chose" not in open(path).read()
    # the person's entry is kept for another try, the rest is as it is now
    assert b.css('input[name="fm.title"]').get_attribute("value") == "A title nobody else chose"
    assert b.css('input[name="fm.effort"]').get_attribute("value") == "13"
    lib.git("checkout", "-q", "--", "backlog/%s.md" % iid)


if __name__ == "__main__":
    sys.exit(lib.run([
        ("a row dragged by its handle above another: ORDER's commit", t_drag),
        ("a focused handle and the arrow keys reorder: ORDER's commits", t_keyboard),
        ("an idea submitted: the new file, its commit, the id on the page", t_intake),
        ("a card dragged to Blocked asks the reason; the commit has it", t_board),
        ("an edit conflict: changed on disk between load and save, the page says what changed, nothing written", t_conflict),
    ]))
