#include "src/core/task_tree.h"

#include <utility>
#include <vector>

#include "worksection/limits.h"

namespace worksection {

absl::StatusOr<int> Level(Transaction& tx, const Task& task) {
  int level = 1;
  TaskId parent = task.parent;
  while (parent.valid() && level <= limits::kMaxTaskDepth) {
    absl::StatusOr<Task> p = tx.GetTask(parent);
    if (!p.ok()) return p.status();
    parent = p->parent;
    ++level;
  }
  return level;
}

absl::StatusOr<Subtree> LoadSubtree(Transaction& tx, TaskId root) {
  Subtree tree;
  std::vector<TaskId> level = {root};
  while (!level.empty()) {
    tree.ids.insert(tree.ids.end(), level.begin(), level.end());
    std::vector<TaskId> next;
    for (TaskId id : level) {
      absl::StatusOr<std::vector<TaskId>> children = tx.ListSubtaskIds(id);
      if (!children.ok()) return children.status();
      next.insert(next.end(), children->begin(), children->end());
    }
    if (!next.empty()) ++tree.height;
    level = std::move(next);
  }
  return tree;
}

}  // namespace worksection
