"""What each role sees through the bindings: hidden items, money."""

from __future__ import annotations

import pytest

import worksection


def test_client_never_sees_a_hidden_task(agency):
    a = agency
    c = a.s_carol
    with pytest.raises(worksection.NotFoundError):
        c.get_task(a.hidden.id)
    visible = [t.id for t in c.iter_tasks(page_size=1)]
    assert a.visible.id in visible and a.hidden.id not in visible
    assert a.hidden.id not in [t.id for t in c.list_tasks(
        text_contains="Hidden")]
    assert a.hidden.id not in [t.id for t in c.list_tasks(
        project=a.site, limit=1000)]
    with pytest.raises(worksection.NotFoundError):
        c.list_comments(a.hidden)
    # The owner sees both.
    assert {a.visible.id, a.hidden.id} <= {
        t.id for t in a.owner.iter_tasks()}


def test_client_never_sees_a_hidden_comment(agency):
    a = agency
    assert [x.id for x in a.s_carol.list_comments(a.visible)] == [
        a.comment.id]
    with pytest.raises(worksection.NotFoundError):
        a.s_carol.get_comment(a.secret.id)
    assert [x.id for x in a.owner.list_comments(a.visible)] == [
        a.comment.id, a.secret.id]


def test_money_is_none_for_a_client(agency):
    a = agency
    c = a.s_carol
    task = c.get_task(a.visible.id)
    assert task.money_budget is None
    project = c.get_project(a.site.id)
    assert project.money_budget is None and project.billing_rate is None
    me = c.get_member(a.carol.id)
    assert me.cost_rate is None and me.billing_rate is None
    # The owner sees the amounts.
    assert a.owner.get_task(a.visible.id).money_budget == 50_000
    site = a.owner.get_project(a.site.id)
    assert (site.money_budget, site.billing_rate) == (1_000_000, 9000)


def test_money_is_none_for_a_reader(agency):
    a = agency
    assert a.s_rita.get_task(a.visible.id).money_budget is None
    assert a.s_rita.get_project(a.site).money_budget is None


def test_reader_writes_nothing(agency):
    a = agency
    with pytest.raises(worksection.PermissionDeniedError):
        a.s_rita.create_comment(task=a.visible, text="Hi")
    with pytest.raises(worksection.PermissionDeniedError):
        a.s_rita.update_task(a.s_rita.get_task(a.visible.id), title="x")


def test_employee_sees_only_their_projects(agency):
    a = agency
    assert [p.id for p in a.s_bob.list_projects()] == [a.site.id]
    with pytest.raises(worksection.NotFoundError):
        a.s_bob.get_project(a.other.id)


def test_an_update_by_someone_who_cannot_see_money_keeps_it(agency):
    a = agency
    mine = a.owner.create_task(project=a.site, title="Budgeted",
                               assignee=a.carol, money_budget=7_000)
    seen_by_carol = a.s_carol.get_task(mine.id)
    assert seen_by_carol.money_budget is None
    a.s_carol.update_task(seen_by_carol, title="Budgeted (renamed)")
    stored = a.owner.get_task(mine.id)
    assert (stored.title, stored.money_budget) == ("Budgeted (renamed)", 7_000)
