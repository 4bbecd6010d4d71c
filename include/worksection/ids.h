// Strong id types: a TaskId cannot be passed where a ProjectId is expected.
#ifndef WORKSECTION_IDS_H_
#define WORKSECTION_IDS_H_

#include <cstdint>
#include <ostream>

namespace worksection {

// An entity id. Ids are assigned by the store, are positive, and are never
// reused within one workspace. A default-constructed id (0) means "none".
// Value type; thread-compatible.
template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(int64_t value) : value_(value) {}

  constexpr int64_t value() const { return value_; }
  // True for an id that can name an entity (> 0).
  constexpr bool valid() const { return value_ > 0; }

  friend constexpr bool operator==(Id a, Id b) { return a.value_ == b.value_; }
  friend constexpr bool operator!=(Id a, Id b) { return a.value_ != b.value_; }
  friend constexpr bool operator<(Id a, Id b) { return a.value_ < b.value_; }
  friend constexpr bool operator>(Id a, Id b) { return a.value_ > b.value_; }
  friend constexpr bool operator<=(Id a, Id b) { return a.value_ <= b.value_; }
  friend constexpr bool operator>=(Id a, Id b) { return a.value_ >= b.value_; }
  template <typename H>
  friend H AbslHashValue(H h, Id id) {
    return H::combine(std::move(h), id.value_);
  }
  friend std::ostream& operator<<(std::ostream& os, Id id) {
    return os << id.value_;
  }

 private:
  int64_t value_ = 0;
};

using MemberId = Id<struct MemberIdTag>;
using ProjectId = Id<struct ProjectIdTag>;
using TaskId = Id<struct TaskIdTag>;
using CommentId = Id<struct CommentIdTag>;
using TimeEntryId = Id<struct TimeEntryIdTag>;
using CostId = Id<struct CostIdTag>;
using LockId = Id<struct LockIdTag>;

// Every stored entity carries a revision, starting at 1 and incremented by
// each committed update. An update that names a revision other than the
// stored one fails with Aborted; revision 0 means "do not check".
using Revision = int64_t;

// Money in minor units of the workspace currency (cents for EUR and USD).
using Money = int64_t;

}  // namespace worksection

#endif  // WORKSECTION_IDS_H_
