"""The change feed: :meth:`Session.changes_since` and
:meth:`Workspace.subscribe` (see the "Change feed" section of the README)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import _worksection

__all__ = ["ChangesPage", "Event", "FieldChange", "Subscription"]


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One changed field: its model name and its values before and after.

    None stands for "none or empty" (always for ``old`` of a created entity
    and ``new`` of a deleted one). Values are str, int (ids, counts and
    money in minor units), bool, datetime.date, aware datetime.datetime,
    datetime.timedelta or a list of str.
    """

    field: str
    old: Any
    new: Any
    money: bool  #: a rate, cost, amount or money budget


@dataclasses.dataclass(frozen=True)
class Event:
    """One committed change, as the reading member may see it."""

    seq: int  #: from 1, strictly increasing in commit order, no gaps
    at: datetime.datetime
    actor: Optional[int]  #: None for the workspace's setup
    entity_type: str  #: "task", "time_entry", "budget_alert", ...
    entity_id: int
    project: Optional[int]
    task: Optional[int]
    #: "created", "updated", "completed", "moved", ...; "batch_created" for
    #: the entries of one task written by one :meth:`Session.log_time_batch`
    #: (their ids in ``entity_ids``, ``entity_id`` 0, no ``changes``)
    action: str
    hidden_from_clients: bool
    money: bool  #: the whole event is about money (a cost, a money alert)
    changes: Tuple[FieldChange, ...]
    entity_ids: Tuple[int, ...]  #: for "batch_created": the new ids, ascending
    #: this change unhid a task from clients (a client gets the changes with
    #: their new values only)
    revealed_to_clients: bool
    #: this change hid a task from clients (a client gets only the
    #: hidden_from_clients change)
    concealed_from_clients: bool
    json: str  #: the event as JSON (worksection.v1.Event)


@dataclasses.dataclass(frozen=True)
class ChangesPage:
    """A page of the change feed."""

    events: Tuple[Event, ...]
    #: Resume after this: the last seq examined, past the last event when
    #: later ones were not for this member.
    last_seq: int
    has_more: bool  #: more events were committed after last_seq


def _or_none(value: int) -> Optional[int]:
    return value if value else None


def _event(d: Dict[str, Any]) -> Event:
    return Event(
        seq=d["seq"],
        at=d["at"],
        actor=_or_none(d["actor"]),
        entity_type=d["entity_type"],
        entity_id=d["entity_id"],
        project=_or_none(d["project"]),
        task=_or_none(d["task"]),
        action=d["action"],
        hidden_from_clients=d["hidden_from_clients"],
        money=d["money"],
        changes=tuple(FieldChange(**c) for c in d["changes"]),
        entity_ids=d["entity_ids"],
        revealed_to_clients=d["revealed_to_clients"],
        concealed_from_clients=d["concealed_from_clients"],
        json=d["json"],
    )


def _page(d: Dict[str, Any]) -> ChangesPage:
    return ChangesPage(events=tuple(_event(e) for e in d["events"]),
                       last_seq=d["last_seq"], has_more=d["has_more"])


def _callback(fn: Callable[[List[Event]], Any]) -> Callable[[list], None]:
    def deliver(batch: list) -> None:
        fn([_event(e) for e in batch])
    return deliver


class Subscription:
    """A live :meth:`Workspace.subscribe`. Close it (or leave its ``with``
    block) to stop the calls; closing waits for a call running on another
    thread. Closing twice is harmless."""

    __slots__ = ("_impl",)

    def __init__(self, impl: _worksection.Subscription) -> None:
        self._impl = impl

    def __enter__(self) -> "Subscription":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def active(self) -> bool:
        """True until closed."""
        return self._impl.active

    def close(self) -> None:
        """Unsubscribes: the callable is not called again."""
        self._impl.close()
