#include "src/io/proto_json.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace worksection::io {

absl::Status ParseJson(absl::string_view json, google::protobuf::Message* out,
                       bool ignore_unknown_fields) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = ignore_unknown_fields;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), out, options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(std::string(status.message()));
}

absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& message,
                                      bool pretty,
                                      bool always_print_primitive_fields) {
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = pretty;
  print.always_print_primitive_fields = always_print_primitive_fields;
  print.preserve_proto_field_names = true;
  std::string out;
  auto status =
      google::protobuf::util::MessageToJsonString(message, &out, print);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("printing ", message.GetTypeName(),
                     " as JSON: ", std::string(status.message())));
  }
  return out;
}

}  // namespace worksection::io
