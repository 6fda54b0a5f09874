#!/usr/bin/env python3
"""Two builds of docket on the same backlogs, alternated in one run.

    bench/compare.py OLD NEW [--sizes 1000,10000] [--runs 7] [--work DIR]

For each backlog size (generated as bench/bench.py does, cached in --work)
and each command, every round runs the baseline, then OLD, the baseline,
then NEW (the order of OLD and NEW swapped every other round), so that both
builds see the same load on a shared machine.  Each build's figure is the
least time over the rounds (after one warm-up), divided by the least time
of the baseline run right before it: `cat` of the same files for list and
check, `git status --porcelain` for the writes.  The last column is NEW's
ratio over OLD's: 1.00 is the same speed, 1.05 is 5% slower; the one
after it divides the two builds' own least times, which the alternation
makes comparable without a baseline.

With --cpu the figures are CPU time (user + system, the command's own and
its children's) rather than wall time: on a machine loaded by other work,
wall time mostly measures the waiting.

Write commands are reset to the backlog's commit after each run (touching
only what the command changed) and must make a commit, as in bench.py.
`done ID --force` gets `--reason bench` from the build that has that option
(it refuses to waive open Definition-of-Done boxes without one), so that a
build from before the option compares with one after it.
"""
import argparse
import importlib.util
import os
import subprocess
import sys
import time

_spec = importlib.util.spec_from_file_location(
    "bench", os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


CPU = False


def once(cmd, cwd):
    """Wall time, or with --cpu the CPU time (user + system, the command's
    and its waited-for children's, from wait4), and the exit status."""
    argv = ["sh", "-c", cmd] if isinstance(cmd, str) else list(cmd)
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return (ru.ru_utime + ru.ru_stime if CPU else wall), os.waitstatus_to_exitcode(status)


def git(repo, *args):
    return subprocess.run(["git"] + list(args), cwd=repo, capture_output=True,
                          text=True).stdout


def reset(repo, head):
    """Back to head, touching only the paths the last command changed."""
    changed = [p for p in git(repo, "diff", "--name-only", "--no-renames", head).split("\n") if p]
    changed += [p for p in git(repo, "ls-files", "--others", "--exclude-standard",
                               "backlog").split("\n") if p]
    subprocess.run(["git", "reset", "-q", "--soft", head], cwd=repo)
    if not changed:
        return
    known = set(p for p in git(repo, "ls-tree", "-r", "--name-only", head, "--",
                               *changed).split("\n") if p)
    if known:
        subprocess.run(["git", "checkout", "-q", head, "--"] + sorted(known), cwd=repo)
    for p in changed:
        if p not in known:
            subprocess.run(["git", "rm", "-q", "--cached", "-f", "--ignore-unmatch", p], cwd=repo)
            if os.path.exists(os.path.join(repo, p)):
                os.unlink(os.path.join(repo, p))


REASON = object()   # "--reason bench" where the build has it (see build_args)


def build_args(exe, args):
    """args for one build: REASON becomes `--reason bench` for a build
    whose `done` has --reason (later builds refuse `done --force` over
    open Definition-of-Done boxes without it; earlier ones do not know
    the option), and nothing for the others."""
    if REASON not in args:
        return args
    if exe not in _has_reason:
        out = subprocess.run([exe, "help", "done"], capture_output=True, text=True).stdout
        _has_reason[exe] = "--reason" in out
    extra = ["--reason", "bench"] if _has_reason[exe] else []
    return [x for a in args for x in (extra if a is REASON else [a])]


_has_reason = {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                   "docket-compare"))
    ap.add_argument("--cpu", action="store_true",
                    help="time CPU (user + system) instead of wall time: far steadier "
                         "than wall time when the machine is loaded")
    a = ap.parse_args()
    global CPU
    CPU = a.cpu
    builds = [("old", os.path.abspath(a.old)), ("new", os.path.abspath(a.new))]
    os.makedirs(a.work, exist_ok=True)
    load0 = os.getloadavg()[0]
    started = time.time()
    print(f"old: {builds[0][1]}\nnew: {builds[1][1]}\nload average {load0:.1f} at the start; "
          f"{'CPU' if CPU else 'wall'} time, the least of {a.runs} rounds")
    print("| backlog | command | baseline | old | old / baseline | new | new / baseline "
          "| new / old (ratios) | new / old (times) |\n|---|---|---|---:|---:|---:|---:|---:|---:|", flush=True)
    for size in [int(s) for s in a.sizes.split(",") if s]:
        repo = bench.gen(a.work, size, 0)
        head = git(repo, "rev-parse", "HEAD").strip()
        item = bench.first_id(builds[1][1], repo, "ready", movable=True)
        cat = "find backlog -type f -print0 | xargs -0 cat docket.yaml > /dev/null"
        gs = ["git", "status", "--porcelain"]
        cmds = [("list", ["list"], "cat", cat, False),
                ("list --format json", ["list", "--format", "json"], "cat", cat, False),
                ("check", ["check"], "cat", cat, False),
                ("show ID", ["show", item], "git status", gs, False),
                ("move ID --top", ["move", item, "--top"], "git status", gs, True),
                ("set ID effort=13", ["set", item, "effort=13"], "git status", gs, True),
                ("done ID --force", ["done", item, "--force", REASON], "git status", gs, True),
                ("start ID", ["start", item], "git status", gs, True),
                ("block ID", ["block", item, "--reason", "bench"], "git status", gs, True),
                ("new TITLE", ["new", "Bench idea"], "git status", gs, True)]
        for what, args, bname, base, writes in cmds:
            best = {n: None for n, _ in builds}
            bbest = {n: None for n, _ in builds}
            bad = {}
            for r in range(a.runs + 1):
                order = builds if r % 2 == 0 else builds[::-1]
                for name, exe in order:
                    bt, _ = once(base, repo)
                    t, rc = once([exe] + build_args(exe, args), repo)
                    if writes:
                        if rc == 0 and git(repo, "rev-parse", "HEAD").strip() == head:
                            rc = "no commit"
                        reset(repo, head)
                    if rc != 0:
                        bad[name] = rc
                    if r:
                        best[name] = t if best[name] is None else min(best[name], t)
                        bbest[name] = bt if bbest[name] is None else min(bbest[name], bt)
            ro = best["old"] / bbest["old"]
            rn = best["new"] / bbest["new"]
            note = "".join(f" ({n} exit {v})" for n, v in bad.items())
            print(f"| {size} | `{what}` | `{bname}` | {best['old']*1000:.1f} ms | {ro:.2f} "
                  f"| {best['new']*1000:.1f} ms | {rn:.2f} | {rn/ro:.2f} "
                  f"| {best['new']/best['old']:.2f}{note} |", flush=True)
    print(f"\n{time.time() - started:.0f} s; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.exit(main())
