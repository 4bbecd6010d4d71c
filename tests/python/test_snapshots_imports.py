"""Snapshots and imports from Python: export, import into a fresh store,
export again gives the same bytes; Taskwarrior and Timewarrior reports."""

from __future__ import annotations

import datetime
import json
import sys

import pytest

import worksection

from conftest import fixed_clock


def _fresh(uri_kind: str, tmp_path, name: str) -> worksection.Workspace:
    if uri_kind == "memory":
        return worksection.open("memory:", clock=fixed_clock)
    return worksection.open(f"sqlite:{tmp_path / name}", clock=fixed_clock)


@pytest.mark.parametrize("target", ["memory", "sqlite"])
def test_snapshot_round_trip(ws, s, agency, tmp_path, target):
    binary = s.export_snapshot()
    text = s.export_snapshot("json")
    assert json.loads(text)["header"]["format_version"] == 1
    for data, fmt in ((binary, "binary"), (text, "json")):
        copy = _fresh(target, tmp_path, f"copy-{fmt}.db")
        copy.import_snapshot(data)
        again = copy.owner_session().export_snapshot(fmt)
        assert again == data
        with pytest.raises(worksection.FailedPreconditionError):
            copy.import_snapshot(data)
        copy.close()


def test_snapshot_errors(ws, s, agency, tmp_path):
    data = s.export_snapshot()
    empty = _fresh("memory", tmp_path, "x")
    with pytest.raises(worksection.DataLossError, match="byte"):
        empty.import_snapshot(data[: len(data) // 2])
    with pytest.raises(worksection.InvalidArgumentError):
        empty.import_snapshot(b"nonsense")
    assert not empty.is_initialized()
    with pytest.raises(worksection.InvalidArgumentError):
        s.export_snapshot("xml")


def test_taskwarrior(s):
    report = s.import_taskwarrior(json.dumps([
        {"uuid": "a1", "description": "Write copy", "project": "Client.Site",
         "priority": "H", "due": "20260115T170000Z", "status": "pending",
         "depends": ["b2"], "estimate": "3h"},
        {"uuid": "b2", "description": "Old", "status": "deleted"},
    ]), time_zone="UTC")
    assert report.tasks_created == 1
    fields = {i.field for i in report.issues}
    assert {"depends", "status", "estimate"} <= fields
    with pytest.raises(worksection.InvalidArgumentError, match="tasks\\[1\\]"):
        s.import_taskwarrior('[{"uuid":"x","description":"a"},'
                             '{"uuid":"y","description":"b","due":"soon"}]')


def test_timewarrior(s):
    report = s.import_timewarrior(json.dumps([
        {"id": 1, "start": "20260112T080000Z", "end": "20260112T093000Z",
         "tags": ["Web:Header", "design"]},
    ]))
    assert report.time_entries_created == 1
    assert report.issues == ()


def test_imports_report_progress_and_survive_a_raising_callback(
        ws, s, agency, tmp_path, monkeypatch):
    seen = []
    copy = _fresh("memory", tmp_path, "progress")
    copy.import_snapshot(s.export_snapshot(),
                         progress=lambda done, total: seen.append((done,
                                                                   total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def boom(done, total):
        raise RuntimeError("progress bar broke")

    interval = json.dumps([{"id": 1, "start": "20260112T080000Z",
                            "end": "20260112T093000Z", "tags": ["Web:Hdr"]}])
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    report = s.import_timewarrior(interval, progress=boom)
    assert report.time_entries_created == 1
    assert reported and isinstance(reported[0].exc_value, RuntimeError)
    calls = []
    s.import_taskwarrior('[{"uuid": "z", "description": "a"}]',
                         progress=lambda d, t: calls.append(d))
    assert calls
    with pytest.raises(TypeError, match="progress"):
        s.import_taskwarrior("[]", progress=42)
