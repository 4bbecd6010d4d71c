// Opaque page tokens for ListTasks: the position after which the next page
// starts, bound to the filter it was issued for.
#ifndef WORKSECTION_SRC_CORE_PAGE_TOKEN_H_
#define WORKSECTION_SRC_CORE_PAGE_TOKEN_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/query.h"
#include "worksection/store.h"

namespace worksection {

std::string EncodePageToken(const TaskFilter& filter, TaskSortPosition after);
std::string EncodePageToken(const TimeEntryFilter& filter,
                            TimeEntryPosition after);

// Empty for an empty token. InvalidArgument for a malformed token or one
// issued for another filter or order.
absl::StatusOr<std::optional<TaskSortPosition>> DecodePageToken(
    const TaskFilter& filter);
absl::StatusOr<std::optional<TimeEntryPosition>> DecodePageToken(
    const TimeEntryFilter& filter);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_PAGE_TOKEN_H_
