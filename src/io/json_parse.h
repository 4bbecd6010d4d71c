// Parsing JSON input with protobuf's JSON parser (no other JSON library is
// linked): into a message, or into a google.protobuf.Value for free-form
// input such as the Taskwarrior and Timewarrior exports.
#ifndef WORKSECTION_SRC_IO_JSON_PARSE_H_
#define WORKSECTION_SRC_IO_JSON_PARSE_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace worksection::io {

// InvalidArgument with the parser's message (which names what it met and
// where) when `json` does not parse into `out`.
absl::Status ParseJson(absl::string_view json, google::protobuf::Message* out,
                       bool ignore_unknown_fields);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_JSON_PARSE_H_
