// LogTimeBatch: many entries in one transaction, all or none.
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

using ::testing::HasSubstr;

class BatchTest : public TimeMoneyTest {};

TEST_P(BatchTest, WritesEveryEntryWithItsRollups) {
  std::vector<TimeLog> logs;
  for (int i = 0; i < 50; ++i) {
    logs.push_back(Log(i % 2 ? web_task_ : web_task2_, absl::Minutes(10 + i),
                       Day(2024, 3, 1 + i % 10)));
  }
  absl::StatusOr<std::vector<TimeEntry>> written = Emp().LogTimeBatch(logs);
  ASSERT_TRUE(written.ok()) << written.status();
  ASSERT_EQ(written->size(), 50u);
  EXPECT_EQ((*written)[7].duration, absl::Minutes(17));
  EXPECT_EQ(StoredEntries().size(), 50u);
  ExpectRollupsMatchEntries();
}

TEST_P(BatchTest, OneBadLogWritesNothingAndIsNamed) {
  std::vector<TimeLog> logs = {Log(web_task_, absl::Hours(1), Day(2024, 3, 1)),
                               Log(web_task_, absl::Hours(2), Day(2024, 3, 2)),
                               Log(web_task_, absl::Hours(25), Day(2024, 3, 3)),
                               Log(web_task_, absl::Hours(1), Day(2024, 3, 4))};
  const std::string before = Snapshot();
  absl::StatusOr<std::vector<TimeEntry>> written = Emp().LogTimeBatch(logs);
  EXPECT_EQ(written.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(written.status().message()), HasSubstr("logs[2]"));
  EXPECT_EQ(Snapshot(), before);
  EXPECT_TRUE(StoredEntries().empty());
  EXPECT_TRUE(StoredRollups().empty());
}

TEST_P(BatchTest, ObeysPermissionsPerLog) {
  // The client may not log time at all; the employee not on another's
  // behalf.
  EXPECT_EQ(Client()
                .LogTimeBatch({Log(web_task_, absl::Hours(1), Day(2024, 3, 1))})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Emp()
                .LogTimeBatch(
                    {Log(web_task_, absl::Hours(1), Day(2024, 3, 1)),
                     Log(web_task_, absl::Hours(1), Day(2024, 3, 1), emp2_)})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(StoredEntries().empty());
}

TEST_P(BatchTest, RecordsBudgetCrossingsOnceAtTheEnd) {
  EditProject(web_, [](Project& p) { p.time_budget = absl::Hours(10); });
  std::vector<TimeLog> logs;
  for (int i = 0; i < 11; ++i) {
    logs.push_back(Log(web_task_, absl::Hours(1), Day(2024, 3, 1)));
  }
  ASSERT_TRUE(Emp().LogTimeBatch(logs).ok());
  absl::StatusOr<std::vector<BudgetAlert>> alerts =
      Owner().ListBudgetAlerts(web_);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_EQ((*alerts)[0].percent, 80);
  EXPECT_EQ((*alerts)[1].percent, 100);
}

WS_TM_INSTANTIATE(BatchTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
