// The defaults of the Transaction interface's optional overrides.
#include <vector>

#include "absl/status/statusor.h"
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

}  // namespace worksection
