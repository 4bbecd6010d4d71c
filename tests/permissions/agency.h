// A small agency, built afresh for every test over each store, to check the
// policy table through Session calls.
//
//   owner, admin
//   manager   employee, manager of P
//   worker    employee, plain member of P
//   outsider  employee, manager of Q (not in P)
//   client    client, project role client in P (not in Q)
//   client_q  client, project role client in Q
//   reader    reader, member of P
//
//   P: money budget and billing rate set.
//     open           set by manager, received by worker, money budget
//     hidden         set by manager, received by worker, hidden from clients
//     managers       set by manager, nobody received it
//     workers        set by worker
//     clients        set by client
//   Q: in_q          set by outsider
//
//   comments on `open`: pub (worker), hidden_comment (manager, hidden),
//   clients_comment (client); on `hidden`: on_hidden_task (worker, not
//   itself hidden).
#ifndef WORKSECTION_TESTS_PERMISSIONS_AGENCY_H_
#define WORKSECTION_TESTS_PERMISSIONS_AGENCY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing.h"
#include "worksection/worksection.h"

namespace worksection::testing {

inline constexpr Money kCostRate = 4500;
inline constexpr Money kBillingRate = 9000;
inline constexpr Money kProjectBudget = 500000;
inline constexpr Money kProjectRate = 12000;
inline constexpr Money kTaskBudget = 25000;

struct AgencyIds {
  MemberId owner, admin, manager, worker, outsider, client, client_q, reader;
  ProjectId p, q;
  TaskId open, hidden, managers, workers, clients, in_q;
  CommentId pub, hidden_comment, clients_comment, on_hidden_task;
};

// Parameterised by the store: "memory" or "sqlite".
class AgencyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;

  Session As(MemberId id) { return ws_->As(id); }
  Session Owner() { return As(a_.owner); }

  // Everything in the workspace, as viewer_ reads it, as text: equal
  // before and after a refused call when the call changed nothing.
  std::string State();

  // A fresh member created by the owner.
  absl::StatusOr<Member> NewMember(const std::string& name, Role role);

  // Reads as viewer_ (fails the test when the read fails).
  Task OwnerTask(TaskId id);
  Project OwnerProject(ProjectId id);
  Member OwnerMember(MemberId id);
  Comment OwnerComment(CommentId id);

  std::string uri_;
  absl::Time now_;  // the workspace's clock: 2024-03-01 09:00 UTC until a
                    // test moves it
  AgencyIds a_;
  MemberId viewer_;  // who reads State() and Owner*(): the owner unless
                     // a test says otherwise
  std::unique_ptr<TempDir> dir_;  // outlives ws_
  std::unique_ptr<Workspace> ws_;
};

// Note: WS_ASSERT_OK in testing.h binds a reference to a temporary's
// status; these tests use ASSERT_THAT(expr, IsOk()) instead.

// The ids of `tasks`, of `members`, of `projects`, of `comments`.
std::vector<TaskId> Ids(const std::vector<Task>& tasks);
std::vector<MemberId> Ids(const std::vector<Member>& members);
std::vector<ProjectId> Ids(const std::vector<Project>& projects);
std::vector<CommentId> Ids(const std::vector<Comment>& comments);

// The store parameters, named for test names.
std::vector<std::string> StoreKinds();
std::string StoreName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace worksection::testing

// Runs `expr` and expects it to fail with `want` (an absl::StatusCode
// enumerator name, e.g. kPermissionDenied) and to leave the workspace as it
// was.
#define EXPECT_REFUSED(want, expr)                         \
  do {                                                     \
    const std::string ws_before_ = State();                \
    const ::absl::Status ws_status_ =                      \
        ::worksection::testing::GetStatus((expr));         \
    EXPECT_EQ(ws_status_.code(), ::absl::StatusCode::want) \
        << #expr << " returned " << ws_status_;            \
    EXPECT_EQ(State(), ws_before_)                         \
        << #expr << " failed but changed the workspace";   \
  } while (0)

#define EXPECT_DENIED(expr) EXPECT_REFUSED(kPermissionDenied, expr)

#define WS_INSTANTIATE_AGENCY_TEST(suite)                                      \
  INSTANTIATE_TEST_SUITE_P(                                                    \
      Store, suite, ::testing::ValuesIn(::worksection::testing::StoreKinds()), \
      ::worksection::testing::StoreName)

#endif  // WORKSECTION_TESTS_PERMISSIONS_AGENCY_H_
