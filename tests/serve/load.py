#!/usr/bin/env python3
"""load.py: the load test of `docket serve` (tests/cli/t8600-serve-load.sh).

    load.py BASE JAR REPO OUT [--clients 8] [--requests 1000] [--seed N]

CLIENTS threads send REQUESTS requests in all against one small item set,
each thread with its own connection per request: reads (the backlog, an
item, the board) and writes made the way the pages make them, from the
version the client just read (an item's fields, a status change, a move of
an item next to another).  Clients race, so some writes must be refused
with 409; none may be lost.

Writes ask for JSON.  OUT gets one JSON line per write: the request, the
HTTP status and the answer ({"ok": true, "commit": ...} or the refusal).
The script exits 1 when a request failed at the transport level (a crash,
a reset, a timeout) or answered 5xx; the shell test checks the rest
against git.
"""
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse

ITEMS = ["MKT-1", "MKT-2", "MKT-3", "MKT-4", "MKT-5"]


class Client:
    def __init__(self, base, cookie, token):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.netloc = u.hostname, u.port, u.netloc
        self.cookie, self.token = cookie, token

    def req(self, method, path, fields=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=60)
        h = {"Host": self.netloc, "Cookie": self.cookie}
        body = None
        if method == "POST":
            h["Origin"] = "http://" + self.netloc
            h["Accept"] = "application/json"
            h["Content-Type"] = "application/x-www-form-urlencoded"
            f = dict(fields or {})
            f["_token"] = self.token
            body = urllib.parse.urlencode(f)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data


def version_of(page):
    m = re.search(rb'name="version" value="([0-9a-f]{40})"', page)
    return m.group(1).decode() if m else ""


def order_of(page):
    m = re.search(rb'data-order="([0-9a-f]*)"', page)
    return m.group(1).decode() if m else ""


def worker(cl, n, seed, out, errors, lock):
    rnd = random.Random(seed)
    for k in range(n):
        what = rnd.random()
        item = rnd.choice(ITEMS)
        try:
            if what < 0.25:
                st, _ = cl.req("GET", "/")
                rec = None
            elif what < 0.45:
                st, _ = cl.req("GET", "/items/%s.html" % item)
                rec = None
            elif what < 0.55:
                st, _ = cl.req("GET", "/board")
                rec = None
            elif what < 0.75:
                # an edit of the fields from the version just read
                st0, page = cl.req("GET", "/items/%s.html" % item)
                v = version_of(page)
                effort = rnd.randint(1, 8)
                f = {"version": v, "fm.effort": str(effort),
                     "fm.title": "Item %s, take %d.%d" % (item, seed, k)}
                st, data = cl.req("POST", "/items/%s/edit" % item, f)
                rec = ("edit", item, f, st, data)
            elif what < 0.85:
                st0, page = cl.req("GET", "/items/%s.html" % item)
                v = version_of(page)
                to = rnd.choice(["doing", "blocked", "ready"])
                f = {"version": v, "to": to, "reason": "waits for legal (%d.%d)" % (seed, k)}
                st, data = cl.req("POST", "/items/%s/status" % item, f)
                rec = ("status", item, f, st, data)
            else:
                st0, page = cl.req("GET", "/")
                ref = rnd.choice([i for i in ITEMS if i != item])
                f = {"id": item, "ref": ref, "where": rnd.choice(["above", "below"]),
                     "order": order_of(page)}
                st, data = cl.req("POST", "/move", f)
                rec = ("move", item, f, st, data)
            if st >= 500:
                with lock:
                    errors.append("%s answered %d" % (rec[0] if rec else "a read", st))
            if rec:
                try:
                    ans = json.loads(rec[4])
                except ValueError:
                    ans = {"unreadable": rec[4].decode("utf-8", "replace")[:200]}
                with lock:
                    out.write(json.dumps({"kind": rec[0], "item": rec[1], "fields": rec[2],
                                          "status": rec[3], "answer": ans}) + "\n")
        except Exception as e:   # a crash, a reset, a timeout
            with lock:
                errors.append("%s: %r" % (time.strftime("%T"), e))


def main(argv):
    base, jar, repo, outp = argv[:4]
    opts = dict(zip(argv[4::2], argv[5::2]))
    clients = int(opts.get("--clients", 8))
    total = int(opts.get("--requests", 1000))
    seed = int(opts.get("--seed", 1))
    cookie = "; ".join(l.strip() for l in open(jar) if "=" in l)
    probe = Client(base, cookie, "")
    st, page = probe.req("GET", "/")
    if st != 200:
        print("cannot read the backlog page: %d" % st)
        return 1
    token = re.search(rb'name="_token" value="([^"]+)"', page).group(1).decode()
    errors = []
    lock = threading.Lock()
    with open(outp, "a") as out:
        threads = []
        for i in range(clients):
            n = total // clients + (1 if i < total % clients else 0)
            t = threading.Thread(target=worker, args=(Client(base, cookie, token), n,
                                                      seed * 100 + i, out, errors, lock))
            threads.append(t)
            t.start()
        for t in threads:
            t.join()
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
