"""The change feed from Python: changes_since pages, a consumer that
resumes, subscribers (with their errors kept away from the writer), and
what a client may receive."""

from __future__ import annotations

import datetime
import sys

import pytest

import worksection


def drain(session, after=0, limit=3):
    events = []
    while True:
        page = session.changes_since(after, limit=limit)
        events.extend(page.events)
        after = page.last_seq
        if not page.has_more:
            return events, after


def test_events_describe_each_change(s):
    site = s.create_project(name="Site")
    _, start = drain(s)
    task = s.create_task(project=site, title="Draft")
    s.update_task(task, title="Final")
    s.complete_task(task)
    events, _ = drain(s, start)
    assert [(e.entity_type, e.action) for e in events] == [
        ("task", "created"), ("task", "updated"), ("task", "completed")]
    created, updated, completed = events
    assert created.actor == s.actor and created.entity_id == task.id
    assert created.project == site.id
    assert isinstance(created.at, datetime.datetime)
    assert [(c.field, c.old, c.new) for c in updated.changes] == [
        ("title", "Draft", "Final")]
    status = [c for c in completed.changes if c.field == "status"][0]
    assert (status.old, status.new) == ("open", "done")
    assert '"entity_type":"ENTITY_TYPE_TASK"' in created.json


def test_a_batch_log_is_one_event_per_task_with_the_new_ids(s):
    site = s.create_project(name="Site")
    a = s.create_task(project=site, title="a")
    b = s.create_task(project=site, title="b")
    _, start = drain(s)
    hour = datetime.timedelta(hours=1)
    written = s.log_time_batch(
        [dict(task=t, duration=hour) for t in (a, b, a)])
    events, _ = drain(s, start)
    assert [(e.entity_type, e.action, e.task) for e in events] == [
        ("time_entry", "batch_created", a.id),
        ("time_entry", "batch_created", b.id)]
    assert events[0].entity_ids == (written[0].id, written[2].id)
    assert events[1].entity_ids == (written[1].id,)
    assert events[0].entity_id == 0 and events[0].changes == ()
    single = s.log_time(task=a, duration=hour)
    events, _ = drain(s, events[-1].seq)
    assert [(e.action, e.entity_id, e.entity_ids) for e in events] == [
        ("created", single.id, ())]


def test_a_resumed_consumer_sees_every_change_once(s):
    site = s.create_project(name="Site")
    seen, position = drain(s)
    for i in range(4):
        s.create_task(project=site, title=f"t{i}")
    more, position = drain(s, position, limit=2)
    seen += more
    again, position = drain(s, position)
    assert again == []
    assert [e.seq for e in seen] == list(range(1, len(seen) + 1))


def test_a_failed_call_writes_no_event(s):
    site = s.create_project(name="Site")
    _, position = drain(s)
    with pytest.raises(worksection.InvalidArgumentError):
        s.create_task(project=site, title="")
    assert drain(s, position) == ([], position)


def test_bad_arguments(s):
    with pytest.raises(worksection.InvalidArgumentError):
        s.changes_since(-1)
    with pytest.raises(worksection.InvalidArgumentError):
        s.changes_since(0, limit=0)


def test_subscriber_hears_commits_and_stops_when_closed(ws, s):
    site = s.create_project(name="Site")
    heard = []
    with ws.subscribe(s.actor, heard.append) as sub:
        assert sub.active
        s.create_task(project=site, title="one")
        assert len(heard) == 1
        assert [e.entity_type for e in heard[0]] == ["task"]
    assert not sub.active
    s.create_task(project=site, title="two")
    assert len(heard) == 1


def test_a_raising_subscriber_does_not_break_the_writer(ws, s, monkeypatch):
    site = s.create_project(name="Site")
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)

    def boom(events):
        raise RuntimeError("subscriber failed")

    with ws.subscribe(s.actor, boom):
        task = s.create_task(project=site, title="still created")
    assert s.get_task(task.id).title == "still created"
    assert len(reported) == 1
    assert isinstance(reported[0].exc_value, RuntimeError)


def test_unknown_subscriber_is_not_found(ws):
    with pytest.raises(worksection.NotFoundError):
        ws.subscribe(424242, lambda events: None)
    with pytest.raises(TypeError):
        ws.subscribe(1, "not callable")


def test_client_receives_no_hidden_item_and_no_money(agency):
    a = agency
    heard = []
    with a.ws.subscribe(a.carol, heard.extend):
        visible = a.owner.update_task(a.visible, money_budget=60_000)
        a.owner.update_task(a.hidden, title="Hidden, renamed")
        a.owner.update_task(visible, title="Visible, renamed")
    events, _ = drain(a.s_carol)
    for e in events + heard:
        assert not e.hidden_from_clients
        assert not e.money
        assert e.entity_id != a.hidden.id or e.entity_type != "task"
        assert all(not c.money for c in e.changes)
        assert "money_budget" not in [c.field for c in e.changes]
    assert [(e.action, [c.field for c in e.changes]) for e in heard] == [
        ("updated", ["title"])]
    owner_events, _ = drain(a.owner)
    assert any(c.field == "money_budget"
               for e in owner_events for c in e.changes)


def test_client_hears_a_task_unhidden_with_its_new_values_only(agency):
    a = agency
    _, start = drain(a.s_carol)
    a.owner.update_task(a.hidden, title="Launch plan",
                        hidden_from_clients=False)
    events, _ = drain(a.s_carol, start)
    assert [(e.action, e.entity_id, e.revealed_to_clients)
            for e in events] == [("updated", a.hidden.id, True)]
    title = [c for c in events[0].changes if c.field == "title"][0]
    assert (title.old, title.new) == (None, "Launch plan")
    assert all(c.old is None for c in events[0].changes)
