#!/usr/bin/env python3
"""A month's time and money, as CSV: one line per project and member.

    monthly_time_report.py agency.db --month YYYY-MM [--out FILE]
        [--group-by project,member] [--excel] [--as EMAIL]
    monthly_time_report.py --demo [--out FILE]

Hours, billable hours and, for members who may read money, the billed
amount, the labour cost and the margin, in major units of the workspace
currency; a last line holds the totals. --excel writes what Excel expects
in most of Europe (semicolons, decimal commas, a byte order mark). Without
--out the CSV goes to stdout. --demo builds a small agency with a month of
time entries in a temporary directory and reports May 2024.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Tuple

import worksection

UTC = datetime.timezone.utc


def month(text: str) -> Tuple[datetime.date, datetime.date]:
    """"2024-05" -> (2024-05-01, 2024-05-31)."""
    first = datetime.date.fromisoformat(text + "-01")
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def demo_workspace(directory: Path) -> Path:
    """A small agency with May 2024's time in directory/agency.db."""
    path = directory / "agency.db"
    now = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
    with worksection.open(
        path,
        create=worksection.Setup(
            name="Acme Digital", time_zone="Europe/Kyiv", currency="EUR",
            owner_name="Olena Koval", owner_email="olena@acme.example"),
        clock=lambda: now,
    ) as ws:
        s = ws.owner_session()
        bob = s.create_member(name="Bob Marley", email="bob@acme.example",
                              cost_rate=3000, billing_rate=8000)
        ivan = s.create_member(name="Ivan Franko", email="ivan@acme.example",
                               cost_rate=2500, billing_rate=6000)
        site = s.create_project(name="Website relaunch", manager=s.actor,
                                members=[(bob, "member"), (ivan, "member")],
                                rounding=("up", 15))
        shop = s.create_project(name="Shop", manager=bob,
                                members=[(ivan, "member", 7000)])
        design = s.create_task(project=site, title="Design")
        copy = s.create_task(project=site, title="Copy")
        vat = s.create_task(project=shop, title="Fix VAT rounding")
        logs = []
        for day in range(1, 32):
            date = datetime.date(2024, 5, day)
            if date.weekday() >= 5:
                continue
            logs.append(dict(task=design, member=bob, date=date,
                             duration=datetime.timedelta(hours=5)))
            logs.append(dict(task=copy, member=ivan, date=date,
                             duration=datetime.timedelta(hours=3,
                                                         minutes=20)))
            if day % 3 == 0:
                logs.append(dict(task=vat, member=ivan, date=date,
                                 duration=datetime.timedelta(hours=2),
                                 note="VAT"))
        s.log_time_batch_ids(logs)  # one transaction; only the ids back
        # Outside the month: not in the report.
        s.log_time(task=vat, member=ivan, date=datetime.date(2024, 6, 1),
                   duration=datetime.timedelta(hours=1))
    return path


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", help="workspace file or URI")
    parser.add_argument("--demo", action="store_true",
                        help="use a small demo agency in a temporary dir")
    parser.add_argument("--month", type=month,
                        help="YYYY-MM (default: last month)")
    parser.add_argument("--out", type=Path, help="write the CSV here")
    parser.add_argument("--group-by", default="project,member",
                        help="levels, outermost first (default: "
                             "project,member)")
    parser.add_argument("--excel", action="store_true",
                        help="semicolons, decimal commas, a BOM")
    parser.add_argument("--as", dest="email",
                        help="act as this member (default: the first owner)")
    args = parser.parse_args(argv)
    if args.demo == bool(args.db):
        parser.error("give a workspace file, or --demo")

    with tempfile.TemporaryDirectory() as tmp:
        try:
            db = demo_workspace(Path(tmp)) if args.demo else args.db
            with worksection.open(db, read_only=True) as ws:
                s = ws.owner_session()
                if args.email:
                    wanted = args.email.lower()
                    match = [m for m in s.list_members()
                             if m.email == wanted]
                    if not match:
                        parser.error(f"no active member with e-mail "
                                     f"{args.email}")
                    s = ws.session(match[0])
                if args.month:
                    first, last = args.month
                elif args.demo:
                    first, last = month("2024-05")
                else:
                    last = s.today().replace(day=1) - datetime.timedelta(1)
                    first = last.replace(day=1)
                report = s.time_report(
                    from_=first, to=last,
                    group_by=[g for g in args.group_by.split(",") if g])
                options = dict(separator=";", decimal_comma=True, bom=True) \
                    if args.excel else {}
                if args.out:
                    report.write_csv(args.out, **options)
                else:
                    sys.stdout.write(report.to_csv(**options))
        except worksection.Error as e:
            print(f"monthly_time_report: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
