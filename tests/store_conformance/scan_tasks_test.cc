// ScanTasks: each filter alone, projects_in, include_hidden, each order with
// ties broken by id, keyset paging. Expected ids are written out by hand.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;

class ScanTasksTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    WS_ASSERT_OK_AND_ASSIGN(m1_, AddMember(SimpleMember("m1@x")));
    WS_ASSERT_OK_AND_ASSIGN(m2_, AddMember(SimpleMember("m2@x")));
    WS_ASSERT_OK_AND_ASSIGN(m3_, AddMember(SimpleMember("m3@x")));
    WS_ASSERT_OK_AND_ASSIGN(p1_, AddProject(SimpleProject("P1")));
    WS_ASSERT_OK_AND_ASSIGN(p2_, AddProject(SimpleProject("P2")));
    WS_ASSERT_OK_AND_ASSIGN(p3_, AddProject(SimpleProject("P3")));
  }

  // A task in p1 by m1.
  Task T(const std::string& title) { return SimpleTask(p1_, m1_, title); }

  static Deadline Due(int y, int m, int d, std::optional<int> minute = {}) {
    return Deadline{absl::CivilDay(y, m, d), minute};
  }

  MemberId m1_, m2_, m3_;
  ProjectId p1_, p2_, p3_;
};
WS_INSTANTIATE_STORE_TEST(ScanTasksTest);

TEST_P(ScanTasksTest, EmptyStoreAndNoFilter) {
  WS_ASSERT_OK_AND_ASSIGN(auto none, ScanIds(TaskScan{}));
  EXPECT_THAT(none, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(TaskId a, AddTask(T("a")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(SimpleTask(p2_, m2_, "b")));
  WS_ASSERT_OK_AND_ASSIGN(auto all, ScanIds(TaskScan{}));
  EXPECT_THAT(all, ElementsAre(a, b));
}

TEST_P(ScanTasksTest, ReturnsFullTasks) {
  Task full = T("full");
  full.text = "text";
  full.assignee = m2_;
  full.priority = 7;
  full.deadline = Due(2024, 5, 6, 600);
  full.tags = {"x", "y"};
  full.checklist = {{"c", true}};
  full.subscribers = {m2_, m3_};
  full.estimate = absl::Seconds(60);
  WS_ASSERT_OK_AND_ASSIGN(full.id, AddTask(full));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  TaskScan scan;
  scan.filter.tag = "y";
  WS_ASSERT_OK_AND_ASSIGN(auto tasks, tx->ScanTasks(scan));
  ASSERT_EQ(tasks.size(), 1u);
  ExpectTaskEq(full, tasks[0]);
}

TEST_P(ScanTasksTest, FilterProject) {
  WS_ASSERT_OK_AND_ASSIGN(TaskId a, AddTask(T("a")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(SimpleTask(p2_, m1_, "b")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId c, AddTask(T("c")));
  TaskScan scan;
  scan.filter.project = p1_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(a, c));
  scan.filter.project = p2_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(b));
  scan.filter.project = p3_;
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.filter.project = ProjectId(999);
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
}

TEST_P(ScanTasksTest, FilterParent) {
  WS_ASSERT_OK_AND_ASSIGN(TaskId root, AddTask(T("root")));
  Task child = T("child");
  child.parent = root;
  WS_ASSERT_OK_AND_ASSIGN(TaskId c1, AddTask(child));
  WS_ASSERT_OK_AND_ASSIGN(TaskId c2, AddTask(child));
  child.parent = c1;
  WS_ASSERT_OK_AND_ASSIGN(TaskId g1, AddTask(child));
  WS_ASSERT_OK_AND_ASSIGN(TaskId root2, AddTask(T("root2")));
  TaskScan scan;
  scan.filter.parent = root;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(c1, c2));
  scan.filter.parent = c1;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(g1));
  scan.filter.parent = g1;
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  (void)root2;
}

// TaskMatches compares parent ids, so parent == none selects the top level.
TEST_P(ScanTasksTest, FilterParentNoneMeansTopLevel) {
  WS_ASSERT_OK_AND_ASSIGN(TaskId root, AddTask(T("root")));
  Task child = T("child");
  child.parent = root;
  WS_ASSERT_OK_AND_ASSIGN(TaskId c1, AddTask(child));
  WS_ASSERT_OK_AND_ASSIGN(TaskId root2, AddTask(SimpleTask(p2_, m1_, "r2")));
  TaskScan scan;
  scan.filter.parent = TaskId();
  EXPECT_THAT(*ScanIds(scan), ElementsAre(root, root2));
  (void)c1;
}

TEST_P(ScanTasksTest, FilterAssignee) {
  Task t = T("t");
  t.assignee = m2_;
  WS_ASSERT_OK_AND_ASSIGN(TaskId a, AddTask(t));
  t.assignee = m3_;
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(t));
  t.assignee = MemberId();
  WS_ASSERT_OK_AND_ASSIGN(TaskId c, AddTask(t));
  t.assignee = m2_;
  WS_ASSERT_OK_AND_ASSIGN(TaskId d, AddTask(t));
  TaskScan scan;
  scan.filter.assignee = m2_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(a, d));
  scan.filter.assignee = m3_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(b));
  scan.filter.assignee = m1_;
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  (void)c;
}

// TaskMatches compares assignee ids, so assignee == none selects tasks
// nobody received.
TEST_P(ScanTasksTest, FilterAssigneeNoneMeansUnassigned) {
  Task t = T("t");
  t.assignee = m2_;
  WS_ASSERT_OK_AND_ASSIGN(TaskId a, AddTask(t));
  t.assignee = MemberId();
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(t));
  TaskScan scan;
  scan.filter.assignee = MemberId();
  EXPECT_THAT(*ScanIds(scan), ElementsAre(b));
  (void)a;
}

TEST_P(ScanTasksTest, FilterAuthor) {
  WS_ASSERT_OK_AND_ASSIGN(TaskId a, AddTask(SimpleTask(p1_, m1_, "a")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(SimpleTask(p1_, m2_, "b")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId c, AddTask(SimpleTask(p2_, m1_, "c")));
  TaskScan scan;
  scan.filter.author = m1_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(a, c));
  scan.filter.author = m2_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(b));
  scan.filter.author = m3_;
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
}

TEST_P(ScanTasksTest, FilterStatus) {
  Task t = T("t");
  WS_ASSERT_OK_AND_ASSIGN(TaskId open1, AddTask(t));
  t.status = TaskStatus::kDone;
  WS_ASSERT_OK_AND_ASSIGN(TaskId done1, AddTask(t));
  t.status = TaskStatus::kOpen;
  WS_ASSERT_OK_AND_ASSIGN(TaskId open2, AddTask(t));
  TaskScan scan;
  scan.filter.status = TaskStatus::kOpen;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(open1, open2));
  scan.filter.status = TaskStatus::kDone;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(done1));
}

TEST_P(ScanTasksTest, FilterTagIsExact) {
  Task t = T("t");
  t.tags = {"a", "b"};
  WS_ASSERT_OK_AND_ASSIGN(TaskId ab, AddTask(t));
  t.tags = {"ab"};
  WS_ASSERT_OK_AND_ASSIGN(TaskId joined, AddTask(t));
  t.tags = {"b"};
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(t));
  t.tags = {};
  WS_ASSERT_OK_AND_ASSIGN(TaskId none, AddTask(t));
  t.tags = {"B", "a,b", "a%"};
  WS_ASSERT_OK_AND_ASSIGN(TaskId odd, AddTask(t));
  TaskScan scan;
  scan.filter.tag = "a";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ab));
  scan.filter.tag = "b";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ab, b));
  scan.filter.tag = "ab";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(joined));
  scan.filter.tag = "B";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(odd));
  scan.filter.tag = "a,b";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(odd));
  scan.filter.tag = "a%";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(odd));
  scan.filter.tag = "%";
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.filter.tag = "";
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  (void)none;
}

TEST_P(ScanTasksTest, FilterPriorityRangeInclusive) {
  std::vector<TaskId> ids;  // priorities 0, 3, 5, 10
  for (int p : {0, 3, 5, 10}) {
    Task t = T("t");
    t.priority = p;
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(t));
    ids.push_back(id);
  }
  TaskScan scan;
  scan.filter.min_priority = 3;
  scan.filter.max_priority = 5;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[1], ids[2]));
  scan.filter.min_priority = 0;
  scan.filter.max_priority = 0;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[0]));
  scan.filter.min_priority = 10;
  scan.filter.max_priority = 10;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[3]));
  scan.filter.min_priority = 4;
  scan.filter.max_priority = 10;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[2], ids[3]));
  scan.filter.min_priority = 6;
  scan.filter.max_priority = 5;
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
}

TEST_P(ScanTasksTest, FilterDeadlineRangeInclusiveByDay) {
  Task t = T("t");
  t.deadline = Due(2024, 3, 1);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar1, AddTask(t));
  t.deadline = Due(2024, 3, 2, 0);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar2_midnight, AddTask(t));
  t.deadline = Due(2024, 3, 3, 1439);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar3_last, AddTask(t));
  t.deadline = Due(2024, 3, 4);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar4, AddTask(t));
  t.deadline = std::nullopt;
  WS_ASSERT_OK_AND_ASSIGN(TaskId none, AddTask(t));
  TaskScan scan;
  scan.filter.deadline_from = absl::CivilDay(2024, 3, 2);
  scan.filter.deadline_to = absl::CivilDay(2024, 3, 3);
  EXPECT_THAT(*ScanIds(scan), ElementsAre(mar2_midnight, mar3_last));
  scan.filter.deadline_to = std::nullopt;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(mar2_midnight, mar3_last, mar4));
  scan.filter.deadline_from = std::nullopt;
  scan.filter.deadline_to = absl::CivilDay(2024, 3, 1);
  EXPECT_THAT(*ScanIds(scan), ElementsAre(mar1));
  scan.filter.deadline_from = absl::CivilDay(2024, 3, 3);
  scan.filter.deadline_to = absl::CivilDay(2024, 3, 3);
  EXPECT_THAT(*ScanIds(scan), ElementsAre(mar3_last));
  scan.filter.deadline_from = absl::CivilDay(2024, 3, 4);
  scan.filter.deadline_to = absl::CivilDay(2024, 3, 3);
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.filter.deadline_from = absl::CivilDay(1900, 1, 1);
  scan.filter.deadline_to = absl::CivilDay(9999, 12, 31);
  EXPECT_THAT(*ScanIds(scan),
              ElementsAre(mar1, mar2_midnight, mar3_last, mar4));
  (void)none;
}

TEST_P(ScanTasksTest, FilterOverdueAsOf) {
  Task t = T("t");
  t.deadline = Due(2024, 3, 1, 600);
  WS_ASSERT_OK_AND_ASSIGN(TaskId before, AddTask(t));
  t.deadline = Due(2024, 3, 2);
  WS_ASSERT_OK_AND_ASSIGN(TaskId same_day, AddTask(t));
  t.deadline = Due(2024, 2, 1);
  t.status = TaskStatus::kDone;
  WS_ASSERT_OK_AND_ASSIGN(TaskId done_before, AddTask(t));
  t.status = TaskStatus::kOpen;
  t.deadline = std::nullopt;
  WS_ASSERT_OK_AND_ASSIGN(TaskId no_deadline, AddTask(t));
  t.deadline = Due(2023, 12, 31, 0);
  WS_ASSERT_OK_AND_ASSIGN(TaskId long_ago, AddTask(t));
  TaskScan scan;
  scan.filter.overdue_as_of = absl::CivilDay(2024, 3, 2);
  EXPECT_THAT(*ScanIds(scan), ElementsAre(before, long_ago));
  scan.filter.overdue_as_of = absl::CivilDay(2024, 3, 3);
  EXPECT_THAT(*ScanIds(scan), ElementsAre(before, same_day, long_ago));
  scan.filter.overdue_as_of = absl::CivilDay(2023, 12, 31);
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  (void)done_before;
  (void)no_deadline;
}

TEST_P(ScanTasksTest, TextContainsTitleOrTextAsciiCaseFolded) {
  Task t = T("Fix Login Page");
  WS_ASSERT_OK_AND_ASSIGN(TaskId in_title, AddTask(t));
  t.title = "Other";
  t.text = "The LOGIN form breaks";
  WS_ASSERT_OK_AND_ASSIGN(TaskId in_text, AddTask(t));
  t.title = "Log in";
  t.text = "lo gin";
  WS_ASSERT_OK_AND_ASSIGN(TaskId neither, AddTask(t));
  TaskScan scan;
  scan.filter.text_contains = "login";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(in_title, in_text));
  scan.filter.text_contains = "LoGiN";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(in_title, in_text));
  scan.filter.text_contains = "fix login page";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(in_title));
  scan.filter.text_contains = "page x";
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.filter.text_contains = "LOG IN";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(neither));
}

TEST_P(ScanTasksTest, TextContainsDoesNotFoldNonAscii) {
  WS_ASSERT_OK_AND_ASSIGN(TaskId upper, AddTask(T("ÉCOLE ÜBER")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId lower, AddTask(T("école über")));
  TaskScan scan;
  scan.filter.text_contains = "école";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(lower));
  scan.filter.text_contains = "ÉCOLE";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(upper));
  scan.filter.text_contains = "Über";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(upper));
  // ASCII letters next to them still fold.
  scan.filter.text_contains = "éCOLE";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(lower));
  scan.filter.text_contains = "cole";
  EXPECT_THAT(*ScanIds(scan), ElementsAre(upper, lower));
}

TEST_P(ScanTasksTest, TextContainsMatchesMetacharactersLiterally) {
  const std::vector<std::string> titles = {
      "100% done", "100 percent", "snake_case", "snakeXcase",  "it's",
      "its",       "say \"hi\"",  "say hi",     "back\\slash", "backslash",
      "a[b]c",     "abc*",        "a?c",        "a.c",         "%_",
  };
  std::vector<TaskId> ids;
  for (const std::string& title : titles) {
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(T(title)));
    ids.push_back(id);
  }
  auto ids_of = [&](std::initializer_list<int> indexes) {
    std::vector<TaskId> out;
    for (int i : indexes) out.push_back(ids[i]);
    return out;
  };
  struct Case {
    std::string needle;
    std::vector<TaskId> want;
  };
  const std::vector<Case> cases = {
      {"%", ids_of({0, 14})}, {"0%", ids_of({0})},
      {"0% ", ids_of({0})},   {"%%", {}},
      {"_", ids_of({2, 14})}, {"e_c", ids_of({2})},
      {"'", ids_of({4})},     {"t's", ids_of({4})},
      {"\"", ids_of({6})},    {"\"hi\"", ids_of({6})},
      {"\\", ids_of({8})},    {"k\\s", ids_of({8})},
      {"[b]", ids_of({10})},  {"*", ids_of({11})},
      {"a?c", ids_of({12})},  {"a.c", ids_of({13})},
      {"%_", ids_of({14})},   {"_%", {}},
      {"'; --", {}},          {"\\%", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("text_contains = [" + c.needle + "]");
    TaskScan scan;
    scan.filter.text_contains = c.needle;
    WS_ASSERT_OK_AND_ASSIGN(auto got, ScanIds(scan));
    EXPECT_THAT(got, ElementsAreArray(c.want));
  }
}

TEST_P(ScanTasksTest, ProjectsIn) {
  WS_ASSERT_OK_AND_ASSIGN(TaskId a, AddTask(SimpleTask(p1_, m1_, "a")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId b, AddTask(SimpleTask(p2_, m1_, "b")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId c, AddTask(SimpleTask(p3_, m1_, "c")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId d, AddTask(SimpleTask(p1_, m1_, "d")));
  TaskScan scan;
  scan.projects_in = std::vector<ProjectId>{p3_, p1_};
  EXPECT_THAT(*ScanIds(scan), ElementsAre(a, c, d));
  scan.projects_in = std::vector<ProjectId>{p2_, p2_};
  EXPECT_THAT(*ScanIds(scan), ElementsAre(b));
  scan.projects_in = std::vector<ProjectId>{};
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.projects_in = std::vector<ProjectId>{ProjectId(999)};
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  // ANDed with the project filter.
  scan.projects_in = std::vector<ProjectId>{p1_, p3_};
  scan.filter.project = p2_;
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.filter.project = p3_;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(c));
  scan.projects_in = std::vector<ProjectId>{};
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
}

TEST_P(ScanTasksTest, IncludeHidden) {
  Task t = T("t");
  WS_ASSERT_OK_AND_ASSIGN(TaskId visible1, AddTask(t));
  t.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(TaskId hidden, AddTask(t));
  t.hidden_from_clients = false;
  WS_ASSERT_OK_AND_ASSIGN(TaskId visible2, AddTask(t));
  TaskScan scan;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(visible1, hidden, visible2));
  scan.include_hidden = false;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(visible1, visible2));
}

TEST_P(ScanTasksTest, FiltersCombine) {
  Task t = SimpleTask(p2_, m2_, "Alpha");
  t.assignee = m3_;
  t.priority = 8;
  t.tags = {"urgent"};
  t.deadline = Due(2024, 6, 1);
  WS_ASSERT_OK_AND_ASSIGN(TaskId match, AddTask(t));
  Task miss = t;
  miss.priority = 2;
  WS_ASSERT_OK_AND_ASSIGN(TaskId low, AddTask(miss));
  miss = t;
  miss.tags = {};
  WS_ASSERT_OK_AND_ASSIGN(TaskId untagged, AddTask(miss));
  miss = t;
  miss.title = "Beta";
  WS_ASSERT_OK_AND_ASSIGN(TaskId other_title, AddTask(miss));
  TaskScan scan;
  scan.filter.project = p2_;
  scan.filter.author = m2_;
  scan.filter.assignee = m3_;
  scan.filter.status = TaskStatus::kOpen;
  scan.filter.tag = "urgent";
  scan.filter.min_priority = 5;
  scan.filter.deadline_from = absl::CivilDay(2024, 6, 1);
  scan.filter.overdue_as_of = absl::CivilDay(2024, 6, 2);
  scan.filter.text_contains = "ALPH";
  scan.include_hidden = false;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(match));
  (void)low;
  (void)untagged;
  (void)other_title;
}

TEST_P(ScanTasksTest, OrderById) {
  std::vector<TaskId> ids;
  for (int i = 0; i < 5; ++i) {
    Task t = T("t");
    t.priority = 10 - i * 2;
    t.deadline = Due(2024, 1, 10 - i);
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(t));
    ids.push_back(id);
  }
  TaskScan scan;
  scan.filter.order = TaskOrder::kId;
  EXPECT_THAT(*ScanIds(scan), ElementsAreArray(ids));
}

TEST_P(ScanTasksTest, OrderByDeadlineTimedBeforeDayOnlyNoneLast) {
  Task t = T("t");
  t.deadline = std::nullopt;
  WS_ASSERT_OK_AND_ASSIGN(TaskId none1, AddTask(t));
  t.deadline = Due(2024, 3, 2);  // day-only: after every minute of the day
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar2_day, AddTask(t));
  t.deadline = Due(2024, 3, 2, 1439);  // still before the day-only one
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar2_last, AddTask(t));
  t.deadline = Due(2024, 3, 2, 540);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar2_9am, AddTask(t));
  t.deadline = Due(2024, 3, 1);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar1_day, AddTask(t));
  t.deadline = Due(2024, 3, 2, 0);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar2_midnight, AddTask(t));
  t.deadline = std::nullopt;
  WS_ASSERT_OK_AND_ASSIGN(TaskId none2, AddTask(t));
  t.deadline = Due(1969, 12, 31, 1);  // before the epoch
  WS_ASSERT_OK_AND_ASSIGN(TaskId old, AddTask(t));
  t.deadline = Due(2024, 3, 2, 540);
  WS_ASSERT_OK_AND_ASSIGN(TaskId mar2_9am_b, AddTask(t));
  TaskScan scan;
  scan.filter.order = TaskOrder::kDeadline;
  EXPECT_THAT(*ScanIds(scan),
              ElementsAre(old, mar1_day, mar2_midnight, mar2_9am, mar2_9am_b,
                          mar2_last, mar2_day, none1, none2));
}

TEST_P(ScanTasksTest, OrderByPriorityHighestFirstTiesById) {
  std::vector<std::pair<int, TaskId>> tasks;
  for (int p : {5, 10, 0, 5, 10, 3}) {
    Task t = T("t");
    t.priority = p;
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(t));
    tasks.push_back({p, id});
  }
  TaskScan scan;
  scan.filter.order = TaskOrder::kPriority;
  EXPECT_THAT(*ScanIds(scan),
              ElementsAre(tasks[1].second, tasks[4].second, tasks[0].second,
                          tasks[3].second, tasks[5].second, tasks[2].second));
}

TEST_P(ScanTasksTest, LimitReturnsTheFirstTasksInOrder) {
  std::vector<TaskId> ids;
  for (int p : {1, 9, 5, 7}) {
    Task t = T("t");
    t.priority = p;
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(t));
    ids.push_back(id);
  }
  TaskScan scan;
  scan.limit = 2;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[0], ids[1]));
  scan.filter.order = TaskOrder::kPriority;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[1], ids[3]));
  scan.limit = 1;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[1]));
  scan.limit = 1000;
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[1], ids[3], ids[2], ids[0]));
}

TEST_P(ScanTasksTest, AfterStartsStrictlyAfterThePosition) {
  std::vector<TaskId> ids;
  for (int p : {5, 5, 8, 5, 2}) {
    Task t = T("t");
    t.priority = p;
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(t));
    ids.push_back(id);
  }
  // Priority order: ids[2] (8), ids[0], ids[1], ids[3] (5), ids[4] (2).
  TaskScan scan;
  scan.filter.order = TaskOrder::kPriority;
  scan.after = TaskSortPosition{-5, ids[0]};
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[1], ids[3], ids[4]));
  scan.after = TaskSortPosition{-5, ids[3]};
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[4]));
  scan.after = TaskSortPosition{-8, TaskId(0)};
  EXPECT_THAT(*ScanIds(scan),
              ElementsAre(ids[2], ids[0], ids[1], ids[3], ids[4]));
  // A position between keys, not naming any task.
  scan.after = TaskSortPosition{-6, TaskId(1'000'000)};
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[0], ids[1], ids[3], ids[4]));
  scan.after = TaskSortPosition{-2, ids[4]};
  EXPECT_THAT(*ScanIds(scan), IsEmpty());
  scan.filter.order = TaskOrder::kId;
  scan.after = TaskSortPosition{0, ids[2]};
  EXPECT_THAT(*ScanIds(scan), ElementsAre(ids[3], ids[4]));
}

TEST_P(ScanTasksTest, KeysetPagingWalksEverythingOnce) {
  // 23 tasks with many ties in every order.
  std::vector<TaskId> all;
  for (int i = 0; i < 23; ++i) {
    Task t = SimpleTask(i % 2 ? p1_ : p2_, m1_, "t" + std::to_string(i));
    t.priority = i % 4;
    if (i % 5 != 0)
      t.deadline = Due(2024, 1, 1 + i % 3,
                       (i % 3 == 0) ? std::optional<int>()
                                    : std::optional<int>(60 * (i % 7)));
    t.hidden_from_clients = i % 6 == 0;
    WS_ASSERT_OK_AND_ASSIGN(TaskId id, AddTask(t));
    all.push_back(id);
  }
  for (TaskOrder order :
       {TaskOrder::kId, TaskOrder::kDeadline, TaskOrder::kPriority}) {
    for (bool hidden : {true, false}) {
      for (int page_size : {1, 2, 5, 23, 100}) {
        SCOPED_TRACE(::testing::Message()
                     << "order " << static_cast<int>(order) << " page "
                     << page_size << " hidden " << hidden);
        TaskScan scan;
        scan.filter.order = order;
        scan.include_hidden = hidden;
        scan.limit = 1000;
        WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
        WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> whole, tx->ScanTasks(scan));
        EXPECT_EQ(whole.size(), hidden ? 23u : 19u);
        std::vector<TaskId> want, got;
        for (const Task& t : whole) want.push_back(t.id);
        scan.limit = page_size;
        for (int pages = 0; pages < 100; ++pages) {
          WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> page, tx->ScanTasks(scan));
          EXPECT_LE(page.size(), static_cast<size_t>(page_size));
          for (const Task& t : page) got.push_back(t.id);
          if (page.size() < static_cast<size_t>(page_size)) break;
          scan.after =
              TaskSortPosition{TaskSortKey(page.back(), order), page.back().id};
        }
        EXPECT_EQ(got, want);
        EXPECT_EQ(std::set<TaskId>(got.begin(), got.end()).size(), got.size());
      }
    }
  }
}

}  // namespace
}  // namespace worksection::conformance
