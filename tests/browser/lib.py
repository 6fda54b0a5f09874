"""lib.py: what the browser tests of `docket serve` share.

Run by tests/cli/t87xx-*.sh with Debian's /usr/bin/python3 (python3-selenium
has no driver manager: chromedriver comes from chromium-driver, the same
version as chromium).  A test file defines functions and calls run():

    import lib
    def t_backlog(b):            # b: a Browser signed in to the server
        b.get("/")
        assert ...
    lib.run([("the backlog loads", t_backlog), ...])

Each test prints "ok N - title" or "not ok N - title" with the reason, as
the CLI tests do, so tests/run.sh counts them.  Screenshots go to
$SHOTS (the build folder) when it is set.

Environment: SERVE_BASE (http://127.0.0.1:PORT), SERVE_LOG (the server's
stderr, where the sign-in links are), REPO (the backlog's folder).
"""
import os
import re
import subprocess
import sys
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["SERVE_BASE"]
LOG = os.environ["SERVE_LOG"]
REPO = os.environ.get("REPO", "")
SHOTS = os.environ.get("SHOTS", "")


def newest_link():
    with open(LOG, encoding="utf-8") as f:
        links = re.findall(r"https?://\S+/login\?s=[A-Za-z0-9_-]+", f.read())
    return links[-1]


def git(*args):
    return subprocess.run(["git", "-C", REPO] + list(args), check=True,
                          capture_output=True, text=True).stdout


def head():
    return git("rev-parse", "HEAD").strip()


class Browser:
    def __init__(self, width=1366, height=900):
        o = Options()
        o.binary_location = os.environ.get("CHROME", "/usr/bin/chromium")
        o.add_argument("--headless=new")
        if os.geteuid() == 0:
            o.add_argument("--no-sandbox")
        o.add_argument("--disable-gpu")
        o.add_argument("--disable-dev-shm-usage")
        o.add_argument("--hide-scrollbars")
        o.add_argument("--window-size=%d,%d" % (width, height))
        o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.d = webdriver.Chrome(service=service, options=o)
        self.d.set_page_load_timeout(30)
        self.d.set_script_timeout(30)
        self.width = width

    def quit(self):
        self.d.quit()

    def login(self):
        link = newest_link()
        self.d.get(link)
        # the sign-in page moves on to / by itself
        self.wait(lambda d: d.current_url.rstrip("/") == BASE, "the sign-in page moves on")
        return self

    def get(self, path):
        self.d.get(BASE + path)
        return self

    def wait(self, cond, what, timeout=15):
        try:
            return WebDriverWait(self.d, timeout).until(cond)
        except TimeoutException:
            raise AssertionError("timed out waiting: " + what)

    def css(self, sel):
        return self.d.find_element(By.CSS_SELECTOR, sel)

    def all(self, sel):
        return self.d.find_elements(By.CSS_SELECTOR, sel)

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def logs(self):
        return self.d.get_log("browser")

    def csp_violations(self):
        return [l["message"] for l in self.logs()
                if "Content Security Policy" in l["message"]]

    def shot(self, name):
        """A screenshot of the window (1366x900, or 390x844 at phone
        width): what a person sees first."""
        if not SHOTS:
            return
        os.makedirs(SHOTS, exist_ok=True)
        self.d.set_window_size(self.width, 900 if self.width > 500 else 844)
        time.sleep(0.3)
        self.d.save_screenshot(os.path.join(SHOTS, name + ".png"))
        self.d.set_window_size(self.width, 900)

    def row_ids(self):
        return [r.get_attribute("data-id") for r in self.all("#backlog-table tbody tr[data-id]")]

    def wait_reload(self, marker_js="return window.__docketMark === undefined"):
        """Wait for the page the script reloads after an action."""
        self.wait(lambda d: d.execute_script(marker_js), "the page reloads")
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete",
                  "the page loads")

    def mark(self):
        self.js("window.__docketMark = 1")


def run(tests, width=1366):
    n = 0
    failed = 0
    b = None
    for title, fn in tests:
        n += 1
        try:
            if b is None:
                b = Browser(width)
                b.login()
            fn(b)
            print("ok %d - %s" % (n, title))
        except Exception as e:
            failed += 1
            print("not ok %d - %s" % (n, title))
            for line in traceback.format_exception(type(e), e, e.__traceback__)[-6:]:
                for l in line.rstrip().split("\n"):
                    print("#   " + l)
            try:
                if b:
                    b.quit()
            except Exception:
                pass
            b = None
        sys.stdout.flush()
    if b:
        b.quit()
    print("1..%d" % n)
    return 1 if failed else 0
