"""Store calls release the GIL; a busy store is UnavailableError.

Two workspaces share one SQLite file. A writer on the first blocks inside
its transaction (in the clock, which the library reads while holding the
write lock) until an Event is set. A second writer then waits for the lock:
it must release the GIL while it waits, or the thread that sets the Event
could never run, and it would give up with UnavailableError.
"""

from __future__ import annotations

import datetime
import sys
import threading
import time

import pytest

import worksection
from conftest import NOW, SETUP


class BlockingClock:
    """Blocks the calling thread while `armed` until `release` is set."""

    def __init__(self) -> None:
        self.armed = threading.Event()
        self.inside = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> datetime.datetime:
        if self.armed.is_set():
            self.armed.clear()
            self.inside.set()
            assert self.release.wait(30)
        return NOW


@pytest.fixture
def two_workspaces(tmp_path):
    path = tmp_path / "shared.db"
    clock = BlockingClock()
    first = worksection.open(path, create=SETUP, clock=clock)
    yield first, clock, path
    clock.release.set()
    first.close()


def start_blocked_writer(first, clock):
    s = first.owner_session()
    project = s.create_project(name="Site")
    errors = []

    def write():
        try:
            s.create_task(project=project, title="Holds the write lock")
        except Exception as e:  # reported by the test
            errors.append(e)

    clock.armed.set()
    writer = threading.Thread(target=write)
    writer.start()
    assert clock.inside.wait(10), "the writer never reached the clock"
    return writer, project, errors


def test_busy_store_is_unavailable(two_workspaces):
    first, clock, path = two_workspaces
    writer, project, errors = start_blocked_writer(first, clock)
    with worksection.open(path, busy_timeout=datetime.timedelta(
            milliseconds=200)) as second:
        with pytest.raises(worksection.UnavailableError):
            second.owner_session().create_task(project=project.id,
                                               title="Second")
    clock.release.set()
    writer.join(10)
    assert not errors


def create_task(s, project, task):
    return s.create_task(project=project, title="Second").title


def log_time_batch_ids(s, project, task):
    logs = [dict(task=task, duration=datetime.timedelta(minutes=i + 1))
            for i in range(1000)]
    return len(s.log_time_batch_ids(logs))


@pytest.mark.parametrize("call, result", [(create_task, "Second"),
                                          (log_time_batch_ids, 1000)])
def test_waiting_for_the_store_releases_the_gil(two_workspaces, call,
                                                result):
    first, clock, path = two_workspaces
    task = first.owner_session().create_task(
        project=first.owner_session().create_project(name="Imports"),
        title="Imported")
    writer, project, errors = start_blocked_writer(first, clock)
    # Python code on another thread sets the Event while this thread waits
    # inside the library for the write lock.
    threading.Timer(0.3, clock.release.set).start()
    with worksection.open(path, busy_timeout=datetime.timedelta(
            seconds=10)) as second:
        started = time.monotonic()
        got = call(second.owner_session(), project.id, task.id)
        assert time.monotonic() - started < 8
    writer.join(10)
    assert not errors
    assert got == result


def test_threads_share_a_workspace(tmp_path):
    with worksection.open(tmp_path / "t.db", create=SETUP) as ws:
        project = ws.owner_session().create_project(name="Threads")
        failures = []

        def work(n):
            s = ws.owner_session()  # one session per thread
            try:
                for i in range(10):
                    s.create_task(project=project, title=f"T{n}-{i}")
            except Exception as e:
                failures.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not failures
        s = ws.owner_session()
        assert len(list(s.iter_tasks(project=project, page_size=7))) == 40


def test_a_failing_clock_falls_back_and_is_reported(monkeypatch):
    broken, reported = threading.Event(), []

    def clock():
        if broken.is_set():
            raise RuntimeError("clock broke")
        return NOW

    ws = worksection.open("memory:", create=SETUP, clock=clock)
    broken.set()
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    now = ws.now()
    assert now.tzinfo is not None and now != NOW  # the system clock
    assert [type(r.exc_value) for r in reported] == [RuntimeError]
