// Hostile input on every store: SQL metacharacters, quotes and backslashes
// in every text field and filter (stored and matched verbatim), 10 MB
// strings, extreme dates, durations and instants, money at the edge of 64
// bits, and ids that do not exist. Each gets a clear error naming its field
// or is stored verbatim, and a refused call changes nothing.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tests/conformance/bad_input_test.h"
#include "worksection/report.h"

namespace worksection {
namespace session_conformance {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// What SQL injection, LIKE patterns and escaping bugs are made of.
const char* const kMetacharacters[] = {
    "'; DROP TABLE tasks; --",
    "Robert'); DELETE FROM members; --",
    "\" OR \"1\"=\"1",
    "' OR '1'='1",
    "back\\slash \\' \\\"",
    "100% _done_",
    "%",
    "_",
    "%%",
    "[a-z]*?",
    "' || (SELECT sql FROM sqlite_master) || '",
    "$1; SELECT pg_sleep(10); --",
    "/* comment */ --",
    "E'\\x27'",
    ";",
    "\\",
    "''",
};

class HostileInputTest : public BadInputTest {
 protected:
  // Every task title the owner lists.
  std::vector<std::string> Titles(TaskFilter filter) {
    std::vector<std::string> titles;
    absl::StatusOr<std::vector<Task>> tasks = AllTasks(filter);
    EXPECT_THAT(tasks, IsOk());
    if (!tasks.ok()) return titles;
    for (const Task& t : *tasks) titles.push_back(t.title);
    return titles;
  }
};

TEST_P(HostileInputTest, SqlMetacharactersAreStoredVerbatimEverywhere) {
  int tried = 0;
  for (const TextField& f : TextFields()) {
    for (const char* value : kMetacharacters) {
      SCOPED_TRACE(absl::StrCat(f.field, ": ", value));
      const std::string v = value;
      ++tried;
      if (f.field == "member.email" &&
          v.find_first_of(" \t") != std::string::npos) {
        // An e-mail address holds no space: refused, as any such input.
        const std::string before = Snapshot();
        ExpectRefused(f.write(v).status(), absl::StatusCode::kInvalidArgument,
                      f.field, before);
        continue;
      }
      absl::StatusOr<std::string> stored = f.write(v);
      ASSERT_THAT(stored, IsOk());
      EXPECT_EQ(*stored, f.field == "member.email"
                             ? absl::AsciiStrToLower(v + "@example.com")
                             : v);
    }
  }
  RecordProperty("inputs", tried);
  // Nothing was dropped or deleted: every table still reads.
  absl::StatusOr<std::vector<Task>> tasks = AllTasks();
  ASSERT_THAT(tasks, IsOk());
  EXPECT_GT(tasks->size(), std::size(kMetacharacters));
  MemberFilter mf;
  mf.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Member> members, Owner().ListMembers(mf));
  EXPECT_GT(members.size(), std::size(kMetacharacters));
}

TEST_P(HostileInputTest, FiltersTakeMetacharactersLiterally) {
  for (const char* title : {"100% done", "1000 done", "a_b", "axb", "it's",
                            "its", "back\\slash", "backslash", "[a-z]", "a"}) {
    Task t = NewTask(web_, title);
    t.tags = {absl::StrCat("tag ", title)};
    WS_ASSERT_OK(Owner().CreateTask(t));
  }
  struct Case {
    std::string needle;
    std::vector<std::string> titles;
  };
  const Case cases[] = {
      {"%", {"100% done"}}, {"0% d", {"100% done"}},
      {"_", {"a_b"}},       {"a_b", {"a_b"}},
      {"'", {"it's"}},      {"\\", {"back\\slash"}},
      {"[a-z]", {"[a-z]"}}, {"%%", {}},
      {"' OR '1'='1", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.needle);
    TaskFilter by_text;
    by_text.text_contains = c.needle;
    EXPECT_EQ(Titles(by_text), c.titles);
    if (c.titles.empty()) continue;
    TaskFilter by_tag;
    by_tag.tag = absl::StrCat("tag ", c.titles[0]);
    EXPECT_EQ(Titles(by_tag), c.titles);
  }
  TaskFilter wildcard_tag;
  wildcard_tag.tag = "tag %";
  EXPECT_THAT(Titles(wildcard_tag), IsEmpty());
  TimeEntryFilter time_tag;
  time_tag.tag = "%";
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryPage page,
                          Owner().ListTimeEntries(time_tag));
  EXPECT_THAT(page.entries, IsEmpty());
}

TEST_P(HostileInputTest, TenMegabyteStringsAreRefusedAndChangeNothing) {
  const std::string huge = Filler(10 << 20);
  const std::string before = Snapshot();
  for (const TextField& f : TextFields()) {
    SCOPED_TRACE(f.field);
    ExpectRefused(f.write(huge).status(), absl::StatusCode::kInvalidArgument,
                  f.field, before);
  }
  // In a filter it finds nothing, or is refused; either way nothing
  // changes.
  TaskFilter filter;
  filter.text_contains = huge;
  absl::StatusOr<TaskPage> page = Owner().ListTasks(filter);
  if (page.ok()) {
    EXPECT_THAT(page->tasks, IsEmpty());
  } else {
    EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument));
  }
  filter = {};
  filter.tag = huge;
  page = Owner().ListTasks(filter);
  if (page.ok()) {
    EXPECT_THAT(page->tasks, IsEmpty());
  }
  EXPECT_EQ(Snapshot(), before);
}

// Days at and past every edge: refused with the field named where a day is
// stored, answered (or refused) without overflow where a day is a query.
std::vector<absl::CivilDay> ExtremeDays() {
  return {absl::CivilDay(1, 1, 1),
          absl::CivilDay(-5000, 1, 1),
          absl::CivilDay(1899, 12, 31),
          absl::CivilDay(1969, 12, 31),
          absl::CivilDay(10000, 1, 1),
          absl::CivilDay(kInt64Max / 1000, 1, 1),
          absl::CivilDay(kInt64Min / 1000, 1, 1),
          (absl::CivilDay::max)(),
          (absl::CivilDay::min)()};
}

TEST_P(HostileInputTest, ExtremeDatesInWritesAreRefused) {
  const std::string before = Snapshot();
  int tried = 0;
  for (absl::CivilDay day : ExtremeDays()) {
    SCOPED_TRACE(absl::FormatCivilTime(day));
    TimeLog log;
    log.task = task_.id;
    log.date = day;
    log.duration = absl::Hours(1);
    ExpectRefused(Owner().LogTime(log).status(),
                  absl::StatusCode::kInvalidArgument, "time.date", before);
    TimeEntry e = entry_;
    e.date = day;
    ExpectRefused(Owner().UpdateTimeEntry(e).status(),
                  absl::StatusCode::kInvalidArgument, "time.date", before);
    Cost c;
    c.project = web_;
    c.amount = 100;
    c.date = day;
    ExpectRefused(Owner().CreateCost(c).status(),
                  absl::StatusCode::kInvalidArgument, "cost.date", before);
    ++tried;
    if (day.year() < limits::kMinYear || day.year() > limits::kMaxYear) {
      Task t = NewTask(web_, "Extreme");
      t.deadline = DeadlineOn(day, 0);
      ExpectRefused(Owner().CreateTask(t).status(),
                    absl::StatusCode::kInvalidArgument, "task.deadline",
                    before);
      ++tried;
    }
    tried += 3;
    // A lock or a re-pricing range outside the years: refused, or (for a
    // lock far in the past) harmless; never an overflow.
    absl::StatusOr<PeriodLock> lock = Owner().LockPeriod(web_, day);
    if (lock.ok()) {
      WS_ASSERT_OK(Owner().Unlock(lock->id));
    } else {
      EXPECT_THAT(lock, StatusIs(absl::StatusCode::kInvalidArgument));
    }
    absl::StatusOr<int64_t> repriced =
        Owner().RepriceTimeEntries(web_, day, Day(9999, 12, 31));
    if (repriced.ok()) {
      EXPECT_EQ(*repriced, 0);  // no rate changed
    } else {
      EXPECT_THAT(repriced, StatusIs(absl::StatusCode::kInvalidArgument));
    }
    tried += 2;
  }
  RecordProperty("inputs", tried);
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(HostileInputTest, ExtremeDatesInQueriesNeverOverflow) {
  const std::string before = Snapshot();
  auto ok_or_invalid = [](const absl::Status& s) {
    return s.ok() || absl::IsInvalidArgument(s);
  };
  for (absl::CivilDay day : ExtremeDays()) {
    for (bool as_end : {false, true}) {
      SCOPED_TRACE(absl::StrCat(absl::FormatCivilTime(day),
                                as_end ? " as end" : " as start"));
      const absl::CivilDay from = as_end ? Day(2024, 1, 1) : day;
      const absl::CivilDay to = as_end ? day : Day(2024, 12, 31);
      TimeReportQuery q;
      q.from = from;
      q.to = to;
      q.group_by = {ReportGroup::kWeek, ReportGroup::kMonth, ReportGroup::kDay};
      EXPECT_TRUE(ok_or_invalid(Owner().RunTimeReport(q).status()));
      TimeEntryFilter tf;
      tf.from = from;
      tf.to = to;
      EXPECT_TRUE(ok_or_invalid(Owner().ListTimeEntries(tf).status()));
      CostFilter cf;
      cf.from = from;
      cf.to = to;
      EXPECT_TRUE(ok_or_invalid(Owner().ListCosts(cf).status()));
      TaskFilter kf;
      kf.deadline_from = from;
      kf.deadline_to = to;
      kf.overdue_as_of = day;
      EXPECT_TRUE(ok_or_invalid(Owner().ListTasks(kf).status()));
      OverdueQuery oq;
      oq.as_of = day;
      oq.due_within_days = as_end ? std::numeric_limits<int>::max()
                                  : std::numeric_limits<int>::min();
      EXPECT_TRUE(ok_or_invalid(Owner().RunOverdueReport(oq).status()));
      DigestQuery dq;
      dq.as_of = day;
      EXPECT_TRUE(ok_or_invalid(Owner().RunDigest(dq).status()));
      WorkloadQuery wq;
      wq.from = from;
      wq.to = to;
      EXPECT_TRUE(ok_or_invalid(Owner().RunWorkload(wq).status()));
    }
  }
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(HostileInputTest, ExtremeDurationsAndInstantsAreRefused) {
  const std::string before = Snapshot();
  const absl::Duration durations[] = {
      absl::InfiniteDuration(), -absl::InfiniteDuration(),
      absl::Seconds(kInt64Max), absl::Seconds(kInt64Min),
      absl::Seconds(-1),        absl::ZeroDuration(),
      absl::Nanoseconds(1),     absl::Hours(24) + absl::Seconds(1),
      absl::Milliseconds(1500),
  };
  for (absl::Duration d : durations) {
    SCOPED_TRACE(absl::FormatDuration(d));
    TimeLog log;
    log.task = task_.id;
    log.date = Day(2024, 3, 14);
    log.duration = d;
    ExpectRefused(Owner().LogTime(log).status(),
                  absl::StatusCode::kInvalidArgument, "time.duration", before);
    TimeEntry e = entry_;
    e.duration = d;
    ExpectRefused(Owner().UpdateTimeEntry(e).status(),
                  absl::StatusCode::kInvalidArgument, "time.duration", before);
    WS_ASSERT_OK_AND_ASSIGN(WorkspaceSettings s, Owner().GetSettings());
    s.forgotten_timer_after = d;
    ExpectRefused(Owner().UpdateSettings(s).status(),
                  absl::StatusCode::kInvalidArgument,
                  "settings.forgotten_timer_after", before);
    // An estimate or a time budget may pass a day; the others are refused.
    if (d == absl::Hours(24) + absl::Seconds(1)) continue;
    Task t = NewTask(web_, "Estimate");
    t.estimate = d;
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.estimate", before);
    Project p = NewProject("Budget");
    p.time_budget = d;
    ExpectRefused(Owner().CreateProject(p).status(),
                  absl::StatusCode::kInvalidArgument, "project.time_budget",
                  before);
  }
  const absl::Time instants[] = {
      absl::InfinitePast(), absl::InfiniteFuture(),
      absl::FromUnixSeconds(kInt64Min / 2),
      absl::FromUnixSeconds(kInt64Max / 2),
      absl::FromUnixSeconds(-62135596800 - 86400)};  // the day before year 1
  for (absl::Time start : instants) {
    SCOPED_TRACE(absl::FormatTime(start));
    TimeLog log;
    log.task = task_.id;
    log.start = start;
    log.duration = absl::Hours(1);
    ExpectRefused(Owner().LogTime(log).status(),
                  absl::StatusCode::kInvalidArgument, "time", before);
    log.duration.reset();
    log.end = start + absl::Hours(1);
    ExpectRefused(Owner().LogTime(log).status(),
                  absl::StatusCode::kInvalidArgument, "time", before);
    log.start = FixedNow() - absl::Hours(1);
    log.end = start;
    ExpectRefused(Owner().LogTime(log).status(),
                  absl::StatusCode::kInvalidArgument, "time", before);
  }
  for (int minutes : {-1, 1441, std::numeric_limits<int>::max(),
                      std::numeric_limits<int>::min()}) {
    SCOPED_TRACE(minutes);
    WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
    web.rounding = Rounding{Rounding::Mode::kUp, minutes};
    ExpectRefused(Owner().UpdateProject(web).status(),
                  absl::StatusCode::kInvalidArgument, "project.rounding",
                  before);
    Task t = task_;
    t.deadline = DeadlineOn(Day(2024, 3, 20), minutes);
    ExpectRefused(Owner().UpdateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.deadline", before);
  }
}

// Rates and amounts at the top of their range: a product or a sum past 64
// bits is refused (naming the amount), never wrapped, and nothing changes.
TEST_P(HostileInputTest, MoneyNeverOverflowsSilently) {
  constexpr Money kMaxMoney = 1'000'000'000'000'000;  // what a field holds
  const std::string before = Snapshot();
  for (Money bad : {kMaxMoney + 1, kInt64Max, kInt64Min, Money{-1}}) {
    SCOPED_TRACE(bad);
    Member m = NewMember("Rich", "rich@example.com");
    m.billing_rate = bad;
    ExpectRefused(Owner().CreateMember(m).status(),
                  absl::StatusCode::kInvalidArgument, "member.billing_rate",
                  before);
    Project p = NewProject("Rich");
    p.money_budget = bad;
    ExpectRefused(Owner().CreateProject(p).status(),
                  absl::StatusCode::kInvalidArgument, "project.money_budget",
                  before);
    Cost c;
    c.project = web_;
    c.amount = bad;
    c.date = Day(2024, 3, 1);
    ExpectRefused(Owner().CreateCost(c).status(),
                  absl::StatusCode::kInvalidArgument, "cost.amount", before);
  }

  // The highest rate: a day's entry bills 2.4e16 minor units, which fits;
  // 400 of them on one task, member and day (one batch) would not.
  WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
  web.billing_rate = kMaxMoney;
  WS_ASSERT_OK(Owner().UpdateProject(web));
  TimeLog day;
  day.task = task_.id;
  day.date = Day(2024, 3, 12);
  day.duration = absl::Hours(24);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntry first, Owner().LogTime(day));
  EXPECT_EQ(first.billed_amount, 24 * kMaxMoney);
  const std::string one = Snapshot();
  const std::vector<TimeLog> many(400, day);
  ExpectRefused(Owner().LogTimeBatch(many).status(),
                absl::StatusCode::kOutOfRange, "time", one);
  // As many as fit in a row by themselves, but not beside the stored one.
  const std::vector<TimeLog> fitting_alone(
      std::numeric_limits<int64_t>::max() / *first.billed_amount, day);
  ExpectRefused(Owner().LogTimeBatch(fitting_alone).status(),
                absl::StatusCode::kOutOfRange, "time", one);

  // On 400 days each row fits; a report or budget summing them would not,
  // and says so instead of wrapping.
  std::vector<TimeLog> spread;
  for (int i = 0; i < 400; ++i) {
    TimeLog log = day;
    log.date = Day(2023, 1, 1) + i;
    spread.push_back(log);
  }
  WS_ASSERT_OK(Owner().LogTimeBatch(spread));
  EXPECT_THAT(Owner().RunTimeReport({}),
              StatusIs(absl::StatusCode::kOutOfRange));
  TimeReportQuery by_day;
  by_day.group_by = {ReportGroup::kDay};
  EXPECT_THAT(Owner().RunTimeReport(by_day),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Owner().GetProjectBudget(web_),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(Owner().RunProjectHealth(),
              StatusIs(absl::StatusCode::kOutOfRange));
}

// Negative ids are not "none": each names nothing, and is refused.
TEST_P(HostileInputTest, NegativeIdsInInputAreRefused) {
  const std::string before = Snapshot();
  for (int64_t raw : {int64_t{-1}, kInt64Min}) {
    SCOPED_TRACE(raw);
    Task t = NewTask(web_, "Negative parent", TaskId(raw));
    ExpectRefused(Owner().CreateTask(t).status(), absl::StatusCode::kNotFound,
                  "task.parent", before);
    t = NewTask(web_, "Negative assignee");
    t.assignee = MemberId(raw);
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.assignee", before);
    t = NewTask(web_, "Negative subscriber");
    t.subscribers = {MemberId(raw)};
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.subscribers",
                  before);
    Project p = NewProject("Negative manager", MemberId(raw));
    EXPECT_FALSE(Owner().CreateProject(p).ok());
    EXPECT_EQ(Snapshot(), before);
    Cost c;
    c.project = web_;
    c.task = TaskId(raw);
    c.amount = 100;
    c.date = Day(2024, 3, 1);
    ExpectRefused(Owner().CreateCost(c).status(), absl::StatusCode::kNotFound,
                  "cost.task", before);
    TimeLog log;
    log.task = task_.id;
    log.member = MemberId(raw);
    log.duration = absl::Hours(1);
    ExpectRefused(Owner().LogTime(log).status(),
                  absl::StatusCode::kInvalidArgument, "time.member", before);
    // Nobody's timer, not the actor's.
    WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> timer,
                            Owner().GetTimer(MemberId(raw)));
    EXPECT_FALSE(timer.has_value());
  }
}

TEST_P(HostileInputTest, IdsThatDoNotExistAreNotFound) {
  const std::string before = Snapshot();
  int tried = 0;
  for (int64_t raw :
       {int64_t{0}, int64_t{-1}, kInt64Min, kInt64Max, int64_t{999999}}) {
    SCOPED_TRACE(raw);
    Session s = Owner();
    const absl::Status statuses[] = {
        s.GetMember(MemberId(raw)).status(),
        s.DeactivateMember(MemberId(raw)).status(),
        s.ReactivateMember(MemberId(raw)).status(),
        s.GetProject(ProjectId(raw)).status(),
        s.ArchiveProject(ProjectId(raw)).status(),
        s.GetTask(TaskId(raw)).status(),
        s.CompleteTask(TaskId(raw)).status(),
        s.ReopenTask(TaskId(raw)).status(),
        s.MoveTask(TaskId(raw), web_).status(),
        s.MoveTask(task_.id, ProjectId(raw)).status(),
        s.GetComment(CommentId(raw)).status(),
        s.ListComments(TaskId(raw)).status(),
        s.GetTimeEntry(TimeEntryId(raw)).status(),
        s.DeleteTimeEntry(TimeEntryId(raw)),
        s.RepriceTimeEntries(ProjectId(raw), Day(2024, 1, 1), Day(2024, 12, 31))
            .status(),
        s.StartTimer(TaskId(raw)).status(),
        s.GetCost(CostId(raw)).status(),
        s.DeleteCost(CostId(raw)),
        s.Unlock(LockId(raw)),
        s.LockPeriod(ProjectId(raw), Day(2024, 1, 1)).status(),
        s.GetProjectBudget(ProjectId(raw)).status(),
        s.GetTaskBudget(TaskId(raw)).status(),
        s.ListBudgetAlerts(ProjectId(raw)).status(),
        ws_->As(MemberId(raw)).GetSettings().status(),
    };
    for (size_t i = 0; i < std::size(statuses); ++i) {
      SCOPED_TRACE(i);
      // 0 is "none": some calls read it as "every project" (re-pricing,
      // locks) and succeed; every other id is simply not there.
      if (statuses[i].ok()) {
        EXPECT_EQ(raw, 0);
        continue;
      }
      EXPECT_TRUE(absl::IsNotFound(statuses[i]) ||
                  absl::IsInvalidArgument(statuses[i]))
          << statuses[i];
      EXPECT_FALSE(statuses[i].message().empty());
      ++tried;
    }
    // Updates of entities that are not there.
    Task t = task_;
    t.id = TaskId(raw);
    EXPECT_THAT(s.UpdateTask(t), StatusIs(absl::StatusCode::kNotFound));
    Comment c = comment_;
    c.id = CommentId(raw);
    EXPECT_THAT(s.UpdateComment(c), StatusIs(absl::StatusCode::kNotFound));
    TimeEntry e = entry_;
    e.id = TimeEntryId(raw);
    EXPECT_THAT(s.UpdateTimeEntry(e), StatusIs(absl::StatusCode::kNotFound));
    tried += 3;
  }
  RecordProperty("inputs", tried);
  // The lock and re-pricing that id 0 made possible are undone by hand.
  WS_ASSERT_OK_AND_ASSIGN(std::vector<PeriodLock> locks, Owner().ListLocks());
  for (const PeriodLock& l : locks) WS_ASSERT_OK(Owner().Unlock(l.id));
  EXPECT_EQ(Snapshot(), before);
}

WS_INSTANTIATE_ALL_STORES(HostileInputTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
