// ListTasks: every filter, the orders, paging.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

// Seven tasks spread over two projects (today is 2024-03-15):
//
//   id  project   title / text                 author  assignee pri deadline
//   tags            status t1  web       "Design homepage"/"Figma.."  owner emp
//   5   03-10           design          open t2  web       "Write COPY" owner
//   -        8   03-15 10:00     content,urgent  open t3  web       "Fix login
//   bug"              owner   emp      10  03-15           bug,urgent      done
//   t4  web       "Export assets" (under t1)   owner   -        3   - design
//   open t5  internal  "Invoice client"/"..HOMEPAGE" owner  -        0   03-01
//   -               open t6  web       "Review"                     emp owner
//   5   03-20 00:00     -               open t7  web       "Plan sprint" owner
//   -        5   03-14 23:59     -               done
class FiltersTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    if (HasFatalFailure()) return;
    Session s = Owner();

    Task t = NewTask(web_, "Design homepage");
    t.text = "Figma mockups";
    t.assignee = employee_id_;
    t.priority = 5;
    t.tags = {"design"};
    t.deadline = DeadlineOn(Day(2024, 3, 10));
    Create(s, t, t1_);

    t = NewTask(web_, "Write COPY");
    t.priority = 8;
    t.tags = {"urgent", "content"};
    t.deadline = DeadlineOn(Day(2024, 3, 15), 600);
    Create(s, t, t2_);

    t = NewTask(web_, "Fix login bug");
    t.assignee = employee_id_;
    t.priority = 10;
    t.tags = {"bug", "urgent"};
    t.deadline = DeadlineOn(Day(2024, 3, 15));
    Create(s, t, t3_);

    t = NewTask(web_, "Export assets", t1_);
    t.priority = 3;
    t.tags = {"design"};
    Create(s, t, t4_);

    t = NewTask(internal_, "Invoice client");
    t.text = "send the HOMEPAGE invoice";
    t.priority = 0;
    t.deadline = DeadlineOn(Day(2024, 3, 1));
    Create(s, t, t5_);

    t = NewTask(web_, "Review");
    t.assignee = owner_id_;
    t.priority = 5;
    t.deadline = DeadlineOn(Day(2024, 3, 20), 0);
    Create(Employee(), t, t6_);

    t = NewTask(web_, "Plan sprint");
    t.priority = 5;
    t.deadline = DeadlineOn(Day(2024, 3, 14), 1439);
    Create(s, t, t7_);

    ASSERT_THAT(s.CompleteTask(t3_), IsOk());
    ASSERT_THAT(s.CompleteTask(t7_), IsOk());
  }

  void Create(Session s, const Task& t, TaskId& id) {
    absl::StatusOr<Task> created = s.CreateTask(t);
    ASSERT_TRUE(created.ok()) << t.title << ": " << created.status();
    id = created->id;
  }

  std::vector<int64_t> V(std::initializer_list<TaskId> ids) {
    std::vector<int64_t> v;
    for (TaskId id : ids) v.push_back(id.value());
    return v;
  }

  TaskId t1_, t2_, t3_, t4_, t5_, t6_, t7_;
};

TEST_P(FiltersTest, NoFilterListsEverythingInIdOrder) {
  EXPECT_EQ(TaskIds({}), V({t1_, t2_, t3_, t4_, t5_, t6_, t7_}));
}

TEST_P(FiltersTest, ListedTasksCarryEveryField) {
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Owner().ListTasks());
  ASSERT_EQ(page.tasks.size(), 7u);
  for (const Task& listed : page.tasks) {
    WS_ASSERT_OK_AND_ASSIGN(Task got, Owner().GetTask(listed.id));
    EXPECT_EQ(Dump(listed), Dump(got));
  }
}

TEST_P(FiltersTest, ByProject) {
  TaskFilter f;
  f.project = web_;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t3_, t4_, t6_, t7_}));
  f.project = internal_;
  EXPECT_EQ(TaskIds(f), V({t5_}));
  f.project = ProjectId(9999);
  EXPECT_EQ(TaskIds(f), V({}));
}

TEST_P(FiltersTest, ByParent) {
  TaskFilter f;
  f.parent = t1_;
  EXPECT_EQ(TaskIds(f), V({t4_}));
  f.parent = t2_;
  EXPECT_EQ(TaskIds(f), V({}));
}

TEST_P(FiltersTest, ByAssigneeAndAuthor) {
  TaskFilter f;
  f.assignee = employee_id_;
  EXPECT_EQ(TaskIds(f), V({t1_, t3_}));
  f.assignee = owner_id_;
  EXPECT_EQ(TaskIds(f), V({t6_}));
  f = {};
  f.author = employee_id_;
  EXPECT_EQ(TaskIds(f), V({t6_}));
  f.author = owner_id_;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t3_, t4_, t5_, t7_}));
  f.author = client_id_;
  EXPECT_EQ(TaskIds(f), V({}));
}

TEST_P(FiltersTest, ByStatus) {
  TaskFilter f;
  f.status = TaskStatus::kDone;
  EXPECT_EQ(TaskIds(f), V({t3_, t7_}));
  f.status = TaskStatus::kOpen;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t4_, t5_, t6_}));
}

TEST_P(FiltersTest, ByTagExactly) {
  TaskFilter f;
  f.tag = "urgent";
  EXPECT_EQ(TaskIds(f), V({t2_, t3_}));
  f.tag = "design";
  EXPECT_EQ(TaskIds(f), V({t1_, t4_}));
  f.tag = "URGENT";  // exact: no case folding
  EXPECT_EQ(TaskIds(f), V({}));
  f.tag = "urg";  // exact: no prefix match
  EXPECT_EQ(TaskIds(f), V({}));
}

TEST_P(FiltersTest, ByPriorityRange) {
  TaskFilter f;
  f.min_priority = 5;
  f.max_priority = 8;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t6_, t7_}));
  f.min_priority = 10;
  f.max_priority = 10;
  EXPECT_EQ(TaskIds(f), V({t3_}));
  f.min_priority = 0;
  f.max_priority = 0;
  EXPECT_EQ(TaskIds(f), V({t5_}));
  f.min_priority = 9;
  f.max_priority = 3;  // an empty range
  EXPECT_EQ(TaskIds(f), V({}));
  f.min_priority = -1;
  f.max_priority = 10;
  EXPECT_THAT(Owner().ListTasks(f),
              StatusIs(absl::StatusCode::kInvalidArgument));
  f.min_priority = 0;
  f.max_priority = 11;
  EXPECT_THAT(Owner().ListTasks(f),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(FiltersTest, ByDeadlineRangeInclusive) {
  TaskFilter f;
  f.deadline_from = Day(2024, 3, 10);
  f.deadline_to = Day(2024, 3, 15);
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t3_, t7_}));
  f.deadline_from = Day(2024, 3, 15);
  f.deadline_to.reset();
  EXPECT_EQ(TaskIds(f), V({t2_, t3_, t6_}));
  f.deadline_from.reset();
  f.deadline_to = Day(2024, 3, 1);
  EXPECT_EQ(TaskIds(f), V({t5_}));
  f.deadline_from = Day(2024, 3, 14);
  f.deadline_to = Day(2024, 3, 14);
  EXPECT_EQ(TaskIds(f), V({t7_}));
  f.deadline_from = Day(2024, 3, 21);
  f.deadline_to.reset();
  EXPECT_EQ(TaskIds(f), V({}));
}

TEST_P(FiltersTest, OverdueAsOf) {
  TaskFilter f;
  f.overdue_as_of = Day(2024, 3, 15);  // today
  // Open tasks with a deadline day strictly before: t2 (today 10:00) is not
  // overdue by day, t7 (03-14) is done.
  EXPECT_EQ(TaskIds(f), V({t1_, t5_}));
  f.overdue_as_of = Day(2024, 3, 16);
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t5_}));
  f.overdue_as_of = Day(2024, 3, 1);
  EXPECT_EQ(TaskIds(f), V({}));
  f.overdue_as_of = Day(2024, 12, 31);
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t5_, t6_}));
  // Reopening t7 makes it overdue.
  WS_ASSERT_OK(Owner().ReopenTask(t7_));
  f.overdue_as_of = Day(2024, 3, 15);
  EXPECT_EQ(TaskIds(f), V({t1_, t5_, t7_}));
}

TEST_P(FiltersTest, TextContainsIgnoresAsciiCase) {
  TaskFilter f;
  f.text_contains = "homepage";  // title of t1, text (upper case) of t5
  EXPECT_EQ(TaskIds(f), V({t1_, t5_}));
  f.text_contains = "copy";
  EXPECT_EQ(TaskIds(f), V({t2_}));
  f.text_contains = "FIGMA";
  EXPECT_EQ(TaskIds(f), V({t1_}));
  f.text_contains = "LoGiN B";
  EXPECT_EQ(TaskIds(f), V({t3_}));
  f.text_contains = "nothing like this";
  EXPECT_EQ(TaskIds(f), V({}));
  // SQL wildcards are plain characters.
  f.text_contains = "%";
  EXPECT_EQ(TaskIds(f), V({}));
  f.text_contains = "_";
  EXPECT_EQ(TaskIds(f), V({}));
}

TEST_P(FiltersTest, TextContainsFoldsOnlyAsciiLetters) {
  WS_ASSERT_OK_AND_ASSIGN(
      Task apples,
      Owner().CreateTask(NewTask(internal_, "\xc3\x84pfel kaufen")));  // Äpfel
  WS_ASSERT_OK_AND_ASSIGN(
      Task percent, Owner().CreateTask(NewTask(internal_, "Discount 50%_off")));
  TaskFilter f;
  f.text_contains = "\xc3\x84pfel";
  EXPECT_EQ(TaskIds(f), V({apples.id}));
  f.text_contains = "PFEL KAUF";
  EXPECT_EQ(TaskIds(f), V({apples.id}));
  f.text_contains = "\xc3\xa4pfel";  // äpfel: not folded to Äpfel
  EXPECT_EQ(TaskIds(f), V({}));
  f.text_contains = "50%_OFF";
  EXPECT_EQ(TaskIds(f), V({percent.id}));
  f.text_contains = "%";
  EXPECT_EQ(TaskIds(f), V({percent.id}));
}

TEST_P(FiltersTest, CombinedFiltersAreAnded) {
  TaskFilter f;
  f.project = web_;
  f.status = TaskStatus::kOpen;
  f.tag = "urgent";
  EXPECT_EQ(TaskIds(f), V({t2_}));

  f = {};
  f.assignee = employee_id_;
  f.status = TaskStatus::kDone;
  EXPECT_EQ(TaskIds(f), V({t3_}));

  f = {};
  f.text_contains = "homepage";
  f.project = internal_;
  EXPECT_EQ(TaskIds(f), V({t5_}));

  f = {};
  f.project = web_;
  f.min_priority = 5;
  f.deadline_to = Day(2024, 3, 15);
  f.status = TaskStatus::kOpen;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_}));

  f = {};
  f.tag = "design";
  f.parent = t1_;
  f.max_priority = 3;
  EXPECT_EQ(TaskIds(f), V({t4_}));

  f = {};
  f.overdue_as_of = Day(2024, 3, 15);
  f.project = web_;
  f.text_contains = "DESIGN";
  EXPECT_EQ(TaskIds(f), V({t1_}));
}

TEST_P(FiltersTest, OrderByIdPriorityDeadline) {
  TaskFilter f;
  f.order = TaskOrder::kId;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t3_, t4_, t5_, t6_, t7_}));
  // Highest first; ties (t1, t6, t7 at 5) by ascending id.
  f.order = TaskOrder::kPriority;
  EXPECT_EQ(TaskIds(f), V({t3_, t2_, t1_, t6_, t7_, t4_, t5_}));
  // Earliest first; on 03-15 the timed t2 before the day-only t3; t4 without
  // a deadline last.
  f.order = TaskOrder::kDeadline;
  EXPECT_EQ(TaskIds(f), V({t5_, t1_, t7_, t2_, t3_, t6_, t4_}));
  // Orders combine with filters.
  f.project = web_;
  f.status = TaskStatus::kOpen;
  EXPECT_EQ(TaskIds(f), V({t1_, t2_, t6_, t4_}));
}

TEST_P(FiltersTest, DeadlineOrderTiesAndNoDeadlinesByAscendingId) {
  WS_ASSERT_OK_AND_ASSIGN(
      Task none, Owner().CreateTask(NewTask(internal_, "No deadline")));
  Task same_as_t1 = NewTask(internal_, "Same day as t1");
  same_as_t1.deadline = DeadlineOn(Day(2024, 3, 10));
  WS_ASSERT_OK_AND_ASSIGN(Task dup, Owner().CreateTask(same_as_t1));
  Task early = NewTask(internal_, "Early on 03-15");
  early.deadline = DeadlineOn(Day(2024, 3, 15), 0);
  WS_ASSERT_OK_AND_ASSIGN(Task e, Owner().CreateTask(early));
  TaskFilter f;
  f.order = TaskOrder::kDeadline;
  EXPECT_EQ(TaskIds(f),
            V({t5_, t1_, dup.id, t7_, e.id, t2_, t3_, t6_, t4_, none.id}));
}

// Walks every page of `filter` with `limit`, checking the page sizes, and
// returns the ids in the order seen.
std::vector<int64_t> WalkPages(Session s, TaskFilter filter, int limit,
                               int* pages) {
  std::vector<int64_t> ids;
  filter.limit = limit;
  *pages = 0;
  for (int guard = 0; guard < 100; ++guard) {
    absl::StatusOr<TaskPage> page = s.ListTasks(filter);
    if (!page.ok()) {
      ADD_FAILURE() << "page " << *pages << ": " << page.status();
      return ids;
    }
    ++*pages;
    EXPECT_LE(page->tasks.size(), static_cast<size_t>(limit));
    for (const Task& t : page->tasks) ids.push_back(t.id.value());
    if (page->next_page_token.empty()) return ids;
    EXPECT_EQ(page->tasks.size(), static_cast<size_t>(limit))
        << "a page before the last is full";
    filter.page_token = page->next_page_token;
  }
  ADD_FAILURE() << "paging does not end";
  return ids;
}

TEST_P(FiltersTest, PagingWalksEveryResultOnceInEveryOrder) {
  for (TaskOrder order :
       {TaskOrder::kId, TaskOrder::kPriority, TaskOrder::kDeadline}) {
    for (int limit : {1, 2, 3, 6, 7, 8}) {
      SCOPED_TRACE(::testing::Message() << "order " << static_cast<int>(order)
                                        << " limit " << limit);
      TaskFilter f;
      f.order = order;
      const std::vector<int64_t> all = TaskIds(f);
      ASSERT_EQ(all.size(), 7u);
      int pages = 0;
      EXPECT_EQ(WalkPages(Owner(), f, limit, &pages), all);
      EXPECT_EQ(pages, (7 + limit - 1) / limit);
    }
  }
}

TEST_P(FiltersTest, PagingWithAFilter) {
  TaskFilter f;
  f.project = web_;
  f.order = TaskOrder::kPriority;
  const std::vector<int64_t> all = TaskIds(f);
  ASSERT_EQ(all, V({t3_, t2_, t1_, t6_, t7_, t4_}));
  int pages = 0;
  EXPECT_EQ(WalkPages(Owner(), f, 4, &pages), all);
  EXPECT_EQ(pages, 2);
}

TEST_P(FiltersTest, PagingOverManyTasks) {
  // 250 more tasks, priorities and deadlines repeating, so that ties span
  // page boundaries.
  for (int i = 0; i < 250; ++i) {
    Task t = NewTask(internal_, absl::StrCat("Bulk ", i));
    t.priority = i % 3;
    if (i % 4 != 0) t.deadline = DeadlineOn(Day(2024, 4, 1 + i % 5));
    if (i % 8 == 1) t.deadline->minute_of_day = 720;
    WS_ASSERT_OK(Owner().CreateTask(t));
  }
  for (TaskOrder order :
       {TaskOrder::kId, TaskOrder::kPriority, TaskOrder::kDeadline}) {
    SCOPED_TRACE(static_cast<int>(order));
    TaskFilter f;
    f.order = order;
    const std::vector<int64_t> all = TaskIds(f);
    ASSERT_EQ(all.size(), 257u);
    EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), 257u);
    int pages = 0;
    EXPECT_EQ(WalkPages(Owner(), f, 37, &pages), all);
    EXPECT_EQ(pages, 7);
    // The default page size is 100.
    f.limit = limits::kDefaultPageSize;
    WS_ASSERT_OK_AND_ASSIGN(TaskPage first, Owner().ListTasks(TaskFilter{f}));
    TaskFilter dflt;
    dflt.order = order;
    WS_ASSERT_OK_AND_ASSIGN(TaskPage first_default, Owner().ListTasks(dflt));
    EXPECT_EQ(first_default.tasks.size(), 100u);
    EXPECT_EQ(Ids(first_default.tasks), Ids(first.tasks));
    EXPECT_FALSE(first_default.next_page_token.empty());
  }
}

TEST_P(FiltersTest, LastPageHasAnEmptyToken) {
  TaskFilter f;
  f.limit = 7;  // exactly all of them
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Owner().ListTasks(f));
  EXPECT_EQ(page.tasks.size(), 7u);
  EXPECT_EQ(page.next_page_token, "");
  f.limit = 6;
  WS_ASSERT_OK_AND_ASSIGN(page, Owner().ListTasks(f));
  EXPECT_EQ(page.tasks.size(), 6u);
  ASSERT_NE(page.next_page_token, "");
  f.page_token = page.next_page_token;
  WS_ASSERT_OK_AND_ASSIGN(page, Owner().ListTasks(f));
  EXPECT_THAT(Ids(page.tasks), ElementsAre(t7_.value()));
  EXPECT_EQ(page.next_page_token, "");
  // An empty result is one page with an empty token.
  TaskFilter none;
  none.tag = "no such tag";
  WS_ASSERT_OK_AND_ASSIGN(page, Owner().ListTasks(none));
  EXPECT_THAT(page.tasks, IsEmpty());
  EXPECT_EQ(page.next_page_token, "");
}

TEST_P(FiltersTest, TokenOfAnotherFilterOrOrderIsInvalid) {
  TaskFilter f;
  f.limit = 2;
  f.project = web_;
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Owner().ListTasks(f));
  ASSERT_FALSE(page.next_page_token.empty());

  TaskFilter other = f;
  other.page_token = page.next_page_token;
  other.project = internal_;
  absl::StatusOr<TaskPage> r = Owner().ListTasks(other);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(r.status().message(), HasSubstr("page_token"));

  other = f;
  other.page_token = page.next_page_token;
  other.order = TaskOrder::kPriority;
  EXPECT_THAT(Owner().ListTasks(other),
              StatusIs(absl::StatusCode::kInvalidArgument));
  other = f;
  other.page_token = page.next_page_token;
  other.text_contains = "a";
  EXPECT_THAT(Owner().ListTasks(other),
              StatusIs(absl::StatusCode::kInvalidArgument));
  other = f;
  other.page_token = page.next_page_token;
  other.status = TaskStatus::kOpen;
  EXPECT_THAT(Owner().ListTasks(other),
              StatusIs(absl::StatusCode::kInvalidArgument));
  other = f;
  other.page_token = page.next_page_token;
  other.min_priority = 1;
  EXPECT_THAT(Owner().ListTasks(other),
              StatusIs(absl::StatusCode::kInvalidArgument));

  // The same filter with another limit continues fine.
  other = f;
  other.page_token = page.next_page_token;
  other.limit = 100;
  WS_ASSERT_OK_AND_ASSIGN(TaskPage rest, Owner().ListTasks(other));
  EXPECT_EQ(Ids(rest.tasks), V({t3_, t4_, t6_, t7_}));
}

TEST_P(FiltersTest, GarbageTokensAreInvalid) {
  for (const std::string& token :
       {std::string("garbage!"), std::string("AAAA"), std::string("%%%%"),
        std::string("\xff\xfe"), std::string(5000, 'A')}) {
    SCOPED_TRACE(Esc(token));
    TaskFilter f;
    f.page_token = token;
    EXPECT_THAT(Owner().ListTasks(f),
                StatusIs(absl::StatusCode::kInvalidArgument));
  }
}

TEST_P(FiltersTest, LimitMustBeOneToAThousand) {
  TaskFilter f;
  for (int bad : {0, -1, 1001}) {
    f.limit = bad;
    absl::StatusOr<TaskPage> r = Owner().ListTasks(f);
    EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    EXPECT_THAT(r.status().message(), HasSubstr("limit"));
  }
  f.limit = 1;
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Owner().ListTasks(f));
  EXPECT_EQ(page.tasks.size(), 1u);
  f.limit = 1000;
  WS_ASSERT_OK_AND_ASSIGN(page, Owner().ListTasks(f));
  EXPECT_EQ(page.tasks.size(), 7u);
}

TEST_P(FiltersTest, EmployeeListsOnlyTheirProjects) {
  // The employee is no member of internal_: t5 is not theirs to see.
  WS_ASSERT_OK_AND_ASSIGN(TaskPage page, Employee().ListTasks());
  EXPECT_EQ(Ids(page.tasks), V({t1_, t2_, t3_, t4_, t6_, t7_}));
  TaskFilter f;
  f.project = internal_;
  WS_ASSERT_OK_AND_ASSIGN(page, Employee().ListTasks(f));
  EXPECT_THAT(page.tasks, IsEmpty());
}

WS_INSTANTIATE_ALL_STORES(FiltersTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
