// The time and money report against hand-computed expectations (see
// report_test.h for the agency and its entries).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "src/report/engine.h"
#include "tests/reports/report_test.h"

namespace worksection {
namespace reports_test {
namespace {

using TimeReportTest = ReportTest;

std::vector<std::string> Report(Session s, const TimeReportQuery& q) {
  absl::StatusOr<TimeReport> r = s.RunTimeReport(q);
  if (!r.ok()) return {r.status().ToString()};
  return Lines(*r);
}

TimeReportQuery GroupedBy(std::vector<ReportGroup> groups) {
  TimeReportQuery q;
  q.group_by = std::move(groups);
  return q;
}

const char kMeta[] = "money_visible=1 currency=EUR tz=Pacific/Kiritimati";
const char kHiddenMeta[] = "money_visible=0 currency=EUR tz=Pacific/Kiritimati";
const char kTotal[] =
    "total | s=18900 bs=11700 n=5 billed=24750 labour=17500 margin=7250";

TEST_P(TimeReportTest, TotalOnly) {
  EXPECT_THAT(Report(Owner(), {}), ElementsAre(kTotal, kMeta));
}

TEST_P(TimeReportTest, IsoWeeksAcrossTheYearBoundary) {
  // 2026-12-28 .. 2027-01-03 is 2026-W53 (2027-01-01 included); 2027-01-04
  // starts 2027-W01. The workspace's Sunday week start does not matter.
  EXPECT_THAT(
      Report(Owner(), GroupedBy({ReportGroup::kWeek})),
      ElementsAre("week:2026-12-28(2026-W53) | s=10800 bs=10800 n=3 "
                  "billed=22500 labour=10500 margin=12000",
                  "week:2027-01-04(2027-W01) | s=8100 bs=900 n=2 billed=2250 "
                  "labour=7000 margin=-4750",
                  kTotal, kMeta));
}

TEST_P(TimeReportTest, DaysInTheWorkspaceTimeZone) {
  // e2 started 2026-12-31 09:45 UTC = 23:45 local; e3 10:30 UTC = 00:30 on
  // 2027-01-01 local: the same UTC day, two local days.
  EXPECT_THAT(
      Report(Owner(), GroupedBy({ReportGroup::kDay})),
      ElementsAre(
          "day:2026-12-28(2026-12-28) | s=3600 bs=3600 n=1 billed=6000 "
          "labour=3000 margin=3000",
          "day:2026-12-31(2026-12-31) | s=1800 bs=1800 n=1 billed=3000 "
          "labour=1500 margin=1500",
          "day:2027-01-01(2027-01-01) | s=5400 bs=5400 n=1 billed=13500 "
          "labour=6000 margin=7500",
          "day:2027-01-04(2027-01-04) | s=8100 bs=900 n=2 billed=2250 "
          "labour=7000 margin=-4750",
          kTotal, kMeta));
}

TEST_P(TimeReportTest, Months) {
  EXPECT_THAT(Report(Owner(), GroupedBy({ReportGroup::kMonth})),
              ElementsAre("month:2026-12-01(2026-12) | s=5400 bs=5400 n=2 "
                          "billed=9000 labour=4500 margin=4500",
                          "month:2027-01-01(2027-01) | s=13500 bs=6300 n=3 "
                          "billed=15750 labour=13000 margin=2750",
                          kTotal, kMeta));
}

TEST_P(TimeReportTest, ProjectThenMember) {
  const std::string web = absl::StrCat("project:", web_.value(), "(Website)");
  const std::string internal =
      absl::StrCat("project:", internal_.value(), "(Internal)");
  const std::string mgr =
      absl::StrCat("member:", mgr_.value(), "(Mia Manager)");
  const std::string emp =
      absl::StrCat("member:", emp_.value(), "(Emil Employee)");
  EXPECT_THAT(
      Report(Owner(), GroupedBy({ReportGroup::kProject, ReportGroup::kMember})),
      ElementsAre(absl::StrCat(web, " ", mgr,
                               " | s=6300 bs=6300 n=2 billed=15750 "
                               "labour=7000 margin=8750"),
                  absl::StrCat(web, " ", emp,
                               " | s=5400 bs=5400 n=2 billed=9000 "
                               "labour=4500 margin=4500"),
                  absl::StrCat(internal, " ", emp,
                               " | s=7200 bs=0 n=1 billed=0 labour=6000 "
                               "margin=-6000"),
                  kTotal, kMeta));
}

TEST_P(TimeReportTest, TaskThenWeek) {
  const std::string w53 = "week:2026-12-28(2026-W53)";
  const std::string w01 = "week:2027-01-04(2027-W01)";
  EXPECT_THAT(
      Report(Owner(), GroupedBy({ReportGroup::kTask, ReportGroup::kWeek})),
      ElementsAre(absl::StrCat("task:", a_.value(), "(Landing page) ", w53,
                               " | s=5400 bs=5400 n=2 billed=9000 labour=4500 "
                               "margin=4500"),
                  absl::StrCat("task:", b_.value(), "(Logo) ", w53,
                               " | s=5400 bs=5400 n=1 billed=13500 labour=6000 "
                               "margin=7500"),
                  absl::StrCat("task:", b_.value(), "(Logo) ", w01,
                               " | s=900 bs=900 n=1 billed=2250 labour=1000 "
                               "margin=1250"),
                  absl::StrCat("task:", c_.value(), "(Backups) ", w01,
                               " | s=7200 bs=0 n=1 billed=0 labour=6000 "
                               "margin=-6000"),
                  kTotal, kMeta));
}

TEST_P(TimeReportTest, TagsCountAnEntryUnderEachTagOfItsTask) {
  // a_ carries design and ux, b_ design, c_ none: the tag rows add up to
  // more than the total.
  EXPECT_THAT(Report(Owner(), GroupedBy({ReportGroup::kTag})),
              ElementsAre("tag:''((no tag)) | s=7200 bs=0 n=1 billed=0 "
                          "labour=6000 margin=-6000",
                          "tag:'design'(design) | s=11700 bs=11700 n=4 "
                          "billed=24750 labour=11500 margin=13250",
                          "tag:'ux'(ux) | s=5400 bs=5400 n=2 billed=9000 "
                          "labour=4500 margin=4500",
                          kTotal, kMeta));
}

TEST_P(TimeReportTest, TagThenMember) {
  const std::string mgr =
      absl::StrCat("member:", mgr_.value(), "(Mia Manager)");
  const std::string emp =
      absl::StrCat("member:", emp_.value(), "(Emil Employee)");
  EXPECT_THAT(
      Report(Owner(), GroupedBy({ReportGroup::kTag, ReportGroup::kMember})),
      ElementsAre(absl::StrCat("tag:''((no tag)) ", emp,
                               " | s=7200 bs=0 n=1 billed=0 labour=6000 "
                               "margin=-6000"),
                  absl::StrCat("tag:'design'(design) ", mgr,
                               " | s=6300 bs=6300 n=2 billed=15750 "
                               "labour=7000 margin=8750"),
                  absl::StrCat("tag:'design'(design) ", emp,
                               " | s=5400 bs=5400 n=2 billed=9000 "
                               "labour=4500 margin=4500"),
                  absl::StrCat("tag:'ux'(ux) ", emp,
                               " | s=5400 bs=5400 n=2 billed=9000 "
                               "labour=4500 margin=4500"),
                  kTotal, kMeta));
}

TEST_P(TimeReportTest, Filters) {
  TimeReportQuery q;
  q.tags = {"ux"};
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=5400 bs=5400 n=2 billed=9000 "
                          "labour=4500 margin=4500",
                          kMeta));
  q = {};
  q.billable = false;
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=7200 bs=0 n=1 billed=0 labour=6000 "
                          "margin=-6000",
                          kMeta));
  q.billable = true;
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=11700 bs=11700 n=4 billed=24750 "
                          "labour=11500 margin=13250",
                          kMeta));
  q = {};
  q.from = Day(2027, 1, 1);
  q.to = Day(2027, 1, 4);
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=13500 bs=6300 n=3 billed=15750 "
                          "labour=13000 margin=2750",
                          kMeta));
  q = {};
  q.to = Day(2026, 12, 31);
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=5400 bs=5400 n=2 billed=9000 "
                          "labour=4500 margin=4500",
                          kMeta));
  q = {};
  q.members = {emp_};
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=12600 bs=5400 n=3 billed=9000 "
                          "labour=10500 margin=-1500",
                          kMeta));
  q = {};
  q.tasks = {b_};
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=6300 bs=6300 n=2 billed=15750 "
                          "labour=7000 margin=8750",
                          kMeta));
  q = {};
  q.projects = {internal_};
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("total | s=7200 bs=0 n=1 billed=0 labour=6000 "
                          "margin=-6000",
                          kMeta));
  // Several filters at once, grouped: billable design time of Emil.
  q = {};
  q.members = {emp_, outsider_};
  q.tags = {"design", "nothing"};
  q.billable = true;
  q.group_by = {ReportGroup::kDay};
  EXPECT_THAT(Report(Owner(), q),
              ElementsAre("day:2026-12-28(2026-12-28) | s=3600 bs=3600 n=1 "
                          "billed=6000 labour=3000 margin=3000",
                          "day:2026-12-31(2026-12-31) | s=1800 bs=1800 n=1 "
                          "billed=3000 labour=1500 margin=1500",
                          "total | s=5400 bs=5400 n=2 billed=9000 "
                          "labour=4500 margin=4500",
                          kMeta));
}

TEST_P(TimeReportTest, EchoesTheQuery) {
  TimeReportQuery q;
  q.from = Day(2027, 1, 1);
  q.group_by = {ReportGroup::kMember};
  WS_ASSERT_OK_AND_ASSIGN(TimeReport r, Owner().RunTimeReport(q));
  ASSERT_TRUE(r.query.from.has_value());
  EXPECT_EQ(*r.query.from, Day(2027, 1, 1));
  EXPECT_EQ(r.query.group_by, q.group_by);
}

TEST_P(TimeReportTest, BadInput) {
  TimeReportQuery q;
  q.from = Day(2027, 1, 5);
  q.to = Day(2027, 1, 4);
  EXPECT_THAT(Owner().RunTimeReport(q),
              StatusIs(absl::StatusCode::kInvalidArgument));
  q = GroupedBy({ReportGroup::kDay, ReportGroup::kDay});
  EXPECT_THAT(Owner().RunTimeReport(q),
              StatusIs(absl::StatusCode::kInvalidArgument));
  q = GroupedBy({static_cast<ReportGroup>(42)});
  EXPECT_THAT(Owner().RunTimeReport(q),
              StatusIs(absl::StatusCode::kInvalidArgument));
  q = {};
  q.projects = {ProjectId(999)};
  EXPECT_THAT(Owner().RunTimeReport(q), StatusIs(absl::StatusCode::kNotFound));
  q = {};
  q.tasks = {TaskId(999)};
  EXPECT_THAT(Owner().RunTimeReport(q), StatusIs(absl::StatusCode::kNotFound));
}

TEST(IsoWeekReportTest, WeeksAndTheirYears) {
  struct Case {
    absl::CivilDay day;
    absl::CivilDay monday;
    const char* label;
  };
  const Case cases[] = {
      {Day(2026, 12, 28), Day(2026, 12, 28), "2026-W53"},
      {Day(2026, 12, 31), Day(2026, 12, 28), "2026-W53"},
      {Day(2027, 1, 1), Day(2026, 12, 28), "2026-W53"},
      {Day(2027, 1, 3), Day(2026, 12, 28), "2026-W53"},
      {Day(2027, 1, 4), Day(2027, 1, 4), "2027-W01"},
      {Day(2024, 12, 30), Day(2024, 12, 30), "2025-W01"},
      {Day(2025, 1, 1), Day(2024, 12, 30), "2025-W01"},
      {Day(2021, 1, 3), Day(2020, 12, 28), "2020-W53"},
      {Day(2026, 11, 24), Day(2026, 11, 23), "2026-W48"},
      {Day(2027, 12, 31), Day(2027, 12, 27), "2027-W52"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(report::IsoWeekMonday(c.day), c.monday) << c.day;
    EXPECT_EQ(report::IsoWeekLabel(c.day), c.label) << c.day;
  }
}

// --- Permissions ---

class TimeReportPermissionsTest : public ReportTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ReportTest::SetUp());
    hidden_ = AddTask(owner_, web_, "Secret", MemberId(), std::nullopt, 5,
                      {"design"}, std::nullopt, /*hidden=*/true);
    Log(emp_, hidden_, Day(2027, 1, 4), absl::Seconds(600));
  }
  TaskId hidden_;
};

TEST_P(TimeReportPermissionsTest, OwnerSeesEverything) {
  EXPECT_THAT(Report(Owner(), {}),
              ElementsAre("total | s=19500 bs=12300 n=6 billed=25750 "
                          "labour=18000 margin=7750",
                          kMeta));
}

TEST_P(TimeReportPermissionsTest, ClientSeesTheirProjectNoHiddenTaskNoMoney) {
  const std::string web = absl::StrCat("project:", web_.value(), "(Website)");
  EXPECT_THAT(
      Report(As(client_),
             GroupedBy({ReportGroup::kProject, ReportGroup::kTask})),
      ElementsAre(absl::StrCat(web, " task:", a_.value(),
                               "(Landing page) | s=5400 bs=5400 n=2 billed=- "
                               "labour=- margin=-"),
                  absl::StrCat(web, " task:", b_.value(),
                               "(Logo) | s=6300 bs=6300 n=2 billed=- "
                               "labour=- margin=-"),
                  "total | s=11700 bs=11700 n=4 billed=- labour=- margin=-",
                  kHiddenMeta));
  // The entries path holds the same.
  TimeReportQuery q;
  q.billable = true;
  EXPECT_THAT(Report(As(client_), q),
              ElementsAre("total | s=11700 bs=11700 n=4 billed=- labour=- "
                          "margin=-",
                          kHiddenMeta));
  // Tags of hidden tasks do not leak either.
  EXPECT_THAT(Report(As(client_), GroupedBy({ReportGroup::kTag})),
              ElementsAre("tag:'design'(design) | s=11700 bs=11700 n=4 "
                          "billed=- labour=- margin=-",
                          "tag:'ux'(ux) | s=5400 bs=5400 n=2 billed=- "
                          "labour=- margin=-",
                          "total | s=11700 bs=11700 n=4 billed=- labour=- "
                          "margin=-",
                          kHiddenMeta));
  // Another project is not theirs: NotFound, as if it did not exist.
  q = {};
  q.projects = {internal_};
  EXPECT_THAT(As(client_).RunTimeReport(q),
              StatusIs(absl::StatusCode::kNotFound));
  q = {};
  q.tasks = {hidden_};
  EXPECT_THAT(As(client_).RunTimeReport(q),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(TimeReportPermissionsTest, ClientWithoutHoursSeesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
  web.clients_see_hours = false;
  WS_ASSERT_OK(Owner().UpdateProject(web));
  EXPECT_THAT(Report(As(client_), GroupedBy({ReportGroup::kProject})),
              ElementsAre("total | s=0 bs=0 n=0 billed=- labour=- margin=-",
                          kHiddenMeta));
  TimeReportQuery q;
  q.projects = {web_};
  EXPECT_THAT(As(client_).RunTimeReport(q),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_P(TimeReportPermissionsTest, ReaderSeesTheirProjectWithoutMoney) {
  // Readers read hidden tasks (policy: read hidden, own projects), never
  // money.
  EXPECT_THAT(Report(As(reader_), GroupedBy({ReportGroup::kProject})),
              ElementsAre(absl::StrCat("project:", web_.value(),
                                       "(Website) | s=12300 bs=12300 n=5 "
                                       "billed=- labour=- margin=-"),
                          "total | s=12300 bs=12300 n=5 billed=- labour=- "
                          "margin=-",
                          kHiddenMeta));
}

TEST_P(TimeReportPermissionsTest, EmployeeSeesOnlyTheirProjects) {
  EXPECT_THAT(Report(As(outsider_), GroupedBy({ReportGroup::kProject})),
              ElementsAre(absl::StrCat("project:", internal_.value(),
                                       "(Internal) | s=7200 bs=0 n=1 "
                                       "billed=- labour=- margin=-"),
                          "total | s=7200 bs=0 n=1 billed=- labour=- margin=-",
                          kHiddenMeta));
  EXPECT_THAT(Report(As(emp_), {}),
              ElementsAre("total | s=19500 bs=12300 n=6 billed=- labour=- "
                          "margin=-",
                          kHiddenMeta));
}

TEST_P(TimeReportPermissionsTest, ManagerSeesMoneyOnlyWhereTheyManageAll) {
  // Mia manages web_ but is a plain member of internal_: over both, money
  // is absent everywhere; over web_ alone it shows.
  EXPECT_THAT(Report(As(mgr_), {}),
              ElementsAre("total | s=19500 bs=12300 n=6 billed=- labour=- "
                          "margin=-",
                          kHiddenMeta));
  TimeReportQuery q;
  q.projects = {web_};
  EXPECT_THAT(Report(As(mgr_), q),
              ElementsAre("total | s=12300 bs=12300 n=5 billed=25750 "
                          "labour=12000 margin=13750",
                          kMeta));
}

WS_INSTANTIATE_REPORT_STORES(TimeReportTest);
WS_INSTANTIATE_REPORT_STORES(TimeReportPermissionsTest);

}  // namespace
}  // namespace reports_test
}  // namespace worksection
