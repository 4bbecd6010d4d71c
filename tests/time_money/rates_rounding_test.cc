// Rates and rounding: how a billing rate resolves, the exact amounts
// (round-half-up(seconds x rate / 3600) per entry, in minor units), each
// rounding rule with its edges, history kept after rate changes, and
// RepriceTimeEntries. Every expected amount is computed by hand here.
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

class RatesTest : public TimeMoneyTest {
 protected:
  // Logs `seconds` on `task` as the owner for `member`, read back as the
  // owner (money visible).
  absl::StatusOr<TimeEntry> LogSeconds(TaskId task, int64_t seconds,
                                       MemberId member,
                                       absl::CivilDay day = Day(2024, 3, 14),
                                       bool billable = true) {
    TimeLog log = Log(task, absl::Seconds(seconds), day, member);
    log.billable = billable;
    return Owner().LogTime(log);
  }
};

TEST_P(RatesTest, BillingRateResolvesOverrideThenProjectThenMember) {
  SetMemberRates(emp_, 4000, 9000);
  SetMemberRates(emp2_, 3500, 8500);
  SetProjectRate(web_, 12000);
  SetOverride(web_, emp2_, 15000);

  // emp2_ on web_: their override there.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry a, LogSeconds(web_task_, 3600, emp2_));
  EXPECT_EQ(a.billing_rate, 15000);
  EXPECT_EQ(a.cost_rate, 3500);
  EXPECT_EQ(a.billed_amount, 15000);
  EXPECT_EQ(a.labour_cost, 3500);
  // emp_ on web_: no override, the project's rate.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry b, LogSeconds(web_task_, 3600, emp_));
  EXPECT_EQ(b.billing_rate, 12000);
  EXPECT_EQ(b.cost_rate, 4000);
  // emp_ on internal_: no project rate, the member's default.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry c, LogSeconds(internal_task_, 3600, emp_));
  EXPECT_EQ(c.billing_rate, 9000);
  EXPECT_EQ(c.billed_amount, 9000);
  // outsider_ on internal_: no rate anywhere: zero.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry d,
                          LogSeconds(internal_task_, 3600, outsider_));
  EXPECT_EQ(d.billing_rate, 0);
  EXPECT_EQ(d.cost_rate, 0);
  EXPECT_EQ(d.billed_amount, 0);
  EXPECT_EQ(d.labour_cost, 0);
}

TEST_P(RatesTest, AnOverrideOfZeroStillOverrides) {
  SetMemberRates(emp_, 0, 9000);
  SetProjectRate(web_, 12000);
  SetOverride(web_, emp_, 0);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogSeconds(web_task_, 3600, emp_));
  EXPECT_EQ(e.billing_rate, 0);
  EXPECT_EQ(e.billed_amount, 0);
}

TEST_P(RatesTest, AProjectRateOfZeroStillWinsOverTheMembersRate) {
  SetMemberRates(emp_, 0, 9000);
  SetProjectRate(internal_, 0);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogSeconds(internal_task_, 3600, emp_));
  EXPECT_EQ(e.billing_rate, 0);
}

TEST_P(RatesTest, AmountsAreRoundedHalfUpPerEntry) {
  struct Case {
    int64_t seconds;
    Money rate;
    Money amount;  // by hand: seconds * rate / 3600, half up
  } cases[] = {
      {3600, 12000, 12000},  // exactly one hour
      {5400, 12345, 18518},  // 66'663'000 / 3600 = 18517.5 -> 18518
      {1, 1800, 1},          // 0.5 exactly -> 1
      {1, 1799, 0},          // 0.49972 -> 0
      {1, 5400, 2},          // 1.5 -> 2
      {9000, 1, 3},          // 2.5 -> 3 (not to even)
      {1799, 1, 0},          // 0.49972 -> 0
      {1800, 1, 1},          // 0.5 -> 1
      {1, 1, 0},             // 0.00028 -> 0
      {3599, 3600, 3599},    // exact
      {7, 9999, 19},         // 69'993 / 3600 = 19.4425 -> 19
      {61, 10800, 183},      // 658'800 / 3600 = 183
      {86400, 1'000'000'000'000'000, 24'000'000'000'000'000},  // the most
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.seconds, " s at ", c.rate));
    SetMemberRates(emp_, c.rate, c.rate);
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                            LogSeconds(web_task_, c.seconds, emp_));
    EXPECT_EQ(e.billing_rate, c.rate);
    EXPECT_EQ(e.billed_amount, c.amount);
    EXPECT_EQ(e.labour_cost, c.amount);
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(e.id));
    EXPECT_EQ(got.billed_amount, c.amount);
  }
  ExpectRollupsMatchEntries();
}

TEST_P(RatesTest, TotalsAreSumsOfPerEntryAmounts) {
  // Three entries of 1 s at 1800/h: 0.5 each, rounded per entry to 1 each;
  // the day's rollup sums 3, not round(1.5) = 2.
  SetMemberRates(emp_, 0, 1800);
  for (int i = 0; i < 3; ++i) {
    WS_ASSERT_OK(LogSeconds(web_task_, 1, emp_));
  }
  std::vector<RollupRow> rows = StoredRollups();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].totals.billed_amount, 3);
  EXPECT_EQ(rows[0].totals.seconds, 3);
  EXPECT_EQ(rows[0].totals.entry_count, 3);
}

TEST_P(RatesTest, NonBillableTimeBillsNothingButStillCosts) {
  SetMemberRates(emp_, 4000, 9000);
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      LogSeconds(web_task_, 1800, emp_, Day(2024, 3, 14), /*billable=*/false));
  EXPECT_EQ(e.billing_rate, 9000);  // the rate is still stored
  EXPECT_EQ(e.billed_amount, 0);
  EXPECT_EQ(e.labour_cost, 2000);
  std::vector<RollupRow> rows = StoredRollups();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].totals.seconds, 1800);
  EXPECT_EQ(rows[0].totals.billable_seconds, 0);
  EXPECT_EQ(rows[0].totals.billed_amount, 0);
  EXPECT_EQ(rows[0].totals.labour_cost, 2000);
}

class RoundingTest : public RatesTest {
 protected:
  struct Case {
    int64_t raw;
    int64_t billed;
  };
  void Check(Rounding::Mode mode, int minutes, const std::vector<Case>& cases) {
    SetRounding(web_, mode, minutes);
    // 3600 per hour = 1 per second: the amount is the billed seconds.
    SetMemberRates(emp_, 7200, 3600);
    for (const Case& c : cases) {
      SCOPED_TRACE(absl::StrCat("mode ", static_cast<int>(mode), "/", minutes,
                                ": ", c.raw, " s"));
      WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogSeconds(web_task_, c.raw, emp_));
      EXPECT_EQ(e.duration, absl::Seconds(c.raw));  // raw time is kept
      EXPECT_EQ(e.billed_duration, absl::Seconds(c.billed));
      EXPECT_EQ(e.billed_amount, c.billed);
      EXPECT_EQ(e.labour_cost, 2 * c.raw);  // cost from the raw time
      WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(e.id));
      EXPECT_EQ(got.duration, absl::Seconds(c.raw));
      EXPECT_EQ(got.billed_duration, absl::Seconds(c.billed));
    }
    ExpectRollupsMatchEntries();
  }
};

TEST_P(RoundingTest, NoneBillsTheRawTime) {
  Check(Rounding::Mode::kNone, 0, {{1, 1}, {899, 899}, {86400, 86400}});
}

TEST_P(RoundingTest, UpToFifteenMinutes) {
  Check(Rounding::Mode::kUp, 15,
        {{1, 900},
         {899, 900},
         {900, 900},
         {901, 1800},
         {86400, 86400},
         {86399, 86400}});
}

TEST_P(RoundingTest, NearestFifteenMinutesRoundsHalfUp) {
  Check(Rounding::Mode::kNearest, 15,
        {{1, 0},
         {449, 0},
         {450, 900},  // exactly half a step: up
         {900, 900},
         {1349, 900},
         {1350, 1800},
         {86399, 86400}});
}

TEST_P(RoundingTest, DownToFifteenMinutes) {
  Check(Rounding::Mode::kDown, 15,
        {{1, 0}, {899, 0}, {900, 900}, {1799, 900}, {86400, 86400}});
}

TEST_P(RoundingTest, StepOfOneMinute) {
  Check(Rounding::Mode::kUp, 1, {{1, 60}, {60, 60}, {61, 120}});
  Check(Rounding::Mode::kNearest, 1, {{29, 0}, {30, 60}, {89, 60}, {90, 120}});
  Check(Rounding::Mode::kDown, 1, {{59, 0}, {119, 60}});
}

TEST_P(RoundingTest, StepOfAWholeDay) {
  Check(Rounding::Mode::kUp, 1440, {{1, 86400}, {86400, 86400}});
  Check(Rounding::Mode::kNearest, 1440,
        {{43199, 0}, {43200, 86400}, {86400, 86400}});
  Check(Rounding::Mode::kDown, 1440, {{86399, 0}, {86400, 86400}});
}

TEST_P(RoundingTest, ANonBillableEntryStillGetsItsBilledDuration) {
  SetRounding(web_, Rounding::Mode::kUp, 30);
  SetMemberRates(emp_, 0, 3600);
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      LogSeconds(web_task_, 60, emp_, Day(2024, 3, 14), /*billable=*/false));
  EXPECT_EQ(e.billed_duration, absl::Minutes(30));
  EXPECT_EQ(e.billed_amount, 0);
  std::vector<RollupRow> rows = StoredRollups();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].totals.billable_seconds, 0);
  EXPECT_EQ(rows[0].totals.seconds, 60);
}

TEST_P(RoundingTest, RollupsSumRawAndBilledSecondsApart) {
  SetRounding(web_, Rounding::Mode::kUp, 15);
  SetMemberRates(emp_, 0, 3600);
  WS_ASSERT_OK(LogSeconds(web_task_, 60, emp_));
  WS_ASSERT_OK(LogSeconds(web_task_, 1000, emp_));
  std::vector<RollupRow> rows = StoredRollups();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].totals.seconds, 1060);
  EXPECT_EQ(rows[0].totals.billable_seconds, 900 + 1800);
  EXPECT_EQ(rows[0].totals.billed_amount, 2700);
  EXPECT_EQ(rows[0].totals.entry_count, 2);
}

TEST_P(RoundingTest, ARuleChangeDoesNotRewriteOldEntries) {
  SetMemberRates(emp_, 0, 3600);
  SetRounding(web_, Rounding::Mode::kUp, 15);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry old, LogSeconds(web_task_, 60, emp_));
  SetRounding(web_, Rounding::Mode::kDown, 15);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry fresh, LogSeconds(web_task_, 60, emp_));
  EXPECT_EQ(fresh.billed_duration, absl::ZeroDuration());
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(old.id));
  EXPECT_EQ(got.billed_duration, absl::Minutes(15));
  EXPECT_EQ(got.billed_amount, 900);
  ExpectRollupsMatchEntries();
}

TEST_P(RoundingTest, TheRuleIsStoredOnTheProject) {
  SetRounding(web_, Rounding::Mode::kNearest, 6);
  WS_ASSERT_OK_AND_ASSIGN(Project p, Owner().GetProject(web_));
  EXPECT_EQ(p.rounding, (Rounding{Rounding::Mode::kNearest, 6}));
  // kNone keeps no step.
  SetRounding(web_, Rounding::Mode::kNone, 6);
  WS_ASSERT_OK_AND_ASSIGN(p, Owner().GetProject(web_));
  EXPECT_EQ(p.rounding, (Rounding{Rounding::Mode::kNone, 0}));
}

TEST_P(RatesTest, ChangingRatesNeverRewritesHistory) {
  SetMemberRates(emp_, 4000, 9000);
  SetMemberRates(emp2_, 3000, 7000);
  SetProjectRate(web_, 12000);
  SetOverride(web_, emp2_, 15000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry a, LogSeconds(web_task_, 3600, emp_));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry b, LogSeconds(web_task_, 3600, emp2_));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry c, LogSeconds(internal_task_, 3600, emp_));
  const std::vector<RollupRow> rollups = StoredRollups();

  SetMemberRates(emp_, 5000, 11000);
  SetMemberRates(emp2_, 3300, 7700);
  SetProjectRate(web_, 13000);
  SetOverride(web_, emp2_, 16000);
  SetRounding(web_, Rounding::Mode::kUp, 60);

  for (const TimeEntry& e : {a, b, c}) {
    WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(e.id));
    EXPECT_EQ(Dump(got), Dump(e));
  }
  EXPECT_EQ(absl::StrJoin(Dumps(StoredRollups()), "\n"),
            absl::StrJoin(Dumps(rollups), "\n"));

  // New entries take the new rates.
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry d, LogSeconds(web_task_, 3600, emp_));
  EXPECT_EQ(d.billing_rate, 13000);
  EXPECT_EQ(d.cost_rate, 5000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e2, LogSeconds(web_task_, 3600, emp2_));
  EXPECT_EQ(e2.billing_rate, 16000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry f, LogSeconds(internal_task_, 3600, emp_));
  EXPECT_EQ(f.billing_rate, 11000);
  ExpectRollupsMatchEntries();
}

TEST_P(RatesTest, EditingAnEntryKeepsItsRates) {
  SetMemberRates(emp_, 4000, 9000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogSeconds(web_task_, 3600, emp_));
  SetMemberRates(emp_, 5000, 11000);
  TimeEntry edit = e;
  edit.duration = absl::Minutes(90);
  edit.task = web_task2_;  // same project
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry updated, Owner().UpdateTimeEntry(edit));
  EXPECT_EQ(updated.billing_rate, 9000);
  EXPECT_EQ(updated.cost_rate, 4000);
  EXPECT_EQ(updated.billed_amount, 13500);  // 1.5 h at 90.00
  EXPECT_EQ(updated.labour_cost, 6000);
  edit = updated;
  edit.billable = false;
  WS_ASSERT_OK_AND_ASSIGN(updated, Owner().UpdateTimeEntry(edit));
  EXPECT_EQ(updated.billed_amount, 0);
  EXPECT_EQ(updated.billing_rate, 9000);
  ExpectRollupsMatchEntries();
}

TEST_P(RatesTest, MovingAnEntryToAnotherProjectTakesThatProjectsRates) {
  SetMemberRates(emp_, 4000, 9000);
  SetProjectRate(web_, 12000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogSeconds(web_task_, 3600, emp_));
  EXPECT_EQ(e.billing_rate, 12000);
  SetMemberRates(emp_, 4400, 9900);
  TimeEntry edit = e;
  edit.task = internal_task_;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry moved, Owner().UpdateTimeEntry(edit));
  EXPECT_EQ(moved.billing_rate, 9900);  // internal_ has no rate: the member's
  EXPECT_EQ(moved.cost_rate, 4400);
  EXPECT_EQ(moved.billed_amount, 9900);
  EXPECT_EQ(moved.labour_cost, 4400);
  ExpectRollupsMatchEntries();
}

TEST_P(RatesTest, MovingATaskKeepsItsEntriesRates) {
  SetMemberRates(emp_, 4000, 9000);
  SetProjectRate(web_, 12000);
  SetRounding(web_, Rounding::Mode::kUp, 60);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, LogSeconds(web_task_, 60, emp_));
  EXPECT_EQ(e.billed_duration, absl::Hours(1));
  WS_ASSERT_OK_AND_ASSIGN(Task moved, Owner().MoveTask(web_task_, internal_));
  EXPECT_EQ(moved.project, internal_);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(e.id));
  EXPECT_EQ(got.project, internal_);
  EXPECT_EQ(got.billing_rate, 12000);
  EXPECT_EQ(got.billed_amount, 12000);
  EXPECT_EQ(got.billed_duration, absl::Hours(1));
  ExpectRollupsMatchEntries();
}

class RepriceTest : public RatesTest {};

TEST_P(RepriceTest, RepricesTheRangeOfOneProjectWithTodaysRates) {
  SetMemberRates(emp_, 4000, 9000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry before_range,
                          LogSeconds(web_task_, 3600, emp_, Day(2024, 3, 9)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry first,
                          LogSeconds(web_task_, 3600, emp_, Day(2024, 3, 10)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry last,
                          LogSeconds(web_task_, 1800, emp_, Day(2024, 3, 12)));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry after_range,
                          LogSeconds(web_task_, 3600, emp_, Day(2024, 3, 13)));
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry other_project,
      LogSeconds(internal_task_, 3600, emp_, Day(2024, 3, 11)));

  SetMemberRates(emp_, 5000, 11000);
  Advance(absl::Hours(1));
  WS_ASSERT_OK_AND_ASSIGN(
      int64_t changed,
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 10), Day(2024, 3, 12)));
  EXPECT_EQ(changed, 2);

  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(first.id));
  EXPECT_EQ(got.billing_rate, 11000);
  EXPECT_EQ(got.cost_rate, 5000);
  EXPECT_EQ(got.billed_amount, 11000);
  EXPECT_EQ(got.labour_cost, 5000);
  EXPECT_EQ(got.revision, 2);
  EXPECT_EQ(got.updated_at, StartNow() + absl::Hours(1));
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTimeEntry(last.id));
  EXPECT_EQ(got.billed_amount, 5500);
  EXPECT_EQ(got.labour_cost, 2500);
  for (const TimeEntry& kept : {before_range, after_range, other_project}) {
    WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTimeEntry(kept.id));
    EXPECT_EQ(Dump(got), Dump(kept));
  }
  ExpectRollupsMatchEntries();

  // Nothing left to change.
  WS_ASSERT_OK_AND_ASSIGN(
      changed,
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 10), Day(2024, 3, 12)));
  EXPECT_EQ(changed, 0);
}

TEST_P(RepriceTest, WithoutAProjectRepricesEveryProject) {
  SetMemberRates(emp_, 4000, 9000);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry a,
                          LogSeconds(web_task_, 3600, emp_, Day(2024, 3, 10)));
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry b, LogSeconds(internal_task_, 3600, emp_, Day(2024, 3, 11)));
  SetMemberRates(emp_, 4000, 10000);
  WS_ASSERT_OK_AND_ASSIGN(
      int64_t changed, Admin().RepriceTimeEntries(ProjectId(), Day(2024, 3, 1),
                                                  Day(2024, 3, 31)));
  EXPECT_EQ(changed, 2);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(a.id));
  EXPECT_EQ(got.billed_amount, 10000);
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTimeEntry(b.id));
  EXPECT_EQ(got.billed_amount, 10000);
  ExpectRollupsMatchEntries();
}

TEST_P(RepriceTest, RepricingAppliesTheCurrentRoundingAndOverride) {
  SetMemberRates(emp_, 0, 3600);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e,
                          LogSeconds(web_task_, 100, emp_, Day(2024, 3, 10)));
  EXPECT_EQ(e.billed_amount, 100);
  SetRounding(web_, Rounding::Mode::kUp, 15);
  SetOverride(web_, emp_, 7200);
  WS_ASSERT_OK_AND_ASSIGN(
      int64_t changed,
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 10), Day(2024, 3, 10)));
  EXPECT_EQ(changed, 1);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(e.id));
  EXPECT_EQ(got.billed_duration, absl::Minutes(15));
  EXPECT_EQ(got.billing_rate, 7200);
  EXPECT_EQ(got.billed_amount, 1800);  // 900 s at 72.00/h
  ExpectRollupsMatchEntries();
}

TEST_P(RepriceTest, OnlyOwnerAndAdminReprice) {
  SetMemberRates(emp_, 4000, 9000);
  WS_ASSERT_OK(LogSeconds(web_task_, 3600, emp_, Day(2024, 3, 10)));
  SetMemberRates(emp_, 4000, 9999);
  const std::string before = Snapshot();
  EXPECT_THAT(Mgr().RepriceTimeEntries(web_, Day(2024, 3, 1), Day(2024, 3, 31)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Emp().RepriceTimeEntries(web_, Day(2024, 3, 1), Day(2024, 3, 31)),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(
      Client().RepriceTimeEntries(web_, Day(2024, 3, 1), Day(2024, 3, 31)),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(RepriceTest, ARangeEndingBeforeItStartsIsRefused) {
  const std::string before = Snapshot();
  EXPECT_THAT(
      Owner().RepriceTimeEntries(web_, Day(2024, 3, 12), Day(2024, 3, 11)),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Owner().RepriceTimeEntries(ProjectId(424242), Day(2024, 3, 1),
                                         Day(2024, 3, 2)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

WS_TM_INSTANTIATE(RatesTest);
WS_TM_INSTANTIATE(RoundingTest);
WS_TM_INSTANTIATE(RepriceTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
