"""Session.transaction(): several calls that take effect together or not at
all.

Every workspace here has a short busy timeout, so that a write lock left
held by mistake shows up at once as UnavailableError rather than as a
five-second wait.
"""

from __future__ import annotations

import datetime
import threading
import time

import pytest

import worksection
from conftest import SETUP, fixed_clock

H = datetime.timedelta(hours=1)
DAY = datetime.date(2024, 5, 3)
SHORT = datetime.timedelta(milliseconds=200)


@pytest.fixture
def ws(uri):
    with worksection.open(uri, create=SETUP, clock=fixed_clock,
                          busy_timeout=SHORT) as ws:
        yield ws


@pytest.fixture
def site(s):
    return s.create_project(name="Website")


def titles(s, project):
    return sorted(t.title for t in s.iter_tasks(project=project))


def entries(s, project):
    return list(s.iter_time_entries(project=project))


def test_commit_applies_every_call(s, site):
    with s.transaction() as t:
        assert isinstance(t, worksection.Session)
        assert isinstance(t, worksection.Transaction)
        assert t.actor == s.actor and t.active
        assert repr(t) == f"<worksection.Transaction actor={s.actor} active>"
        a = t.create_task(project=site, title="A")
        t.create_task(project=site, title="A.1", parent=a)
        t.log_time(task=a, duration=H, date=DAY)
        t.complete_task(a, "done together")
        # Reads inside see the transaction's own writes.
        assert t.get_task(a).title == "A"
        assert titles(t, site) == ["A", "A.1"]
    assert not t.active
    assert titles(s, site) == ["A", "A.1"]
    assert s.get_task(a).status == worksection.TaskStatus.DONE
    assert len(entries(s, site)) == 1
    # Over: its calls and a second commit are refused; rollback is harmless.
    with pytest.raises(worksection.FailedPreconditionError,
                       match="committed or rolled back"):
        t.create_task(project=site, title="Late")
    with pytest.raises(worksection.FailedPreconditionError):
        t.commit()
    t.rollback()
    assert titles(s, site) == ["A", "A.1"]


def test_an_exception_rolls_back_and_propagates(s, site):
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with s.transaction() as t:
            task = t.create_task(project=site, title="Dropped")
            t.log_time(task=task, duration=H, date=DAY)
            raise Boom()
    assert not t.active
    assert titles(s, site) == []
    assert entries(s, site) == []
    with pytest.raises(worksection.NotFoundError):
        s.get_task(task)
    # The write lock was released: a plain write goes through at once.
    s.create_task(project=site, title="After")
    assert titles(s, site) == ["After"]


def test_a_failed_call_fails_the_whole_transaction(s, site):
    with pytest.raises(worksection.ConflictError, match="title") as exit_error:
        with s.transaction() as t:
            kept = t.create_task(project=site, title="Kept?")
            with pytest.raises(worksection.InvalidArgumentError,
                               match="title"):
                t.create_task(project=site, title="")
            # Caught, but the transaction is failed: later calls too.
            with pytest.raises(worksection.ConflictError,
                               match="earlier call failed"):
                t.create_task(project=site, title="Later")
            assert t.active  # until the block ends
    assert "rolled back" in str(exit_error.value)
    assert not t.active
    assert titles(s, site) == []
    with pytest.raises(worksection.NotFoundError):
        s.get_task(kept)


def test_commit_and_rollback_inside_the_block(s, site):
    with s.transaction() as t:
        t.create_task(project=site, title="Committed early")
        t.commit()
        assert not t.active
        with pytest.raises(worksection.FailedPreconditionError):
            t.create_task(project=site, title="Too late")
    with s.transaction() as t:
        t.create_task(project=site, title="Rolled back")
        t.rollback()
        t.rollback()
    assert titles(s, site) == ["Committed early"]


def test_without_a_with_block(s, site):
    t = s.transaction()
    t.create_task(project=site, title="Explicit")
    t.commit()
    t = s.transaction()
    t.create_task(project=site, title="Explicitly dropped")
    t.rollback()
    # Dropped without an end: rolled back when collected.
    t = s.transaction()
    t.create_task(project=site, title="Forgotten")
    del t
    s.create_task(project=site, title="After")  # the lock is free
    assert titles(s, site) == ["After", "Explicit"]


def test_copies_of_the_session_keep_the_transaction_alive(s, site):
    t = s.transaction()
    joined = t._s  # the compiled session that joins it
    joined_task = joined.create_task  # a bound method keeps it alive
    del t, joined
    # Still open (nothing ended it) and usable through the bound method.
    with pytest.raises(worksection.UnavailableError):
        s.create_task(project=site, title="Waits")
    del joined_task  # the last reference: rolled back
    s.create_task(project=site, title="Now")
    assert titles(s, site) == ["Now"]


def test_other_writers_wait_then_give_up(ws, s, site):
    with s.transaction() as t:
        t.create_task(project=site, title="Holding the lock")
        # Any other session is another writer: it waits for the
        # transaction, past the busy timeout.
        with pytest.raises(worksection.UnavailableError, match="busy"):
            ws.owner_session().create_task(project=site, title="Waiting")
        with pytest.raises(worksection.UnavailableError):
            s.create_task(project=site, title="Not joined")
        # The refused writes did not fail the transaction.
    assert titles(s, site) == ["Holding the lock"]
    s.create_task(project=site, title="Now")


def test_begin_waits_without_the_gil(uri):
    """A transaction begun on another thread waits for the open one, and
    waits without the GIL: the first thread can still commit meanwhile."""
    with worksection.open(uri, create=SETUP, clock=fixed_clock,
                          busy_timeout=datetime.timedelta(seconds=20)) as ws:
        s = ws.owner_session()
        site = s.create_project(name="Website")
        outcome = {}

        def second_writer():
            began = time.monotonic()
            try:
                with ws.owner_session().transaction() as t2:
                    t2.create_task(project=site, title="Second")
                outcome["waited"] = time.monotonic() - began
            except BaseException as e:  # reported below
                outcome["error"] = e

        with s.transaction() as t:
            t.create_task(project=site, title="First")
            thread = threading.Thread(target=second_writer)
            thread.start()
            time.sleep(0.3)  # the other thread now waits for the lock
            assert thread.is_alive()
        thread.join(30)
        assert not thread.is_alive()
        assert "error" not in outcome, outcome.get("error")
        assert 0.2 < outcome["waited"] < 15
        assert titles(s, site) == ["First", "Second"]


def test_transactions_do_not_nest(ws, s, site, agency):
    with s.transaction() as t:
        t.create_task(project=site, title="Outer")
        with pytest.raises(worksection.FailedPreconditionError,
                           match="already belongs to a transaction"):
            t.transaction()
        # This thread holds the write lock: beginning another would wait
        # for itself.
        with pytest.raises(worksection.FailedPreconditionError,
                           match="do not nest"):
            s.transaction()
        with pytest.raises(worksection.FailedPreconditionError,
                           match="do not nest"):
            ws.transaction(agency.bob)
        # Refusing them did not fail the outer one.
    assert titles(s, site) == ["Outer"]
    # Once it is over, this thread may begin another.
    with ws.transaction(agency.bob) as t:
        assert t.actor == agency.bob.id
        t.create_comment(task=agency.visible, text="Bob, in a transaction")
    assert [c.text for c in s.list_comments(agency.visible)][-1] == (
        "Bob, in a transaction")


def test_a_transaction_acts_as_its_member(ws, agency):
    # Rita reads the project only: the policy applies inside as outside.
    with pytest.raises(worksection.ConflictError):
        with ws.transaction(agency.rita) as t:
            with pytest.raises(worksection.PermissionDeniedError):
                t.create_task(project=agency.site, title="By a reader")
    assert "By a reader" not in titles(agency.owner, agency.site)


def test_the_transaction_belongs_to_its_thread(s, site):
    with s.transaction() as t:
        t.create_task(project=site, title="Here")
        errors = []

        def elsewhere():
            for call in (lambda: t.get_settings(),
                         lambda: t.create_task(project=site, title="There"),
                         t.commit, t.rollback, t.transaction):
                try:
                    call()
                except worksection.FailedPreconditionError as e:
                    errors.append(str(e))

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join(30)
        assert len(errors) == 5
        assert all("thread that began it" in e for e in errors), errors
        # Refused calls from another thread did not fail it.
        assert t.active
    assert titles(s, site) == ["Here"]


def test_log_time_batch_inside_and_outside(s, site):
    task = s.create_task(project=site, title="Imports")
    logs = [dict(task=task, duration=(i + 1) * H, date=DAY, note=f"#{i}")
            for i in range(3)]
    # Outside: its own transaction, as ever.
    assert len(s.log_time_batch(logs)) == 3
    # Inside: joins, with the other calls.
    with s.transaction() as t:
        done = t.log_time_batch(logs)
        assert [e.note for e in done] == ["#0", "#1", "#2"]
        t.log_time(task=task, duration=H, date=DAY, note="single")
        assert len(entries(t, site)) == 7
    assert len(entries(s, site)) == 7
    # A bad batch inside fails the transaction: nothing of it is written.
    bad = logs + [dict(task=task, duration=datetime.timedelta(0))]
    with pytest.raises(worksection.ConflictError, match=r"logs\[3\]"):
        with s.transaction() as t:
            t.log_time_batch(logs)
            with pytest.raises(worksection.InvalidArgumentError,
                               match=r"logs\[3\]"):
                t.log_time_batch(bad)
    assert len(entries(s, site)) == 7
    # And outside again.
    assert len(s.log_time_batch(logs)) == 3
    assert len(entries(s, site)) == 10


def test_read_only_workspace(tmp_path):
    path = tmp_path / "agency.db"
    worksection.open(path, create=SETUP).close()
    with worksection.open(path, read_only=True) as ro:
        with pytest.raises(worksection.FailedPreconditionError,
                           match="read-only"):
            ro.owner_session().transaction()


def test_closing_the_workspace_rolls_back(tmp_path):
    path = tmp_path / "agency.db"
    ws = worksection.open(path, create=SETUP, busy_timeout=SHORT)
    s = ws.owner_session()
    site = s.create_project(name="Website")
    with pytest.raises(worksection.FailedPreconditionError,
                       match="closed"):
        with s.transaction() as t:
            t.create_task(project=site, title="Never")
            ws.close()
            with pytest.raises(worksection.FailedPreconditionError,
                               match="closed"):
                t.create_task(project=site, title="Refused")
    del t
    with worksection.open(path, busy_timeout=SHORT) as again:
        s = again.owner_session()
        assert titles(s, site) == []
        s.create_task(project=site, title="Writable")
