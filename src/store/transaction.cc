// The defaults of the Transaction interface's optional overrides.
#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/statusor.h"
#include "worksection/limits.h"
#include "worksection/store.h"

namespace worksection {

absl::StatusOr<std::vector<TimeEntryId>> Transaction::InsertTimeEntries(
    const std::vector<TimeEntry>& entries) {
  std::vector<TimeEntryId> ids;
  ids.reserve(entries.size());
  for (const TimeEntry& entry : entries) {
    absl::StatusOr<TimeEntryId> id = InsertTimeEntry(entry);
    if (!id.ok()) return id.status();
    ids.push_back(*id);
  }
  return ids;
}

absl::StatusOr<std::vector<TaskTally>> Transaction::TallyTasks(
    const TaskTallyScan& tally) {
  TaskScan scan = tally.scan;
  scan.filter.order = TaskOrder::kId;
  scan.after.reset();
  scan.limit = limits::kMaxPageSize;
  std::map<int64_t, TaskTally> by_key;
  for (;;) {
    absl::StatusOr<std::vector<Task>> page = ScanTasks(scan);
    if (!page.ok()) return page.status();
    for (const Task& t : *page) {
      const int64_t key = tally.by == TaskTallyKey::kProject
                              ? t.project.value()
                              : t.assignee.value();
      TaskTally& row = by_key[key];
      row.key = key;
      row.last_update = std::max(row.last_update, t.updated_at);
      if (t.estimate) row.estimate += *t.estimate;
      if (t.status == TaskStatus::kDone) {
        ++row.done;
        if (t.estimate) row.estimate_done += *t.estimate;
        continue;
      }
      ++row.open;
      if (!t.deadline) continue;
      const int64_t deadline_key = DeadlineKey(*t.deadline);
      if (deadline_key < tally.late_before_key) ++row.late;
      // Pages come in id order: a later task is first only by its deadline.
      if (!row.first_due_deadline ||
          deadline_key < DeadlineKey(*row.first_due_deadline)) {
        row.first_due = t.id;
        row.first_due_deadline = t.deadline;
      }
    }
    if (static_cast<int>(page->size()) < scan.limit) break;
    scan.after = TaskSortPosition{0, page->back().id};
  }
  std::vector<TaskTally> out;
  out.reserve(by_key.size());
  for (auto& [key, row] : by_key) out.push_back(std::move(row));
  return out;
}

}  // namespace worksection
