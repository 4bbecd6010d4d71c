// Reading the change feed as one member: which events they may see, and
// the money they may not read taken out. ChangesSince and the subscribers
// share it, so both paths hold the same rules.
#ifndef WORKSECTION_SRC_CORE_EVENT_FEED_H_
#define WORKSECTION_SRC_CORE_EVENT_FEED_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "worksection/events.h"
#include "worksection/store.h"
#include "worksection/v1/event.pb.h"

namespace worksection {

// Decides, event by event, what one viewer receives. Caches the projects
// and members it reads; lives for one read transaction.
class EventFilter {
 public:
  EventFilter(Transaction& tx, const Actor& viewer)
      : tx_(tx), viewer_(viewer), alerts_(tx) {}

  // False when the viewer may not see `event`; else true, with the money
  // changes removed when the viewer may not read money. An update left
  // with no change to show is not seen either.
  absl::StatusOr<bool> Admit(v1::Event& event);

 private:
  absl::StatusOr<bool> CanSee(const v1::Event& event);
  // A task's, or an item of a task's: read the project, and hidden items.
  bool CanSeeTaskItem(const v1::Event& event) const;
  absl::StatusOr<bool> CanReadTimeIn(ProjectId project);
  absl::StatusOr<bool> CanReadMember(MemberId member);
  // For a task event that revealed the task to clients or concealed it from
  // them, which a viewer who reads the project's tasks but not hidden ones
  // did not pass CanSee for: reduces it to what the viewer may know and
  // returns true. False for any other event.
  bool ReduceToVisibilityChange(v1::Event& event) const;
  // A budget alert event: has the spending the viewer sees reached it?
  absl::StatusOr<bool> AlertReachedFor(const v1::Event& event);

  Transaction& tx_;
  const Actor& viewer_;
  absl::flat_hash_map<ProjectId, bool> time_readable_;
  absl::flat_hash_map<MemberId, bool> members_readable_;
  AlertJudge alerts_;
};

// The stored events with seq > after_seq (at most `limit` examined), as
// `viewer` may see them.
absl::StatusOr<ChangesPage> ReadChanges(Transaction& tx, const Actor& viewer,
                                        int64_t after_seq, int limit);

// Parses a stored event; DataLoss when its payload is not an Event.
absl::StatusOr<v1::Event> ParseStoredEvent(const StoredEvent& stored);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_EVENT_FEED_H_
