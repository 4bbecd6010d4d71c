"""A tripwire: the bindings map every field of the C++ structs they convert.

convert.cc converts field by field, and an update sends the whole entity.
A field added to model.h or query.h but not to the bindings would be reset
to its default by every update made from Python. The sizes of the structs,
pinned below when the bindings last mapped every field, catch most such
additions: when this fails, map the new fields (convert.cc, _model.py,
_reports.py, _session.py, the tests) and update SIZES. Structs the bindings
only read (reports) are pinned too, so that the Python results stay
complete.
"""

from __future__ import annotations

import platform
import sys

import pytest

from worksection import _worksection

# x86-64 Linux, libstdc++.
SIZES = {
    "WorkspaceSetup": 168,
    "OpenOptions": 232,
    "WorkspaceSettings": 128,
    "Member": 192,
    "ProjectMember": 32,
    "Project": 296,
    "Deadline": 24,
    "ChecklistItem": 40,
    "Task": 384,
    "Comment": 104,
    "MemberFilter": 12,
    "ProjectFilter": 32,
    "TaskFilter": 264,
    "TaskPage": 56,
    "Rounding": 8,
    "TimeEntry": 248,
    "TimeLog": 152,
    "TimeEntryFilter": 184,
    "TimeEntryPage": 56,
    "Timer": 40,
    "Cost": 136,
    "CostFilter": 88,
    "PeriodLock": 56,
    "BudgetUsage": 144,
    "BudgetAlert": 40,
    "TimeReportQuery": 176,
    "ReportKey": 96,
    "ReportTotals": 72,
    "TimeReportRow": 96,
    "TimeReport": 344,
    "OverdueQuery": 80,
    "OverdueRow": 488,
    "OverdueReport": 40,
    "ProjectHealthQuery": 32,
    "ProjectHealth": 632,
    "WorkloadQuery": 72,
    "WorkloadRow": 80,
    "DigestQuery": 48,
    "DigestEntry": 160,
    "Digest": 72,
}


@pytest.mark.skipif(
    not (sys.platform == "linux" and platform.machine() == "x86_64"),
    reason="sizes pinned for x86-64 Linux")
def test_every_converted_struct_is_unchanged():
    changed = {name: (SIZES.get(name), size)
               for name, size in _worksection._model_sizes().items()
               if SIZES.get(name) != size}
    assert not changed, (
        "C++ structs changed size (pinned, now): "
        f"{changed}; map their new fields in bindings/python, then update "
        "SIZES")
