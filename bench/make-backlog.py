#!/usr/bin/env python3
"""make-backlog.py: a synthetic marketing backlog in a git repository.

    python3 bench/make-backlog.py OUT [--items N] [--commits C] [--seed S]
                                      [--prefix P] [--start YYYY-MM-DD]

Writes a new git repository OUT (which must not exist) holding a docket
backlog: docket.yaml, backlog/ORDER, N item files backlog/<ID>.md and the
launch cycles backlog/cycles/<NAME>.md (docs/reference.md describes the
formats).  It is the workload of `make bench` and of the history tests.

  --commits 0 or 1  one commit holding the final state (the size benchmarks:
                    10,000 or 100,000 items in seconds);
  --commits C       exactly C commits telling a year of a team's work in
                    two-week launch cycles: ideas arriving, the Marketing
                    Owner ranking them, cycle planning within capacity,
                    items started, blocked, finished or stopped, experiments
                    followed up, estimates revised.  Every commit leaves a
                    backlog that `docket check` accepts (no errors; warnings
                    such as wip-limit may appear), and every commit that
                    changes ORDER is authored by an owner, so that
                    `docket check --base` passes on any range too.

The history is streamed to `git fast-import`, so 10,000 commits take a few
seconds.  The same arguments always give the same repository, down to the
commit ids (fixed dates and identities; Python's random module with an
integer seed is stable across Python 3 releases).  Standard library only.
"""
import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys

CYCLE_DAYS = 14
CAPACITY = 20
WIP = 8
YEAR_DAYS = 364

OWNERS = [("Dana Reyes", "dana@example.com"), ("Priya Natarajan", "priya@example.com")]
TEAM = [("Sam Okafor", "sam@example.com"), ("Lee Park", "lee@example.com"),
        ("Ana Costa", "ana@example.com"), ("Jonas Weber", "jonas@example.com"),
        ("Mei Lin", "mei@example.com")]
GOALS = [("pipeline", "50 qualified leads per quarter"),
         ("activation", "40% of new customers use the app in their first week"),
         ("retention", "Churn below 3% a quarter"),
         ("awareness", "Branded search up 20% by the launch")]
DOD = ["Copy reviewed", "Tracking links in place", "Results recorded"]
CHANNELS = ["email", "social", "video", "web", "events", "search"]
REGIONS = ["DE", "ES", "FR", "GB", "JP", "US"]
TAGS = ["brand", "content", "email", "events", "localization", "mobile", "paid",
        "partners", "seo", "social", "video"]
REQUESTERS = ["Retail banking", "Sales", "Customer service", "Brand team", "Product",
              "Partnerships", "Compliance", "a customer interview"]
ACTIONS = ["Test", "Launch", "Try", "Rewrite", "Localise", "Pilot", "Retarget", "Shorten",
           "Personalise", "Schedule", "A/B test", "Repurpose", "Simplify", "Record"]
SUBJECTS = ["the 30-second app teaser", "the onboarding e-mail series", "the landing page headline",
            "a LinkedIn carousel", "the webinar invitation", "a customer case study",
            "the paid search ad group", "an Instagram story series", "the partner newsletter slot",
            "the referral offer", "the pricing page FAQ", "a travel-money article",
            "a podcast sponsorship", "the booth demo", "the push notification copy",
            "the savings keyword cluster", "the app store screenshots", "the loyalty teaser",
            "the launch press release", "the retargeting banners", "the café pop-up",
            "the student account video"]
AUDIENCES = ["for new app users", "for small businesses", "for students", "in Spanish",
             "for lapsed customers", "for premium cardholders", "for first-time savers",
             "für Deutschland", "for the spring campaign", "en français", "for Japan (日本)",
             "for families", ""]
METRICS = ["click-through rate", "qualified leads", "sign-ups", "app activations",
           "conversion rate", "replies", "demo bookings"]
NOTES = ["Keep it short: one idea per message.", "Reuse last quarter's assets where we can.",
         "Legal must approve the wording before anything goes out.",
         "Start with one market, then widen if it works.",
         "Sales asked for this twice at the pipeline review.",
         "Numbers from the last campaign are in the shared dashboard.",
         "The agency quoted two weeks for the first version."]
BAU = ["Monthly newsletter", "Social media calendar", "Event listings update",
       "Quarterly brand report", "Website copy review", "Press list clean-up"]
IMPROVEMENTS = ["Fewer approval steps for social posts", "One template for campaign briefs",
                "Shorter huddles", "A checklist for launch days", "Shared asset library"]


def scalar(v):
    """A YAML 1.2 scalar for v: plain when that reads back as the same
    string, else double-quoted (JSON's escapes are valid YAML)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if (re.fullmatch(r"[A-Za-z\u00c0-\u9fff][\w \-.,/()'\u00c0-\u9fff]*", s) and
            not s.endswith(" ") and
            s.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n")):
        return s
    return json.dumps(s, ensure_ascii=False)


def flow_list(vals):
    return "[" + ", ".join(scalar(v) for v in vals) + "]"


FIELD_ORDER = ["id", "title", "type", "status", "effort", "customer_value", "business_value",
               "time_criticality", "goal", "outcome", "hypothesis", "metric", "target",
               "result", "actual", "campaign", "mvl", "channel", "region", "tags",
               "requested_by", "depends_on", "follows", "cycle", "created", "started",
               "finished", "blocked_reason", "stop_reason"]


class Item:
    __slots__ = ("f", "notes", "comment", "crlf")

    def __init__(self):
        self.f = {}
        self.notes = []
        self.comment = None     # (key, text): a comment after that field's value
        self.crlf = False

    def text(self):
        out = ["---"]
        for k in FIELD_ORDER:
            if k not in self.f:
                continue
            v = self.f[k]
            if isinstance(v, list):
                line = f"{k}: {flow_list(v)}"
            elif isinstance(v, dt.date):
                line = f"{k}: {v.isoformat()}"
            else:
                line = f"{k}: {scalar(v)}"
            if self.comment and self.comment[0] == k:
                line += "   # " + self.comment[1]
            out.append(line)
        out.append("---")
        out += self.notes
        out += ["", "## Definition of Done"]
        box = "x" if self.f["status"] == "done" else " "
        out += [f"- [{box}] {d}" for d in DOD]
        nl = "\r\n" if self.crlf else "\n"
        return nl.join(out) + nl


class Backlog:
    """The state the generator evolves: items, ORDER, cycles."""

    def __init__(self, rng, prefix, nitems, start):
        self.r = rng
        self.prefix = prefix
        self.items = {}                   # id -> Item, in creation order
        self.order = []                   # ranked ids, top first
        self.next = 1
        self.ncampaigns = max(3, nitems // 60)
        self.start = start
        self.cycles = []                  # dicts: name, start, end, committed, goal
        for k in range(YEAR_DAYS // CYCLE_DAYS):
            s = start + dt.timedelta(days=CYCLE_DAYS * k)
            self.cycles.append({"name": f"{s.year}-{k + 1:02d}", "start": s,
                                "end": s + dt.timedelta(days=CYCLE_DAYS - 3),
                                "committed": [], "goal": None, "planned": False})

    # ---- items ---------------------------------------------------------

    def new_item(self, day, status="idea", follows=None):
        r = self.r
        it = Item()
        iid = f"{self.prefix}-{self.next}"
        self.next += 1
        kind = r.choices(["experiment", "bau", "improvement"], [72, 22, 6])[0]
        if follows:
            kind = "experiment"
        if kind == "bau":
            title = f"{r.choice(BAU)} ({day.strftime('%B')})"
        elif kind == "improvement":
            title = r.choice(IMPROVEMENTS)
        else:
            title = f"{r.choice(ACTIONS)} {r.choice(SUBJECTS)} {r.choice(AUDIENCES)}".strip()
            if r.random() < 0.08:
                title = "Follow-up: " + title if follows else "Quick win: " + title
        f = it.f
        f["id"] = iid
        f["title"] = title
        if kind != "experiment" or r.random() < 0.3:
            f["type"] = kind
        f["status"] = status
        if r.random() < 0.75 or status != "idea":
            self.estimate(it)
        if r.random() < 0.25:
            f["time_criticality"] = r.randint(1, 10)
        f["goal"] = r.choice(GOALS)[0]
        f["outcome"] = f"{r.choice([20, 50, 100, 250])} {r.choice(METRICS)}"
        if kind == "experiment" and (status != "idea" or r.random() < 0.7):
            self.experiment_fields(it)
        f["campaign"] = f"campaign-{r.randrange(self.ncampaigns) + 1}"
        if r.random() < 0.06:
            f["mvl"] = True
        f["channel"] = r.choice(CHANNELS)
        if r.random() < 0.2:
            f["region"] = r.choice(REGIONS)
        f["tags"] = sorted(r.sample(TAGS, r.choice([0, 1, 1, 2, 2, 3])))
        f["requested_by"] = r.choice(REQUESTERS)
        if follows:
            f["follows"] = follows
        f["created"] = day
        it.notes = [f"Why: {f['outcome']} towards the {f['goal']} goal.", "",
                    r.choice(NOTES)]
        if r.random() < 0.15:
            it.notes += ["", "Links:", "", "- Brief: https://wiki.example.com/briefs/"
                         + iid.lower(), "- Assets: https://drive.example.com/" + iid.lower()]
        if r.random() < 0.05:
            it.comment = ("effort" if "effort" in f else "title", "rough guess")
        it.crlf = r.random() < 0.01
        self.items[iid] = it
        return iid

    def estimate(self, it):
        r = self.r
        it.f["effort"] = r.choice([1, 2, 2, 3, 3, 5, 5, 8])
        it.f["customer_value"] = r.randint(1, 10)
        it.f["business_value"] = r.randint(1, 10)

    def experiment_fields(self, it):
        r = self.r
        f = it.f
        f["hypothesis"] = f"{f['title']} lifts {r.choice(METRICS)} over what we do today"
        f["metric"] = r.choice(METRICS)
        f["target"] = r.choice([20, 50, 100, 200, "2%", "5%", "+10%"])

    def is_experiment(self, iid):
        return self.items[iid].f.get("type", "experiment") == "experiment"

    def ready_up(self, iid, top=False, rank=True):
        """idea -> ready: complete the fields ready needs, rank it."""
        it = self.items[iid]
        it.f["status"] = "ready"
        if "effort" not in it.f:
            self.estimate(it)
        if self.is_experiment(iid) and "hypothesis" not in it.f:
            self.experiment_fields(it)
        if not rank:
            return
        pos = 0 if top else self.r.randint(0, len(self.order))
        self.order.insert(pos, iid)
        self.mvl_first()

    def mvl_first(self):
        mvl = [i for i in self.order if self.items[i].f.get("mvl")]
        if mvl:
            s = set(mvl)
            self.order = mvl + [i for i in self.order if i not in s]

    def close(self, iid, status, day, ranked=True):
        """doing -> done or stopped: dates, results, leave ORDER."""
        r = self.r
        f = self.items[iid].f
        f["status"] = status
        f.pop("blocked_reason", None)
        f.setdefault("started", day)
        f["finished"] = day
        if status == "stopped":
            f["stop_reason"] = r.choice(["No lift after two weeks",
                                         "Superseded by the app launch",
                                         "Legal could not approve the claim"])
        elif self.is_experiment(iid):
            f["result"] = r.choices(["won", "lost", "inconclusive"], [45, 35, 20])[0]
            f["actual"] = r.choice([12, 48, 75, 130, "1.4%", "3.2%", "+6%"])
        if ranked:
            self.order.remove(iid)

    def deps_done(self, iid):
        return all(self.items[d].f["status"] in ("done", "stopped")
                   for d in self.items[iid].f.get("depends_on", []))

    # ---- files ---------------------------------------------------------

    def order_text(self):
        out = ["# Ranked backlog, highest priority first: move lines to reorder.",
               "# Items not listed here are the intake of new ideas."]
        mvl = [i for i in self.order if self.items[i].f.get("mvl")]
        if mvl:
            out += ["", "# Minimally viable launch"] + mvl + ["", "# Next"]
        else:
            out.append("")
        out += self.order[len(mvl):]
        return "\n".join(out) + "\n"

    def cycle_text(self, c):
        goal = c["goal"] or "Keep the launch on track"
        lines = ["---", f"name: {scalar(c['name'])}", f"start: {c['start'].isoformat()}",
                 f"end: {c['end'].isoformat()}", f"capacity: {CAPACITY}",
                 f"goal: {scalar(goal)}", f"committed: {flow_list(c['committed'])}", "---",
                 "## Showcase notes", "",
                 "## Improvements", f"- {IMPROVEMENTS[len(c['name']) % len(IMPROVEMENTS)]}"]
        return "\n".join(lines) + "\n"

    def cycle_load(self, c):
        return sum(self.items[i].f.get("effort", 0) for i in c["committed"])


def config_text(prefix):
    lines = [f"prefix: {prefix}", "items: backlog", "owners:"]
    for name, mail in OWNERS:
        lines += [f"  - name: {name}", f"    email: {mail}"]
    lines += [f"cycle: {{ length_days: {CYCLE_DAYS}, capacity: {CAPACITY} }}", "goals:"]
    lines += [f"  {k}: {scalar(v)}" for k, v in GOALS]
    lines += [f"definition_of_done: {flow_list(DOD)}", "score: wsjf", "fields:",
              f"  channel: {{ type: enum, values: {flow_list(CHANNELS)} }}",
              "  region: { type: string, pattern: '^[A-Z]{2}$' }",
              "rules:", "  bau-share: { max: 0.5 }", "  max-effort: { max: 8 }",
              f"  wip-limit: {{ max: {WIP} }}"]
    return "\n".join(lines) + "\n"


class Git:
    """A commit stream into `git fast-import`."""

    def __init__(self, repo):
        self.p = subprocess.Popen(["git", "-C", repo, "fast-import", "--quiet",
                                   "--done"], stdin=subprocess.PIPE)
        self.n = 0

    def commit(self, who, when, message, files):
        ts = int(when.timestamp())
        w = self.p.stdin.write
        ident = f"{who[0]} <{who[1]}> {ts} +0000\n".encode()
        msg = message.encode()
        w(b"commit refs/heads/main\n" + b"author " + ident + b"committer " + ident)
        w(b"data %d\n%s\n" % (len(msg), msg))
        for path, text in files:
            data = text.encode()
            w(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
        w(b"\n")
        self.n += 1

    def finish(self):
        self.p.stdin.write(b"done\n")
        self.p.stdin.close()
        if self.p.wait() != 0:
            sys.exit("make-backlog: git fast-import failed")


def ipath(iid):
    return f"backlog/{iid}.md"


def snapshot(b, n, git):
    """One commit: N items in a plausible mix of states."""
    r = b.r
    last = b.start + dt.timedelta(days=YEAR_DAYS - 1)
    for _ in range(n):
        day = b.start + dt.timedelta(days=r.randrange(YEAR_DAYS))
        iid = b.new_item(day)
        st = r.choices(["idea", "ready", "planned", "doing", "blocked", "done", "stopped"],
                       [30, 24, 2, 3, 1, 33, 7])[0]
        if st == "idea":
            continue
        b.ready_up(iid, rank=False)
        f = b.items[iid].f
        if st in ("done", "stopped"):
            end = min(last, day + dt.timedelta(days=r.randint(3, 40)))
            f["started"] = day + (end - day) // 2
            b.close(iid, st, end, ranked=False)
            continue
        b.order.append(iid)
        if st != "ready":
            f["status"] = st
            if st != "planned":
                f["started"] = min(last, day + dt.timedelta(days=r.randint(1, 10)))
            if st == "blocked":
                f["blocked_reason"] = "Waiting for legal review"
    r.shuffle(b.order)
    b.mvl_first()
    # the current (last) cycle commits the planned, doing and blocked
    # items that fit its capacity, the rest go back to ready; the five
    # before it hold done items
    cur = b.cycles[-1]
    for iid in list(b.order):
        f = b.items[iid].f
        if f["status"] in ("planned", "doing", "blocked"):
            if b.cycle_load(cur) + f["effort"] <= CAPACITY:
                cur["committed"].append(iid)
                f["cycle"] = cur["name"]
                f["created"] = min(f["created"], cur["start"])
                if "started" in f:
                    f["started"] = cur["start"] + dt.timedelta(days=r.randint(0, 8))
            else:
                f["status"] = "ready"
                for k in ("started", "blocked_reason"):
                    f.pop(k, None)
    done = [i for i in b.items if b.items[i].f["status"] == "done"]
    for c in b.cycles[-6:-1]:
        while done and b.cycle_load(c) + b.items[done[-1]].f["effort"] <= CAPACITY:
            iid = done.pop()
            c["committed"].append(iid)
            b.items[iid].f["cycle"] = c["name"]
    files = [("docket.yaml", config_text(b.prefix)),
             (".gitattributes", "backlog/ORDER merge=docket-order\n"),
             ("backlog/ORDER", b.order_text())]
    files += [(ipath(i), it.text()) for i, it in b.items.items()]
    files += [(f"backlog/cycles/{c['name']}.md", b.cycle_text(c)) for c in b.cycles[-6:]]
    git.commit(OWNERS[0], dt.datetime.combine(last, dt.time(17), dt.timezone.utc),
               f"Add the backlog: {n} items", files)


def history(b, n, ncommits, git):
    """Exactly ncommits commits over a year, ending with n items."""
    r = b.r
    t0 = dt.datetime.combine(b.start, dt.time(8), dt.timezone.utc)
    step = dt.timedelta(seconds=YEAR_DAYS * 86400 // ncommits)
    git.commit(OWNERS[0], t0, "Set up the marketing backlog",
               [("docket.yaml", config_text(b.prefix)),
                (".gitattributes", "backlog/ORDER merge=docket-order\n"),
                ("backlog/ORDER", b.order_text())])
    k = 1
    while k < ncommits:
        when = t0 + step * k
        day = when.date()
        left = ncommits - k
        need = n - len(b.items)
        team = r.choice(TEAM)
        owner = r.choice(OWNERS)
        cyc = next((c for c in b.cycles if c["start"] <= day <= c["end"] + dt.timedelta(days=2)),
                   None)
        ranked = [i for i in b.order]
        by = {}
        for iid in b.items:
            by.setdefault(b.items[iid].f["status"], []).append(iid)

        def commit(who, msg, files):
            nonlocal k
            git.commit(who, when, msg, files)
            k += 1

        # ideas keep arriving until there are n items; the last commits
        # add several at once when needed
        if need > 0 and (need >= left or not b.items or r.random() < need / left * 1.3):
            m = max(1, -(-need // left)) if need >= left else 1
            ids = []
            for _ in range(m):
                follows = None
                won = [i for i in by.get("done", []) if b.items[i].f.get("result") == "won"]
                if won and r.random() < 0.15:
                    follows = r.choice(won)
                iid = b.new_item(day, follows=follows)
                if r.random() < 0.08 and len(b.items) > 10:
                    dep = r.choice(list(b.items)[:-1])
                    if b.items[dep].f["status"] not in ("done", "stopped"):
                        b.items[iid].f["depends_on"] = [dep]
                ids.append(iid)
            it = b.items[ids[0]]
            msg = (f"Add {ids[0]}: {it.f['title']}" if m == 1 else
                   f"Add {m} items: {ids[0]} to {ids[-1]}")
            commit(r.choice(TEAM + OWNERS), msg, [(ipath(i), b.items[i].text()) for i in ids])
            continue
        # planning, once per cycle, at its start: ready items from the top
        # of ORDER whose dependencies are done, while they fit
        if cyc and not cyc["planned"]:
            cyc["planned"] = True
            cyc["goal"] = f"{r.choice(GOALS)[1]}"
            taken = []
            for iid in ranked:
                f = b.items[iid].f
                if (f["status"] == "ready" and b.deps_done(iid) and
                        b.cycle_load(cyc) + f["effort"] <= CAPACITY):
                    f["status"] = "planned"
                    f["cycle"] = cyc["name"]
                    cyc["committed"].append(iid)
                    taken.append(iid)
            files = [(f"backlog/cycles/{cyc['name']}.md", b.cycle_text(cyc))]
            files += [(ipath(i), b.items[i].text()) for i in taken]
            commit(owner, f"Plan cycle {cyc['name']}: {len(taken)} items", files)
            continue
        doing = len(by.get("doing", []))
        acts = [("add", 6 if need > 0 else 0),
                ("triage", 16 if by.get("idea") else 0),
                ("rank", 18 if len(b.order) > 1 else 0),
                ("start", 16 if by.get("planned") and doing < WIP else 0),
                ("finish", 18 + 6 * doing if doing else 0),
                ("unblock", 4 if by.get("blocked") else 0),
                ("estimate", 12 if by.get("idea") or by.get("ready") else 0),
                ("notes", 12)]
        act = r.choices([a for a, _ in acts], [w for _, w in acts])[0]
        if act == "add":
            continue        # the test at the top decides when to add
        if act == "triage":
            iid = r.choice(by["idea"])
            b.ready_up(iid, top=r.random() < 0.1)
            commit(owner, f"Ready {iid}, ranked #{b.order.index(iid) + 1}",
                   [(ipath(iid), b.items[iid].text()), ("backlog/ORDER", b.order_text())])
        elif act == "rank":
            iid = r.choice(b.order)
            old = b.order.index(iid)
            b.order.remove(iid)
            b.order.insert(r.randint(0, len(b.order)), iid)
            b.mvl_first()
            new = b.order.index(iid)
            if new != old:
                commit(owner, f"Rank {iid} #{old + 1} -> #{new + 1}",
                       [("backlog/ORDER", b.order_text())])
        elif act == "start":
            iid = r.choice(by["planned"])
            f = b.items[iid].f
            f["status"] = "doing"
            f["started"] = day
            commit(team, f"Start {iid}", [(ipath(iid), b.items[iid].text())])
        elif act == "finish":
            iid = r.choice(by["doing"])
            f = b.items[iid].f
            y = r.random()
            if y < 0.08:
                f["status"] = "blocked"
                f["blocked_reason"] = r.choice(["Waiting for legal review",
                                                "The agency is late with the assets"])
                commit(team, f"Block {iid}", [(ipath(iid), b.items[iid].text())])
            else:
                st = "stopped" if y > 0.92 else "done"
                b.close(iid, st, day)
                commit(owner, f"{'Finish' if st == 'done' else 'Stop'} {iid}",
                       [(ipath(iid), b.items[iid].text()), ("backlog/ORDER", b.order_text())])
        elif act == "unblock":
            iid = r.choice(by["blocked"])
            f = b.items[iid].f
            f["status"] = "doing"
            f.pop("blocked_reason", None)
            commit(team, f"Unblock {iid}", [(ipath(iid), b.items[iid].text())])
        elif act == "estimate":
            iid = r.choice(by.get("idea", []) + by.get("ready", []))
            b.estimate(b.items[iid])
            commit(team, f"Re-estimate {iid}", [(ipath(iid), b.items[iid].text())])
        else:
            cands = [i for i in b.items if b.items[i].f["status"] not in ("done", "stopped")]
            iid = r.choice(cands or list(b.items))
            b.items[iid].notes += ["", f"{day.isoformat()}: {r.choice(NOTES)}"]
            commit(team, f"Notes on {iid}", [(ipath(iid), b.items[iid].text())])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--commits", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="MKT")
    ap.add_argument("--start", default="2025-01-06", type=dt.date.fromisoformat)
    a = ap.parse_args()
    if a.items < 1 or a.commits < 0:
        ap.error("--items must be at least 1 and --commits at least 0")
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", a.prefix):
        ap.error("--prefix: capital letters and digits, starting with a letter")
    if os.path.lexists(a.out):
        sys.exit(f"make-backlog: {a.out} exists")
    subprocess.run(["git", "init", "-q", a.out], check=True)
    subprocess.run(["git", "-C", a.out, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    b = Backlog(random.Random(a.seed), a.prefix, a.items, a.start)
    git = Git(a.out)
    if a.commits <= 1:
        snapshot(b, a.items, git)
    else:
        history(b, a.items, a.commits, git)
    git.finish()
    subprocess.run(["git", "-C", a.out, "reset", "-q", "--hard", "main"], check=True)
    print(f"{a.out}: {len(b.items)} items, {len(b.order)} ranked, {git.n} commits")


if __name__ == "__main__":
    main()
