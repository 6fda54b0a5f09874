#!/usr/bin/env python3
"""docket benchmarks: each command against baselines measured in the same run.

    bench/bench.py DOCKET SHARED [--sizes 1000,10000,100000] [--commits 10000]
                   [--runs 5] [--work DIR] [--out bench/RESULTS.md]

Generates backlogs with SHARED/bench/make-backlog (cached in --work), then
times each docket command (median of --runs, after one warm-up) and the
baselines `cat` of the same files and `git status`, and prints a table of
ratios and peak memory (max RSS) against the bytes of the files read.
Machines here are shared and noisy: ratios against a baseline taken in the
same run are the figures to read, not absolute times.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time


def measure(cmd, cwd, runs, setup=None):
    """Median wall time over runs (after one warm-up), and the peak RSS in
    KiB of the command itself (os.wait4 gives that child's own rusage)."""
    times = []
    peak = 0
    rc = 0
    for i in range(runs + 1):
        if setup:
            setup()
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, shell=isinstance(cmd, str))
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        rc = p.returncode
        peak = max(peak, ru.ru_maxrss)
        if i:
            times.append(dt)
    return statistics.median(times), peak, rc


def have(docket, cmd):
    return subprocess.run([docket, "help", cmd], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def gen(shared, work, items, commits):
    name = f"b{items}-c{commits}"
    path = os.path.join(work, name)
    if not os.path.exists(os.path.join(path, "docket.yaml")):
        shutil.rmtree(path, ignore_errors=True)
        args = [sys.executable, os.path.join(shared, "bench", "make-backlog"), path,
                "--items", str(items)]
        if commits:
            args += ["--commits", str(commits)]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return path


def file_bytes(repo):
    total = 0
    files = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(repo, "backlog")):
        for f in filenames:
            p = os.path.join(dirpath, f)
            files.append(p)
            total += os.path.getsize(p)
    total += os.path.getsize(os.path.join(repo, "docket.yaml"))
    return total, len(files)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("docket")
    ap.add_argument("shared")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--commits", type=int, default=10000)
    ap.add_argument("--history-items", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "docket-bench"))
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    docket = os.path.abspath(a.docket)
    os.makedirs(a.work, exist_ok=True)
    env_note = f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Linux {platform.release()}"
    rows = []

    def row(size, what, t, base_name, base_t, peak, nbytes, rc):
        ratio = t / base_t if base_t else float("nan")
        mem = peak * 1024 / nbytes if nbytes else float("nan")
        rows.append((size, what, t, base_name, base_t, ratio, peak, mem, rc))
        print(f"{size:>8} {what:<28} {t*1000:9.1f} ms  {base_name:<12} {base_t*1000:8.1f} ms  "
              f"ratio {ratio:6.2f}  peak {peak/1024:7.1f} MiB  mem/bytes {mem:5.2f}  rc={rc}",
              flush=True)

    for size in [int(s) for s in a.sizes.split(",") if s]:
        repo = gen(a.shared, a.work, size, 0)
        nbytes, nfiles = file_bytes(repo)
        cat = "find backlog -type f -print0 | xargs -0 cat docket.yaml > /dev/null"
        tcat, _, _ = measure(cat, repo, a.runs)
        tgs, _, _ = measure(["git", "status", "--porcelain"], repo, a.runs)
        for what, cmd in [("list --format json", [docket, "list", "--format", "json"]),
                          ("list", [docket, "list"]),
                          ("check", [docket, "check"])]:
            if not have(docket, what.split()[0]):
                continue
            t, peak, rc = measure(cmd, repo, a.runs)
            row(size, what, t, "cat", tcat, peak, nbytes, rc)
        ids = subprocess.run([docket, "list", "--format", "plain", "--status", "ready"],
                             cwd=repo, capture_output=True, text=True).stdout.split("\n")
        first = ids[0].split("\t")[1] if ids and "\t" in ids[0] else "MKT-1"
        t, peak, rc = measure([docket, "show", first], repo, a.runs)
        row(size, f"show {first}", t, "git status", tgs, peak, nbytes, rc)
        if have(docket, "move"):
            head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                                  text=True).stdout.strip()

            def reset():
                subprocess.run(["git", "reset", "-q", "--hard", head], cwd=repo)
            t, peak, rc = measure([docket, "move", first, "--top"], repo, a.runs, setup=reset)
            row(size, "move --top (commit)", t, "git status", tgs, peak, nbytes, rc)
            t, peak, rc = measure([docket, "new", "Bench idea"], repo, a.runs, setup=reset)
            row(size, "new (commit)", t, "git status", tgs, peak, nbytes, rc)
            reset()
    if a.commits:
        repo = gen(a.shared, a.work, a.history_items, a.commits)
        nbytes, nfiles = file_bytes(repo)
        tlog, _, _ = measure(["git", "log", "--oneline"], repo, a.runs)
        ids = subprocess.run([docket, "list", "--format", "plain"], cwd=repo,
                             capture_output=True, text=True).stdout.split("\n")
        first = ids[0].split("\t")[1] if ids and "\t" in ids[0] else "MKT-1"
        for what, cmd in [("log " + first, [docket, "log", first]),
                          ("diff HEAD~500 HEAD", [docket, "diff", "HEAD~500", "HEAD"]),
                          ("report", [docket, "report"]),
                          ("burnup campaign-1", [docket, "burnup", "campaign-1"])]:
            if not have(docket, what.split()[0]):
                continue
            t, peak, rc = measure(cmd, repo, a.runs)
            row(f"{a.history_items}/{a.commits}c", what, t, "git log", tlog, peak, nbytes, rc)
    if a.out:
        with open(a.out, "w") as f:
            f.write("# Benchmark results\n\n")
            f.write(f"Machine: {env_note}. Command: `make bench` "
                    f"(`bench/bench.py`, median of {a.runs} runs after a warm-up).\n\n")
            f.write("| backlog | command | time | baseline | baseline time | ratio | peak RSS | peak / bytes read |\n")
            f.write("|---|---|---:|---|---:|---:|---:|---:|\n")
            for size, what, t, bn, bt, ratio, peak, mem, rc in rows:
                f.write(f"| {size} | `{what}` | {t*1000:.1f} ms | `{bn}` | {bt*1000:.1f} ms | "
                        f"{ratio:.2f} | {peak/1024:.1f} MiB | {mem:.2f} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
