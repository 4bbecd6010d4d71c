// Timers: one running per member; stop writes a time entry, cancel discards;
// the owner and admins see every timer; timers past the workspace limit are
// forgotten and may be stopped capped at that limit.
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

class TimersTest : public TimeMoneyTest {};

TEST_P(TimersTest, StartShowsTheRunningTimer) {
  WS_ASSERT_OK_AND_ASSIGN(Timer t, Emp().StartTimer(web_task_));
  EXPECT_EQ(t.member, emp_);
  EXPECT_EQ(t.task, web_task_);
  EXPECT_EQ(t.started_at, StartNow());
  EXPECT_FALSE(t.forgotten);

  Advance(absl::Minutes(5));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> own, Emp().GetTimer());
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(Dump(*own), Dump(t));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> by_owner,
                          Owner().GetTimer(emp_));
  ASSERT_TRUE(by_owner.has_value());
  EXPECT_EQ(Dump(*by_owner), Dump(t));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> none, Emp2().GetTimer());
  EXPECT_FALSE(none.has_value());
  // Starting a timer writes no time.
  EXPECT_THAT(StoredEntries(), IsEmpty());
}

TEST_P(TimersTest, StopWritesATimeEntryWithTheNote) {
  SetMemberRates(emp_, 3000, 9000);
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  // 1 h 23 min 45.6 s: the entry holds whole seconds.
  Advance(absl::Hours(1) + absl::Minutes(23) + absl::Seconds(45) +
          absl::Milliseconds(600));
  const absl::Time stopped_at = Now();
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().StopTimer("Fixed the header"));
  EXPECT_TRUE(e.id.valid());
  EXPECT_EQ(e.revision, 1);
  EXPECT_EQ(e.task, web_task_);
  EXPECT_EQ(e.project, web_);
  EXPECT_EQ(e.member, emp_);
  EXPECT_EQ(e.date, Day(2024, 3, 15));
  ASSERT_TRUE(e.start.has_value());
  EXPECT_EQ(*e.start, StartNow());
  EXPECT_EQ(e.duration, absl::Seconds(5025));
  EXPECT_EQ(e.billed_duration, absl::Seconds(5025));
  EXPECT_TRUE(e.billable);
  EXPECT_EQ(e.note, "Fixed the header");
  EXPECT_EQ(e.created_at, stopped_at);
  // The employee does not manage web_: money is hidden from them...
  EXPECT_EQ(e.billing_rate, std::nullopt);
  // ...but stored: 5025 s at 90.00/h = 12562.5 -> 12563; at 30.00 = 4187.5.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry stored, Owner().GetTimeEntry(e.id));
  EXPECT_EQ(stored.billing_rate, 9000);
  EXPECT_EQ(stored.cost_rate, 3000);
  EXPECT_EQ(stored.billed_amount, 12563);
  EXPECT_EQ(stored.labour_cost, 4188);

  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> after, Emp().GetTimer());
  EXPECT_FALSE(after.has_value());
  EXPECT_THAT(Ids(ListAll(Owner())), ElementsAre(e.id.value()));
  ExpectRollupsMatchEntries();
  ASSERT_THAT(StoredRollups(), SizeIs(1));
  EXPECT_EQ(StoredRollups()[0].totals.seconds, 5025);
}

TEST_P(TimersTest, StopWithoutANoteLeavesItEmpty) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Minutes(10));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().StopTimer());
  EXPECT_EQ(e.note, "");
  EXPECT_EQ(e.duration, absl::Minutes(10));
}

TEST_P(TimersTest, SecondTimerFailsUnlessAskedToStopTheFirst) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Minutes(30));
  const std::string before = Snapshot();
  EXPECT_THAT(Emp().StartTimer(web_task2_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Emp().StartTimer(web_task_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);

  const absl::Time second_start = Now();
  WS_ASSERT_OK_AND_ASSIGN(Timer t,
                          Emp().StartTimer(web_task2_, /*stop_running=*/true));
  EXPECT_EQ(t.task, web_task2_);
  EXPECT_EQ(t.started_at, second_start);
  std::vector<TimeEntry> entries = ListAll(Owner());
  ASSERT_THAT(entries, SizeIs(1));
  EXPECT_EQ(entries[0].task, web_task_);
  EXPECT_EQ(entries[0].duration, absl::Minutes(30));
  EXPECT_EQ(entries[0].start, StartNow());
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> running, Emp().GetTimer());
  ASSERT_TRUE(running.has_value());
  EXPECT_EQ(running->task, web_task2_);
  ExpectRollupsMatchEntries();
}

TEST_P(TimersTest, StopRunningWithoutATimerJustStarts) {
  WS_ASSERT_OK_AND_ASSIGN(Timer t,
                          Emp().StartTimer(web_task_, /*stop_running=*/true));
  EXPECT_EQ(t.task, web_task_);
  EXPECT_THAT(StoredEntries(), IsEmpty());
}

TEST_P(TimersTest, CancelDiscardsWithoutWritingTime) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(2));
  WS_ASSERT_OK(Emp().CancelTimer());
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> t, Emp().GetTimer());
  EXPECT_FALSE(t.has_value());
  EXPECT_THAT(StoredEntries(), IsEmpty());
  EXPECT_THAT(StoredRollups(), IsEmpty());
  // A new timer may start at once.
  WS_ASSERT_OK(Emp().StartTimer(web_task2_));
}

TEST_P(TimersTest, StopOrCancelWithoutATimerFails) {
  const std::string before = Snapshot();
  EXPECT_THAT(Emp().StopTimer("x"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Emp().CancelTimer(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimersTest, TimersAreOnePerMemberAndIndependent) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Minutes(1));
  WS_ASSERT_OK(Emp2().StartTimer(web_task_));
  Advance(absl::Minutes(1));
  WS_ASSERT_OK(Owner().StartTimer(internal_task_));

  WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> all, Owner().ListTimers());
  std::vector<MemberId> who;
  for (const Timer& t : all) who.push_back(t.member);
  EXPECT_THAT(who, ElementsAre(owner_, emp_, emp2_));  // by member
  WS_ASSERT_OK_AND_ASSIGN(all, Admin().ListTimers());
  EXPECT_THAT(all, SizeIs(3));

  // Stopping one leaves the others running.
  Advance(absl::Minutes(8));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp2().StopTimer());
  EXPECT_EQ(e.member, emp2_);
  EXPECT_EQ(e.duration, absl::Minutes(9));
  WS_ASSERT_OK_AND_ASSIGN(all, Owner().ListTimers());
  who.clear();
  for (const Timer& t : all) who.push_back(t.member);
  EXPECT_THAT(who, ElementsAre(owner_, emp_));
}

TEST_P(TimersTest, OnlyOwnerAndAdminSeeOtherMembersTimers) {
  WS_ASSERT_OK(Emp2().StartTimer(web_task_));
  EXPECT_THAT(Emp().ListTimers(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Mgr().ListTimers(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Emp().GetTimer(emp2_),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Client().GetTimer(emp2_),
              StatusIs(absl::StatusCode::kPermissionDenied));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> t, Admin().GetTimer(emp2_));
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->member, emp2_);
  // One's own timer is readable by naming oneself too.
  WS_ASSERT_OK_AND_ASSIGN(t, Emp2().GetTimer(emp2_));
  EXPECT_TRUE(t.has_value());
}

TEST_P(TimersTest, ForgottenAfterTheDefaultTenHours) {
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Owner().GetSettings());
  EXPECT_EQ(settings.forgotten_timer_after, absl::Hours(10));
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(1));
  WS_ASSERT_OK(Emp2().StartTimer(web_task_));

  // Exactly at the limit: not yet forgotten.
  Advance(absl::Hours(9));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> forgotten,
                          Owner().ListForgottenTimers());
  EXPECT_THAT(forgotten, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> t, Emp().GetTimer());
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->forgotten);

  // One second past it.
  Advance(absl::Seconds(1));
  WS_ASSERT_OK_AND_ASSIGN(forgotten, Owner().ListForgottenTimers());
  ASSERT_THAT(forgotten, SizeIs(1));
  EXPECT_EQ(forgotten[0].member, emp_);
  EXPECT_TRUE(forgotten[0].forgotten);
  WS_ASSERT_OK_AND_ASSIGN(t, Emp().GetTimer());
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(t->forgotten);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> all, Owner().ListTimers());
  ASSERT_THAT(all, SizeIs(2));
  EXPECT_TRUE(all[0].member == emp_ ? all[0].forgotten : all[1].forgotten);
  EXPECT_FALSE(all[0].member == emp_ ? all[1].forgotten : all[0].forgotten);

  // Anyone else sees only their own forgotten timer.
  WS_ASSERT_OK_AND_ASSIGN(forgotten, Emp().ListForgottenTimers());
  ASSERT_THAT(forgotten, SizeIs(1));
  EXPECT_EQ(forgotten[0].member, emp_);
  WS_ASSERT_OK_AND_ASSIGN(forgotten, Emp2().ListForgottenTimers());
  EXPECT_THAT(forgotten, IsEmpty());

  // An hour later both are forgotten.
  Advance(absl::Hours(1));
  WS_ASSERT_OK_AND_ASSIGN(forgotten, Admin().ListForgottenTimers());
  EXPECT_THAT(forgotten, SizeIs(2));
}

TEST_P(TimersTest, StoppingAForgottenTimerCanCapItAtTheLimit) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(13));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                          Emp().StopTimer("forgot", /*cap_at_limit=*/true));
  EXPECT_EQ(e.duration, absl::Hours(10));
  EXPECT_EQ(e.start, StartNow());
  EXPECT_EQ(e.note, "forgot");
  ExpectRollupsMatchEntries();
}

TEST_P(TimersTest, StoppingAForgottenTimerWithoutCapKeepsItsTime) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(13) + absl::Seconds(7));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().StopTimer());
  EXPECT_EQ(e.duration, absl::Hours(13) + absl::Seconds(7));
}

TEST_P(TimersTest, CapDoesNotChangeATimerWithinTheLimit) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(2));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                          Emp().StopTimer("", /*cap_at_limit=*/true));
  EXPECT_EQ(e.duration, absl::Hours(2));
}

TEST_P(TimersTest, ATimerPast24HoursMustBeCapped) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(30));
  const std::string before = Snapshot();
  EXPECT_THAT(Emp().StopTimer("too long"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);  // the timer still runs, no entry
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                          Emp().StopTimer("capped", /*cap_at_limit=*/true));
  EXPECT_EQ(e.duration, absl::Hours(10));
  EXPECT_EQ(e.date, Day(2024, 3, 15));
}

TEST_P(TimersTest, ExactlyTwentyFourHoursStopsWithoutCap) {
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(24));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().StopTimer());
  EXPECT_EQ(e.duration, absl::Hours(24));
}

TEST_P(TimersTest, TheLimitIsAWorkspaceSetting) {
  WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings settings, Owner().GetSettings());
  settings.forgotten_timer_after = absl::Hours(2);
  WS_ASSERT_OK(Owner().UpdateSettings(settings));
  WS_ASSERT_OK_AND_ASSIGN(settings, Owner().GetSettings());
  EXPECT_EQ(settings.forgotten_timer_after, absl::Hours(2));

  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(2));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Timer> forgotten,
                          Owner().ListForgottenTimers());
  EXPECT_THAT(forgotten, IsEmpty());
  Advance(absl::Seconds(1));
  WS_ASSERT_OK_AND_ASSIGN(forgotten, Owner().ListForgottenTimers());
  EXPECT_THAT(forgotten, SizeIs(1));
  Advance(absl::Hours(1));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                          Emp().StopTimer("", /*cap_at_limit=*/true));
  EXPECT_EQ(e.duration, absl::Hours(2));
}

TEST_P(TimersTest, TheEntryIsDatedOnTheStartDayInTheWorkspaceZone) {
  // 22:30 UTC on the 15th is 23:30 in Berlin: the timer runs past
  // midnight and the entry keeps the day it started.
  SetNow(Utc(2024, 3, 15, 22, 30));
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Hours(2));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().StopTimer());
  EXPECT_EQ(e.date, Day(2024, 3, 15));
  EXPECT_EQ(e.duration, absl::Hours(2));

  // 23:30 UTC on the 15th is already the 16th in Berlin.
  SetNow(Utc(2024, 3, 15, 23, 30));
  WS_ASSERT_OK(Emp().StartTimer(web_task_));
  Advance(absl::Minutes(20));
  WS_ASSERT_OK_AND_ASSIGN(e, Emp().StopTimer());
  EXPECT_EQ(e.date, Day(2024, 3, 16));
}

TEST_P(TimersTest, AdminsRunTheirOwnTimersAnywhere) {
  // Admins log time anywhere, even in projects they do not belong to.
  WS_ASSERT_OK(Admin().StartTimer(web_task_));
  Advance(absl::Minutes(45));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Admin().StopTimer());
  EXPECT_EQ(e.member, admin_);
  EXPECT_EQ(e.duration, absl::Minutes(45));
}

TEST_P(TimersTest, TimerOnATaskTheMemberCannotSeeIsNotFound) {
  const std::string before = Snapshot();
  // outsider_ is not in web_.
  EXPECT_THAT(Outsider().StartTimer(web_task_),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Emp().StartTimer(TaskId(987654)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimersTest, ClientsAndReadersRunNoTimers) {
  const std::string before = Snapshot();
  EXPECT_THAT(Client().StartTimer(web_task_),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Reader().StartTimer(web_task_),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimersTest, ArchivedProjectTakesNoTimer) {
  WS_ASSERT_OK(Owner().ArchiveProject(internal_));
  EXPECT_THAT(Emp().StartTimer(internal_task_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

WS_TM_INSTANTIATE(TimersTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
