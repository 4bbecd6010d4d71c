// Filters, ordering and paging for the Session's list calls.
#ifndef WORKSECTION_QUERY_H_
#define WORKSECTION_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "worksection/ids.h"
#include "worksection/limits.h"
#include "worksection/model.h"

namespace worksection {

struct MemberFilter {
  bool include_inactive = false;
  std::optional<Role> role;
};

struct ProjectFilter {
  std::optional<ProjectStatus> status;  // overrides include_archived
  bool include_archived = false;
  std::optional<MemberId> member;  // projects this member belongs to
};

// How ListTasks orders its results. Ties are broken by ascending id, so the
// order is total and paging is stable.
enum class TaskOrder {
  kId,        // creation order
  kDeadline,  // earliest deadline first; tasks without one last
  kPriority,  // highest priority first
};

// Every set field narrows the result (the conditions are ANDed).
struct TaskFilter {
  std::optional<ProjectId> project;
  std::optional<TaskId> parent;  // direct subtasks of this task
  std::optional<MemberId> assignee;
  std::optional<MemberId> author;
  std::optional<TaskStatus> status;
  std::optional<std::string> tag;               // exact tag
  int min_priority = limits::kMinPriority;      // inclusive
  int max_priority = limits::kMaxPriority;      // inclusive
  std::optional<absl::CivilDay> deadline_from;  // inclusive, by deadline day
  std::optional<absl::CivilDay> deadline_to;    // inclusive, by deadline day
  // Open tasks whose deadline day is before this day (pass the workspace's
  // today to get the burning tasks).
  std::optional<absl::CivilDay> overdue_as_of;
  // Substring of the title or the text; ASCII letters match either case.
  std::string text_contains;

  TaskOrder order = TaskOrder::kId;
  int limit = limits::kDefaultPageSize;  // 1..kMaxPageSize
  // Empty for the first page, else the next_page_token of the previous
  // page, read with the same filter and order (else InvalidArgument).
  std::string page_token;
};

struct TaskPage {
  std::vector<Task> tasks;
  std::string next_page_token;  // empty on the last page
};

}  // namespace worksection

#endif  // WORKSECTION_QUERY_H_
