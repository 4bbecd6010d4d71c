// Snapshots: a whole workspace in one file, to back it up or to move it to
// another store ("memory:", SQLite, PostgreSQL).
//
// A snapshot holds the workspace settings and every member, project (with
// its members and tags), task (tags, checklist, subscribers), comment, time
// entry (with the rates and amounts stored on it), running timer, cost,
// locked period and budget alert, each with its id, revision and
// timestamps, and the change feed's events. Rollups are not in it:
// ImportSnapshot recomputes them from the time entries.
//
// Two encodings of the same content (docs/snapshots.md):
// - binary: the 8 bytes kSnapshotMagic, then records, each a varint length
//   and a worksection.v1.SnapshotRecord (proto/worksection/v1/
//   snapshot.proto): the header first, the entities, then an end record
//   that counts the records before it;
// - JSON: a worksection.v1.Snapshot message in the proto3 JSON mapping.
// Both are deterministic: entities come by kind and by id, so exporting the
// same workspace gives the same bytes, whatever the store, and export ->
// import -> export gives identical bytes.
//
// Thread-safety: as the Session and Workspace passed in.
#ifndef WORKSECTION_SNAPSHOT_H_
#define WORKSECTION_SNAPSHOT_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {

enum class SnapshotFormat { kBinary, kJson };

// The format version this library writes, and the newest it reads.
inline constexpr uint32_t kSnapshotFormatVersion = 1;
// The first bytes of a binary snapshot.
inline constexpr absl::string_view kSnapshotMagic("WSSNAP\r\n", 8);
// Larger inputs are refused with InvalidArgument before parsing.
inline constexpr size_t kMaxSnapshotBytes = size_t{1} << 30;

// Called as work proceeds with how many items are done out of `total`
// (total may grow once, when it becomes known). Called on the caller's
// thread; may be empty.
using ProgressCallback = std::function<void(int64_t done, int64_t total)>;

// The whole workspace as a snapshot, read in one transaction. Owner and
// admin only (Action::kExportSnapshot; PermissionDenied otherwise).
absl::StatusOr<std::string> ExportSnapshot(Session& session,
                                           SnapshotFormat format);

// Restores a snapshot (binary or JSON, told apart by the magic bytes) into
// `workspace`, whose store must hold no workspace yet (FailedPrecondition
// otherwise): anyone who may open an empty store may set it up, as with
// Workspace::Bootstrap. One transaction: on any error nothing is imported.
// Errors name the position (binary: the record's index and byte offset;
// JSON: the entity's path, or the parser's message quoting the text
// around the error with a caret under it):
// InvalidArgument for input that is not a snapshot, too large, or whose
// content breaks a rule (an unknown role, a task in a missing project);
// DataLoss for a truncated or corrupt binary snapshot; FailedPrecondition
// for a format version newer than kSnapshotFormatVersion (naming both);
// AlreadyExists for an id given twice.
absl::Status ImportSnapshot(Workspace& workspace, absl::string_view snapshot,
                            const ProgressCallback& progress = nullptr);

}  // namespace worksection

#endif  // WORKSECTION_SNAPSHOT_H_
