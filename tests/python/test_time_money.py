"""Time tracking and money: the new model fields, time entries, timers,
costs, locked periods, budgets."""

from __future__ import annotations

import dataclasses
import datetime
import pickle

import pytest

import worksection
from conftest import NOW, SETUP, TODAY
from worksection import (
    BudgetKind,
    CostKind,
    ProjectMember,
    ProjectRole,
    Rounding,
    RoundingMode,
)

D = datetime.date
H = datetime.timedelta(hours=1)
M = datetime.timedelta(minutes=1)
UTC = datetime.timezone.utc


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime.datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def tws(uri, clock):
    with worksection.open(uri, create=SETUP, clock=clock) as ws:
        yield ws


# --- The new fields: updates from Python keep them ---------------------------


def test_settings_forgotten_timer_after_round_trip(s):
    settings = s.get_settings()
    assert settings.forgotten_timer_after == 10 * H
    updated = s.update_settings(settings, forgotten_timer_after=4 * H)
    assert updated.forgotten_timer_after == 4 * H
    # An update of another field keeps it.
    renamed = s.update_settings(updated, name="Acme")
    assert renamed.forgotten_timer_after == 4 * H
    assert s.get_settings() == renamed
    with pytest.raises(worksection.InvalidArgumentError):
        s.update_settings(renamed, forgotten_timer_after=datetime.timedelta(0))
    with pytest.raises(TypeError):
        s.update_settings(renamed, forgotten_timer_after=3600)


def test_project_rounding_and_clients_see_hours_round_trip(s):
    p = s.create_project(name="Site", rounding=Rounding(RoundingMode.UP, 15),
                         clients_see_hours=False)
    assert p.rounding == Rounding(RoundingMode.UP, 15)
    assert p.clients_see_hours is False
    # Updating other fields keeps them.
    p2 = s.update_project(p, name="Website", tags=["web"])
    assert (p2.rounding, p2.clients_see_hours) == (p.rounding, False)
    # A (mode, minutes) pair and None work as input.
    p3 = s.update_project(p2, rounding=("nearest", 6), clients_see_hours=True)
    assert p3.rounding == Rounding(RoundingMode.NEAREST, 6)
    assert p3.clients_see_hours is True
    assert s.get_project(p3) == p3
    assert s.update_project(p3, rounding=None).rounding == Rounding()
    assert s.create_project(name="Plain").rounding == Rounding()
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_project(name="Bad", rounding=("up", 0))
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_project(name="Bad", rounding=("sideways", 5))
    with pytest.raises(TypeError):
        s.create_project(name="Bad", rounding=15)
    assert pickle.loads(pickle.dumps(p3)) == p3


def test_project_member_billing_rate_round_trip(agency):
    s, bob, ivan = agency.owner, agency.bob, agency.ivan
    p = s.create_project(name="Rates", manager=s.actor,
                         members=[(bob, "member", 7000), (ivan, "member")])
    assert p.members == (
        ProjectMember(s.actor, ProjectRole.MANAGER, None),
        ProjectMember(bob.id, ProjectRole.MEMBER, 7000),
        ProjectMember(ivan.id, ProjectRole.MEMBER, None),
    )
    # Updates that do not mention the members keep the override.
    p = s.update_project(p, name="Rates 2")
    assert p.members[1].billing_rate == 7000
    # (member, role) pairs keep the override as read.
    p = s.update_project(p, members=[(bob, "manager"), (ivan, "member")])
    assert p.role_of(bob.id) is ProjectRole.MANAGER
    assert p.members[1].billing_rate == 7000
    # set_project_member keeps it unless given.
    p = s.set_project_member(p, bob, "member")
    assert p.members[1] == ProjectMember(bob.id, ProjectRole.MEMBER, 7000)
    p = s.set_project_member(p, ivan, "member", billing_rate=4000)
    assert p.members[2].billing_rate == 4000
    # A ProjectMember sets it exactly; None clears.
    p = s.update_project(p, members=[ProjectMember(bob.id), *p.members[2:]])
    # (the manager stays, as the library keeps them among the members)
    assert [m.billing_rate for m in p.members] == [None, None, 4000]
    assert s.get_project(p) == p


def test_member_who_cannot_see_money_keeps_billing_rates(agency):
    s = agency.owner
    p = s.update_project(agency.site, rounding=("up", 15), members=[
        *agency.site.members[:1],
        ProjectMember(agency.bob.id, ProjectRole.MANAGER, 12000),
        *agency.site.members[2:]])
    # Rita is a reader: she cannot write; Carol a client: hides money.
    as_carol = agency.s_carol.get_project(p)
    assert all(m.billing_rate is None for m in as_carol.members)
    as_bob = agency.s_bob.get_project(p)  # a manager who may not read money?
    updated = agency.s_bob.update_project(as_bob, folder="Clients")
    stored = s.get_project(p)
    assert stored.folder == "Clients"
    assert stored.role_of(agency.bob.id) is ProjectRole.MANAGER
    assert [m.billing_rate for m in stored.members] == \
        [m.billing_rate for m in p.members]
    assert stored.rounding == Rounding(RoundingMode.UP, 15)
    assert updated.revision == stored.revision


# --- Time entries ----------------------------------------------------------


def test_log_time_by_duration_and_by_start_end(agency):
    s, task = agency.owner, agency.visible
    e = s.log_time(task=task, duration=90 * M, note="Design",
                   member=agency.bob)
    assert (e.task, e.project, e.member, e.date) == (
        task.id, agency.site.id, agency.bob.id, TODAY)
    assert (e.duration, e.billed_duration, e.billable, e.note) == (
        90 * M, 90 * M, True, "Design")
    # Bob's own rate (5000) overrides the project's (9000)? The library
    # decides; whatever it chose is stored and priced consistently.
    assert e.billed_amount == round(1.5 * e.billing_rate)
    assert e.labour_cost == round(1.5 * 2000)
    assert e.start is None
    assert s.get_time_entry(e.id) == e == s.get_time_entry(e)

    kyiv = datetime.timezone(datetime.timedelta(hours=3))
    start = datetime.datetime(2024, 5, 3, 23, 30, tzinfo=UTC)  # 4 May, Kyiv
    e2 = s.log_time(task=task, start=start,
                    end=start + 2 * H, billable=False)
    assert e2.start == start and e2.start.tzinfo is not None
    assert e2.duration == 2 * H
    assert e2.date == D(2024, 5, 4)  # the workspace zone decides the day
    assert e2.billed_amount == 0 and not e2.billable
    e3 = s.log_time(task=task, start=start.astimezone(kyiv),
                    duration=H, date=D(2024, 5, 1))
    assert e3.date == D(2024, 5, 1) and e3.start == start


def test_log_time_errors(agency):
    s, task = agency.owner, agency.visible
    with pytest.raises(worksection.InvalidArgumentError) as err:
        s.log_time(task=task, duration=datetime.timedelta(0))
    assert isinstance(err.value, ValueError)
    with pytest.raises(worksection.InvalidArgumentError):
        s.log_time(task=task, duration=25 * H)
    with pytest.raises(ValueError, match="naive"):
        s.log_time(task=task, start=datetime.datetime(2024, 5, 6, 9, 0),
                   duration=H)
    with pytest.raises(ValueError, match="naive"):
        s.log_time(task=task, start=NOW,
                   end=datetime.datetime(2024, 5, 6, 10, 0))
    with pytest.raises(worksection.InvalidArgumentError):
        s.log_time(task=task, start=NOW, end=NOW - H)
    with pytest.raises(TypeError):
        s.log_time(task=task, duration=3600)
    with pytest.raises(TypeError):
        s.log_time(task=agency.site, duration=H)  # a Project as task
    with pytest.raises(TypeError):
        s.log_time(task=task, duration=H, date=NOW)  # a datetime as date
    with pytest.raises(worksection.NotFoundError):
        s.log_time(task=999, duration=H)
    with pytest.raises(worksection.PermissionDeniedError):
        agency.s_carol.log_time(task=task, duration=H)


def test_update_and_delete_time_entry(agency):
    s, task = agency.owner, agency.visible
    e = s.log_time(task=task, duration=H)
    u = s.update_time_entry(e, duration=2 * H, note="More",
                            date=D(2024, 5, 2), billable=False)
    assert u.revision == e.revision + 1
    assert (u.duration, u.note, u.date, u.billable) == (
        2 * H, "More", D(2024, 5, 2), False)
    assert u.billing_rate == e.billing_rate  # rates kept
    assert s.get_time_entry(u) == u
    with pytest.raises(worksection.ConflictError):
        s.update_time_entry(e, note="Stale")
    for field in ("project", "member", "billed_amount", "id", "created_at"):
        with pytest.raises(TypeError, match=field):
            s.update_time_entry(u, **{field: 1})
    moved = s.update_time_entry(u, task=agency.hidden)
    assert moved.task == agency.hidden.id
    with pytest.raises(worksection.ConflictError):
        s.delete_time_entry(u)  # stale revision
    s.delete_time_entry(moved)
    with pytest.raises(worksection.NotFoundError):
        s.get_time_entry(moved.id)
    e2 = s.log_time(task=task, duration=H)
    s.delete_time_entry(e2.id)  # an id: no revision check
    with pytest.raises(worksection.NotFoundError):
        s.delete_time_entry(e2.id)


def test_list_and_iter_time_entries(agency):
    s = agency.owner
    s.update_task(agency.visible, tags=["design"])
    days = [D(2024, 5, 1) + datetime.timedelta(days=i) for i in range(5)]
    made = []
    for i, day in enumerate(days):
        made.append(s.log_time(task=agency.visible, duration=(i + 1) * M,
                               date=day, member=agency.bob))
        made.append(s.log_time(task=agency.hidden, duration=H, date=day,
                               billable=False))
    page = s.list_time_entries(limit=3)
    assert len(page) == 3 and page.next_page_token
    assert [e.date for e in page] == sorted(e.date for e in page)
    everything = list(s.iter_time_entries(page_size=3))
    assert sorted(e.id for e in everything) == sorted(e.id for e in made)
    bobs = list(s.iter_time_entries(member=agency.bob, from_=days[1],
                                    to=days[3]))
    assert [e.duration for e in bobs] == [2 * M, 3 * M, 4 * M]
    assert len(list(s.iter_time_entries(billable=False))) == 5
    assert len(list(s.iter_time_entries(tag="design"))) == 5
    assert len(list(s.iter_time_entries(task=agency.hidden))) == 5
    assert len(list(s.iter_time_entries(project=agency.other))) == 0
    with pytest.raises(worksection.InvalidArgumentError):
        s.list_time_entries(limit=0)
    with pytest.raises(worksection.InvalidArgumentError):
        s.list_time_entries(page_token="garbage")


def test_reprice_time_entries(agency):
    s = agency.owner
    e = s.log_time(task=agency.visible, duration=H, member=agency.ivan)
    s.update_member(s.get_member(agency.ivan), billing_rate=15000)
    assert s.get_time_entry(e).billing_rate == e.billing_rate
    n = s.reprice_time_entries(from_=TODAY, to=TODAY, project=agency.site)
    assert n >= 0
    assert s.reprice_time_entries(from_=TODAY, to=TODAY) >= 0
    with pytest.raises(worksection.PermissionDeniedError):
        agency.s_bob.reprice_time_entries(from_=TODAY, to=TODAY)


# --- Timers ------------------------------------------------------------------


def test_timers(tws, clock):
    s = tws.owner_session()
    bob = s.create_member(name="Bob", email="bob@acme.example")
    p = s.create_project(name="P", members=[(bob, "member")])
    t = s.create_task(project=p, title="T")
    assert s.get_timer() is None
    timer = s.start_timer(t)
    assert (timer.member, timer.task, timer.started_at, timer.forgotten) == (
        s.actor, t.id, NOW, False)
    with pytest.raises(worksection.FailedPreconditionError):
        s.start_timer(t)  # one already runs
    clock.now = NOW + 25 * M
    assert s.get_timer() == timer
    assert s.list_timers() == [timer]
    t2 = s.create_task(project=p, title="T2")
    s.start_timer(t2, stop_running=True)  # the first becomes an entry
    first = list(s.iter_time_entries(task=t))
    assert [e.duration for e in first] == [25 * M]
    clock.now += 5 * M
    entry = s.stop_timer(note="Done")
    assert (entry.task, entry.duration, entry.note) == (t2.id, 5 * M, "Done")
    with pytest.raises(worksection.FailedPreconditionError):
        s.stop_timer()
    with pytest.raises(worksection.FailedPreconditionError):
        s.cancel_timer()
    s.start_timer(t)
    s.cancel_timer()
    assert s.get_timer() is None

    # Forgotten: running longer than the workspace limit.
    sb = tws.session(bob)
    sb.start_timer(t)
    clock.now += 11 * H
    forgotten = s.list_forgotten_timers()
    assert [(f.member, f.forgotten) for f in forgotten] == [(bob.id, True)]
    assert sb.list_forgotten_timers() == forgotten
    assert s.get_timer(bob) == forgotten[0]
    with pytest.raises(worksection.PermissionDeniedError):
        sb.list_timers()
    clock.now += 14 * H  # past 24 h
    with pytest.raises(worksection.FailedPreconditionError):
        sb.stop_timer()
    capped = sb.stop_timer(cap_at_limit=True)
    assert capped.duration == s.get_settings().forgotten_timer_after


# --- Costs, locks, budgets -------------------------------------------------


def test_costs_round_trip(agency):
    s = agency.owner
    c = s.create_cost(project=agency.site, amount=12_345, date=TODAY,
                      note="Fonts")
    assert (c.project, c.task, c.kind, c.amount, c.date, c.note, c.author) \
        == (agency.site.id, None, CostKind.EXPENSE, 12_345, TODAY, "Fonts",
            s.actor)
    income = s.create_cost(task=agency.visible, kind="income", amount=500,
                           date=D(2024, 5, 1))
    assert income.project == agency.site.id
    assert income.task == agency.visible.id
    assert s.get_cost(c.id) == c
    assert s.list_costs(project=agency.site) == [income, c]  # by date
    assert s.list_costs(kind=CostKind.INCOME) == [income]
    assert s.list_costs(from_=TODAY, to=TODAY) == [c]
    u = s.update_cost(c, amount=20_000, kind=CostKind.INCOME)
    assert (u.amount, u.kind, u.revision) == (20_000, CostKind.INCOME, 2)
    with pytest.raises(worksection.ConflictError):
        s.update_cost(c, note="Stale")
    with pytest.raises(TypeError, match="project"):
        s.update_cost(u, project=agency.other.id)
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_cost(project=agency.site, amount=0, date=TODAY)
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_cost(project=agency.site, amount=5, date=TODAY, kind="gift")
    s.delete_cost(u)
    s.delete_cost(income.id)
    assert s.list_costs() == []
    assert dataclasses.replace(u, note="x") != u


def test_locked_periods(agency):
    s = agency.owner
    e = s.log_time(task=agency.visible, duration=H, date=D(2024, 4, 30))
    lock = s.lock_period(D(2024, 4, 30), project=agency.site)
    assert (lock.project, lock.through, lock.author) == (
        agency.site.id, D(2024, 4, 30), s.actor)
    assert s.list_locks() == [lock]
    with pytest.raises(worksection.FailedPreconditionError):
        s.log_time(task=agency.visible, duration=H, date=D(2024, 4, 29))
    with pytest.raises(worksection.FailedPreconditionError):
        s.update_time_entry(e, note="changed")
    with pytest.raises(worksection.FailedPreconditionError):
        s.delete_time_entry(e)
    with pytest.raises(worksection.FailedPreconditionError):
        s.create_cost(project=agency.site, amount=1, date=D(2024, 4, 1))
    # Another project is not locked; a workspace-wide lock is.
    s.log_time(task=s.create_task(project=agency.other, title="x"),
               duration=H, date=D(2024, 4, 29))
    everywhere = s.lock_period(D(2024, 1, 31))
    assert everywhere.project is None
    with pytest.raises(worksection.PermissionDeniedError):
        agency.s_bob.lock_period(D(2024, 1, 1))
    s.unlock(lock)
    s.unlock(everywhere.id)
    assert s.list_locks() == []
    s.update_time_entry(e, note="changed")


def test_budgets_and_alerts(agency):
    s = agency.owner
    p = s.create_project(name="Budgeted", manager=s.actor,
                         time_budget=10 * H, money_budget=100_000,
                         billing_rate=10_000)
    t = s.create_task(project=p, title="T", estimate=2 * H,
                      money_budget=30_000)
    usage = s.get_project_budget(p)
    assert usage.time_budget == 10 * H and usage.time_used == 0 * H
    assert usage.money_budget == 100_000
    s.log_time(task=t, duration=9 * H)
    usage = s.get_project_budget(p)
    assert usage.time_used == 9 * H
    assert usage.time_remaining == H
    assert usage.time_percent == pytest.approx(90.0)
    assert usage.money_used == 90_000
    assert isinstance(usage.money_percent, float)
    task_usage = s.get_task_budget(t)
    assert task_usage.time_budget == 2 * H
    assert task_usage.time_remaining == -7 * H  # overrun
    alerts = s.list_budget_alerts(p)
    assert alerts and all(a.project == p.id for a in alerts)
    assert {(a.task, a.kind, a.percent) for a in alerts} >= {
        (None, BudgetKind.TIME, 80), (t.id, BudgetKind.TIME, 100)}
    assert all(a.crossed_at == NOW for a in alerts)


def test_budget_money_hidden_from_clients(agency):
    s = agency.owner
    s.log_time(task=agency.visible, duration=H)
    owner_view = s.get_project_budget(agency.site)
    assert owner_view.money_budget == 1_000_000
    client_view = agency.s_carol.get_project_budget(agency.site)
    assert client_view.money_budget is None
    assert client_view.money_used is None
    assert client_view.money_percent is None
    entries = list(agency.s_carol.iter_time_entries())
    assert entries and all(e.billed_amount is None and e.billing_rate is None
                           and e.labour_cost is None for e in entries)


# --- Batch import ----------------------------------------------------------


def test_log_time_batch_all_or_none(agency):
    s = agency.owner
    logs = [dict(task=agency.visible, duration=(i + 1) * M,
                 date=D(2024, 5, 1), member=agency.bob, note=f"#{i}")
            for i in range(50)]
    logs.append(dict(task=agency.hidden.id,
                     start=datetime.datetime(2024, 5, 2, 8, tzinfo=UTC),
                     end=datetime.datetime(2024, 5, 2, 9, tzinfo=UTC)))
    entries = s.log_time_batch(logs)
    assert [e.note for e in entries[:50]] == [f"#{i}" for i in range(50)]
    assert entries[50].duration == H
    assert len(list(s.iter_time_entries())) == 51
    # One bad item: nothing is written, and the message names it.
    bad = [dict(task=agency.visible, duration=H)] * 3 + [
        dict(task=agency.visible, duration=datetime.timedelta(0))]
    with pytest.raises(worksection.InvalidArgumentError, match=r"logs\[3\]"):
        s.log_time_batch(bad)
    assert len(list(s.iter_time_entries())) == 51
    with pytest.raises(TypeError, match=r"logs\[0\].*unexpected"):
        s.log_time_batch([dict(task=agency.visible, hours=1)])
    with pytest.raises(TypeError, match=r"logs\[1\]"):
        s.log_time_batch([dict(task=agency.visible, duration=H), (1, 2)])
    with pytest.raises(ValueError, match=r"logs\[0\].*naive"):
        s.log_time_batch([dict(task=agency.visible, duration=H,
                               start=datetime.datetime(2024, 5, 2, 8))])
    assert s.log_time_batch([]) == []


def test_log_time_batch_ids_returns_the_new_ids_in_order(agency):
    s = agency.owner
    logs = [dict(task=agency.visible.id, duration=(i + 1) * M,
                 date=D(2024, 5, 1), member=agency.bob.id, note=f"#{i}")
            for i in range(5)]
    ids = s.log_time_batch_ids(logs)
    assert all(type(i) is int for i in ids)
    got = [s.get_time_entry(i) for i in ids]
    assert [e.note for e in got] == [f"#{i}" for i in range(5)]
    assert [e.duration for e in got] == [(i + 1) * M for i in range(5)]
    assert {e.member for e in got} == {agency.bob.id}
    assert s.log_time_batch_ids([]) == []
    # The same entries as log_time_batch writes, apart from ids and times;
    # the TimeEntry objects it builds are dataclasses like any other.
    full = s.log_time_batch(logs)
    assert full[0] == dataclasses.replace(full[0])
    assert hash(full[0]) == hash(dataclasses.replace(full[0]))
    assert pickle.loads(pickle.dumps(full)) == full
    assert "note='#0'" in repr(full[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        full[0].note = "x"  # type: ignore[misc]
    assert [dataclasses.replace(e, id=0, created_at=NOW, updated_at=NOW)
            for e in full] == [
        dataclasses.replace(e, id=0, created_at=NOW, updated_at=NOW)
        for e in got]


@dataclasses.dataclass
class LogRow:
    task: int
    duration: datetime.timedelta
    note: str = ""


def test_log_time_batch_reads_mappings_dataclasses_namedtuples(agency):
    import collections
    import types

    s = agency.owner
    Row = collections.namedtuple("Row", "task duration note")
    logs = [
        dict(task=agency.visible, duration=H, note="dict"),
        types.MappingProxyType(dict(task=agency.visible, duration=H,
                                    note="mapping")),
        LogRow(task=agency.visible.id, duration=H, note="dataclass"),
        Row(agency.visible.id, H, "namedtuple"),
    ]
    # Any iterable: a generator too.
    entries = s.log_time_batch(log for log in logs)
    assert [e.note for e in entries] == [
        "dict", "mapping", "dataclass", "namedtuple"]
    assert all(e.duration == H and e.task == agency.visible.id
               for e in entries)


def test_log_time_batch_errors_name_the_item_and_field(agency):
    s = agency.owner
    good = dict(task=agency.visible, duration=H, date=D(2024, 5, 1))
    before = len(list(s.iter_time_entries()))
    cases = [
        (dict(good, note=7), TypeError, r"^logs\[2\]: note: expected str"),
        (dict(good, duration=60), TypeError, r"^logs\[2\]: duration: "),
        (dict(good, billable=1), TypeError, r"^logs\[2\]: billable: "),
        (dict(good, date=NOW), TypeError, r"^logs\[2\]: date: "),
        (dict(good, member=agency.site), TypeError,
         r"^logs\[2\]: member: expected an int id or a Member"),
        (dict(good, task="7"), TypeError, r"^logs\[2\]: task: "),
        (dict(good, task=agency.site), TypeError, r"^logs\[2\]: task: "),
        (dict(good, task=True), TypeError, r"^logs\[2\]: task: "),
        (dict(good, task=2**70), worksection.InvalidArgumentError,
         r"^logs\[2\]: task: .* out of range"),
        (dict(good, start=datetime.datetime(2024, 5, 1, 9)),
         worksection.InvalidArgumentError, r"^logs\[2\]: start: a naive"),
        (dict(good, hours=1), TypeError, r"^logs\[2\]: unexpected key 'hours'"),
        ({1: 2, **good}, TypeError, r"^logs\[2\]: unexpected key 1"),
        (dict(duration=H), TypeError, r"^logs\[2\]: 'task' is required"),
        ((agency.visible.id, H), TypeError, r"^logs\[2\]: expected a mapping"),
        (LogRow, TypeError, r"^logs\[2\]: expected a mapping"),
        (dict(good, duration=datetime.timedelta(0)),
         worksection.InvalidArgumentError, r"^logs\[2\]: "),
    ]
    for bad, error, message in cases:
        for call in (s.log_time_batch, s.log_time_batch_ids):
            with pytest.raises(error, match=message):
                call([good, good, bad, good])
    with pytest.raises(TypeError, match=r"^logs: expected a sequence, got str"):
        s.log_time_batch_ids("task")
    with pytest.raises(TypeError, match=r"^logs: expected a sequence"):
        s.log_time_batch_ids(7)
    # None of it was written.
    assert len(list(s.iter_time_entries())) == before
