// Overdue and due soon, project health, workload and the digest against
// hand-computed expectations (see report_test.h for the agency).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/reports/report_test.h"

namespace worksection {
namespace reports_test {
namespace {

// --- Overdue ---

using OverdueReportTest = ReportTest;

std::vector<std::string> Overdue(Session s, const OverdueQuery& q) {
  absl::StatusOr<OverdueReport> r = s.RunOverdueReport(q);
  if (!r.ok()) return {r.status().ToString()};
  return Lines(r->rows);
}

const char kSignOff[] =
    "Sign-off [Website] Emil Employee->Mia Manager days=4 late p9";
const char kInvoices[] =
    "Invoices [Internal] Olga Owner->Olga Owner days=4 late p3";
const char kPricing[] =
    "Pricing strategy [Website] Olga Owner->Emil Employee days=3 late p5";
const char kCopy[] = "Copy [Website] Mia Manager->Emil Employee days=1 late p5";
const char kHero[] =
    "Hero image [Website] Olga Owner->Emil Employee days=0 late p5";
const char kFooter[] = "Footer [Website] Olga Owner->Emil Employee days=0 p6";
const char kReview[] = "Review [Website] Olga Owner->Mia Manager days=0 p5";
const char kContact[] =
    "Contact form [Website] Olga Owner->Emil Employee days=-3 p5";
const char kLaunch[] = "Launch [Website] Olga Owner->Emil Employee days=-7 p5";

TEST_P(OverdueReportTest, LateTasksInTheWorkspaceTimeZone) {
  // Today is 2027-01-05 in Kiritimati (still the 4th in UTC): Copy, due on
  // the 4th, is late; Hero image's 09:59 has passed at 10:00; Footer's
  // 10:00 has not; archived and done tasks are left out.
  WS_ASSERT_OK_AND_ASSIGN(OverdueReport r, Owner().RunOverdueReport({}));
  EXPECT_EQ(r.as_of, Day(2027, 1, 5));
  EXPECT_THAT(Lines(r.rows),
              ElementsAre(kSignOff, kInvoices, kPricing, kCopy, kHero));
}

TEST_P(OverdueReportTest, DueSoon) {
  OverdueQuery q;
  q.due_within_days = 7;  // 2027-01-05 .. 2027-01-11
  EXPECT_THAT(Overdue(Owner(), q),
              ElementsAre(kSignOff, kInvoices, kPricing, kCopy, kHero, kFooter,
                          kReview, kContact));
  q.due_within_days = 8;
  EXPECT_THAT(Overdue(Owner(), q),
              ElementsAre(kSignOff, kInvoices, kPricing, kCopy, kHero, kFooter,
                          kReview, kContact, kLaunch));
  q.due_within_days = 1;
  EXPECT_THAT(Overdue(Owner(), q), ElementsAre(kSignOff, kInvoices, kPricing,
                                               kCopy, kHero, kFooter, kReview));
}

TEST_P(OverdueReportTest, ByAssigneeAuthorProject) {
  OverdueQuery q;
  q.assignee = emp_;
  EXPECT_THAT(Overdue(Owner(), q), ElementsAre(kPricing, kCopy, kHero));
  q = {};
  q.author = mgr_;
  EXPECT_THAT(Overdue(Owner(), q), ElementsAre(kCopy));
  q = {};
  q.project = internal_;
  EXPECT_THAT(Overdue(Owner(), q), ElementsAre(kInvoices));
  q = {};
  q.project = ProjectId(999);
  EXPECT_THAT(Owner().RunOverdueReport(q),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(OverdueReportTest, TimedDeadlineIsLateOnceItsMinuteHasPassed) {
  OverdueQuery q;
  q.assignee = emp_;
  q.due_within_days = 1;
  // 10:00:59: Footer's 10:00 is still running.
  clock_->Set(FixedNow() + absl::Seconds(59));
  EXPECT_THAT(Overdue(Owner(), q),
              ElementsAre(kPricing, kCopy, kHero, kFooter));
  clock_->Set(FixedNow() + absl::Minutes(1));
  EXPECT_THAT(
      Overdue(Owner(), q),
      ElementsAre(kPricing, kCopy,
                  "Footer [Website] Olga Owner->Emil Employee days=0 late p6",
                  kHero));
  // Just after midnight the day-only Review (due the 5th) is a day late.
  clock_->Set(FixedNow() + absl::Hours(14));
  q = {};
  q.assignee = mgr_;
  EXPECT_THAT(Overdue(Owner(), q),
              ElementsAre("Sign-off [Website] Emil Employee->Mia Manager "
                          "days=5 late p9",
                          "Review [Website] Olga Owner->Mia Manager days=1 "
                          "late p5"));
}

TEST_P(OverdueReportTest, AsOfAnotherDay) {
  OverdueQuery q;
  q.as_of = Day(2027, 1, 2);
  WS_ASSERT_OK_AND_ASSIGN(OverdueReport r, Owner().RunOverdueReport(q));
  EXPECT_EQ(r.as_of, Day(2027, 1, 2));
  EXPECT_THAT(
      Lines(r.rows),
      ElementsAre("Sign-off [Website] Emil Employee->Mia Manager days=1 late "
                  "p9",
                  "Invoices [Internal] Olga Owner->Olga Owner days=1 late p3"));
  q.due_within_days = -1;
  EXPECT_THAT(Owner().RunOverdueReport(q),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(OverdueReportTest, ClientSeesTheirProjectWithoutHiddenTasks) {
  EXPECT_THAT(Overdue(As(client_), {}), ElementsAre(kSignOff, kCopy, kHero));
  OverdueQuery q;
  q.project = internal_;
  EXPECT_THAT(As(client_).RunOverdueReport(q),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(OverdueReportTest, EmployeeSeesOnlyTheirProjects) {
  EXPECT_THAT(Overdue(As(outsider_), {}), ElementsAre(kInvoices));
  EXPECT_THAT(Overdue(As(reader_), {}),
              ElementsAre(kSignOff, kPricing, kCopy, kHero));
}

TEST_P(OverdueReportTest, TodayFollowsTheWorkspaceTimeZone) {
  // The same instant (2027-01-04 20:00 UTC) is 09:00 on the 4th in Pago
  // Pago (UTC-11): Copy (due the 4th) is due today, not late, and the rest
  // is a day less late.
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Owner().GetSettings());
  settings.time_zone = "Pacific/Pago_Pago";
  WS_ASSERT_OK(Owner().UpdateSettings(settings));
  WS_ASSERT_OK_AND_ASSIGN(OverdueReport r, Owner().RunOverdueReport({}));
  EXPECT_EQ(r.as_of, Day(2027, 1, 4));
  EXPECT_THAT(
      Lines(r.rows),
      ElementsAre(
          "Sign-off [Website] Emil Employee->Mia Manager days=3 late p9",
          "Invoices [Internal] Olga Owner->Olga Owner days=3 late p3",
          "Pricing strategy [Website] Olga Owner->Emil Employee days=2 late "
          "p5"));
  OverdueQuery q;
  q.assignee = emp_;
  q.due_within_days = 2;  // the 4th and the 5th
  EXPECT_THAT(
      Overdue(Owner(), q),
      ElementsAre(
          "Pricing strategy [Website] Olga Owner->Emil Employee days=2 late "
          "p5",
          "Copy [Website] Mia Manager->Emil Employee days=0 p5",
          "Footer [Website] Olga Owner->Emil Employee days=-1 p6",
          "Hero image [Website] Olga Owner->Emil Employee days=-1 p5"));
}

// --- Project health ---

using ProjectHealthReportTest = ReportTest;

std::string Dump(const ProjectHealth& h) {
  auto pct = [](const std::optional<double>& v) {
    return v ? absl::StrCat(*v) : std::string("-");
  };
  auto dur = [](const std::optional<absl::Duration>& d) {
    return d ? absl::FormatDuration(*d) : std::string("-");
  };
  const BudgetUsage& b = h.budget;
  return absl::StrCat(
      h.project.name, " open=", h.tasks_open, " done=", h.tasks_done,
      " overdue=", h.tasks_overdue, " pct=", h.percent_done,
      " pct_est=", pct(h.percent_done_by_estimate),
      " nearest=", h.nearest_deadline_task.value(), "@",
      h.nearest_deadline ? absl::FormatCivilTime(h.nearest_deadline->day)
                         : std::string("-"),
      " | time ", dur(b.time_budget), " used ",
      absl::FormatDuration(b.time_used), " left ", dur(b.time_remaining), " ",
      pct(b.time_percent), "% | money ", OptMoney(b.money_budget), " used ",
      OptMoney(b.money_used), " left ", OptMoney(b.money_remaining), " ",
      pct(b.money_percent), "% | billed=", OptMoney(h.billed),
      " labour=", OptMoney(h.labour_cost), " expenses=", OptMoney(h.expenses),
      " income=", OptMoney(h.income), " margin=", OptMoney(h.margin),
      " project_budget=", OptMoney(h.project.money_budget));
}

std::vector<std::string> Health(Session s, const ProjectHealthQuery& q) {
  absl::StatusOr<std::vector<ProjectHealth>> r = s.RunProjectHealth(q);
  if (!r.ok()) return {r.status().ToString()};
  std::vector<std::string> lines;
  for (const ProjectHealth& h : *r) lines.push_back(Dump(h));
  return lines;
}

TEST_P(ProjectHealthReportTest, Owner) {
  // Website: 10 open (a, b, t1-t5, t7, t8, t10), 1 done (t9); late t1, t2,
  // t5, t10. Estimates: t1 2h + t7 4h open, t9 2h done: 25%.
  // Time 11700 s of 10 h; money 24750 billed + 5000 expenses of 1000.00.
  EXPECT_THAT(
      Health(Owner(), {}),
      ElementsAre(
          absl::StrCat(
              "Website open=10 done=1 overdue=4 pct=", 100.0 / 11,
              " pct_est=25 nearest=", t5_.value(),
              "@2027-01-01 | time 10h used 3h15m left 6h45m 32.5% | money "
              "100000 used 29750 left 70250 29.75% | billed=24750 "
              "labour=11500 expenses=5000 income=20000 margin=28250 "
              "project_budget=100000"),
          absl::StrCat("Internal open=2 done=0 overdue=1 pct=0 pct_est=- "
                       "nearest=",
                       t6_.value(),
                       "@2027-01-01 | time - used 2h left - -% | money - "
                       "used - left - -% | billed=0 labour=6000 expenses=0 "
                       "income=0 margin=-6000 project_budget=-")));
}

TEST_P(ProjectHealthReportTest, TimedDeadlineIsOverdueOnceItsMinuteHasPassed) {
  // Website's Footer is due at 10:00 today, and open.
  clock_->Set(FixedNow() + absl::Seconds(59));
  EXPECT_THAT(Health(Owner(), {}),
              Contains(HasSubstr("Website open=10 done=1 overdue=4 ")));
  clock_->Set(FixedNow() + absl::Minutes(1));
  EXPECT_THAT(Health(Owner(), {}),
              Contains(HasSubstr("Website open=10 done=1 overdue=5 ")));
}

TEST_P(ProjectHealthReportTest, ArchivedOnRequest) {
  ProjectHealthQuery q;
  q.include_archived = true;
  std::vector<std::string> lines = Health(Owner(), q);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[2], HasSubstr("Old open=1 done=0 overdue=1 pct=0"));
  q = {};
  q.projects = {old_};
  EXPECT_THAT(Health(Owner(), q),
              ElementsAre(HasSubstr("Old open=1 done=0 overdue=1")));
}

TEST_P(ProjectHealthReportTest, ClientSeesNoHiddenTaskAndNoMoney) {
  EXPECT_THAT(
      Health(As(client_), {}),
      ElementsAre(absl::StrCat(
          "Website open=9 done=1 overdue=3 pct=10 pct_est=25 nearest=",
          t5_.value(),
          "@2027-01-01 | time 10h used 3h15m left 6h45m 32.5% | money - "
          "used - left - -% | billed=- labour=- expenses=- income=- "
          "margin=- project_budget=-")));
  ProjectHealthQuery q;
  q.projects = {internal_};
  EXPECT_THAT(As(client_).RunProjectHealth(q),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(ProjectHealthReportTest, MoneyOnlyWhenReadableInEveryProject) {
  std::vector<std::string> both = Health(As(mgr_), {});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_THAT(both[0], HasSubstr("billed=- labour=- expenses=- income=- "
                                 "margin=-"));
  ProjectHealthQuery q;
  q.projects = {web_};
  EXPECT_THAT(Health(As(mgr_), q),
              ElementsAre(HasSubstr("billed=24750 labour=11500 "
                                    "expenses=5000 income=20000 "
                                    "margin=28250")));
  EXPECT_THAT(Health(As(outsider_), {}),
              ElementsAre(HasSubstr("Internal open=2")));
}

TEST_P(ProjectHealthReportTest, LastActivity) {
  WS_ASSERT_OK_AND_ASSIGN(std::vector<ProjectHealth> before,
                          Owner().RunProjectHealth({}));
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].last_activity, FixedNow());
  clock_->Set(FixedNow() + absl::Hours(1));
  Log(emp_, a_, Day(2027, 1, 5), absl::Minutes(30));
  clock_->Set(FixedNow() + absl::Hours(2));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<ProjectHealth> after,
                          Owner().RunProjectHealth({}));
  EXPECT_EQ(after[0].last_activity, FixedNow() + absl::Hours(1));
  EXPECT_EQ(after[1].last_activity, before[1].last_activity);
}

// --- Workload ---

using WorkloadReportTest = ReportTest;

std::vector<std::string> Workload(Session s, const WorkloadQuery& q) {
  absl::StatusOr<std::vector<WorkloadRow>> r = s.RunWorkload(q);
  if (!r.ok()) return {r.status().ToString()};
  std::vector<std::string> lines;
  for (const WorkloadRow& w : *r) {
    lines.push_back(absl::StrCat(
        w.member_name, " open=", w.open_tasks, " overdue=", w.overdue_tasks,
        " estimate=", absl::FormatDuration(w.estimate_left),
        " logged=", w.seconds_logged));
  }
  return lines;
}

TEST_P(WorkloadReportTest, EveryoneButClients) {
  WorkloadQuery q;
  q.from = Day(2026, 12, 28);
  q.to = Day(2027, 1, 4);
  EXPECT_THAT(Workload(Owner(), q),
              ElementsAre("Olga Owner open=1 overdue=1 estimate=0 logged=0",
                          "Mia Manager open=2 overdue=1 estimate=0 logged=6300",
                          "Emil Employee open=6 overdue=3 estimate=6h "
                          "logged=12600",
                          "Otto Outsider open=0 overdue=0 estimate=0 logged=0",
                          "Rita Reader open=0 overdue=0 estimate=0 logged=0"));
  q.from = Day(2027, 1, 1);
  q.members = {emp_, mgr_};
  EXPECT_THAT(Workload(Owner(), q),
              ElementsAre("Mia Manager open=2 overdue=1 estimate=0 logged=6300",
                          "Emil Employee open=6 overdue=3 estimate=6h "
                          "logged=7200"));
}

TEST_P(WorkloadReportTest, TimedDeadlineIsOverdueOnceItsMinuteHasPassed) {
  // Emil's Footer is due at 10:00 today, and open.
  WorkloadQuery q;
  q.members = {emp_};
  clock_->Set(FixedNow() + absl::Seconds(59));
  EXPECT_THAT(Workload(Owner(), q),
              ElementsAre(HasSubstr("Emil Employee open=6 overdue=3 ")));
  clock_->Set(FixedNow() + absl::Minutes(1));
  EXPECT_THAT(Workload(Owner(), q),
              ElementsAre(HasSubstr("Emil Employee open=6 overdue=4 ")));
}

TEST_P(WorkloadReportTest, ClientSeesTheirProjectsPeopleAndWork) {
  EXPECT_THAT(Workload(As(client_), {}),
              ElementsAre("Mia Manager open=2 overdue=1 estimate=0 logged=6300",
                          "Emil Employee open=5 overdue=2 estimate=6h "
                          "logged=5400",
                          "Rita Reader open=0 overdue=0 estimate=0 logged=0"));
  WorkloadQuery q;
  q.members = {outsider_};
  EXPECT_THAT(As(client_).RunWorkload(q),
              StatusIs(absl::StatusCode::kNotFound));
  q.members = {};
  q.from = Day(2027, 1, 2);
  q.to = Day(2027, 1, 1);
  EXPECT_THAT(As(client_).RunWorkload(q),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// --- Digest ---

using DigestReportTest = ReportTest;

TEST_P(DigestReportTest, Owner) {
  WS_ASSERT_OK_AND_ASSIGN(Digest d, Owner().RunDigest({}));
  EXPECT_EQ(d.as_of, Day(2027, 1, 5));
  EXPECT_EQ(d.time_zone, "Pacific/Kiritimati");
  ASSERT_EQ(d.entries.size(), 3u);
  EXPECT_EQ(d.entries[0].member, owner_);
  EXPECT_THAT(Lines(d.entries[0].received_overdue), ElementsAre(kInvoices));
  EXPECT_THAT(Lines(d.entries[0].set_overdue), ElementsAre(kPricing, kHero));
  EXPECT_THAT(d.entries[0].due_this_week, IsEmpty());
  EXPECT_EQ(d.entries[1].member, mgr_);
  EXPECT_THAT(Lines(d.entries[1].received_overdue), ElementsAre(kSignOff));
  EXPECT_THAT(Lines(d.entries[1].set_overdue), ElementsAre(kCopy));
  EXPECT_THAT(Lines(d.entries[1].due_this_week), ElementsAre(kReview));
  EXPECT_EQ(d.entries[2].member, emp_);
  EXPECT_THAT(Lines(d.entries[2].received_overdue),
              ElementsAre(kPricing, kCopy, kHero));
  EXPECT_THAT(Lines(d.entries[2].set_overdue), ElementsAre(kSignOff));
  EXPECT_THAT(Lines(d.entries[2].due_this_week),
              ElementsAre(kFooter, kContact));
  ASSERT_EQ(d.entries[2].forgotten_timers.size(), 1u);
  EXPECT_EQ(d.entries[2].forgotten_timers[0].task, a_);
  EXPECT_TRUE(d.entries[2].forgotten_timers[0].forgotten);
  EXPECT_THAT(d.entries[2].forgotten_timer_tasks,
              ElementsAre("Website / Landing page"));

  EXPECT_EQ(RenderDigestText(d),
            "Digest for Tue 2027-01-05\n"
            "\n"
            "Olga Owner\n"
            "  Overdue tasks you received (1):\n"
            "    - [Internal] Invoices: 4 days late, priority 3\n"
            "  Overdue tasks you set for others (2):\n"
            "    - [Website] Pricing strategy: 3 days late, priority 5, "
            "assigned to Emil Employee\n"
            "    - [Website] Hero image: due today at 09:59, late, priority "
            "5, assigned to Emil Employee\n"
            "\n"
            "Mia Manager\n"
            "  Overdue tasks you received (1):\n"
            "    - [Website] Sign-off: 4 days late, priority 9\n"
            "  Overdue tasks you set for others (1):\n"
            "    - [Website] Copy: 1 day late, priority 5, assigned to Emil "
            "Employee\n"
            "  Due this week (1):\n"
            "    - [Website] Review: due today, priority 5\n"
            "\n"
            "Emil Employee\n"
            "  Overdue tasks you received (3):\n"
            "    - [Website] Pricing strategy: 3 days late, priority 5\n"
            "    - [Website] Copy: 1 day late, priority 5\n"
            "    - [Website] Hero image: due today at 09:59, late, priority "
            "5\n"
            "  Overdue tasks you set for others (1):\n"
            "    - [Website] Sign-off: 4 days late, priority 9, assigned to "
            "Mia Manager\n"
            "  Due this week (2):\n"
            "    - [Website] Footer: due today at 10:00, priority 6\n"
            "    - [Website] Contact form: due in 3 days (Fri 2027-01-08), "
            "priority 5\n"
            "  Forgotten timers (1):\n"
            "    - Website / Landing page: running since Mon 2027-01-04 "
            "22:00\n");

  const std::string md = RenderDigestMarkdown(d);
  EXPECT_THAT(md, ::testing::StartsWith("## Digest for Tue 2027-01-05\n"));
  EXPECT_THAT(md, HasSubstr("\n### Emil Employee\n"));
  EXPECT_THAT(md, HasSubstr("\n**Overdue tasks you received** (3)\n\n"
                            "- **Pricing strategy** (Website): 3 days late, "
                            "priority 5\n"));
  EXPECT_THAT(md, HasSubstr("\n**Overdue tasks you set for others** (1)\n\n"
                            "- **Sign-off** (Website): 4 days late, priority "
                            "9, assigned to Mia Manager\n"));
  EXPECT_THAT(md, HasSubstr("\n**Due this week** (2)\n"));
  EXPECT_THAT(md, HasSubstr("\n**Forgotten timers** (1)\n\n- Website / "
                            "Landing page: running since Mon 2027-01-04 "
                            "22:00\n"));
}

TEST_P(DigestReportTest, ClientSeesTheirProjectOnly) {
  WS_ASSERT_OK_AND_ASSIGN(Digest d, As(client_).RunDigest({}));
  ASSERT_EQ(d.entries.size(), 2u);
  EXPECT_EQ(d.entries[0].member, mgr_);
  EXPECT_THAT(Lines(d.entries[0].received_overdue), ElementsAre(kSignOff));
  EXPECT_THAT(Lines(d.entries[0].set_overdue), ElementsAre(kCopy));
  EXPECT_THAT(Lines(d.entries[0].due_this_week), ElementsAre(kReview));
  EXPECT_EQ(d.entries[1].member, emp_);
  EXPECT_THAT(Lines(d.entries[1].received_overdue), ElementsAre(kCopy, kHero));
  EXPECT_THAT(Lines(d.entries[1].set_overdue), ElementsAre(kSignOff));
  EXPECT_THAT(Lines(d.entries[1].due_this_week),
              ElementsAre(kFooter, kContact));
  EXPECT_THAT(d.entries[1].forgotten_timers, IsEmpty());  // not theirs
  EXPECT_THAT(RenderDigestText(d), ::testing::Not(HasSubstr("Pricing")));
  DigestQuery q;
  q.members = {owner_};
  EXPECT_THAT(As(client_).RunDigest(q), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(DigestReportTest, EmployeeSeesTheirProjectsAndOwnTimer) {
  DigestQuery q;
  q.members = {emp_};
  WS_ASSERT_OK_AND_ASSIGN(Digest d, As(emp_).RunDigest(q));
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0].forgotten_timers.size(), 1u);
  WS_ASSERT_OK_AND_ASSIGN(Digest outsider, As(outsider_).RunDigest({}));
  ASSERT_EQ(outsider.entries.size(), 1u);
  EXPECT_EQ(outsider.entries[0].member, owner_);
  EXPECT_THAT(Lines(outsider.entries[0].received_overdue),
              ElementsAre(kInvoices));
  EXPECT_THAT(outsider.entries[0].set_overdue, IsEmpty());
}

TEST(DigestRenderReportTest, EmptyAndMarkdownEscaping) {
  Digest empty;
  empty.as_of = Day(2027, 1, 8);
  EXPECT_EQ(RenderDigestText(empty),
            "Digest for Fri 2027-01-08\n\nNothing to report.\n");
  EXPECT_EQ(RenderDigestMarkdown(empty),
            "## Digest for Fri 2027-01-08\n\nNothing to report.\n");

  Digest d;
  d.as_of = Day(2027, 1, 8);
  DigestEntry e;
  e.member_name = "Ann_Lee";
  OverdueRow row;
  row.task.title = "Fix *all* [bugs] #1";
  row.task.priority = 0;
  row.task.deadline = Deadline{Day(2027, 1, 9), 17 * 60};
  row.project_name = "A|B";
  row.days_late = -1;
  e.due_this_week.push_back(row);
  d.entries.push_back(e);
  EXPECT_EQ(RenderDigestMarkdown(d),
            "## Digest for Fri 2027-01-08\n"
            "\n### Ann\\_Lee\n"
            "\n**Due this week** (1)\n\n"
            "- **Fix \\*all\\* \\[bugs\\] \\#1** (A\\|B): due tomorrow at "
            "17:00, paused\n");
  EXPECT_EQ(RenderDigestText(d),
            "Digest for Fri 2027-01-08\n\nAnn_Lee\n"
            "  Due this week (1):\n"
            "    - [A|B] Fix *all* [bugs] #1: due tomorrow at 17:00, paused\n");
}

WS_INSTANTIATE_REPORT_STORES(OverdueReportTest);
WS_INSTANTIATE_REPORT_STORES(ProjectHealthReportTest);
WS_INSTANTIATE_REPORT_STORES(WorkloadReportTest);
WS_INSTANTIATE_REPORT_STORES(DigestReportTest);

}  // namespace
}  // namespace reports_test
}  // namespace worksection
