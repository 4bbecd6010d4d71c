// Costs (expense and income lines on a project or a task) and locked
// periods (time entries and costs dated on or before a day cannot change,
// workspace-wide or in one project).
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

class CostsTest : public TimeMoneyTest {};

TEST_P(CostsTest, CreateAProjectLine) {
  WS_ASSERT_OK_AND_ASSIGN(
      Cost c, Owner().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kExpense,
                                         12'345, Day(2024, 3, 1), "Fonts")));
  EXPECT_TRUE(c.id.valid());
  EXPECT_EQ(c.revision, 1);
  EXPECT_EQ(c.project, web_);
  EXPECT_FALSE(c.task.valid());
  EXPECT_EQ(c.kind, Cost::Kind::kExpense);
  EXPECT_EQ(c.amount, 12'345);
  EXPECT_EQ(c.date, Day(2024, 3, 1));
  EXPECT_EQ(c.note, "Fonts");
  EXPECT_EQ(c.author, owner_);
  EXPECT_EQ(c.created_at, StartNow());
  EXPECT_EQ(c.updated_at, StartNow());
  WS_ASSERT_OK_AND_ASSIGN(Cost got, Owner().GetCost(c.id));
  EXPECT_EQ(Dump(got), Dump(c));
}

TEST_P(CostsTest, ATaskLineTakesTheTasksProject) {
  WS_ASSERT_OK_AND_ASSIGN(
      Cost c,
      Owner().CreateCost(NewCost(ProjectId(), web_task_, Cost::Kind::kIncome,
                                 500'000, Day(2024, 3, 2), "Fixed fee")));
  EXPECT_EQ(c.project, web_);
  EXPECT_EQ(c.task, web_task_);
  EXPECT_EQ(c.kind, Cost::Kind::kIncome);
  // Naming the right project is fine too; the wrong one is refused.
  WS_ASSERT_OK(Owner().CreateCost(
      NewCost(web_, web_task_, Cost::Kind::kExpense, 1, Day(2024, 3, 2))));
  const std::string before = Snapshot();
  EXPECT_THAT(
      Owner().CreateCost(NewCost(internal_, web_task_, Cost::Kind::kExpense, 1,
                                 Day(2024, 3, 2))),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(CostsTest, UpdateWritesKindAmountDateAndNote) {
  WS_ASSERT_OK_AND_ASSIGN(
      Cost c, Owner().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kExpense,
                                         100, Day(2024, 3, 1), "a")));
  Advance(absl::Minutes(3));
  Cost edit = c;
  edit.kind = Cost::Kind::kIncome;
  edit.amount = 250;
  edit.date = Day(2024, 3, 5);
  edit.note = "b";
  edit.project = internal_;  // not editable: ignored
  WS_ASSERT_OK_AND_ASSIGN(Cost updated, Owner().UpdateCost(edit));
  EXPECT_EQ(updated.revision, 2);
  EXPECT_EQ(updated.project, web_);
  EXPECT_EQ(updated.kind, Cost::Kind::kIncome);
  EXPECT_EQ(updated.amount, 250);
  EXPECT_EQ(updated.date, Day(2024, 3, 5));
  EXPECT_EQ(updated.note, "b");
  EXPECT_EQ(updated.created_at, StartNow());
  EXPECT_EQ(updated.updated_at, StartNow() + absl::Minutes(3));
  WS_ASSERT_OK_AND_ASSIGN(Cost got, Owner().GetCost(c.id));
  EXPECT_EQ(Dump(got), Dump(updated));
  // A stale revision is Aborted.
  edit.amount = 999;
  EXPECT_THAT(Owner().UpdateCost(edit), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(Owner().DeleteCost(c.id, 1),
              StatusIs(absl::StatusCode::kAborted));
}

TEST_P(CostsTest, Delete) {
  WS_ASSERT_OK_AND_ASSIGN(
      Cost c, Owner().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kExpense,
                                         100, Day(2024, 3, 1))));
  WS_ASSERT_OK(Owner().DeleteCost(c.id, c.revision));
  EXPECT_THAT(Owner().GetCost(c.id), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().DeleteCost(c.id), StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> all, Owner().ListCosts());
  EXPECT_THAT(all, IsEmpty());
}

TEST_P(CostsTest, ListFilters) {
  auto add = [&](ProjectId p, TaskId t, Cost::Kind k, int day) -> int64_t {
    absl::StatusOr<Cost> c =
        Owner().CreateCost(NewCost(p, t, k, 100, Day(2024, 3, day)));
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? c->id.value() : 0;
  };
  const int64_t a = add(web_, TaskId(), Cost::Kind::kExpense, 5);
  const int64_t b = add(ProjectId(), web_task_, Cost::Kind::kIncome, 3);
  const int64_t c = add(internal_, TaskId(), Cost::Kind::kExpense, 4);
  const int64_t d = add(ProjectId(), web_task_, Cost::Kind::kExpense, 5);
  auto listed = [&](CostFilter f) {
    absl::StatusOr<std::vector<Cost>> costs = Owner().ListCosts(f);
    EXPECT_TRUE(costs.ok()) << costs.status();
    return costs.ok() ? Ids(*costs) : std::vector<int64_t>{};
  };
  EXPECT_THAT(listed({}), ElementsAre(b, c, a, d));  // by (date, id)
  CostFilter f;
  f.project = web_;
  EXPECT_THAT(listed(f), ElementsAre(b, a, d));
  f = {};
  f.task = web_task_;
  EXPECT_THAT(listed(f), ElementsAre(b, d));
  f = {};
  f.kind = Cost::Kind::kExpense;
  EXPECT_THAT(listed(f), ElementsAre(c, a, d));
  f = {};
  f.from = Day(2024, 3, 4);
  f.to = Day(2024, 3, 4);
  EXPECT_THAT(listed(f), ElementsAre(c));
  f.to = Day(2024, 3, 5);
  EXPECT_THAT(listed(f), ElementsAre(c, a, d));
  f = {};
  f.to = Day(2024, 3, 3);
  EXPECT_THAT(listed(f), ElementsAre(b));
}

TEST_P(CostsTest, ManagersManageTheCostsOfTheirProjectsOnly) {
  WS_ASSERT_OK_AND_ASSIGN(
      Cost c, Mgr().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kExpense,
                                       100, Day(2024, 3, 1))));
  EXPECT_EQ(c.author, mgr_);
  Cost edit = c;
  edit.amount = 200;
  WS_ASSERT_OK(Mgr().UpdateCost(edit));
  WS_ASSERT_OK_AND_ASSIGN(
      Cost other,
      Owner().CreateCost(NewCost(internal_, TaskId(), Cost::Kind::kExpense, 100,
                                 Day(2024, 3, 1))));
  const std::string before = Snapshot();
  EXPECT_FALSE(
      Mgr()
          .CreateCost(NewCost(internal_, TaskId(), Cost::Kind::kExpense, 1,
                              Day(2024, 3, 1)))
          .ok());
  EXPECT_THAT(Mgr().GetCost(other.id), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Mgr().DeleteCost(other.id),
              StatusIs(absl::StatusCode::kNotFound));
  // A plain member of web_ neither manages nor reads costs.
  EXPECT_THAT(Emp().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kExpense, 1,
                                       Day(2024, 3, 1))),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Emp().GetCost(c.id), StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> seen, Emp().ListCosts());
  EXPECT_THAT(seen, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(seen, Mgr().ListCosts());
  EXPECT_THAT(Ids(seen), ElementsAre(c.id.value()));
  EXPECT_EQ(Snapshot(), before);
  WS_ASSERT_OK(Mgr().DeleteCost(c.id));
}

TEST_P(CostsTest, MovingATaskMovesItsCosts) {
  WS_ASSERT_OK_AND_ASSIGN(
      Cost c,
      Owner().CreateCost(NewCost(ProjectId(), web_task_, Cost::Kind::kExpense,
                                 700, Day(2024, 3, 1))));
  WS_ASSERT_OK(Owner().MoveTask(web_task_, internal_));
  WS_ASSERT_OK_AND_ASSIGN(Cost got, Owner().GetCost(c.id));
  EXPECT_EQ(got.project, internal_);
  EXPECT_EQ(got.task, web_task_);
  CostFilter f;
  f.project = web_;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Cost> in_web, Owner().ListCosts(f));
  EXPECT_THAT(in_web, IsEmpty());
}

class LocksTest : public TimeMoneyTest {
 protected:
  void SetUp() override {
    TimeMoneyTest::SetUp();
    if (HasFatalFailure()) return;
    // Written before any lock: on the 5th and the 12th, in both projects.
    absl::StatusOr<TimeEntry> e =
        Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 5)));
    ASSERT_TRUE(e.ok()) << e.status();
    web5_ = *e;
    e = Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 12)));
    ASSERT_TRUE(e.ok()) << e.status();
    web12_ = *e;
    e = Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 5)));
    ASSERT_TRUE(e.ok()) << e.status();
    internal5_ = *e;
    absl::StatusOr<Cost> c = Owner().CreateCost(
        NewCost(web_, TaskId(), Cost::Kind::kExpense, 100, Day(2024, 3, 5)));
    ASSERT_TRUE(c.ok()) << c.status();
    cost5_ = *c;
    c = Owner().CreateCost(
        NewCost(web_, TaskId(), Cost::Kind::kExpense, 100, Day(2024, 3, 12)));
    ASSERT_TRUE(c.ok()) << c.status();
    cost12_ = *c;
  }

  // A refused change: FailedPrecondition naming the lock, nothing changed.
  template <typename Result>
  void ExpectLocked(const Result& result, const PeriodLock& lock,
                    const std::string& before) {
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(
        std::string(::worksection::testing::GetStatus(result).message()),
        HasSubstr(absl::StrCat("lock ", lock.id.value())));
    EXPECT_EQ(Snapshot(), before);
  }

  TimeEntry web5_, web12_, internal5_;
  Cost cost5_, cost12_;
};

TEST_P(LocksTest, LockAndListAndUnlock) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock all,
                          Owner().LockPeriod(ProjectId(), Day(2024, 3, 10)));
  EXPECT_TRUE(all.id.valid());
  EXPECT_FALSE(all.project.valid());
  EXPECT_EQ(all.through, Day(2024, 3, 10));
  EXPECT_EQ(all.author, owner_);
  EXPECT_EQ(all.created_at, StartNow());
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock web,
                          Admin().LockPeriod(web_, Day(2024, 3, 12)));
  EXPECT_EQ(web.project, web_);
  EXPECT_EQ(web.author, admin_);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> locks, Owner().ListLocks());
  EXPECT_THAT(Dumps(locks), ElementsAre(Dump(all), Dump(web)));
  WS_ASSERT_OK(Owner().Unlock(all.id));
  WS_ASSERT_OK_AND_ASSIGN(locks, Owner().ListLocks());
  EXPECT_THAT(Dumps(locks), ElementsAre(Dump(web)));
  EXPECT_THAT(Owner().Unlock(all.id), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(LocksTest, OnlyOwnerAndAdminLock) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(web_, Day(2024, 3, 10)));
  const std::string before = Snapshot();
  EXPECT_THAT(Mgr().LockPeriod(web_, Day(2024, 3, 10)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Emp().LockPeriod(ProjectId(), Day(2024, 3, 10)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Client().LockPeriod(web_, Day(2024, 3, 10)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Mgr().Unlock(lock.id),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Owner().LockPeriod(ProjectId(434343), Day(2024, 3, 10)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(LocksTest, AWorkspaceLockFreezesTimeOnOrBeforeItsDay) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(ProjectId(), Day(2024, 3, 10)));
  const std::string before = Snapshot();
  // New time on the locked day, in any project.
  ExpectLocked(Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 10))),
               lock, before);
  ExpectLocked(
      Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 1))), lock,
      before);
  // Editing or deleting a locked entry, even as the owner.
  TimeEntry edit = web5_;
  edit.note = "late fix";
  ExpectLocked(Owner().UpdateTimeEntry(edit), lock, before);
  ExpectLocked(Owner().DeleteTimeEntry(web5_.id), lock, before);
  // Moving an open entry into the locked period.
  edit = web12_;
  edit.date = Day(2024, 3, 9);
  ExpectLocked(Emp().UpdateTimeEntry(edit), lock, before);
  // The day after is open.
  WS_ASSERT_OK(Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 11))));
  edit = web12_;
  edit.note = "fine";
  WS_ASSERT_OK(Emp().UpdateTimeEntry(edit));
}

TEST_P(LocksTest, AWorkspaceLockFreezesCosts) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(ProjectId(), Day(2024, 3, 10)));
  const std::string before = Snapshot();
  ExpectLocked(Owner().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kIncome,
                                          5, Day(2024, 3, 10))),
               lock, before);
  Cost edit = cost5_;
  edit.amount = 1;
  ExpectLocked(Owner().UpdateCost(edit), lock, before);
  ExpectLocked(Owner().DeleteCost(cost5_.id), lock, before);
  edit = cost12_;
  edit.date = Day(2024, 3, 10);
  ExpectLocked(Owner().UpdateCost(edit), lock, before);
  edit = cost12_;
  edit.amount = 150;
  WS_ASSERT_OK(Owner().UpdateCost(edit));
}

TEST_P(LocksTest, AProjectLockFreezesOnlyThatProject) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(web_, Day(2024, 3, 10)));
  const std::string before = Snapshot();
  ExpectLocked(Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 5))),
               lock, before);
  ExpectLocked(Emp().DeleteTimeEntry(web5_.id), lock, before);
  // Moving internal_'s open entry into web_ on a locked day.
  TimeEntry edit = internal5_;
  edit.task = web_task_;
  ExpectLocked(Emp().UpdateTimeEntry(edit), lock, before);
  // internal_ is open.
  edit = internal5_;
  edit.note = "still open";
  WS_ASSERT_OK(Emp().UpdateTimeEntry(edit));
  WS_ASSERT_OK(
      Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 1))));
  WS_ASSERT_OK(Owner().CreateCost(
      NewCost(internal_, TaskId(), Cost::Kind::kExpense, 5, Day(2024, 3, 1))));
}

TEST_P(LocksTest, UnlockingReopensThePeriod) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(ProjectId(), Day(2024, 3, 10)));
  EXPECT_THAT(Owner().DeleteTimeEntry(web5_.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK(Owner().Unlock(lock.id));
  WS_ASSERT_OK(Owner().DeleteTimeEntry(web5_.id));
  WS_ASSERT_OK(Owner().DeleteCost(cost5_.id));
  ExpectRollupsMatchEntries();
}

TEST_P(LocksTest, RepricingALockedEntryFailsAndChangesNothing) {
  SetMemberRates(emp_, 1000, 2000);
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(web_, Day(2024, 3, 10)));
  const std::string before = Snapshot();
  // web12_ is open and would change too: all or nothing.
  ExpectLocked(
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 1), Day(2024, 3, 31)), lock,
      before);
  WS_ASSERT_OK_AND_ASSIGN(
      int64_t changed,
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 11), Day(2024, 3, 31)));
  EXPECT_EQ(changed, 1);
  ExpectRollupsMatchEntries();
}

TEST_P(LocksTest, MovingATaskWithLockedTimeFails) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(web_, Day(2024, 3, 10)));
  const std::string before = Snapshot();
  ExpectLocked(Owner().MoveTask(web_task_, internal_), lock, before);
  // A lock in the target project counts too.
  WS_ASSERT_OK(Owner().Unlock(lock.id));
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock target,
                          Owner().LockPeriod(internal_, Day(2024, 3, 5)));
  const std::string before2 = Snapshot();
  ExpectLocked(Owner().MoveTask(web_task_, internal_), target, before2);
}

TEST_P(LocksTest, StoppingATimerIntoALockedDayFailsAndKeepsTheTimer) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Minutes(30));
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock lock,
                          Owner().LockPeriod(ProjectId(), Day(2024, 3, 15)));
  const std::string before = Snapshot();
  ExpectLocked(Emp().StopTimer("blocked"), lock, before);
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> t, Emp().GetTimer());
  EXPECT_TRUE(t.has_value());
  // Cancelling writes nothing, so it is allowed.
  WS_ASSERT_OK(Emp().CancelTimer());
}

TEST_P(LocksTest, ListLocksShowsProjectLocksOnlyToWhoSeesTheProject) {
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock all,
                          Owner().LockPeriod(ProjectId(), Day(2024, 3, 1)));
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock web,
                          Owner().LockPeriod(web_, Day(2024, 3, 2)));
  WS_ASSERT_OK_AND_ASSIGN(PeriodLock internal,
                          Owner().LockPeriod(internal_, Day(2024, 3, 3)));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> locks, Emp2().ListLocks());
  EXPECT_THAT(Dumps(locks), ElementsAre(Dump(all), Dump(web)));
  WS_ASSERT_OK_AND_ASSIGN(locks, Outsider().ListLocks());
  EXPECT_THAT(Dumps(locks), ElementsAre(Dump(all), Dump(internal)));
}

WS_TM_INSTANTIATE(CostsTest);
WS_TM_INSTANTIATE(LocksTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
