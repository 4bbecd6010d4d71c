"""Every status code maps to its exception class."""

from __future__ import annotations

import pytest

import worksection
from worksection import errors

CODES = {
    "CANCELLED": errors.CancelledError,
    "UNKNOWN": errors.UnknownError,
    "INVALID_ARGUMENT": errors.InvalidArgumentError,
    "DEADLINE_EXCEEDED": errors.DeadlineExceededError,
    "NOT_FOUND": errors.NotFoundError,
    "ALREADY_EXISTS": errors.AlreadyExistsError,
    "PERMISSION_DENIED": errors.PermissionDeniedError,
    "RESOURCE_EXHAUSTED": errors.ResourceExhaustedError,
    "FAILED_PRECONDITION": errors.FailedPreconditionError,
    "ABORTED": errors.ConflictError,
    "OUT_OF_RANGE": errors.OutOfRangeError,
    "UNIMPLEMENTED": errors.UnimplementedError,
    "INTERNAL": errors.InternalError,
    "UNAVAILABLE": errors.UnavailableError,
    "DATA_LOSS": errors.DataLossError,
    "UNAUTHENTICATED": errors.UnauthenticatedError,
}


def test_one_class_per_code():
    assert len(set(CODES.values())) == 16
    for code, cls in CODES.items():
        assert cls.code == code
        assert issubclass(cls, worksection.Error)
        assert getattr(worksection, cls.__name__) is cls
    assert issubclass(worksection.InvalidArgumentError, ValueError)
    assert not issubclass(worksection.NotFoundError, ValueError)


def test_errors_carry_the_message(s):
    with pytest.raises(worksection.NotFoundError) as e:
        s.get_task(987654)
    assert "987654" in str(e.value)
    assert e.value.message == str(e.value)
    assert e.value.code == "NOT_FOUND"
    assert isinstance(e.value, worksection.Error)


def test_not_found(s):
    with pytest.raises(worksection.NotFoundError):
        s.get_member(999)
    with pytest.raises(worksection.NotFoundError):
        s.get_project(999)
    with pytest.raises(worksection.NotFoundError):
        s.get_comment(999)
    with pytest.raises(worksection.NotFoundError):
        s.create_task(project=999, title="Nowhere")


def test_unknown_actor_is_not_found(ws):
    with pytest.raises(worksection.NotFoundError):
        ws.session(424242).get_settings()


def test_already_exists(s):
    s.create_member(name="Bob", email="bob@acme.example")
    with pytest.raises(worksection.AlreadyExistsError):
        s.create_member(name="Bobby", email="BOB@acme.example")


def test_permission_denied(agency):
    with pytest.raises(worksection.PermissionDeniedError):
        agency.s_bob.create_member(name="X", email="x@acme.example")
    with pytest.raises(worksection.PermissionDeniedError):
        agency.s_rita.create_task(project=agency.site, title="Nope")
    agency.owner.deactivate_member(agency.bob)
    with pytest.raises(worksection.PermissionDeniedError):
        agency.s_bob.get_settings()


def test_conflict_on_a_stale_revision(s, agency):
    t = s.get_task(agency.visible.id)
    s.update_task(t, title="First")
    with pytest.raises(worksection.ConflictError, match="again"):
        s.update_task(t, title="Second")


def test_invalid_argument_is_a_value_error(s, agency):
    with pytest.raises(ValueError):
        s.create_task(project=agency.site, title="")
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=agency.site, title="x", priority=11)
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=agency.site, title="x" * 501)
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=agency.site, title="x",
                      start_date=__import__("datetime").date(2024, 5, 9),
                      deadline=__import__("datetime").date(2024, 5, 8))
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_member(name="Bad", email="not-an-email")
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=agency.site, title="nul\0byte")


def test_failed_precondition(s, ws):
    with pytest.raises(worksection.FailedPreconditionError):
        s.deactivate_member(s.actor)  # the last active owner


def test_base_class_catches_everything(s):
    with pytest.raises(worksection.Error):
        s.get_task(123456)
