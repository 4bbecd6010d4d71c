// Session::BeginTransaction: several calls that take effect together or
// not at all.
#include <memory>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

using ::testing::HasSubstr;

class TransactionTest : public SessionTest {};

TEST_P(TransactionTest, CommitAppliesEveryCall) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                          Owner().BeginTransaction());
  WS_ASSERT_OK_AND_ASSIGN(Task a, tx->session().CreateTask(NewTask(web_, "A")));
  // Reads inside see the transaction's own writes.
  WS_ASSERT_OK_AND_ASSIGN(Task read, tx->session().GetTask(a.id));
  EXPECT_EQ(read.title, "A");
  Task sub = NewTask(web_, "A.1");
  sub.parent = a.id;
  ASSERT_THAT(tx->session().CreateTask(sub), IsOk());
  ASSERT_THAT(tx->session().CompleteTask(a.id, "done together"), IsOk());
  ASSERT_THAT(tx->Commit(), IsOk());

  WS_ASSERT_OK_AND_ASSIGN(Task done, Owner().GetTask(a.id));
  EXPECT_EQ(done.status, TaskStatus::kDone);
  TaskFilter children;
  children.parent = a.id;
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> subs, AllTasks(children));
  EXPECT_EQ(subs.size(), 1u);
  EXPECT_THAT(tx->Commit(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_P(TransactionTest, DestroyedOrRolledBackLeavesNothing) {
  const std::string before = Snapshot();
  {
    WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                            Owner().BeginTransaction());
    ASSERT_THAT(tx->session().CreateTask(NewTask(web_, "Dropped")), IsOk());
  }
  EXPECT_EQ(Snapshot(), before);

  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                          Owner().BeginTransaction());
  ASSERT_THAT(tx->session().CreateTask(NewTask(web_, "Rolled back")), IsOk());
  tx->Rollback();
  EXPECT_THAT(tx->session().CreateTask(NewTask(web_, "After")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(tx->Commit(), StatusIs(absl::StatusCode::kFailedPrecondition));
  tx.reset();
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TransactionTest, AFailedCallFailsTheWholeTransaction) {
  const std::string before = Snapshot();
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                          Owner().BeginTransaction());
  ASSERT_THAT(tx->session().CreateTask(NewTask(web_, "Kept?")), IsOk());
  EXPECT_THAT(tx->session().CreateTask(NewTask(web_, "")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  absl::Status later =
      tx->session().CreateTask(NewTask(web_, "Later")).status();
  EXPECT_THAT(later, StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(std::string(later.message()), HasSubstr("task.title"));
  EXPECT_THAT(tx->Commit(), StatusIs(absl::StatusCode::kAborted));
  tx.reset();
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(TransactionTest, CopiesOfTheSessionJoinButCannotNest) {
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                          Owner().BeginTransaction());
  Session copy = tx->session();
  ASSERT_THAT(copy.CreateTask(NewTask(web_, "Through a copy")), IsOk());
  EXPECT_THAT(copy.BeginTransaction(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  tx.reset();
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Task> all, AllTasks());
  for (const Task& t : all) EXPECT_NE(t.title, "Through a copy");
}

TEST_P(TransactionTest, OtherWritersWaitThenGiveUp) {
  OpenOptions options = DefaultOptions();
  options.busy_timeout = absl::Milliseconds(100);
  ASSERT_THAT(Reopen(options), IsOk());  // memory: starts afresh
  WS_ASSERT_OK_AND_ASSIGN(Member owner, ws_->FirstOwner());
  Project p;
  p.name = "Locks";
  WS_ASSERT_OK_AND_ASSIGN(p, ws_->As(owner.id).CreateProject(p));
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<SessionTransaction> tx,
                          ws_->As(owner.id).BeginTransaction());
  ASSERT_THAT(tx->session().CreateTask(NewTask(p.id, "Holding the lock")),
              IsOk());
  // Any other session is another writer, and waits for the transaction.
  EXPECT_THAT(ws_->As(owner.id).CreateTask(NewTask(p.id, "Waiting")),
              StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_THAT(tx->Commit(), IsOk());
  EXPECT_THAT(ws_->As(owner.id).CreateTask(NewTask(p.id, "Now")), IsOk());
}

WS_INSTANTIATE_ALL_STORES(TransactionTest);

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
