#!/usr/bin/env python3
"""Give the demo repository a plausible git history.

    python3 scripts/demo-history.py REPO

REPO holds a copy of examples/banking-app that is not committed yet (a
fresh `git init` with user.name/user.email set).  The example only holds
the backlog as of today; this script replays how it got there, one
commit per day on which something happened, so that the commands that
read history (log, diff, burnup, report's dates) have something to show:

- an item appears on its `created` date as an idea, without the fields
  that only later work fills in (started, finished, result, actual,
  stop_reason, blocked_reason, cycle);
- it becomes `doing` on its `started` date (status only: the team edited
  the file by hand, as many do, so `started:` itself is added later);
- it reaches its final state on its `finished` date;
- docket.yaml, cycle files and ORDER (restricted to the items that exist
  that day) come along on the days they are needed;
- a last commit on the demo's "today" brings every file to exactly the
  example's content.

Only the demo uses this script (it runs the git CLI, which the product
never does).  The example files themselves are not modified.
"""
import os
import re
import subprocess
import sys

TODAY = os.environ.get("DOCKET_TODAY", "2026-12-01")


def front_matter(text):
    """Return (front-matter lines, body) of an item file."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    return lines[1:end], "\n".join(lines[end + 1:])


def field(fm, key):
    for line in fm:
        m = re.match(r"^%s:\s*(.*?)\s*$" % re.escape(key), line)
        if m:
            return m.group(1).strip('"\'')
    return None


LATE_KEYS = ("started", "finished", "result", "actual", "stop_reason",
             "blocked_reason", "cycle")


def render(fm, body, status, drop):
    out = []
    for line in fm:
        key = line.split(":", 1)[0]
        if key in drop:
            continue
        if key == "status":
            line = "status: " + status
        out.append(line)
    return "---\n" + "\n".join(out) + "\n---\n" + body


def git(repo, *args, date=None):
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date + "T09:00:00+0000"
    subprocess.run(["git", "-C", repo] + list(args), check=True, env=env,
                   stdout=subprocess.DEVNULL)


def main():
    repo = sys.argv[1]
    items_dir = os.path.join(repo, "backlog")
    final = {}
    for name in sorted(os.listdir(items_dir)):
        if name.endswith(".md"):
            with open(os.path.join(items_dir, name), encoding="utf-8") as f:
                final[name] = f.read()
    with open(os.path.join(items_dir, "ORDER"), encoding="utf-8") as f:
        order_final = f.read()
    cycles_dir = os.path.join(items_dir, "cycles")
    cycles = {}
    for name in sorted(os.listdir(cycles_dir)):
        with open(os.path.join(cycles_dir, name), encoding="utf-8") as f:
            cycles[name] = f.read()

    # events[date] = list of (file name, content or None for "ORDER only")
    events = {}
    first = min(field(front_matter(t)[0], "created") or TODAY for t in final.values())
    for name, text in final.items():
        fm, body = front_matter(text)
        created = field(fm, "created") or first
        started = field(fm, "started")
        finished = field(fm, "finished")
        status = field(fm, "status")
        early = "ready" if status != "idea" else "idea"
        events.setdefault(created, []).append(
            (name, render(fm, body, early, LATE_KEYS)))
        if started and started > created:
            events.setdefault(started, []).append(
                (name, render(fm, body, "doing", LATE_KEYS)))
        if finished and status in ("done", "stopped"):
            events.setdefault(finished, []).append((name, text))

    cycle_start = {}
    for name, text in cycles.items():
        start = field(front_matter(text)[0], "start") or first
        cycle_start[name] = min(start, max(first, start))
    order_ids = [l.split("#", 1)[0].strip() for l in order_final.split("\n")]

    # Remove every file; the replay writes them back day by day.
    for name in final:
        os.remove(os.path.join(items_dir, name))
    for name in cycles:
        os.remove(os.path.join(cycles_dir, name))
    os.remove(os.path.join(items_dir, "ORDER"))

    present = set()
    for day in sorted(d for d in events if d < TODAY):
        touched = []
        for name, content in events[day]:
            with open(os.path.join(items_dir, name), "w", encoding="utf-8") as f:
                f.write(content)
            present.add(name[:-3])
            touched.append(name[:-3])
        for cname, ctext in cycles.items():
            if cycle_start[cname] <= day and not os.path.exists(
                    os.path.join(cycles_dir, cname)):
                os.makedirs(cycles_dir, exist_ok=True)
                with open(os.path.join(cycles_dir, cname), "w", encoding="utf-8") as f:
                    f.write(ctext)
        ranked = [i for i in order_ids if i and i in present]
        with open(os.path.join(items_dir, "ORDER"), "w", encoding="utf-8") as f:
            f.write("".join(i + "\n" for i in ranked))
        git(repo, "add", "-A", ".")
        git(repo, "commit", "-q", "-m", "Backlog on %s: %s" % (day, ", ".join(sorted(touched))),
            date=day)

    # Today: exactly the example.
    for name, text in final.items():
        with open(os.path.join(items_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    os.makedirs(cycles_dir, exist_ok=True)
    for name, text in cycles.items():
        with open(os.path.join(cycles_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(items_dir, "ORDER"), "w", encoding="utf-8") as f:
        f.write(order_final)
    git(repo, "add", "-A", ".")
    git(repo, "commit", "-q", "-m", "Nova Bank marketing backlog, as of " + TODAY, date=TODAY)


if __name__ == "__main__":
    main()
