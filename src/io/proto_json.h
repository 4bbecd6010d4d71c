// Messages to and from JSON with protobuf's JSON mapping (no other JSON
// library is linked): the exports print with it; snapshots, and the
// Taskwarrior and Timewarrior imports (into google.protobuf.Value), parse
// with it.
#ifndef WORKSECTION_SRC_IO_PROTO_JSON_H_
#define WORKSECTION_SRC_IO_PROTO_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace worksection::io {

// InvalidArgument with the parser's message (which quotes the text around
// the error) when `json` does not parse into `out`.
absl::Status ParseJson(absl::string_view json, google::protobuf::Message* out,
                       bool ignore_unknown_fields);

// `message` with the proto field names; `always_print_primitive_fields`
// writes zeros and empty strings too (fields with presence only when set).
// Internal when protobuf refuses it.
absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& message,
                                      bool pretty,
                                      bool always_print_primitive_fields);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_PROTO_JSON_H_
