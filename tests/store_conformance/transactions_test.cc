// Transactions: rollback on destruction, read-your-writes, visibility after
// commit, serialized writers, read-only stores.
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::worksection::testing::IsOk;
using ::worksection::testing::StatusIs;

using TransactionsTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(TransactionsTest);

TEST_P(TransactionsTest, UncommittedInsertsLeaveNothing) {
  MemberId m;
  ProjectId p;
  TaskId t;
  CommentId c;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(m, tx->InsertMember(SimpleMember("a@x.org")));
    Project project = SimpleProject("P");
    project.members = {{m, ProjectRole::kManager}};
    project.manager = m;
    WS_ASSERT_OK_AND_ASSIGN(p, tx->InsertProject(project));
    WS_ASSERT_OK_AND_ASSIGN(t, tx->InsertTask(SimpleTask(p, m, "T")));
    WS_ASSERT_OK_AND_ASSIGN(c, tx->InsertComment(SimpleComment(t, m, "C")));
    // Destroyed without Commit.
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  EXPECT_THAT(tx->GetMember(m), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetProject(p), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetTask(t), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(tx->GetComment(c), StatusIs(absl::StatusCode::kNotFound));
  WS_ASSERT_OK_AND_ASSIGN(auto found, tx->FindMemberByEmail("a@x.org"));
  EXPECT_FALSE(found.has_value());
  MemberFilter all_members;
  all_members.include_inactive = true;
  WS_ASSERT_OK_AND_ASSIGN(auto members, tx->ListMembers(all_members));
  EXPECT_THAT(members, IsEmpty());
  ProjectScan all_projects;
  all_projects.filter.include_archived = true;
  WS_ASSERT_OK_AND_ASSIGN(auto projects, tx->ListProjects(all_projects));
  EXPECT_THAT(projects, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(auto memberships, tx->ListMemberships(m));
  EXPECT_THAT(memberships, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(auto tasks, tx->ScanTasks(TaskScan{}));
  EXPECT_THAT(tasks, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(auto comments, tx->ListComments(t, true));
  EXPECT_THAT(comments, IsEmpty());
}

TEST_P(TransactionsTest, UncommittedUpdatesAreRolledBack) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m1, AddMember(SimpleMember("a@x.org")));
  WS_ASSERT_OK_AND_ASSIGN(MemberId m2, AddMember(SimpleMember("b@x.org")));
  Project project = SimpleProject("P1");
  project.members = {{m1, ProjectRole::kManager}};
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p1, AddProject(project));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p2, AddProject(SimpleProject("P2")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t1, AddTask(SimpleTask(p1, m1, "T1")));
  WS_ASSERT_OK_AND_ASSIGN(TaskId t2, AddTask(SimpleTask(p1, m1, "T2")));
  WS_ASSERT_OK_AND_ASSIGN(CommentId c1,
                          AddComment(SimpleComment(t1, m1, "C1")));
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(Member m, tx->GetMember(m1));
    m.email = "changed@x.org";
    m.name = "Changed";
    m.revision = 2;
    ASSERT_THAT(tx->UpdateMember(m), IsOk());
    m.name = "Changed twice";  // two updates of one row
    m.revision = 3;
    ASSERT_THAT(tx->UpdateMember(m), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(Project p, tx->GetProject(p1));
    p.members = {{m2, ProjectRole::kMember}};
    p.status = ProjectStatus::kArchived;
    ASSERT_THAT(tx->UpdateProject(p), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(Task t, tx->GetTask(t2));
    t.project = p2;  // moved
    t.parent = t1;
    t.title = "Moved";
    ASSERT_THAT(tx->UpdateTask(t), IsOk());
    WS_ASSERT_OK_AND_ASSIGN(Comment c, tx->GetComment(c1));
    c.text = "edited";
    c.hidden_from_clients = true;
    ASSERT_THAT(tx->UpdateComment(c), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Member m, tx->GetMember(m1));
  EXPECT_EQ(m.email, "a@x.org");
  EXPECT_EQ(m.name, "Member a@x.org");
  EXPECT_EQ(m.revision, 1);
  WS_ASSERT_OK_AND_ASSIGN(auto by_old_email, tx->FindMemberByEmail("a@x.org"));
  ASSERT_TRUE(by_old_email.has_value());
  EXPECT_EQ(by_old_email->id, m1);
  WS_ASSERT_OK_AND_ASSIGN(auto by_new_email,
                          tx->FindMemberByEmail("changed@x.org"));
  EXPECT_FALSE(by_new_email.has_value());

  WS_ASSERT_OK_AND_ASSIGN(Project p, tx->GetProject(p1));
  EXPECT_EQ(p.status, ProjectStatus::kActive);
  EXPECT_EQ(p.members,
            (std::vector<ProjectMember>{{m1, ProjectRole::kManager}}));
  WS_ASSERT_OK_AND_ASSIGN(auto m1_projects, tx->ListMemberships(m1));
  ASSERT_EQ(m1_projects.size(), 1u);
  EXPECT_EQ(m1_projects[0].project, p1);
  WS_ASSERT_OK_AND_ASSIGN(auto m2_projects, tx->ListMemberships(m2));
  EXPECT_THAT(m2_projects, IsEmpty());

  WS_ASSERT_OK_AND_ASSIGN(Task t, tx->GetTask(t2));
  EXPECT_EQ(t.project, p1);
  EXPECT_EQ(t.parent, TaskId());
  EXPECT_EQ(t.title, "T2");
  TaskScan in_p1;
  in_p1.filter.project = p1;
  WS_ASSERT_OK_AND_ASSIGN(auto p1_tasks, tx->ScanTasks(in_p1));
  ASSERT_EQ(p1_tasks.size(), 2u);
  EXPECT_EQ(p1_tasks[0].id, t1);
  EXPECT_EQ(p1_tasks[1].id, t2);
  TaskScan in_p2;
  in_p2.filter.project = p2;
  WS_ASSERT_OK_AND_ASSIGN(auto p2_tasks, tx->ScanTasks(in_p2));
  EXPECT_THAT(p2_tasks, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(auto children, tx->ListSubtaskIds(t1));
  EXPECT_THAT(children, IsEmpty());

  WS_ASSERT_OK_AND_ASSIGN(Comment c, tx->GetComment(c1));
  EXPECT_EQ(c.text, "C1");
  EXPECT_FALSE(c.hidden_from_clients);
  WS_ASSERT_OK_AND_ASSIGN(auto visible, tx->ListComments(t1, false));
  ASSERT_EQ(visible.size(), 1u);
  EXPECT_EQ(visible[0].id, c1);
}

TEST_P(TransactionsTest, UncommittedSettingsAreRolledBack) {
  WorkspaceSettings s1;
  s1.name = "First";
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->PutSettings(s1), IsOk());
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    WS_ASSERT_OK_AND_ASSIGN(auto got, tx->GetSettings());
    EXPECT_FALSE(got.has_value());
  }
  ASSERT_THAT(InWrite([&](Transaction& tx) { return tx.PutSettings(s1); }),
              IsOk());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WorkspaceSettings s2 = s1;
    s2.name = "Second";
    s2.currency = "EUR";
    ASSERT_THAT(tx->PutSettings(s2), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto got, tx->GetSettings());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->name, "First");
  EXPECT_EQ(got->currency, "USD");
}

TEST_P(TransactionsTest, ReadsInsideAWriteSeeItsOwnWrites) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  WorkspaceSettings s;
  s.name = "Mine";
  ASSERT_THAT(tx->PutSettings(s), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto settings, tx->GetSettings());
  ASSERT_TRUE(settings.has_value());
  EXPECT_EQ(settings->name, "Mine");

  WS_ASSERT_OK_AND_ASSIGN(MemberId m, tx->InsertMember(SimpleMember("a@x")));
  WS_ASSERT_OK_AND_ASSIGN(Member member, tx->GetMember(m));
  EXPECT_EQ(member.email, "a@x");
  WS_ASSERT_OK_AND_ASSIGN(auto found, tx->FindMemberByEmail("a@x"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, m);

  Project project = SimpleProject("P");
  project.members = {{m, ProjectRole::kMember}};
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p, tx->InsertProject(project));
  WS_ASSERT_OK_AND_ASSIGN(auto memberships, tx->ListMemberships(m));
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(memberships[0].project, p);

  WS_ASSERT_OK_AND_ASSIGN(TaskId t, tx->InsertTask(SimpleTask(p, m, "T")));
  WS_ASSERT_OK_AND_ASSIGN(Task task, tx->GetTask(t));
  task.title = "T edited";
  ASSERT_THAT(tx->UpdateTask(task), IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tasks, tx->ScanTasks(TaskScan{}));
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].title, "T edited");
  WS_ASSERT_OK_AND_ASSIGN(CommentId c,
                          tx->InsertComment(SimpleComment(t, m, "C")));
  WS_ASSERT_OK_AND_ASSIGN(auto comments, tx->ListComments(t, true));
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].id, c);
  ASSERT_THAT(tx->Commit(), IsOk());
}

TEST_P(TransactionsTest, CommittedWritesAreVisibleToLaterReads) {
  MemberId m;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    WS_ASSERT_OK_AND_ASSIGN(m, tx->InsertMember(SimpleMember("a@x")));
    WorkspaceSettings s;
    s.name = "W";
    ASSERT_THAT(tx->PutSettings(s), IsOk());
    ASSERT_THAT(tx->Commit(), IsOk());
  }  // Commit, then destroy: no rollback.
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(Member member, tx->GetMember(m));
  EXPECT_EQ(member.email, "a@x");
  WS_ASSERT_OK_AND_ASSIGN(auto settings, tx->GetSettings());
  ASSERT_TRUE(settings.has_value());
  EXPECT_EQ(settings->name, "W");
}

TEST_P(TransactionsTest, SequentialReadTransactionsAndEmptyCommits) {
  for (int i = 0; i < 3; ++i) {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
    EXPECT_THAT(tx->GetSettings(), IsOk());
    EXPECT_THAT(tx->Commit(), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_THAT(tx->Commit(), IsOk());
}

TEST_P(TransactionsTest, ConcurrentWritersAreSerialized) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20;
  std::vector<std::thread> threads;
  std::vector<absl::Status> errors(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([this, i, &errors] {
      for (int j = 0; j < kPerThread; ++j) {
        absl::StatusOr<MemberId> id = AddMember(SimpleMember(
            "t" + std::to_string(i) + "-" + std::to_string(j) + "@x"));
        if (!id.ok()) {
          errors[i] = id.status();
          return;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : errors) EXPECT_THAT(s, IsOk());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto members, tx->ListMembers(MemberFilter{}));
  std::set<MemberId> ids;
  for (const Member& m : members) ids.insert(m.id);
  EXPECT_EQ(members.size(), size_t{kThreads * kPerThread});
  EXPECT_EQ(ids.size(), size_t{kThreads * kPerThread});
}

// Each write transaction inserts two tasks; a reader must never see an odd
// count (half a transaction), whether it reads while writers run or not.
TEST_P(TransactionsTest, ReadersSeeWholeTransactionsOnly) {
  WS_ASSERT_OK_AND_ASSIGN(MemberId m, AddMember(SimpleMember("a@x")));
  WS_ASSERT_OK_AND_ASSIGN(ProjectId p, AddProject(SimpleProject("P")));
  constexpr int kWrites = 30;
  std::atomic<bool> done{false};
  absl::Status writer_error;
  std::thread writer([&] {
    for (int i = 0; i < kWrites && writer_error.ok(); ++i) {
      writer_error = InWrite([&](Transaction& tx) {
        for (int k = 0; k < 2; ++k) {
          absl::StatusOr<TaskId> t = tx.InsertTask(SimpleTask(p, m, "t"));
          if (!t.ok()) return t.status();
        }
        return absl::OkStatus();
      });
    }
    done = true;
  });
  int reads = 0;
  std::vector<std::string> errors;
  while (!done || reads < 5) {
    absl::StatusOr<std::unique_ptr<Transaction>> tx = Read();
    if (!tx.ok()) {
      errors.push_back(std::string(tx.status().message()));
      break;
    }
    TaskScan scan;
    scan.limit = 1000;
    absl::StatusOr<std::vector<Task>> first = (*tx)->ScanTasks(scan);
    absl::StatusOr<std::vector<Task>> second = (*tx)->ScanTasks(scan);
    if (!first.ok() || !second.ok()) {
      errors.push_back("scan failed");
      break;
    }
    // Even, and stable within one read transaction.
    if (first->size() % 2 != 0 || first->size() != second->size()) {
      errors.push_back(std::to_string(first->size()) + " then " +
                       std::to_string(second->size()) + " tasks");
    }
    ++reads;
  }
  writer.join();
  EXPECT_THAT(writer_error, IsOk());
  EXPECT_THAT(errors, IsEmpty());
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  TaskScan scan;
  scan.limit = 1000;
  WS_ASSERT_OK_AND_ASSIGN(auto tasks, tx->ScanTasks(scan));
  EXPECT_EQ(tasks.size(), size_t{2 * kWrites});
}

TEST_P(TransactionsTest, SecondWriterTimesOutAsUnavailable) {
  CloseStore();
  StoreOptions options;
  options.busy_timeout = absl::Milliseconds(200);
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          OpenStore(uri(), options));
  WS_ASSERT_OK_AND_ASSIGN(auto holder, store->Begin(Store::Mode::kWrite));
  auto second = std::async(std::launch::async, [&] {
    return store->Begin(Store::Mode::kWrite).status();
  });
  const bool finished =
      second.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  EXPECT_TRUE(finished) << "Begin(kWrite) ignored the busy timeout";
  holder.reset();  // lets a blocked second writer finish in any case
  EXPECT_THAT(second.get(), StatusIs(absl::StatusCode::kUnavailable));
  // Once the first writer is gone, a writer gets in.
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kWrite));
  EXPECT_THAT(tx->InsertMember(SimpleMember("a@x")), IsOk());
  EXPECT_THAT(tx->Commit(), IsOk());
}

TEST_P(TransactionsTest, ReadOnlyStoreRefusesWrites) {
  // Leave something behind for stores that persist, then reopen read-only.
  ASSERT_THAT(InWrite([](Transaction& tx) {
                WorkspaceSettings s;
                s.name = "W";
                return tx.PutSettings(s);
              }),
              IsOk());
  CloseStore();
  StoreOptions options;
  options.read_only = true;
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          OpenStore(uri(), options));
  EXPECT_TRUE(store->read_only());
  EXPECT_THAT(store->Begin(Store::Mode::kWrite),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
  EXPECT_THAT(tx->GetSettings(), IsOk());
}

// Not parameterised: the memory store specifically.
TEST(MemoryStoreTest, ReadOnlyRefusesWrites) {
  StoreOptions options;
  options.read_only = true;
  WS_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                          OpenStore("memory:", options));
  EXPECT_TRUE(store->read_only());
  EXPECT_THAT(store->Begin(Store::Mode::kWrite),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  WS_ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Store::Mode::kRead));
  WS_ASSERT_OK_AND_ASSIGN(auto settings, tx->GetSettings());
  EXPECT_FALSE(settings.has_value());
}

TEST_P(TransactionsTest, WritableStoreIsNotReadOnly) {
  EXPECT_FALSE(store().read_only());
}

}  // namespace
}  // namespace worksection::conformance
