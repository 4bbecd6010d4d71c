"""The exceptions of worksection: one class per status code of the library.

Every failure the library reports is a :class:`Error`; catch the subclass
for the case you handle::

    try:
        s.update_task(task, title="New title")
    except worksection.ConflictError:
        ...  # someone else changed the task: read it again and retry

``str(e)`` and ``e.message`` are the library's message, which names the
field and value at fault; ``e.code`` is the status code's name
("NOT_FOUND"). Bad input detected by the bindings themselves (a naive
datetime, a deadline with seconds) is an :class:`InvalidArgumentError` as
well; a value of the wrong type is a plain ``TypeError``.
"""

from __future__ import annotations

from typing import ClassVar, Dict, Type

__all__ = [
    "AlreadyExistsError",
    "CancelledError",
    "ConflictError",
    "DataLossError",
    "DeadlineExceededError",
    "Error",
    "FailedPreconditionError",
    "InternalError",
    "InvalidArgumentError",
    "NotFoundError",
    "OutOfRangeError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "UnauthenticatedError",
    "UnavailableError",
    "UnimplementedError",
    "UnknownError",
]


class Error(Exception):
    """Base class of every error the library reports."""

    code: ClassVar[str] = "UNKNOWN"

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return self.message


class CancelledError(Error):
    code = "CANCELLED"


class UnknownError(Error):
    code = "UNKNOWN"


class InvalidArgumentError(Error, ValueError):
    """Bad input: an empty or over-long string, a priority outside 0-10, a
    start after the deadline, a naive datetime, a bad page token..."""

    code = "INVALID_ARGUMENT"


class DeadlineExceededError(Error):
    code = "DEADLINE_EXCEEDED"


class NotFoundError(Error):
    """No such entity, or one the acting member may not see."""

    code = "NOT_FOUND"


class AlreadyExistsError(Error):
    """An e-mail already used by another member."""

    code = "ALREADY_EXISTS"


class PermissionDeniedError(Error):
    """The policy forbids the call, or the acting member is deactivated."""

    code = "PERMISSION_DENIED"


class ResourceExhaustedError(Error):
    code = "RESOURCE_EXHAUSTED"


class FailedPreconditionError(Error):
    """A broken invariant: a 4th subtask level, an archived project, the last
    owner, a read-only or closed workspace, a store of a newer version."""

    code = "FAILED_PRECONDITION"


class ConflictError(Error):
    """A stale revision (the library's Aborted): read again and retry. Also
    what a transaction raises on commit (and on every later call) once a
    call inside it failed: nothing of it was written."""

    code = "ABORTED"


class OutOfRangeError(Error):
    code = "OUT_OF_RANGE"


class UnimplementedError(Error):
    code = "UNIMPLEMENTED"


class InternalError(Error):
    code = "INTERNAL"


class UnavailableError(Error):
    """The store stayed busy past the busy timeout."""

    code = "UNAVAILABLE"


class DataLossError(Error):
    """The file is not a worksection store, or is corrupt."""

    code = "DATA_LOSS"


class UnauthenticatedError(Error):
    code = "UNAUTHENTICATED"


def _by_name() -> Dict[str, Type[Error]]:
    """The classes by name, for the compiled module's registration."""
    return {name: globals()[name] for name in __all__}
