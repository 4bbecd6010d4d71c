// The `timew export` reader (src/io/timewarrior.h) on any bytes: either the
// intervals, each ending (if it ends) no earlier than it starts; or
// InvalidArgument with a message.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "src/io/timewarrior.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view json(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<worksection::io::TimewarriorInterval>> intervals =
      worksection::io::ParseTimewarrior(json);
  if (!intervals.ok()) {
    WS_FUZZ_CHECK(absl::IsInvalidArgument(intervals.status()));
    WS_FUZZ_CHECK(!intervals.status().message().empty());
    return 0;
  }
  for (const worksection::io::TimewarriorInterval& interval : *intervals) {
    WS_FUZZ_CHECK(!interval.position.empty());
    WS_FUZZ_CHECK(!interval.end.has_value() || *interval.end >= interval.start);
  }
  return 0;
}
