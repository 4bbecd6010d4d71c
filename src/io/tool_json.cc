#include "src/io/tool_json.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "src/io/proto_json.h"

namespace worksection::io {

absl::StatusOr<std::vector<google::protobuf::Struct>> ParseObjectArray(
    absl::string_view json, absl::string_view tool) {
  if (json.size() > kMaxToolExportBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", tool, " export is ", json.size(),
                     " bytes, more than the limit of ", kMaxToolExportBytes));
  }
  google::protobuf::Value root;
  if (absl::Status s = ParseJson(json, &root, false); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", tool, " export is not JSON: ", s.message()));
  }
  if (!root.has_list_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the ", tool, " export is not a JSON array"));
  }
  std::vector<google::protobuf::Struct> out;
  auto& items = *root.mutable_list_value()->mutable_values();
  out.resize(items.size());
  for (int i = 0; i < items.size(); ++i) {
    if (!items[i].has_struct_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "[", i, "]: expected an object in the ", tool, " export"));
    }
    out[i].Swap(items[i].mutable_struct_value());
  }
  return out;
}

namespace {

void SortByName(NamedValues& fields) {
  std::sort(fields.begin(), fields.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

// Whether `json`, which parsed as the value of an object member, is one
// array and nothing more: `[], "items": [...]` parses so too. Strings may
// be single-quoted, as protobuf's parser allows.
bool IsOneArray(absl::string_view json) {
  json = absl::StripAsciiWhitespace(json);
  if (json.empty() || json.front() != '[') return false;
  int depth = 0;
  char quote = 0;  // of the string we are in
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && --depth == 0) {
      return i + 1 == json.size();
    }
  }
  return false;
}

}  // namespace

NamedValues FieldsOf(const google::protobuf::Struct& object) {
  NamedValues fields;
  fields.reserve(object.fields_size());
  for (const auto& [name, value] : object.fields()) {
    fields.emplace_back(name, &value);
  }
  SortByName(fields);
  return fields;
}

NamedValues FieldsOf(const google::protobuf::Message& message) {
  const google::protobuf::Descriptor& type = *message.GetDescriptor();
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  NamedValues fields;
  for (int i = 0; i < type.field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = type.field(i);
    if (!reflection.HasField(message, field)) continue;
    fields.emplace_back(field->name(),
                        &static_cast<const google::protobuf::Value&>(
                            reflection.GetMessage(message, field)));
  }
  SortByName(fields);
  return fields;
}

bool ParseKnownObjects(absl::string_view json,
                       google::protobuf::Message* list) {
  if (json.size() > kMaxToolExportBytes) return false;
  return IsOneArray(json) &&
         ParseJson(absl::StrCat("{\"items\":", json, "}"), list, false).ok();
}

namespace {

// The number in text[pos, pos + n), all digits; -1 otherwise.
int Digits(absl::string_view text, size_t pos, size_t n) {
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

// Hand-parsed: absl::ParseTime's %Y takes every digit it sees, which
// swallows the basic format's month and day.
bool ParseBasicInstant(absl::string_view text, absl::Time* out) {
  size_t y, mo, d, h, mi, s;
  if (text.size() == 16 && text[8] == 'T' && text[15] == 'Z') {
    y = 0, mo = 4, d = 6, h = 9, mi = 11, s = 13;
  } else if (text.size() == 20 && text[4] == '-' && text[7] == '-' &&
             text[10] == 'T' && text[13] == ':' && text[16] == ':' &&
             text[19] == 'Z') {
    y = 0, mo = 5, d = 8, h = 11, mi = 14, s = 17;
  } else {
    return false;
  }
  const int year = Digits(text, y, 4), month = Digits(text, mo, 2),
            day = Digits(text, d, 2), hour = Digits(text, h, 2),
            minute = Digits(text, mi, 2), second = Digits(text, s, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 ||
      second < 0) {
    return false;
  }
  const absl::CivilSecond civil(year, month, day, hour, minute, second);
  // Out-of-range fields normalize (month 13 -> January): refuse them.
  if (civil.year() != year || civil.month() != month || civil.day() != day ||
      civil.hour() != hour || civil.minute() != minute ||
      civil.second() != second) {
    return false;
  }
  *out = absl::FromCivil(civil, absl::UTCTimeZone());
  return true;
}

std::string ValueText(const google::protobuf::Value& value) {
  if (value.has_string_value()) return value.string_value();
  absl::StatusOr<std::string> json = PrintJson(value, false, false);
  return json.ok() ? *json : "?";
}

}  // namespace worksection::io
