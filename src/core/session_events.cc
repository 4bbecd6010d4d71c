#include <cstdint>

#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/event_feed.h"
#include "worksection/limits.h"
#include "worksection/session.h"

namespace worksection {

absl::StatusOr<ChangesPage> Session::ChangesSince(int64_t after_seq,
                                                  int limit) {
  if (after_seq < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("after_seq: must be 0 or more, not ", after_seq));
  }
  if (limit < 1 || limit > limits::kMaxPageSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        "limit: must be 1 to ", limits::kMaxPageSize, ", not ", limit));
  }
  return RunCall(*this, Store::Mode::kRead, [&](Call& call) {
    return ReadChanges(call.tx, call.actor, after_seq, limit);
  });
}

}  // namespace worksection
