#!/usr/bin/python3
"""Reads back what export_fixture writes: the CSV through the csv module,
the JSON through json, the XLSX through openpyxl (cells, number formats,
frozen panes, bold headers, the chart).

Usage: check_exports.py PATH/TO/export_fixture
"""
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile

import openpyxl

FIXTURE = None
DIR = None

WEBSITE = 'Website, "v2"'
ADS = "Ads\nQ4"
ZOE = "Zo\u00eb"


def setUpModule():
    global DIR, _tmp
    _tmp = tempfile.TemporaryDirectory(prefix="ws-exports-")
    DIR = _tmp.name
    subprocess.run([FIXTURE, DIR], check=True)


def tearDownModule():
    _tmp.cleanup()


def path(name):
    return os.path.join(DIR, name)


def read_csv(name, **kwargs):
    with open(path(name), newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f, **kwargs))


def seconds(value):
    """A duration cell as seconds: openpyxl gives a timedelta for [h]:mm."""
    if isinstance(value, datetime.timedelta):
        return round(value.total_seconds())
    if isinstance(value, datetime.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    return round(value * 86400)


class CsvTest(unittest.TestCase):
    def test_time_report_round_trips(self):
        self.assertEqual(
            read_csv("time.csv"),
            [
                ["Project", "Member", "Seconds", "Hours", "Billable hours",
                 "Entries", "Billed", "Labour cost", "Margin"],
                [WEBSITE, ZOE, "5400", "1.50", "1.50", "2", "150.00", "60.00",
                 "90.00"],
                [WEBSITE, "Bob", "3600", "1.00", "0.50", "1", "50.00",
                 "40.00", "10.00"],
                [ADS, ZOE, "900", "0.25", "0.00", "1", "0.00", "15.00",
                 "-15.00"],
                ["Total", "", "9900", "2.75", "2.00", "4", "200.00", "115.00",
                 "85.00"],
            ],
        )

    def test_crlf_and_no_bom_by_default(self):
        with open(path("time.csv"), "rb") as f:
            data = f.read()
        self.assertFalse(data.startswith(b"\xef\xbb\xbf"))
        self.assertTrue(data.endswith(b"\r\n"))
        # Every record ends in CRLF; the only bare LF is inside "Ads\nQ4".
        self.assertEqual(data.count(b"\r\n"), 5)
        self.assertEqual(data.replace(b"\r\n", b"").count(b"\n"), 1)

    def test_excel_variant(self):
        with open(path("time_excel.csv"), "rb") as f:
            self.assertTrue(f.read().startswith(b"\xef\xbb\xbf"))
        rows = read_csv("time_excel.csv", delimiter=";")
        self.assertEqual(rows[1], [WEBSITE, ZOE, "5400", "1,50", "1,50", "2",
                                   "150,00", "60,00", "90,00"])
        self.assertEqual(rows[3][0], ADS)
        self.assertEqual(rows[4][0], "Total")

    def test_client_has_no_money_columns(self):
        rows = read_csv("time_client.csv")
        self.assertEqual(rows[0], ["Project", "Member", "Seconds", "Hours",
                                   "Billable hours", "Entries"])
        self.assertTrue(all(len(r) == 6 for r in rows))

    def test_other_reports(self):
        overdue = read_csv("overdue.csv")
        self.assertEqual(overdue[1][1], "=cmd|' /C calc'!A0")
        self.assertEqual(overdue[1][6], "2026-11-20 17:30")
        self.assertEqual(read_csv("health.csv")[1][1], WEBSITE)
        self.assertEqual(read_csv("workload.csv")[1],
                         ["10", ZOE, "4", "1", "1.50", "10.50"])


class JsonTest(unittest.TestCase):
    def load(self, name):
        with open(path(name), encoding="utf-8") as f:
            return json.load(f)

    def test_time_report(self):
        r = self.load("time.json")
        self.assertTrue(r["money_visible"])
        self.assertEqual(r["query"]["group_by"], ["project", "member"])
        self.assertEqual(r["rows"][0]["keys"][0],
                         {"group": "project", "id": "1", "tag": "",
                          "period": "", "label": WEBSITE})
        self.assertEqual(r["rows"][2]["totals"]["margin"], "-1500")
        self.assertEqual(r["total"], {
            "seconds": "9900", "billable_seconds": "7200",
            "entry_count": "4", "billed_amount": "20000",
            "labour_cost": "11500", "margin": "8500"})

    def test_client_has_no_money_fields(self):
        r = self.load("time_client.json")
        self.assertFalse(r["money_visible"])
        for totals in [r["total"]] + [row["totals"] for row in r["rows"]]:
            self.assertEqual(set(totals),
                             {"seconds", "billable_seconds", "entry_count"})
        h = self.load("health_client.json")["projects"][0]
        for field in ("billed", "labour_cost", "expenses", "income", "margin"):
            self.assertNotIn(field, h)
        for field in ("money_budget", "money_used", "money_remaining",
                      "money_percent"):
            self.assertNotIn(field, h["budget"])

    def test_snake_case_everywhere(self):
        def keys(value):
            if isinstance(value, dict):
                for k, v in value.items():
                    yield k
                    yield from keys(v)
            elif isinstance(value, list):
                for v in value:
                    yield from keys(v)

        for name in ("time.json", "overdue.json", "health.json",
                     "workload.json", "digest.json"):
            for k in keys(self.load(name)):
                self.assertEqual(k, k.lower(), f"{name}: {k}")
        d = self.load("digest.json")
        timer = d["entries"][0]["forgotten_timers"][0]
        self.assertEqual(timer["started_at"], "2026-11-26T18:00:00Z")
        self.assertEqual(d["entries"][0]["received_overdue"][0]["deadline"],
                         {"day": "2026-11-20", "time": "17:30"})


class XlsxTest(unittest.TestCase):
    def open(self, name, data_only=False):
        return openpyxl.load_workbook(path(name), data_only=data_only)

    def assert_header(self, ws, titles):
        self.assertEqual([c.value for c in ws[1]][: len(titles)], titles)
        self.assertEqual(ws.max_column, len(titles))
        for cell in ws[1]:
            self.assertTrue(cell.font.b, cell.coordinate)
        self.assertEqual(ws.freeze_panes, "A2")

    def test_time_report_cells(self):
        wb = self.open("time.xlsx")
        self.assertEqual(wb.sheetnames, ["Time report", "Chart data"])
        ws = wb["Time report"]
        self.assert_header(ws, ["Project", "Member", "Time", "Hours",
                                "Billable time", "Entries", "Billed",
                                "Labour cost", "Margin"])
        self.assertEqual(ws["A2"].value, WEBSITE)
        self.assertEqual(ws["B2"].value, ZOE)
        self.assertEqual(ws["A4"].value, ADS)
        # Durations as time values in [h]:mm.
        self.assertEqual(ws["C2"].number_format, "[h]:mm")
        self.assertEqual(seconds(ws["C2"].value), 5400)
        self.assertEqual(ws["E3"].number_format, "[h]:mm")
        self.assertEqual(seconds(ws["E3"].value), 1800)
        self.assertEqual(ws["D2"].value, 1.5)
        self.assertEqual(ws["D2"].number_format, "0.00")
        self.assertEqual(ws["F2"].value, 2)
        # Money as numbers with a currency format.
        self.assertEqual(ws["G2"].value, 150)
        self.assertEqual(ws["G2"].number_format, '#,##0.00 "EUR"')
        self.assertEqual(ws["I4"].value, -15)
        self.assertEqual(ws["I4"].number_format, '#,##0.00 "EUR"')
        # The totals row: bold, SUM formulas with cached values.
        self.assertEqual(ws["A5"].value, "Total")
        self.assertTrue(ws["A5"].font.b)
        self.assertEqual(ws["C5"].value, "=SUM(C2:C4)")
        self.assertEqual(ws["G5"].value, "=SUM(G2:G4)")
        self.assertEqual(ws["I5"].value, "=SUM(I2:I4)")
        self.assertTrue(ws["G5"].font.b)
        self.assertEqual(ws["G5"].number_format, '#,##0.00 "EUR"')
        self.assertEqual(ws["C5"].number_format, "[h]:mm")
        self.assertEqual(ws.max_row, 5)
        cached = self.open("time.xlsx", data_only=True)["Time report"]
        self.assertEqual(seconds(cached["C5"].value), 9900)
        self.assertEqual(cached["D5"].value, 2.75)
        self.assertEqual(cached["F5"].value, 4)
        self.assertEqual(cached["G5"].value, 200)
        self.assertEqual(cached["I5"].value, 85)
        # The chart's data: hours per project.
        data = wb["Chart data"]
        self.assertEqual([[c.value for c in r] for r in data.iter_rows()],
                         [["Project", "Hours"], [WEBSITE, 2.5], [ADS, 0.25]])

    def test_every_part_is_well_formed_xml(self):
        import xml.etree.ElementTree as ET
        for name in sorted(os.listdir(DIR)):
            if not name.endswith(".xlsx"):
                continue
            with zipfile.ZipFile(path(name)) as z:
                self.assertIsNone(z.testzip(), name)
                for part in z.namelist():
                    if part.endswith(".xml") or part.endswith(".rels"):
                        ET.fromstring(z.read(part))

    def test_time_report_chart(self):
        ws = self.open("time.xlsx")["Time report"]
        self.assertEqual(len(ws._charts), 1)
        with zipfile.ZipFile(path("time.xlsx")) as z:
            names = z.namelist()
            self.assertIn("xl/charts/chart1.xml", names)
            chart = z.read("xl/charts/chart1.xml").decode()
        self.assertIn('<c:barDir val="col"/>', chart)
        self.assertIn("'Chart data'!$A$2:$A$3", chart)
        self.assertIn("'Chart data'!$B$2:$B$3", chart)
        self.assertIn("Hours per project", chart)

    def test_client_has_no_money_columns(self):
        ws = self.open("time_client.xlsx")["Time report"]
        self.assert_header(ws, ["Project", "Member", "Time", "Hours",
                                "Billable time", "Entries"])
        for row in ws.iter_rows():
            for cell in row:
                self.assertNotIn("EUR", cell.number_format)

    def test_day_report_dates_and_chart_on_rows(self):
        wb = self.open("time_day.xlsx")
        self.assertEqual(wb.sheetnames, ["Time report"])
        ws = wb["Time report"]
        self.assertEqual(ws["A2"].value, datetime.datetime(2026, 11, 23))
        self.assertEqual(ws["A2"].number_format, "yyyy-mm-dd")
        self.assertEqual(ws["A3"].value, datetime.datetime(2026, 11, 24))
        # JPY: no decimals.
        self.assertEqual(ws["F2"].value, 10000)
        self.assertEqual(ws["F2"].number_format, '#,##0 "JPY"')
        self.assertEqual(len(ws._charts), 1)
        with zipfile.ZipFile(path("time_day.xlsx")) as z:
            chart = z.read("xl/charts/chart1.xml").decode()
        self.assertIn("'Time report'!$A$2:$A$3", chart)
        self.assertIn("'Time report'!$C$2:$C$3", chart)

    def test_tag_totals_are_values_where_rows_do_not_add_up(self):
        ws = self.open("time_tag.xlsx")["Time report"]
        self.assertEqual(ws["A4"].value, "Total")
        self.assertEqual(seconds(ws["B4"].value), 3600)  # not =SUM: 7200
        self.assertEqual(ws["E4"].value, 1)
        self.assertEqual(ws["F4"].value, 100)

    def test_overdue(self):
        ws = self.open("overdue.xlsx")["Overdue"]
        self.assert_header(ws, ["Task ID", "Task", "Project", "Assignee",
                                "Author", "Priority", "Deadline", "Days late",
                                "Late"])
        self.assertEqual(ws["A2"].value, 7)
        # Text stays text, even when it looks like a formula.
        self.assertEqual(ws["B2"].value, "=cmd|' /C calc'!A0")
        self.assertEqual(ws["B2"].data_type, "s")
        self.assertEqual(ws["G2"].value, datetime.datetime(2026, 11, 20, 17, 30))
        self.assertEqual(ws["G2"].number_format, "yyyy-mm-dd hh:mm")
        self.assertEqual(ws["G3"].value, datetime.datetime(2026, 11, 26))
        self.assertEqual(ws["G3"].number_format, "yyyy-mm-dd")
        self.assertEqual(ws["H3"].value, -2)
        self.assertIs(ws["I2"].value, True)
        self.assertIs(ws["I3"].value, False)

    def test_project_health(self):
        ws = self.open("health.xlsx")["Project health"]
        titles = [c.value for c in ws[1]]
        self.assertIn("Billed", titles)
        self.assertIn("Margin", titles)
        col = {t: i + 1 for i, t in enumerate(titles)}
        cell = lambda title, row=2: ws.cell(row=row, column=col[title])
        self.assertEqual(cell("Project").value, WEBSITE)
        self.assertEqual(cell("Done").value, 0.25)
        self.assertEqual(cell("Done").number_format, "0.0%")
        self.assertEqual(seconds(cell("Time budget").value), 36000)
        self.assertEqual(cell("Time budget").number_format, "[h]:mm")
        self.assertEqual(cell("Margin").value, 60)
        self.assertEqual(cell("Margin").number_format, '#,##0.00 "EUR"')
        self.assertEqual(cell("Last activity (UTC)").value,
                         datetime.datetime(2026, 11, 23, 9, 30))
        self.assertIsNone(cell("Done by estimate", 3).value)
        self.assertTrue(all(c.font.b for c in ws[1]))
        self.assertEqual(ws.freeze_panes, "A2")

        client = self.open("health_client.xlsx")["Project health"]
        titles = [c.value for c in client[1]]
        for money in ("Money budget", "Billed", "Labour cost", "Expenses",
                      "Income", "Margin"):
            self.assertNotIn(money, titles)

    def test_workload(self):
        ws = self.open("workload.xlsx")["Workload"]
        self.assert_header(ws, ["Member ID", "Member", "Open tasks",
                                "Overdue tasks", "Estimate left",
                                "Time logged"])
        self.assertEqual(ws["B2"].value, ZOE)
        self.assertEqual(seconds(ws["E2"].value), 5400)
        self.assertEqual(ws["F2"].number_format, "[h]:mm")
        self.assertEqual(seconds(ws["F2"].value), 37800)


if __name__ == "__main__":
    FIXTURE = sys.argv.pop(1)
    unittest.main(verbosity=2)
