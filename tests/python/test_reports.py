"""Reports: results, to_dicts shapes, permissions, CSV/JSON/XLSX exports."""

from __future__ import annotations

import csv
import datetime
import io
import json
import pickle
import zipfile

import pytest

import worksection
from conftest import TODAY
from worksection import ReportGroup

D = datetime.date
H = datetime.timedelta(hours=1)
MONEY_KEYS = {"billed_amount", "labour_cost", "margin"}


@pytest.fixture
def logged(agency):
    s = agency.owner
    s.update_task(agency.visible, tags=["design"],
                  deadline=D(2024, 5, 1))
    s.log_time(task=agency.visible, duration=2 * H, member=agency.bob,
               date=D(2024, 5, 2))
    s.log_time(task=agency.visible, duration=H, member=agency.ivan,
               date=D(2024, 5, 3), billable=False)
    s.log_time(task=agency.hidden, duration=H, date=D(2024, 5, 3))
    s.create_cost(project=agency.site, amount=10_000, date=D(2024, 5, 3))
    return agency


def test_time_report_rows_and_to_dicts(logged):
    s = logged.owner
    r = s.time_report(from_=D(2024, 5, 1), to=D(2024, 5, 31),
                      group_by=["project", "member"])
    assert r.group_by == (ReportGroup.PROJECT, ReportGroup.MEMBER)
    assert (r.date_from, r.date_to) == (D(2024, 5, 1), D(2024, 5, 31))
    assert r.money_visible and r.currency == "EUR"
    assert r.time_zone == "Europe/Kyiv"
    assert r.total.seconds == 4 * 3600 and r.total.entry_count == 3
    assert r.total.hours == 4.0
    assert len(r) == 3
    first = r.rows[0]
    assert first.keys[0].group is ReportGroup.PROJECT
    assert first.keys[0].id == logged.site.id
    assert first.keys[0].label == "Website"
    assert first.keys[0].period is None
    dicts = r.to_dicts()
    assert [d["member"] for d in dicts] == ["Olena Koval", "Bob", "Ivan"]
    bob = dicts[1]
    assert set(bob) == {"project_id", "project", "member_id", "member",
                        "seconds", "hours", "billable_seconds",
                        "billable_hours", "entry_count", *MONEY_KEYS}
    assert (bob["project_id"], bob["member_id"], bob["seconds"],
            bob["hours"], bob["entry_count"]) == (
        logged.site.id, logged.bob.id, 7200, 2.0, 1)
    assert bob["billed_amount"] > 0
    assert bob["margin"] == bob["billed_amount"] - bob["labour_cost"]
    assert all(type(v) in (int, float, str) for v in bob.values())
    # Only what the total sums: no total line among the dicts.
    assert sum(d["seconds"] for d in dicts) == r.total.seconds


def test_time_report_periods_tags_and_filters(logged):
    s = logged.owner
    by_day = s.time_report(group_by="day").to_dicts()
    assert [d["day"] for d in by_day] == [D(2024, 5, 2), D(2024, 5, 3)]
    by_week = s.time_report(group_by=[ReportGroup.WEEK]).to_dicts()
    assert by_week == [{**by_week[0], "week": "2024-W18",
                        "week_start": D(2024, 4, 29)}]
    by_month = s.time_report(group_by=["month", "tag"]).to_dicts()
    assert {(d["month"], d["month_start"], d["tag"]) for d in by_month} == {
        ("2024-05", D(2024, 5, 1), ""), ("2024-05", D(2024, 5, 1), "design")}
    assert s.time_report(tags="design").total.seconds == 3 * 3600
    assert s.time_report(billable=False).total.seconds == 3600
    assert s.time_report(members=[logged.bob]).total.seconds == 7200
    assert s.time_report(projects=logged.other).total.entry_count == 0
    assert s.time_report(tasks=[logged.hidden.id]).total.seconds == 3600
    total_only = s.time_report()
    assert total_only.rows == () and total_only.to_dicts() == []
    with pytest.raises(worksection.InvalidArgumentError):
        s.time_report(from_=D(2024, 5, 2), to=D(2024, 5, 1))
    with pytest.raises(worksection.InvalidArgumentError):
        s.time_report(group_by=["year"])
    with pytest.raises(TypeError):
        s.time_report(from_=datetime.datetime(2024, 5, 1))


def test_client_sees_no_money(logged):
    r = logged.s_carol.time_report(group_by=["member"])
    assert not r.money_visible
    assert r.total.billed_amount is None and r.total.margin is None
    assert "Hidden" not in {k.label for row in r for k in row.keys}
    for d in r.to_dicts():
        assert not MONEY_KEYS & set(d)
    header = next(csv.reader(io.StringIO(r.to_csv())))
    assert "Billed" not in header and "Margin" not in header
    doc = json.loads(r.to_json())
    assert "billed_amount" not in doc["total"]
    health = logged.s_carol.project_health()
    for d in health.to_dicts():
        assert "billed" not in d and "money_budget" not in d
        assert "margin" not in d
    assert all(h.billed is None and h.budget.money_used is None
               for h in health)


def test_time_report_csv_round_trip(logged, tmp_path):
    r = logged.owner.time_report(group_by=["project", "member"])
    text = r.to_csv()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Project", "Member", "Seconds", "Hours",
                       "Billable hours", "Entries", "Billed",
                       "Labour cost", "Margin"]
    assert rows[-1][0] == "Total"
    assert len(rows) == 1 + len(r) + 1
    by_member = {row[1]: row for row in rows[1:-1]}
    assert by_member["Bob"][2] == "7200" and by_member["Bob"][3] == "2.00"
    bob = next(d for d in r.to_dicts() if d["member"] == "Bob")
    assert by_member["Bob"][6] == f"{bob['billed_amount'] / 100:.2f}"
    assert text.endswith("\r\n")
    semi = r.to_csv(separator=";", decimal_comma=True, bom=True)
    assert semi.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(semi[1:], newline=""), delimiter=";"))
    assert rows[1][3] in ("1,00", "2,00")
    with pytest.raises(worksection.InvalidArgumentError):
        r.to_csv(separator="\t")
    path = tmp_path / "time.csv"
    r.write_csv(path)
    assert path.read_bytes().decode("utf-8") == text
    with pytest.raises(worksection.NotFoundError):
        r.write_csv(tmp_path / "missing" / "time.csv")


def test_time_report_json_and_xlsx(logged, tmp_path):
    r = logged.owner.time_report(group_by=["member"])
    doc = json.loads(r.to_json())
    assert int(doc["total"]["seconds"]) == r.total.seconds
    assert [row["keys"][0]["label"] for row in doc["rows"]] == \
        [row.keys[0].label for row in r]
    assert json.loads(r.to_json(pretty=True)) == doc
    path = tmp_path / "time.json"
    r.write_json(path)
    assert json.loads(path.read_text()) == doc
    data = r.to_xlsx()
    assert data[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "xl/workbook.xml" in z.namelist()
    out = tmp_path / "time.xlsx"
    r.write_xlsx(out, chart=False)
    with zipfile.ZipFile(out) as z:
        assert "xl/workbook.xml" in z.namelist()


def test_reports_pickle_without_exports(logged):
    r = logged.owner.time_report(group_by=["member"])
    copy = pickle.loads(pickle.dumps(r))
    assert copy == r and copy.to_dicts() == r.to_dicts()
    with pytest.raises(ValueError, match="exports"):
        copy.to_csv()


def test_overdue_report(logged):
    s = logged.owner
    r = s.overdue_report(as_of=TODAY)
    assert r.as_of == TODAY
    assert [row.task.id for row in r] == [logged.visible.id]
    row = r.rows[0]
    assert (row.project_name, row.assignee_name, row.days_late, row.late) \
        == ("Website", "Bob", 5, True)
    d = r.to_dicts()[0]
    assert d == {
        "task_id": logged.visible.id, "task": "Visible",
        "project_id": logged.site.id, "project": "Website",
        "assignee_id": logged.bob.id, "assignee": "Bob",
        "author_id": s.actor, "author": "Olena Koval", "priority": 5,
        "deadline": D(2024, 5, 1), "deadline_time": None, "days_late": 5,
        "late": True}
    rows = list(csv.DictReader(io.StringIO(r.to_csv(), newline="")))
    assert rows[0]["Task"] == "Visible" and rows[0]["Late"] == "yes"
    assert json.loads(r.to_json())["rows"][0]["days_late"] == 5
    assert r.to_xlsx()[:2] == b"PK"
    assert len(s.overdue_report(as_of=D(2024, 4, 1))) == 0
    assert len(s.overdue_report(assignee=logged.ivan)) == 0


def test_project_health_and_workload(logged):
    s = logged.owner
    h = s.project_health(projects=[logged.site])
    assert [p.project.id for p in h] == [logged.site.id]
    site = h.projects[0]
    assert site.tasks_open == 2 and site.tasks_overdue == 1
    assert site.expenses == 10_000 and site.money_visible
    assert h.currency == "EUR"
    d = h.to_dicts()[0]
    assert d["project"] == "Website" and d["status"] == "active"
    assert d["time_used"] == 4 * H and d["expenses"] == 10_000
    assert d["nearest_deadline"] == D(2024, 5, 1)
    rows = list(csv.reader(io.StringIO(h.to_csv(), newline="")))
    assert len(rows) == 2
    assert json.loads(h.to_json())["currency"] == "EUR"
    assert h.to_xlsx()[:2] == b"PK"

    w = s.workload(from_=D(2024, 5, 1), to=D(2024, 5, 31))
    by_name = {r["member"]: r for r in w.to_dicts()}
    assert "Carol" not in by_name  # clients are left out
    assert by_name["Bob"]["seconds_logged"] == 7200
    assert by_name["Bob"]["hours_logged"] == 2.0
    assert by_name["Bob"]["overdue_tasks"] == 1
    assert isinstance(by_name["Bob"]["estimate_left"], datetime.timedelta)
    assert set(by_name["Bob"]) == {
        "member_id", "member", "open_tasks", "overdue_tasks",
        "estimate_left", "seconds_logged", "hours_logged"}
    rows = list(csv.reader(io.StringIO(w.to_csv(), newline="")))
    assert rows[0][:2] == ["Member ID", "Member"]
    assert json.loads(w.to_json())
    assert len(s.workload(members=[logged.bob])) == 1


def test_digest(logged):
    s = logged.owner
    d = s.digest(as_of=TODAY)
    assert d.as_of == TODAY and d.time_zone == "Europe/Kyiv"
    bob = next(e for e in d if e.member == logged.bob.id)
    assert [r.task.title for r in bob.received_overdue] == ["Visible"]
    md = d.markdown()
    text = d.text()
    assert "Visible" in md and "Visible" in text
    assert md != text
    dicts = d.to_dicts()
    assert {"member_id": logged.bob.id, "member": "Bob",
            "kind": "received_overdue"}.items() <= dicts[0].items() or any(
        x["member"] == "Bob" and x["kind"] == "received_overdue"
        for x in dicts)
    assert json.loads(d.to_json())
    assert not hasattr(d, "to_csv")
    only_ivan = s.digest(members=[logged.ivan], as_of=TODAY)
    assert len(only_ivan) == 0
