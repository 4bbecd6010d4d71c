#!/usr/bin/env python3
"""Times a batch import through Python (issue 8, item 5).

One Session.log_time_batch of N entries (default 100,000) into a fresh
SQLite workspace: the same data shape as ws_bench's import (members in two
projects each, 40 tasks a project, 40-byte notes, one year of dates). The
logs are built before the clock starts; the timed part is the one call,
which converts the logs, writes them and commits durably (WAL,
synchronous=FULL). Prints one target line:

  python_import_N: MEASURED vs BASELINE = RATIOx (target T) ok|MISS

Run with PYTHONPATH pointing at the built package (scripts/bench does):
  PYTHONPATH=build/release/bindings/python python3 benchmarks/python_import.py
Options: --entries N, --dir DIR (default: a fresh temp dir), --json FILE
(appends the figures).
"""
import argparse
import datetime
import json
import os
import tempfile
import time

import worksection

TARGET_S = 0.5


def build(s, n):
    members_n = max(10, min(1000, n // (365 * 4)))
    projects_n = max(2, members_n // 5)
    members = [
        s.create_member(name=f"Member {m}", email=f"m{m}@bench.example",
                        cost_rate=4000, billing_rate=10000)
        for m in range(members_n)
    ]
    projects, tasks = [], []
    for p in range(projects_n):
        in_p = [(members[m], worksection.ProjectRole.MEMBER)
                for m in range(members_n)
                if m % projects_n == p or (m + 1) % projects_n == p]
        pr = s.create_project(name=f"Project {p}", billing_rate=12000,
                              members=in_p)
        projects.append(pr)
        tasks.append([s.create_task(project=pr, title=f"Task {p}.{t}")
                      for t in range(40)])
    start = datetime.date(2025, 1, 1)
    logs = []
    for i in range(n):
        slot, k = divmod(i, 4)
        m = slot % members_n
        day = (slot // members_n) % 365
        p = (m + k % 2) % projects_n
        logs.append(dict(
            task=tasks[p][(m + day // 7) % 40], member=members[m],
            date=start + datetime.timedelta(days=day),
            duration=datetime.timedelta(minutes=15 * (1 + (i * 37) % 16)),
            billable=i % 5 != 0, note=f"entry {i:034d}"))
    return logs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--dir")
    ap.add_argument("--json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = os.path.join(tmp, "python_import.db")
        setup = worksection.Setup(name="bench", owner_name="Owner",
                                  owner_email="owner@bench.example")
        with worksection.open(f"sqlite:{path}", create=setup) as ws:
            s = ws.owner_session()
            logs = build(s, args.entries)
            t0 = time.perf_counter()
            written = s.log_time_batch(logs)
            elapsed = time.perf_counter() - t0
            assert len(written) == args.entries
    ok = elapsed < TARGET_S
    print(f"python_import_{args.entries}: {elapsed:.3f} s vs {TARGET_S} s "
          f"= {elapsed / TARGET_S:.2f}x (target <0.5 s for 100,000 entries) "
          f"{'ok' if ok else 'MISS'}")
    if args.json:
        with open(args.json, "a") as f:
            f.write(json.dumps({"name": f"python_import/{args.entries}",
                                "seconds": elapsed,
                                "entries_per_second": args.entries / elapsed})
                    + "\n")


if __name__ == "__main__":
    main()
