"""Every entity round trip: settings, members, projects, tasks, comments."""

from __future__ import annotations

import dataclasses
import datetime
import pickle

import pytest

import worksection
from conftest import NOW
from worksection import (
    ChecklistItem,
    Deadline,
    ProjectMember,
    ProjectRole,
    ProjectStatus,
    Role,
    TaskStatus,
    Weekday,
)

D = datetime.date


def test_settings_round_trip(s):
    settings = s.get_settings()
    updated = s.update_settings(settings, name="Acme", time_zone="UTC",
                                currency="USD", week_start=Weekday.SUNDAY)
    assert updated.revision == settings.revision + 1
    assert (updated.name, updated.time_zone, updated.currency,
            updated.week_start) == ("Acme", "UTC", "USD", Weekday.SUNDAY)
    assert s.get_settings() == updated
    assert s.update_settings(updated, week_start="monday").week_start \
        is Weekday.MONDAY
    with pytest.raises(worksection.ConflictError):
        s.update_settings(settings, name="Stale")
    with pytest.raises(TypeError, match="revision"):
        s.update_settings(updated, revision=7)


def test_member_round_trip(s):
    m = s.create_member(name="Bob", email="Bob@Acme.Example",
                        role=Role.EMPLOYEE, company="Acme",
                        cost_rate=2500, billing_rate=6000)
    assert m.id > 0 and m.revision == 1
    assert m.email == "bob@acme.example"
    assert (m.name, m.role, m.company, m.cost_rate, m.billing_rate,
            m.active) == ("Bob", Role.EMPLOYEE, "Acme", 2500, 6000, True)
    assert m.created_at == m.updated_at == NOW
    assert s.get_member(m.id) == m
    assert s.get_member(m) == m

    plain = s.create_member(name="Ann", email="ann@acme.example")
    assert (plain.cost_rate, plain.billing_rate) == (0, 0)

    u = s.update_member(m, name="Robert", role="admin", company="",
                        cost_rate=3000)
    assert (u.name, u.role, u.company, u.cost_rate, u.billing_rate,
            u.revision) == ("Robert", Role.ADMIN, "", 3000, 6000, 2)
    kept = s.update_member(u, cost_rate=None)  # None keeps the rate
    assert kept.cost_rate == 3000

    off = s.deactivate_member(m)
    assert not off.active
    assert off.id not in [x.id for x in s.list_members()]
    assert off.id in [x.id for x in s.list_members(include_inactive=True)]
    on = s.reactivate_member(m.id)
    assert on.active
    with pytest.raises(TypeError, match="deactivate_member"):
        s.update_member(on, active=False)

    admins = s.list_members(role=Role.ADMIN)
    assert [x.id for x in admins] == [m.id]
    assert [x.name for x in s.list_members()] == ["Olena Koval", "Robert",
                                                  "Ann"]


def test_project_round_trip_with_members(s, agency):
    a = agency
    p = s.create_project(
        name="Shop", status=ProjectStatus.PAUSED, folder="Clients/Acme",
        manager=a.bob, start_date=D(2024, 5, 1), deadline=D(2024, 6, 30),
        time_budget=datetime.timedelta(hours=120), money_budget=2_500_000,
        billing_rate=8000, tags=["shop", "b2c", "shop"],
        members={a.ivan: ProjectRole.MEMBER, a.carol.id: "client"})
    assert p.id > 0 and p.revision == 1
    assert (p.name, p.status, p.folder, p.manager) == (
        "Shop", ProjectStatus.PAUSED, "Clients/Acme", a.bob.id)
    assert (p.start_date, p.deadline) == (D(2024, 5, 1), D(2024, 6, 30))
    assert p.time_budget == datetime.timedelta(hours=120)
    assert (p.money_budget, p.billing_rate) == (2_500_000, 8000)
    assert p.tags == ("b2c", "shop")
    assert p.members == tuple(sorted([
        ProjectMember(a.bob.id, ProjectRole.MANAGER),
        ProjectMember(a.ivan.id, ProjectRole.MEMBER),
        ProjectMember(a.carol.id, ProjectRole.CLIENT)],
        key=lambda m: m.member))
    assert p.role_of(a.bob.id) is ProjectRole.MANAGER
    assert p.role_of(a.rita.id) is None
    assert s.get_project(p.id) == p

    p2 = s.set_project_member(p, a.rita, ProjectRole.MEMBER)
    assert p2.role_of(a.rita.id) is ProjectRole.MEMBER
    p3 = s.remove_project_member(p2, a.ivan)
    assert p3.role_of(a.ivan.id) is None
    with pytest.raises(worksection.ConflictError):
        s.set_project_member(p, a.rita)  # p is stale

    p4 = s.update_project(p3, name="Shop 2", status="active", deadline=None,
                          time_budget=None, tags=())
    assert (p4.name, p4.status, p4.deadline, p4.time_budget, p4.tags) == (
        "Shop 2", ProjectStatus.ACTIVE, None, None, ())
    assert [x.id for x in s.list_projects(member=a.rita)] == [a.site.id, p.id]

    archived = s.archive_project(p4)
    assert archived.status is ProjectStatus.ARCHIVED
    assert p.id not in [x.id for x in s.list_projects()]
    assert p.id in [x.id for x in s.list_projects(include_archived=True)]
    assert [x.id for x in s.list_projects(status="archived")] == [p.id]
    with pytest.raises(worksection.FailedPreconditionError):
        s.create_task(project=p, title="In an archived project")


def test_task_round_trip_every_field(s, agency):
    a = agency
    t = s.create_task(
        project=a.site, title="Design", text="The home page\nin two sizes",
        assignee=a.bob, priority=8, start_date=D(2024, 5, 1),
        deadline=Deadline(D(2024, 5, 10), datetime.time(17, 30)),
        estimate=datetime.timedelta(hours=6, minutes=30),
        money_budget=120_000, tags=["design", "ux"],
        checklist=["Sketch", ChecklistItem("Mock-up", done=True)],
        subscribers=[a.ivan, a.bob.id], hidden_from_clients=True)
    assert t.id > 0 and t.revision == 1
    assert (t.project, t.parent, t.author, t.assignee) == (
        a.site.id, None, s.actor, a.bob.id)
    assert (t.title, t.text, t.priority, t.status) == (
        "Design", "The home page\nin two sizes", 8, TaskStatus.OPEN)
    assert t.start_date == D(2024, 5, 1)
    assert t.deadline == Deadline(D(2024, 5, 10), datetime.time(17, 30))
    assert t.deadline.minute_of_day == 17 * 60 + 30
    assert str(t.deadline) == "2024-05-10 17:30"
    assert t.estimate == datetime.timedelta(hours=6, minutes=30)
    assert t.money_budget == 120_000
    assert t.tags == ("design", "ux")
    assert t.checklist == (ChecklistItem("Sketch"),
                           ChecklistItem("Mock-up", True))
    assert t.subscribers == tuple(sorted([a.ivan.id, a.bob.id]))
    assert t.hidden_from_clients
    assert (t.completion_note, t.completed_at) == ("", None)
    assert t.created_at == t.updated_at == NOW
    assert not t.done
    assert s.get_task(t.id) == t

    # A day-only deadline, given as a date.
    u = s.update_task(t, deadline=D(2024, 5, 11), checklist=[], tags=["ux"],
                      subscribers=[], estimate=None, start_date=None,
                      title="Design v2", priority=0, assignee=None)
    assert u.deadline == Deadline(D(2024, 5, 11))
    assert u.deadline.time is None and u.deadline.minute_of_day is None
    assert str(u.deadline) == "2024-05-11"
    assert (u.checklist, u.tags, u.subscribers, u.estimate, u.start_date,
            u.title, u.priority, u.assignee, u.revision) == (
        (), ("ux",), (), None, None, "Design v2", 0, None, 2)

    sub = s.create_task(project=a.site, title="Sub", parent=u)
    assert sub.parent == t.id
    assert sub.hidden_from_clients  # under a hidden task
    subsub = s.create_task(project=a.site, title="Subsub", parent=sub.id)
    with pytest.raises(worksection.FailedPreconditionError):
        s.create_task(project=a.site, title="4th level", parent=subsub)


def test_complete_reopen_move(s, agency):
    a = agency
    t = s.create_task(project=a.site, title="Ship")
    child = s.create_task(project=a.site, title="Child", parent=t)
    done = s.complete_task(t, note="Shipped on time")
    assert done.status is TaskStatus.DONE and done.done
    assert done.completion_note == "Shipped on time"
    assert done.completed_at == NOW
    with pytest.raises(worksection.FailedPreconditionError):
        s.complete_task(t.id)
    again = s.reopen_task(t)
    assert again.status is TaskStatus.OPEN
    assert (again.completion_note, again.completed_at) == ("", None)
    with pytest.raises(worksection.FailedPreconditionError):
        s.reopen_task(t)

    moved = s.move_task(t, a.other)
    assert moved.project == a.other.id and moved.parent is None
    assert s.get_task(child).project == a.other.id
    top = s.create_task(project=a.site, title="Top")
    under = s.move_task(top, a.other, parent=moved)
    assert (under.project, under.parent) == (a.other.id, moved.id)
    with pytest.raises(TypeError, match="move_task"):
        s.update_task(under, project=a.site.id)
    with pytest.raises(TypeError, match="complete_task"):
        s.update_task(under, status=TaskStatus.DONE)
    with pytest.raises(TypeError):
        s.update_task(under, no_such_field=1)


def test_comment_round_trip(s, agency):
    a = agency
    c = s.create_comment(task=a.visible, text="Looks good",
                         hidden_from_clients=False)
    assert (c.task, c.author, c.text, c.hidden_from_clients, c.revision) == (
        a.visible.id, s.actor, "Looks good", False, 1)
    assert c.created_at == NOW
    assert s.get_comment(c.id) == c
    u = s.update_comment(c, text="Looks great", hidden_from_clients=True)
    assert (u.text, u.hidden_from_clients, u.revision) == (
        "Looks great", True, 2)
    assert [x.id for x in s.list_comments(a.visible)] == [
        a.comment.id, a.secret.id, c.id]
    with pytest.raises(worksection.ConflictError):
        s.update_comment(c, text="stale")
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_comment(task=a.visible, text="")


def test_entities_are_frozen_values(s, agency):
    t = s.get_task(agency.visible.id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.title = "x"
    assert t == s.get_task(t.id)
    assert hash(t) == hash(s.get_task(t.id))
    assert len({t, s.get_task(t.id)}) == 1
    assert pickle.loads(pickle.dumps(t)) == t
    r = repr(t)
    assert r.startswith("Task(id=") and "title='Visible'" in r
    assert "TaskStatus.OPEN" in r
    assert repr(agency.bob).startswith("Member(id=")
    assert "Role.EMPLOYEE" in repr(agency.bob)
    assert str(Role.CLIENT) == "client"
    changed = dataclasses.replace(t, title="Replaced")
    assert s.update_task(changed).title == "Replaced"


def test_ids_are_plain_ints(agency):
    for v in (agency.bob.id, agency.site.id, agency.visible.id,
              agency.comment.id):
        assert type(v) is int
