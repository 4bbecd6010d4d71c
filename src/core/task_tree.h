// Walking a task tree: levels and subtrees.
#ifndef WORKSECTION_SRC_CORE_TASK_TREE_H_
#define WORKSECTION_SRC_CORE_TASK_TREE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "worksection/store.h"

namespace worksection {

// 1 for a top-level task, 2 for its subtask, ... (stops counting past
// kMaxTaskDepth).
absl::StatusOr<int> Level(Transaction& tx, const Task& task);

// A task's id followed by those of all its subtasks, breadth first, and
// the number of levels the subtree spans (1 for a task without subtasks).
struct Subtree {
  std::vector<TaskId> ids;
  int height = 1;
};

absl::StatusOr<Subtree> LoadSubtree(Transaction& tx, TaskId root);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_TASK_TREE_H_
