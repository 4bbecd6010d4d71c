// Time entries: logged by hand (a duration, or a start and an end), edited,
// deleted and listed with filters; durations 1 s..24 h, dates in the
// workspace time zone.
#include "tests/time_money/time_money_test.h"

namespace worksection {
namespace time_money {
namespace {

class TimeEntriesTest : public TimeMoneyTest {};

TEST_P(TimeEntriesTest, LogADurationStoresEveryField) {
  TimeLog log = Log(web_task_, absl::Minutes(95), Day(2024, 3, 14));
  log.billable = false;
  log.note = "Wireframes – first pass";
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().LogTime(log));
  EXPECT_TRUE(e.id.valid());
  EXPECT_EQ(e.revision, 1);
  EXPECT_EQ(e.task, web_task_);
  EXPECT_EQ(e.project, web_);
  EXPECT_EQ(e.member, emp_);  // none: the actor
  EXPECT_EQ(e.date, Day(2024, 3, 14));
  EXPECT_EQ(e.start, std::nullopt);
  EXPECT_EQ(e.duration, absl::Minutes(95));
  EXPECT_EQ(e.billed_duration, absl::Minutes(95));
  EXPECT_FALSE(e.billable);
  EXPECT_EQ(e.note, "Wireframes – first pass");
  EXPECT_EQ(e.created_at, StartNow());
  EXPECT_EQ(e.updated_at, StartNow());

  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Emp().GetTimeEntry(e.id));
  EXPECT_EQ(Dump(got), Dump(e));
  ExpectRollupsMatchEntries();
}

TEST_P(TimeEntriesTest, LogAStartAndAnEnd) {
  TimeLog log;
  log.task = web_task_;
  log.start = Utc(2024, 3, 14, 8, 0, 0);
  log.end = Utc(2024, 3, 14, 9, 15, 30);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().LogTime(log));
  EXPECT_EQ(e.duration, absl::Seconds(4530));
  EXPECT_EQ(e.start, Utc(2024, 3, 14, 8, 0, 0));
  EXPECT_EQ(e.date, Day(2024, 3, 14));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(e.id));
  EXPECT_EQ(got.start, Utc(2024, 3, 14, 8, 0, 0));
}

TEST_P(TimeEntriesTest, TheDateIsTheStartDayInTheWorkspaceZone) {
  // 23:30 UTC on the 14th is 00:30 on the 15th in Berlin.
  TimeLog log;
  log.task = web_task_;
  log.start = Utc(2024, 3, 14, 23, 30);
  log.end = Utc(2024, 3, 15, 0, 30);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().LogTime(log));
  EXPECT_EQ(e.date, Day(2024, 3, 15));
  // An explicit date wins.
  log.date = Day(2024, 3, 14);
  WS_ASSERT_OK_AND_ASSIGN(e, Emp().LogTime(log));
  EXPECT_EQ(e.date, Day(2024, 3, 14));
}

TEST_P(TimeEntriesTest, WithoutADateOrStartItIsTodayInTheWorkspaceZone) {
  TimeLog log;
  log.task = web_task_;
  log.duration = absl::Hours(1);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry e, Emp().LogTime(log));
  EXPECT_EQ(e.date, Day(2024, 3, 15));
  // 23:15 UTC on the 15th is the 16th in Berlin.
  SetNow(Utc(2024, 3, 15, 23, 15));
  WS_ASSERT_OK_AND_ASSIGN(e, Emp().LogTime(log));
  EXPECT_EQ(e.date, Day(2024, 3, 16));
}

TEST_P(TimeEntriesTest, DurationBoundsAreOneSecondAndTwentyFourHours) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry shortest,
      Emp().LogTime(Log(web_task_, absl::Seconds(1), Day(2024, 3, 1))));
  EXPECT_EQ(shortest.duration, absl::Seconds(1));
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry longest,
      Emp().LogTime(Log(web_task_, absl::Hours(24), Day(2024, 3, 1))));
  EXPECT_EQ(longest.duration, absl::Hours(24));
  ExpectRollupsMatchEntries();
}

TEST_P(TimeEntriesTest, DateBoundsAre1970And9999) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry first,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(1970, 1, 1))));
  EXPECT_EQ(first.date, Day(1970, 1, 1));
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry last,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(9999, 12, 31))));
  EXPECT_EQ(last.date, Day(9999, 12, 31));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Owner().GetTimeEntry(last.id));
  EXPECT_EQ(got.date, Day(9999, 12, 31));
  EXPECT_THAT(Ids(ListAll(Owner())),
              ElementsAre(first.id.value(), last.id.value()));
  ExpectRollupsMatchEntries();
}

TEST_P(TimeEntriesTest, EditWritesEveryEditableField) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))));
  Advance(absl::Minutes(10));
  TimeEntry edit = e;
  edit.task = web_task2_;
  edit.date = Day(2024, 3, 13);
  edit.start = Utc(2024, 3, 13, 9, 0);
  edit.duration = absl::Minutes(150);
  edit.billable = false;
  edit.note = "moved";
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry updated, Emp().UpdateTimeEntry(edit));
  EXPECT_EQ(updated.id, e.id);
  EXPECT_EQ(updated.revision, 2);
  EXPECT_EQ(updated.task, web_task2_);
  EXPECT_EQ(updated.project, web_);
  EXPECT_EQ(updated.member, emp_);
  EXPECT_EQ(updated.date, Day(2024, 3, 13));
  EXPECT_EQ(updated.start, Utc(2024, 3, 13, 9, 0));
  EXPECT_EQ(updated.duration, absl::Minutes(150));
  EXPECT_FALSE(updated.billable);
  EXPECT_EQ(updated.note, "moved");
  EXPECT_EQ(updated.created_at, StartNow());
  EXPECT_EQ(updated.updated_at, StartNow() + absl::Minutes(10));
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry got, Emp().GetTimeEntry(e.id));
  EXPECT_EQ(Dump(got), Dump(updated));
  ExpectRollupsMatchEntries();
}

TEST_P(TimeEntriesTest, EditCannotChangeWhoseTimeItIs) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))));
  TimeEntry edit = e;
  edit.member = emp2_;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry updated, Owner().UpdateTimeEntry(edit));
  EXPECT_EQ(updated.member, emp_);
}

TEST_P(TimeEntriesTest, EditMovesAnEntryToAnotherProject) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))));
  TimeEntry edit = e;
  edit.task = internal_task_;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry moved, Owner().UpdateTimeEntry(edit));
  EXPECT_EQ(moved.project, internal_);
  EXPECT_EQ(moved.task, internal_task_);
  TimeEntryFilter f;
  f.project = web_;
  EXPECT_THAT(ListAll(Owner(), f), IsEmpty());
  f.project = internal_;
  EXPECT_THAT(Ids(ListAll(Owner(), f)), ElementsAre(e.id.value()));
  ExpectRollupsMatchEntries();
}

TEST_P(TimeEntriesTest, AStaleRevisionIsAborted) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))));
  TimeEntry edit = e;
  edit.note = "first";
  WS_ASSERT_OK(Emp().UpdateTimeEntry(edit));
  const std::string before = Snapshot();
  edit.note = "second";  // still names revision 1
  EXPECT_THAT(Emp().UpdateTimeEntry(edit),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(Emp().DeleteTimeEntry(e.id, 1),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Snapshot(), before);
  // Revision 0 does not check.
  edit.revision = 0;
  WS_ASSERT_OK(Emp().UpdateTimeEntry(edit));
  WS_ASSERT_OK(Emp().DeleteTimeEntry(e.id, 3));
}

TEST_P(TimeEntriesTest, DeleteRemovesTheEntryAndItsRollup) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry a,
      Emp().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14))));
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry b,
      Emp().LogTime(Log(web_task_, absl::Hours(2), Day(2024, 3, 14))));
  WS_ASSERT_OK(Emp().DeleteTimeEntry(a.id));
  EXPECT_THAT(Emp().GetTimeEntry(a.id), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Ids(ListAll(Owner())), ElementsAre(b.id.value()));
  ExpectRollupsMatchEntries();
  WS_ASSERT_OK(Emp().DeleteTimeEntry(b.id));
  EXPECT_THAT(StoredRollups(), IsEmpty());  // a row at zero is removed
  EXPECT_THAT(Emp().DeleteTimeEntry(b.id),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(TimeEntriesTest, OwnerLogsForAnotherMember) {
  SetMemberRates(emp_, 2500, 8000);
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Owner().LogTime(Log(web_task_, absl::Hours(1), Day(2024, 3, 14), emp_)));
  EXPECT_EQ(e.member, emp_);
  EXPECT_EQ(e.cost_rate, 2500);  // the member's rates, not the actor's
  EXPECT_EQ(e.billing_rate, 8000);
  // The member may edit it: it is their time.
  TimeEntry edit = e;
  edit.note = "mine";
  WS_ASSERT_OK(Emp().UpdateTimeEntry(edit));
}

TEST_P(TimeEntriesTest, TimeIsLoggedOnlyForMembersWhoSeeTheTask) {
  const std::string before = Snapshot();
  EXPECT_THAT(Owner().LogTime(
                  Log(web_task_, absl::Hours(1), Day(2024, 3, 14), outsider_)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TimeEntriesTest, ArchivedProjectTakesNoTime) {
  WS_ASSERT_OK_AND_ASSIGN(
      TimeEntry e,
      Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 14))));
  WS_ASSERT_OK(Owner().ArchiveProject(internal_));
  const std::string before = Snapshot();
  EXPECT_THAT(
      Emp().LogTime(Log(internal_task_, absl::Hours(1), Day(2024, 3, 14))),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  TimeEntry edit = e;
  edit.note = "late";
  EXPECT_THAT(Owner().UpdateTimeEntry(edit),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Owner().DeleteTimeEntry(e.id),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Snapshot(), before);
}

// A small data set for the filters.
class TimeEntryFiltersTest : public TimeEntriesTest {
 protected:
  void SetUp() override {
    TimeEntriesTest::SetUp();
    if (HasFatalFailure()) return;
    auto log = [&](Session s, TaskId task, int day, bool billable,
                   int64_t* id) {
      TimeLog l = Log(task, absl::Minutes(30), Day(2024, 3, day));
      l.billable = billable;
      absl::StatusOr<TimeEntry> e = s.LogTime(l);
      ASSERT_TRUE(e.ok()) << e.status();
      *id = e->id.value();
    };
    // Logged out of date order, so (date, id) order is tested.
    log(Emp(), web_task_, 12, true, &e12_);
    log(Emp(), web_task2_, 10, false, &e10_);
    log(Emp2(), web_task_, 11, true, &e11_);
    log(Emp(), internal_task_, 10, true, &i10_);
    log(Owner(), internal_task_, 14, false, &i14_);
    log(Emp2(), web_task2_, 14, true, &e14_);
  }

  std::vector<int64_t> Listed(TimeEntryFilter f) {
    return Ids(ListAll(Owner(), std::move(f)));
  }

  int64_t e10_, e11_, e12_, e14_, i10_, i14_;
};

TEST_P(TimeEntryFiltersTest, NoFilterListsAllByDateThenId) {
  EXPECT_THAT(Listed({}), ElementsAre(e10_, i10_, e11_, e12_, i14_, e14_));
}

TEST_P(TimeEntryFiltersTest, ByProject) {
  TimeEntryFilter f;
  f.project = web_;
  EXPECT_THAT(Listed(f), ElementsAre(e10_, e11_, e12_, e14_));
  f.project = internal_;
  EXPECT_THAT(Listed(f), ElementsAre(i10_, i14_));
}

TEST_P(TimeEntryFiltersTest, ByTask) {
  TimeEntryFilter f;
  f.task = web_task2_;
  EXPECT_THAT(Listed(f), ElementsAre(e10_, e14_));
}

TEST_P(TimeEntryFiltersTest, ByMember) {
  TimeEntryFilter f;
  f.member = emp2_;
  EXPECT_THAT(Listed(f), ElementsAre(e11_, e14_));
  f.member = owner_;
  EXPECT_THAT(Listed(f), ElementsAre(i14_));
}

TEST_P(TimeEntryFiltersTest, DateRangeIsInclusive) {
  TimeEntryFilter f;
  f.from = Day(2024, 3, 11);
  f.to = Day(2024, 3, 12);
  EXPECT_THAT(Listed(f), ElementsAre(e11_, e12_));
  f.from = Day(2024, 3, 10);
  f.to = Day(2024, 3, 10);
  EXPECT_THAT(Listed(f), ElementsAre(e10_, i10_));
  f.from = Day(2024, 3, 13);
  f.to = std::nullopt;
  EXPECT_THAT(Listed(f), ElementsAre(i14_, e14_));
  f.from = std::nullopt;
  f.to = Day(2024, 3, 10);
  EXPECT_THAT(Listed(f), ElementsAre(e10_, i10_));
  f.from = Day(2024, 3, 15);
  f.to = std::nullopt;
  EXPECT_THAT(Listed(f), IsEmpty());
}

TEST_P(TimeEntryFiltersTest, ByBillable) {
  TimeEntryFilter f;
  f.billable = true;
  EXPECT_THAT(Listed(f), ElementsAre(i10_, e11_, e12_, e14_));
  f.billable = false;
  EXPECT_THAT(Listed(f), ElementsAre(e10_, i14_));
}

TEST_P(TimeEntryFiltersTest, ByTagOfTheTask) {
  TimeEntryFilter f;
  f.tag = "ops";
  EXPECT_THAT(Listed(f), ElementsAre(i10_, i14_));
  f.tag = "design";
  EXPECT_THAT(Listed(f), ElementsAre(e10_, e11_, e12_, e14_));
  f.tag = "nothing";
  EXPECT_THAT(Listed(f), IsEmpty());
}

TEST_P(TimeEntryFiltersTest, FiltersCombine) {
  TimeEntryFilter f;
  f.project = web_;
  f.member = emp_;
  f.billable = true;
  EXPECT_THAT(Listed(f), ElementsAre(e12_));
  f = {};
  f.tag = "design";
  f.from = Day(2024, 3, 11);
  f.member = emp2_;
  EXPECT_THAT(Listed(f), ElementsAre(e11_, e14_));
}

TEST_P(TimeEntryFiltersTest, PagesFollowEachOther) {
  TimeEntryFilter f;
  f.limit = 4;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryPage page, Owner().ListTimeEntries(f));
  EXPECT_THAT(Ids(page.entries), ElementsAre(e10_, i10_, e11_, e12_));
  ASSERT_FALSE(page.next_page_token.empty());
  f.page_token = page.next_page_token;
  WS_ASSERT_OK_AND_ASSIGN(page, Owner().ListTimeEntries(f));
  EXPECT_THAT(Ids(page.entries), ElementsAre(i14_, e14_));
  EXPECT_TRUE(page.next_page_token.empty());
}

TEST_P(TimeEntryFiltersTest, BadLimitsAreRefused) {
  TimeEntryFilter f;
  f.limit = 0;
  EXPECT_THAT(Owner().ListTimeEntries(f),
              StatusIs(absl::StatusCode::kInvalidArgument));
  f.limit = limits::kMaxPageSize + 1;
  EXPECT_THAT(Owner().ListTimeEntries(f),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(TimeEntryFiltersTest, MembersListOnlyTheProjectsTheyBelongTo) {
  // outsider_ is in internal_ only.
  EXPECT_THAT(Ids(ListAll(Outsider())), ElementsAre(i10_, i14_));
  // emp2_ is in web_ only.
  EXPECT_THAT(Ids(ListAll(Emp2())), ElementsAre(e10_, e11_, e12_, e14_));
}

WS_TM_INSTANTIATE(TimeEntriesTest);
WS_TM_INSTANTIATE(TimeEntryFiltersTest);

}  // namespace
}  // namespace time_money
}  // namespace worksection
