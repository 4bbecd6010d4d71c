// The snapshot decoder (src/io/snapshot_format.h) on any bytes: either the
// records, header first and never the end record, each with a position for
// messages; or the refusal ImportSnapshot documents for input that is not
// a snapshot (InvalidArgument), is truncated or corrupt (DataLoss), or is
// of a newer format (FailedPrecondition).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "src/io/snapshot_format.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<worksection::io::PositionedRecord>> records =
      worksection::io::DecodeSnapshot(bytes);
  if (!records.ok()) {
    const absl::Status& s = records.status();
    WS_FUZZ_CHECK(absl::IsInvalidArgument(s) || absl::IsDataLoss(s) ||
                  absl::IsFailedPrecondition(s));
    WS_FUZZ_CHECK(!s.message().empty());
    return 0;
  }
  WS_FUZZ_CHECK(!records->empty());
  WS_FUZZ_CHECK((*records)[0].record.has_header());
  for (size_t i = 1; i < records->size(); ++i) {
    WS_FUZZ_CHECK(!(*records)[i].record.has_header());
    WS_FUZZ_CHECK(!(*records)[i].record.has_end());
    WS_FUZZ_CHECK(!(*records)[i].position.empty());
  }
  return 0;
}
