// The workspace the reliability tests write to: an owner, one project and
// its workers, in a SQLite file.
#ifndef WORKSECTION_TESTS_RELIABILITY_TEST_WORKSPACE_H_
#define WORKSECTION_TESTS_RELIABILITY_TEST_WORKSPACE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "worksection/ids.h"

namespace worksection::reliability {

struct TestWorkspace {
  MemberId owner;
  ProjectId project;
  // A task every worker increments (its text is a decimal count).
  TaskId counter;
  // Employees who manage `project`, each with a cost and a billing rate.
  std::vector<MemberId> workers;
};

// Creates the SQLite workspace at `path` (which must not hold one yet):
// the owner (cost and billing rates set), a project with a billing rate and
// 15-minute rounding up of billed time (so billed and raw seconds differ),
// `workers` employees and the counter task.
absl::StatusOr<TestWorkspace> CreateTestWorkspace(const std::string& path,
                                                  int workers);

}  // namespace worksection::reliability

#endif  // WORKSECTION_TESTS_RELIABILITY_TEST_WORKSPACE_H_
