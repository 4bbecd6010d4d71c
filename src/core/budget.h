// Budget usage of projects and tasks, and the alerts recorded when usage
// first crosses 80% and 100%.
#ifndef WORKSECTION_SRC_CORE_BUDGET_H_
#define WORKSECTION_SRC_CORE_BUDGET_H_

#include <cstdint>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "src/core/call.h"
#include "worksection/money.h"
#include "worksection/store.h"

namespace worksection {

// Which time and expenses a usage counts: all of them, or (for a reader
// who may not see hidden tasks) only those on tasks not hidden from clients,
// so that a client's budget shows no hour of a task it cannot see.
enum class HiddenTasks { kCount, kLeaveOut };

// What `actor`'s budget usage counts of `project`'s hidden tasks.
HiddenTasks HiddenOf(const Actor& actor, ProjectId project);

// A project's time and expenses against its budgets.
absl::StatusOr<BudgetUsage> ProjectUsage(Transaction& tx,
                                         const Project& project,
                                         HiddenTasks hidden);

// A task's own and its subtasks' time and expenses against its estimate and
// money budget.
absl::StatusOr<BudgetUsage> TaskUsage(Transaction& tx, const Task& task,
                                      HiddenTasks hidden);

// Alerts are recorded on all spending; a reader sees one only when the
// usage it sees has reached it too. Each usage it needs is computed once:
// a project's alerts (80% and 100%, of time and of money, of the project
// and of its tasks) share a few. Lives for one call or one read of the
// change feed: the usages are those of its transaction.
class AlertJudge {
 public:
  explicit AlertJudge(Transaction& tx) : tx_(tx) {}

  // Has the usage counting `hidden` reached `alert`? Always for kCount; for
  // a client, only when the spending it may see crossed the threshold, so
  // that no alert tells of hours on a task hidden from it.
  absl::StatusOr<bool> Reached(const BudgetAlert& alert, HiddenTasks hidden);

 private:
  Transaction& tx_;
  // By (project, task or 0, hidden).
  absl::flat_hash_map<std::tuple<int64_t, int64_t, HiddenTasks>, BudgetUsage>
      usages_;
};

// Records the 80% and 100% crossings not yet recorded for the project and,
// when `task` is set, for that task and its ancestors. Call after every
// write that changes time, costs or budgets.
absl::Status RecordBudgetCrossings(Transaction& tx, absl::Time now,
                                   ProjectId project, TaskId task);
// The same for several tasks of one project (a batch of writes): the
// project's usage is read once, and an ancestor the tasks share is checked
// once.
absl::Status RecordBudgetCrossings(Transaction& tx, absl::Time now,
                                   ProjectId project,
                                   const std::vector<TaskId>& tasks);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_BUDGET_H_
