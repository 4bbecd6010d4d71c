// The time report served from the rollups (monthly where it can, or daily
// only) equals the report summed from the time entries, on randomized data that
// was logged, edited, moved between tasks, re-priced and deleted.
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/core/session_reports.h"
#include "tests/reports/report_test.h"

namespace worksection {
namespace reports_test {
namespace {

class ReportPathsTest : public ReportTest {
 protected:
  std::vector<std::string> Via(MemberId actor, const TimeReportQuery& q,
                               const report::TimeReportOptions& options) {
    absl::StatusOr<TimeReport> r =
        RunTimeReportWith(ws_->As(actor), q, options);
    if (!r.ok()) return {r.status().ToString()};
    return Lines(*r);
  }

  // Random entries on the tasks both Mia and Emil see, in three rate
  // regimes, with edits and deletions.
  void Randomize() {
    std::mt19937 rng(20270105);
    auto pick = [&](int n) {
      return std::uniform_int_distribution<int>(0, n - 1)(rng);
    };
    const std::vector<TaskId> tasks = {a_, b_, c_, t1_, t3_, t7_, t10_};
    const std::vector<MemberId> members = {emp_, mgr_};
    std::vector<TimeEntryId> ids;
    for (int regime = 0; regime < 3; ++regime) {
      WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
      web.billing_rate = 5000 + regime * 2500;
      web.rounding = regime == 1 ? Rounding{Rounding::Mode::kUp, 15}
                                 : Rounding{Rounding::Mode::kNearest, 6};
      WS_ASSERT_OK(Owner().UpdateProject(web));
      for (int i = 0; i < 40; ++i) {
        const absl::CivilDay day = Day(2026, 12, 20) + pick(30);
        ids.push_back(Log(members[pick(2)], tasks[pick(tasks.size())], day,
                          absl::Seconds(60 + pick(20000)), pick(3) != 0));
      }
    }
    for (int i = 0; i < 25; ++i) {
      WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                              Owner().GetTimeEntry(ids[pick(ids.size())]));
      e.duration = absl::Seconds(60 + pick(20000));
      e.billable = !e.billable;
      e.date = Day(2026, 12, 20) + pick(30);
      e.task = tasks[pick(tasks.size())];
      WS_ASSERT_OK(Owner().UpdateTimeEntry(e));
    }
    for (int i = 0; i < 10; ++i) {
      const size_t at = pick(ids.size());
      WS_ASSERT_OK(Owner().DeleteTimeEntry(ids[at]));
      ids.erase(ids.begin() + at);
    }
    WS_ASSERT_OK(
        Owner()
            .RepriceTimeEntries(web_, Day(2026, 12, 25), Day(2027, 1, 2))
            .status());
  }
};

TEST_P(ReportPathsTest, RollupsAndEntriesAgree) {
  ASSERT_NO_FATAL_FAILURE(Randomize());
  using G = ReportGroup;
  const std::vector<std::vector<ReportGroup>> groupings = {
      {},
      {G::kProject},
      {G::kTask},
      {G::kMember},
      {G::kTag},
      {G::kDay},
      {G::kWeek},
      {G::kMonth},
      {G::kProject, G::kMember},
      {G::kMember, G::kWeek},
      {G::kTag, G::kMonth, G::kMember},
      {G::kWeek, G::kTask, G::kTag},
  };
  std::vector<TimeReportQuery> queries;
  for (const auto& groups : groupings) {
    TimeReportQuery q;
    q.group_by = groups;
    queries.push_back(q);
    q.from = Day(2026, 12, 27);
    q.to = Day(2027, 1, 3);
    queries.push_back(q);
    // Whole months, and whole months with partial ones at either edge.
    q.from = Day(2026, 12, 1);
    q.to = Day(2027, 1, 31);
    queries.push_back(q);
    q.from = Day(2026, 12, 22);
    queries.push_back(q);
    q.from = Day(2026, 12, 1);
    q.to = Day(2027, 1, 9);
    queries.push_back(q);
    q.from = std::nullopt;
    q.to = Day(2026, 12, 31);
    queries.push_back(q);
    q.from = Day(2027, 1, 1);
    q.to = std::nullopt;
    q.members = {emp_};
    queries.push_back(q);
    q.members = {mgr_};
    q.tags = {"ux"};
    queries.push_back(q);
    q = {};
    q.group_by = groups;
    q.projects = {web_};
    q.tasks = {a_, b_, t10_};
    queries.push_back(q);
  }
  int compared = 0;
  for (MemberId actor : {owner_, mgr_, emp_, client_, reader_, outsider_}) {
    for (const TimeReportQuery& q : queries) {
      report::TimeReportOptions days, entries;
      days.days_only = true;
      entries.force_entries = true;
      const std::vector<std::string> rollups = Via(actor, q, {});
      EXPECT_EQ(rollups, Via(actor, q, entries))
          << "actor " << actor << ", " << q.group_by.size() << " levels";
      EXPECT_EQ(rollups, Via(actor, q, days))
          << "actor " << actor << ", " << q.group_by.size() << " levels";
      if (rollups.size() > 2) ++compared;
    }
  }
  EXPECT_GT(compared, 50);  // the comparisons were not all empty reports
}

TEST_P(ReportPathsTest, TotalsMatchTheEntries) {
  ASSERT_NO_FATAL_FAILURE(Randomize());
  int64_t seconds = 0, billable = 0, count = 0;
  Money billed = 0, labour = 0;
  TimeEntryFilter f;
  f.limit = 1000;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryPage page, Owner().ListTimeEntries(f));
  ASSERT_TRUE(page.next_page_token.empty());
  for (const TimeEntry& e : page.entries) {
    seconds += absl::ToInt64Seconds(e.duration);
    if (e.billable) billable += absl::ToInt64Seconds(e.billed_duration);
    billed += e.billed_amount.value_or(0);
    labour += e.labour_cost.value_or(0);
    ++count;
  }
  WS_ASSERT_OK_AND_ASSIGN(TimeReport r, Owner().RunTimeReport({}));
  EXPECT_EQ(r.total.seconds, seconds);
  EXPECT_EQ(r.total.billable_seconds, billable);
  EXPECT_EQ(r.total.entry_count, count);
  EXPECT_EQ(r.total.billed_amount, billed);
  EXPECT_EQ(r.total.labour_cost, labour);
  EXPECT_EQ(r.total.margin, billed - labour);
  // Rows add up to the total for every grouping but tags.
  for (ReportGroup g :
       {ReportGroup::kProject, ReportGroup::kTask, ReportGroup::kMember,
        ReportGroup::kDay, ReportGroup::kWeek, ReportGroup::kMonth}) {
    TimeReportQuery q;
    q.group_by = {g};
    WS_ASSERT_OK_AND_ASSIGN(TimeReport grouped, Owner().RunTimeReport(q));
    int64_t sum = 0;
    Money billed_sum = 0;
    for (const TimeReportRow& row : grouped.rows) {
      sum += row.totals.seconds;
      billed_sum += *row.totals.billed_amount;
    }
    EXPECT_EQ(sum, seconds) << ReportGroupName(g);
    EXPECT_EQ(billed_sum, billed) << ReportGroupName(g);
  }
}

WS_INSTANTIATE_REPORT_STORES(ReportPathsTest);

}  // namespace
}  // namespace reports_test
}  // namespace worksection
