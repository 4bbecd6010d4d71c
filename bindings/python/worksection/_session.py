"""Opening a workspace, and acting in it as a member."""

from __future__ import annotations

import dataclasses
import datetime
import os
import types
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
)

from . import _worksection
from ._model import (
    BudgetAlert,
    BudgetUsage,
    ChecklistItem,
    Comment,
    Cost,
    CostKind,
    Deadline,
    ImportReport,
    PeriodLock,
    ReportGroup,
    Rounding,
    RoundingMode,
    TimeEntry,
    TimeEntryPage,
    Timer,
    Member,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectStatus,
    Role,
    Settings,
    Setup,
    Task,
    TaskOrder,
    TaskPage,
    TaskStatus,
    Weekday,
)
from ._reports import (
    Digest,
    OverdueReport,
    ProjectHealthReport,
    TimeReport,
    WorkloadReport,
)
from ._events import ChangesPage, Event, Subscription, _callback, _page
from .errors import InvalidArgumentError

__all__ = ["Session", "Transaction", "Workspace", "open"]

# Where an id is expected, the entity itself works too.
MemberRef = Union[int, Member]
ProjectRef = Union[int, Project]
TaskRef = Union[int, Task]
CommentRef = Union[int, Comment]
TimeEntryRef = Union[int, TimeEntry]
CostRef = Union[int, Cost]
LockRef = Union[int, PeriodLock]
RoundingLike = Union[Rounding, Tuple[Union[RoundingMode, str], int], None]
DeadlineLike = Union[Deadline, datetime.date]
ChecklistLike = Union[ChecklistItem, str]
#: An item of log_time_batch: log_time's keywords as a dict (or any
#: Mapping), or a dataclass or namedtuple with those fields.
TimeLogItem = Any
ProjectMembersLike = Union[
    Iterable[Union[ProjectMember, Tuple[MemberRef, ProjectRole]]],
    Mapping[MemberRef, ProjectRole],
]

_E = TypeVar("_E")
_KEEP: Any = object()  # "not given": keep the value as read

# The fields each update_* call writes; the others are set by the library or
# change through their own calls (status, project, active).
_SETTINGS_EDITABLE = frozenset(
    {"name", "time_zone", "currency", "week_start", "forgotten_timer_after"}
)
_MEMBER_EDITABLE = frozenset(
    {"name", "email", "role", "company", "cost_rate", "billing_rate"}
)
_PROJECT_EDITABLE = frozenset(
    {
        "name", "status", "folder", "manager", "start_date", "deadline",
        "time_budget", "money_budget", "billing_rate", "tags", "members",
        "rounding", "clients_see_hours",
    }
)
_TASK_EDITABLE = frozenset(
    {
        "parent", "title", "text", "assignee", "priority", "start_date",
        "deadline", "estimate", "money_budget", "tags", "checklist",
        "subscribers", "hidden_from_clients",
    }
)
_COMMENT_EDITABLE = frozenset({"text", "hidden_from_clients"})
_TIME_ENTRY_EDITABLE = frozenset(
    {"task", "date", "start", "duration", "billable", "note"}
)
_COST_EDITABLE = frozenset({"kind", "amount", "date", "note"})
_HINTS = {
    "status": "use complete_task() / reopen_task()",
    "project": "use move_task()",
    "active": "use deactivate_member() / reactivate_member()",
}
_TIME_ENTRY_HINTS = {
    "project": "it follows the task",
    "member": "delete it and log it for the other member",
    "billed_duration": "it follows duration and the project's rounding",
    "billing_rate": "use reprice_time_entries()",
    "cost_rate": "use reprice_time_entries()",
    "billed_amount": "use reprice_time_entries()",
    "labour_cost": "use reprice_time_entries()",
}
_COST_HINTS = {
    "project": "delete it and create it on the other project",
    "task": "delete it and create it on the other task",
}


# --- Coercions: friendly input to the exact types the module reads. -------


def _id(value: Any, kind: type, field: str) -> int:
    if isinstance(value, kind):
        return value.id  # type: ignore[attr-defined]
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"{field}: expected an int id or a {kind.__name__}, "
            f"got {type(value).__name__}"
        )
    return int(value)


def _opt_id(value: Any, kind: type, field: str) -> Optional[int]:
    return None if value is None else _id(value, kind, field)


def _enum(cls: Type[_E], value: Any, field: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)  # type: ignore[call-arg]
        except ValueError:
            names = ", ".join(e.value for e in cls)  # type: ignore[attr-defined]
            raise InvalidArgumentError(
                f"{field}: {value!r} is not one of {names}"
            ) from None
    raise TypeError(
        f"{field}: expected a {cls.__name__}, got {type(value).__name__}"
    )


def _opt_enum(cls: Type[_E], value: Any, field: str) -> Optional[_E]:
    return None if value is None else _enum(cls, value, field)


def _sequence(value: Any, field: str) -> Tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(
            f"{field}: expected a sequence, got {type(value).__name__}"
        )
    return tuple(value)


def _deadline(value: Any) -> Optional[Deadline]:
    if value is None or isinstance(value, Deadline):
        return value
    if isinstance(value, datetime.datetime):
        raise TypeError(
            "deadline: a deadline is a day in the workspace time zone with an "
            "optional time; pass Deadline(day, time) or a date, not a datetime"
        )
    if isinstance(value, datetime.date):
        return Deadline(value)
    raise TypeError(
        f"deadline: expected a Deadline or a date, got {type(value).__name__}"
    )


def _checklist(value: Any) -> Tuple[ChecklistItem, ...]:
    items = []
    for item in _sequence(value, "checklist"):
        if isinstance(item, str):
            item = ChecklistItem(item)
        elif not isinstance(item, ChecklistItem):
            raise TypeError(
                "checklist: expected ChecklistItem or str items, got "
                f"{type(item).__name__}"
            )
        items.append(item)
    return tuple(items)


def _project_members(
    value: Any, previous: Tuple[ProjectMember, ...] = ()
) -> Tuple[ProjectMember, ...]:
    """ProjectMembers from ProjectMember, Member, (member, role) or
    (member, role, billing_rate) items. A member given without a rate keeps
    the override it has in ``previous`` (the project as read); pass a
    ProjectMember or a triple with None to clear it."""
    if isinstance(value, Mapping):
        value = value.items()
    rates = {m.member: m.billing_rate for m in previous}
    out = []
    for item in _sequence(value, "members"):
        if isinstance(item, ProjectMember):
            out.append(item)
            continue
        if isinstance(item, Member):
            item = (item, ProjectRole.MEMBER)
        try:
            if isinstance(item, tuple) and len(item) == 3:
                member, role, rate = item
                keep = False
            else:
                member, role = item
                keep = True
        except (TypeError, ValueError):
            raise TypeError(
                "members: expected ProjectMember, (member, role) or (member, "
                f"role, billing_rate) items, got {type(item).__name__}"
            ) from None
        member_id = _id(member, Member, "members")
        if keep:
            rate = rates.get(member_id)
        out.append(
            ProjectMember(
                member_id,
                _enum(ProjectRole, role, "members.role"),
                rate,
            )
        )
    return tuple(out)


def _rounding(value: Any) -> Rounding:
    if value is None:
        return Rounding()
    if isinstance(value, Rounding):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        mode, minutes = value
        return Rounding(_enum(RoundingMode, mode, "rounding.mode"), minutes)
    raise TypeError(
        "rounding: expected a Rounding, a (mode, minutes) pair or None, got "
        f"{type(value).__name__}"
    )


def _time(value: Any, field: str) -> Optional[datetime.datetime]:
    """An instant: an aware datetime (naive: InvalidArgumentError)."""
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        raise TypeError(
            f"{field}: expected an aware datetime.datetime, got "
            f"{type(value).__name__}")
    if value.utcoffset() is None:
        raise InvalidArgumentError(
            f"{field}: a naive datetime ({value}); pass an aware one, e.g. "
            "datetime.now(timezone.utc)")
    return value


def _time_log_fields(log: Any) -> Dict[str, Any]:
    """A log of log_time_batch that is not a dict, as the dict of log_time's
    keywords the compiled module reads (which checks the keys)."""
    if isinstance(log, Mapping):
        return dict(log)
    if dataclasses.is_dataclass(log) and not isinstance(log, type):
        return {f.name: getattr(log, f.name) for f in dataclasses.fields(log)}
    if isinstance(log, tuple) and hasattr(log, "_asdict"):
        return dict(log._asdict())
    raise TypeError(
        "expected a mapping of log_time's keywords, a dataclass or a "
        f"namedtuple, got {type(log).__name__}")


def _ids(value: Any, kind: type, field: str) -> Tuple[int, ...]:
    if value is None:
        return ()
    if isinstance(value, kind) or (isinstance(value, int)
                                   and not isinstance(value, bool)):
        value = (value,)
    return tuple(_id(v, kind, field) for v in _sequence(value, field))


def _strs(value: Any, field: str) -> Tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(_sequence(value, field))


def _groups(value: Any) -> Tuple[ReportGroup, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, ReportGroup)):
        value = (value,)
    return tuple(_enum(ReportGroup, g, "group_by")
                 for g in _sequence(value, "group_by"))


def _revision_of(value: Any, kind: type, field: str) -> Tuple[int, int]:
    """(id, revision): an entity as read checks its revision; an id does
    not."""
    if isinstance(value, kind):
        return value.id, value.revision  # type: ignore[attr-defined]
    return _id(value, kind, field), 0


def _coerce(field: str, value: Any) -> Any:
    """The value of an entity field, as the compiled module reads it."""
    coerce = _COERCIONS.get(field)
    return value if coerce is None else coerce(value)


_COERCIONS: dict = {
    "manager": lambda v: _opt_id(v, Member, "manager"),
    "assignee": lambda v: _opt_id(v, Member, "assignee"),
    "parent": lambda v: _opt_id(v, Task, "parent"),
    "role": lambda v: _enum(Role, v, "role"),
    "week_start": lambda v: _enum(Weekday, v, "week_start"),
    "deadline": _deadline,
    "checklist": _checklist,
    "members": _project_members,
    "rounding": _rounding,
    "start": lambda v: _time(v, "start"),
    "task": lambda v: _id(v, Task, "task"),
    "kind": lambda v: _enum(CostKind, v, "kind"),
    "tags": lambda v: tuple(_sequence(v, "tags")),
    "subscribers": lambda v: tuple(
        _id(m, Member, "subscribers") for m in _sequence(v, "subscribers")
    ),
}


def _project_coerce(field: str, value: Any) -> Any:
    if field == "status":
        return _enum(ProjectStatus, value, "status")
    if field == "deadline":  # a project's deadline is a plain date
        return value
    return _coerce(field, value)


def _draft(coerce: Callable[[str, Any], Any], **fields: Any) -> Any:
    return types.SimpleNamespace(
        **{k: coerce(k, v) for k, v in fields.items()}
    )


def _changed(
    entity: _E,
    kind: type,
    editable: frozenset,
    changes: Mapping[str, Any],
    call: str,
    coerce: Callable[[str, Any], Any] = _coerce,
    hints: Mapping[str, str] = _HINTS,
) -> _E:
    if not isinstance(entity, kind):
        raise TypeError(
            f"{call}: expected a {kind.__name__} as read, got "
            f"{type(entity).__name__}"
        )
    for name in changes:
        if name not in editable:
            hint = hints.get(name, "it is set by the library")
            raise TypeError(f"{call}: {name!r} cannot be changed here; {hint}")
    return dataclasses.replace(
        entity, **{k: coerce(k, v) for k, v in changes.items()}
    )


def _task_filter(
    project: Optional[ProjectRef],
    parent: Optional[TaskRef],
    assignee: Optional[MemberRef],
    author: Optional[MemberRef],
    status: Union[TaskStatus, str, None],
    tag: Optional[str],
    min_priority: int,
    max_priority: int,
    deadline_from: Optional[datetime.date],
    deadline_to: Optional[datetime.date],
    overdue_as_of: Optional[datetime.date],
    text_contains: str,
    order: Union[TaskOrder, str],
    limit: int,
    page_token: str,
) -> Any:
    return types.SimpleNamespace(
        project=_opt_id(project, Project, "project"),
        parent=_opt_id(parent, Task, "parent"),
        assignee=_opt_id(assignee, Member, "assignee"),
        author=_opt_id(author, Member, "author"),
        status=_opt_enum(TaskStatus, status, "status"),
        tag=tag,
        min_priority=min_priority,
        max_priority=max_priority,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
        overdue_as_of=overdue_as_of,
        text_contains=text_contains,
        order=_enum(TaskOrder, order, "order"),
        limit=limit,
        page_token=page_token,
    )


# --- Workspace -------------------------------------------------------------


class Workspace:
    """An open workspace. Get one from :func:`worksection.open`.

    Thread-safe: share it between threads and give each its own
    :class:`Session`. Calls that touch the store release the GIL. Close it
    (or use it in a ``with`` block) to release the file; its sessions then
    fail with FailedPreconditionError.
    """

    __slots__ = ("_impl", "_uri")

    def __init__(self, impl: _worksection.Workspace, uri: str) -> None:
        self._impl = impl
        self._uri = uri

    def __repr__(self) -> str:
        state = " closed" if self.closed else (
            " read-only" if self.read_only else "")
        return f"<worksection.Workspace {self._uri!r}{state}>"

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def uri(self) -> str:
        """The URI the workspace was opened with."""
        return self._uri

    @property
    def read_only(self) -> bool:
        """True when opened read_only: every write fails with
        FailedPreconditionError."""
        return self._impl.read_only

    @property
    def closed(self) -> bool:
        """True once close() was called."""
        return self._impl.closed

    def close(self) -> None:
        """Releases the store; calls in flight on other threads finish
        first. Closing twice is harmless."""
        self._impl.close()

    def now(self) -> datetime.datetime:
        """The workspace clock's current time (aware, UTC)."""
        return self._impl.now()

    def bootstrap(self, setup: Setup) -> Member:
        """Creates the workspace and its first owner in an empty store;
        returns the owner. FailedPreconditionError if the store already
        holds a workspace or is read-only."""
        if not isinstance(setup, Setup):
            raise TypeError(
                f"setup: expected a Setup, got {type(setup).__name__}")
        return self._impl.bootstrap(setup)

    def is_initialized(self) -> bool:
        """True once the store holds a workspace."""
        return self._impl.initialized()

    def first_owner(self) -> Member:
        """The first active owner, by id. FailedPreconditionError on an
        empty store."""
        return self._impl.first_owner()

    def import_snapshot(
        self, data: bytes, *,
        progress: Optional[Callable[[int, int], Any]] = None,
    ) -> None:
        """Restores a snapshot (binary or JSON, as
        :meth:`Session.export_snapshot` wrote it) into this workspace, whose
        store must hold no workspace yet (FailedPreconditionError
        otherwise). All or nothing; errors name the record or the byte
        offset (InvalidArgumentError, DataLossError; a newer format:
        FailedPreconditionError). ``progress(done, total)`` is called as
        records are imported, inside the import's transaction (it must not
        write to this workspace; what it raises is reported as unraisable
        and does not stop the import). See docs/snapshots.md."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"data: expected bytes, got {type(data).__name__}")
        self._impl.import_snapshot(bytes(data), progress)

    def session(self, member: MemberRef) -> "Session":
        """A session acting as ``member`` (an id or a Member). Never fails
        itself: each call checks the member (NotFoundError if missing,
        PermissionDeniedError if deactivated)."""
        actor = _id(member, Member, "member")
        return Session(self._impl.session(actor))

    as_member = session

    def owner_session(self) -> "Session":
        """A session acting as :meth:`first_owner`."""
        return self.session(self.first_owner())

    def subscribe(self, member: MemberRef,
                  callback: Callable[[List[Event]], Any]) -> Subscription:
        """Calls ``callback(events)`` after each commit made through this
        workspace, with that commit's events ``member`` may see (never an
        empty list), on the committing thread with the GIL held. An
        exception raised by the callback does not reach the committing call:
        it goes to ``sys.unraisablehook`` (printed by default). Changes
        committed by another process are not pushed: read them with
        :meth:`Session.changes_since`. NotFoundError for an unknown member.
        Use the result in a ``with`` block or close it."""
        if not callable(callback):
            raise TypeError(
                f"callback: expected a callable, got {type(callback).__name__}")
        actor = _id(member, Member, "member")
        return Subscription(self._impl.subscribe(actor, _callback(callback)))

    def transaction(self, member: MemberRef) -> "Transaction":
        """Begins a transaction acting as ``member``: shorthand for
        ``ws.session(member).transaction()``; see
        :meth:`Session.transaction`."""
        return self.session(member).transaction()


def open(
    uri: Union[str, "os.PathLike[str]"],
    *,
    create: Optional[Setup] = None,
    read_only: bool = False,
    busy_timeout: datetime.timedelta = datetime.timedelta(seconds=5),
    clock: Optional[Callable[[], datetime.datetime]] = None,
) -> Workspace:
    """Opens a workspace.

    ``uri`` is ``"memory:"`` (a private in-memory store), ``"sqlite:PATH"``,
    a path (a str, or an ``os.PathLike`` which is always read as a path), or
    ``"postgresql://USER@HOST/DB?schema=NAME"`` (a workspace in a schema of a
    PostgreSQL database, shared by every process that opens it;
    UnavailableError when the server cannot be reached).

    * ``create``: a :class:`Setup`; when the store holds no workspace yet,
      sets it up with this setup and its first owner. Ignored otherwise.
    * ``read_only``: never write; every write call fails with
      FailedPreconditionError. Opening a missing file read-only is
      NotFoundError.
    * ``busy_timeout``: how long a write waits for another writer before
      UnavailableError.
    * ``clock``: replaces the system clock (for tests and demos); called
      from any thread, it must return an aware datetime. A clock that
      raises is reported through ``sys.unraisablehook`` and the system
      clock is used for that reading.
    """
    if isinstance(uri, os.PathLike):
        uri = "sqlite:" + os.fspath(uri)
    if not isinstance(uri, str):
        raise TypeError(f"uri: expected str or os.PathLike, got "
                        f"{type(uri).__name__}")
    if create is not None and not isinstance(create, Setup):
        raise TypeError(
            f"create: expected a Setup, got {type(create).__name__}")
    if not isinstance(read_only, bool):
        raise TypeError("read_only: expected bool")
    if clock is not None:
        # Fail here, not at the first reading inside some later call.
        if not callable(clock):
            raise TypeError("clock: expected a callable")
        now = clock()
        if not isinstance(now, datetime.datetime):
            raise TypeError(f"clock(): expected a datetime, got "
                            f"{type(now).__name__}")
        if now.utcoffset() is None:
            raise InvalidArgumentError(
                f"clock(): a naive datetime ({now}); return an aware one, "
                "e.g. datetime.now(timezone.utc)")
    impl = _worksection.open(
        uri=uri,
        read_only=read_only,
        busy_timeout=busy_timeout,
        create=create,
        clock=clock,
    )
    return Workspace(impl, uri)


# --- Session ---------------------------------------------------------------


class Session:
    """Every operation on a workspace, performed as one member.

    Get one from :meth:`Workspace.session`. Each call checks the permission
    policy, validates its input, runs in one transaction and changes nothing
    when it fails (see :mod:`worksection.errors`). Reads return only what
    the member may see: a client never receives a hidden task or comment,
    and money fields are None for whoever may not read money.

    Updates take the entity as read plus the changed fields as keywords::

        task = s.get_task(task_id)
        task = s.update_task(task, title="Launch", priority=9)

    The entity's ``revision`` must still be the stored one, else
    ConflictError: read again and retry. (``dataclasses.replace(task,
    revision=0)`` skips the check.) Fields changed by their own calls
    (status, project, active) are refused with TypeError.

    Cheap; use one per thread. To make several calls take effect together
    or not at all, use :meth:`transaction`.
    """

    __slots__ = ("_s",)

    def __init__(self, impl: _worksection.Session) -> None:
        self._s = impl

    def __repr__(self) -> str:
        return f"<worksection.Session actor={self.actor}>"

    @property
    def actor(self) -> int:
        """The id of the member this session acts as."""
        return self._s.actor

    def transaction(self) -> "Transaction":
        """Begins a write transaction acting as this session's member.

        Use it as a context manager; it is itself a session, whose calls
        all join the one transaction::

            with s.transaction() as t:
                task = t.create_task(project=site, title="Launch")
                t.log_time(task=task, duration=timedelta(hours=2))
            # committed here: both, or (on an exception) neither

        Leaving the block normally commits; leaving it by an exception
        rolls back and lets the exception through. A call that fails
        inside fails the whole transaction: later calls raise
        ConflictError, and so does leaving the block (or :meth:`commit`)
        even if you caught the first error; nothing is written. Calls
        through ``s`` itself do not join.

        The transaction holds the store's write lock until it ends: writes
        through any other session (on a ``"memory:"`` workspace, reads too)
        wait for it (UnavailableError past the workspace's
        ``busy_timeout``), so keep it short; on its own thread, such a call
        waits for itself. Beginning it may
        wait the same way (UnavailableError); it does so without the GIL.
        FailedPreconditionError when called on a transaction (they do not
        nest), when this thread already has one open on this workspace, or
        on a read-only workspace.

        Not thread-safe: use the transaction only on the thread that began
        it; another thread's call raises FailedPreconditionError. Outside a
        ``with`` block, end it with :meth:`Transaction.commit` or
        :meth:`Transaction.rollback` on that thread (one dropped unended is
        rolled back when collected, which must happen on that thread too).
        """
        return Transaction(self._s.begin_transaction())

    # --- Workspace ---

    def get_settings(self) -> Settings:
        """The workspace settings."""
        return self._s.get_settings()

    def update_settings(self, settings: Settings, /, **changes: Any) -> Settings:
        """Owner and admin. Changes name, time_zone, currency, week_start."""
        return self._s.update_settings(
            _changed(settings, Settings, _SETTINGS_EDITABLE, changes,
                     "update_settings"))

    def today(self) -> datetime.date:
        """Today in the workspace time zone."""
        return self._s.today()

    # --- Snapshots and imports ---

    def export_snapshot(self, format: str = "binary") -> bytes:
        """The whole workspace as a snapshot: ``"binary"`` or ``"json"``
        (UTF-8 bytes). Owner and admin only (PermissionDeniedError
        otherwise). Deterministic: export, import, export gives the same
        bytes. See docs/snapshots.md."""
        if format not in ("binary", "json"):
            raise InvalidArgumentError(
                f'format: expected "binary" or "json", got {format!r}')
        return self._s.export_snapshot(format == "json")

    def import_taskwarrior(
        self,
        text: Union[str, bytes],
        *,
        default_project: str = "Inbox",
        time_zone: Optional[str] = None,
        progress: Optional[Callable[[int, int], Any]] = None,
    ) -> ImportReport:
        """Imports ``task export`` output (Taskwarrior 2.6 or 3.x) as this
        member, in one transaction; returns what was created and what could
        not be mapped. ``time_zone``: the zone Taskwarrior ran in (default:
        the workspace's). ``progress(done, total)``: as for
        :meth:`Workspace.import_snapshot`. See docs/imports.md."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return ImportReport._from_native(
            self._s.import_taskwarrior(text, default_project, time_zone or "",
                                       progress))

    def import_timewarrior(
        self,
        text: Union[str, bytes],
        *,
        tag_prefix: str = "",
        separator: str = ":",
        fallback_project: Optional[str] = "Timewarrior",
        fallback_task: str = "Untagged time",
        progress: Optional[Callable[[int, int], Any]] = None,
    ) -> ImportReport:
        """Imports ``timew export`` output as this member's time, in one
        transaction: the first tag ``"Project:Task"`` (after ``tag_prefix``)
        names the task; an open interval starts the timer; intervals
        without such a tag go to ``fallback_project`` (None: not imported,
        reported). ``progress(done, total)``: as for
        :meth:`Workspace.import_snapshot`. See docs/imports.md."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return ImportReport._from_native(
            self._s.import_timewarrior(text, tag_prefix, separator,
                                       fallback_project or "", fallback_task,
                                       progress))

    # --- Members ---

    def create_member(
        self,
        *,
        name: str,
        email: str,
        role: Union[Role, str] = Role.EMPLOYEE,
        company: str = "",
        cost_rate: Optional[int] = None,
        billing_rate: Optional[int] = None,
    ) -> Member:
        """Adds a member. AlreadyExistsError for an e-mail in use. Unset
        rates are 0."""
        return self._s.create_member(_draft(
            _coerce, name=name, email=email, role=role, company=company,
            cost_rate=cost_rate, billing_rate=billing_rate))

    def get_member(self, member: MemberRef) -> Member:
        """A member; NotFoundError when missing or not visible to this member."""
        return self._s.get_member(_id(member, Member, "member"))

    def list_members(
        self,
        *,
        include_inactive: bool = False,
        role: Union[Role, str, None] = None,
    ) -> List[Member]:
        """The members the actor may see, by id."""
        return self._s.list_members(types.SimpleNamespace(
            include_inactive=include_inactive,
            role=_opt_enum(Role, role, "role")))

    def update_member(self, member: Member, /, **changes: Any) -> Member:
        """Changes name, email, role, company, cost_rate, billing_rate (a
        rate left None is kept)."""
        return self._s.update_member(
            _changed(member, Member, _MEMBER_EDITABLE, changes,
                     "update_member"))

    def deactivate_member(self, member: MemberRef) -> Member:
        """FailedPreconditionError for the last active owner."""
        return self._s.deactivate_member(_id(member, Member, "member"))

    def reactivate_member(self, member: MemberRef) -> Member:
        """Reactivates a deactivated member (owner, admin)."""
        return self._s.reactivate_member(_id(member, Member, "member"))

    # --- Projects ---

    def create_project(
        self,
        *,
        name: str,
        status: Union[ProjectStatus, str] = ProjectStatus.ACTIVE,
        folder: str = "",
        manager: Optional[MemberRef] = None,
        start_date: Optional[datetime.date] = None,
        deadline: Optional[datetime.date] = None,
        time_budget: Optional[datetime.timedelta] = None,
        money_budget: Optional[int] = None,
        billing_rate: Optional[int] = None,
        tags: Iterable[str] = (),
        members: ProjectMembersLike = (),
        rounding: RoundingLike = None,
        clients_see_hours: bool = True,
    ) -> Project:
        """Creates a project. ``members`` is a sequence of ProjectMember (or
        (member, role) pairs, (member, role, billing_rate) triples, or a
        {member: role} mapping); the manager is added to it as
        ProjectRole.MANAGER. ``rounding`` is how billed time is rounded
        (``Rounding(RoundingMode.UP, 15)`` or ``("up", 15)``; None: not
        rounded); ``clients_see_hours=False`` hides the time logged here
        from clients."""
        return self._s.create_project(_draft(
            _project_coerce, name=name, status=status, folder=folder,
            manager=manager, start_date=start_date, deadline=deadline,
            time_budget=time_budget, money_budget=money_budget,
            billing_rate=billing_rate, tags=tags, members=members,
            rounding=rounding, clients_see_hours=clients_see_hours))

    def get_project(self, project: ProjectRef) -> Project:
        """A project; NotFoundError when missing or not visible."""
        return self._s.get_project(_id(project, Project, "project"))

    def list_projects(
        self,
        *,
        status: Union[ProjectStatus, str, None] = None,
        include_archived: bool = False,
        member: Optional[MemberRef] = None,
    ) -> List[Project]:
        """The projects the actor may see, by id. ``status`` overrides
        ``include_archived``; ``member`` keeps the projects they belong
        to."""
        return self._s.list_projects(types.SimpleNamespace(
            status=_opt_enum(ProjectStatus, status, "status"),
            include_archived=include_archived,
            member=_opt_id(member, Member, "member")))

    def update_project(self, project: Project, /, **changes: Any) -> Project:
        """Changes any field but id and timestamps, including rounding and
        clients_see_hours. Money fields the actor may not see (None) are
        kept. In ``members``, a (member, role) pair keeps that member's
        billing-rate override as read; a ProjectMember or a (member, role,
        billing_rate) triple sets it (None clears)."""
        if "members" in changes and isinstance(project, Project):
            changes = dict(changes)
            changes["members"] = _project_members(changes["members"],
                                                   project.members)
        return self._s.update_project(
            _changed(project, Project, _PROJECT_EDITABLE, changes,
                     "update_project", _project_coerce))

    def archive_project(self, project: ProjectRef) -> Project:
        """Archives a project: its tasks and time can no longer change."""
        return self._s.archive_project(_id(project, Project, "project"))

    def set_project_member(
        self,
        project: Project,
        member: MemberRef,
        role: Union[ProjectRole, str] = ProjectRole.MEMBER,
        *,
        billing_rate: Any = _KEEP,
    ) -> Project:
        """Adds ``member`` to ``project`` (as read) with ``role``, or changes
        their role. ``billing_rate`` overrides the rates on this project
        (None clears; not given: the override as read is kept).
        ConflictError if the project changed since read."""
        member_id = _id(member, Member, "member")
        role = _enum(ProjectRole, role, "role")
        if billing_rate is _KEEP:
            billing_rate = next((m.billing_rate for m in project.members
                                 if m.member == member_id), None)
        members = [m for m in project.members if m.member != member_id]
        members.append(ProjectMember(member_id, role, billing_rate))
        return self.update_project(project, members=members)

    def remove_project_member(
        self, project: Project, member: MemberRef
    ) -> Project:
        """Removes ``member`` from ``project`` (as read)."""
        member_id = _id(member, Member, "member")
        return self.update_project(
            project,
            members=[m for m in project.members if m.member != member_id])

    # --- Tasks ---

    def create_task(
        self,
        *,
        project: ProjectRef,
        title: str,
        text: str = "",
        parent: Optional[TaskRef] = None,
        assignee: Optional[MemberRef] = None,
        priority: int = 5,
        start_date: Optional[datetime.date] = None,
        deadline: Optional[DeadlineLike] = None,
        estimate: Optional[datetime.timedelta] = None,
        money_budget: Optional[int] = None,
        tags: Iterable[str] = (),
        checklist: Iterable[ChecklistLike] = (),
        subscribers: Iterable[MemberRef] = (),
        hidden_from_clients: bool = False,
    ) -> Task:
        """Creates a task; the actor becomes its author.

        ``deadline`` is a :class:`Deadline` or a date (due by the end of
        that day); ``checklist`` items are ChecklistItem or str.
        FailedPreconditionError in an archived project or for a 4th level
        of subtasks.
        """
        return self._s.create_task(_draft(
            _coerce, project=_id(project, Project, "project"), title=title,
            text=text, parent=parent, assignee=assignee, priority=priority,
            start_date=start_date, deadline=deadline, estimate=estimate,
            money_budget=money_budget, tags=tags, checklist=checklist,
            subscribers=subscribers,
            hidden_from_clients=hidden_from_clients))

    def get_task(self, task: TaskRef) -> Task:
        """A task; NotFoundError when missing or not visible (hidden tasks for clients)."""
        return self._s.get_task(_id(task, Task, "task"))

    def list_tasks(
        self,
        *,
        project: Optional[ProjectRef] = None,
        parent: Optional[TaskRef] = None,
        assignee: Optional[MemberRef] = None,
        author: Optional[MemberRef] = None,
        status: Union[TaskStatus, str, None] = None,
        tag: Optional[str] = None,
        min_priority: int = 0,
        max_priority: int = 10,
        deadline_from: Optional[datetime.date] = None,
        deadline_to: Optional[datetime.date] = None,
        overdue_as_of: Optional[datetime.date] = None,
        text_contains: str = "",
        order: Union[TaskOrder, str] = TaskOrder.ID,
        limit: int = 100,
        page_token: str = "",
    ) -> TaskPage:
        """One page of the tasks the actor may see.

        Every given filter narrows the result: ``parent`` keeps direct
        subtasks; ``deadline_from``/``deadline_to`` are inclusive days;
        ``overdue_as_of`` keeps open tasks due before that day (pass
        ``s.today()``); ``text_contains`` searches title and text (ASCII
        letters in either case). ``limit`` is 1..1000. For the next page
        pass the page's ``next_page_token`` with the same filters and order
        (else InvalidArgumentError); it is empty on the last page. See
        :meth:`iter_tasks` to walk every page.
        """
        return self._s.list_tasks(_task_filter(
            project, parent, assignee, author, status, tag, min_priority,
            max_priority, deadline_from, deadline_to, overdue_as_of,
            text_contains, order, limit, page_token))

    def iter_tasks(
        self,
        *,
        project: Optional[ProjectRef] = None,
        parent: Optional[TaskRef] = None,
        assignee: Optional[MemberRef] = None,
        author: Optional[MemberRef] = None,
        status: Union[TaskStatus, str, None] = None,
        tag: Optional[str] = None,
        min_priority: int = 0,
        max_priority: int = 10,
        deadline_from: Optional[datetime.date] = None,
        deadline_to: Optional[datetime.date] = None,
        overdue_as_of: Optional[datetime.date] = None,
        text_contains: str = "",
        order: Union[TaskOrder, str] = TaskOrder.ID,
        page_size: int = 100,
    ) -> Iterator[Task]:
        """Every matching task, fetched page by page as the iteration goes.

        Same filters as :meth:`list_tasks`. Each page is read in its own
        transaction: a task changed between two pages may be missed or seen
        twice, as with any paging.
        """
        token = ""
        while True:
            page = self._s.list_tasks(_task_filter(
                project, parent, assignee, author, status, tag,
                min_priority, max_priority, deadline_from, deadline_to,
                overdue_as_of, text_contains, order, page_size, token))
            yield from page.tasks
            token = page.next_page_token
            if not token:
                return

    def update_task(self, task: Task, /, **changes: Any) -> Task:
        """Changes the editable fields: parent, title, text, assignee,
        priority, start_date, deadline, estimate, money_budget, tags,
        checklist, subscribers, hidden_from_clients. A new parent is a
        move (within the project)."""
        return self._s.update_task(
            _changed(task, Task, _TASK_EDITABLE, changes, "update_task"))

    def complete_task(self, task: TaskRef, note: str = "") -> Task:
        """Marks the task done with an optional completion note.
        FailedPreconditionError when already done."""
        return self._s.complete_task(_id(task, Task, "task"), note)

    def reopen_task(self, task: TaskRef) -> Task:
        """Clears completed_at and the note. FailedPreconditionError when
        open."""
        return self._s.reopen_task(_id(task, Task, "task"))

    def move_task(
        self,
        task: TaskRef,
        project: ProjectRef,
        parent: Optional[TaskRef] = None,
    ) -> Task:
        """Moves a task and its subtasks into ``project``, under ``parent``
        there (None: top level)."""
        return self._s.move_task(
            _id(task, Task, "task"),
            _id(project, Project, "project"),
            _opt_id(parent, Task, "parent") or 0)

    # --- Comments ---

    def create_comment(
        self,
        *,
        task: TaskRef,
        text: str,
        hidden_from_clients: bool = False,
    ) -> Comment:
        """Adds a comment to a task, written by this member."""
        return self._s.create_comment(types.SimpleNamespace(
            task=_id(task, Task, "task"), text=text,
            hidden_from_clients=hidden_from_clients))

    def get_comment(self, comment: CommentRef) -> Comment:
        """A comment; NotFoundError when missing or not visible."""
        return self._s.get_comment(_id(comment, Comment, "comment"))

    def list_comments(self, task: TaskRef) -> List[Comment]:
        """The task's comments the actor may see, oldest first."""
        return self._s.list_comments(_id(task, Task, "task"))

    # --- Change feed ---

    def changes_since(self, after_seq: int = 0,
                      limit: int = 100) -> ChangesPage:
        """The events committed after ``after_seq`` (0: from the start)
        that the actor may see, by seq, examining at most ``limit``
        (1..1000) events. Store ``page.last_seq`` and resume after it: a
        consumer then never misses nor sees twice a change. A client never
        receives a hidden task or comment, nor a money field."""
        return _page(self._s.changes_since(after_seq, limit))

    def update_comment(self, comment: Comment, /, **changes: Any) -> Comment:
        """Changes text and hidden_from_clients."""
        return self._s.update_comment(
            _changed(comment, Comment, _COMMENT_EDITABLE, changes,
                     "update_comment"))

    # --- Time entries ---

    def log_time(
        self,
        *,
        task: TaskRef,
        duration: Optional[datetime.timedelta] = None,
        start: Optional[datetime.datetime] = None,
        end: Optional[datetime.datetime] = None,
        date: Optional[datetime.date] = None,
        billable: bool = True,
        note: str = "",
        member: Optional[MemberRef] = None,
    ) -> TimeEntry:
        """Logs time on a task: a ``duration`` (with an optional ``start``),
        or a ``start`` and an ``end`` (aware datetimes; a naive one is
        InvalidArgumentError, a ValueError).

        ``date`` defaults to the day ``start`` falls on in the workspace
        time zone, else today; ``member`` to the actor (owners, admins and
        project managers may log for others). The rates in force now are
        stored on the entry. InvalidArgumentError for a duration outside
        1 s .. 24 h or an end before the start; FailedPreconditionError
        when the date is locked.
        """
        return self._s.log_time(dict(
            task=task, duration=duration, start=start, end=end, date=date,
            billable=billable, note=note, member=member))

    def log_time_batch(self, logs: Iterable[TimeLogItem]) -> List[TimeEntry]:
        """Logs many entries in one transaction: all or none (an import).

        Each item is a dict (or any Mapping) of :meth:`log_time`'s keywords,
        ``task`` required, or a dataclass or namedtuple with those fields.
        Returns the entries in the same order. An invalid item fails the
        whole batch and nothing is written; the message names the item and
        its field ("logs[17]: duration: ..."). The items are read in C++,
        and the store is written without the GIL.

        For a large import whose entries you do not need back, use
        :meth:`log_time_batch_ids`: building the returned objects costs
        more than reading the items.
        """
        return self._s.log_time_batch(logs, False)

    def log_time_batch_ids(self, logs: Iterable[TimeLogItem]) -> List[int]:
        """:meth:`log_time_batch`, returning only the new entries' ids, in
        the same order: the fastest way to import time."""
        return self._s.log_time_batch(logs, True)

    def get_time_entry(self, entry: TimeEntryRef) -> TimeEntry:
        """A time entry; money fields are None when this member may not read money."""
        return self._s.get_time_entry(_id(entry, TimeEntry, "entry"))

    def _time_filter(self, project: Any, task: Any, member: Any,
                     from_: Any, to: Any, billable: Any, tag: Any,
                     limit: int, page_token: str) -> Any:
        return types.SimpleNamespace(
            project=_opt_id(project, Project, "project"),
            task=_opt_id(task, Task, "task"),
            member=_opt_id(member, Member, "member"),
            date_from=from_, date_to=to, billable=billable, tag=tag,
            limit=limit, page_token=page_token)

    def list_time_entries(
        self,
        *,
        project: Optional[ProjectRef] = None,
        task: Optional[TaskRef] = None,
        member: Optional[MemberRef] = None,
        from_: Optional[datetime.date] = None,
        to: Optional[datetime.date] = None,
        billable: Optional[bool] = None,
        tag: Optional[str] = None,
        limit: int = 100,
        page_token: str = "",
    ) -> TimeEntryPage:
        """One page of the time entries the actor may see, by (date, id).

        Every given filter narrows the list; ``from_``/``to`` are inclusive
        days; ``tag`` keeps entries whose task carries it. ``limit`` is
        1..1000; pass ``next_page_token`` back with the same filters for the
        next page. See :meth:`iter_time_entries`.
        """
        return self._s.list_time_entries(self._time_filter(
            project, task, member, from_, to, billable, tag, limit,
            page_token))

    def iter_time_entries(
        self,
        *,
        project: Optional[ProjectRef] = None,
        task: Optional[TaskRef] = None,
        member: Optional[MemberRef] = None,
        from_: Optional[datetime.date] = None,
        to: Optional[datetime.date] = None,
        billable: Optional[bool] = None,
        tag: Optional[str] = None,
        page_size: int = 100,
    ) -> Iterator[TimeEntry]:
        """Every matching time entry, fetched page by page (each page in its
        own transaction). Same filters as :meth:`list_time_entries`."""
        token = ""
        while True:
            page = self._s.list_time_entries(self._time_filter(
                project, task, member, from_, to, billable, tag, page_size,
                token))
            yield from page.entries
            token = page.next_page_token
            if not token:
                return

    def update_time_entry(self, entry: TimeEntry, /,
                          **changes: Any) -> TimeEntry:
        """Changes task, date, start, duration, billable and note. The
        stored rates are kept unless the entry moves to another project's
        task. FailedPreconditionError when the old or new date is
        locked."""
        return self._s.update_time_entry(
            _changed(entry, TimeEntry, _TIME_ENTRY_EDITABLE, changes,
                     "update_time_entry", hints=_TIME_ENTRY_HINTS))

    def delete_time_entry(self, entry: TimeEntryRef) -> None:
        """Deletes an entry. Given the entry as read, ConflictError if it
        changed since; given an id, no check."""
        self._s.delete_time_entry(*_revision_of(entry, TimeEntry, "entry"))

    def reprice_time_entries(
        self,
        *,
        from_: datetime.date,
        to: datetime.date,
        project: Optional[ProjectRef] = None,
    ) -> int:
        """Owner and admin: re-prices the entries dated from_..to (of one
        project, or all) with the rates in force now; returns how many
        changed. FailedPreconditionError when any of them is locked."""
        return self._s.reprice_time_entries(
            _opt_id(project, Project, "project") or 0, from_, to)

    # --- Timers ---

    def start_timer(self, task: TaskRef, stop_running: bool = False) -> Timer:
        """Starts the actor's timer on ``task``. FailedPreconditionError
        when one runs, unless ``stop_running``, which first stops it into a
        time entry."""
        return self._s.start_timer(_id(task, Task, "task"), stop_running)

    def stop_timer(self, note: str = "", cap_at_limit: bool = False
                   ) -> TimeEntry:
        """Stops the actor's timer into a time entry dated on the day it
        started. FailedPreconditionError when none runs, or when it ran
        past 24 h without ``cap_at_limit`` (which caps it at
        settings.forgotten_timer_after)."""
        return self._s.stop_timer(note, cap_at_limit)

    def cancel_timer(self) -> None:
        """Discards the actor's timer. FailedPreconditionError when none
        runs."""
        self._s.cancel_timer()

    def get_timer(self, member: Optional[MemberRef] = None
                  ) -> Optional[Timer]:
        """The running timer of the actor or (owner and admin) of
        ``member``; None when none runs."""
        return self._s.get_timer(_opt_id(member, Member, "member") or 0)

    def list_timers(self) -> List[Timer]:
        """Owner and admin: every running timer, by member."""
        return self._s.list_timers()

    def list_forgotten_timers(self) -> List[Timer]:
        """Timers running past settings.forgotten_timer_after: all of them
        for owner and admin, the actor's own for anyone else."""
        return self._s.list_forgotten_timers()

    # --- Costs ---

    def create_cost(
        self,
        *,
        amount: int,
        date: datetime.date,
        project: Optional[ProjectRef] = None,
        task: Optional[TaskRef] = None,
        kind: Union[CostKind, str] = CostKind.EXPENSE,
        note: str = "",
    ) -> Cost:
        """Adds a money line (``amount`` > 0, minor units) to a project, or
        to a task (then ``project`` may be left out). FailedPrecondition
        when the date is locked."""
        return self._s.create_cost(types.SimpleNamespace(
            project=_opt_id(project, Project, "project"),
            task=_opt_id(task, Task, "task"),
            kind=_enum(CostKind, kind, "kind"), amount=amount, date=date,
            note=note))

    def get_cost(self, cost: CostRef) -> Cost:
        """A cost line; NotFoundError unless this member may read money in its project."""
        return self._s.get_cost(_id(cost, Cost, "cost"))

    def list_costs(
        self,
        *,
        project: Optional[ProjectRef] = None,
        task: Optional[TaskRef] = None,
        kind: Union[CostKind, str, None] = None,
        from_: Optional[datetime.date] = None,
        to: Optional[datetime.date] = None,
    ) -> List[Cost]:
        """The costs the actor may see; every given filter narrows."""
        return self._s.list_costs(types.SimpleNamespace(
            project=_opt_id(project, Project, "project"),
            task=_opt_id(task, Task, "task"),
            kind=_opt_enum(CostKind, kind, "kind"),
            date_from=from_, date_to=to))

    def update_cost(self, cost: Cost, /, **changes: Any) -> Cost:
        """Changes kind, amount, date and note."""
        return self._s.update_cost(
            _changed(cost, Cost, _COST_EDITABLE, changes, "update_cost",
                     hints=_COST_HINTS))

    def delete_cost(self, cost: CostRef) -> None:
        """Deletes a cost; given as read, ConflictError if it changed."""
        self._s.delete_cost(*_revision_of(cost, Cost, "cost"))

    # --- Locked periods ---

    def lock_period(self, through: datetime.date,
                    project: Optional[ProjectRef] = None) -> PeriodLock:
        """Owner and admin: locks time entries and costs dated on or before
        ``through``, in ``project`` or (None) everywhere. Writes to a
        locked date then fail with FailedPreconditionError."""
        return self._s.lock_period(_opt_id(project, Project, "project") or 0,
                                   through)

    def unlock(self, lock: LockRef) -> None:
        """Owner and admin: removes a lock."""
        self._s.unlock(_id(lock, PeriodLock, "lock"))

    def list_locks(self) -> List[PeriodLock]:
        """The locked periods of the workspace and of the projects this member reads."""
        return self._s.list_locks()

    # --- Budgets ---

    def get_project_budget(self, project: ProjectRef) -> BudgetUsage:
        """Usage of a project's time and money budgets (all its time and
        costs). Money fields are None for whoever may not read money."""
        return self._s.get_project_budget(_id(project, Project, "project"))

    def get_task_budget(self, task: TaskRef) -> BudgetUsage:
        """Usage of a task's estimate and money budget (its own and its
        subtasks' time)."""
        return self._s.get_task_budget(_id(task, Task, "task"))

    def list_budget_alerts(self, project: ProjectRef) -> List[BudgetAlert]:
        """The 80% and 100% crossings recorded for a project and its
        tasks."""
        return self._s.list_budget_alerts(_id(project, Project, "project"))

    # --- Reports ---

    def time_report(
        self,
        *,
        from_: Optional[datetime.date] = None,
        to: Optional[datetime.date] = None,
        group_by: Union[Iterable[Union[ReportGroup, str]], ReportGroup,
                        str, None] = (),
        projects: Union[Iterable[ProjectRef], ProjectRef, None] = (),
        members: Union[Iterable[MemberRef], MemberRef, None] = (),
        tasks: Union[Iterable[TaskRef], TaskRef, None] = (),
        tags: Union[Iterable[str], str, None] = (),
        billable: Optional[bool] = None,
    ) -> TimeReport:
        """Time and money from ``from_`` to ``to`` (inclusive days),
        grouped by ``group_by`` levels, outermost first ("project", "task",
        "member", "tag", "day", "week", "month"; none: the total only).

        Empty ``projects``/``members``/``tasks``/``tags`` mean all the
        actor may read. Money is None (and absent from to_dicts and the
        exports) when the actor may not read it. InvalidArgumentError for
        ``from_`` after ``to``.
        """
        return self._s.time_report(types.SimpleNamespace(
            date_from=from_, date_to=to, group_by=_groups(group_by),
            projects=_ids(projects, Project, "projects"),
            members=_ids(members, Member, "members"),
            tasks=_ids(tasks, Task, "tasks"),
            tags=_strs(tags, "tags"), billable=billable))

    def overdue_report(
        self,
        *,
        assignee: Optional[MemberRef] = None,
        author: Optional[MemberRef] = None,
        project: Optional[ProjectRef] = None,
        due_within_days: int = 0,
        as_of: Optional[datetime.date] = None,
    ) -> OverdueReport:
        """Open tasks past their deadline as of ``as_of`` (default today),
        and with ``due_within_days`` also those due within that many
        days."""
        return self._s.overdue_report(types.SimpleNamespace(
            assignee=_opt_id(assignee, Member, "assignee"),
            author=_opt_id(author, Member, "author"),
            project=_opt_id(project, Project, "project"),
            due_within_days=due_within_days, as_of=as_of))

    def project_health(
        self,
        *,
        projects: Union[Iterable[ProjectRef], ProjectRef, None] = (),
        include_archived: bool = False,
    ) -> ProjectHealthReport:
        """Progress, deadlines, budgets and money of each project the actor
        reads (or of ``projects``)."""
        return self._s.project_health(types.SimpleNamespace(
            projects=_ids(projects, Project, "projects"),
            include_archived=include_archived))

    def workload(
        self,
        *,
        from_: Optional[datetime.date] = None,
        to: Optional[datetime.date] = None,
        members: Union[Iterable[MemberRef], MemberRef, None] = (),
    ) -> WorkloadReport:
        """Open and overdue tasks, estimate left and hours logged
        (``from_``..``to``) per member; every active member but clients by
        default."""
        return self._s.workload(types.SimpleNamespace(
            date_from=from_, date_to=to,
            members=_ids(members, Member, "members")))

    def digest(
        self,
        *,
        members: Union[Iterable[MemberRef], MemberRef, None] = (),
        as_of: Optional[datetime.date] = None,
    ) -> Digest:
        """The Friday digest as of ``as_of`` (default today): per member,
        late tasks received and set, tasks due this week and forgotten
        timers. ``.markdown()`` / ``.text()`` render it."""
        return self._s.digest(types.SimpleNamespace(
            members=_ids(members, Member, "members"), as_of=as_of))


# --- Transaction -----------------------------------------------------------


class Transaction(Session):
    """A :class:`Session` whose calls all join one write transaction.

    Get one from :meth:`Session.transaction` (or
    :meth:`Workspace.transaction`) and use it in a ``with`` block: a
    normal exit commits, an exception rolls back (and propagates). Or end
    it yourself with :meth:`commit` / :meth:`rollback`; after that, its
    calls raise FailedPreconditionError and leaving the block does
    nothing more.

    Bound to the thread that began it. Reads inside see the transaction's
    own writes; other sessions see them only once committed.
    """

    __slots__ = ("_t",)

    def __init__(self, impl: _worksection.Transaction) -> None:
        super().__init__(impl.session())
        self._t = impl

    def __repr__(self) -> str:
        state = "active" if self.active else "ended"
        return f"<worksection.Transaction actor={self.actor} {state}>"

    def __enter__(self) -> "Transaction":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[types.TracebackType],
    ) -> None:
        if exc_type is not None:
            self._t.rollback()
        elif self._t.active:
            self._t.commit()

    @property
    def active(self) -> bool:
        """True until committed or rolled back (also after a call inside
        failed: :meth:`commit` then raises ConflictError)."""
        return self._t.active

    def commit(self) -> None:
        """Makes every call's writes durable, releasing the write lock
        (without the GIL). ConflictError, with nothing written, when a call
        inside failed; FailedPreconditionError when already committed or
        rolled back, or when the workspace was closed meanwhile (then it
        rolls back). The transaction is over whatever it raises."""
        self._t.commit()

    def rollback(self) -> None:
        """Drops every write made so far and releases the write lock.
        Harmless once committed or rolled back."""
        self._t.rollback()
