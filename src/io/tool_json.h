// What the Taskwarrior and Timewarrior readers share: a JSON array of
// objects, read into google.protobuf.Value, and their ISO 8601 basic
// instants ("20260115T093000Z").
#ifndef WORKSECTION_SRC_IO_TOOL_JSON_H_
#define WORKSECTION_SRC_IO_TOOL_JSON_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "google/protobuf/struct.pb.h"

namespace worksection::io {

// Larger inputs are refused before parsing.
inline constexpr size_t kMaxToolExportBytes = size_t{256} << 20;

// The objects of a top-level JSON array. InvalidArgument naming `tool` for
// input that is too large, not JSON, not an array, or holds a non-object
// (naming its index).
absl::StatusOr<std::vector<google::protobuf::Struct>> ParseObjectArray(
    absl::string_view json, absl::string_view tool);

// `read(object, index)` -> StatusOr<T> for each object of the array; the
// first error stops it.
template <typename T, typename Read>
absl::StatusOr<std::vector<T>> ReadObjects(absl::string_view json,
                                           absl::string_view tool, Read read) {
  absl::StatusOr<std::vector<google::protobuf::Struct>> objects =
      ParseObjectArray(json, tool);
  if (!objects.ok()) return objects.status();
  std::vector<T> out;
  out.reserve(objects->size());
  for (size_t i = 0; i < objects->size(); ++i) {
    absl::StatusOr<T> item = read((*objects)[i], static_cast<int>(i));
    if (!item.ok()) return item.status();
    out.push_back(*std::move(item));
  }
  return out;
}

// An object's fields as (name, value), in name order. The values belong to
// the object read.
using NamedValues =
    std::vector<std::pair<absl::string_view, const google::protobuf::Value*>>;

// The fields of `object`, in name order.
NamedValues FieldsOf(const google::protobuf::Struct& object);
// The fields set in `message`, whose fields are all google.protobuf.Value,
// in name order.
NamedValues FieldsOf(const google::protobuf::Message& message);

// The fast read of an array of objects whose keys are all known: `json`
// parsed as the `items` of `list` (`repeated Item items = 1`, each field of
// Item a google.protobuf.Value named as its key), which skips building a
// google.protobuf.Struct per object. False when `json` does not read so
// (too large, not JSON, not one array, a non-object, an unknown key): the
// caller then reads it with ParseObjectArray, which also words the errors.
// Duplicate keys, which JSON leaves undefined, may read differently: here
// the lists and objects of a key given twice are joined, there the last
// one stands.
bool ParseKnownObjects(absl::string_view json, google::protobuf::Message* list);

// `read(fields, index)` -> StatusOr<T> for each object of the array, its
// fields as NamedValues: through ParseKnownObjects into `KnownList` when the
// input reads so, else through ParseObjectArray. The first error stops it.
template <typename T, typename KnownList, typename Read>
absl::StatusOr<std::vector<T>> ReadKnownObjects(absl::string_view json,
                                                absl::string_view tool,
                                                Read read) {
  KnownList known;
  if (!ParseKnownObjects(json, &known)) {
    return ReadObjects<T>(
        json, tool, [&](const google::protobuf::Struct& object, int index) {
          return read(FieldsOf(object), index);
        });
  }
  std::vector<T> out;
  out.reserve(static_cast<size_t>(known.items_size()));
  for (int i = 0; i < known.items_size(); ++i) {
    absl::StatusOr<T> item = read(FieldsOf(known.items(i)), i);
    if (!item.ok()) return item.status();
    out.push_back(*std::move(item));
  }
  return out;
}

// "20260115T093000Z" (also "2026-01-15T09:30:00Z"), UTC.
bool ParseBasicInstant(absl::string_view text, absl::Time* out);

// A value as text: strings as they are, anything else as compact JSON.
std::string ValueText(const google::protobuf::Value& value);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_TOOL_JSON_H_
