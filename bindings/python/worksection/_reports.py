"""Report results: frozen dataclasses, rows as plain dicts, and exports.

Every report is what the acting member may read. When they may not read
money, money fields are None and money keys are *absent* from
``to_dicts()`` and from the exports (never zero).

``to_dicts()`` returns a list of plain dicts with snake_case keys, one per
row, so ``pandas.DataFrame(report.to_dicts())`` works without this package
depending on pandas. Values are ints, floats, strs, bools, ``date``,
``datetime`` (aware, UTC) and ``timedelta``; money is int minor units.

The exports render the report as the library returned it:

* ``to_csv(bom=False, separator=",", decimal_comma=False,
  neutralize_formulas=False) -> str`` and ``write_csv(path, ...)``: RFC 4180,
  CRLF line ends, money in major units of the currency ("12.34");
* ``to_json(pretty=False) -> str`` and ``write_json(path, ...)``: the
  protobuf JSON mapping of worksection.v1 (64-bit integers as strings);
* ``to_xlsx(chart=True) -> bytes`` and ``write_xlsx(path, ...)``: a typed
  workbook.

Files are written whole or not at all. A report that went through pickle
keeps its data but not its exports (ValueError).
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from ._model import (
    BudgetUsage,
    Deadline,
    Project,
    ReportGroup,
    Task,
    Timer,
    _frozen,
)

__all__ = [
    "Digest",
    "DigestEntry",
    "OverdueReport",
    "OverdueRow",
    "ProjectHealth",
    "ProjectHealthReport",
    "ReportKey",
    "ReportTotals",
    "TimeReport",
    "TimeReportRow",
    "WorkloadReport",
    "WorkloadRow",
]

PathLike = Union[str, "os.PathLike[str]"]


def _native_field() -> Any:
    return dataclasses.field(default=None, repr=False, compare=False)


def _rebuild(cls: type, state: Dict[str, Any]) -> Any:
    """Unpickles a report: its data, without the exports."""
    return cls(**state)


class _Native:
    """The exports every report shares: JSON."""

    __slots__ = ()

    def _n(self) -> Any:
        native = self._native  # type: ignore[attr-defined]
        if native is None:
            raise ValueError(
                "this report has no exports (it was unpickled or built by "
                "hand); run it again through a Session")
        return native

    def __reduce__(self) -> Any:
        state = {f.name: getattr(self, f.name)
                 for f in dataclasses.fields(self)  # type: ignore[arg-type]
                 if f.name != "_native"}
        return (_rebuild, (type(self), state))

    def to_json(self, *, pretty: bool = False) -> str:
        """The report as JSON (the protobuf JSON mapping of
        worksection.v1; 64-bit integers are strings; values the report left
        empty, such as hidden money, are absent)."""
        return self._n().json(bool(pretty))

    def write_json(self, path: PathLike, *, pretty: bool = False) -> None:
        """Writes :meth:`to_json` and a newline to ``path``, whole or not at
        all. NotFoundError when the directory does not exist."""
        self._n().write_json(os.fspath(path), bool(pretty))


class _TableExports(_Native):
    """CSV and XLSX, for the tabular reports."""

    __slots__ = ()

    def to_csv(
        self,
        *,
        bom: bool = False,
        separator: str = ",",
        decimal_comma: bool = False,
        neutralize_formulas: bool = False,
    ) -> str:
        """The report as CSV text (RFC 4180, CRLF line ends, a header row).

        ``separator`` is "," or ";" (with ``decimal_comma=True``, what Excel
        expects in most of Europe); ``bom`` starts the text with U+FEFF so
        Excel reads the file as UTF-8; ``neutralize_formulas`` prefixes text
        starting with = + - @ with a quote. Write it with ``newline=""``.
        """
        return self._n().csv(bool(bom), separator, bool(decimal_comma),
                             bool(neutralize_formulas))

    def write_csv(
        self,
        path: PathLike,
        *,
        bom: bool = False,
        separator: str = ",",
        decimal_comma: bool = False,
        neutralize_formulas: bool = False,
    ) -> None:
        """Writes :meth:`to_csv` (UTF-8) to ``path``, whole or not at
        all."""
        self._n().write_csv(os.fspath(path), bool(bom), separator,
                            bool(decimal_comma), bool(neutralize_formulas))

    def to_xlsx(self, *, chart: bool = True) -> bytes:
        """The report as an XLSX workbook (typed cells, frozen header;
        the time report with a chart unless ``chart=False``)."""
        return self._n().xlsx(bool(chart))

    def write_xlsx(self, path: PathLike, *, chart: bool = True) -> None:
        """Writes :meth:`to_xlsx` to ``path``, whole or not at all."""
        self._n().write_xlsx(os.fspath(path), bool(chart))


def _money(out: Dict[str, Any], visible: bool, **amounts: Optional[int]) -> None:
    if visible:
        out.update(amounts)


# --- Time and money --------------------------------------------------------


@_frozen
class ReportKey:
    """A row's key at one grouping level.

    ``id`` is the project, task or member id (None for other levels);
    ``tag`` the tag ("" for untagged entries); ``period`` the day, the
    week's Monday or the month's 1st (None for other levels); ``label``
    the name, title, tag, "2024-05-06", "2024-W19" or "2024-05".
    """

    group: ReportGroup
    id: Optional[int]
    tag: str
    period: Optional[datetime.date]
    label: str


@_frozen
class ReportTotals:
    seconds: int  #: raw time
    billable_seconds: int  #: billed duration of billable entries
    entry_count: int
    billed_amount: Optional[int]  #: None when money is hidden
    labour_cost: Optional[int]
    margin: Optional[int]  #: billed_amount - labour_cost

    @property
    def hours(self) -> float:
        return self.seconds / 3600

    @property
    def billable_hours(self) -> float:
        return self.billable_seconds / 3600


@_frozen
class TimeReportRow:
    keys: Tuple[ReportKey, ...]  #: one per grouping level
    totals: ReportTotals


@_frozen
class TimeReport(_TableExports):
    """Time and money, grouped: ``s.time_report(group_by=[...])``.

    ``rows`` are ordered by keys, level by level; ``total`` sums every
    entry (tag rows may add up to more: an entry counts under each tag).
    """

    rows: Tuple[TimeReportRow, ...]
    total: ReportTotals
    money_visible: bool
    currency: str
    time_zone: str
    group_by: Tuple[ReportGroup, ...]
    date_from: Optional[datetime.date]
    date_to: Optional[datetime.date]
    _native: Any = _native_field()

    def __iter__(self) -> Iterator[TimeReportRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """One dict per row. Per grouping level: "project"/"task"/"member"
        (the label) with "<level>_id"; "tag"; "day" (a date); "week" and
        "month" (labels) with "week_start"/"month_start" (dates). Then
        "seconds", "hours", "billable_seconds", "billable_hours",
        "entry_count" and, only when money is visible, "billed_amount",
        "labour_cost", "margin"."""
        out = []
        for row in self.rows:
            d: Dict[str, Any] = {}
            for key in row.keys:
                g = key.group.value
                if key.group in (ReportGroup.PROJECT, ReportGroup.TASK,
                                 ReportGroup.MEMBER):
                    d[f"{g}_id"] = key.id
                    d[g] = key.label
                elif key.group is ReportGroup.TAG:
                    d["tag"] = key.tag
                elif key.group is ReportGroup.DAY:
                    d["day"] = key.period
                else:
                    d[g] = key.label
                    d[f"{g}_start"] = key.period
            d.update(_totals_dict(row.totals, self.money_visible))
            out.append(d)
        return out


def _totals_dict(t: ReportTotals, money: bool) -> Dict[str, Any]:
    d: Dict[str, Any] = {
        "seconds": t.seconds,
        "hours": t.hours,
        "billable_seconds": t.billable_seconds,
        "billable_hours": t.billable_hours,
        "entry_count": t.entry_count,
    }
    _money(d, money, billed_amount=t.billed_amount,
           labour_cost=t.labour_cost, margin=t.margin)
    return d


# --- Overdue ---------------------------------------------------------------


@_frozen
class OverdueRow:
    task: Task
    project_name: str
    assignee_name: str  #: "" when unassigned
    author_name: str
    #: days since the deadline's day: > 0 late, 0 today, < 0 due in that many
    days_late: int
    late: bool  #: the deadline has passed

    def to_dict(self) -> Dict[str, Any]:
        t = self.task
        deadline: Optional[Deadline] = t.deadline
        return {
            "task_id": t.id,
            "task": t.title,
            "project_id": t.project,
            "project": self.project_name,
            "assignee_id": t.assignee,
            "assignee": self.assignee_name,
            "author_id": t.author,
            "author": self.author_name,
            "priority": t.priority,
            "deadline": deadline.day if deadline else None,
            "deadline_time": deadline.time if deadline else None,
            "days_late": self.days_late,
            "late": self.late,
        }


@_frozen
class OverdueReport(_TableExports):
    """Late tasks (and, with due_within_days, those due soon): late first,
    most days late first, then higher priority, then id."""

    as_of: datetime.date
    rows: Tuple[OverdueRow, ...]
    _native: Any = _native_field()

    def __iter__(self) -> Iterator[OverdueRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """One dict per row: task_id, task, project_id, project,
        assignee_id, assignee, author_id, author, priority, deadline (a
        date), deadline_time (a time or None), days_late, late."""
        return [r.to_dict() for r in self.rows]


# --- Project health ----------------------------------------------------------


@_frozen
class ProjectHealth:
    project: Project
    tasks_open: int
    tasks_done: int
    tasks_overdue: int
    percent_done: float  #: by count
    percent_done_by_estimate: Optional[float]  #: None without estimates
    nearest_deadline_task: Optional[int]  #: the open task due first
    nearest_deadline: Optional[Deadline]
    budget: BudgetUsage
    #: None when money is hidden; margin = billed + income - labour - expenses
    billed: Optional[int]
    labour_cost: Optional[int]
    expenses: Optional[int]
    income: Optional[int]
    margin: Optional[int]
    last_activity: Optional[datetime.datetime]

    @property
    def money_visible(self) -> bool:
        return self.billed is not None


@_frozen
class ProjectHealthReport(_TableExports):
    """One ProjectHealth per project the actor reads, by project id."""

    projects: Tuple[ProjectHealth, ...]
    currency: str  #: the workspace's, for the exports
    _native: Any = _native_field()

    def __iter__(self) -> Iterator[ProjectHealth]:
        return iter(self.projects)

    def __len__(self) -> int:
        return len(self.projects)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """One dict per project: project_id, project, status, tasks_open,
        tasks_done, tasks_overdue, percent_done, percent_done_by_estimate,
        nearest_deadline_task_id, nearest_deadline (a date),
        time_budget/time_used/time_remaining (timedelta), time_percent,
        last_activity and, only when money is visible, money_budget,
        money_used, money_remaining, money_percent, billed, labour_cost,
        expenses, income, margin."""
        out = []
        for h in self.projects:
            b = h.budget
            d: Dict[str, Any] = {
                "project_id": h.project.id,
                "project": h.project.name,
                "status": h.project.status.value,
                "tasks_open": h.tasks_open,
                "tasks_done": h.tasks_done,
                "tasks_overdue": h.tasks_overdue,
                "percent_done": h.percent_done,
                "percent_done_by_estimate": h.percent_done_by_estimate,
                "nearest_deadline_task_id": h.nearest_deadline_task,
                "nearest_deadline": (h.nearest_deadline.day
                                     if h.nearest_deadline else None),
                "time_budget": b.time_budget,
                "time_used": b.time_used,
                "time_remaining": b.time_remaining,
                "time_percent": b.time_percent,
                "last_activity": h.last_activity,
            }
            _money(d, h.money_visible, money_budget=b.money_budget,
                   money_used=b.money_used, money_remaining=b.money_remaining,
                   money_percent=b.money_percent, billed=h.billed,
                   labour_cost=h.labour_cost, expenses=h.expenses,
                   income=h.income, margin=h.margin)
            out.append(d)
        return out


# --- Workload ----------------------------------------------------------------


@_frozen
class WorkloadRow:
    member: int
    member_name: str
    open_tasks: int
    overdue_tasks: int
    estimate_left: datetime.timedelta  #: of their open tasks
    seconds_logged: int  #: in the period

    @property
    def hours_logged(self) -> float:
        return self.seconds_logged / 3600


@_frozen
class WorkloadReport(_TableExports):
    """One row per member (every active member but clients by default)."""

    rows: Tuple[WorkloadRow, ...]
    _native: Any = _native_field()

    def __iter__(self) -> Iterator[WorkloadRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """One dict per member: member_id, member, open_tasks,
        overdue_tasks, estimate_left (timedelta), seconds_logged,
        hours_logged."""
        return [{
            "member_id": r.member,
            "member": r.member_name,
            "open_tasks": r.open_tasks,
            "overdue_tasks": r.overdue_tasks,
            "estimate_left": r.estimate_left,
            "seconds_logged": r.seconds_logged,
            "hours_logged": r.hours_logged,
        } for r in self.rows]


# --- The Friday digest ---------------------------------------------------------


@_frozen
class DigestEntry:
    member: int
    member_name: str
    received_overdue: Tuple[OverdueRow, ...]  #: late tasks assigned to them
    set_overdue: Tuple[OverdueRow, ...]  #: late tasks they set for others
    due_this_week: Tuple[OverdueRow, ...]  #: theirs, due in the next 7 days
    forgotten_timers: Tuple[Timer, ...]
    #: "Project / Task title" of each forgotten timer, in the same order
    forgotten_timer_tasks: Tuple[str, ...]


@_frozen
class Digest(_Native):
    """The Friday digest: per member, what is late, due soon, forgotten.

    ``text()`` and ``markdown()`` render it ready to post in a chat.
    Members with nothing to report are left out.
    """

    as_of: datetime.date
    entries: Tuple[DigestEntry, ...]  #: by member id
    time_zone: str  #: timers' starts render in it
    _native: Any = _native_field()

    def __iter__(self) -> Iterator[DigestEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def text(self) -> str:
        """Plain text, ready to post in a chat."""
        return self._n().text()

    def markdown(self) -> str:
        """Markdown, ready to post in a chat."""
        return self._n().markdown()

    def to_dicts(self) -> List[Dict[str, Any]]:
        """One dict per reported item: member_id, member, kind
        ("received_overdue", "set_overdue", "due_this_week",
        "forgotten_timer") and the item's fields (an overdue row's, or
        task_id, task and started_at for a timer)."""
        out: List[Dict[str, Any]] = []
        for e in self.entries:
            who = {"member_id": e.member, "member": e.member_name}
            for kind in ("received_overdue", "set_overdue", "due_this_week"):
                for row in getattr(e, kind):
                    out.append({**who, "kind": kind, **row.to_dict()})
            for timer, label in zip(e.forgotten_timers,
                                    e.forgotten_timer_tasks):
                out.append({**who, "kind": "forgotten_timer",
                            "task_id": timer.task, "task": label,
                            "started_at": timer.started_at})
        return out
