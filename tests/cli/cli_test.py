#!/usr/bin/python3
"""Tests of the `ws` command-line tool, run as a user runs it.

Every test calls the binary named by $WS_BIN in a temporary directory and
checks its stdout, stderr and exit code: 0 done, 1 the operation failed
(a message naming the field or id), 2 a usage error.

    WS_BIN=build/dev/tools/ws/ws python3 tests/cli/cli_test.py [TestClass]
"""

import csv
import datetime
import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import zipfile

WS = os.environ.get("WS_BIN", "ws")

OWNER = "olena@acme.example"
ADMIN = "adam@acme.example"
BEN = "ben@acme.example"  # employee, manages the web shop
CLEO = "cleo@acme.example"  # employee, member of the web shop
DAN = "dan@acme.example"  # employee in no project
NORA = "nora@northwind.example"  # client of the web shop
RITA = "rita@acme.example"  # reader

MONEY_KEYS = {"billed", "cost", "margin"}


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


class CliCase(unittest.TestCase):
    """A temporary directory holding ./worksection.db.

    A subclass with store = "postgresql" runs the same tests with --db
    naming a fresh schema on the server $WS_PG_URI names (scripts/pg run
    sets it), dropped afterwards; without that variable it fails."""

    store = "sqlite"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ws-cli-test-")
        self.db = os.path.join(self.dir, "worksection.db")
        self.pg_server = None
        if self.store == "postgresql":
            server = os.environ.get("WS_PG_URI")
            if not server:
                self.fail("WS_PG_URI is not set: run the tests through "
                          "`scripts/pg run` (scripts/test does)")
            self.pg_server = server
            self.pg_schema = f"ws_cli_{os.getpid()}_{id(self)}"
            sep = "&" if "?" in server else "?"
            self.db = f"{server}{sep}schema={self.pg_schema}"

    def tearDown(self):
        if self.pg_server:
            subprocess.run(["psql", self.pg_server, "-q", "-c",
                            f"DROP SCHEMA IF EXISTS {self.pg_schema} CASCADE"],
                           capture_output=True, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def ws(self, *args, env=None, db=True):
        """Runs ws with --db (unless db=False) in the temporary directory."""
        argv = [WS] + (["--db", self.db] if db else []) + list(args)
        full_env = dict(os.environ)
        full_env.pop("WS_DB", None)
        full_env.update(env or {})
        proc = subprocess.run(argv, cwd=self.dir, env=full_env,
                              capture_output=True, text=True, timeout=300)
        return Result(proc)

    def ok(self, *args, **kw):
        r = self.ws(*args, **kw)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.err, "", r)
        return r

    def fails(self, rc, *args, mentions=(), **kw):
        """Runs ws, expects exit code `rc` and a message naming `mentions`."""
        r = self.ws(*args, **kw)
        self.assertEqual(r.rc, rc, r)
        self.assertEqual(r.out, "", r)
        self.assertTrue(r.err.startswith("ws: "), r)
        for m in mentions:
            self.assertIn(m, r.err, r)
        if rc == 2:
            self.assertIn("usage:", r.err, r)
        return r

    def add(self, *args, **kw):
        """An `add` command: prints the new id alone."""
        r = self.ok(*args, **kw)
        self.assertRegex(r.out, r"^[1-9][0-9]*\n$", r)
        return int(r.out)

    def init(self):
        self.ok("init", "--name", "Acme", "--owner-name", "Olena",
                "--owner-email", OWNER, "--timezone", "Europe/Kyiv",
                "--currency", "EUR")


class AgencyCase(CliCase):
    """A small agency: members of every role, two projects, a few tasks."""

    def setUp(self):
        super().setUp()
        self.init()
        self.add("member", "add", "Adam Admin", "--email", ADMIN, "--role",
                 "admin")
        self.ben = self.add("member", "add", "Ben", "--email", BEN, "--role",
                            "employee", "--cost-rate", "40", "--rate", "100")
        self.add("member", "add", "Cleo", "--email", CLEO, "--role",
                 "employee", "--cost-rate", "30.50", "--rate", "80")
        self.add("member", "add", "Dan", "--email", DAN, "--role", "employee")
        self.add("member", "add", "Nora", "--email", NORA, "--role", "client",
                 "--company", "Northwind")
        self.add("member", "add", "Rita", "--email", RITA, "--role", "reader")
        self.shop = self.add(
            "project", "add", "Web shop", "--manager", BEN, "--start",
            "2025-01-01", "--deadline", "2026-12-31", "--budget-hours", "100",
            "--budget-money", "20000", "--rate", "120", "--member", CLEO,
            "--member", NORA, "--member", f"{RITA}:member")
        self.internal = self.add("project", "add", "Internal", "--member",
                                 f"{CLEO}:manager")
        self.checkout = self.add(
            "task", "add", str(self.shop), "Build the checkout", "--assignee",
            CLEO, "--priority", "8", "--deadline", "2020-01-10", "--estimate",
            "10h", "--tag", "backend", "--tag", "shop")
        self.payments = self.add(
            "task", "add", str(self.shop), "Connect payments", "--parent",
            str(self.checkout), "--assignee", BEN, "--deadline", "2030-01-01")
        self.paypal = self.add("task", "add", str(self.shop), "PayPal",
                               "--parent", str(self.payments))
        self.hidden = self.add("task", "add", str(self.shop),
                               "Review hosting costs", "--hidden",
                               "--assignee", BEN, "--deadline", "2020-01-01")
        self.wiki = self.add("task", "add", str(self.internal), "Write wiki",
                             "--assignee", CLEO)


class UsageTest(CliCase):
    def test_help(self):
        r = self.ok("--help", db=False)
        self.assertIn("usage: ws", r.out)
        for command in ["init", "member add", "project show", "task list",
                        "comment add", "timer start", "time log", "cost add",
                        "report time", "report overdue", "report projects",
                        "report digest", "demo"]:
            self.assertIn("ws " + command, r.out)
        r = self.ok("task", "add", "--help", db=False)
        self.assertTrue(r.out.startswith("usage: ws task add PROJECT_ID"), r)
        r = self.ok("report", "--help", db=False)
        self.assertIn("ws report time", r.out)

    def test_usage_errors_exit_2(self):
        self.fails(2, db=False, mentions=["no command"])
        self.fails(2, "frobnicate", mentions=["frobnicate"])
        self.fails(2, "task", mentions=["task"])
        self.fails(2, "task", "explode", mentions=["task explode"])
        self.fails(2, "task", "list", "--bogus", mentions=["--bogus"])
        self.fails(2, "task", "show", mentions=["missing"])
        self.fails(2, "task", "show", "1", "2", mentions=["\"2\""])
        self.fails(2, "--format", "xml", "member", "list",
                   mentions=["--format"])
        self.fails(2, "task", "list", "--open", "--done",
                   mentions=["--open", "--done"])
        self.fails(2, "task", "add", "1", "--parent", mentions=["--parent"])
        self.fails(2, "member", "add", "X", "--email", "x@y.example",
                   mentions=["--role"])
        self.fails(2, "member", "add", "X", "--email", "x@y.example",
                   "--role", "boss", mentions=["--role", "boss"])
        self.fails(2, "report", "time", "--by", "year", mentions=["year"])
        self.fails(2, "report", "time", "--out", "x.pdf", mentions=["--out"])
        self.fails(2, "init", "--name", "A", mentions=["--owner-name"])

    def test_missing_database_is_not_created(self):
        self.fails(1, "member", "list", mentions=["no workspace", self.db])
        self.assertFalse(os.path.exists(self.db))

    def test_ws_db_environment_and_default(self):
        other = os.path.join(self.dir, "other.db")
        self.ok("init", "--name", "Env", "--owner-name", "O", "--owner-email",
                OWNER, db=False, env={"WS_DB": other})
        self.assertTrue(os.path.exists(other))
        r = self.ok("--format", "json", "member", "list", db=False,
                    env={"WS_DB": "sqlite:" + other})
        self.assertEqual([m["email"] for m in r.json()], [OWNER])
        # No --db, no $WS_DB: ./worksection.db.
        self.ok("init", "--name", "Here", "--owner-name", "O",
                "--owner-email", OWNER, db=False)
        self.assertTrue(os.path.exists(self.db))
        # Global options may also follow the command.
        r = self.ok("member", "list", "--format", "json", db=False)
        self.assertEqual(len(r.json()), 1)

    def test_init_twice_fails(self):
        self.init()
        self.fails(1, "init", "--name", "B", "--owner-name", "B",
                   "--owner-email", "b@b.example", mentions=["already"])

    def test_memory_store(self):
        r = self.ws("--db", "memory:", "init", "--name", "M", "--owner-name",
                    "O", "--owner-email", OWNER, db=False)
        self.assertEqual(r.rc, 0, r)


class ValuesTest(AgencyCase):
    """Dates, durations and money: parsed strictly; a bad value is exit 1."""

    def test_durations(self):
        for text, seconds in [("1h30m", 5400), ("90m", 5400), ("45m", 2700),
                              ("1:30", 5400), ("2h", 7200), ("1h5m10s", 3910),
                              ("0:05", 300)]:
            entry = self.add("time", "log", str(self.wiki), text, "--date",
                             "2025-06-02")
            r = self.ok("--format", "json", "time", "list", "--task",
                        str(self.wiki))
            got = {e["id"]: e["seconds"] for e in r.json()}
            self.assertEqual(got[entry], seconds, text)
        for bad in ["", "abc", "1h70x", "1:75", "1:5", "90", "1.5h", "m",
                    "30m1h", "0m", "-1h", "1h 30m"]:
            r = self.ws("time", "log", str(self.wiki), bad)
            if bad.startswith("-"):
                self.assertEqual(r.rc, 2, r)  # read as an option
                continue
            self.assertEqual(r.rc, 1, (bad, r))
            self.assertIn("duration", r.err)
        self.fails(1, "task", "add", str(self.shop), "T", "--estimate", "1x",
                   mentions=["--estimate", "1x"])

    def test_dates(self):
        for bad in ["2025-13-01", "2025-02-30", "25-01-01", "2025/01/01",
                    "2025-1-1", "tomorrow", "2025-01-01x"]:
            self.fails(1, "time", "log", str(self.wiki), "1h", "--date", bad,
                       mentions=["--date", bad])
        self.fails(1, "task", "add", str(self.shop), "T", "--deadline",
                   "2025-02-29", mentions=["--deadline"])
        self.fails(1, "report", "time", "--from", "2025-00-10",
                   mentions=["--from"])
        self.add("task", "add", str(self.shop), "Leap", "--deadline",
                 "2024-02-29")
        timed = self.add("task", "add", str(self.shop), "Timed", "--deadline",
                         "2030-05-01 14:30")
        r = self.ok("--format", "json", "task", "show", str(timed))
        self.assertEqual(r.json()["deadline"], "2030-05-01 14:30")

    def test_money(self):
        cost = self.add("cost", "add", str(self.shop), "12.5", "--date",
                        "2025-03-01", "--note", "Fonts")
        self.assertGreater(cost, 0)
        for bad in ["12.345", "1,5", "abc", "12.", ".5", "1e3"]:
            self.fails(1, "cost", "add", str(self.shop), bad,
                       mentions=["amount", bad])
        self.fails(1, "member", "add", "Z", "--email", "z@acme.example",
                   "--role", "employee", "--rate", "ten",
                   mentions=["--rate", "ten"])
        r = self.ok("--format", "json", "member", "list")
        ben = [m for m in r.json() if m["email"] == BEN][0]
        self.assertEqual(ben["rate"], "100.00")
        cleo = [m for m in r.json() if m["email"] == CLEO][0]
        self.assertEqual(cleo["cost_rate"], "30.50")

    def test_ids(self):
        self.fails(1, "task", "show", "abc", mentions=["task id", "abc"])
        self.fails(1, "task", "show", "0", mentions=["task id"])
        self.fails(1, "task", "show", "99999", mentions=["99999"])
        self.fails(1, "project", "show", "4242", mentions=["4242"])
        self.fails(1, "task", "add", "4242", "T", mentions=["4242"])
        self.fails(1, "time", "log", "99999", "1h", mentions=["99999"])
        self.fails(1, "task", "list", "--assignee", "ghost@acme.example",
                   mentions=["--assignee", "ghost@acme.example"])
        self.fails(1, "task", "add", str(self.shop), "T", "--priority", "11",
                   mentions=["--priority"])


class WorkspaceTest(AgencyCase):
    def test_members(self):
        r = self.ok("--format", "json", "member", "list")
        members = r.json()
        self.assertEqual(
            [m["email"] for m in members],
            [OWNER, ADMIN, BEN, CLEO, DAN, NORA, RITA])
        nora = members[5]
        self.assertEqual(nora["role"], "client")
        self.assertEqual(nora["company"], "Northwind")
        self.assertEqual(set(members[0]), {"id", "name", "email", "role",
                                           "company", "active", "cost_rate",
                                           "rate"})
        self.fails(1, "member", "add", "Ben again", "--email", BEN, "--role",
                   "employee", mentions=[BEN])
        r = self.ok("member", "list")
        self.assertIn("nora@northwind.example", r.out)
        r = self.ok("--format", "csv", "member", "list")
        rows = list(csv.DictReader(io.StringIO(r.out)))
        self.assertEqual(len(rows), 7)
        self.assertEqual(rows[2]["rate"], "100.00")

    def test_projects(self):
        r = self.ok("--format", "json", "project", "show", str(self.shop))
        p = r.json()
        self.assertEqual(p["name"], "Web shop")
        self.assertEqual(p["manager"], BEN)
        self.assertEqual(p["start"], "2025-01-01")
        self.assertEqual(p["deadline"], "2026-12-31")
        self.assertEqual(p["budget_hours"], 100)
        self.assertEqual(p["budget_money"], "20000.00")
        self.assertEqual(p["rate"], "120.00")
        roles = {m["email"]: m["role"] for m in p["members"]}
        self.assertEqual(roles, {BEN: "manager", CLEO: "member",
                                 NORA: "client", RITA: "member"})
        r = self.ok("--format", "json", "project", "list")
        self.assertEqual([x["name"] for x in r.json()],
                         ["Web shop", "Internal"])
        self.fails(1, "project", "add", "Bad", "--start", "2025-05-01",
                   "--deadline", "2025-04-01", mentions=["deadline"])
        self.fails(2, "project", "add", "Bad", "--member", f"{CLEO}:boss",
                   mentions=["boss"])
        self.fails(1, "project", "add", "Bad", "--member", "x@nowhere.example",
                   mentions=["x@nowhere.example"])
        r = self.ok("project", "show", str(self.shop))
        self.assertRegex(r.out, r"budget_money: +20000.00\n")


class TasksTest(AgencyCase):
    TASK_KEYS = {"id", "project_id", "parent_id", "title", "status",
                 "priority", "deadline", "assignee", "author", "hidden",
                 "tags"}

    def test_list_includes_subtasks(self):
        r = self.ok("--format", "json", "task", "list", "--project",
                    str(self.shop))
        tasks = r.json()
        self.assertEqual([t["id"] for t in tasks],
                         [self.checkout, self.payments, self.paypal,
                          self.hidden])
        for t in tasks:
            self.assertLessEqual(self.TASK_KEYS, set(t))
        checkout = tasks[0]
        self.assertEqual(checkout["project_id"], self.shop)
        self.assertIsNone(checkout["parent_id"])
        self.assertEqual(checkout["status"], "open")
        self.assertEqual(checkout["priority"], 8)
        self.assertEqual(checkout["deadline"], "2020-01-10")
        self.assertEqual(checkout["assignee"], CLEO)
        self.assertEqual(checkout["author"], OWNER)
        self.assertEqual(checkout["hidden"], False)
        self.assertEqual(checkout["tags"], ["backend", "shop"])
        self.assertEqual(tasks[2]["parent_id"], self.payments)
        self.assertIsNone(tasks[2]["assignee"])

    def test_filters(self):
        def ids(*args):
            return [t["id"] for t in
                    self.ok("--format", "json", "task", "list", *args).json()]
        self.assertEqual(ids("--assignee", BEN), [self.payments, self.hidden])
        self.assertEqual(ids("--tag", "backend"), [self.checkout])
        self.assertEqual(ids("--overdue"), [self.checkout, self.hidden])
        self.assertEqual(ids("--author", CLEO), [])
        self.ok("task", "done", str(self.hidden), "--note", "Cheaper now")
        self.assertEqual(ids("--done"), [self.hidden])
        self.assertEqual(ids("--open", "--project", str(self.shop)),
                         [self.checkout, self.payments, self.paypal])
        self.assertEqual(len(ids()), 5)
        # The table and CSV formats list the same tasks.
        r = self.ok("--format", "csv", "task", "list")
        rows = list(csv.DictReader(io.StringIO(r.out)))
        self.assertEqual([int(x["id"]) for x in rows], ids())
        self.assertEqual(rows[0]["tags"], "backend,shop")
        r = self.ok("task", "list")
        self.assertIn("Build the checkout", r.out)

    def test_show_done_reopen(self):
        self.add("comment", "add", str(self.checkout), "Card payments work")
        self.add("comment", "add", str(self.checkout), "Internal note",
                 "--hidden")
        r = self.ok("--format", "json", "task", "show", str(self.checkout))
        t = r.json()
        self.assertLessEqual(self.TASK_KEYS, set(t))
        self.assertEqual([c["text"] for c in t["comments"]],
                         ["Card payments work", "Internal note"])
        self.assertEqual(t["comments"][1]["hidden"], True)
        self.assertEqual(t["comments"][0]["author"], OWNER)
        self.assertEqual(t["checklist"], [])
        r = self.ok("--format", "json", "task", "done", str(self.checkout),
                    "--note", "Shipped")
        self.assertEqual(r.json()["status"], "done")
        self.fails(1, "task", "done", str(self.checkout),
                   mentions=[str(self.checkout)])
        r = self.ok("task", "reopen", str(self.checkout))
        self.assertIn("open", r.out)
        self.fails(1, "task", "reopen", str(self.checkout))
        r = self.ok("task", "show", str(self.checkout))
        self.assertIn("Card payments work", r.out)

    def test_fourth_level_refused(self):
        self.fails(1, "task", "add", str(self.shop), "Too deep", "--parent",
                   str(self.paypal))


class TimeAndMoneyTest(AgencyCase):
    def test_timer(self):
        r = self.ok("timer", "status", "--as", CLEO)
        self.assertIn("no timer", r.out)
        self.assertEqual(
            self.ok("--format", "json", "timer", "status", "--as",
                    CLEO).out.strip(), "null")
        self.ok("timer", "start", str(self.checkout), "--as", CLEO)
        r = self.ok("--format", "json", "timer", "status", "--as", CLEO)
        self.assertEqual(r.json()["task_id"], self.checkout)
        self.assertEqual(r.json()["member"], CLEO)
        self.fails(1, "timer", "start", str(self.wiki), "--as", CLEO,
                   mentions=["timer"])
        # A timer under a second long is refused (durations are 1 s..24 h);
        # either way, stop answers with an entry or a message.
        r = self.ws("--format", "json", "timer", "stop", "--note", "done",
                    "--as", CLEO)
        self.assertIn(r.rc, (0, 1), r)
        if r.rc == 0:
            self.assertEqual(r.json()["task_id"], self.checkout)
        self.fails(1, "timer", "stop", "--as", DAN, mentions=["timer"])

    def test_log_and_costs(self):
        entry = self.add("time", "log", str(self.checkout), "1h30m", "--date",
                         "2025-03-03", "--note", "checkout", "--as", CLEO)
        self.add("time", "log", str(self.checkout), "30m", "--date",
                 "2025-03-04", "--non-billable", "--as", CLEO)
        r = self.ok("--format", "json", "time", "list", "--project",
                    str(self.shop))
        entries = r.json()
        self.assertEqual([e["id"] for e in entries][0], entry)
        self.assertEqual(entries[0]["seconds"], 5400)
        self.assertEqual(entries[0]["billable"], True)
        self.assertEqual(entries[1]["billable"], False)
        self.assertEqual(entries[0]["member"], CLEO)
        self.add("cost", "add", str(self.shop), "99.99", "--task",
                 str(self.checkout), "--date", "2025-03-05")
        self.add("cost", "add", str(self.shop), "1000", "--income")
        self.fails(1, "cost", "add", str(self.shop), "0",
                   mentions=["amount"])
        self.fails(1, "cost", "add", str(self.shop), "5", "--task",
                   str(self.wiki))
        self.fails(1, "time", "log", str(self.checkout), "25h",
                   mentions=["duration"])


class ReportsTest(AgencyCase):
    def setUp(self):
        super().setUp()
        # Cleo: 1h30m + 30m (non-billable) on the checkout; Ben: 2h on
        # payments; Cleo: 1h on the wiki.
        self.add("time", "log", str(self.checkout), "1h30m", "--date",
                 "2025-03-03", "--as", CLEO)
        self.add("time", "log", str(self.checkout), "30m", "--date",
                 "2025-03-04", "--non-billable", "--as", CLEO)
        self.add("time", "log", str(self.payments), "2h", "--date",
                 "2025-03-10", "--as", BEN)
        self.add("time", "log", str(self.wiki), "1h", "--date", "2025-04-01",
                 "--as", CLEO)

    def test_time_report_json(self):
        r = self.ok("--format", "json", "report", "time", "--from",
                    "2025-03-01", "--to", "2025-03-31", "--by",
                    "project,member")
        report = r.json()
        self.assertEqual(set(report), {"rows", "total"})
        rows = report["rows"]
        self.assertEqual([(x["project"], x["member"]) for x in rows],
                         [("Web shop", BEN), ("Web shop", CLEO)])
        cleo = rows[1]
        self.assertEqual(list(cleo), ["project", "member", "seconds",
                                      "billable_seconds", "billed", "cost",
                                      "margin", "entries"])
        self.assertEqual(cleo["seconds"], 7200)
        self.assertEqual(cleo["billable_seconds"], 5400)
        self.assertEqual(cleo["entries"], 2)
        # Rates: the project's 120/h bills; Cleo costs 30.50/h.
        self.assertEqual(cleo["billed"], "180.00")
        self.assertEqual(cleo["cost"], "61.00")
        self.assertEqual(cleo["margin"], "119.00")
        total = report["total"]
        self.assertEqual(total["seconds"], 14400)
        self.assertEqual(total["entries"], 3)
        self.assertEqual(total["billed"], "420.00")
        for row in rows:
            self.assertIsInstance(row["billed"], str)

    def test_time_report_groups_and_csv(self):
        r = self.ok("--format", "json", "report", "time", "--by",
                    "month,day,week,task,tag")
        rows = r.json()["rows"]
        first = rows[0]
        self.assertEqual(list(first)[:5],
                         ["month", "day", "week", "task", "tag"])
        self.assertEqual(first["month"], "2025-03")
        self.assertEqual(first["day"], "2025-03-03")
        self.assertEqual(first["week"], "2025-W10")
        self.assertEqual(first["task"], "Build the checkout")
        r = self.ok("--format", "csv", "report", "time", "--by", "member")
        lines = list(csv.reader(io.StringIO(r.out)))
        self.assertEqual(lines[0], ["member", "seconds", "billable_seconds",
                                    "billed", "cost", "margin", "entries"])
        self.assertEqual([x[0] for x in lines[1:]], [BEN, CLEO])
        r = self.ok("report", "time", "--by", "project")
        self.assertIn("TOTAL", r.out)
        self.assertIn("5:00", r.out)  # the total time, H:MM

    def test_time_report_filters(self):
        r = self.ok("--format", "json", "report", "time", "--project",
                    str(self.internal), "--by", "project")
        self.assertEqual(r.json()["total"]["seconds"], 3600)
        r = self.ok("--format", "json", "report", "time", "--member", BEN)
        self.assertEqual(r.json()["total"]["seconds"], 7200)
        self.fails(1, "report", "time", "--from", "2025-05-01", "--to",
                   "2025-04-01", mentions=["from"])

    def test_client_sees_no_money(self):
        r = self.ok("--format", "json", "report", "time", "--by",
                    "project,member", "--as", NORA)
        report = r.json()
        self.assertEqual({x["project"] for x in report["rows"]}, {"Web shop"})
        for row in report["rows"] + [report["total"]]:
            self.assertFalse(MONEY_KEYS & set(row), row)
        r = self.ok("--format", "csv", "report", "time", "--as", NORA)
        header = next(csv.reader(io.StringIO(r.out)))
        self.assertFalse(MONEY_KEYS & set(header), header)
        r = self.ok("--format", "json", "report", "projects", "--as", NORA)
        for row in r.json()["rows"]:
            self.assertFalse({"billed", "margin", "budget_money"} & set(row))
        r = self.ok("--format", "json", "member", "list", "--as", NORA)
        for m in r.json():
            self.assertNotIn("rate", m)
            self.assertNotIn("cost_rate", m)
        r = self.ok("--format", "json", "project", "show", str(self.shop),
                    "--as", NORA)
        self.assertNotIn("budget_money", r.json())
        self.assertNotIn("rate", r.json())

    def test_exports(self):
        for name in ["r.xlsx", "r.csv", "r.json"]:
            path = os.path.join(self.dir, name)
            r = self.ws("report", "time", "--by", "project,member", "--out",
                        path)
            self.assertEqual(r.rc, 0, r)
            self.assertEqual(r.out, "")
            self.assertTrue(os.path.getsize(path) > 0)
        with zipfile.ZipFile(os.path.join(self.dir, "r.xlsx")) as z:
            self.assertIn("xl/workbook.xml", z.namelist())
        with open(os.path.join(self.dir, "r.csv"), newline="",
                  encoding="utf-8") as f:
            lines = list(csv.reader(f))
        self.assertEqual(lines[0][:2], ["Project", "Member"])
        with open(os.path.join(self.dir, "r.json"), encoding="utf-8") as f:
            json.load(f)
        try:
            import openpyxl  # pylint: disable=import-outside-toplevel
        except ImportError:
            return
        sheet = openpyxl.load_workbook(os.path.join(self.dir, "r.xlsx")).active
        self.assertEqual(sheet.cell(1, 1).value, "Project")
        # A client's export carries no money columns either.
        path = os.path.join(self.dir, "client.csv")
        self.ok("report", "time", "--out", path, "--as", NORA).out
        with open(path, newline="", encoding="utf-8") as f:
            header = next(csv.reader(f))
        self.assertNotIn("Billed", header)
        self.fails(1, "report", "time", "--out",
                   os.path.join(self.dir, "no", "such", "dir.csv"),
                   mentions=["--out"])

    def test_overdue(self):
        r = self.ok("--format", "json", "report", "overdue")
        report = r.json()
        rows = report["rows"]
        self.assertEqual([x["id"] for x in rows],
                         [self.hidden, self.checkout])
        self.assertGreater(rows[0]["days_late"], 365)
        self.assertLessEqual(TasksTest.TASK_KEYS, set(rows[0]))
        self.assertEqual(report["total"]["tasks"], 2)
        r = self.ok("--format", "json", "report", "overdue", "--assignee",
                    CLEO)
        self.assertEqual([x["id"] for x in r.json()["rows"]], [self.checkout])
        soon = self.add("task", "add", str(self.shop), "Soon", "--deadline",
                        str(datetime.date.today() + datetime.timedelta(5)))
        r = self.ok("--format", "json", "report", "overdue", "--within", "30")
        rows = r.json()["rows"]
        self.assertEqual([x["id"] for x in rows],
                         [self.hidden, self.checkout, soon])
        self.assertLess(rows[2]["days_late"], 0)
        self.assertFalse(rows[2]["late"])
        r = self.ok("--format", "json", "report", "overdue", "--as", NORA)
        self.assertEqual([x["id"] for x in r.json()["rows"]], [self.checkout])
        r = self.ok("--format", "csv", "report", "overdue")
        rows = list(csv.DictReader(io.StringIO(r.out)))
        self.assertEqual(int(rows[0]["id"]), self.hidden)
        self.assertIn("days_late", rows[0])
        self.fails(1, "report", "overdue", "--within", "soon",
                   mentions=["--within"])

    def test_projects_and_digest(self):
        r = self.ok("--format", "json", "report", "projects")
        report = r.json()
        shop = report["rows"][0]
        self.assertEqual(shop["project"], "Web shop")
        self.assertEqual(shop["tasks_open"], 4)
        self.assertEqual(shop["tasks_overdue"], 2)
        self.assertEqual(shop["used_seconds"], 14400)
        self.assertEqual(shop["billed"], "420.00")
        self.assertEqual(report["total"]["projects"], 2)
        r = self.ok("report", "projects")
        self.assertIn("Web shop", r.out)
        r = self.ok("report", "digest")
        self.assertIn("Build the checkout", r.out)
        r = self.ok("report", "digest", "--markdown", "--member", CLEO)
        self.assertIn("Build the checkout", r.out)
        r = self.ok("--format", "json", "report", "digest")
        self.assertIn("rows", r.json())
        r = self.ok("--format", "json", "report", "workload")
        self.assertIn(CLEO, [x["member"] for x in r.json()["rows"]])


class PermissionsTest(AgencyCase):
    def test_unknown_actor(self):
        self.fails(1, "--as", "ghost@acme.example", "member", "list",
                   mentions=["--as", "ghost@acme.example"])

    def test_client(self):
        r = self.ok("--format", "json", "project", "list", "--as", NORA)
        self.assertEqual([p["name"] for p in r.json()], ["Web shop"])
        r = self.ok("--format", "json", "task", "list", "--as", NORA)
        ids = [t["id"] for t in r.json()]
        self.assertNotIn(self.hidden, ids)
        self.assertNotIn(self.wiki, ids)
        self.assertIn(self.checkout, ids)
        self.fails(1, "task", "show", str(self.hidden), "--as", NORA,
                   mentions=[str(self.hidden)])
        self.fails(1, "project", "show", str(self.internal), "--as", NORA,
                   mentions=[str(self.internal)])
        self.fails(1, "project", "add", "Mine", "--as", NORA)
        self.fails(1, "member", "add", "X", "--email", "x@acme.example",
                   "--role", "employee", "--as", NORA)
        self.fails(1, "time", "log", str(self.checkout), "1h", "--as", NORA)
        self.fails(1, "cost", "add", str(self.shop), "10", "--as", NORA)
        self.add("comment", "add", str(self.checkout), "Hidden",
                 "--hidden")
        r = self.ok("--format", "json", "task", "show", str(self.checkout),
                    "--as", NORA)
        self.assertEqual(r.json()["comments"], [])

    def test_reader(self):
        r = self.ok("--format", "json", "task", "list", "--as", RITA)
        self.assertIn(self.checkout, [t["id"] for t in r.json()])
        self.fails(1, "task", "add", str(self.shop), "X", "--as", RITA)
        self.fails(1, "time", "log", str(self.checkout), "1h", "--as", RITA)
        self.fails(1, "timer", "start", str(self.checkout), "--as", RITA)
        self.fails(1, "comment", "add", str(self.checkout), "Hi", "--as", RITA)

    def test_employee(self):
        # Dan is in no project: he sees none of them.
        r = self.ok("--format", "json", "task", "list", "--as", DAN)
        self.assertEqual(r.json(), [])
        self.fails(1, "task", "show", str(self.checkout), "--as", DAN)
        self.fails(1, "time", "log", str(self.checkout), "1h", "--as", DAN)
        # Cleo works in the shop but does not manage it: no money there.
        self.add("time", "log", str(self.checkout), "1h", "--as", CLEO)
        r = self.ok("--format", "json", "report", "time", "--as", CLEO,
                    "--project", str(self.shop))
        self.assertFalse(MONEY_KEYS & set(r.json()["total"]))
        self.fails(1, "project", "add", "Mine", "--as", CLEO)
        # Ben manages the shop: he sees its money.
        r = self.ok("--format", "json", "report", "time", "--as", BEN,
                    "--project", str(self.shop))
        self.assertEqual(r.json()["total"]["billed"], "120.00")

    def test_admin(self):
        self.add("member", "add", "Eve", "--email", "eve@acme.example",
                 "--role", "employee", "--as", ADMIN)
        self.fails(1, "member", "add", "Owen", "--email", "owen@acme.example",
                   "--role", "owner", "--as", ADMIN)


TASKWARRIOR_EXPORT = """[
{"id":1,"description":"Write landing copy","due":"20260115T170000Z","entry":"20260110T080000Z","modified":"20260112T093000Z","priority":"H","project":"Client.Site","status":"pending","tags":["copy"],"uuid":"6f0c1a52-0000-4000-8000-000000000001","annotations":[{"entry":"20260111T100000Z","description":"Keep it short"}],"urgency":9.1,"size":"L"},
{"id":0,"description":"Old idea","entry":"20260102T090000Z","modified":"20260103T090000Z","end":"20260103T090000Z","status":"deleted","uuid":"6f0c1a52-0000-4000-8000-000000000002","urgency":0},
{"id":2,"depends":"6f0c1a52-0000-4000-8000-000000000001","description":"Launch","entry":"20260110T081000Z","modified":"20260110T081000Z","status":"pending","uuid":"6f0c1a52-0000-4000-8000-000000000003","urgency":0}
]
"""

TIMEWARRIOR_EXPORT = """[
{"id":2,"start":"20260112T080000Z","end":"20260112T093000Z","tags":["Web shop:Build the checkout","backend"],"annotation":"cart"},
{"id":1,"start":"20260113T080000Z","tags":["Internal:Write wiki"]}
]
"""


class SnapshotAndImportTest(AgencyCase):
    """ws export snapshot, ws import snapshot|taskwarrior|timewarrior."""

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_snapshot_round_trip_is_byte_identical(self):
        self.ok("time", "log", str(self.checkout), "1h30m", "--date",
                "2025-03-03", "--as", CLEO)
        self.ok("export", "snapshot", "ws.snapshot")
        self.ok("export", "snapshot", "ws.json")
        with open(os.path.join(self.dir, "ws.json"), encoding="utf-8") as f:
            snapshot = json.load(f)
        self.assertEqual(snapshot["header"]["format_version"], 1)
        self.assertIn("Build the checkout",
                      [t["title"] for t in snapshot["tasks"]])
        for source in ("ws.snapshot", "ws.json"):
            copy = os.path.join(self.dir, f"copy-{source}.db")
            self.ok("--db", copy, "import", "snapshot", source, db=False)
            self.ok("--db", copy, "export", "snapshot", "again.snapshot",
                    db=False)
            self.ok("--db", copy, "export", "snapshot", "again.json",
                    db=False)
            for a, b in (("ws.snapshot", "again.snapshot"),
                         ("ws.json", "again.json")):
                with open(os.path.join(self.dir, a), "rb") as fa, \
                        open(os.path.join(self.dir, b), "rb") as fb:
                    self.assertEqual(fa.read(), fb.read(), (source, a))

    def test_snapshot_errors(self):
        self.ok("export", "snapshot", "ws.snapshot")
        # Only into an empty store.
        self.fails(1, "import", "snapshot", "ws.snapshot",
                   mentions=["empty store"])
        # Truncated: the position is named and no store is left behind.
        with open(os.path.join(self.dir, "ws.snapshot"), "rb") as f:
            data = f.read()
        with open(os.path.join(self.dir, "cut.snapshot"), "wb") as f:
            f.write(data[:len(data) // 2])
        cut_db = os.path.join(self.dir, "cut.db")
        self.fails(1, "--db", cut_db, "import", "snapshot", "cut.snapshot",
                   db=False, mentions=["byte", "truncated"])
        self.assertFalse(os.path.exists(cut_db))
        # Clients may not export.
        self.fails(1, "--as", NORA, "export", "snapshot", "n.snapshot",
                   mentions=["export snapshot"])
        self.fails(2, "export", "snapshot", "x", "--encoding", "xml")

    def test_taskwarrior(self):
        self.write("tasks.json", TASKWARRIOR_EXPORT)
        r = self.ok("--format", "json", "import", "taskwarrior", "tasks.json")
        report = r.json()
        self.assertEqual(report["tasks_created"], 2)
        self.assertEqual(report["comments_created"], 1)
        fields = {(i["field"], i["reason"].split(";")[0])
                  for i in report["issues"]}
        self.assertIn(("status", "deleted task"), fields)
        self.assertIn(("depends", "no dependencies in worksection"), fields)
        self.assertIn(("size", "kept as text in the task's text"), fields)
        tasks = self.ok("--format", "json", "task", "list").json()
        copy = [t for t in tasks if t["title"] == "Write landing copy"]
        self.assertEqual(len(copy), 1)
        self.assertEqual(copy[0]["priority"], 8)
        # Bad dates: the position is named and nothing is imported.
        self.write("bad.json", TASKWARRIOR_EXPORT.replace(
            "20260110T081000Z", "2026-01-10 08:10"))
        self.fails(1, "import", "taskwarrior", "bad.json",
                   mentions=["tasks[2]", "entry", "2026-01-10 08:10"])
        self.write("dup.json", TASKWARRIOR_EXPORT.replace(
            "000000000003", "000000000001"))
        self.fails(1, "import", "taskwarrior", "dup.json",
                   mentions=["tasks[0] and tasks[2]"])
        after = self.ok("--format", "json", "task", "list").json()
        self.assertEqual(len(after), len(tasks))

    def test_timewarrior(self):
        self.write("time.json", TIMEWARRIOR_EXPORT)
        r = self.ok("--format", "json", "import", "timewarrior", "time.json",
                    "--as", CLEO)
        report = r.json()
        self.assertEqual(report["time_entries_created"], 1)
        self.assertEqual(report["timers_started"], 1)
        self.assertEqual(report["projects_created"], 0)
        entries = self.ok("--format", "json", "time", "list", "--as",
                          CLEO).json()
        self.assertEqual([e["seconds"] for e in entries], [5400])
        self.assertEqual(entries[0]["task_id"], self.checkout)
        self.fails(1, "import", "timewarrior", "missing.json",
                   mentions=["missing.json"])


class DemoTest(CliCase):
    """The demo seeds a whole agency (a few seconds: time is batched)."""

    def test_demo(self):
        r = self.ws("demo", db=False)
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Project health", r.out)
        self.assertIn("Overdue tasks", r.out)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "demo.db")))
        self.assertTrue(
            os.path.exists(os.path.join(self.dir, "demo-report.xlsx")))
        m = re.search(r"(\d+) members, (\d+) projects, (\d+) tasks, "
                      r"(\d+) time entries", r.out)
        self.assertIsNotNone(m, r.out)
        members, projects, tasks, entries = map(int, m.groups())
        self.assertEqual((members, projects), (25, 18))
        self.assertTrue(1800 <= tasks <= 2200, tasks)
        self.assertTrue(50000 <= entries <= 70000, entries)
        r = self.ws("--db", "demo.db", "--format", "json", "member", "list",
                    db=False)
        roles = [m["role"] for m in r.json()]
        self.assertEqual(
            [roles.count(x) for x in ["owner", "admin", "employee", "client"]],
            [1, 2, 18, 4])
        # It refuses to overwrite the file without --force.
        self.fails(1, "demo", db=False, mentions=["demo.db"])

    def on_terminal(self, *args, env=None):
        """Runs ws with stderr on a pseudo-terminal; returns its stderr.

        A reader thread keeps the pty from filling."""
        master, slave = pty.openpty()
        proc = subprocess.Popen([WS] + list(args), cwd=self.dir,
                                stdout=subprocess.DEVNULL, stderr=slave,
                                env=None if env is None
                                else dict(os.environ, **env))
        os.close(slave)
        chunks = []

        def read():
            while True:
                try:
                    data = os.read(master, 4096)
                except OSError:  # EIO once the child closed its side
                    return
                if not data:
                    return
                chunks.append(data)

        reader = threading.Thread(target=read)
        reader.start()
        self.assertEqual(proc.wait(timeout=300), 0)
        reader.join(timeout=30)
        os.close(master)
        return b"".join(chunks).decode(errors="replace")

    def test_progress_bar_only_on_a_terminal(self):
        # The demo runs for more than a second: the bar is drawn on a
        # terminal.
        self.assertIn("seeding", self.on_terminal("demo"))
        # stderr piped (a script): not a byte of it.
        r = self.ws("demo", "--force", db=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.err, "", r)
        self.ok("--db", "demo.db", "export", "snapshot", "demo.snapshot",
                db=False)
        # The snapshot's import may take less than a second: the bar from
        # the start.
        self.assertIn("importing", self.on_terminal(
            "--db", "copy.db", "import", "snapshot", "demo.snapshot",
            env={"WS_PROGRESS_AFTER_MS": "0"}))
        r = self.ws("--db", "piped.db", "import", "snapshot", "demo.snapshot",
                    db=False)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.err, "", r)

    def test_demo_usage(self):
        self.fails(2, "demo", "--seeds", "3", db=False)
        self.fails(1, "demo", "--seed", "x", db=False, mentions=["--seed"])


# The same commands on a PostgreSQL workspace.
class PostgresTasksTest(TasksTest):
    store = "postgresql"


class PostgresTimeAndMoneyTest(TimeAndMoneyTest):
    store = "postgresql"


class PostgresReportsTest(ReportsTest):
    store = "postgresql"


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
