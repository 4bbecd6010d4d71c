#!/usr/bin/env python3
"""Times a batch import through Python (issue 8, item 5).

One Session.log_time_batch_ids of N entries (default 100,000; the fastest
documented way to import time) into a fresh SQLite workspace: the same
data shape as ws_bench's import (members in two projects each, 40 tasks a
project, 40-byte notes, one year of dates). The logs are built before the
clock starts; the timed part is the one call, which reads the logs, writes
them and commits durably (WAL, synchronous=FULL).

It also times the same call on the same logs with the last one invalid:
the binding reads all N and refuses the batch before the store is touched.
That is the conversion; the rest of the real call is the store's (the
library's batch write and commit; the GIL is released). --entries-too also
imports the same logs with log_time_batch, which returns N TimeEntry
objects, into another fresh workspace, and prints what building them adds.
Prints the split, then one target line:

  python_import_N: MEASURED vs BASELINE = RATIOx (target T) ok|MISS

With --postgres it imports into a fresh schema of the PostgreSQL server
$WS_PG_URI names instead (dropped afterwards with psql) and prints a
context line, not a target line (the target is SQLite's, and scripts/pg's
throwaway server runs without fsync):

  python_import_postgresql_N: MEASURED s (context, ...)

Run with PYTHONPATH pointing at the built package (scripts/bench does):
  PYTHONPATH=build/release/bindings/python python3 benchmarks/python_import.py
Options: --entries N, --dir DIR (default: a fresh temp dir), --json FILE
(appends the figures), --entries-too, --postgres.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
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


def timed(call, *args):
    """(wall seconds, CPU seconds of this process, result) of one call."""
    c0, t0 = time.process_time(), time.perf_counter()
    result = call(*args)
    return time.perf_counter() - t0, time.process_time() - c0, result


def refused(call, logs):
    """Seconds until `call` refuses `logs` whose last item is invalid."""
    bad = logs[:-1] + [dict(logs[-1], note=None)]
    t0 = time.perf_counter()
    try:
        call(bad)
    except TypeError:
        return time.perf_counter() - t0
    raise AssertionError("the invalid batch was accepted")


def import_into(uri, n, method):
    """(conversion s, call wall s, call CPU s) of one import of n entries
    by `method` into a fresh store at `uri`."""
    setup = worksection.Setup(name="bench", owner_name="Owner",
                              owner_email="owner@bench.example")
    with worksection.open(uri, create=setup) as ws:
        s = ws.owner_session()
        logs = build(s, n)
        call = getattr(s, method)
        conversion = refused(call, logs)
        elapsed, cpu, written = timed(call, logs)
        assert len(written) == n
    return conversion, elapsed, cpu


def postgres(n, json_path):
    """Imports n entries into a fresh schema of $WS_PG_URI's server and
    prints the context line."""
    server = os.environ.get("WS_PG_URI")
    if not server:
        sys.exit("python_import.py --postgres: WS_PG_URI is not set (run it "
                 "through scripts/pg run)")
    schema = f"ws_bench_{os.getpid()}"
    uri = f"{server}{'&' if '?' in server else '?'}schema={schema}"
    try:
        _, elapsed, cpu = import_into(uri, n, "log_time_batch_ids")
    finally:
        subprocess.run(["psql", server, "-q", "-c",
                        f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                       capture_output=True, check=False)
    print(f"python_import_postgresql_{n}: {elapsed:.3f} s ({cpu:.3f} s CPU "
          f"in this process; {n / elapsed:,.0f} entries/s) (context: the same "
          f"log_time_batch_ids into PostgreSQL on this machine, a server "
          f"without fsync)")
    if json_path:
        with open(json_path, "a") as f:
            f.write(json.dumps({"name": f"python_import_postgresql/{n}",
                                "seconds": elapsed,
                                "entries_per_second": n / elapsed}) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--dir")
    ap.add_argument("--json")
    ap.add_argument("--entries-too", action="store_true")
    ap.add_argument("--postgres", action="store_true")
    args = ap.parse_args()
    n = args.entries
    if args.postgres:
        postgres(n, args.json)
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        conversion, elapsed, cpu = import_into(
            "sqlite:" + os.path.join(tmp, "ids.db"), n, "log_time_batch_ids")
        print(f"log_time_batch_ids({n:,}): {elapsed:.3f} s ({cpu:.3f} s "
              f"CPU) = conversion {conversion:.3f} s + store "
              f"{elapsed - conversion:.3f} s")
        if args.entries_too:
            _, full, full_cpu = import_into(
                "sqlite:" + os.path.join(tmp, "entries.db"), n,
                "log_time_batch")
            print(f"log_time_batch({n:,}): {full:.3f} s ({full_cpu:.3f} s "
                  f"CPU); the {n:,} TimeEntry objects add about "
                  f"{full_cpu - cpu:.3f} s of CPU")
    ok = elapsed < TARGET_S
    print(f"python_import_{n}: {elapsed:.3f} s vs {TARGET_S} s "
          f"= {elapsed / TARGET_S:.2f}x (target <0.5 s for 100,000 entries) "
          f"{'ok' if ok else 'MISS'}")
    if args.json:
        with open(args.json, "a") as f:
            f.write(json.dumps({"name": f"python_import/{n}",
                                "seconds": elapsed,
                                "conversion_seconds": conversion,
                                "store_seconds": elapsed - conversion,
                                "entries_per_second": n / elapsed})
                    + "\n")


if __name__ == "__main__":
    main()
