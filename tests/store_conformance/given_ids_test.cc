// Inserts that name an id keep it (what a snapshot restore relies on): the
// entity is stored under that id, a taken id is AlreadyExists, and fresh ids
// handed out later stay above every id stored.
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::worksection::testing::StatusIs;

using GivenIdsTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(GivenIdsTest);

TEST_P(GivenIdsTest, EveryEntityKeepsAGivenIdAndFreshIdsStayAbove) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  Member m = SimpleMember("given@x");
  m.id = MemberId(40);
  m.revision = 7;
  EXPECT_THAT(tx->InsertMember(m), IsOkAndHolds(MemberId(40)));
  Project p = SimpleProject("Given");
  p.id = ProjectId(41);
  p.revision = 3;
  EXPECT_THAT(tx->InsertProject(p), IsOkAndHolds(ProjectId(41)));
  Task t = SimpleTask(p.id, m.id, "given");
  t.id = TaskId(42);
  t.revision = 9;
  EXPECT_THAT(tx->InsertTask(t), IsOkAndHolds(TaskId(42)));
  // A subtask under a parent with a higher id, as a move can leave it.
  Task child = SimpleTask(p.id, m.id, "child");
  child.id = TaskId(43);
  EXPECT_THAT(tx->InsertTask(child), IsOkAndHolds(TaskId(43)));
  Comment c = SimpleComment(t.id, m.id, "given");
  c.id = CommentId(44);
  EXPECT_THAT(tx->InsertComment(c), IsOkAndHolds(CommentId(44)));
  TimeEntry e;
  e.id = TimeEntryId(45);
  e.revision = 2;
  e.task = t.id;
  e.project = p.id;
  e.member = m.id;
  e.date = absl::CivilDay(2026, 1, 15);
  e.duration = e.billed_duration = absl::Hours(1);
  e.billing_rate = e.cost_rate = e.billed_amount = e.labour_cost = 0;
  EXPECT_THAT(tx->InsertTimeEntry(e), IsOkAndHolds(TimeEntryId(45)));
  Cost cost;
  cost.id = CostId(46);
  cost.revision = 4;
  cost.project = p.id;
  cost.amount = 100;
  cost.date = absl::CivilDay(2026, 1, 15);
  cost.author = m.id;
  EXPECT_THAT(tx->InsertCost(cost), IsOkAndHolds(CostId(46)));
  PeriodLock lock;
  lock.id = LockId(47);
  lock.through = absl::CivilDay(2025, 12, 31);
  lock.author = m.id;
  EXPECT_THAT(tx->InsertLock(lock), IsOkAndHolds(LockId(47)));

  EXPECT_THAT(tx->GetMember(m.id),
              IsOkAndHolds(::testing::Field(&Member::revision, 7)));
  EXPECT_THAT(tx->GetTask(t.id),
              IsOkAndHolds(::testing::Field(&Task::revision, 9)));
  EXPECT_THAT(tx->GetTimeEntry(e.id),
              IsOkAndHolds(::testing::Field(&TimeEntry::revision, 2)));
  WS_ASSERT_OK(tx->Commit());
  tx.reset();

  // Fresh ids, in a later transaction, stay above every given one.
  WS_ASSERT_OK_AND_ASSIGN(auto tx2, Write());
  Member m2 = SimpleMember("fresh@x");
  WS_ASSERT_OK_AND_ASSIGN(MemberId fresh_member, tx2->InsertMember(m2));
  EXPECT_GT(fresh_member, MemberId(40));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId fresh_project,
                          tx2->InsertProject(SimpleProject("Fresh")));
  EXPECT_GT(fresh_project, ProjectId(41));
  WS_ASSERT_OK_AND_ASSIGN(TaskId fresh_task,
                          tx2->InsertTask(SimpleTask(p.id, m.id, "fresh")));
  EXPECT_GT(fresh_task, TaskId(43));
  WS_ASSERT_OK_AND_ASSIGN(CommentId fresh_comment,
                          tx2->InsertComment(SimpleComment(t.id, m.id, "f")));
  EXPECT_GT(fresh_comment, CommentId(44));
  e.id = TimeEntryId();
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryId fresh_entry, tx2->InsertTimeEntry(e));
  EXPECT_GT(fresh_entry, TimeEntryId(45));
  cost.id = CostId();
  WS_ASSERT_OK_AND_ASSIGN(CostId fresh_cost, tx2->InsertCost(cost));
  EXPECT_GT(fresh_cost, CostId(46));
  lock.id = LockId();
  WS_ASSERT_OK_AND_ASSIGN(LockId fresh_lock, tx2->InsertLock(lock));
  EXPECT_GT(fresh_lock, LockId(47));
}

TEST_P(GivenIdsTest, ATakenIdIsAlreadyExistsAndChangesNothing) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId a, AddMember(SimpleMember("a@x")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p, AddProject(SimpleProject("P")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t, AddTask(SimpleTask(p, a, "T")));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  Member again = SimpleMember("b@x");
  again.id = a;
  EXPECT_THAT(tx->InsertMember(again),
              StatusIs(absl::StatusCode::kAlreadyExists));
  Task task_again = SimpleTask(p, a, "again");
  task_again.id = t;
  EXPECT_THAT(tx->InsertTask(task_again),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(tx->GetTask(t),
              IsOkAndHolds(::testing::Field(&Task::title, "T")));
  EXPECT_THAT(tx->FindMemberByEmail("b@x"),
              IsOkAndHolds(::testing::Eq(std::nullopt)));
}

}  // namespace
}  // namespace worksection::conformance
