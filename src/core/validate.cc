#include "src/core/validate.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "worksection/limits.h"

namespace worksection {

bool IsValidUtf8(absl::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    uint32_t code;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, code = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, code = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, code = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      code = (code << 6) | (p[i] & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    p += extra + 1;
  }
  return true;
}

std::string Quote(absl::string_view value) {
  constexpr size_t kShown = 60;
  const bool cut = value.size() > kShown;
  return absl::StrCat("\"", absl::CHexEscape(value.substr(0, kShown)),
                      cut ? "...\"" : "\"");
}

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t min_bytes, size_t max_bytes) {
  if (value.size() < min_bytes || value.size() > max_bytes) {
    if (value.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ": is empty"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be ", min_bytes, " to ", max_bytes,
                     " bytes, got ", value.size()));
  }
  if (value.find('\0') != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": contains a NUL byte: ", Quote(value)));
  }
  if (!IsValidUtf8(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": is not valid UTF-8: ", Quote(value)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> NormalizeEmail(absl::string_view field,
                                           absl::string_view email) {
  email = absl::StripAsciiWhitespace(email);
  if (absl::Status s = CheckText(field, email, 3, limits::kMaxEmailBytes);
      !s.ok()) {
    return s;
  }
  const size_t at = email.find('@');
  const bool plausible =
      at != absl::string_view::npos && at > 0 && at + 1 < email.size() &&
      email.find('@', at + 1) == absl::string_view::npos &&
      std::none_of(email.begin(), email.end(), [](char c) {
        return absl::ascii_isspace(static_cast<unsigned char>(c)) ||
               absl::ascii_iscntrl(static_cast<unsigned char>(c));
      });
  if (!plausible) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", Quote(email), " is not an e-mail address"));
  }
  return absl::AsciiStrToLower(email);
}

absl::StatusOr<std::vector<std::string>> NormalizeTags(
    absl::string_view field, const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  out.reserve(tags.size());
  for (const std::string& raw : tags) {
    absl::string_view tag = absl::StripAsciiWhitespace(raw);
    if (absl::Status s = CheckText(field, tag, 1, limits::kMaxLabelBytes);
        !s.ok()) {
      return s;
    }
    out.emplace_back(tag);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > limits::kMaxTags) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": at most ", limits::kMaxTags, " tags, got ", out.size()));
  }
  return out;
}

absl::Status CheckTimeZone(absl::string_view field, absl::string_view name) {
  if (absl::Status s = CheckText(field, name, 1, 64); !s.ok()) return s;
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(std::string(name), &tz)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", Quote(name), " is not an IANA time zone"));
  }
  return absl::OkStatus();
}

absl::Status CheckCurrency(absl::string_view field, absl::string_view code) {
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) {
        return c >= 'A' && c <= 'Z';
      })) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", Quote(code), " is not an ISO 4217 code like \"EUR\""));
  }
  return absl::OkStatus();
}

absl::Status CheckDay(absl::string_view field, absl::CivilDay day) {
  if (day.year() < limits::kMinYear || day.year() > limits::kMaxYear) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", absl::FormatCivilTime(day), " is outside the years ",
        limits::kMinYear, " to ", limits::kMaxYear));
  }
  return absl::OkStatus();
}

absl::Status CheckOptionalDay(absl::string_view field,
                              const std::optional<absl::CivilDay>& day) {
  return day ? CheckDay(field, *day) : absl::OkStatus();
}

absl::Status CheckDayOrder(absl::string_view start_field,
                           const std::optional<absl::CivilDay>& start,
                           absl::string_view end_field,
                           const std::optional<absl::CivilDay>& end) {
  if (start && end && *start > *end) {
    return absl::InvalidArgumentError(absl::StrCat(
        start_field, " ", absl::FormatCivilTime(*start), " is after ",
        end_field, " ", absl::FormatCivilTime(*end)));
  }
  return absl::OkStatus();
}

absl::Status CheckPeriod(absl::string_view from_field,
                         const std::optional<absl::CivilDay>& from,
                         absl::string_view to_field,
                         const std::optional<absl::CivilDay>& to) {
  absl::Status s = CheckOptionalDay(from_field, from);
  if (s.ok()) s = CheckOptionalDay(to_field, to);
  if (s.ok()) s = CheckDayOrder(from_field, from, to_field, to);
  return s;
}

absl::Status CheckOptionalDuration(absl::string_view field,
                                   const std::optional<absl::Duration>& d) {
  if (!d) return absl::OkStatus();
  constexpr absl::Duration kMax = absl::Hours(24 * 366 * 100);
  if (*d <= absl::ZeroDuration() || *d > kMax ||
      *d != absl::Trunc(*d, absl::Seconds(1))) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be whole seconds from 1 s to 100 years, got ",
        absl::FormatDuration(*d)));
  }
  return absl::OkStatus();
}

absl::Status CheckOptionalMoney(absl::string_view field,
                                const std::optional<Money>& money) {
  constexpr Money kMax = 1'000'000'000'000'000;
  if (money && (*money < 0 || *money > kMax)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be 0 to ", kMax, " minor units, got ", *money));
  }
  return absl::OkStatus();
}

absl::Status CheckPriority(absl::string_view field, int priority) {
  if (priority < limits::kMinPriority || priority > limits::kMaxPriority) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be ", limits::kMinPriority, " to ",
                     limits::kMaxPriority, ", got ", priority));
  }
  return absl::OkStatus();
}

}  // namespace worksection
