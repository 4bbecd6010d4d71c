"""Opening, bootstrapping, read-only, closing, version."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest

import worksection
from conftest import NOW, SETUP, fixed_clock
from worksection import Role


def test_open_with_create_sets_up_settings_and_owner(ws):
    assert ws.is_initialized()
    owner = ws.first_owner()
    assert owner.role is Role.OWNER
    assert owner.name == "Olena Koval"
    assert owner.email == "olena@acme.example"
    assert owner.active
    assert owner.created_at == NOW
    s = ws.session(owner)
    settings = s.get_settings()
    assert settings.name == "Acme Digital"
    assert settings.time_zone == "Europe/Kyiv"
    assert settings.currency == "EUR"
    assert settings.week_start is worksection.Weekday.MONDAY
    assert settings.revision == 1
    assert s.today() == datetime.date(2024, 5, 6)
    assert ws.now() == NOW


def test_session_and_as_member_are_the_same(ws):
    owner = ws.first_owner()
    assert ws.session(owner).actor == owner.id
    assert ws.as_member(owner.id).actor == owner.id
    assert ws.owner_session().actor == owner.id
    assert "actor=" in repr(ws.session(owner))


def test_bootstrap_an_empty_store(tmp_path):
    with worksection.open(tmp_path / "empty.db") as ws:
        assert not ws.is_initialized()
        with pytest.raises(worksection.FailedPreconditionError):
            ws.first_owner()
        with pytest.raises(worksection.FailedPreconditionError):
            ws.session(1).get_settings()
        owner = ws.bootstrap(SETUP)
        assert owner.role is Role.OWNER and owner.id > 0
        assert ws.is_initialized()
        assert ws.first_owner() == owner
        with pytest.raises(worksection.FailedPreconditionError,
                           match="already holds"):
            ws.bootstrap(SETUP)


def test_bad_setup_is_invalid_argument(tmp_path):
    bad = worksection.Setup(name="", owner_name="O", owner_email="o@x.example")
    with pytest.raises(worksection.InvalidArgumentError):
        worksection.open(tmp_path / "x.db", create=bad)
    with pytest.raises(TypeError):
        worksection.open(tmp_path / "x.db", create={"name": "x"})


def test_sqlite_persists_and_create_is_ignored_when_set_up(tmp_path):
    path = tmp_path / "agency.db"
    with worksection.open(path, create=SETUP) as ws:
        s = ws.owner_session()
        p = s.create_project(name="Kept")
    other = worksection.Setup(name="Other", owner_name="X",
                              owner_email="x@x.example")
    with worksection.open(str(path), create=other) as ws:
        s = ws.owner_session()
        assert s.get_settings().name == "Acme Digital"
        assert s.get_project(p.id) == p
        assert len(s.list_members()) == 1


def test_read_only_reads_but_never_writes(tmp_path):
    path = tmp_path / "agency.db"
    with worksection.open(path, create=SETUP) as ws:
        s = ws.owner_session()
        p = s.create_project(name="Site")
        t = s.create_task(project=p, title="Task")
    # SQLite may leave -wal/-shm side files; the store itself never changes.
    before = path.read_bytes()
    with worksection.open(path, read_only=True) as ws:
        assert ws.read_only
        assert "read-only" in repr(ws)
        s = ws.owner_session()
        assert s.get_task(t.id) == t
        assert [x.id for x in s.iter_tasks()] == [t.id]
        with pytest.raises(worksection.FailedPreconditionError):
            s.create_task(project=p, title="Nope")
        with pytest.raises(worksection.FailedPreconditionError):
            s.update_task(t, title="Nope")
        with pytest.raises(worksection.FailedPreconditionError):
            ws.bootstrap(SETUP)
    assert path.read_bytes() == before


def test_read_only_missing_file_is_not_found(tmp_path):
    with pytest.raises(worksection.NotFoundError):
        worksection.open(tmp_path / "missing.db", read_only=True)


def test_a_file_that_is_not_a_store_is_data_loss(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a SQLite database, just some text" * 100)
    with pytest.raises(worksection.DataLossError):
        worksection.open(path)


def test_closed_workspace_refuses_calls(tmp_path):
    ws = worksection.open(tmp_path / "a.db", create=SETUP)
    s = ws.owner_session()
    ws.close()
    ws.close()  # twice is harmless
    assert ws.closed and "closed" in repr(ws)
    with pytest.raises(worksection.FailedPreconditionError, match="closed"):
        s.get_settings()
    with pytest.raises(worksection.FailedPreconditionError, match="closed"):
        ws.session(1)


def test_session_keeps_the_workspace_alive():
    s = worksection.open("memory:", create=SETUP).owner_session()
    import gc
    gc.collect()
    assert s.get_settings().name == "Acme Digital"


def test_open_argument_types(tmp_path):
    with pytest.raises(TypeError):
        worksection.open(42)
    with pytest.raises(TypeError):
        worksection.open("memory:", read_only="yes")
    with pytest.raises(TypeError):
        worksection.open("memory:", busy_timeout=5)
    with pytest.raises(TypeError):
        worksection.open("memory:", clock=lambda: "now")


def test_naive_clock_is_value_error():
    with pytest.raises(ValueError, match="naive"):
        worksection.open("memory:", clock=lambda: datetime.datetime(2024, 1, 1))
    with pytest.raises(worksection.InvalidArgumentError):
        worksection.open("memory:", clock=datetime.datetime.now)


def test_aware_clock_in_another_zone_is_converted():
    kyiv = datetime.timezone(datetime.timedelta(hours=3))
    local = datetime.datetime(2024, 5, 6, 12, 0, 0, 250, tzinfo=kyiv)
    with worksection.open("memory:", create=SETUP, clock=lambda: local) as ws:
        owner = ws.first_owner()
        assert owner.created_at == local
        assert owner.created_at.tzinfo is datetime.timezone.utc
        assert owner.created_at.hour == 9
        assert owner.created_at.microsecond == 250


def test_version():
    v = worksection.version()
    assert v == worksection.__version__
    parts = v.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)


def test_limits():
    assert worksection.limits.MAX_PAGE_SIZE == 1000
    assert worksection.limits.MAX_PRIORITY == 10
    assert worksection.limits.MAX_TASK_DEPTH == 3


def test_python_m_worksection_version():
    out = subprocess.run(
        [sys.executable, "-m", "worksection", "--version"],
        check=True, capture_output=True, text=True)
    assert out.stdout.strip() == f"worksection {worksection.version()}"


def test_python_m_worksection_without_arguments_prints_help():
    out = subprocess.run([sys.executable, "-m", "worksection"],
                         check=True, capture_output=True, text=True)
    assert "--version" in out.stdout


def test_fixed_clock_helper_is_aware():
    assert fixed_clock().utcoffset() == datetime.timedelta(0)
