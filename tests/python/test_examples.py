"""The scripts in examples/python run against the package."""

from __future__ import annotations

import subprocess
import sys

import worksection
from conftest import REPO, SETUP, fixed_clock

DIGEST = REPO / "examples" / "python" / "overdue_digest.py"


def run(*args, check=True):
    return subprocess.run([sys.executable, "-B", str(DIGEST), *args],
                          capture_output=True, text=True, check=check)


def test_overdue_digest_demo():
    out = run("--demo").stdout
    assert out.startswith("# Overdue tasks — Acme Digital, 2024-05-06\n")
    assert "## Website relaunch (2)" in out
    assert ("| Design the home page | Bob Marley | 2024-05-03 17:00 "
            "| 3 days | 8 |") in out
    assert "| Fix VAT rounding | Ivan Franko | 2024-05-05 | 1 day | 10 |" in out
    assert "## Shop | checkout (1)" in out
    assert "Pick fonts" not in out  # done
    assert "Launch" not in out and "Due today" not in out  # not yet overdue
    assert out.rstrip().endswith("_3 overdue tasks in 2 projects._")


def test_overdue_digest_of_a_file_as_a_client(tmp_path):
    path = tmp_path / "agency.db"
    import datetime
    with worksection.open(path, create=SETUP, clock=fixed_clock) as ws:
        s = ws.owner_session()
        carol = s.create_member(name="Carol", email="carol@client.example",
                                role="client")
        p = s.create_project(name="Pipes | and \\ slashes",
                             members=[(carol, "client")])
        s.create_task(project=p, title="Visible | late",
                      deadline=datetime.date(2024, 5, 1))
        s.create_task(project=p, title="Hidden late",
                      deadline=datetime.date(2024, 5, 1),
                      hidden_from_clients=True)
    owner_view = run(str(path), "--today", "2024-05-06").stdout
    assert "Hidden late" in owner_view
    assert "| Visible \\| late | — | 2024-05-01 | 5 days | 5 |" in owner_view
    client_view = run(str(path), "--as", "Carol@client.example",
                      "--today", "2024-05-06").stdout
    assert "Visible" in client_view and "Hidden" not in client_view
    assert "Nothing is overdue" in run(str(path), "--today",
                                       "2024-05-01").stdout


def test_overdue_digest_errors(tmp_path):
    r = run(str(tmp_path / "missing.db"), check=False)
    assert r.returncode == 1 and "overdue_digest:" in r.stderr
    assert run(check=False).returncode == 2  # usage


FRIDAY = REPO / "examples" / "python" / "friday_digest.py"
MONTHLY = REPO / "examples" / "python" / "monthly_time_report.py"


def run_script(script, *args, check=True):
    return subprocess.run([sys.executable, "-B", str(script), *args],
                          capture_output=True, text=True, check=check)


def test_friday_digest_demo():
    out = run_script(FRIDAY, "--demo").stdout
    assert out.startswith("#")
    assert "Design the home page" in out  # Bob's, late since 3 May
    assert "Write the copy" in out  # Ivan's, due next week
    assert "Set up hosting" in out  # Ivan's forgotten timer
    text = run_script(FRIDAY, "--demo", "--text").stdout
    assert "Design the home page" in text and text != out


def test_friday_digest_errors(tmp_path):
    r = run_script(FRIDAY, str(tmp_path / "missing.db"), check=False)
    assert r.returncode == 1 and "friday_digest:" in r.stderr
    assert run_script(FRIDAY, check=False).returncode == 2  # usage


def test_monthly_time_report_demo(tmp_path):
    import csv
    import io
    out = run_script(MONTHLY, "--demo").stdout
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == ["Project", "Member", "Seconds", "Hours",
                       "Billable hours", "Entries", "Billed",
                       "Labour cost", "Margin"]
    lines = {(r[0], r[1]): r for r in rows[1:-1]}
    # 23 working days in May 2024.
    assert lines[("Website relaunch", "Bob Marley")][3] == "115.00"
    assert lines[("Website relaunch", "Bob Marley")][5] == "23"
    # 3:20 a day, billed in quarters of an hour: 3:30.
    assert lines[("Website relaunch", "Ivan Franko")][4] == "80.50"
    assert lines[("Shop", "Ivan Franko")][0] == "Shop"
    assert rows[-1][0] == "Total"
    target = tmp_path / "may.csv"
    run_script(MONTHLY, "--demo", "--excel", "--out", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    excel = list(csv.reader(io.StringIO(data[3:].decode(), newline=""),
                            delimiter=";"))
    assert excel[1][3] == "115,00"


def test_monthly_time_report_errors(tmp_path):
    r = run_script(MONTHLY, str(tmp_path / "missing.db"), "--month",
                   "2024-05", check=False)
    assert r.returncode == 1 and "monthly_time_report:" in r.stderr
    assert run_script(MONTHLY, check=False).returncode == 2
