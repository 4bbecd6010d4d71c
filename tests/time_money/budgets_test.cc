// Budgets: time and money budgets on projects and tasks, their usage
// (spent, remaining, percent), and the alerts recorded once each when usage
// first reaches 80% and 100%.
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

class BudgetsTest : public TimeMoneyTest {
 protected:
  void SetUp() override {
    TimeMoneyTest::SetUp();
    if (HasFatalFailure()) return;
    SetMemberRates(emp_, 4000, 10000);  // 100.00 an hour billed
    if (HasFatalFailure()) return;
    absl::StatusOr<Task> sub =
        Owner().CreateTask(NewTask(web_, "Hero image", /*parent=*/web_task_));
    ASSERT_TRUE(sub.ok()) << sub.status();
    sub_ = sub->id;
  }

  absl::StatusOr<TimeEntry> LogOn(TaskId task, absl::Duration d,
                                  bool billable = true) {
    TimeLog log = Log(task, d, Day(2024, 3, 14));
    log.billable = billable;
    return Emp().LogTime(log);
  }
  absl::StatusOr<Cost> Spend(ProjectId project, TaskId task, Money amount,
                             Cost::Kind kind = Cost::Kind::kExpense) {
    return Owner().CreateCost(
        NewCost(project, task, kind, amount, Day(2024, 3, 14)));
  }
  void SetProjectBudgets(ProjectId id, std::optional<absl::Duration> time,
                         std::optional<Money> money) {
    EditProject(id, [&](Project& p) {
      p.time_budget = time;
      p.money_budget = money;
    });
  }
  void SetTaskBudgets(TaskId id, std::optional<absl::Duration> estimate,
                      std::optional<Money> money) {
    absl::StatusOr<Task> t = Owner().GetTask(id);
    ASSERT_TRUE(t.ok()) << t.status();
    t->estimate = estimate;
    t->money_budget = money;
    absl::StatusOr<Task> updated = Owner().UpdateTask(*t);
    ASSERT_TRUE(updated.ok()) << updated.status();
  }
  std::vector<std::string> Alerts(ProjectId id) {
    absl::StatusOr<std::vector<BudgetAlert>> alerts =
        Owner().ListBudgetAlerts(id);
    if (!alerts.ok()) {
      ADD_FAILURE() << alerts.status();
      return {};
    }
    return Dumps(*alerts);
  }
  BudgetAlert Alert(ProjectId p, TaskId t, BudgetAlert::Kind kind, int percent,
                    absl::Time at) {
    BudgetAlert a;
    a.project = p;
    a.task = t;
    a.kind = kind;
    a.percent = percent;
    a.crossed_at = at;
    return a;
  }

  TaskId sub_;
};

TEST_P(BudgetsTest, WithoutBudgetsOnlyTimeUsedIsSet) {
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(2)));
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, Owner().GetProjectBudget(web_));
  EXPECT_EQ(u.time_budget, std::nullopt);
  EXPECT_EQ(u.time_used, absl::Hours(2));
  EXPECT_EQ(u.time_remaining, std::nullopt);
  EXPECT_EQ(u.time_percent, std::nullopt);
  EXPECT_EQ(u.money_budget, std::nullopt);
  EXPECT_EQ(u.money_used, std::nullopt);
  EXPECT_EQ(u.money_remaining, std::nullopt);
  EXPECT_EQ(u.money_percent, std::nullopt);
  EXPECT_THAT(Alerts(web_), IsEmpty());
}

TEST_P(BudgetsTest, ProjectUsageCountsAllTimeAndExpenses) {
  SetProjectBudgets(web_, absl::Hours(10), 100'000);
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(4)));          // 40'000 billed
  WS_ASSERT_OK(LogOn(web_task2_, absl::Hours(1), false));  // time only
  WS_ASSERT_OK(Spend(web_, TaskId(), 5'000));              // expense
  WS_ASSERT_OK(Spend(web_, TaskId(), 7'000, Cost::Kind::kIncome));  // ignored
  WS_ASSERT_OK(LogOn(internal_task_, absl::Hours(3)));  // other project
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, Owner().GetProjectBudget(web_));
  EXPECT_EQ(u.time_budget, absl::Hours(10));
  EXPECT_EQ(u.time_used, absl::Hours(5));
  EXPECT_EQ(u.time_remaining, absl::Hours(5));
  ASSERT_TRUE(u.time_percent.has_value());
  EXPECT_DOUBLE_EQ(*u.time_percent, 50.0);
  EXPECT_EQ(u.money_budget, 100'000);
  EXPECT_EQ(u.money_used, 45'000);
  EXPECT_EQ(u.money_remaining, 55'000);
  ASSERT_TRUE(u.money_percent.has_value());
  EXPECT_DOUBLE_EQ(*u.money_percent, 45.0);

  // Overrun: remaining goes negative.
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(6)));  // 60'000 billed
  WS_ASSERT_OK_AND_ASSIGN(u, Owner().GetProjectBudget(web_));
  EXPECT_EQ(u.time_used, absl::Hours(11));
  EXPECT_EQ(u.time_remaining, absl::Hours(-1));
  EXPECT_DOUBLE_EQ(*u.time_percent, 110.0);
  EXPECT_EQ(u.money_used, 105'000);
  EXPECT_EQ(u.money_remaining, -5'000);
  EXPECT_DOUBLE_EQ(*u.money_percent, 105.0);
}

TEST_P(BudgetsTest, TimeUsedIsRawAndMoneyUsedIsBilled) {
  SetRounding(web_, Rounding::Mode::kUp, 60);
  SetProjectBudgets(web_, absl::Hours(10), 100'000);
  WS_ASSERT_OK(LogOn(web_task_, absl::Minutes(1)));  // billed 1 h: 10'000
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, Owner().GetProjectBudget(web_));
  EXPECT_EQ(u.time_used, absl::Minutes(1));
  EXPECT_EQ(u.money_used, 10'000);
  EXPECT_DOUBLE_EQ(*u.money_percent, 10.0);
}

TEST_P(BudgetsTest, TaskUsageCountsItsSubtasks) {
  SetTaskBudgets(web_task_, absl::Hours(2), 30'000);
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(1)));   // 10'000
  WS_ASSERT_OK(LogOn(sub_, absl::Minutes(30)));     // 5'000
  WS_ASSERT_OK(LogOn(web_task2_, absl::Hours(1)));  // another task
  WS_ASSERT_OK(Spend(ProjectId(), sub_, 2'000));
  WS_ASSERT_OK(Spend(ProjectId(), web_task_, 1'000));
  WS_ASSERT_OK(Spend(ProjectId(), web_task_, 9'000, Cost::Kind::kIncome));
  WS_ASSERT_OK(Spend(web_, TaskId(), 4'000));  // the project's own line
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, Owner().GetTaskBudget(web_task_));
  EXPECT_EQ(u.time_budget, absl::Hours(2));
  EXPECT_EQ(u.time_used, absl::Minutes(90));
  EXPECT_EQ(u.time_remaining, absl::Minutes(30));
  EXPECT_DOUBLE_EQ(*u.time_percent, 75.0);
  EXPECT_EQ(u.money_budget, 30'000);
  EXPECT_EQ(u.money_used, 18'000);
  EXPECT_EQ(u.money_remaining, 12'000);
  EXPECT_DOUBLE_EQ(*u.money_percent, 60.0);

  // The subtask alone, without budgets of its own.
  WS_ASSERT_OK_AND_ASSIGN(u, Owner().GetTaskBudget(sub_));
  EXPECT_EQ(u.time_used, absl::Minutes(30));
  EXPECT_EQ(u.time_budget, std::nullopt);
  EXPECT_EQ(u.money_used, std::nullopt);
}

TEST_P(BudgetsTest, ProjectTimeAlertsAreRecordedOnceEach) {
  SetProjectBudgets(web_, absl::Hours(10), std::nullopt);
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(8) - absl::Seconds(1)));
  EXPECT_THAT(Alerts(web_), IsEmpty());  // 79.99%
  Advance(absl::Minutes(1));
  const absl::Time at80 = Now();
  WS_ASSERT_OK(LogOn(web_task_, absl::Seconds(1)));  // exactly 80%
  EXPECT_THAT(Alerts(web_),
              ElementsAre(Dump(
                  Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 80, at80))));
  Advance(absl::Minutes(1));
  WS_ASSERT_OK(LogOn(web_task2_, absl::Hours(1)));  // 90%: nothing new
  EXPECT_THAT(Alerts(web_), SizeIs(1));
  Advance(absl::Minutes(1));
  const absl::Time at100 = Now();
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry over, LogOn(web_task_, absl::Hours(2)));
  const std::vector<std::string> expected = {
      Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 80, at80)),
      Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 100, at100))};
  EXPECT_EQ(Alerts(web_), expected);

  // Falling below and crossing again records nothing new.
  Advance(absl::Minutes(1));
  WS_ASSERT_OK(Emp().DeleteTimeEntry(over.id));
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(3)));
  EXPECT_EQ(Alerts(web_), expected);
  EXPECT_THAT(Alerts(internal_), IsEmpty());
}

TEST_P(BudgetsTest, AJumpPastBothThresholdsRecordsBoth) {
  SetProjectBudgets(web_, absl::Hours(10), std::nullopt);
  Advance(absl::Hours(1));
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(12)));
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 80, Now())),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 100, Now()))));
}

TEST_P(BudgetsTest, ProjectMoneyAlertsFromTimeAndExpenses) {
  SetProjectBudgets(web_, std::nullopt, 100'000);
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(7)));  // 70%
  WS_ASSERT_OK(Spend(web_, TaskId(), 50'000, Cost::Kind::kIncome));
  EXPECT_THAT(Alerts(web_), IsEmpty());
  Advance(absl::Minutes(1));
  const absl::Time at80 = Now();
  WS_ASSERT_OK(Spend(web_, TaskId(), 10'000));  // 80%
  Advance(absl::Minutes(1));
  const absl::Time at100 = Now();
  WS_ASSERT_OK(LogOn(web_task2_, absl::Hours(2)));  // 100%
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kMoney, 80, at80)),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kMoney, 100, at100))));
}

// A batch touching a budgeted task and two of its subtasks checks the task
// once: each crossing is recorded once.
TEST_P(BudgetsTest, ABatchOnATaskAndItsSubtasksRecordsEachCrossingOnce) {
  SetTaskBudgets(web_task_, absl::Hours(1), 10'000);
  absl::StatusOr<Task> sub2 =
      Owner().CreateTask(NewTask(web_, "Copy", /*parent=*/web_task_));
  ASSERT_TRUE(sub2.ok()) << sub2.status();
  Advance(absl::Minutes(1));
  const absl::Time at = Now();
  ASSERT_TRUE(
      Emp()
          .LogTimeBatch({Log(sub_, absl::Minutes(30), Day(2024, 3, 14)),
                         Log(sub2->id, absl::Minutes(30), Day(2024, 3, 14)),
                         Log(web_task_, absl::Minutes(10), Day(2024, 3, 14))})
          .ok());
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kTime, 80, at)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kTime, 100, at)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kMoney, 80, at)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kMoney, 100, at))));
}

TEST_P(BudgetsTest, TaskAlertsCountSubtasksAndAreRecordedOnce) {
  SetTaskBudgets(web_task_, absl::Hours(1), 10'000);
  Advance(absl::Minutes(1));
  const absl::Time at80 = Now();
  WS_ASSERT_OK(LogOn(sub_, absl::Minutes(48)));  // 80% of both, via subtask
  Advance(absl::Minutes(1));
  const absl::Time at100 = Now();
  WS_ASSERT_OK(LogOn(web_task_, absl::Minutes(12)));  // 100% of both
  Advance(absl::Minutes(1));
  WS_ASSERT_OK(LogOn(web_task_, absl::Minutes(12)));  // nothing new
  WS_ASSERT_OK(Spend(ProjectId(), web_task_, 1'000));
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kTime, 80, at80)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kTime, 100, at100)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kMoney, 80, at80)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kMoney, 100, at100))));
}

TEST_P(BudgetsTest, ProjectAndTaskAlertsComeByTaskKindPercent) {
  SetProjectBudgets(web_, absl::Hours(2), 20'000);
  SetTaskBudgets(web_task2_, absl::Hours(1), std::nullopt);
  Advance(absl::Minutes(1));
  WS_ASSERT_OK(LogOn(web_task2_, absl::Hours(2)));
  const absl::Time t = Now();
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 80, t)),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 100, t)),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kMoney, 80, t)),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kMoney, 100, t)),
          Dump(Alert(web_, web_task2_, BudgetAlert::Kind::kTime, 80, t)),
          Dump(Alert(web_, web_task2_, BudgetAlert::Kind::kTime, 100, t))));
}

TEST_P(BudgetsTest, LoweringABudgetCanCrossIt) {
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(5)));
  Advance(absl::Minutes(1));
  SetProjectBudgets(web_, absl::Hours(6), std::nullopt);  // 83%
  const absl::Time at80 = Now();
  Advance(absl::Minutes(1));
  SetProjectBudgets(web_, absl::Hours(5), std::nullopt);  // 100%
  const absl::Time at100 = Now();
  Advance(absl::Minutes(1));
  SetTaskBudgets(web_task_, absl::Hours(4), std::nullopt);  // 125%
  const absl::Time task_at = Now();
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 80, at80)),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 100, at100)),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kTime, 80, task_at)),
          Dump(
              Alert(web_, web_task_, BudgetAlert::Kind::kTime, 100, task_at))));
}

TEST_P(BudgetsTest, EditingAnEntryCanCrossABudget) {
  SetProjectBudgets(web_, absl::Hours(10), std::nullopt);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogOn(web_task_, absl::Hours(1)));
  Advance(absl::Minutes(1));
  TimeEntry edit = e;
  edit.duration = absl::Hours(9);
  WS_ASSERT_OK(Emp().UpdateTimeEntry(edit));
  EXPECT_THAT(Alerts(web_),
              ElementsAre(Dump(
                  Alert(web_, TaskId(), BudgetAlert::Kind::kTime, 80, Now()))));
}

TEST_P(BudgetsTest, RepricingCanCrossATasksMoneyBudget) {
  // Logged at no rate; a rate set later and re-priced raises the money used
  // of the project and of the task: both cross.
  SetMemberRates(emp_, 0, 0);
  SetProjectBudgets(web_, std::nullopt, 10'000);
  SetTaskBudgets(web_task_, std::nullopt, 10'000);
  WS_ASSERT_OK(LogOn(web_task_, absl::Hours(1)));
  EXPECT_THAT(Alerts(web_), IsEmpty());
  SetMemberRates(emp_, 0, 10'000);
  Advance(absl::Minutes(5));
  WS_ASSERT_OK_AND_ASSIGN(
      int64_t changed,
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 1), Day(2024, 3, 31)));
  EXPECT_EQ(changed, 1);
  WS_ASSERT_OK_AND_ASSIGN(BudgetUsage u, Owner().GetTaskBudget(web_task_));
  EXPECT_EQ(u.money_used, 10'000);
  EXPECT_THAT(
      Alerts(web_),
      ElementsAre(
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kMoney, 80, Now())),
          Dump(Alert(web_, TaskId(), BudgetAlert::Kind::kMoney, 100, Now())),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kMoney, 80, Now())),
          Dump(Alert(web_, web_task_, BudgetAlert::Kind::kMoney, 100, Now()))));
}

WS_TM_INSTANTIATE(BudgetsTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
