// The reference semantics of TaskScan, shared by every store: the memory
// store evaluates them directly, the SQL stores translate them into SQL, and
// the conformance suite holds both to the same results.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "worksection/store.h"

namespace worksection {
namespace {

int64_t DaysSinceEpoch(absl::CivilDay day) {
  return day - absl::CivilDay(1970, 1, 1);
}

// Byte-wise substring search where only ASCII letters fold case, as SQLite's
// lower() and instr() do without ICU.
bool ContainsIgnoringAsciiCase(absl::string_view haystack,
                               absl::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(),
                     needle.end(), [](char a, char b) {
                       return absl::ascii_tolower(a) == absl::ascii_tolower(b);
                     }) != haystack.end();
}

}  // namespace

int64_t DeadlineKey(const Deadline& deadline) {
  return DaysSinceEpoch(deadline.day) * kDeadlineSlotsPerDay +
         deadline.minute_of_day.value_or(kDayOnlyDeadlineSlot);
}

int64_t TaskSortKey(const Task& task, TaskOrder order) {
  switch (order) {
    case TaskOrder::kId:
      return 0;
    case TaskOrder::kDeadline:
      if (!task.deadline) return std::numeric_limits<int64_t>::max();
      return DeadlineKey(*task.deadline);
    case TaskOrder::kPriority:
      return -static_cast<int64_t>(task.priority);
  }
  return 0;
}

bool TaskMatches(const Task& task, const TaskScan& scan) {
  const TaskFilter& f = scan.filter;
  if (scan.projects_in &&
      std::find(scan.projects_in->begin(), scan.projects_in->end(),
                task.project) == scan.projects_in->end()) {
    return false;
  }
  if (!scan.include_hidden && task.hidden_from_clients) return false;
  if (f.project && task.project != *f.project) return false;
  if (f.parent && task.parent != *f.parent) return false;
  if (f.assignee && task.assignee != *f.assignee) return false;
  if (f.author && task.author != *f.author) return false;
  if (f.status && task.status != *f.status) return false;
  if (f.tag && std::find(task.tags.begin(), task.tags.end(), *f.tag) ==
                   task.tags.end()) {
    return false;
  }
  if (task.priority < f.min_priority || task.priority > f.max_priority) {
    return false;
  }
  if (f.deadline_from || f.deadline_to || f.overdue_as_of) {
    if (!task.deadline) return false;
    const absl::CivilDay day = task.deadline->day;
    if (f.deadline_from && day < *f.deadline_from) return false;
    if (f.deadline_to && day > *f.deadline_to) return false;
    if (f.overdue_as_of &&
        (task.status != TaskStatus::kOpen || day >= *f.overdue_as_of)) {
      return false;
    }
  }
  if (!f.text_contains.empty() &&
      !ContainsIgnoringAsciiCase(task.title, f.text_contains) &&
      !ContainsIgnoringAsciiCase(task.text, f.text_contains)) {
    return false;
  }
  return true;
}

}  // namespace worksection
