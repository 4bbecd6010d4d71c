// Bad input to the time-and-money calls: each refused with the right code,
// and a snapshot taken before and after (settings, members, projects, tasks,
// time entries, timers, costs, locks, rollups and budget alerts) shows that
// the failed call changed nothing.
#include <cstdint>
#include <functional>
#include <limits>

#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

constexpr Money kInt64Max = std::numeric_limits<int64_t>::max();

class TimeBadInputTest : public TimeMoneyTest {
 protected:
  void SetUp() override {
    TimeMoneyTest::SetUp();
    if (HasFatalFailure()) return;
    SetMemberRates(emp_, 4000, 9000);
    EditProject(web_, [](Project& p) {
      p.time_budget = absl::Hours(2);
      p.money_budget = 100'000;
    });
    if (HasFatalFailure()) return;
    // Some of everything, so the snapshot has content to compare.
    absl::StatusOr<TimeEntry> e =
        Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14)));
    ASSERT_TRUE(e.ok()) << e.status();
    entry_ = *e;
    e = Emp2().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 13)));
    ASSERT_TRUE(e.ok()) << e.status();
    other_entry_ = *e;
    absl::StatusOr<Cost> c = Owner().CreateCost(
        NewCost(web_, TaskId(), Cost::Kind::kExpense, 2500, Day(2024, 3, 14)));
    ASSERT_TRUE(c.ok()) << c.status();
    cost_ = *c;
    absl::StatusOr<PeriodLock> l =
        Owner().LockPeriod(internal_, Day(2024, 1, 31));
    ASSERT_TRUE(l.ok()) << l.status();
    lock_ = *l;
    ASSERT_TRUE(Emp2().StartTimer(web_task2_).ok());
    Advance(absl::Minutes(20));
    before_ = Snapshot();
    // The setup did record alerts (2 h of 2 h): the snapshot holds them.
    ASSERT_THAT(before_, HasSubstr("alert{"));
    ASSERT_THAT(before_, HasSubstr("rollup{"));
    ASSERT_THAT(before_, HasSubstr("timer{"));
    ASSERT_THAT(before_, HasSubstr("lock{"));
    ASSERT_THAT(before_, HasSubstr("cost{"));
  }

  // `result` failed with `code` (and, if given, a message naming `field`),
  // and the store is as it was after SetUp.
  template <typename Result>
  void ExpectRefused(const Result& result, absl::StatusCode code,
                     const std::string& field = "") {
    const absl::Status& s = ::worksection::testing::GetStatus(result);
    EXPECT_EQ(s.code(), code) << s;
    if (!field.empty()) {
      EXPECT_THAT(std::string(s.message()), HasSubstr(field));
    }
    EXPECT_EQ(Snapshot(), before_);
  }

  TimeEntry entry_, other_entry_;
  Cost cost_;
  PeriodLock lock_;
  std::string before_;
};

TEST_P(TimeBadInputTest, DurationsOutsideOneSecondToTwentyFourHours) {
  for (absl::Duration d :
       {absl::ZeroDuration(), absl::Seconds(-1), absl::Hours(-3),
        absl::Hours(24) + absl::Seconds(1), absl::Hours(25), absl::Hours(1000),
        absl::Milliseconds(500), absl::Milliseconds(1500),
        absl::InfiniteDuration(), -absl::InfiniteDuration()}) {
    SCOPED_TRACE(absl::FormatDuration(d));
    ExpectRefused(Emp().LogTime(Log(web_task_, d, Day(2024, 3, 14))),
                  absl::StatusCode::kInvalidArgument, "time.duration");
    TimeEntry edit = entry_;
    edit.duration = d;
    ExpectRefused(Emp().UpdateTimeEntry(edit),
                  absl::StatusCode::kInvalidArgument, "time.duration");
  }
}

TEST_P(TimeBadInputTest, EndBeforeOrAtStart) {
  TimeLog log;
  log.task = web_task_;
  log.start = Utc(2024, 3, 14, 10, 0);
  log.end = Utc(2024, 3, 14, 9, 0);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.end");
  log.end = log.start;
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.end");
  // Less than a whole second apart: no time at all.
  log.end = *log.start + absl::Milliseconds(999);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument);
  // More than 24 hours apart.
  log.end = *log.start + absl::Hours(24) + absl::Seconds(1);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.duration");
}

TEST_P(TimeBadInputTest, ExactlyOneOfDurationAndStartEnd) {
  TimeLog log;
  log.task = web_task_;
  log.date = Day(2024, 3, 14);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument);
  log.start = Utc(2024, 3, 14, 9, 0);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument);
  log.start = std::nullopt;
  log.end = Utc(2024, 3, 14, 9, 0);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument);
  log.duration = absl::Hours(1);
  log.start = Utc(2024, 3, 14, 8, 0);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument);
}

TEST_P(TimeBadInputTest, DatesOutside1970To9999) {
  for (absl::CivilDay d : {Day(1969, 12, 31), Day(1900, 1, 1), Day(10000, 1, 1),
                           Day(-5, 1, 1), Day(1, 1, 1)}) {
    SCOPED_TRACE(DayText(d));
    ExpectRefused(Emp().LogTime(Log(web_task_, absl::Hours(1), d)),
                  absl::StatusCode::kInvalidArgument, "time.date");
    TimeEntry edit = entry_;
    edit.date = d;
    ExpectRefused(Emp().UpdateTimeEntry(edit),
                  absl::StatusCode::kInvalidArgument, "time.date");
    ExpectRefused(Owner().CreateCost(
                      NewCost(web_, TaskId(), Cost::Kind::kExpense, 100, d)),
                  absl::StatusCode::kInvalidArgument, "cost.date");
    Cost cost_edit = cost_;
    cost_edit.date = d;
    ExpectRefused(Owner().UpdateCost(cost_edit),
                  absl::StatusCode::kInvalidArgument, "cost.date");
  }
  // A start instant whose day is outside the range.
  TimeLog log;
  log.task = web_task_;
  log.start = Utc(1969, 12, 31, 10, 0);
  log.end = Utc(1969, 12, 31, 11, 0);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.date");
  // A lock through a day past 9999.
  ExpectRefused(Owner().LockPeriod(ProjectId(), Day(10000, 1, 1)),
                absl::StatusCode::kInvalidArgument, "lock.through");
}

TEST_P(TimeBadInputTest, ATimerOnATaskTheMemberCannotSee) {
  ExpectRefused(Outsider().StartTimer(web_task_), absl::StatusCode::kNotFound);
  ExpectRefused(Emp().StartTimer(TaskId(999'999)), absl::StatusCode::kNotFound);
  ExpectRefused(Emp().StartTimer(TaskId()), absl::StatusCode::kNotFound);
  // Nor time logged there, for oneself or by the owner for them.
  ExpectRefused(
      Outsider().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))),
      absl::StatusCode::kNotFound);
  ExpectRefused(Owner().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14),
                                    outsider_)),
                absl::StatusCode::kFailedPrecondition, "time.member");
}

TEST_P(TimeBadInputTest, ATimerStartedTwice) {
  ExpectRefused(Emp2().StartTimer(web_task2_),
                absl::StatusCode::kFailedPrecondition);
  ExpectRefused(Emp2().StartTimer(web_task_),
                absl::StatusCode::kFailedPrecondition);
}

TEST_P(TimeBadInputTest,
       StoppingARunningTimerThatCannotBeStoppedStartsNothing) {
  // emp2_'s timer has run past 24 h: stopping it (to start another) fails,
  // and the new timer is not started either.
  Advance(absl::Hours(30));
  before_ = Snapshot();
  ExpectRefused(Emp2().StartTimer(web_task_, /*stop_running=*/true),
                absl::StatusCode::kFailedPrecondition);
  ExpectRefused(Emp2().StopTimer("x"), absl::StatusCode::kFailedPrecondition);
}

TEST_P(TimeBadInputTest, EditingAnotherMembersEntryAsAnEmployee) {
  TimeEntry edit = other_entry_;
  edit.note = "hijacked";
  edit.duration = absl::Minutes(1);
  ExpectRefused(Emp().UpdateTimeEntry(edit),
                absl::StatusCode::kPermissionDenied);
  ExpectRefused(Emp().DeleteTimeEntry(other_entry_.id),
                absl::StatusCode::kPermissionDenied);
  // Nor logging in their name.
  ExpectRefused(
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14), emp2_)),
      absl::StatusCode::kPermissionDenied);
}

TEST_P(TimeBadInputTest, MoneyThatOverflowsInt64) {
  for (Money m : {kInt64Max, kInt64Max - 1, Money{1'000'000'000'000'001},
                  std::numeric_limits<int64_t>::min(), Money{-1}}) {
    SCOPED_TRACE(m);
    ExpectRefused(
        Owner().CreateCost(
            NewCost(web_, TaskId(), Cost::Kind::kExpense, m, Day(2024, 3, 14))),
        absl::StatusCode::kInvalidArgument, "cost.amount");
    Cost cost_edit = cost_;
    cost_edit.amount = m;
    ExpectRefused(Owner().UpdateCost(cost_edit),
                  absl::StatusCode::kInvalidArgument, "cost.amount");

    absl::StatusOr<Member> member = Owner().GetMember(emp_);
    ASSERT_TRUE(member.ok()) << member.status();
    Member me = *member;
    me.billing_rate = m;
    ExpectRefused(Owner().UpdateMember(me), absl::StatusCode::kInvalidArgument,
                  "member.billing_rate");
    me = *member;
    me.cost_rate = m;
    ExpectRefused(Owner().UpdateMember(me), absl::StatusCode::kInvalidArgument,
                  "member.cost_rate");

    absl::StatusOr<Project> project = Owner().GetProject(web_);
    ASSERT_TRUE(project.ok()) << project.status();
    Project p = *project;
    p.billing_rate = m;
    ExpectRefused(Owner().UpdateProject(p), absl::StatusCode::kInvalidArgument,
                  "project.billing_rate");
    p = *project;
    p.money_budget = m;
    ExpectRefused(Owner().UpdateProject(p), absl::StatusCode::kInvalidArgument,
                  "project.money_budget");
    p = *project;
    for (ProjectMember& pm : p.members) {
      if (pm.member == emp_) pm.billing_rate = m;
    }
    ExpectRefused(Owner().UpdateProject(p), absl::StatusCode::kInvalidArgument,
                  "project.members.billing_rate");

    absl::StatusOr<Task> task = Owner().GetTask(web_task_);
    ASSERT_TRUE(task.ok()) << task.status();
    Task t = *task;
    t.money_budget = m;
    ExpectRefused(Owner().UpdateTask(t), absl::StatusCode::kInvalidArgument,
                  "money_budget");
  }
}

TEST_P(TimeBadInputTest, ZeroCostAmount) {
  ExpectRefused(Owner().CreateCost(NewCost(web_, TaskId(), Cost::Kind::kIncome,
                                           0, Day(2024, 3, 14))),
                absl::StatusCode::kInvalidArgument, "cost.amount");
}

TEST_P(TimeBadInputTest, BadNotes) {
  TimeLog log = Log(web_task_, absl::Hours(1), Day(2024, 3, 14));
  log.note = "bad \xff utf-8";
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.note");
  log.note = std::string("nul\0inside", 10);
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.note");
  log.note = std::string(limits::kMaxTextBytes + 1, 'x');
  ExpectRefused(Emp().LogTime(log), absl::StatusCode::kInvalidArgument,
                "time.note");
  ExpectRefused(Emp2().StopTimer("\xc0\xaf"),
                absl::StatusCode::kInvalidArgument, "time.note");
  Cost c = cost_;
  c.note = "\xed\xa0\x80";
  ExpectRefused(Owner().UpdateCost(c), absl::StatusCode::kInvalidArgument,
                "cost.note");
}

TEST_P(TimeBadInputTest, BadRounding) {
  for (Rounding r : {Rounding{Rounding::Mode::kUp, 0},
                     Rounding{Rounding::Mode::kNearest, -15},
                     Rounding{Rounding::Mode::kDown, 1441}}) {
    absl::StatusOr<Project> project = Owner().GetProject(web_);
    ASSERT_TRUE(project.ok()) << project.status();
    project->rounding = r;
    ExpectRefused(Owner().UpdateProject(*project),
                  absl::StatusCode::kInvalidArgument, "rounding");
  }
}

TEST_P(TimeBadInputTest, ForgottenTimerLimitOutsideOneMinuteTo24Hours) {
  // WorkspaceSettings documents the limit as 1 minute to 24 hours.
  for (absl::Duration d :
       {absl::ZeroDuration(), absl::Seconds(59), absl::Hours(-1),
        absl::Hours(24) + absl::Seconds(1), absl::Hours(48)}) {
    SCOPED_TRACE(absl::FormatDuration(d));
    absl::StatusOr<WorkspaceSettings> settings = Owner().GetSettings();
    ASSERT_TRUE(settings.ok()) << settings.status();
    settings->forgotten_timer_after = d;
    ExpectRefused(Owner().UpdateSettings(*settings),
                  absl::StatusCode::kInvalidArgument);
  }
}

TEST_P(TimeBadInputTest, LockedLines) {
  // lock_ freezes internal_ through 2024-01-31.
  const std::string named = absl::StrCat("lock ", lock_.id.value());
  ExpectRefused(
      Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 1, 31))),
      absl::StatusCode::kFailedPrecondition, named);
  TimeEntry edit = entry_;
  edit.task = internal_task_;
  edit.date = Day(2024, 1, 2);
  ExpectRefused(Emp().UpdateTimeEntry(edit),
                absl::StatusCode::kFailedPrecondition, named);
  ExpectRefused(
      Owner().CreateCost(NewCost(internal_, TaskId(), Cost::Kind::kExpense, 5,
                                 Day(2023, 12, 24))),
      absl::StatusCode::kFailedPrecondition, named);
}

TEST_P(TimeBadInputTest, UnknownIdsAndStaleRevisions) {
  TimeEntry edit = entry_;
  edit.id = TimeEntryId(777'777);
  ExpectRefused(Emp().UpdateTimeEntry(edit), absl::StatusCode::kNotFound);
  ExpectRefused(Owner().DeleteTimeEntry(TimeEntryId(777'777)),
                absl::StatusCode::kNotFound);
  edit = entry_;
  edit.revision = 7;
  ExpectRefused(Emp().UpdateTimeEntry(edit), absl::StatusCode::kAborted);
  ExpectRefused(Emp().DeleteTimeEntry(entry_.id, 9),
                absl::StatusCode::kAborted);
  edit = entry_;
  edit.task = TaskId(888'888);
  ExpectRefused(Emp().UpdateTimeEntry(edit), absl::StatusCode::kNotFound);
  Cost c = cost_;
  c.id = CostId(666'666);
  ExpectRefused(Owner().UpdateCost(c), absl::StatusCode::kNotFound);
  ExpectRefused(Owner().DeleteCost(CostId(666'666)),
                absl::StatusCode::kNotFound);
  c = cost_;
  c.revision = 5;
  ExpectRefused(Owner().UpdateCost(c), absl::StatusCode::kAborted);
  ExpectRefused(Owner().Unlock(LockId(555'555)), absl::StatusCode::kNotFound);
  ExpectRefused(
      Owner().CreateCost(NewCost(ProjectId(444'444), TaskId(),
                                 Cost::Kind::kExpense, 5, Day(2024, 3, 14))),
      absl::StatusCode::kNotFound);
  ExpectRefused(
      Owner().CreateCost(NewCost(ProjectId(), TaskId(444'444),
                                 Cost::Kind::kExpense, 5, Day(2024, 3, 14))),
      absl::StatusCode::kNotFound);
}

TEST_P(TimeBadInputTest, RepriceWithARangeEndingBeforeItStarts) {
  SetMemberRates(emp_, 1, 1);
  before_ = Snapshot();
  ExpectRefused(Owner().RepriceTimeEntries(ProjectId(), Day(2024, 3, 15),
                                           Day(2024, 3, 1)),
                absl::StatusCode::kInvalidArgument);
}

TEST_P(TimeBadInputTest, DeactivatedMembersLogNothing) {
  ASSERT_TRUE(Owner().DeactivateMember(outsider_).ok());
  before_ = Snapshot();
  ExpectRefused(
      Outsider().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 14))),
      absl::StatusCode::kPermissionDenied);
  ExpectRefused(Outsider().StartTimer(internal_task_),
                absl::StatusCode::kPermissionDenied);
  ExpectRefused(Owner().LogTime(Log(internal_task_, absl::Hours(1),
                                    Day(2024, 3, 14), outsider_)),
                absl::StatusCode::kFailedPrecondition);
}

WS_TM_INSTANTIATE(TimeBadInputTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
