// Writing new time entries: shared by LogTime, LogTimeBatch, StopTimer and
// the Timewarrior import.
#ifndef WORKSECTION_SRC_CORE_TIME_WRITES_H_
#define WORKSECTION_SRC_CORE_TIME_WRITES_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "src/core/call.h"
#include "src/core/ledger.h"
#include "worksection/rollup.h"
#include "worksection/session.h"
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

// Session::LogTimeBatch with the failing log named `name_of(index)` in the
// error (LogTimeBatch names it "logs[index]"): imports name the item of
// their file instead.
absl::StatusOr<std::vector<TimeEntry>> LogTimeBatchNamed(
    const Session& session, const std::vector<TimeLog>& logs,
    absl::FunctionRef<std::string(size_t)> name_of);

// Duration 1 s..24 h in whole seconds, a date in 1970..9999, the note.
absl::Status CheckTimeEntry(const TimeEntry& entry);

// New time entries written in one call (one, or a whole import). What they
// share is looked up once: tasks, members, who sees what, the locks. Their
// rollup changes are summed and each rollup row written once, and budget
// crossings are recorded once per task, and the entries are stored
// together, by Finish(). Lives for one call.
class TimeWriteBatch {
 public:
  // How the change feed tells of the new entries: a kCreated event each,
  // with its values; or, for bulk imports, one kBatchCreated event per task
  // listing the ids, so an imported entry is stored once.
  enum class Events { kPerEntry, kPerTask };

  explicit TimeWriteBatch(Call& call, Events events = Events::kPerEntry);

  // GetTaskToLogOn, once per task. The pointer lives as long as the batch.
  absl::StatusOr<const WritableTask*> TaskToLogOn(TaskId id,
                                                  absl::string_view field);
  // CheckCanSee, once per member and task.
  absl::Status CheckCanSee(MemberId member, const Task& task,
                           absl::string_view field);

  // The workspace time zone (UTC if it does not load), loaded once.
  const absl::TimeZone& zone();

  // Makes room for `n` more entries (a batch that knows its size).
  void Reserve(size_t n) { queued_.reserve(queued_.size() + n); }

  // Prices `entry` (member, date, start, duration, billable and note set)
  // with the rates in force, checks it and the locks, and queues it for
  // Finish.
  absl::Status Add(const WritableTask& target, TimeEntry entry);

  // Stores the queued entries together (Transaction::InsertTimeEntries),
  // writes the summed rollups, the kPerTask events and the budget
  // crossings, and returns the entries, in the order added, with their ids
  // and as the actor sees them. Call once, after the last Add.
  absl::StatusOr<std::vector<TimeEntry>> Finish();
  // Finish for a batch of one Add: that entry.
  absl::StatusOr<TimeEntry> FinishOne();

 private:
  // The member, read once; the pointer lives as long as the batch.
  absl::StatusOr<const Member*> GetMember(MemberId id);

  Call& call_;
  const bool events_per_task_;
  // Nodes, so that the pointers TaskToLogOn hands out stay valid.
  absl::node_hash_map<TaskId, WritableTask> targets_;
  absl::flat_hash_map<std::pair<MemberId, TaskId>, absl::Status> visibility_;
  absl::node_hash_map<MemberId, Member> members_;  // nodes: see GetMember
  std::optional<std::vector<PeriodLock>> locks_;
  std::optional<absl::TimeZone> zone_;
  RollupDeltas rollups_;
  std::map<TaskId, ProjectId> touched_;  // for the budget crossings
  std::vector<TimeEntry> queued_;        // priced, not yet stored
};

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_TIME_WRITES_H_
