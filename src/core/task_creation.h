// Creating tasks and comments inside a Call: the work of Session::CreateTask
// and Session::CreateComment, shared with the imports, which create them
// with the times (and, for a task, the state) the other tool recorded.
#ifndef WORKSECTION_SRC_CORE_TASK_CREATION_H_
#define WORKSECTION_SRC_CORE_TASK_CREATION_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "src/core/call.h"
#include "worksection/model.h"

namespace worksection {

// When a new task or comment says it was written.
struct CreationTimes {
  std::optional<absl::Time> created_at;  // unset: the call's time
  std::optional<absl::Time> updated_at;  // unset: created_at
};

// Checks and stores `task` as Session::CreateTask does (same errors), with
// `times`. With `completed_at` set, the task is stored done at that time,
// with its completion note, in the same one write: allowed only where
// CompleteTask would then be allowed on it (PermissionDenied otherwise).
absl::StatusOr<Task> CreateTask(
    Call& call, const Task& task, const CreationTimes& times = {},
    std::optional<absl::Time> completed_at = std::nullopt);

// Checks and stores `comment` as Session::CreateComment does (same errors),
// with `times`.
absl::StatusOr<Comment> CreateComment(Call& call, const Comment& comment,
                                      const CreationTimes& times = {});

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_TASK_CREATION_H_
