// The two encodings of a snapshot (see include/worksection/snapshot.h and
// docs/snapshots.md): framed binary records and proto3 JSON. Pure functions
// of their input, safe on any byte string (they are fuzzed).
#ifndef WORKSECTION_SRC_IO_SNAPSHOT_FORMAT_H_
#define WORKSECTION_SRC_IO_SNAPSHOT_FORMAT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/v1/snapshot.pb.h"

namespace worksection::io {

// A decoded record and where it was: "record 12 at byte 3456" (binary) or
// "tasks[3]" (JSON), for error messages.
struct PositionedRecord {
  v1::SnapshotRecord record;
  std::string position;
};

// `records` holds the header first, then the entities in snapshot order
// (by kind, then id). The binary encoder adds the end record.
std::string EncodeBinarySnapshot(
    const std::vector<v1::SnapshotRecord>& records);
absl::StatusOr<std::string> EncodeJsonSnapshot(
    const std::vector<v1::SnapshotRecord>& records);

// Decodes either encoding into the header record followed by the entities
// (never the end record). Checks the framing and the format version; the
// content of the entities is the caller's to check. Errors as
// ImportSnapshot documents them.
absl::StatusOr<std::vector<PositionedRecord>> DecodeSnapshot(
    absl::string_view bytes);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_SNAPSHOT_FORMAT_H_
