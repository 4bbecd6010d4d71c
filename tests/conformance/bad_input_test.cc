// Bad input: every refused call fails with the right code, names the field,
// and leaves the store exactly as it was.
#include "tests/conformance/bad_input_test.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace worksection {
namespace session_conformance {
namespace {

TEST_P(BadInputTest, MalformedUtf8AndNulBytesAreRefusedEverywhere) {
  const std::string before = Snapshot();
  for (const TextField& f : TextFields()) {
    for (const BadString& bad : BadStrings()) {
      SCOPED_TRACE(absl::StrCat(f.field, ": ", bad.what));
      absl::StatusOr<std::string> r = f.write(bad.value);
      ExpectRefused(r.status(), absl::StatusCode::kInvalidArgument, f.field,
                    before);
    }
  }
}

TEST_P(BadInputTest, RequiredTextMayNotBeEmpty) {
  const std::string before = Snapshot();
  for (const TextField& f : TextFields()) {
    if (f.min == 0) continue;
    SCOPED_TRACE(f.field);
    // The e-mail test appends a domain: an empty local part.
    absl::StatusOr<std::string> r = f.write("");
    ExpectRefused(r.status(), absl::StatusCode::kInvalidArgument, f.field,
                  before);
  }
  // Tags are trimmed first: a blank tag is an empty one.
  Task blank = NewTask(web_, "Blank tag");
  blank.tags = {"   "};
  ExpectRefused(Owner().CreateTask(blank).status(),
                absl::StatusCode::kInvalidArgument, "task.tags", before);
}

TEST_P(BadInputTest, OptionalTextMayBeEmpty) {
  for (const TextField& f : TextFields()) {
    if (f.min != 0) continue;
    SCOPED_TRACE(f.field);
    absl::StatusOr<std::string> r = f.write("");
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(*r, "");
  }
}

TEST_P(BadInputTest, LengthLimitsInBytes) {
  for (const TextField& f : TextFields()) {
    if (f.max == 0) continue;
    SCOPED_TRACE(absl::StrCat(f.field, " max ", f.max));
    const std::string before = Snapshot();
    absl::StatusOr<std::string> r = f.write(Filler(f.max + 1));
    ExpectRefused(r.status(), absl::StatusCode::kInvalidArgument, f.field,
                  before);
    // Exactly at the limit is fine, and stored byte for byte.
    const std::string longest = Filler(f.max);
    ASSERT_EQ(longest.size(), f.max);
    r = f.write(longest);
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(*r, longest);
  }
}

TEST_P(BadInputTest, EmailLengthAndForm) {
  // 254 bytes in all is the limit.
  const std::string domain = "@example.com";
  const std::string at_limit =
      std::string(limits::kMaxEmailBytes - domain.size(), 'a') + domain;
  ASSERT_EQ(at_limit.size(), limits::kMaxEmailBytes);
  const std::string before = Snapshot();
  ExpectRefused(
      Owner().CreateMember(NewMember("Long", "b" + at_limit)).status(),
      absl::StatusCode::kInvalidArgument, "member.email", before);
  for (const char* bad :
       {"no-at-sign", "@example.com", "someone@", "a@b@c",
        "two words@example.com", "tab\t@example.com", "", "   "}) {
    SCOPED_TRACE(Esc(bad));
    ExpectRefused(Owner().CreateMember(NewMember("Bad", bad)).status(),
                  absl::StatusCode::kInvalidArgument, "member.email", before);
  }
  WS_ASSERT_OK_AND_ASSIGN(Member m,
                          Owner().CreateMember(NewMember("Long", at_limit)));
  EXPECT_EQ(m.email, at_limit);
  // Upper-case input is stored lower-cased.
  WS_ASSERT_OK_AND_ASSIGN(
      m, Owner().CreateMember(NewMember("Upper", "UPPER.Case@EXAMPLE.Com")));
  WS_ASSERT_OK_AND_ASSIGN(Member got, Owner().GetMember(m.id));
  EXPECT_EQ(got.email, "upper.case@example.com");
}

TEST_P(BadInputTest, PriorityOutOfRange) {
  const std::string before = Snapshot();
  for (int bad : {-1, 11, -100, 1000}) {
    SCOPED_TRACE(bad);
    Task t = NewTask(web_, "Priority");
    t.priority = bad;
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.priority", before);
    Task u = task_;
    u.priority = bad;
    ExpectRefused(Owner().UpdateTask(u).status(),
                  absl::StatusCode::kInvalidArgument, "task.priority", before);
  }
  for (int good : {0, 10}) {
    Task t = NewTask(web_, "Priority");
    t.priority = good;
    WS_ASSERT_OK_AND_ASSIGN(Task created, Owner().CreateTask(t));
    WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
    EXPECT_EQ(got.priority, good);
  }
}

TEST_P(BadInputTest, StartDateAfterDeadline) {
  const std::string before = Snapshot();
  Task t = NewTask(web_, "Backwards");
  t.start_date = Day(2024, 3, 20);
  t.deadline = DeadlineOn(Day(2024, 3, 19), 600);
  ExpectRefused(Owner().CreateTask(t).status(),
                absl::StatusCode::kInvalidArgument, "task.start_date", before);
  Task u = task_;
  u.start_date = Day(2024, 3, 20);
  u.deadline = DeadlineOn(Day(2024, 3, 19));
  ExpectRefused(Owner().UpdateTask(u).status(),
                absl::StatusCode::kInvalidArgument, "task.start_date", before);

  Project p = NewProject("Backwards");
  p.start_date = Day(2024, 5, 2);
  p.deadline = Day(2024, 5, 1);
  ExpectRefused(Owner().CreateProject(p).status(),
                absl::StatusCode::kInvalidArgument, "project.start_date",
                before);
  WS_ASSERT_OK_AND_ASSIGN(Project web, Owner().GetProject(web_));
  web.start_date = Day(2025, 1, 1);
  web.deadline = Day(2024, 12, 31);
  ExpectRefused(Owner().UpdateProject(web).status(),
                absl::StatusCode::kInvalidArgument, "project.start_date",
                before);

  // The same day is fine, timed or not.
  t.deadline = DeadlineOn(Day(2024, 3, 20), 0);
  WS_ASSERT_OK(Owner().CreateTask(t));
  p.deadline = p.start_date;
  WS_ASSERT_OK(Owner().CreateProject(p));
}

TEST_P(BadInputTest, DeadlineMinuteOutOfRange) {
  const std::string before = Snapshot();
  for (int bad : {1440, -1, 100000}) {
    SCOPED_TRACE(bad);
    Task t = NewTask(web_, "Minute");
    t.deadline = DeadlineOn(Day(2024, 3, 20), bad);
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument,
                  "task.deadline.minute_of_day", before);
    Task u = task_;
    u.deadline = DeadlineOn(Day(2024, 3, 20), bad);
    ExpectRefused(Owner().UpdateTask(u).status(),
                  absl::StatusCode::kInvalidArgument,
                  "task.deadline.minute_of_day", before);
  }
  for (int good : {0, 1439}) {
    Task t = NewTask(web_, "Minute");
    t.deadline = DeadlineOn(Day(2024, 3, 20), good);
    WS_ASSERT_OK_AND_ASSIGN(Task created, Owner().CreateTask(t));
    WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
    EXPECT_EQ(got.deadline, DeadlineOn(Day(2024, 3, 20), good));
  }
}

TEST_P(BadInputTest, DatesOutsideTheSupportedYears) {
  const std::string before = Snapshot();
  for (absl::CivilDay bad :
       {Day(1899, 12, 31), Day(10000, 1, 1), Day(1, 1, 1), Day(-44, 3, 15)}) {
    SCOPED_TRACE(DayText(bad));
    Task t = NewTask(web_, "Dates");
    t.start_date = bad;
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.start_date",
                  before);
    t.start_date.reset();
    t.deadline = DeadlineOn(bad);
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.deadline", before);
    Task u = task_;
    u.deadline = DeadlineOn(bad, 30);
    ExpectRefused(Owner().UpdateTask(u).status(),
                  absl::StatusCode::kInvalidArgument, "task.deadline", before);
    Project p = NewProject("Dates");
    p.start_date = bad;
    ExpectRefused(Owner().CreateProject(p).status(),
                  absl::StatusCode::kInvalidArgument, "project.start_date",
                  before);
    p.start_date.reset();
    p.deadline = bad;
    ExpectRefused(Owner().CreateProject(p).status(),
                  absl::StatusCode::kInvalidArgument, "project.deadline",
                  before);
  }
  // The first and last supported days round-trip.
  Task t = NewTask(web_, "Edges");
  t.start_date = Day(1900, 1, 1);
  t.deadline = DeadlineOn(Day(9999, 12, 31), 1439);
  WS_ASSERT_OK_AND_ASSIGN(Task created, Owner().CreateTask(t));
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
  EXPECT_EQ(got.start_date, Day(1900, 1, 1));
  EXPECT_EQ(got.deadline, DeadlineOn(Day(9999, 12, 31), 1439));
  // ...and sort and filter like any other.
  TaskFilter f;
  f.deadline_from = Day(9999, 12, 31);
  EXPECT_EQ(TaskIds(f), std::vector<int64_t>{created.id.value()});
  f = {};
  f.order = TaskOrder::kDeadline;
  std::vector<int64_t> ids = TaskIds(f);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], created.id.value());  // task_ has no deadline
}

TEST_P(BadInputTest, DurationsAndMoney) {
  const std::string before = Snapshot();
  for (absl::Duration bad :
       {absl::ZeroDuration(), absl::Seconds(-60), absl::Milliseconds(1500)}) {
    SCOPED_TRACE(absl::FormatDuration(bad));
    Task t = NewTask(web_, "Estimate");
    t.estimate = bad;
    ExpectRefused(Owner().CreateTask(t).status(),
                  absl::StatusCode::kInvalidArgument, "task.estimate", before);
    Project p = NewProject("Budget");
    p.time_budget = bad;
    ExpectRefused(Owner().CreateProject(p).status(),
                  absl::StatusCode::kInvalidArgument, "project.time_budget",
                  before);
  }
  Task t = NewTask(web_, "Money");
  t.money_budget = -1;
  ExpectRefused(Owner().CreateTask(t).status(),
                absl::StatusCode::kInvalidArgument, "task.money_budget",
                before);
  Project p = NewProject("Money");
  p.billing_rate = -5;
  ExpectRefused(Owner().CreateProject(p).status(),
                absl::StatusCode::kInvalidArgument, "project.billing_rate",
                before);
  Member m = NewMember("Money", "money@example.com");
  m.cost_rate = -100;
  ExpectRefused(Owner().CreateMember(m).status(),
                absl::StatusCode::kInvalidArgument, "member.cost_rate", before);
}

TEST_P(BadInputTest, TooManyTagsOrChecklistItems) {
  const std::string before = Snapshot();
  std::vector<std::string> tags;
  for (size_t i = 0; i <= limits::kMaxTags; ++i) {
    tags.push_back(absl::StrCat("tag", i));
  }
  Task t = NewTask(web_, "Tags");
  t.tags = tags;  // 51
  ExpectRefused(Owner().CreateTask(t).status(),
                absl::StatusCode::kInvalidArgument, "task.tags", before);
  Project p = NewProject("Tags");
  p.tags = tags;
  ExpectRefused(Owner().CreateProject(p).status(),
                absl::StatusCode::kInvalidArgument, "project.tags", before);
  Task many = NewTask(web_, "Checklist");
  many.checklist.resize(limits::kMaxChecklistItems + 1, {"item", false});
  ExpectRefused(Owner().CreateTask(many).status(),
                absl::StatusCode::kInvalidArgument, "task.checklist", before);

  // At the limits it works.
  tags.pop_back();
  t.tags = tags;
  WS_ASSERT_OK_AND_ASSIGN(Task created, Owner().CreateTask(t));
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(created.id));
  EXPECT_EQ(got.tags.size(), limits::kMaxTags);
  many.checklist.pop_back();
  WS_ASSERT_OK_AND_ASSIGN(created, Owner().CreateTask(many));
  WS_ASSERT_OK_AND_ASSIGN(got, Owner().GetTask(created.id));
  EXPECT_EQ(got.checklist.size(), limits::kMaxChecklistItems);
}

TEST_P(BadInputTest, UnknownIdsInInput) {
  const std::string before = Snapshot();
  const MemberId no_member(9999);
  Task t = NewTask(ProjectId(9999), "No project");
  ExpectRefused(Owner().CreateTask(t).status(), absl::StatusCode::kNotFound,
                "task.project", before);
  t = NewTask(ProjectId(), "No project at all");
  ExpectRefused(Owner().CreateTask(t).status(), absl::StatusCode::kNotFound,
                "task.project", before);
  t = NewTask(web_, "No parent", TaskId(9999));
  ExpectRefused(Owner().CreateTask(t).status(), absl::StatusCode::kNotFound,
                "task.parent", before);
  t = NewTask(web_, "No assignee");
  t.assignee = no_member;
  ExpectRefused(Owner().CreateTask(t).status(),
                absl::StatusCode::kInvalidArgument, "task.assignee", before);
  t = NewTask(web_, "No subscriber");
  t.subscribers = {owner_id_, no_member};
  ExpectRefused(Owner().CreateTask(t).status(),
                absl::StatusCode::kInvalidArgument, "task.subscribers", before);
  Task u = task_;
  u.assignee = no_member;
  ExpectRefused(Owner().UpdateTask(u).status(),
                absl::StatusCode::kInvalidArgument, "task.assignee", before);
  Comment c;
  c.task = TaskId(9999);
  c.text = "Nowhere";
  ExpectRefused(Owner().CreateComment(c).status(), absl::StatusCode::kNotFound,
                "comment.task", before);
  Project p = NewProject("Ghost members", owner_id_,
                         {{no_member, ProjectRole::kMember}});
  ExpectRefused(Owner().CreateProject(p).status(),
                absl::StatusCode::kInvalidArgument, "project.members", before);

  // Reads of missing ids.
  EXPECT_THAT(Owner().GetMember(no_member),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().GetProject(ProjectId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().GetTask(TaskId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().GetComment(CommentId(9999)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().GetTask(TaskId()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Owner().GetTask(TaskId(-1)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(BadInputTest, ARefusedUpdateKeepsTheRevision) {
  const std::string before = Snapshot();
  Task u = task_;
  u.title = "";
  EXPECT_THAT(Owner().UpdateTask(u),
              StatusIs(absl::StatusCode::kInvalidArgument));
  WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(task_.id));
  EXPECT_EQ(got.revision, task_.revision);
  EXPECT_EQ(Dump(got), Dump(task_));
  // The revision that was read still works.
  u.title = "Now fine";
  WS_ASSERT_OK_AND_ASSIGN(Task updated, Owner().UpdateTask(u));
  EXPECT_EQ(updated.revision, task_.revision + 1);
  // The snapshot that shows refused calls changed nothing does see a change.
  EXPECT_NE(Snapshot(), before);
}

WS_INSTANTIATE_ALL_STORES(BadInputTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
