#!/usr/bin/env python3
"""Compares worksection with Taskwarrior and Timewarrior (issue 8).

On the same generated data (deterministic), on the same machine, in a
temporary directory (the tools' TASKRC, TASKDATA and TIMEWARRIORDB point
into it; $HOME is never read or written):

Taskwarrior (`task`, 2.6): N tasks over 20 projects, 2/3 pending, 4/7 with a
due date. Loading them: `task import FILE` against
Session.import_taskwarrior of the same file (there is no batch call for
tasks besides the importer). Then the questions users ask, as the median of
--runs runs: the overdue tasks of one project as of a fixed day
(`task project.is:P status:pending due.before:DAY export` against
overdue_report(project=P, as_of=DAY)), the count of open tasks (`task
status:pending count` against the sum of project_health's tasks_open), one
task (`task UUID export` against get_task). Store size: Taskwarrior's data
directory against our .db file after closing (which checkpoints the WAL).

Timewarrior (`timew`, 1.4): N closed intervals of one person in 2025, each
tagged "ClientP:Task T", with a 40-byte annotation. Timewarrior has no bulk
import (`timew track` is one process an interval), so its data files
(data/YYYY-MM.data, tags.data) are written directly, untimed. Ours:
Session.import_timewarrior of `timew export`'s output (timed). Queries: the
year's summary (`timew summary 2025-01-01 - 2026-01-01`) against the year's
time report by project and task (the tags), and one month's intervals
(`timew export 2025-06-01 - 2025-07-01`) against every page of
list_time_entries for June. Store size: its data directory against ours.

Each tool's command is a process that reads its data files; our calls run
in this process on an open workspace (a library, as users embed it). The
answers are checked to agree (same counts), so a broken side fails the run
rather than printing a fast wrong figure.

Prints one informational line per comparison (not a target: it never
ends in ok or MISS; a ratio under 1 means we are faster or smaller), on one
line each:

  vs_taskwarrior_import_N: worksection 1.23 s vs Taskwarrior 3.40 s = 0.36x
    (load N tasks: import_taskwarrior vs task import; context)

Run with PYTHONPATH pointing at the built package (scripts/bench does):
  PYTHONPATH=build/release/bindings/python python3 benchmarks/compare_tools.py
Options: --n N (default WS_COMPARE_N or 100000), --runs R (default 5),
--dir DIR (default: a fresh temp dir), --json FILE (writes every figure).
Exits 77 when `task` or `timew` is not installed.
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import worksection

PROJECTS = 20
TASKS_PER_PROJECT = 20  # Timewarrior's "ClientP:Task T" tags
AS_OF = datetime.date(2025, 3, 1)  # "overdue as of" for both sides
YEAR = 2025
MONTH = 6
SKIPPED = 77


# --- Data ------------------------------------------------------------------


def tw_stamp(t):
    return t.strftime("%Y%m%dT%H%M%SZ")


def taskwarrior_tasks(n):
    """n tasks as `task export` prints them."""
    epoch = datetime.datetime(2025, 1, 1)
    tasks = []
    for i in range(n):
        t = {
            "uuid": str(uuid.UUID(int=(i * 0x9E3779B97F4A7C15 + 1)
                                  % (1 << 128), version=4)),
            "description": f"Task number {i} of the comparison",
            "entry": tw_stamp(epoch + datetime.timedelta(minutes=i)),
            "status": "completed" if i % 3 == 0 else "pending",
            "project": f"Client{i % PROJECTS}",
            "priority": "HML"[i % 3],
            "tags": [f"t{i % 50}"],
        }
        if i % 7 < 4:
            t["due"] = tw_stamp(epoch + datetime.timedelta(
                days=(i * 7919) % 540))
        if t["status"] == "completed":
            t["end"] = tw_stamp(epoch + datetime.timedelta(days=200))
        tasks.append(t)
    return tasks


def timewarrior_intervals(n):
    """n closed, non-overlapping intervals spread over the year, as
    (start, end, tag, annotation)."""
    days = 365
    per_day = -(-n // days)
    slot = 86400 // per_day
    length = min(3000, slot * 4 // 5) // 60 * 60
    epoch = datetime.datetime(YEAR, 1, 1)
    out = []
    for i in range(n):
        day = i * days // n
        first = -(-day * n // days)  # the first interval of that day
        start = epoch + datetime.timedelta(days=day,
                                           seconds=(i - first) * slot)
        task = (i // PROJECTS) % TASKS_PER_PROJECT
        tag = f"Client{i % PROJECTS}:Task {task}"
        out.append((start, start + datetime.timedelta(seconds=length), tag,
                    f"interval {i:031d}"))
    return out


def timew_quote(s):
    """How Timewarrior writes a tag or annotation in its data files."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_timew_data(db, intervals):
    """Timewarrior's files as `timew track` writes them: one line an
    interval in data/YYYY-MM.data (by start), and tags.data's counts."""
    data = os.path.join(db, "data")
    by_month, counts = {}, {}
    for start, end, tag, note in intervals:
        by_month.setdefault(start.strftime("%Y-%m"), []).append(
            f"inc {tw_stamp(start)} - {tw_stamp(end)} # "
            f"{timew_quote(tag)} # {timew_quote(note)}\n")
        counts[tag] = counts.get(tag, 0) + 1
    for month, rows in by_month.items():
        with open(os.path.join(data, f"{month}.data"), "w") as f:
            f.writelines(rows)
    with open(os.path.join(data, "tags.data"), "w") as f:
        json.dump({t: {"count": c} for t, c in sorted(counts.items())}, f)


# --- Running the tools -------------------------------------------------------


class Tools:
    """`task` and `timew` on databases in `root`, never in $HOME."""

    def __init__(self, root):
        self.env = dict(os.environ, TZ="UTC", HOME=root,
                        TASKRC=os.path.join(root, "taskrc"),
                        TASKDATA=os.path.join(root, "task"),
                        TIMEWARRIORDB=os.path.join(root, "timew"))
        self.task_data = self.env["TASKDATA"]
        self.timew_db = self.env["TIMEWARRIORDB"]
        os.makedirs(self.task_data)
        os.makedirs(os.path.join(self.timew_db, "data"))
        with open(self.env["TASKRC"], "w") as f:
            f.write(f"data.location={self.task_data}\nconfirmation=off\n"
                    "verbose=nothing\nhooks=off\ncolor=off\n")
        with open(os.path.join(self.timew_db, "timewarrior.cfg"), "w") as f:
            f.write("verbose = off\ncolor = off\n")

    def run(self, *args):
        """(wall seconds, stdout) of one command; fails on a non-zero
        exit."""
        t0 = time.perf_counter()
        p = subprocess.run(args, env=self.env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           check=False)
        elapsed = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: "
                               f"{p.stderr.decode(errors='replace')[-2000:]}")
        return elapsed, p.stdout.decode()

    def startup(self, tool, runs):
        """Median seconds of `tool --version`: starting its process."""
        return median_of(runs, lambda: self.run(tool, "--version"))[0]


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f))
               for d, _, files in os.walk(path) for f in files)


def median_of(runs, call):
    """(median seconds, last result) of `runs` calls of `call`, which
    returns (seconds, result)."""
    times, result = [], None
    for _ in range(runs):
        elapsed, result = call()
        times.append(elapsed)
    return statistics.median(times), result


def timed(call, *args, **kwargs):
    t0 = time.perf_counter()
    result = call(*args, **kwargs)
    return time.perf_counter() - t0, result


# --- Our side ----------------------------------------------------------------


def open_workspace(path):
    setup = worksection.Setup(name="compare", owner_name="Owner",
                              owner_email="owner@compare.example",
                              time_zone="UTC")
    return worksection.open(f"sqlite:{path}", create=setup)


def imported(path, method, text, created, n, fig):
    """(workspace, owner session) of a new workspace at `path` into which
    the Session's `method` imported `text`, timed as
    fig["worksection_import_s"]; fails unless the report's `created` count
    is n."""
    ws = open_workspace(path)
    s = ws.owner_session()
    fig["worksection_import_s"], report = timed(getattr(s, method), text)
    if getattr(report, created) != n:
        ws.close()
        raise RuntimeError(f"{method}: {created} = "
                           f"{getattr(report, created)}, expected {n}")
    return ws, s


def store_bytes(path):
    """The store's files after closing (the WAL is checkpointed then)."""
    return sum(os.path.getsize(path + s) for s in ("", "-wal", "-shm")
               if os.path.exists(path + s))


def month_entries(s, year, month):
    first = datetime.date(year, month, 1)
    last = (first + datetime.timedelta(days=31)).replace(day=1) \
        - datetime.timedelta(days=1)
    return list(s.iter_time_entries(from_=first, to=last, page_size=1000))


# --- The comparisons ---------------------------------------------------------


def compare_taskwarrior(tools, tmp, n, runs, fig):
    tasks = taskwarrior_tasks(n)
    path = os.path.join(tmp, "tasks.json")
    with open(path, "w") as f:
        json.dump(tasks, f)
    text = open(path).read()

    fig["taskwarrior_import_s"], _ = tools.run("task", "import", path)
    # Its first command after the import moves the completed tasks from
    # pending.data to completed.data (its garbage collection): once, not
    # part of any query below.
    fig["taskwarrior_first_command_s"], _ = tools.run("task", "count")
    fig["taskwarrior_startup_s"] = tools.startup("task", runs)
    db = os.path.join(tmp, "tasks.db")
    ws, s = imported(db, "import_taskwarrior", text, "tasks_created", n, fig)
    with ws:
        # Overdue tasks of one project as of AS_OF.
        project = "Client3"
        theirs_s, out = median_of(runs, lambda: tools.run(
            "task", f"project.is:{project}", "status:pending",
            f"due.before:{AS_OF.isoformat()}", "export"))
        theirs = len(json.loads(out))
        pid = next(p.id for p in s.list_projects() if p.name == project)
        ours_s, rows = median_of(runs, lambda: timed(
            s.overdue_report, project=pid, as_of=AS_OF))
        check("overdue tasks of a project", len(rows), theirs)
        fig["overdue_rows"] = theirs
        fig["taskwarrior_overdue_s"], fig["worksection_overdue_s"] = \
            theirs_s, ours_s

        # How many tasks are open: project_health counts them (there is no
        # count call); paging through list_tasks is the other way.
        theirs_s, out = median_of(runs, lambda: tools.run(
            "task", "status:pending", "count"))
        open_tasks = int(out.strip())
        ours_s, health = median_of(runs, lambda: timed(s.project_health))
        check("open tasks", sum(h.tasks_open for h in health), open_tasks)
        paging_s, listed = median_of(runs, lambda: timed(
            lambda: sum(1 for _ in s.iter_tasks(status="open",
                                                page_size=1000))))
        check("open tasks listed", listed, open_tasks)
        fig["open_tasks"] = open_tasks
        fig["taskwarrior_count_open_s"], fig["worksection_count_open_s"] = \
            theirs_s, ours_s
        fig["worksection_count_open_paging_s"] = paging_s

        # One task: the middle one, by its uuid there and its id here.
        want = tasks[n // 2]
        theirs_s, out = median_of(runs, lambda: tools.run(
            "task", want["uuid"], "export"))
        check("tasks found by uuid", len(json.loads(out)), 1)
        mine = s.list_tasks(text_contains=want["uuid"]).tasks
        check("tasks found by uuid here", len(mine), 1)
        ours_s, got = median_of(runs, lambda: timed(s.get_task, mine[0].id))
        check("the task's title", got.title, want["description"])
        fig["taskwarrior_get_task_s"], fig["worksection_get_task_s"] = \
            theirs_s, ours_s
    fig["taskwarrior_store_bytes"] = dir_bytes(tools.task_data)
    fig["taskwarrior_undo_bytes"] = os.path.getsize(
        os.path.join(tools.task_data, "undo.data"))
    fig["worksection_store_bytes"] = store_bytes(db)


def compare_timewarrior(tools, tmp, n, runs, fig):
    intervals = timewarrior_intervals(n)
    write_timew_data(tools.timew_db, intervals)
    # What we import is what Timewarrior exports of those files.
    _, text = tools.run("timew", "export")
    fig["timewarrior_startup_s"] = tools.startup("timew", runs)
    check("the intervals timew exports",
          sorted((i["start"], i["end"], tuple(i["tags"]), i["annotation"])
                 for i in json.loads(text)),
          sorted((tw_stamp(b), tw_stamp(e), (tag,), note)
                 for b, e, tag, note in intervals))
    db = os.path.join(tmp, "time.db")
    ws, s = imported(db, "import_timewarrior", text, "time_entries_created",
                     n, fig)
    with ws:
        # The year: timew's summary (every interval with its tags, and the
        # total) against the report by project, and by project and task
        # (the tags).
        theirs_s, out = median_of(runs, lambda: tools.run(
            "timew", "summary", f"{YEAR}-01-01", "-", f"{YEAR + 1}-01-01"))
        year = dict(from_=datetime.date(YEAR, 1, 1),
                    to=datetime.date(YEAR, 12, 31))
        ours_s, report = median_of(runs, lambda: timed(
            s.time_report, group_by="project", **year))
        by_task_s, by_task = median_of(runs, lambda: timed(
            s.time_report, group_by=("project", "task"), **year))
        total = sum(int((e - b).total_seconds()) for b, e, _, _ in intervals)
        check("the year's seconds", report.total.seconds, total)
        check("the year's seconds by task", by_task.total.seconds, total)
        check("the year's total in the summary",
              f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"
              in out.split()[-1:], True)
        fig["year_rows"] = len(report.rows)
        fig["year_by_task_rows"] = len(by_task.rows)
        fig["timewarrior_year_s"], fig["worksection_year_s"] = \
            theirs_s, ours_s
        fig["worksection_year_by_task_s"] = by_task_s

        # One month's intervals.
        theirs_s, out = median_of(runs, lambda: tools.run(
            "timew", "export", f"{YEAR}-{MONTH:02d}-01", "-",
            f"{YEAR}-{MONTH + 1:02d}-01"))
        ours_s, entries = median_of(runs, lambda: timed(
            month_entries, s, YEAR, MONTH))
        check("the month's intervals", len(entries), len(json.loads(out)))
        fig["month_rows"] = len(entries)
        fig["timewarrior_month_s"], fig["worksection_month_s"] = \
            theirs_s, ours_s
    fig["timewarrior_store_bytes"] = dir_bytes(tools.timew_db)
    fig["worksection_store_bytes"] = store_bytes(db)


def check(what, ours, theirs):
    if ours != theirs:
        raise RuntimeError(f"{what}: worksection {ours!r} vs {theirs!r}")


# --- Output ------------------------------------------------------------------


def fmt_s(v):
    if v < 1e-3:
        return f"{v * 1e6:.0f} us"
    return f"{v * 1e3:.1f} ms" if v < 1 else f"{v:.2f} s"


def fmt_bytes(v):
    return f"{v / 1e6:.1f} MB" if v >= 1e6 else f"{v / 1e3:.1f} kB"


def ratio(r):
    return f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"


def lines(n, runs, tw, ti):
    def line(name, ours, other, theirs, fmt, what):
        return (f"vs_{name}_{n}: worksection {fmt(ours)} vs {other} "
                f"{fmt(theirs)} = {ratio(ours / theirs)}x ({what}; context)")

    med = f"median of {runs}"
    return [
        line("taskwarrior_import", tw["worksection_import_s"], "Taskwarrior",
             tw["taskwarrior_import_s"], fmt_s,
             f"load {n:,} tasks: import_taskwarrior vs task import"),
        line("taskwarrior_overdue", tw["worksection_overdue_s"],
             "Taskwarrior", tw["taskwarrior_overdue_s"], fmt_s,
             f"one project's overdue tasks as of {AS_OF} "
             f"({tw['overdue_rows']}), {med}"),
        line("taskwarrior_count_open", tw["worksection_count_open_s"],
             "Taskwarrior", tw["taskwarrior_count_open_s"], fmt_s,
             f"count {tw['open_tasks']:,} open tasks: project_health vs "
             f"task count; paging list_tasks "
             f"{fmt_s(tw['worksection_count_open_paging_s'])}, {med}"),
        line("taskwarrior_get_task", tw["worksection_get_task_s"],
             "Taskwarrior", tw["taskwarrior_get_task_s"], fmt_s,
             f"one task by id/uuid, {med}"),
        line("taskwarrior_store", tw["worksection_store_bytes"],
             "Taskwarrior", tw["taskwarrior_store_bytes"], fmt_bytes,
             f"on disk; Taskwarrior's undo.data "
             f"{fmt_bytes(tw['taskwarrior_undo_bytes'])} of it"),
        f"vs_timewarrior_import_{n}: worksection "
        f"{fmt_s(ti['worksection_import_s'])} vs Timewarrior not timed "
        f"(load {n:,} intervals: import_timewarrior; Timewarrior has no "
        "bulk import, its data files were written directly; context)",
        line("timewarrior_year", ti["worksection_year_s"], "Timewarrior",
             ti["timewarrior_year_s"], fmt_s,
             f"{YEAR} by project ({ti['year_rows']} rows) vs timew summary; "
             f"by project and task ({ti['year_by_task_rows']} rows) "
             f"{fmt_s(ti['worksection_year_by_task_s'])}, {med}"),
        line("timewarrior_month", ti["worksection_month_s"], "Timewarrior",
             ti["timewarrior_month_s"], fmt_s,
             f"the {ti['month_rows']:,} intervals of {YEAR}-{MONTH:02d}, "
             f"{med}"),
        line("timewarrior_store", ti["worksection_store_bytes"],
             "Timewarrior", ti["timewarrior_store_bytes"], fmt_bytes,
             "on disk"),
    ]


def versions(tools):
    return {"task": tools.run("task", "--version")[1].strip(),
            "timew": tools.run("timew", "--version")[1].strip(),
            "worksection": worksection.version()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int,
                    default=int(os.environ.get("WS_COMPARE_N", "100000")))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir")
    ap.add_argument("--json")
    args = ap.parse_args()
    missing = [t for t in ("task", "timew") if not shutil.which(t)]
    if missing:
        print(f"{' and '.join(missing)} not installed: comparison skipped "
              "(Debian: apt-get install taskwarrior timewarrior)")
        sys.exit(SKIPPED)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        tools = Tools(tmp)
        tw, ti = {}, {}
        compare_taskwarrior(tools, tmp, args.n, args.runs, tw)
        compare_timewarrior(tools, tmp, args.n, args.runs, ti)
        figures = {"n": args.n, "runs": args.runs, "versions": versions(tools),
                   "taskwarrior": tw, "timewarrior": ti}
    print("\n".join(lines(args.n, args.runs, tw, ti)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
