"""worksection: run an agency's work from Python.

A thin, typed layer over the worksection C++ library::

    import worksection

    ws = worksection.open("agency.db", create=worksection.Setup(
        name="Acme Digital", owner_name="Olena",
        owner_email="olena@acme.example"))
    s = ws.session(ws.first_owner())
    site = s.create_project(name="Website")
    task = s.create_task(project=site, title="Design", priority=8,
                         deadline=worksection.Deadline(date(2024, 5, 3)))
    task = s.update_task(task, title="Design the home page")

Entities are frozen dataclasses (see :mod:`worksection._model`), errors a
:class:`worksection.Error` hierarchy (see :mod:`worksection.errors`).
Calls that touch the store release the GIL.
"""

from __future__ import annotations

import types as _types

try:
    from . import _worksection
except ImportError as _e:  # pragma: no cover - a broken installation
    raise ImportError(
        "worksection: cannot load the compiled module _worksection "
        f"(and libworksection.so.0 beside it or on the library path): {_e}"
    ) from _e

from . import _events, _model, _reports, _session, errors
from ._events import ChangesPage, Event, FieldChange, Subscription
from ._model import *  # noqa: F401,F403
from ._model import __all__ as _model_all
from ._reports import *  # noqa: F401,F403
from ._reports import __all__ as _reports_all
from ._session import Session, Transaction, Workspace, open
from .errors import *  # noqa: F401,F403
from .errors import __all__ as _errors_all

_worksection._register(
    {**{name: getattr(_model, name) for name in _model_all},
     **{name: getattr(_reports, name) for name in _reports_all},
     **errors._by_name(),
     "_time_log_fields": _session._time_log_fields}
)

#: The linked library's version, "MAJOR.MINOR.PATCH".
__version__: str = _worksection.version()

#: The bounds every input is checked against (the library's limits.h):
#: ``worksection.limits.MAX_PAGE_SIZE`` and so on.
limits = _types.SimpleNamespace(**_worksection.limits())


def version() -> str:
    """The linked library's version, "MAJOR.MINOR.PATCH"."""
    return _worksection.version()


__all__ = [
    *_model_all,
    *_reports_all,
    *_errors_all,
    "ChangesPage",
    "Event",
    "FieldChange",
    "Session",
    "Subscription",
    "Transaction",
    "Workspace",
    "limits",
    "open",
    "version",
]
