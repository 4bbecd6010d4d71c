// Reading `task export` output (Taskwarrior 2.6 and 3.x): a JSON array of
// task objects. A pure function of its input, safe on any byte string.
#ifndef WORKSECTION_SRC_IO_TASKWARRIOR_H_
#define WORKSECTION_SRC_IO_TASKWARRIOR_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace worksection::io {

struct TaskwarriorAnnotation {
  std::optional<absl::Time> entry;
  std::string description;
};

// One task as exported, with the dates parsed and every other field kept.
struct TaskwarriorTask {
  std::string position;  // "tasks[3] (uuid …)", for messages
  std::string uuid;
  std::string description;
  std::string project;  // dots separate nesting levels
  std::string status;   // pending, completed, deleted, waiting, recurring
  std::optional<absl::Time> due, scheduled, wait, until, entry, end, modified;
  std::string priority;  // "H", "M", "L" or empty
  std::vector<std::string> tags;
  std::vector<TaskwarriorAnnotation> annotations;
  std::vector<std::string> depends;  // uuids (2.6: a comma list; 3.x: array)
  std::string recur;
  std::string recurrence_parent;  // an instance's template ("parent")
  // Fields this reader does not know (user-defined attributes, ...), as
  // (name, text), in name order.
  std::vector<std::pair<std::string, std::string>> other;
};

// InvalidArgument naming the task's index (and uuid) for a missing uuid or
// description, a field of the wrong type, a bad date, and duplicate uuids
// (naming both indexes).
absl::StatusOr<std::vector<TaskwarriorTask>> ParseTaskwarrior(
    absl::string_view json);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_TASKWARRIOR_H_
