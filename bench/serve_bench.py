"""serve_bench.py: the rows of `make bench` for `docket serve` (bench.py calls
bench_serve once per backlog size).

Two bars of issue 19, each measured against its command in the same run,
alternating one run of each so that both see the same load:

- the backlog page: GET / of a running server (the whole page read) against
  `docket list` on the same backlog;
- a reorder, commit included: POST /move of an item to the top (the form
  the page's drag sends, from the current version of ORDER) against
  `docket move ID --top`.

The server runs for the whole measurement (as it does for a team): its
first request reads the backlog, later ones only check the files' status
and read what changed.  Its peak resident size is reported as the peak.
"""
import http.client
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.parse


class Server:
    def __init__(self, docket, repo):
        self.log = tempfile.NamedTemporaryFile(prefix="docket-bench-serve.", delete=False)
        self.p = subprocess.Popen([docket, "serve", "--port", "0", "-q"], cwd=repo,
                                  stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.time() + 120
        link = None
        while time.time() < deadline and link is None:
            with open(self.log.name) as f:
                m = re.search(r"(http://127\.0\.0\.1:(\d+))/login\?s=(\S+)", f.read())
            if m:
                link = m
            elif self.p.poll() is not None:
                raise RuntimeError("docket serve did not start")
            else:
                time.sleep(0.1)
        if link is None:
            raise RuntimeError("docket serve did not print its link")
        self.base, self.port = link.group(1), int(link.group(2))
        self.host = "127.0.0.1:%d" % self.port
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        st, h, _ = self.req("GET", "/login?s=" + link.group(3))
        self.cookie = h.get("set-cookie", "").split(";")[0]
        st, _, page = self.req("GET", "/")
        self.token = re.search(rb'name="_token" value="([^"]+)"', page).group(1).decode()

    def req(self, method, path, fields=None):
        h = {"Host": self.host}
        if getattr(self, "cookie", None):
            h["Cookie"] = self.cookie
        body = None
        if fields is not None:
            h.update({"Origin": self.base, "Accept": "application/json",
                      "Content-Type": "application/x-www-form-urlencoded"})
            body = urllib.parse.urlencode(fields)
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def peak_kib(self):
        with open("/proc/%d/status" % self.p.pid) as f:
            m = re.search(r"VmHWM:\s*(\d+) kB", f.read())
        return int(m.group(1)) if m else 0

    def stop(self):
        self.conn.close()
        self.p.send_signal(signal.SIGINT)
        try:
            self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        os.unlink(self.log.name)


def wall(argv, cwd):
    t0 = time.perf_counter()
    rc = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - t0, rc


def order_blob(repo):
    return subprocess.run(["git", "hash-object", "backlog/ORDER"], cwd=repo,
                          capture_output=True, text=True).stdout.strip()


def bench_serve(docket, repo, size, runs, item, reset, committed, row, nbytes, ibytes):
    try:
        s = Server(docket, repo)
    except (RuntimeError, OSError) as e:
        print("serve: not measured: %s" % e, flush=True)
        return
    try:
        # the backlog page against list
        tp, tl, rc = [], [], 0
        for i in range(runs + 1):
            t, lrc = wall([docket, "list"], repo)
            t0 = time.perf_counter()
            st, _, page = s.req("GET", "/")
            dt = time.perf_counter() - t0
            rc = rc or lrc or (0 if st == 200 and len(page) > 1000 else st)
            if i:
                tl.append(t)
                tp.append(dt)
        row(size, "serve: GET / (backlog page)", min(tp), "docket list", min(tl),
            s.peak_kib(), nbytes, rc)
        # a reorder, commit included, against move
        tm, tr, rc = [], [], 0
        for i in range(runs + 1):
            reset()
            t, mrc = wall([docket, "move", item, "--top"], repo)
            rc = rc or mrc or (committed() and 1)
            reset()
            fields = {"_token": s.token, "id": item, "where": "top", "ref": "",
                      "order": order_blob(repo)}
            t0 = time.perf_counter()
            st, _, ans = s.req("POST", "/move", fields)
            dt = time.perf_counter() - t0
            try:
                ok = json.loads(ans).get("commit")
            except ValueError:
                ok = None
            rc = rc or (0 if st == 200 and ok and not committed() else st or 1)
            if i:
                tm.append(t)
                tr.append(dt)
        reset()
        row(size, "serve: POST /move (commit)", min(tr), "docket move", min(tm),
            s.peak_kib(), ibytes, rc)
    finally:
        s.stop()


def serve_targets(by, line):
    page = by.get(("10000", "serve: GET / (backlog page)"))
    if page:
        line(page[9] == 0 and page[5] <= 1.0,
             f"the backlog page of `docket serve` no slower than `docket list` at 10000 items: "
             f"{page[2]*1000:.1f} ms vs {page[4]*1000:.1f} ms = {page[5]:.2f}x")
    move = by.get(("10000", "serve: POST /move (commit)"))
    if move:
        line(move[9] == 0 and move[5] <= 2.0,
             f"a reorder through `docket serve` (commit included) within 2x `docket move` at "
             f"10000 items: {move[2]*1000:.1f} ms vs {move[4]*1000:.1f} ms = {move[5]:.2f}x")
