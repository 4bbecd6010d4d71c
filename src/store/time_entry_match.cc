// The reference semantics of TimeEntryScan, shared by every store.
#include <algorithm>
#include <string>
#include <vector>

#include "worksection/store.h"

namespace worksection {
namespace {

template <typename T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool TimeEntryMatches(const TimeEntry& entry, const TimeEntryScan& scan,
                      const std::vector<std::string>& task_tags,
                      bool task_hidden) {
  const TimeEntryFilter& f = scan.filter;
  if (scan.projects_in && !Contains(*scan.projects_in, entry.project)) {
    return false;
  }
  if (scan.tasks_in && !Contains(*scan.tasks_in, entry.task)) return false;
  if (!scan.include_hidden_tasks && task_hidden) return false;
  if (f.project && entry.project != *f.project) return false;
  if (f.task && entry.task != *f.task) return false;
  if (f.member && entry.member != *f.member) return false;
  if (f.from && entry.date < *f.from) return false;
  if (f.to && entry.date > *f.to) return false;
  if (f.billable && entry.billable != *f.billable) return false;
  if (f.tag && !Contains(task_tags, *f.tag)) return false;
  return true;
}

}  // namespace worksection
