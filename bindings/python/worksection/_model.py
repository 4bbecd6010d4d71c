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
    "ChecklistItem",
    "Comment",
    "Deadline",
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
    """A member's place in a project: ``ProjectMember(bob.id, role)``."""

    member: int
    role: ProjectRole = ProjectRole.MEMBER


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
