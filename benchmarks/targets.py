#!/usr/bin/env python3
"""Prints issue 8's target lines from ws_bench's Google Benchmark JSON.

NAME: MEASURED vs BASELINE = RATIOx (target T) ok|MISS

Usage: targets.py RESULTS.json [EXTRA_LINES_FILE]
EXTRA_LINES_FILE holds target lines printed by other benchmarks (the Python
import), counted with these.
"""
import json
import re
import sys

UNIT_MS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}


def load(path):
    runs = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        m = re.match(r"([a-z_]+)/(lib|raw_indexed|raw|capi)(?:/(\d+))?(?:/|$)",
                     b["name"])
        if m:
            # A repeated benchmark (all are): the run of least CPU.
            key = (m.group(1), m.group(2), m.group(3))
            if key not in runs or b["cpu_time"] < runs[key]["cpu_time"]:
                runs[key] = b
    return runs


def ms(b):
    return b["real_time"] * UNIT_MS[b["time_unit"]]


def cpu_ms(b):
    return b["cpu_time"] * UNIT_MS[b["time_unit"]]


def fmt_ms(v):
    return f"{v * 1000:.1f} us" if v < 1 else f"{v:.2f} ms"


def breakdown(run, counter, title):
    """Prints the run's `counter`.NAME counters, largest first."""
    if not run:
        return
    parts = sorted(((k.split(".", 1)[1], v) for k, v in run.items()
                    if k.startswith(counter + ".")), key=lambda kv: -kv[1])
    print(f"{title}: " + ", ".join(f"{name} {v:.1f}" for name, v in parts))


def main():
    runs = load(sys.argv[1])
    sizes = sorted({int(k[2]) for k in runs if k[2]})
    lines = []
    misses = 0

    def line(name, measured, baseline, ratio, target, ok):
        nonlocal misses
        misses += not ok
        lines.append(f"{name}: {measured} vs {baseline} = {ratio:.2f}x "
                     f"(target {target}) {'ok' if ok else 'MISS'}")

    def get(item, side, n=None):
        return runs.get((item, side, None if n is None else str(n)))

    # Item 1: the import rate.
    for n in sizes:
        lib, raw = get("import", "lib", n), get("import", "raw", n)
        if lib and raw:
            l, r = lib["items_per_second"], raw["items_per_second"]
            line(f"import_{n}", f"{l:,.0f}/s", f"{r:,.0f}/s", l / r,
                 ">=0.5x the raw rate", l / r >= 0.5)
    # Item 2: one durable write, at FULL and NORMAL.
    for item, label in (("write_task", "create a task, WAL FULL"),
                        ("write_time", "log a time entry, WAL FULL"),
                        ("write_task_normal", "create a task, WAL NORMAL"),
                        ("write_time_normal", "log a time entry, WAL NORMAL")):
        lib, raw = get(item, "lib"), get(item, "raw")
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"{item} ({label})", fmt_ms(l), fmt_ms(r), l / r,
                 "<=1.3x raw latency", l / r <= 1.3)
    # Item 3: reports.
    for n in sizes:
        lib, raw = get("report_year", "lib", n), get("report_year", "raw", n)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"report_year_{n}", fmt_ms(l), fmt_ms(r), l / r,
                 "<=0.10x raw time, i.e. 10x faster", l / r <= 0.1)
    for n in sizes:
        lib, raw = get("report_month", "lib", n), get("report_month", "raw", n)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"report_month_{n}", fmt_ms(l), fmt_ms(r), l / r,
                 "<=2 ms", l <= 2.0)
    # Item 4: overdue tasks of one assignee.
    for n in sizes:
        lib, raw = get("overdue", "lib", n), get("overdue", "raw", n)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"overdue_{n}", fmt_ms(l), fmt_ms(r), l / r, "<=1.3x raw",
                 l / r <= 1.3)
    # Item 5: the C API against C++ (the baseline here is the C++ call).
    for item in ("write_task", "write_time"):
        c, lib = get(item, "capi"), get(item, "lib")
        if c and lib:
            line(f"capi_{item}", fmt_ms(ms(c)), fmt_ms(ms(lib)),
                 ms(c) / ms(lib), "<=1.05x C++", ms(c) / ms(lib) <= 1.05)
    # The import runs once a size, and its wall time is mostly the WAL's
    # writes and fsyncs, which vary by 10-20% from run to run on a shared
    # machine (the same bytes on both sides); the C API's own cost is CPU,
    # so the import compares CPU time, which varies by 1-2%.
    for n in sizes:
        c, lib = get("import", "capi", n), get("import", "lib", n)
        if c and lib:
            line(f"capi_import_{n}", fmt_ms(cpu_ms(c)) + " CPU",
                 fmt_ms(cpu_ms(lib)) + " CPU", cpu_ms(c) / cpu_ms(lib),
                 "<=1.05x C++", cpu_ms(c) / cpu_ms(lib) <= 1.05)
    for item in ("report_year", "report_month", "overdue"):
        for n in sizes:
            c, lib = get(item, "capi", n), get(item, "lib", n)
            if c and lib:
                line(f"capi_{item}_{n}", fmt_ms(ms(c)), fmt_ms(ms(lib)),
                     ms(c) / ms(lib), "<=1.05x C++", ms(c) / ms(lib) <= 1.05)
    # Item 7: store size.
    for n in sizes:
        lib, raw = get("import", "lib", n), get("import", "raw", n)
        if lib and raw:
            l, r = lib["bytes_per_entry"], raw["bytes_per_entry"]
            line(f"store_bytes_per_entry_{n}", f"{l:.0f} B", f"{r:.0f} B",
                 l / r, "<=100 B per entry, 40-byte notes", l <= 100)
    # Item 6: the cost curve, smallest to largest size: per-row cost stays
    # flat (at most logarithmic growth; 2x over two decades allows it).
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]

        def curve(name, cost_a, cost_b):
            line(f"{name}_{a}_to_{b}", fmt_ms(cost_b), fmt_ms(cost_a),
                 cost_b / cost_a, "<=2x (flat)", cost_b / cost_a <= 2)

        x, y = get("import", "lib", a), get("import", "lib", b)
        if x and y:
            curve("import_cost_per_entry", 1e3 / x["items_per_second"],
                  1e3 / y["items_per_second"])
        # Reports and lists return more rows as N grows (more members,
        # projects, overdue tasks): per row returned.
        for item in ("report_year", "report_month", "overdue"):
            x, y = get(item, "lib", a), get(item, "lib", b)
            if x and y and x.get("rows") and y.get("rows"):
                curve(f"{item}_cost_per_row", ms(x) / x["rows"],
                      ms(y) / y["rows"])
    if len(sys.argv) > 2:
        # Its target lines; the others (the Python import's split) stay in
        # that file.
        for extra in open(sys.argv[2]).read().splitlines():
            if extra.endswith((" ok", " MISS")):
                lines.append(extra)
                misses += extra.endswith("MISS")
    # Not a target: the import beside a raw table with the library's four
    # indexes, which separates what the indexes cost from the library's own
    # work (validation, pricing, rollups, events).
    for n in sizes:
        lib, idx = get("import", "lib", n), get("import", "raw_indexed", n)
        if lib and idx:
            l, r = lib["items_per_second"], idx["items_per_second"]
            print(f"import_{n} vs raw with the library's 4 indexes: "
                  f"{l:,.0f}/s vs {r:,.0f}/s = {l / r:.2f}x")
    # Not a target either: a single write beside a raw insert into tables
    # with indexes of the library's shape, which changes as many index pages
    # a commit as the library does (one page of the WAL each, and its
    # checksum); the rest is the library's work (checks, rollups, the
    # change-feed event, the id that is never reused).
    for item in ("write_task", "write_time", "write_task_normal",
                 "write_time_normal"):
        lib, idx = get(item, "lib"), get(item, "raw_indexed")
        if lib and idx:
            l, r = ms(lib), ms(idx)
            print(f"{item} vs raw with the library's indexes: {fmt_ms(l)} vs "
                  f"{fmt_ms(r)} = {l / r:.2f}x")
    # Item 7 for tasks, which has no target: what N tasks add to the store
    # (the library's five indexes and its change feed, against the raw
    # table's one index).
    for n in sizes:
        lib, raw = get("overdue", "lib", n), get("overdue", "raw", n)
        if lib and raw and "bytes_per_task" in lib:
            l, r = lib["bytes_per_task"], raw["bytes_per_task"]
            print(f"store_bytes_per_task_{n}: {l:.0f} B vs raw {r:.0f} B = "
                  f"{l / r:.2f}x (no target)")
    # Where a task's and a time entry's bytes go, at the largest size.
    if sizes:
        breakdown(get("overdue", "lib", sizes[-1]), "bytes_per_task",
                  f"Bytes per task by table and index ({sizes[-1]:,} tasks)")
        breakdown(get("import", "lib", sizes[-1]), "bytes_per_entry",
                  "Bytes per time entry by table and index "
                  f"({sizes[-1]:,} entries)")
    print("\n".join(lines))
    print(f"{len(lines) - misses} ok, {misses} MISS")


if __name__ == "__main__":
    main()
