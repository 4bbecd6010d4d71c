"""Conversions: dates, datetimes, durations, deadlines, ids, enums."""

from __future__ import annotations

import datetime

import pytest

import worksection
from worksection import Deadline, ProjectStatus, Role

D = datetime.date


def test_timestamps_are_aware_utc(s, agency):
    t = s.get_task(agency.visible.id)
    for value in (t.created_at, t.updated_at, agency.bob.created_at):
        assert isinstance(value, datetime.datetime)
        assert value.tzinfo is datetime.timezone.utc


def test_dates_and_durations_round_trip(s):
    p = s.create_project(name="Edges", start_date=D(1900, 1, 1),
                         deadline=D(9999, 12, 31),
                         time_budget=datetime.timedelta(days=400, seconds=1))
    assert (p.start_date, p.deadline) == (D(1900, 1, 1), D(9999, 12, 31))
    assert p.time_budget == datetime.timedelta(days=400, seconds=1)


def test_date_before_1900_is_invalid(s):
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_project(name="Old", start_date=D(1899, 12, 31))


def test_sub_second_durations_are_invalid(s, agency):
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=agency.site, title="x",
                      estimate=datetime.timedelta(seconds=1, microseconds=5))
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=agency.site, title="x",
                      estimate=datetime.timedelta(0))


def test_deadline_inputs(s, agency):
    site = agency.site
    t = s.create_task(project=site, title="a", deadline=D(2024, 5, 9))
    assert t.deadline == Deadline(D(2024, 5, 9), None)
    t = s.create_task(project=site, title="b",
                      deadline=Deadline(D(2024, 5, 9), datetime.time(0, 0)))
    assert t.deadline.minute_of_day == 0
    t = s.create_task(project=site, title="c",
                      deadline=Deadline(D(2024, 5, 9), datetime.time(23, 59)))
    assert t.deadline.minute_of_day == 1439
    # A datetime is ambiguous (which zone?): refused, naive or aware.
    for dt in (datetime.datetime(2024, 5, 9, 17, 0),
               datetime.datetime(2024, 5, 9, 17, 0,
                                 tzinfo=datetime.timezone.utc)):
        with pytest.raises(TypeError, match="Deadline"):
            s.create_task(project=site, title="d", deadline=dt)
    with pytest.raises(worksection.InvalidArgumentError, match="minutes"):
        s.create_task(project=site, title="e", deadline=Deadline(
            D(2024, 5, 9), datetime.time(17, 0, 30)))
    with pytest.raises(ValueError, match="tzinfo"):
        s.create_task(project=site, title="f", deadline=Deadline(
            D(2024, 5, 9),
            datetime.time(17, 0, tzinfo=datetime.timezone.utc)))
    with pytest.raises(TypeError):
        s.create_task(project=site, title="g", deadline="2024-05-09")


def test_a_datetime_is_not_a_date(s):
    with pytest.raises(TypeError, match="date"):
        s.create_project(name="x",
                         start_date=datetime.datetime(2024, 5, 1, 12, 0))
    with pytest.raises(TypeError):
        s.list_tasks(overdue_as_of=datetime.datetime(2024, 5, 1))


def test_ids_accept_ints_and_entities_only(s, agency):
    assert s.get_member(agency.bob) == s.get_member(agency.bob.id)
    with pytest.raises(TypeError):
        s.get_member(True)
    with pytest.raises(TypeError):
        s.get_member("2")
    with pytest.raises(TypeError):
        s.get_member(agency.site)  # a Project is not a Member
    with pytest.raises(TypeError):
        s.get_task(2.0)
    with pytest.raises(worksection.InvalidArgumentError, match="range"):
        s.create_task(project=agency.site, title="x", money_budget=2**70)


def test_enums_accept_members_and_values(s):
    m = s.create_member(name="C", email="c@x.example", role="client")
    assert m.role is Role.CLIENT
    assert isinstance(m.role, Role) and isinstance(Role.CLIENT, __import__(
        "enum").Enum)
    with pytest.raises(worksection.InvalidArgumentError, match="owner"):
        s.create_member(name="D", email="d@x.example", role="boss")
    with pytest.raises(TypeError):
        s.create_member(name="D", email="d@x.example", role=2)
    p = s.create_project(name="P", status="paused")
    assert p.status is ProjectStatus.PAUSED


def test_sequences(s, agency):
    with pytest.raises(TypeError, match="sequence"):
        s.create_task(project=agency.site, title="x", tags="urgent")
    with pytest.raises(TypeError):
        s.create_task(project=agency.site, title="x", checklist=[1])
    t = s.create_task(project=agency.site, title="x",
                      tags=(t for t in ["b", "a"]))
    assert t.tags == ("a", "b")


def test_strings_are_utf8(s, agency):
    t = s.create_task(project=agency.site, title="Дизайн головної ✓",
                      text="emoji 🎉")
    assert s.get_task(t.id).title == "Дизайн головної ✓"
    assert s.get_task(t.id).text == "emoji 🎉"
    with pytest.raises(ValueError):  # a lone surrogate is not UTF-8
        s.create_task(project=agency.site, title="bad \ud800")
