// Writing a new time entry: shared by LogTime and StopTimer.
#ifndef WORKSECTION_SRC_CORE_TIME_WRITES_H_
#define WORKSECTION_SRC_CORE_TIME_WRITES_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "src/core/call.h"
#include "worksection/time_tracking.h"

namespace worksection {

// The task and its project, if the actor may see the task and the project
// is not archived.
struct WritableTask {
  Task task;
  Project project;
};
absl::StatusOr<WritableTask> GetTaskToLogOn(Call& call, TaskId id,
                                            absl::string_view field);

// Duration 1 s..24 h in whole seconds, a date in 1970..9999, the note.
absl::Status CheckTimeEntry(const TimeEntry& entry);

// Prices `entry` (member, task, date, start, duration, billable and note
// set) with the rates in force, checks it and the locks, stores it with its
// rollup and, unless `defer_crossings`, records budget crossings. Returns it
// as the actor sees it.
absl::StatusOr<TimeEntry> WriteNewTimeEntry(Call& call,
                                            const WritableTask& target,
                                            TimeEntry entry,
                                            bool defer_crossings = false);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_TIME_WRITES_H_
