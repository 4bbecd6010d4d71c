"""list_tasks filters, orders and paging; iter_tasks."""

from __future__ import annotations

import datetime

import pytest

import worksection
from conftest import TODAY
from worksection import Deadline, TaskOrder, TaskStatus

D = datetime.date


@pytest.fixture
def board(s, agency):
    a = agency
    t = {}
    t["late"] = s.create_task(project=a.site, title="Late report",
                              assignee=a.bob, priority=9,
                              deadline=D(2024, 5, 1), tags=["report"])
    t["timed"] = s.create_task(
        project=a.site, title="Timed", assignee=a.bob, priority=3,
        deadline=Deadline(D(2024, 5, 1), datetime.time(10, 0)))
    t["future"] = s.create_task(project=a.site, title="Future",
                                text="mentions the REPORT in its text",
                                assignee=a.ivan, priority=5,
                                deadline=D(2024, 6, 1))
    t["done"] = s.create_task(project=a.other, title="Done late",
                              deadline=D(2024, 4, 1), priority=1)
    s.complete_task(t["done"])
    t["sub"] = s.create_task(project=a.site, title="Sub", parent=t["late"],
                             priority=7)
    return t


def ids(tasks):
    return [t.id for t in tasks]


def test_filters(s, agency, board):
    a, b = agency, board
    assert ids(s.list_tasks(project=a.other)) == [b["done"].id]
    assert ids(s.list_tasks(parent=b["late"])) == [b["sub"].id]
    assert ids(s.list_tasks(assignee=a.bob)) == [
        a.visible.id, b["late"].id, b["timed"].id]
    assert len(s.list_tasks(author=s.actor)) == 7
    assert ids(s.list_tasks(author=a.bob)) == []
    assert ids(s.list_tasks(status=TaskStatus.DONE)) == [b["done"].id]
    assert b["done"].id not in ids(s.list_tasks(status="open"))
    assert ids(s.list_tasks(tag="report")) == [b["late"].id]
    assert ids(s.list_tasks(min_priority=7, max_priority=8)) == [b["sub"].id]
    assert ids(s.list_tasks(deadline_from=D(2024, 5, 1),
                            deadline_to=D(2024, 5, 31))) == [
        b["late"].id, b["timed"].id]
    assert ids(s.list_tasks(overdue_as_of=TODAY)) == [
        b["late"].id, b["timed"].id]
    assert ids(s.list_tasks(overdue_as_of=s.today())) == ids(
        s.list_tasks(overdue_as_of=TODAY))
    assert ids(s.list_tasks(text_contains="report")) == [
        b["late"].id, b["future"].id]
    assert ids(s.list_tasks(project=a.site, assignee=a.bob,
                            min_priority=5)) == [a.visible.id, b["late"].id]


def test_orders(s, board):
    b = board
    by_deadline = ids(s.list_tasks(order=TaskOrder.DEADLINE))
    # Timed before day-only on the same day; no deadline last.
    assert by_deadline[:4] == [b["done"].id, b["timed"].id, b["late"].id,
                               b["future"].id]
    by_priority = [t.priority for t in s.list_tasks(order="priority")]
    assert by_priority == sorted(by_priority, reverse=True)
    by_id = ids(s.list_tasks())
    assert by_id == sorted(by_id)


@pytest.mark.parametrize("order", list(TaskOrder))
def test_paging_follows_tokens(s, agency, order):
    for i in range(23):
        s.create_task(project=agency.other, title=f"Bulk {i}",
                      priority=i % 11, deadline=D(2024, 7, 1 + i % 20))
    everything = ids(s.list_tasks(order=order, limit=1000))
    assert len(everything) == 25
    seen, token, pages = [], "", 0
    while True:
        page = s.list_tasks(order=order, limit=4, page_token=token)
        assert isinstance(page, worksection.TaskPage)
        assert len(page) <= 4
        seen += ids(page)
        pages += 1
        token = page.next_page_token
        if not token:
            break
    assert seen == everything
    assert pages == 7
    assert ids(s.iter_tasks(order=order, page_size=3)) == everything
    assert ids(s.iter_tasks(order=order)) == everything


def test_iter_tasks_is_lazy_and_filtered(s, agency, board):
    it = s.iter_tasks(assignee=agency.bob, page_size=1)
    assert next(it).id == agency.visible.id
    assert [t.id for t in it] == [board["late"].id, board["timed"].id]
    assert list(s.iter_tasks(tag="no-such-tag")) == []


def test_bad_paging_is_invalid_argument(s, board):
    page = s.list_tasks(limit=1)
    assert page.next_page_token
    with pytest.raises(worksection.InvalidArgumentError):
        s.list_tasks(limit=1, page_token=page.next_page_token,
                     status="open")
    with pytest.raises(worksection.InvalidArgumentError):
        s.list_tasks(page_token="not a token")
    for limit in (0, 1001):
        with pytest.raises(ValueError):
            s.list_tasks(limit=limit)
    with pytest.raises(worksection.InvalidArgumentError):
        list(s.iter_tasks(page_size=0))
