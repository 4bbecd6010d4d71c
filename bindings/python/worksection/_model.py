"""The entities and enums of a workspace, as plain read-only values.

Every entity is a frozen dataclass: compare with ``==``, hash, ``repr``,
pickle and ``dataclasses.replace`` them freely. They are snapshots: nothing
changes them after a read. To change a stored entity, pass it and the
changed fields to the Session's update call (``s.update_task(task,
title="...")``); the entity's ``revision`` guards against lost updates.

Conventions:

* Ids are plain ``int``; ``None`` where the C++ API has an invalid id
  ("no parent", "no assignee").
* Dates are ``datetime.date``; instants are aware ``datetime.datetime`` in
  UTC; durations are ``datetime.timedelta``.
* Money is an ``int`` in minor units of the workspace currency (cents), and
  ``None`` when the acting member may not see money (clients, readers).
* Sequences (tags, checklist, members, subscribers) are tuples.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from typing import Iterator, Optional, Tuple

__all__ = [
    "BudgetAlert",
    "BudgetKind",
    "BudgetUsage",
    "ChecklistItem",
    "Cost",
    "CostKind",
    "PeriodLock",
    "ReportGroup",
    "Rounding",
    "RoundingMode",
    "TimeEntry",
    "TimeEntryPage",
    "Timer",
    "Comment",
    "Deadline",
    "ImportIssue",
    "ImportReport",
    "Member",
    "Project",
    "ProjectMember",
    "ProjectRole",
    "ProjectStatus",
    "Role",
    "Settings",
    "Setup",
    "Task",
    "TaskOrder",
    "TaskPage",
    "TaskStatus",
    "Weekday",
]


class _Enum(enum.Enum):
    """An enum whose values are the library's names ("owner", "done")."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return self.value


class Role(_Enum):
    """A member's role in the whole workspace."""

    OWNER = "owner"  #: everything, including managing owners
    ADMIN = "admin"  #: everything but managing owners
    EMPLOYEE = "employee"  #: works in the projects they belong to
    CLIENT = "client"  #: follows their projects; never sees money or hidden
    READER = "reader"  #: reads the projects they belong to; writes nothing


class ProjectRole(_Enum):
    """A member's role inside one project."""

    MANAGER = "manager"  #: edits the project and every task in it
    MEMBER = "member"  #: works in it
    CLIENT = "client"  #: the only project role a workspace client may hold


class ProjectStatus(_Enum):
    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"


class TaskStatus(_Enum):
    OPEN = "open"
    DONE = "done"


class TaskOrder(_Enum):
    """How list_tasks orders tasks; ties go by ascending id."""

    ID = "id"  #: creation order
    DEADLINE = "deadline"  #: earliest first; timed before day-only; none last
    PRIORITY = "priority"  #: highest first


class RoundingMode(_Enum):
    """How a project rounds the time it bills."""

    NONE = "none"  #: bill the raw duration
    UP = "up"  #: up to a multiple of Rounding.minutes
    NEAREST = "nearest"  #: to the nearest multiple (halves up)
    DOWN = "down"  #: down to a multiple


class CostKind(_Enum):
    EXPENSE = "expense"  #: counts against the money budget
    INCOME = "income"


class BudgetKind(_Enum):
    TIME = "time"
    MONEY = "money"


class ReportGroup(_Enum):
    """A grouping level of a time report."""

    PROJECT = "project"
    TASK = "task"
    MEMBER = "member"
    TAG = "tag"  #: an entry counts once under each tag of its task
    DAY = "day"
    WEEK = "week"  #: ISO weeks, keyed by their Monday
    MONTH = "month"


class Weekday(_Enum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


_frozen = dataclasses.dataclass(frozen=True, kw_only=True, slots=True)


@_frozen
class Setup:
    """What a new workspace starts with: its settings and its first owner."""

    name: str
    owner_name: str
    owner_email: str
    time_zone: str = "UTC"  #: IANA name; decides "today" and "overdue"
    currency: str = "USD"  #: ISO 4217 code
    week_start: Weekday = Weekday.MONDAY


@_frozen
class Settings:
    """The workspace's own settings."""

    revision: int
    name: str
    time_zone: str
    currency: str
    week_start: Weekday
    #: a timer running longer is "forgotten"; 1 minute .. 24 hours
    forgotten_timer_after: datetime.timedelta = datetime.timedelta(hours=10)


@_frozen
class Member:
    """A person in the workspace. Members are never deleted: deactivate."""

    id: int
    revision: int
    name: str
    email: str  #: unique, stored in lower case
    role: Role
    company: str
    cost_rate: Optional[int]  #: per hour, minor units; None if hidden
    billing_rate: Optional[int]  #: per hour, minor units; None if hidden
    active: bool
    created_at: datetime.datetime = dataclasses.field(repr=False)
    updated_at: datetime.datetime = dataclasses.field(repr=False)


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectMember:
    """A member's place in a project: ``ProjectMember(bob.id, role)``.

    ``billing_rate`` (per hour, minor units) overrides the project's and the
    member's own rate on this project; None: no override, or hidden from
    the actor (who then keeps the stored override on update).
    """

    member: int
    role: ProjectRole = ProjectRole.MEMBER
    billing_rate: Optional[int] = None


@dataclasses.dataclass(frozen=True, slots=True)
class Rounding:
    """How a project rounds billed time: ``Rounding(RoundingMode.UP, 15)``.

    The raw duration of an entry is always kept; its billed duration is
    derived from it when it is written. ``minutes`` is 1..1440 unless the
    mode is NONE. Where a Rounding is expected, a ``(mode, minutes)`` pair
    or None (no rounding) works too.
    """

    mode: RoundingMode = RoundingMode.NONE
    minutes: int = 0


@_frozen
class Project:
    id: int
    revision: int
    name: str
    status: ProjectStatus
    folder: str  #: a grouping label
    manager: Optional[int]  #: kept among members as ProjectRole.MANAGER
    start_date: Optional[datetime.date]
    deadline: Optional[datetime.date]
    time_budget: Optional[datetime.timedelta]  #: whole seconds
    money_budget: Optional[int]  #: minor units; None if hidden
    billing_rate: Optional[int]  #: per hour, minor units; None if hidden
    tags: Tuple[str, ...]  #: sorted, unique
    members: Tuple[ProjectMember, ...]  #: sorted by member id
    rounding: Rounding = Rounding()  #: of billed time
    clients_see_hours: bool = True  #: clients may read the time logged here
    created_at: datetime.datetime = dataclasses.field(repr=False)
    updated_at: datetime.datetime = dataclasses.field(repr=False)

    def role_of(self, member: int) -> Optional[ProjectRole]:
        """The project role of the member with id ``member``, or None."""
        for m in self.members:
            if m.member == member:
                return m.role
        return None


@dataclasses.dataclass(frozen=True, slots=True)
class Deadline:
    """A task's deadline: a day, and optionally a time of that day.

    Both are wall-clock values in the workspace time zone, so ``time`` is a
    naive ``datetime.time`` with whole minutes. Without a time the task is
    due by the end of the day (and sorts after the day's timed deadlines).
    Where a deadline is expected a plain ``datetime.date`` also works.
    """

    day: datetime.date
    time: Optional[datetime.time] = None

    @property
    def minute_of_day(self) -> Optional[int]:
        """Minutes after midnight, or None for a whole-day deadline."""
        if self.time is None:
            return None
        return self.time.hour * 60 + self.time.minute

    def __str__(self) -> str:
        if self.time is None:
            return self.day.isoformat()
        return f"{self.day.isoformat()} {self.time.strftime('%H:%M')}"


@dataclasses.dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a task's checklist. A plain str also works as input."""

    text: str
    done: bool = False


@_frozen
class Task:
    id: int
    revision: int
    project: int  #: changed only through move_task
    parent: Optional[int]  #: None for a top-level task
    title: str
    text: str = dataclasses.field(repr=False)
    author: Optional[int]  #: who set it
    assignee: Optional[int]  #: who received it
    priority: int  #: 0 (paused) .. 10
    status: TaskStatus  #: changed through complete_task / reopen_task
    start_date: Optional[datetime.date]
    deadline: Optional[Deadline]
    estimate: Optional[datetime.timedelta]  #: whole seconds
    money_budget: Optional[int]  #: minor units; None if hidden
    tags: Tuple[str, ...]  #: sorted, unique
    checklist: Tuple[ChecklistItem, ...]
    subscribers: Tuple[int, ...]  #: member ids, sorted
    hidden_from_clients: bool
    completion_note: str
    completed_at: Optional[datetime.datetime]
    created_at: datetime.datetime = dataclasses.field(repr=False)
    updated_at: datetime.datetime = dataclasses.field(repr=False)

    @property
    def done(self) -> bool:
        return self.status is TaskStatus.DONE


@_frozen
class Comment:
    id: int
    revision: int
    task: int
    author: Optional[int]
    text: str
    hidden_from_clients: bool
    created_at: datetime.datetime = dataclasses.field(repr=False)
    updated_at: datetime.datetime = dataclasses.field(repr=False)


@_frozen
class TaskPage:
    """One page of list_tasks: iterate it, or read ``tasks``.

    ``next_page_token`` is empty on the last page; otherwise pass it as
    ``page_token`` with the same filters and order for the next page.
    """

    tasks: Tuple[Task, ...]
    next_page_token: str

    def __iter__(self) -> Iterator[Task]:
        return iter(self.tasks)

    def __len__(self) -> int:
        return len(self.tasks)


# --- Time entries and timers ------------------------------------------------


@_frozen
class TimeEntry:
    """Time a member spent on a task.

    The rates in force when it was written are stored on it, so changing a
    rate later never rewrites history (``reprice_time_entries`` does, on
    purpose). Amounts are round-half-up(seconds * rate / 3600): the billed
    amount from ``billed_duration`` (0 when not billable), the labour cost
    from ``duration``. Money fields are None for whoever may not read money.
    """

    id: int
    revision: int
    task: int
    project: int  #: the task's project; set by the library
    member: int  #: whose time
    date: datetime.date  #: in the workspace time zone
    start: Optional[datetime.datetime]  #: when it began, if known
    duration: datetime.timedelta  #: raw; whole seconds, 1 s .. 24 h
    billed_duration: datetime.timedelta  #: rounded per project
    billable: bool
    note: str
    billing_rate: Optional[int] = dataclasses.field(repr=False)
    cost_rate: Optional[int] = dataclasses.field(repr=False)
    billed_amount: Optional[int]
    labour_cost: Optional[int] = dataclasses.field(repr=False)
    created_at: datetime.datetime = dataclasses.field(repr=False)
    updated_at: datetime.datetime = dataclasses.field(repr=False)


@_frozen
class TimeEntryPage:
    """One page of list_time_entries, by (date, id): iterate it, or read
    ``entries``. ``next_page_token`` is empty on the last page."""

    entries: Tuple[TimeEntry, ...]
    next_page_token: str

    def __iter__(self) -> Iterator[TimeEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@_frozen
class Timer:
    """A running timer; at most one per member."""

    member: int
    task: int
    started_at: datetime.datetime
    forgotten: bool  #: running longer than settings.forgotten_timer_after


# --- Costs, locks, budgets -----------------------------------------------------


@_frozen
class Cost:
    """A money line on a project, or on one of its tasks."""

    id: int
    revision: int
    project: int  #: for a task's cost, the task's project
    task: Optional[int]  #: None: the project's own line
    kind: CostKind
    amount: int  #: minor units, > 0
    date: datetime.date
    note: str
    author: Optional[int]
    created_at: datetime.datetime = dataclasses.field(repr=False)
    updated_at: datetime.datetime = dataclasses.field(repr=False)


@_frozen
class PeriodLock:
    """Time entries and costs dated on or before ``through`` cannot be
    created, changed or deleted: in ``project``, or everywhere (None)."""

    id: int
    project: Optional[int]
    through: datetime.date  #: inclusive
    author: Optional[int]
    created_at: datetime.datetime = dataclasses.field(repr=False)


@_frozen
class ImportIssue:
    """One thing an import could not carry over as it was."""

    item: str    #: "tasks[3] (uuid ...)", "intervals[7] (@8)"
    field: str   #: "depends", "status", a user-defined attribute ...
    value: str   #: the value as text
    reason: str  #: what was done instead ("not imported", ...)


@_frozen
class ImportReport:
    """What a Taskwarrior or Timewarrior import created, and what it could
    not map (in input order)."""

    projects_created: int
    tasks_created: int
    comments_created: int
    time_entries_created: int
    timers_started: int
    issues: Tuple[ImportIssue, ...]

    @classmethod
    def _from_native(cls, d: dict) -> "ImportReport":
        return cls(
            projects_created=d["projects_created"],
            tasks_created=d["tasks_created"],
            comments_created=d["comments_created"],
            time_entries_created=d["time_entries_created"],
            timers_started=d["timers_started"],
            issues=tuple(ImportIssue(**i) for i in d["issues"]),
        )


@_frozen
class BudgetUsage:
    """How much of a budget is used.

    Time used is the raw time logged; money used is the billed amount of
    that time plus the expenses. The money fields are None when there is no
    money budget or the actor may not read money; the time ones when no
    time budget is set. Percentages are floats (100.0 = all used).
    """

    time_budget: Optional[datetime.timedelta]
    time_used: datetime.timedelta
    time_remaining: Optional[datetime.timedelta]  #: negative when overrun
    time_percent: Optional[float]
    money_budget: Optional[int]
    money_used: Optional[int]
    money_remaining: Optional[int]
    money_percent: Optional[float]


@_frozen
class BudgetAlert:
    """Recorded the first time a budget's usage reaches 80% and 100%."""

    project: int
    task: Optional[int]  #: None: the project's budget
    kind: BudgetKind
    percent: int  #: 80 or 100
    crossed_at: datetime.datetime
