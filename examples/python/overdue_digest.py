#!/usr/bin/env python3
"""The agency's overdue tasks, as a Markdown digest on stdout.

    overdue_digest.py agency.db [--as EMAIL] [--today YYYY-MM-DD]
    overdue_digest.py --demo

Reads a workspace (read-only) as the given member, or as the first owner,
and lists every open task whose deadline day is before today (in the
workspace time zone), grouped by project, most overdue first. Post it to
a chat, mail it, or pipe it into a Markdown renderer. --demo builds a small
agency in memory, with a fixed clock, and prints its digest.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import Dict, List, Optional

import worksection
from worksection import Deadline, Task, TaskOrder


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def digest(s: worksection.Session, today: datetime.date) -> str:
    settings = s.get_settings()
    names: Dict[Optional[int], str] = {
        m.id: m.name for m in s.list_members(include_inactive=True)
    }
    names[None] = "—"
    by_project: Dict[int, List[Task]] = {}
    for task in s.iter_tasks(overdue_as_of=today, order=TaskOrder.DEADLINE):
        by_project.setdefault(task.project, []).append(task)

    lines = [f"# Overdue tasks — {settings.name}, {today.isoformat()}", ""]
    if not by_project:
        lines.append("Nothing is overdue. 🎉")
        return "\n".join(lines) + "\n"
    total = 0
    for project_id in sorted(by_project):
        tasks = by_project[project_id]
        total += len(tasks)
        project = s.get_project(project_id)
        lines += [
            f"## {project.name} ({len(tasks)})",
            "",
            "| Task | Assignee | Due | Late by | Priority |",
            "|---|---|---|---|---:|",
        ]
        for t in tasks:
            deadline: Deadline = t.deadline  # overdue tasks have one
            lines.append(
                f"| {cell(t.title)} | {cell(names.get(t.assignee, '?'))} "
                f"| {deadline} | {days((today - deadline.day).days)} "
                f"| {t.priority} |"
            )
        lines.append("")
    lines.append(f"_{total} overdue task{'s' if total != 1 else ''} in "
                 f"{len(by_project)} project"
                 f"{'s' if len(by_project) != 1 else ''}._")
    return "\n".join(lines) + "\n"


def demo_workspace() -> worksection.Workspace:
    """A small agency, in memory, on Monday 6 May 2024 at noon in Kyiv."""
    now = datetime.datetime(2024, 5, 6, 9, 0, tzinfo=datetime.timezone.utc)
    ws = worksection.open(
        "memory:",
        create=worksection.Setup(
            name="Acme Digital", time_zone="Europe/Kyiv", currency="EUR",
            owner_name="Olena Koval", owner_email="olena@acme.example"),
        clock=lambda: now,
    )
    s = ws.owner_session()
    bob = s.create_member(name="Bob Marley", email="bob@acme.example")
    ivan = s.create_member(name="Ivan Franko", email="ivan@acme.example")
    site = s.create_project(name="Website relaunch", manager=s.actor,
                            members=[(bob, "member"), (ivan, "member")])
    shop = s.create_project(name="Shop | checkout", manager=bob,
                            members=[(ivan, "member")])
    d = datetime.date
    s.create_task(project=site, title="Design the home page", assignee=bob,
                  priority=8,
                  deadline=Deadline(d(2024, 5, 3), datetime.time(17, 0)))
    s.create_task(project=site, title="Write the copy", assignee=ivan,
                  deadline=d(2024, 4, 30))
    done = s.create_task(project=site, title="Pick fonts", assignee=bob,
                         deadline=d(2024, 4, 1))
    s.complete_task(done, note="Inter")
    s.create_task(project=site, title="Launch", deadline=d(2024, 5, 20))
    s.create_task(project=shop, title="Fix VAT rounding", assignee=ivan,
                  priority=10, deadline=d(2024, 5, 5))
    s.create_task(project=shop, title="Due today", deadline=d(2024, 5, 6))
    return ws


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", help="workspace file or URI")
    parser.add_argument("--demo", action="store_true",
                        help="use a small demo agency in memory")
    parser.add_argument("--as", dest="email",
                        help="act as this member (default: the first owner)")
    parser.add_argument("--today", type=datetime.date.fromisoformat,
                        help="the day to compare with (default: today)")
    args = parser.parse_args(argv)
    if args.demo == bool(args.db):
        parser.error("give a workspace file, or --demo")

    try:
        ws = (demo_workspace() if args.demo
              else worksection.open(args.db, read_only=True))
        with ws:
            s = ws.owner_session()
            if args.email:
                wanted = args.email.lower()
                match = [m for m in s.list_members() if m.email == wanted]
                if not match:
                    parser.error(f"no active member with e-mail {args.email}")
                s = ws.session(match[0])
            sys.stdout.write(digest(s, args.today or s.today()))
    except worksection.Error as e:
        print(f"overdue_digest: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
