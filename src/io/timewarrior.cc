#include "src/io/timewarrior.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/io/tool_json.h"

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

absl::StatusOr<TimewarriorInterval> ReadInterval(
    const google::protobuf::Struct& object, int index) {
  TimewarriorInterval interval;
  const auto& fields = object.fields();
  auto id = fields.find("id");
  // Only a plausible @id: casting a double out of int64's range is undefined.
  if (id != fields.end() && id->second.has_number_value() &&
      id->second.number_value() >= 1 && id->second.number_value() < 1e15) {
    interval.id = static_cast<int64_t>(id->second.number_value());
  }
  interval.position = absl::StrCat(
      "intervals[", index, "]",
      interval.id > 0 ? absl::StrCat(" (@", interval.id, ")") : std::string());
  const std::string& at = interval.position;
  auto start = fields.find("start");
  if (start == fields.end()) {
    return absl::InvalidArgumentError(absl::StrCat(at, ": no start"));
  }
  absl::StatusOr<absl::Time> t = Instant(start->second, at, "start");
  if (!t.ok()) return t.status();
  interval.start = *t;
  if (auto end = fields.find("end"); end != fields.end()) {
    absl::StatusOr<absl::Time> e = Instant(end->second, at, "end");
    if (!e.ok()) return e.status();
    if (*e < interval.start) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".end: before the start"));
    }
    interval.end = *e;
  }
  if (auto tags = fields.find("tags"); tags != fields.end()) {
    if (!tags->second.has_list_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".tags: expected an array of strings"));
    }
    for (const Value& tag : tags->second.list_value().values()) {
      if (!tag.has_string_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat(at, ".tags: expected an array of strings"));
      }
      interval.tags.push_back(tag.string_value());
    }
  }
  if (auto note = fields.find("annotation"); note != fields.end()) {
    if (!note->second.has_string_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".annotation: expected a string"));
    }
    interval.annotation = note->second.string_value();
  }
  return interval;
}

}  // namespace

absl::StatusOr<std::vector<TimewarriorInterval>> ParseTimewarrior(
    absl::string_view json) {
  return ReadObjects<TimewarriorInterval>(json, "Timewarrior", ReadInterval);
}

}  // namespace worksection::io
