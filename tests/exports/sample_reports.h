// Report structs built by hand (no engine, no store) for the export tests,
// shared by export_test.cc and the export_fixture program that
// check_exports.py reads back.
#ifndef WORKSECTION_TESTS_EXPORTS_SAMPLE_REPORTS_H_
#define WORKSECTION_TESTS_EXPORTS_SAMPLE_REPORTS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/report.h"

namespace worksection::testing {

// A label that needs every kind of CSV quoting, and UTF-8.
inline constexpr char kWebsite[] = "Website, \"v2\"";
inline constexpr char kAds[] = "Ads\nQ4";
inline constexpr char kZoe[] = "Zo\xC3\xAB";  // "Zoë"

inline ReportKey Key(ReportGroup group, int64_t id, std::string label) {
  ReportKey k;
  k.group = group;
  k.id = id;
  k.label = std::move(label);
  return k;
}

inline ReportKey PeriodKey(ReportGroup group, absl::CivilDay period,
                           std::string label) {
  ReportKey k;
  k.group = group;
  k.period = period;
  k.label = std::move(label);
  return k;
}

inline ReportTotals Totals(int64_t seconds, int64_t billable, int64_t entries,
                           Money billed, Money labour) {
  ReportTotals t;
  t.seconds = seconds;
  t.billable_seconds = billable;
  t.entry_count = entries;
  t.billed_amount = billed;
  t.labour_cost = labour;
  t.margin = billed - labour;
  return t;
}

inline void HideMoney(ReportTotals& t) {
  t.billed_amount.reset();
  t.labour_cost.reset();
  t.margin.reset();
}

// Grouped by project x member, in EUR, money visible:
//   Website x Zoë  5400 s (1.50 h), billable 5400, 2 entries, 150.00 / 60.00
//   Website x Bob  3600 s (1.00 h), billable 1800, 1 entry,    50.00 / 40.00
//   Ads x Zoë       900 s (0.25 h), billable    0, 1 entry,     0.00 / 15.00
//   Total          9900 s (2.75 h), billable 7200, 4 entries, 200.00 / 115.00
inline TimeReport ProjectMemberReport() {
  TimeReport r;
  r.query.from = absl::CivilDay(2026, 11, 1);
  r.query.to = absl::CivilDay(2026, 11, 30);
  r.query.group_by = {ReportGroup::kProject, ReportGroup::kMember};
  r.money_visible = true;
  r.currency = "EUR";
  r.time_zone = "Pacific/Auckland";
  r.rows.push_back({{Key(ReportGroup::kProject, 1, kWebsite),
                     Key(ReportGroup::kMember, 10, kZoe)},
                    Totals(5400, 5400, 2, 15000, 6000)});
  r.rows.push_back({{Key(ReportGroup::kProject, 1, kWebsite),
                     Key(ReportGroup::kMember, 11, "Bob")},
                    Totals(3600, 1800, 1, 5000, 4000)});
  r.rows.push_back({{Key(ReportGroup::kProject, 2, kAds),
                     Key(ReportGroup::kMember, 10, kZoe)},
                    Totals(900, 0, 1, 0, 1500)});
  r.total = Totals(9900, 7200, 4, 20000, 11500);
  return r;
}

// The same as a client sees it: no money at all.
inline TimeReport ProjectMemberReportWithoutMoney() {
  TimeReport r = ProjectMemberReport();
  r.money_visible = false;
  for (TimeReportRow& row : r.rows) HideMoney(row.totals);
  HideMoney(r.total);
  return r;
}

// Grouped by day, in JPY (no decimals).
inline TimeReport DayReport() {
  TimeReport r;
  r.query.group_by = {ReportGroup::kDay};
  r.money_visible = true;
  r.currency = "JPY";
  r.time_zone = "Asia/Tokyo";
  r.rows.push_back({{PeriodKey(ReportGroup::kDay, absl::CivilDay(2026, 11, 23),
                               "2026-11-23")},
                    Totals(7200, 7200, 1, 10000, 4000)});
  r.rows.push_back({{PeriodKey(ReportGroup::kDay, absl::CivilDay(2026, 11, 24),
                               "2026-11-24")},
                    Totals(1800, 0, 1, 0, 1000)});
  r.total = Totals(9000, 7200, 2, 10000, 5000);
  return r;
}

// Grouped by tag: one entry of 3600 s carries two tags, so the rows add up
// to more than the total.
inline TimeReport TagReport() {
  TimeReport r;
  r.query.group_by = {ReportGroup::kTag};
  r.money_visible = true;
  r.currency = "USD";
  r.time_zone = "UTC";
  ReportKey design;
  design.group = ReportGroup::kTag;
  design.tag = design.label = "design";
  ReportKey web = design;
  web.tag = web.label = "web";
  r.rows.push_back({{design}, Totals(3600, 3600, 1, 10000, 5000)});
  r.rows.push_back({{web}, Totals(3600, 3600, 1, 10000, 5000)});
  r.total = Totals(3600, 3600, 1, 10000, 5000);
  return r;
}

inline OverdueRow Overdue(int64_t id, std::string title, int priority,
                          Deadline deadline, int days_late, bool late) {
  OverdueRow row;
  row.task.id = TaskId(id);
  row.task.project = ProjectId(1);
  row.task.title = std::move(title);
  row.task.priority = priority;
  row.task.author = MemberId(11);
  row.task.assignee = MemberId(10);
  row.task.deadline = deadline;
  row.project_name = kWebsite;
  row.assignee_name = kZoe;
  row.author_name = "Bob";
  row.days_late = days_late;
  row.late = late;
  return row;
}

inline OverdueReport SampleOverdue() {
  OverdueReport r;
  r.as_of = absl::CivilDay(2026, 11, 24);
  r.rows.push_back(Overdue(7, "=cmd|' /C calc'!A0", 8,
                           Deadline{absl::CivilDay(2026, 11, 20), 17 * 60 + 30},
                           4, true));
  r.rows.push_back(Overdue(8, "Landing page", 5,
                           Deadline{absl::CivilDay(2026, 11, 26), {}}, -2,
                           false));
  return r;
}

inline std::vector<ProjectHealth> SampleHealth(bool money) {
  ProjectHealth h;
  h.project.id = ProjectId(1);
  h.project.name = kWebsite;
  h.project.status = ProjectStatus::kActive;
  h.tasks_open = 3;
  h.tasks_done = 1;
  h.tasks_overdue = 1;
  h.percent_done = 25;
  h.percent_done_by_estimate = 40;
  h.nearest_deadline_task = TaskId(7);
  h.nearest_deadline = Deadline{absl::CivilDay(2026, 11, 20), 17 * 60 + 30};
  h.budget.time_budget = absl::Hours(10);
  h.budget.time_used = absl::Seconds(9000);
  h.budget.time_remaining = absl::Hours(10) - absl::Seconds(9000);
  h.budget.time_percent = 25;
  if (money) {
    h.budget.money_budget = 100000;
    h.budget.money_used = 25000;
    h.budget.money_remaining = 75000;
    h.budget.money_percent = 25;
    h.billed = 20000;
    h.labour_cost = 10000;
    h.expenses = 5000;
    h.income = 1000;
    h.margin = 6000;
  }
  h.last_activity = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 9, 30, 0),
                                    absl::UTCTimeZone());
  ProjectHealth empty;
  empty.project.id = ProjectId(2);
  empty.project.name = "Archive";
  empty.project.status = ProjectStatus::kArchived;
  return {h, empty};
}

inline std::vector<WorkloadRow> SampleWorkload() {
  WorkloadRow zoe;
  zoe.member = MemberId(10);
  zoe.member_name = kZoe;
  zoe.open_tasks = 4;
  zoe.overdue_tasks = 1;
  zoe.estimate_left = absl::Minutes(90);
  zoe.seconds_logged = 36000 + 1800;
  WorkloadRow bob;
  bob.member = MemberId(11);
  bob.member_name = "Bob";
  return {zoe, bob};
}

inline Digest SampleDigest() {
  Digest d;
  d.as_of = absl::CivilDay(2026, 11, 27);
  d.time_zone = "Europe/Berlin";
  DigestEntry e;
  e.member = MemberId(10);
  e.member_name = kZoe;
  e.received_overdue = SampleOverdue().rows;
  Timer t;
  t.member = MemberId(10);
  t.task = TaskId(8);
  t.started_at = absl::FromCivil(absl::CivilSecond(2026, 11, 26, 18, 0, 0),
                                 absl::UTCTimeZone());
  t.forgotten = true;
  e.forgotten_timers.push_back(t);
  e.forgotten_timer_tasks.push_back(std::string(kWebsite) + " / Landing page");
  d.entries.push_back(e);
  return d;
}

}  // namespace worksection::testing

#endif  // WORKSECTION_TESTS_EXPORTS_SAMPLE_REPORTS_H_
