#include "src/io/timewarrior.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/io/tool_json.h"
#include "worksection/v1/tool_exports.pb.h"

namespace worksection::io {
namespace {

using google::protobuf::Value;

absl::StatusOr<absl::Time> Instant(const Value& v, absl::string_view at,
                                   absl::string_view field) {
  absl::Time t;
  if (!v.has_string_value() || !ParseBasicInstant(v.string_value(), &t)) {
    return absl::InvalidArgumentError(
        absl::StrCat(at, ".", field, ": bad date ", ValueText(v),
                     " (expected YYYYMMDDTHHMMSSZ)"));
  }
  return t;
}

// The value of field `name`, or null.
const Value* Find(const NamedValues& fields, absl::string_view name) {
  for (const auto& [field, value] : fields) {
    if (field == name) return value;
  }
  return nullptr;
}

absl::StatusOr<TimewarriorInterval> ReadInterval(const NamedValues& fields,
                                                 int index) {
  TimewarriorInterval interval;
  const Value* id = Find(fields, "id");
  // Only a plausible @id: casting a double out of int64's range is undefined.
  if (id != nullptr && id->has_number_value() && id->number_value() >= 1 &&
      id->number_value() < 1e15) {
    interval.id = static_cast<int64_t>(id->number_value());
  }
  interval.position = absl::StrCat(
      "intervals[", index, "]",
      interval.id > 0 ? absl::StrCat(" (@", interval.id, ")") : std::string());
  const std::string& at = interval.position;
  const Value* start = Find(fields, "start");
  if (start == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(at, ": no start"));
  }
  absl::StatusOr<absl::Time> t = Instant(*start, at, "start");
  if (!t.ok()) return t.status();
  interval.start = *t;
  if (const Value* end = Find(fields, "end"); end != nullptr) {
    absl::StatusOr<absl::Time> e = Instant(*end, at, "end");
    if (!e.ok()) return e.status();
    if (*e < interval.start) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".end: before the start"));
    }
    interval.end = *e;
  }
  if (const Value* tags = Find(fields, "tags"); tags != nullptr) {
    if (!tags->has_list_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".tags: expected an array of strings"));
    }
    for (const Value& tag : tags->list_value().values()) {
      if (!tag.has_string_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat(at, ".tags: expected an array of strings"));
      }
      interval.tags.push_back(tag.string_value());
    }
  }
  if (const Value* note = Find(fields, "annotation"); note != nullptr) {
    if (!note->has_string_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".annotation: expected a string"));
    }
    interval.annotation = note->string_value();
  }
  return interval;
}

}  // namespace

absl::StatusOr<std::vector<TimewarriorInterval>> ParseTimewarrior(
    absl::string_view json) {
  // Keys beyond those Timewarrior writes take ParseObjectArray's path.
  return ReadKnownObjects<TimewarriorInterval, v1::TimewarriorExport>(
      json, "Timewarrior", ReadInterval);
}

}  // namespace worksection::io
