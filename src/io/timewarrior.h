// Reading `timew export` output: a JSON array of intervals. A pure
// function of its input, safe on any byte string.
#ifndef WORKSECTION_SRC_IO_TIMEWARRIOR_H_
#define WORKSECTION_SRC_IO_TIMEWARRIOR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace worksection::io {

struct TimewarriorInterval {
  std::string position;  // "intervals[3] (@4)", for messages
  int64_t id = 0;        // timew's @id, 0 when absent
  absl::Time start;
  std::optional<absl::Time> end;  // none: still running
  std::vector<std::string> tags;
  std::string annotation;
};

// InvalidArgument naming the interval's index for a missing or bad start,
// a bad end, an end before the start, or fields of the wrong type.
absl::StatusOr<std::vector<TimewarriorInterval>> ParseTimewarrior(
    absl::string_view json);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_TIMEWARRIOR_H_
