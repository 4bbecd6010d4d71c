#!/usr/bin/env python3
"""Prints issue 8's target lines from ws_bench's Google Benchmark JSON.

NAME: MEASURED vs BASELINE = RATIOx (target T) ok|MISS
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
        m = re.match(r"([a-z_]+)/(lib|raw)(?:/(\d+))?", b["name"])
        if m:
            runs[(m.group(1), m.group(2), m.group(3))] = b
    return runs


def ms(b):
    return b["real_time"] * UNIT_MS[b["time_unit"]]


def fmt_ms(v):
    return f"{v * 1000:.1f} us" if v < 1 else f"{v:.2f} ms"


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

    def pair(item, n):
        k = None if n is None else str(n)
        return runs.get((item, "lib", k)), runs.get((item, "raw", k))

    for n in sizes:
        lib, raw = pair("import", n)
        if lib and raw:
            l, r = lib["items_per_second"], raw["items_per_second"]
            line(f"import_{n}", f"{l:,.0f}/s", f"{r:,.0f}/s", l / r,
                 ">=0.5x the raw rate", l / r >= 0.5)
    for item, label in (("write_task", "create a task"),
                        ("write_time", "log a time entry")):
        lib, raw = pair(item, None)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"{item} ({label}, WAL FULL)", fmt_ms(l), fmt_ms(r), l / r,
                 "<=1.3x raw latency", l / r <= 1.3)
    for n in sizes:
        lib, raw = pair("report_year", n)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"report_year_{n}", fmt_ms(l), fmt_ms(r), l / r,
                 "<=0.10x raw time, i.e. 10x faster", l / r <= 0.1)
    for n in sizes:
        lib, raw = pair("report_month", n)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"report_month_{n}", fmt_ms(l), fmt_ms(r), l / r,
                 "<=2 ms", l <= 2.0)
    for n in sizes:
        lib, raw = pair("overdue", n)
        if lib and raw:
            l, r = ms(lib), ms(raw)
            line(f"overdue_{n}", fmt_ms(l), fmt_ms(r), l / r,
                 "<=1.3x raw", l / r <= 1.3)
    for n in sizes:
        lib, raw = pair("import", n)
        if lib and raw:
            l, r = lib["bytes_per_entry"], raw["bytes_per_entry"]
            line(f"store_bytes_per_entry_{n}", f"{l:.0f} B", f"{r:.0f} B",
                 l / r, "<=100 B per entry, 40-byte notes", l <= 100)
    # The cost curve (item 6): per-row cost from the smallest to the largest
    # size should stay flat (at most logarithmic growth).
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]
        lib_a, lib_b = runs.get(("import", "lib", str(a))), runs.get(
            ("import", "lib", str(b)))
        if lib_a and lib_b:
            ca = 1e3 / lib_a["items_per_second"]
            cb = 1e3 / lib_b["items_per_second"]
            line(f"import_cost_per_entry_{a}_to_{b}", fmt_ms(cb), fmt_ms(ca),
                 cb / ca, "<=2x (flat)", cb / ca <= 2)
        # Overdue returns more rows as N grows (50 assignees): per row.
        x, y = runs.get(("overdue", "lib", str(a))), runs.get(
            ("overdue", "lib", str(b)))
        if x and y and x.get("rows") and y.get("rows"):
            cx, cy = ms(x) / x["rows"], ms(y) / y["rows"]
            line(f"overdue_cost_per_row_{a}_to_{b}", fmt_ms(cy), fmt_ms(cx),
                 cy / cx, "<=2x (flat)", cy / cx <= 2)
    print("\n".join(lines))
    print(f"{len(lines) - misses} ok, {misses} MISS")


if __name__ == "__main__":
    main()
