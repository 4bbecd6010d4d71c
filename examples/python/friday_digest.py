#!/usr/bin/env python3
"""The Friday digest, as Markdown on stdout, ready to post in a chat.

    friday_digest.py agency.db [--as EMAIL] [--as-of YYYY-MM-DD] [--text]
    friday_digest.py --demo

Per member: the late tasks they received and the late tasks they set for
others, what is due in the next seven days, and forgotten timers. Members
with nothing to report are left out. Reads the workspace read-only, as the
given member or the first owner. --demo builds a small agency in a
temporary directory, with a fixed clock (Friday 10 May 2024), and prints
its digest.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import worksection

UTC = datetime.timezone.utc


def demo_workspace(directory: Path) -> Path:
    """A small agency in directory/agency.db; returns its path."""
    path = directory / "agency.db"
    now = [datetime.datetime(2024, 5, 9, 18, 0, tzinfo=UTC)]
    with worksection.open(
        path,
        create=worksection.Setup(
            name="Acme Digital", time_zone="Europe/Kyiv", currency="EUR",
            owner_name="Olena Koval", owner_email="olena@acme.example"),
        clock=lambda: now[0],
    ) as ws:
        s = ws.owner_session()
        bob = s.create_member(name="Bob Marley", email="bob@acme.example")
        ivan = s.create_member(name="Ivan Franko", email="ivan@acme.example")
        site = s.create_project(name="Website relaunch", manager=s.actor,
                                members=[(bob, "member"), (ivan, "member")])
        d = datetime.date
        s.create_task(project=site, title="Design the home page",
                      assignee=bob, priority=8, deadline=d(2024, 5, 3))
        s.create_task(project=site, title="Write the copy", assignee=ivan,
                      deadline=d(2024, 5, 14))
        hosting = s.create_task(project=site, title="Set up hosting",
                                assignee=ivan)
        # Ivan started a timer on Thursday evening and went home.
        ws.session(ivan).start_timer(hosting)
        now[0] = datetime.datetime(2024, 5, 10, 9, 0, tzinfo=UTC)
    return path


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", help="workspace file or URI")
    parser.add_argument("--demo", action="store_true",
                        help="use a small demo agency in a temporary dir")
    parser.add_argument("--as", dest="email",
                        help="act as this member (default: the first owner)")
    parser.add_argument("--as-of", type=datetime.date.fromisoformat,
                        help="the day of the digest (default: today)")
    parser.add_argument("--text", action="store_true",
                        help="plain text rather than Markdown")
    args = parser.parse_args(argv)
    if args.demo == bool(args.db):
        parser.error("give a workspace file, or --demo")

    with tempfile.TemporaryDirectory() as tmp:
        try:
            clock = None
            db = args.db
            if args.demo:
                db = demo_workspace(Path(tmp))
                fixed = datetime.datetime(2024, 5, 10, 9, 0, tzinfo=UTC)
                clock = lambda: fixed  # noqa: E731
            with worksection.open(db, read_only=True, clock=clock) as ws:
                s = ws.owner_session()
                if args.email:
                    wanted = args.email.lower()
                    match = [m for m in s.list_members()
                             if m.email == wanted]
                    if not match:
                        parser.error(f"no active member with e-mail "
                                     f"{args.email}")
                    s = ws.session(match[0])
                digest = s.digest(as_of=args.as_of)
                sys.stdout.write(digest.text() if args.text
                                 else digest.markdown())
        except worksection.Error as e:
            print(f"friday_digest: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
